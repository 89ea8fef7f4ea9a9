/**
 * Two instances of Itda over one PostgreSQL database (issue 12 §4: several processes, ITDA_WORKERS):
 * two compositions (buildServices + createApp), two connection pools, the same database — what two
 * cluster workers or two machines behind a load balancer are. A person's requests may reach either,
 * so everything that must hold across requests lives in the database:
 * - a session made by signing in on A is valid on B, and signing out on B ends it on A;
 * - failed sign-ins split over A and B count toward one lock-out (even when they arrive at once), and
 *   a second-factor code taken on A cannot be replayed on B;
 * - a queued job runs once although both run their job loops, and two runs of one job never overlap
 *   (job_lease);
 * - a business's facts changed through A, and a programme changed in the database, show on B's
 *   pages at once: B's stored verdicts, its cached catalogue and its kept page bodies are not a
 *   stale copy of its own.
 * Each check first shows the state before the change on the other instance, so that a copy kept in
 * one process would make it fail.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { buildServices, type Services } from '../../src/compose.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { jobHandlers, prepareJobs, SKIPPED, startWorker, withLeases, type Worker } from '../../src/jobs/jobs.ts';
import { totpCode } from '../../src/modules/auth/auth.totp.ts';
import { createHarness, TEST_PASSWORD, type Harness } from '../harness.ts';

vi.setConfig({ testTimeout: 60_000 });

const ON_POSTGRES = !!process.env.TEST_DATABASE_URL;
const PGLITE_SKIP =
  'PGlite is one in-process database that a second process cannot open, so there is no second instance to start. Run with TEST_DATABASE_URL (PostgreSQL) for this test.';

type LogLine = Record<string, unknown>;
function capture(lines: LogLine[]) {
  return pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
        cb();
      },
    }),
  );
}

interface Instance {
  app: App;
  services: Services;
  database: Database;
}

let h: Harness;
let a: Instance;
let b: Instance & { close: () => Promise<void> };
const silent = pino({ level: 'silent' });

beforeAll(async () => {
  if (!ON_POSTGRES) return;
  h = await createHarness();
  a = { app: h.app, services: h.services, database: h.database };
  // B: its own pool and its own composition over A's database, as another process would build them.
  const database = await openDatabase({ kind: 'postgres', url: h.url! });
  const services = buildServices(database, h.config, silent, h.clock.now);
  const app = createApp({ config: h.config, logger: silent, ...services, dbKind: database.kind });
  b = { app, services, database, close: () => database.close() };
}, 120_000);
afterAll(async () => {
  await a?.services.storedVerdicts.settled();
  await b?.services.storedVerdicts.settled();
  await b?.close();
  await h?.close();
});

/** One browser behind a load balancer: the same cookies, sent to whichever instance `to` names. */
function browser() {
  const balancer = { to: a, request: (input: string, init?: RequestInit) => balancer.to.app.request(input, init) };
  const client = h.clientOf(balancer);
  return {
    client,
    on(i: Instance) {
      balancer.to = i;
      return client;
    },
  };
}

async function until(check: () => Promise<boolean>, ms = 30_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('two instances over one PostgreSQL database', () => {
  it('share sessions: signed in on A, signed in on B; signed out on B, signed out on A', async (ctx) => {
    ctx.skip(!ON_POSTGRES, PGLITE_SKIP);
    const u = await h.createUser('clerk', { login: 'two-sessions' });
    const br = browser();
    // B has never seen this browser: no session of its own.
    expect((await br.on(b).get('/home')).status).toBe(303);

    const signIn = await br.on(a).login(u.login);
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/home');
    const sessionCookies = new Map(br.client.cookies);

    const onB = await br.on(b).get('/home');
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain(u.displayName);

    // Sign out on B; the old cookie, replayed to A, no longer opens anything.
    expect((await br.on(b).post('/logout', {})).headers.get('location')).toBe('/login?reason=signedOut');
    expect(await h.db.selectFrom('userSession').select('idHash').where('userId', '=', u.id).execute()).toHaveLength(0);
    const replay = h.clientOf(a.app);
    replay.cookies = sessionCookies;
    const afterOut = await replay.get('/home');
    expect(afterOut.status).toBe(303);
    expect(afterOut.headers.get('location')).toMatch(/^\/login/);
  });

  it('share the sign-in lock-out: failures on A and on B, some at the same moment, add up to one count', async (ctx) => {
    ctx.skip(!ON_POSTGRES, PGLITE_SKIP);
    expect(h.config.lockout.threshold).toBe(5);
    const u = await h.createUser('clerk', { login: 'two-lockout' });
    const br = browser();
    const wrong = (i: Instance) => h.clientOf(i.app).post('/login', { login: u.login, password: 'not-the-password-1' });
    const attempts = async () => (await h.db.selectFrom('appUser').select(['failedAttempts', 'lockedUntil']).where('id', '=', u.id).executeTakeFirstOrThrow());

    // Four at once, two on each instance: each is counted (a counter per process would say 2 on each,
    // and a read-then-write counter without the row lock would lose some of them).
    await Promise.all([wrong(a), wrong(b), wrong(a), wrong(b)]);
    expect(await attempts()).toEqual({ failedAttempts: 4, lockedUntil: null });

    // The fifth, on B, locks the account for both.
    await wrong(b);
    const locked = await attempts();
    expect(locked.failedAttempts).toBe(0);
    expect(locked.lockedUntil!.getTime()).toBe(h.clock.now().getTime() + h.config.lockout.minutes * 60_000);
    const lockouts = await h.db.selectFrom('auditEvent').select('id').where('action', '=', 'auth.lockout').where('targetUserId', '=', u.id).execute();
    expect(lockouts).toHaveLength(1);

    // The right password on A is refused while locked; after the lock-out it is taken.
    const refused = await br.on(a).login(u.login, TEST_PASSWORD);
    expect(refused.status).not.toBe(303);
    expect((await br.on(a).get('/home')).status).toBe(303);
    h.clock.advance(h.config.lockout.minutes * 60_000 + 1_000);
    expect((await br.on(b).login(u.login, TEST_PASSWORD)).headers.get('location')).toBe('/home');
  });

  it('share the second factor’s used codes: a code taken on A is refused when replayed on B', async (ctx) => {
    ctx.skip(!ON_POSTGRES, PGLITE_SKIP);
    const u = await h.createUser('operator', { login: 'two-totp' });
    const code = await totpCode(h.authenticator.secrets.get('two-totp')!, h.clock.now());
    const onA = h.clientOf(a.app);
    expect((await onA.post('/login', { login: u.login, password: TEST_PASSWORD })).headers.get('location')).toMatch(/^\/login\/second-factor/);
    const taken = await onA.post('/login/second-factor', { code, next: '' });
    expect(taken.status).toBe(303);
    expect(taken.headers.get('location')).toBe('/home');

    // Someone who saw the password and the code tries them on B within the same 30 seconds.
    const onB = h.clientOf(b.app);
    expect((await onB.post('/login', { login: u.login, password: TEST_PASSWORD })).headers.get('location')).toMatch(/^\/login\/second-factor/);
    const replayed = await onB.post('/login/second-factor', { code, next: '' });
    expect(replayed.status).not.toBe(303);
    expect((await onB.get('/home')).status).toBe(303);
    const failures = await h.db.selectFrom('auditEvent').select('detail').where('action', '=', 'auth.second_factor_failed').where('targetUserId', '=', u.id).execute();
    expect(failures.map((f) => (f.detail as { reason?: string }).reason)).toEqual(['replay']);
  });

  describe('jobs', () => {
    const workers: Worker[] = [];
    afterAll(async () => {
      for (const w of workers) await w.stop();
    });

    it('run each queued job once although both instances run their job loops, never two runs at once', async (ctx) => {
      ctx.skip(!ON_POSTGRES, PGLITE_SKIP);
      // As the cluster's primary does before forking: queues made once (two processes making a new
      // queue at once deadlock in pg-boss), then both workers only work.
      await prepareJobs(a.database, silent);
      const linesA: LogLine[] = [];
      const linesB: LogLine[] = [];
      const runs = { A: 0, B: 0 };
      let active = 0;
      let mostAtOnce = 0;
      const purge = (who: 'A' | 'B') => async () => {
        runs[who] += 1;
        active += 1;
        mostAtOnce = Math.max(mostAtOnce, active);
        // Long enough for the other instance to pick the next job while this one runs.
        await new Promise((r) => setTimeout(r, 400));
        active -= 1;
        return who;
      };
      const opts = { schedule: false, pollingIntervalSeconds: 0.5, prepared: true };
      const [wA, wB] = await Promise.all([
        startWorker(a.database, { ...jobHandlers(a.services), 'sessions.purge': purge('A') }, capture(linesA), opts),
        startWorker(b.database, { ...jobHandlers(b.services), 'sessions.purge': purge('B') }, capture(linesB), opts),
      ]);
      workers.push(wA, wB);

      const ids: string[] = [];
      for (let i = 0; i < 8; i++) ids.push((await (i % 2 ? wA : wB).send('sessions.purge'))!);
      const finished = await until(async () => {
        for (const id of ids) if ((await wA.boss.getJobById('sessions.purge', id))?.state !== 'completed') return false;
        return true;
      });
      expect(finished).toBe(true);

      const done = [...linesA, ...linesB].filter((l) => l.msg === 'job done' && l.job === 'sessions.purge');
      // Every job handled by exactly one of the two, none twice.
      expect(done.map((l) => l.id).sort()).toEqual([...ids].sort());
      const ran = done.filter((l) => l.result === 'A' || l.result === 'B');
      const skipped = done.filter((l) => JSON.stringify(l.result) === JSON.stringify(SKIPPED));
      expect(ran.length + skipped.length).toBe(8);
      expect(runs.A + runs.B).toBe(ran.length);
      expect(ran.length).toBeGreaterThan(0);
      // The lease: a job picked by one instance while the other ran the same job waited for nobody
      // and did nothing (the running one does what is due), so the handler never ran twice at once.
      expect(mostAtOnce).toBe(1);
      console.log(`two-instances jobs: runs on A ${runs.A}, on B ${runs.B}, skipped while the other ran ${skipped.length}`);
    });

    it('let one run of a job hold it: the other instance skips it meanwhile, runs it after, and takes over a dead holder’s lease', async (ctx) => {
      ctx.skip(!ON_POSTGRES, PGLITE_SKIP);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let calls = 0;
      const held = async () => {
        calls++;
        await gate;
        return 'A';
      };
      const quick = async () => {
        calls++;
        return 'B';
      };
      const onA = withLeases(a.database.db, { ...jobHandlers(a.services), 'reports.monthly': held }, silent);
      const onB = withLeases(b.database.db, { ...jobHandlers(b.services), 'reports.monthly': quick }, silent);

      const running = onA['reports.monthly']();
      expect(await until(async () => !!(await h.db.selectFrom('jobLease').select('holder').where('name', '=', 'reports.monthly').executeTakeFirst()))).toBe(true);
      expect(await onB['reports.monthly']()).toEqual(SKIPPED);
      release();
      expect(await running).toBe('A');
      expect(await h.db.selectFrom('jobLease').select('holder').where('name', '=', 'reports.monthly').execute()).toHaveLength(0);
      expect(await onB['reports.monthly']()).toBe('B');
      expect(calls).toBe(2);

      // A holder that died keeps its lease until it runs out, then another instance takes the job.
      await h.db.insertInto('jobLease').values({ name: 'reports.monthly', holder: 'dead-host:1:x', until: new Date(Date.now() + 60 * 60_000) }).execute();
      expect(await onB['reports.monthly']()).toEqual(SKIPPED);
      await h.db.updateTable('jobLease').set({ until: new Date(Date.now() - 60 * 60_000) }).where('name', '=', 'reports.monthly').execute();
      expect(await onB['reports.monthly']()).toBe('B');
      expect(calls).toBe(3);
    });
  });

  it('share stored verdicts and the catalogue: a change through A shows on B at once', async (ctx) => {
    ctx.skip(!ON_POSTGRES, PGLITE_SKIP);
    h.clock.current = new Date('2026-12-02T01:00:00Z');
    const officeId = await h.ensureOffice();
    const p = await h.db.insertInto('programme').values({ key: 'two-revenue', source: 'manual', sourceId: 'two-revenue' }).returning('id').executeTakeFirstOrThrow();
    const v = await h.db
      .insertInto('programmeVersion')
      .values({
        programmeId: p.id,
        version: 1,
        title: '(시험) 매출 3억 이하',
        changeReason: '시험',
        nationwide: false,
        sido: ['41'],
        municipalities: [],
        rule: JSON.stringify({ type: 'revenue', max: 300_000_000 }),
        ruleReview: 'reviewed',
        ruleReviewedByName: '시험 검토자',
        ruleReviewedAt: new Date('2026-12-01T00:00:00Z'),
        detailUrl: 'https://example.org/notice/two-revenue',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await h.db.updateTable('programme').set({ currentVersionId: v.id }).where('id', '=', p.id).execute();
    const u = await h.createUser('clerk', { login: 'two-verdicts', officeId });
    const br = browser();
    await br.on(a).login(u.login);

    /** The programme's verdict on the business page (absent: ruled out), and its title as shown. */
    const shown = async (i: Instance, id: string) => {
      const html = await (await br.on(i).get(`/businesses/${id}`)).text();
      const m = new RegExp(`itda-verdict-(eligible|unknown)">\\s*<h3>\\s*<a href="/programmes/${p.id}">([^<]*)</a>`).exec(html);
      return m ? { verdict: m[1], title: m[2] } : null;
    };

    const created = await br.on(a).post('/businesses/new', {
      brn: '220-81-62517',
      name: '수원 분식',
      ownerName: '김민용',
      phone: '010-1234-5678',
      municipalityCode: '41110',
      openedOn: '2019-05-02',
      annualRevenue: '120,000,000',
      workers: '2',
      ksicCode: '56111',
      operatingStatus: 'active',
      localTaxArrears: 'no',
      consentCollection: 'written',
      consentThirdParty: 'written',
    });
    expect(created.status).toBe(303);
    const id = /\/businesses\/([0-9a-f-]{36})/.exec(created.headers.get('location')!)![1]!;

    // B reads first: its catalogue is now loaded and the business's row stored. B reads again: the
    // row is fresh, so B keeps the page's rendered body (src/web/page-cache.ts) — a copy that the
    // change through A below must not leave standing.
    expect(await shown(b, id)).toEqual({ verdict: 'eligible', title: '(시험) 매출 3억 이하' });
    expect(await shown(b, id)).toEqual({ verdict: 'eligible', title: '(시험) 매출 3억 이하' });
    const row = await h.db.selectFrom('businessVerdict').select(['cells']).where('businessId', '=', id).executeTakeFirstOrThrow();
    expect(row.cells).toEqual({ [p.id]: 'e' });

    // A changes a fact (매출 5억): the programme is no longer offered on B, nor on A.
    const biz = await h.db.selectFrom('business').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    const form = await br.on(a).get(`/businesses/${id}/edit`);
    expect(form.status).toBe(200);
    const edit = await br.on(a).post(`/businesses/${id}/edit`, {
      brn: '220-81-62517',
      name: '수원 분식',
      ownerName: '김민용',
      phone: '010-1234-5678',
      municipalityCode: '41110',
      openedOn: '2019-05-02',
      annualRevenue: '500,000,000',
      workers: '2',
      ksicCode: '56111',
      operatingStatus: 'active',
      localTaxArrears: 'no',
      version: String(biz.version),
    });
    expect(edit.status).toBe(303);
    expect(await shown(b, id)).toBeNull();
    expect(await shown(a, id)).toBeNull();
    expect((await h.db.selectFrom('businessVerdict').select(['cells']).where('businessId', '=', id).executeTakeFirstOrThrow()).cells).toEqual({});

    // Back to 1억 2천 through B; then a new version of the programme is published (매출 1억 이하), as an
    // editor's publication through A would: B's cached catalogue follows the shared epoch.
    const biz2 = await h.db.selectFrom('business').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    expect(
      (
        await br.on(b).post(`/businesses/${id}/edit`, {
          brn: '220-81-62517',
          name: '수원 분식',
          ownerName: '김민용',
          phone: '010-1234-5678',
          municipalityCode: '41110',
          openedOn: '2019-05-02',
          annualRevenue: '120,000,000',
          workers: '2',
          ksicCode: '56111',
          operatingStatus: 'active',
          localTaxArrears: 'no',
          version: String(biz2.version),
        })
      ).status,
    ).toBe(303);
    expect(await shown(a, id)).toEqual({ verdict: 'eligible', title: '(시험) 매출 3억 이하' });
    expect(await shown(b, id)).toEqual({ verdict: 'eligible', title: '(시험) 매출 3억 이하' });
    const epoch = async () => Number((await h.db.selectFrom('verdictState').select('epoch').executeTakeFirstOrThrow()).epoch);
    const before = await epoch();
    const v2 = await h.db
      .insertInto('programmeVersion')
      .values({
        programmeId: p.id,
        version: 2,
        title: '(시험) 매출 1억 이하',
        changeReason: '시험: 기준 변경',
        nationwide: false,
        sido: ['41'],
        municipalities: [],
        rule: JSON.stringify({ type: 'revenue', max: 100_000_000 }),
        ruleReview: 'reviewed',
        ruleReviewedByName: '시험 검토자',
        ruleReviewedAt: new Date('2026-12-01T00:00:00Z'),
        detailUrl: 'https://example.org/notice/two-revenue',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await h.db.updateTable('programme').set({ currentVersionId: v2.id }).where('id', '=', p.id).execute();
    expect(await epoch()).toBeGreaterThan(before);
    // Evaluated live on either instance until the column is recomputed (by whichever runs the job).
    expect(await shown(b, id)).toBeNull();
    // B's read started recomputing the column in the background; A's job run finishes whatever is left.
    await b.services.storedVerdicts.settled();
    await a.services.storedVerdicts.refreshDirty();
    expect(await h.db.selectFrom('verdictDirtyProgramme').select('programmeId').execute()).toEqual([]);
    expect(await shown(b, id)).toBeNull();
    expect((await h.db.selectFrom('businessVerdict').select(['cells']).where('businessId', '=', id).executeTakeFirstOrThrow()).cells).toEqual({});
  });
});
