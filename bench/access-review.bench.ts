/**
 * npm run bench:access-review — the operator's 접속기록 점검 page on PGlite (the embedded database,
 * one serialized session: a slow page holds everyone up; issue 14 §6), with the demo data and a month
 * of generated access records (hash-chained like real ones), through the real app.
 *
 * Prints the page's median time, and how long /home and /healthz took while the page was being
 * loaded again and again (what other users feel).
 *
 *   BENCH_ACCESS_ROWS   access records in the reviewed month (default 50,000: ~60 staff × ~40 views a
 *                       working day)
 *   BENCH_RUNS          measured loads of the page (default 7)
 *   BENCH_PARTS=1       also the time of each part (the review's queries, the chain check)
 */
import pino from 'pino';
import { createApp } from '../src/app.ts';
import { buildServices } from '../src/compose.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { chainHash } from '../src/domain/hash-chain.ts';
import { kstDate, startOfKstDay } from '../src/domain/korean-time.ts';
import { monthPeriod, previousMonth } from '../src/domain/metrics/period.ts';
import { createOperationsRepository } from '../src/modules/operations/operations.repository.ts';
import { createReportsRepository } from '../src/modules/reports/reports.repository.ts';
import { accessFields } from '../src/modules/access-log/access-log.repository.ts';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/modules/demo/demo.data.ts';
import { Authenticator, RealClock, TestClient } from '../test/harness.ts';

const ROWS = Number(process.env.BENCH_ACCESS_ROWS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
await migrateToLatest(database.db);
const config = loadConfig({ ITDA_DEMO: 'on', ITDA_LOG_LEVEL: 'silent' });
const services = buildServices(database, config, pino({ level: 'silent' }));
await services.programs.syncReferenceData();
await services.demo.load({ ip: null, requestId: 'bench' });
const db = database.db;

// A month of access records: staff of the demo, businesses of the demo, chained onto the current head.
const month = previousMonth(kstDate(new Date()));
const start = startOfKstDay(`${month}-01`).getTime();
const span = 28 * 86_400_000;
const staff = await db.selectFrom('appUser').select(['id', 'login']).where('role', 'in', ['clerk', 'office_lead', 'operator']).execute();
const businesses = (await db.selectFrom('business').select('id').execute()).map((b) => b.id);
let prev = (await db.selectFrom('accessRecord').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst())?.hash ?? null;
const t0 = performance.now();
const BATCH = 1_000;
for (let done = 0; done < ROWS; done += BATCH) {
  const values = [];
  for (let i = done; i < Math.min(ROWS, done + BATCH); i++) {
    const who = staff[i % staff.length]!;
    const e = {
      at: new Date(start + Math.floor((i / ROWS) * span)),
      accountId: who.id,
      accountLogin: who.login,
      ip: `10.0.${i % 7}.${i % 200}`,
      subjectType: 'business',
      subjectId: businesses[i % businesses.length]!,
      action: (i % 50 === 0 ? 'download' : i % 10 === 0 ? 'update' : 'view') as 'view',
      reason: i % 50 === 0 ? '월간 점검 자료' : null,
      detail: { page: 'detail' },
      requestId: `bench-${i}`,
    };
    const hash = chainHash(accessFields(e), prev);
    values.push({ ...e, detail: JSON.stringify(e.detail), retainUntil: new Date(start + 2 * 365 * 86_400_000), prevHash: prev, hash });
    prev = hash;
  }
  await db.insertInto('accessRecord').values(values).execute();
}
console.log(`${ROWS.toLocaleString('en')} access records for ${month} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const app = createApp({ config, logger: pino({ level: 'silent' }), ...services, dbKind: database.kind });
// The demo operator signs in with the published demo key of her second factor (issue 14 §2).
const authenticator = new Authenticator(new RealClock());
authenticator.secrets.set('demo-operator', DEMO_TOTP_SECRET);
const op = new TestClient(app, authenticator);
const signedIn = await op.login('demo-operator', DEMO_PASSWORD);
if ((signedIn.headers.get('location') ?? '/login').startsWith('/login')) throw new Error(`demo-operator did not sign in: ${signedIn.status}`);
const other = new TestClient(app);
await other.login('demo-clerk', DEMO_PASSWORD);

async function timed(fn: () => Promise<Response>): Promise<number> {
  const t = performance.now();
  const res = await fn();
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`status ${res.status}`);
  return performance.now() - t;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await timed(() => op.get('/admin/access-review')); // first view: the chain's first check, caches
const review: number[] = [];
for (let i = 0; i < RUNS; i++) review.push(await timed(() => op.get('/admin/access-review')));
const quiet = { home: [] as number[], healthz: [] as number[] };
for (let i = 0; i < RUNS; i++) {
  quiet.home.push(await timed(() => other.get('/home')));
  quiet.healthz.push(await timed(() => other.get('/healthz')));
}
// Others' requests while the operator reloads the review.
const busy = { home: [] as number[], healthz: [] as number[] };
let loading = true;
const reloads = (async () => {
  for (let i = 0; i < RUNS; i++) await timed(() => op.get('/admin/access-review'));
  loading = false;
})();
while (loading) {
  busy.home.push(await timed(() => other.get('/home')));
  busy.healthz.push(await timed(() => other.get('/healthz')));
}
await reloads;
const f = (x: number) => `${x.toFixed(0)} ms`;
console.log(`GET /admin/access-review (${month}, ${ROWS.toLocaleString('en')} records): median ${f(median(review))}, max ${f(Math.max(...review))}`);
console.log(`alone:             /home median ${f(median(quiet.home))}, /healthz median ${f(median(quiet.healthz))}`);
console.log(`during the review: /home median ${f(median(busy.home))}, max ${f(Math.max(...busy.home))}; /healthz median ${f(median(busy.healthz))}, max ${f(Math.max(...busy.healthz))}`);
// Where the page's time goes (BENCH_PARTS=1).
if (process.env.BENCH_PARTS === '1') {
  const opRow = await db.selectFrom('appUser').selectAll().where('login', '=', 'demo-operator').executeTakeFirstOrThrow();
  const a = { userId: opRow.id, login: opRow.login, displayName: opRow.displayName, role: opRow.role, officeId: null, locale: 'ko', via: 'session' } as const;
  const meta = { ip: null, requestId: 'bench' };
  for (const [name, fn] of [
    ['operations.review', () => services.operations.review(a, {}, meta)],
    ['chains.accessStatus', () => services.chains.accessStatus(a)],
    ['repo.accessCells', () => createReportsRepository().accessCells(db, monthPeriod(month))],
    ['repo.records', () => createOperationsRepository().records(db, { period: monthPeriod(month), limit: 51, offset: 0 })],
    ['repo.signoffs', () => createOperationsRepository().signoffs(db)],
  ] as const) {
    const xs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await (fn as () => Promise<unknown>)();
      xs.push(performance.now() - t);
    }
    console.log(`  ${name}: median ${f(median(xs))}`);
  }
}
await database.close();
