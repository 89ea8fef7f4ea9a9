/**
 * npm run bench:reports — the dashboards, exports, API and monthly report on PostgreSQL with a
 * generated year of activity at 1× (3,000 businesses, 60 clerks, 8,000 participations, 40,000
 * 상담일지) and at 10×, through the real app (HTTP requests to createApp, signed in per role).
 *
 * Prints, per page: the median time at 1× and at 10×, the growth 1× → 10×, and the ratio to a
 * baseline page (GET /programmes: the catalogue, same size at 1× and 10×) measured in the same run at the same size — machines are
 * noisy, ratios less so. Target (issue 5): every dashboard page under 300 ms at 10×.
 *
 *   BENCH_DATABASE_URL  server to use (default postgres://postgres@127.0.0.1:5432/postgres); a fresh
 *                       database is created and dropped again
 *   BENCH_SHORT=1       CI mode: 1/10 of the sizes (0.1× and 1×), fewer repetitions
 *   BENCH_RUNS          measured runs per page (default 7, short 3)
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { createApp } from '../src/app.ts';
import { buildServices } from '../src/compose.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { hashPassword } from '../src/modules/auth/auth.crypto.ts';
import { encryptSecret, newTotpSecret } from '../src/modules/auth/auth.totp.ts';
import { Authenticator, RealClock, TestClient } from '../test/harness.ts';
import { addScale, BENCH_PER_SCALE, createBase } from './reports.data.ts';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SHORT = process.env.BENCH_SHORT === '1';
const RUNS = Number(process.env.BENCH_RUNS ?? (SHORT ? 3 : 7));
const WARMUP = SHORT ? 1 : 2;
const SIZES = SHORT ? Object.fromEntries(Object.entries(BENCH_PER_SCALE).map(([k, v]) => [k, v / 10])) as typeof BENCH_PER_SCALE : BENCH_PER_SCALE;
const LABEL = SHORT ? ['0.1×', '1×'] : ['1×', '10×'];
const TARGET_MS = 300;
const PASSWORD = 'Bench-password-1';

interface Case {
  name: string;
  who: 'operator' | 'lead' | 'clerk' | 'province';
  kind: 'baseline' | 'dashboard' | 'export' | 'report';
  run: (c: TestClient) => Promise<Response>;
}

const YEAR = 'from=2026-01-01&to=2026-11-26';
const CASES: Case[] = [
  { name: 'GET /programmes (baseline)', who: 'operator', kind: 'baseline', run: (c) => c.get('/programmes') },
  { name: 'dashboard operator, year, by office', who: 'operator', kind: 'dashboard', run: (c) => c.get(`/reports?${YEAR}&by=office`) },
  { name: 'dashboard operator, year, by clerk', who: 'operator', kind: 'dashboard', run: (c) => c.get(`/reports?${YEAR}&by=clerk`) },
  { name: 'dashboard operator, year, by programme', who: 'operator', kind: 'dashboard', run: (c) => c.get(`/reports?${YEAR}&by=programme`) },
  { name: 'dashboard operator, one month', who: 'operator', kind: 'dashboard', run: (c) => c.get('/reports?from=2026-10-01&to=2026-10-31') },
  { name: 'dashboard office lead, year', who: 'lead', kind: 'dashboard', run: (c) => c.get(`/reports?${YEAR}`) },
  { name: 'dashboard clerk, year', who: 'clerk', kind: 'dashboard', run: (c) => c.get(`/reports?${YEAR}`) },
  { name: 'dashboard province, year', who: 'province', kind: 'dashboard', run: (c) => c.get(`/reports?${YEAR}`) },
  { name: 'operations overview', who: 'operator', kind: 'dashboard', run: (c) => c.get('/operations') },
  { name: 'activity calendar (all offices)', who: 'operator', kind: 'dashboard', run: (c) => c.get('/operations/calendar?month=2026-10') },
  { name: 'access review, one month', who: 'operator', kind: 'dashboard', run: (c) => c.get('/admin/access-review?month=2026-10') },
  { name: 'API summary (province)', who: 'province', kind: 'dashboard', run: (c) => c.get(`/api/v1/reports/summary?${YEAR}`, { accept: 'application/json' }) },
  { name: 'export breakdown .xlsx (by office)', who: 'operator', kind: 'export', run: (c) => c.get(`/reports/export/breakdown?${YEAR}&by=office`) },
  { name: 'export caseload .xlsx (reason)', who: 'operator', kind: 'export', run: (c) => c.post(`/reports/export/caseload?${YEAR}`, { purpose: 'review' }) },
  { name: 'monthly report (xlsx + PDF, stored)', who: 'operator', kind: 'report', run: (c) => c.post('/reports/monthly', { month: '2026-10' }) },
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function admin(statement: string) {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

async function main() {
  const name = `itda_bench_${randomBytes(5).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString() });
  const results = new Map<string, number[]>();
  try {
    await migrateToLatest(database.db);
    const db = database.db;
    const hash = await hashPassword(PASSWORD);
    await createBase(db, hash);
    const config = loadConfig({ ITDA_DEMO: 'off', ITDA_LOG_LEVEL: 'silent', DATABASE_URL: url.toString() });
    const services = buildServices(database, config, pino({ level: 'silent' }));
    await services.programs.syncReferenceData();
    const app = createApp({ config, logger: pino({ level: 'silent' }), ...services, dbKind: 'postgres' });

    const authenticator = new Authenticator(new RealClock());
    // Accounts for each role (the clerk is the first generated one, given a password).
    const office = await db.selectFrom('office').select('id').where('name', 'like', '벤치%').orderBy('id').executeTakeFirstOrThrow();
    for (const [login, role, officeId] of [
      ['bench-operator', 'operator', null],
      ['bench-lead', 'office_lead', office.id],
      ['bench-province', 'province', null],
    ] as const) {
      const user = await db.insertInto('appUser').values({ login, displayName: login, role, officeId, passwordHash: hash, email: null, phone: null, isDemo: true }).returning('id').executeTakeFirstOrThrow();
      // Operators and office leads sign in with a second factor (issue 14 §2): enrolled, the bench plays their app.
      if (role !== 'province') {
        const secret = newTotpSecret();
        await db.insertInto('userTotp').values({ userId: user.id, secretEnc: encryptSecret(secret, config.secondFactor.key), confirmedAt: new Date() }).execute();
        authenticator.secrets.set(login, secret);
      }
    }

    for (let step = 0; step < 2; step++) {
      const t0 = performance.now();
      if (step === 0) await addScale(db, 0, 1, hash, SIZES);
      else await addScale(db, 1, 10, hash, SIZES);
      await sql`analyze`.execute(db);
      const counts = await sql<Record<string, number>>`select (select count(*) from business) as businesses, (select count(*) from app_user where role = 'clerk') as clerks,
        (select count(*) from participation) as participations, (select count(*) from participation_event) as events, (select count(*) from activity) as activities,
        (select count(*) from access_record) as access_records`.execute(db);
      console.log(`\n${LABEL[step]}: generated in ${((performance.now() - t0) / 1000).toFixed(1)} s —`, Object.entries(counts.rows[0]!).map(([k, v]) => `${k} ${Number(v).toLocaleString('en')}`).join(', '));
      await db.updateTable('appUser').set({ passwordHash: hash }).where('login', '=', 'bench-clerk-1').execute();

      const clients: Record<Case['who'], TestClient> = {
        operator: new TestClient(app, authenticator),
        lead: new TestClient(app, authenticator),
        clerk: new TestClient(app, authenticator),
        province: new TestClient(app, authenticator),
      };
      for (const [who, login] of [['operator', 'bench-operator'], ['lead', 'bench-lead'], ['clerk', 'bench-clerk-1'], ['province', 'bench-province']] as const) {
        const res = await clients[who].login(login, PASSWORD);
        if (res.status !== 303 || (res.headers.get('location') ?? '').startsWith('/login')) throw new Error(`login ${login}: ${res.status} → ${res.headers.get('location')}`);
      }
      for (const k of CASES) {
        const c = clients[k.who];
        const times: number[] = [];
        for (let i = 0; i < WARMUP + RUNS; i++) {
          const t = performance.now();
          const res = await k.run(c);
          await res.arrayBuffer();
          const ms = performance.now() - t;
          // A redirect (to sign-in or the second step) is not the page: measure only what the person sees.
          const to = res.headers.get('location') ?? '';
          if (res.status >= 400 || (res.status >= 300 && to.startsWith('/login'))) throw new Error(`${k.name}: HTTP ${res.status} ${to}`);
          if (i >= WARMUP) times.push(ms);
        }
        results.set(`${k.name}@${step}`, times);
      }
    }
  } finally {
    await database.close();
    await admin(`drop database if exists ${name} with (force)`);
  }

  // ── Report ──
  const base = [median(results.get(`${CASES[0]!.name}@0`)!), median(results.get(`${CASES[0]!.name}@1`)!)];
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
  const lpad = (s: string, n: number) => ' '.repeat(Math.max(0, n - s.length)) + s;
  console.log(`\nmedian of ${RUNS} runs after ${WARMUP} warm-up; baseline = ${CASES[0]!.name}`);
  console.log(`${pad('page', 40)}${lpad(`${LABEL[0]} ms`, 10)}${lpad(`${LABEL[1]} ms`, 10)}${lpad('growth', 9)}${lpad(`÷base ${LABEL[0]}`, 13)}${lpad(`÷base ${LABEL[1]}`, 13)}  target`);
  let failed = 0;
  for (const k of CASES) {
    const a = median(results.get(`${k.name}@0`)!);
    const b = median(results.get(`${k.name}@1`)!);
    const ok = k.kind !== 'dashboard' || b < TARGET_MS;
    if (!ok) failed++;
    console.log(
      `${pad(k.name, 40)}${lpad(a.toFixed(0), 10)}${lpad(b.toFixed(0), 10)}${lpad(`${(b / a).toFixed(1)}×`, 9)}${lpad(`${(a / base[0]!).toFixed(1)}×`, 13)}${lpad(`${(b / base[1]!).toFixed(1)}×`, 13)}  ${k.kind === 'dashboard' ? (ok ? `< ${TARGET_MS} ms ok` : `≥ ${TARGET_MS} ms !`) : '—'}`,
    );
  }
  console.log(failed ? `\n${failed} dashboard page(s) at or over ${TARGET_MS} ms at ${LABEL[1]}.` : `\nEvery dashboard page under ${TARGET_MS} ms at ${LABEL[1]}.`);
  if (failed && !SHORT) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
