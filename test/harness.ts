import { Writable } from 'node:stream';
import pino from 'pino';
import { createApp } from '../src/app.ts';
import { buildServices } from '../src/compose.ts';
import { loadConfig, type Config } from '../src/config.ts';
import type { Role } from '../src/db/schema.ts';
import { ROLES_ALWAYS_REQUIRING_SECOND_FACTOR, TOTP_PERIOD_SECONDS } from '../src/domain/second-factor.ts';
import { hashPassword } from '../src/modules/auth/auth.crypto.ts';
import { encryptSecret, newTotpSecret, totpCode } from '../src/modules/auth/auth.totp.ts';
import { testDatabase } from './db.ts';

export const TEST_PASSWORD = 'Test-password-1';
let testHash: Promise<string> | undefined;

/** A settable clock: tests move time instead of sleeping. */
export class Clock {
  constructor(public current = new Date('2026-11-27T01:00:00Z')) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** The real clock, for an app that runs on real time (the benchmarks): "advance" only moves this view of it. */
export class RealClock extends Clock {
  private offset = 0;
  override now = () => new Date(Date.now() + this.offset);
  override advance(ms: number) {
    this.offset += ms;
  }
}

/**
 * The real app on a fresh database (PGlite, or PostgreSQL with TEST_DATABASE_URL), with the
 * production wiring (buildServices + createApp). Log lines are captured for assertions.
 */
export async function createHarness(env: Record<string, string> = {}) {
  const { db, database, close, url } = await testDatabase();
  const config: Config = loadConfig({ ITDA_DEMO: 'off', ITDA_LOG_LEVEL: 'info', ...env });
  const logLines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
      cb();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  const clock = new Clock();
  const services = buildServices(database, config, logger, clock.now);
  await services.programs.syncReferenceData();
  const app = createApp({ config, logger, ...services, dbKind: database.kind });

  const authenticator = new Authenticator(clock);
  let n = 0;
  /**
   * An account as the admin would make it. Operator, admin and office lead accounts come enrolled
   * in the second factor (issue 14 §2) with a random key the harness keeps, so `client().login()`
   * can give the code like the person's app would; `enrolSecondFactor: false` leaves them to enrol.
   */
  async function createUser(
    role: Role,
    opts: { officeId?: number | null; login?: string; mustChangePassword?: boolean; active?: boolean; enrolSecondFactor?: boolean } = {},
  ) {
    testHash ??= hashPassword(TEST_PASSWORD);
    n += 1;
    const needsOffice = role === 'clerk' || role === 'office_lead';
    let officeId = opts.officeId ?? null;
    if (needsOffice && officeId === null) officeId = await ensureOffice();
    return db
      .insertInto('appUser')
      .values({
        login: opts.login ?? `${role.replace('_', '-')}-${n}`,
        displayName: `시험 ${role} ${n}`,
        role,
        officeId,
        passwordHash: await testHash,
        mustChangePassword: opts.mustChangePassword ?? false,
        active: opts.active ?? true,
        email: null,
        phone: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
      .then(async (user) => {
        if (ROLES_ALWAYS_REQUIRING_SECOND_FACTOR.includes(role) && opts.enrolSecondFactor !== false) {
          const secret = newTotpSecret();
          await db
            .insertInto('userTotp')
            .values({ userId: user.id, secretEnc: encryptSecret(secret, config.secondFactor.key), confirmedAt: clock.now() })
            .execute();
          authenticator.secrets.set(user.login.toLowerCase(), secret);
        }
        return user;
      });
  }

  /**
   * A programme whose current version is published with a rule, as a catalogue editor leaves it:
   * reviewed unless `review: 'drafted'` (a drafted rule judges no business, issue 11 §2). Defaults:
   * title "(시험) <key>", 경기 only (sido 41), no period (always open), a detail page on example.org;
   * `rule: null` is a version without a rule.
   */
  async function createProgramme(p: {
    key: string;
    rule: unknown;
    title?: string;
    review?: 'reviewed' | 'drafted';
    region?: { nationwide?: boolean; sido?: string[]; municipalities?: string[] };
    period?: [start: string, end: string];
  }): Promise<{ programmeId: number; versionId: number }> {
    const review = p.review ?? 'reviewed';
    const region = p.region ?? { sido: ['41'] };
    const programme = await db.insertInto('programme').values({ key: p.key, source: 'manual', sourceId: p.key }).returning('id').executeTakeFirstOrThrow();
    const version = await db
      .insertInto('programmeVersion')
      .values({
        programmeId: programme.id,
        version: 1,
        title: p.title ?? `(시험) ${p.key}`,
        changeReason: '시험',
        nationwide: region.nationwide ?? false,
        sido: region.sido ?? [],
        municipalities: region.municipalities ?? [],
        rule: p.rule === null ? null : JSON.stringify(p.rule),
        ruleReview: review,
        // The database refuses a reviewed rule without who and when (programme_version_review_recorded).
        ...(review === 'reviewed' ? { ruleReviewedByName: '시험 검토자', ruleReviewedAt: new Date('2026-12-01T00:00:00Z') } : {}),
        detailUrl: `https://example.org/notice/${p.key}`,
        ...(p.period ? { periodKind: 'range' as const, periodStart: p.period[0], periodEnd: p.period[1] } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('programme').set({ currentVersionId: version.id }).where('id', '=', programme.id).execute();
    return { programmeId: programme.id, versionId: version.id };
  }

  let officeId: number | undefined;
  async function ensureOffice(): Promise<number> {
    if (officeId) return officeId;
    const region = await db.selectFrom('region').select('id').orderBy('id').executeTakeFirstOrThrow();
    const o = await db.insertInto('office').values({ name: '시험 사무소', regionId: region.id, address: null, phone: null }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('officeMunicipality').values({ officeId: o.id, municipalityCode: '41110' }).execute();
    officeId = o.id;
    return o.id;
  }

  return {
    app,
    db,
    database,
    /** The PostgreSQL database's address (TEST_DATABASE_URL runs), for a second instance over it. */
    url,
    services,
    config,
    clock,
    logLines,
    createUser,
    createProgramme,
    ensureOffice,
    authenticator,
    client: () => new TestClient(app, authenticator),
    /** A client of another app over the same services and clock (another configuration). */
    clientOf: (other: Fetchable) => new TestClient(other, authenticator),
    close,
  };
}
export type Harness = Awaited<ReturnType<typeof createHarness>>;

type Fetchable = { request: (input: string, init?: RequestInit) => Response | Promise<Response> };

/**
 * Plays the person's authenticator app for the harness's accounts: knows their TOTP keys and gives
 * the code of the app's clock (the settable one). A code's time step is accepted once (replay), so
 * a second sign-in of the same account within one step moves the clock to the next step, as a
 * person would wait for the next code.
 */
export class Authenticator {
  readonly secrets = new Map<string, string>();
  private readonly lastStep = new Map<string, number>();
  constructor(private readonly clock: Clock) {}

  async code(login: string): Promise<string | null> {
    const key = login.toLowerCase();
    const secret = this.secrets.get(key);
    if (!secret) return null;
    const period = TOTP_PERIOD_SECONDS * 1000;
    const last = this.lastStep.get(key);
    let step = Math.floor(this.clock.now().getTime() / period);
    if (last !== undefined && step <= last) {
      this.clock.advance((last + 1) * period - this.clock.now().getTime());
      step = last + 1;
    }
    this.lastStep.set(key, step);
    return totpCode(secret, this.clock.now());
  }
}

/** A browser-like client: keeps cookies, sends the CSRF token that forms would carry. */
export class TestClient {
  cookies = new Map<string, string>();
  constructor(
    private readonly app: Fetchable,
    private readonly authenticator?: Authenticator,
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', this.cookieHeader());
    const res = await this.app.request(`http://localhost${path}`, { ...init, headers, redirect: 'manual' });
    this.store(res);
    return res;
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request(path, { headers });
  }

  /** Posts a form the way the page would: with the `_csrf` hidden field. */
  async post(path: string, form: Record<string, string | string[]>, opts: { csrf?: boolean | string; headers?: Record<string, string> } = {}) {
    if (!this.cookies.has('itda_csrf')) await this.get('/login');
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    if (opts.csrf !== false) body.set('_csrf', typeof opts.csrf === 'string' ? opts.csrf : (this.cookies.get('itda_csrf') ?? ''));
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...opts.headers },
      body: body.toString(),
    });
  }

  /**
   * Signs in as a person would, second factor included (issue 14 §2): the code from the account's
   * key when the app asks for it; a first-time enrolment reads the key off the enrolment page and
   * keeps it. Answers the sign-in's last redirect (for an enrolment, the recovery-code page's
   * continue link, which the person follows).
   */
  async login(login: string, password = TEST_PASSWORD, form: Record<string, string> = {}) {
    const res = await this.post('/login', { login, password, ...form });
    const location = res.headers.get('location') ?? '';
    if (!this.authenticator || res.status !== 303) return res;
    if (location.startsWith('/login/second-factor/enrol')) {
      const page = await (await this.get(location)).text();
      const secret = /data-key="([A-Z2-7]+)"/.exec(page)?.[1];
      if (!secret) throw new Error('no TOTP key on the enrolment page');
      this.authenticator.secrets.set(login.toLowerCase(), secret);
      const done = await this.post('/login/second-factor/enrol', { code: (await this.authenticator.code(login))!, next: form.next ?? '' });
      if (done.status !== 200) return done;
      const next = /id="recovery-continue"[^>]*>\s*<a href="([^"]+)"/.exec(await done.text())?.[1];
      if (!next) throw new Error('no continue link on the recovery-code page');
      return new Response(null, { status: 303, headers: { location: next.replace(/&amp;/g, '&') } });
    }
    if (location.startsWith('/login/second-factor')) {
      const code = await this.authenticator.code(login);
      if (!code) return res;
      const nextParam = new URL(location, 'http://localhost').searchParams.get('next') ?? '';
      return this.post('/login/second-factor', { code, next: nextParam });
    }
    return res;
  }
}
