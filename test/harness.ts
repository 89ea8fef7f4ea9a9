import { Writable } from 'node:stream';
import pino from 'pino';
import { createApp } from '../src/app.ts';
import { buildServices } from '../src/compose.ts';
import { loadConfig, type Config } from '../src/config.ts';
import type { Role } from '../src/db/schema.ts';
import { hashPassword } from '../src/modules/auth/auth.crypto.ts';
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

/**
 * The real app on a fresh database (PGlite, or PostgreSQL with TEST_DATABASE_URL), with the
 * production wiring (buildServices + createApp). Log lines are captured for assertions.
 */
export async function createHarness(env: Record<string, string> = {}) {
  const { db, database, close } = await testDatabase();
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

  let n = 0;
  async function createUser(role: Role, opts: { officeId?: number | null; login?: string; mustChangePassword?: boolean; active?: boolean } = {}) {
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
      .executeTakeFirstOrThrow();
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
    services,
    config,
    clock,
    logLines,
    createUser,
    ensureOffice,
    client: () => new TestClient(app),
    close,
  };
}
export type Harness = Awaited<ReturnType<typeof createHarness>>;

type Fetchable = { request: (input: string, init?: RequestInit) => Response | Promise<Response> };

/** A browser-like client: keeps cookies, sends the CSRF token that forms would carry. */
export class TestClient {
  cookies = new Map<string, string>();
  constructor(private readonly app: Fetchable) {}

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

  async login(login: string, password = TEST_PASSWORD) {
    const res = await this.post('/login', { login, password });
    return res;
  }
}
