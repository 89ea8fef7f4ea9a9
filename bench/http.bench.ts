/**
 * `npm run bench:http` — the clerk's two busiest pages under load, on PostgreSQL.
 *
 * Data (SAMPLE, seeded): 20,000 generated businesses (facts from the eligibility generator), 100
 * clerks in 8 offices, 200 per clerk, one activity each; a generated catalogue of 2,000 programme
 * versions (generateCatalogue, as bench:matching: regions 경기 / nationwide / a few 시·군, one in ten
 * still `drafted`, one in twenty closing within 14 days so the clerk home's "마감 임박" has work).
 * Server: `node src/main.ts` in its own process (the load generator must not share its event loop),
 * first alone, then with ITDA_WORKERS=2 (node:cluster, two processes on one port, one PostgreSQL);
 * BENCH_PROCESSES=1 runs only the first. The business page rotates over clerk 0's 200 businesses.
 * Load: autocannon at 50 and at 200 connections, each page for BENCH_SECONDS (default 10), after
 * BENCH_WARMUP_SECONDS (default 2) of the same load that is not timed (its errors count).
 * Kept bodies (src/web/page-cache.ts): the warm-up views every page once, so the timed runs are
 * views of unchanged pages; a last run with ITDA_PAGE_CACHE_MB=0 gives what every view costs when
 * each is rendered (the first view after a change), for comparison.
 * Floor in the same run: a small signed-in page (/password: session look-up, middleware, layout),
 * the least any signed-in page costs on this machine, at 50 connections.
 * Baseline in the same run: a bare Hono route on the same server stack in its own process, so the
 * ratio says how much our page costs, whatever the machine. Targets (issue 12 §4): p99 ≤ 100 ms at
 * 50 connections for both pages, 0 errors.
 * BENCH_SHORT=1: 2,000 businesses, 4 s per page (CI).
 * BENCH_KEEP_DB=1 keeps the generated database (for profiling); BENCH_SERVER_ARGS adds node flags.
 */
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { buildServices } from '../src/compose.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { generateBusinesses, generateCatalogue } from '../src/domain/eligibility/index.ts';
import { makeRng } from '../src/domain/eligibility/eligibility.generate.ts';
import { GYEONGGI_MUNICIPALITIES } from '../src/domain/eligibility/eligibility.reference.ts';
import { kstDate } from '../src/domain/korean-time.ts';
import { hashPassword } from '../src/modules/auth/auth.crypto.ts';

const SHORT = process.env.BENCH_SHORT === '1';
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BUSINESSES = SHORT ? 2_000 : 20_000;
const CLERKS = 100;
const SECONDS = Number(process.env.BENCH_SECONDS ?? (SHORT ? 4 : 10));
/** Seconds of the same load before each timed run (see `load`). */
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? (SHORT ? 1 : 2));
const PROGRAMMES = Number(process.env.BENCH_PROGRAMMES ?? 2_000);
const CONNECTION_LEVELS = [50, 200];
/** Server processes: one, then a node:cluster of two (ITDA_WORKERS=2) on the same PostgreSQL. */
const PROCESS_LEVELS = (process.env.BENCH_PROCESSES ?? '1,2').split(',').map(Number);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Result {
  name: string;
  processes: number;
  conns: number;
  r: Awaited<ReturnType<typeof load>>;
}

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** The first column of every row. */
async function pgAll(connectionString: string, text: string, values: unknown[]) {
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    return (await c.query<Record<string, unknown>>(text, values)).rows.map((row) => Object.values(row)[0]);
  } finally {
    await c.end();
  }
}

/**
 * Start `src/main.ts` (kind 'app') or the bare route (bench/http.bare.ts) in a child process and wait
 * for the line with its address. BENCH_SERVER_ARGS adds node flags to the app (e.g. --cpu-prof).
 */
async function spawnServer(kind: 'app' | 'bare', env: Record<string, string>) {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(clean)) if (k.startsWith('ITDA_') || k === 'DATABASE_URL' || k === 'PORT' || k === 'HOST') delete clean[k];
  delete clean.NODE_OPTIONS;
  const extra = kind === 'app' ? (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean) : [];
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', kind === 'app' ? 'src/main.ts' : 'bench/http.bare.ts'], {
    cwd: ROOT,
    env: { ...clean, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start in 60 s\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited (${code})\n${out}`));
    });
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Sign in as clerk 0 (cookie + CSRF token from the login page). */
async function signIn(origin: string) {
  const loginPage = await fetch(`${origin}/login`);
  const csrf = /itda_csrf=([^;]+)/.exec(loginPage.headers.getSetCookie().join(';'))![1]!;
  const res = await fetch(`${origin}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `itda_csrf=${csrf}`, origin },
    body: new URLSearchParams({ login: 'bench-clerk-0', password: 'Bench-password-1', _csrf: csrf }).toString(),
  });
  const sid = /itda_sid=([^;]+)/.exec(res.headers.getSetCookie().join(';'))?.[1];
  if (!sid) throw new Error(`sign-in failed: ${res.status}`);
  return `itda_sid=${sid}; itda_csrf=${csrf}`;
}

/**
 * Load on one page for SECONDS. `paths` rotate (one clerk's businesses), as clerks open different
 * businesses, not one over and over. Errors are what a user would see fail: connection errors,
 * timeouts (10 s) and non-2xx answers. A page that answered nothing within the window (at 200
 * connections every request is in flight at once, so a page costing 20 ms of CPU answers the first
 * ones after about 4 s) is reported as such: a figure, not a failure of the run.
 */
async function load(url: string, connections: number, headers: Record<string, string> = {}, paths?: readonly string[]) {
  let next = 0;
  const r = await autocannon({
    url,
    connections,
    duration: SECONDS,
    // The same load for WARMUP seconds first, not timed: a process just started compiles its hot
    // paths and opens its pool's connections (each preparing its statements) under the first
    // burst, which costs 300–450 ms to the requests of the first second and nothing after. Its
    // errors still count.
    warmup: { connections, duration: WARMUP },
    headers,
    ...(paths?.length
      ? { requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, path: paths[next++ % paths.length] }) }] }
      : {}),
    // `warmup` is in autocannon 8+ (lib/init.js runWithWarmup) but not in @types/autocannon.
  } as autocannon.Options);
  const w = (r as typeof r & { warmup?: typeof r }).warmup;
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx + (w ? w.errors + w.timeouts + w.non2xx : 0),
    total: r.requests.total,
  };
}

/**
 * SAMPLE catalogue, seeded: 2,000 programmes with one published version each, regions and review
 * states as bench:matching, application periods spread so that one in twenty closes within 14 days.
 */
async function insertCatalogue(db: Awaited<ReturnType<typeof openDatabase>>['db']) {
  const rng = makeRng(20261206);
  const today = kstDate(new Date());
  const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const gen = generateCatalogue(PROGRAMMES, 20261206);
  for (let i = 0; i < gen.length; i += 500) {
    const chunk = gen.slice(i, i + 500);
    const ps = await db
      .insertInto('programme')
      .values(chunk.map((p) => ({ key: `bench-${p.key}`, source: 'manual' as const, sourceId: `bench-${p.key}`, isSample: true })))
      .returning(['id', 'key'])
      .execute();
    const versions = await db
      .insertInto('programmeVersion')
      .values(
        chunk.map((p, j) => {
          const r = rng.next();
          const region =
            r < 0.6
              ? { nationwide: false, sido: ['41'], municipalities: [] }
              : r < 0.85
                ? { nationwide: true, sido: [], municipalities: [] }
                : {
                    nationwide: false,
                    sido: [],
                    municipalities: [...new Set(Array.from({ length: rng.int(1, 3) }, () => rng.pick(GYEONGGI_MUNICIPALITIES).code))],
                  };
          const drafted = rng.chance(0.1);
          const closing = rng.chance(0.05);
          return {
            programmeId: ps[j]!.id,
            version: 1,
            title: p.title,
            category: p.category,
            changeReason: '벤치 예시',
            rule: JSON.stringify(p.rule),
            ruleReview: drafted ? ('drafted' as const) : ('reviewed' as const),
            ...(drafted ? {} : { ruleReviewedByName: '벤치 검토자', ruleReviewedAt: new Date() }),
            periodKind: 'range' as const,
            periodStart: day(-30),
            periodEnd: closing ? day(rng.int(0, 14)) : day(rng.int(15, 200)),
            ...region,
          };
        }),
      )
      .returning(['id', 'programmeId'])
      .execute();
    for (const v of versions) await db.updateTable('programme').set({ currentVersionId: v.id }).where('id', '=', v.programmeId).execute();
  }
}

async function main() {
  const dbName = `itda_bench_${Date.now()}`;
  await admin(`create database ${dbName}`);
  const url = new URL(SERVER);
  url.pathname = `/${dbName}`;
  let database: Awaited<ReturnType<typeof openDatabase>> | null = await openDatabase({ kind: 'postgres', url: url.toString() });
  try {
    await migrateToLatest(database.db);
    const config = loadConfig({ DATABASE_URL: url.toString(), ITDA_LOG_LEVEL: 'silent', ITDA_WORKER: 'off' });
    const logger = pino({ level: 'silent' });
    const services = buildServices(database, config, logger);
    await services.programs.syncReferenceData();
    console.log(`generating ${BUSINESSES} businesses, ${CLERKS} clerks …`);
    const t0 = performance.now();
    const db = database.db;
    const regions = await db.selectFrom('region').select('id').execute();
    const offices: number[] = [];
    for (let i = 0; i < 8; i++)
      offices.push(
        (
          await db
            .insertInto('office')
            .values({ name: `벤치 사무소 ${i + 1}`, regionId: regions[i % regions.length]!.id, address: null, phone: null })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    const hash = await hashPassword('Bench-password-1');
    const clerks = await db
      .insertInto('appUser')
      .values(
        Array.from({ length: CLERKS }, (_, i) => ({
          login: `bench-clerk-${i}`,
          displayName: `벤치 공공사무원 ${i}`,
          role: 'clerk' as const,
          officeId: offices[i % 8]!,
          passwordHash: hash,
        })),
      )
      .returning(['id', 'officeId'])
      .execute();
    const gen = generateBusinesses(BUSINESSES, 42);
    for (let i = 0; i < gen.length; i += 1000) {
      await db
        .insertInto('business')
        .values(
          gen.slice(i, i + 1000).map((b, j) => {
            const clerk = clerks[(i + j) % CLERKS]!;
            const f = b.facts;
            return {
              name: `벤치 사업장 ${i + j}`,
              ownerName: '김예시',
              phone: '010-0000-0000',
              municipalityCode: f.municipalityCode?.startsWith('41') ? f.municipalityCode : '41110',
              sidoCode: '41',
              openedOn: f.openedOn ?? null,
              annualRevenue: f.annualRevenue ?? null,
              workers: f.workers ?? null,
              ksicCode: f.ksicCode ?? null,
              operatingStatus: f.operatingStatus ?? null,
              localTaxArrears: f.localTaxArrears ?? null,
              clerkId: clerk.id,
              officeId: clerk.officeId,
              isSample: true,
            };
          }),
        )
        .execute();
    }
    await db
      .executeQuery({
        sql: `insert into activity (business_id, clerk_id, kind, occurred_on, summary) select id, clerk_id, 'visit', current_date - (random()*60)::int, '벤치 방문' from business`,
        parameters: [],
        query: { kind: 'RawNode' },
      } as never)
      .catch(() => undefined);
    await insertCatalogue(db);
    console.log(`generated in ${Math.round(performance.now() - t0)} ms`);
    const t1 = performance.now();
    const rebuilt = await services.storedVerdicts.rebuild();
    console.log(`stored verdicts rebuilt (${rebuilt.rows} rows × ${PROGRAMMES} programmes) in ${Math.round(performance.now() - t1)} ms`);
    // The state a running service is in: autovacuum has counted the tables (the planner's
    // statistics) and cleared the rows the rebuild replaced. Measured without it, the planner
    // guesses from empty statistics, and a plan that a real database would not get is timed
    // (the clerk home's fingerprint hashed all 20,000 verdict rows only once the statistics existed).
    await sql`vacuum analyze`.execute(db);

    await database.close();
    database = null;

    // The server runs as `node src/main.ts` does, in its own process(es), so that the load generator
    // (autocannon, here) does not share the server's event loop and core: first one process, then
    // ITDA_WORKERS=2 (node:cluster on one port, issue 12 §4 "if one Node process is the limit").
    const bareServer = await spawnServer('bare', { BENCH_BARE_PORT: '0' });
    const results: Result[] = [];
    let cookie = '';
    let businessPaths: string[] = [];
    for (const processes of PROCESS_LEVELS) {
      const server = await spawnServer('app', {
        DATABASE_URL: url.toString(),
        ITDA_LOG_LEVEL: 'warn',
        ITDA_WORKER: 'off',
        ITDA_WORKERS: String(processes),
      });
      try {
        if (!cookie) {
          cookie = await signIn(server.url);
          businessPaths = ((await pgAll(url.toString(), 'select b.id from business b join app_user u on u.id = b.clerk_id where u.login = $1 order by b.id', ['bench-clerk-0'])) as string[]).map((id) => `/businesses/${id}`);
        }
        // One request each per process first: the first view of a page may fill per-process caches (not timed).
        for (let i = 0; i < processes; i++)
          for (const path of ['/home', ...businessPaths]) {
            const r = await fetch(`${server.url}${path}`, { headers: { cookie, connection: 'close' } });
            if (r.status !== 200) throw new Error(`${path} answered ${r.status}`);
            await r.arrayBuffer();
          }
        for (const n of CONNECTION_LEVELS) {
          if (processes === PROCESS_LEVELS[0]) results.push({ name: 'bare Hono route (baseline)', processes: 1, conns: n, r: await load(bareServer.url, n) });
          // The least a signed-in page costs here: the session look-up, the middleware and the layout
          // around a small form (/password), so the two pages' figures can be read against it.
          if (processes === PROCESS_LEVELS[0] && n === 50)
            results.push({ name: 'signed-in floor /password', processes, conns: n, r: await load(`${server.url}/password`, n, { cookie }) });
          results.push({ name: 'clerk home /home', processes, conns: n, r: await load(`${server.url}/home`, n, { cookie }) });
          results.push({ name: 'business page /businesses/:id', processes, conns: n, r: await load(server.url, n, { cookie }, businessPaths) });
        }
      } finally {
        await server.stop();
      }
    }
    // The same two pages with no kept bodies (ITDA_PAGE_CACHE_MB=0): what a view costs when what it
    // shows has just changed (the first view after a change renders; the warm-up above kept every
    // page, so the runs above are views of unchanged pages, as most views are).
    {
      const server = await spawnServer('app', {
        DATABASE_URL: url.toString(),
        ITDA_LOG_LEVEL: 'warn',
        ITDA_WORKER: 'off',
        ITDA_WORKERS: '1',
        ITDA_PAGE_CACHE_MB: '0',
      });
      try {
        results.push({ name: 'clerk home, every view rendered', processes: 1, conns: 50, r: await load(`${server.url}/home`, 50, { cookie }) });
        results.push({ name: 'business page, every view rendered', processes: 1, conns: 50, r: await load(server.url, 50, { cookie }, businessPaths) });
      } finally {
        await server.stop();
      }
    }
    await bareServer.stop();

    console.log(
      `\nbench:http — PostgreSQL, ${BUSINESSES} businesses, ${PROGRAMMES} programmes, ${CLERKS} clerks, ${SECONDS} s each after ${WARMUP} s of warm-up${SHORT ? ' (short)' : ''}; ${os.cpus().length} cores; load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      'page'.padEnd(34),
      'procs'.padStart(6),
      'conns'.padStart(6),
      'req/s'.padStart(9),
      'p50 ms'.padStart(8),
      'p99 ms'.padStart(8),
      'errors'.padStart(7),
      'vs baseline'.padStart(12),
    );
    for (const { name, processes, conns, r } of results) {
      const base = results.find((x) => x.conns === conns && x.name.startsWith('bare'))!.r.rps;
      console.log(
        name.padEnd(34),
        String(processes).padStart(6),
        String(conns).padStart(6),
        r.rps.toFixed(0).padStart(9),
        (r.total ? String(r.p50) : '—').padStart(8),
        (r.total ? String(r.p99) : '—').padStart(8),
        String(r.errors).padStart(7),
        `${(r.rps / base).toFixed(3)}×`.padStart(12),
      );
    }
    const floor = results.find((x) => x.name.startsWith('signed-in floor'));
    for (const { name, processes, conns, r } of results)
      if (floor && floor.r.rps > 0 && conns === 50 && processes === floor.processes && (name.startsWith('clerk') || name.startsWith('business')))
        console.log(`${name}: ${(r.rps / floor.r.rps).toFixed(2)}× the throughput of the signed-in floor (${floor.r.rps.toFixed(0)} req/s, p99 ${floor.r.p99} ms)`);
    for (const { name, processes, conns, r } of results)
      // A page that answered nothing has no p99 (0): not met.
      if (conns === 50 && !name.startsWith('bare') && !name.startsWith('signed-in') && !name.endsWith('every view rendered'))
        console.log(
          `target p99 ≤ 100 ms at 50 connections, ${name}, ${processes} process${processes > 1 ? 'es' : ''}: ${r.total > 0 && r.errors === 0 && r.p99 <= 100 ? 'met' : 'NOT met'} (${r.total > 0 ? `${r.p99} ms` : 'no answer'})`,
        );
    for (const { name, processes, conns, r } of results)
      if (!r.total) console.log(`${name}, ${processes} process(es), ${conns} connections: no answer within ${SECONDS} s (every request still in flight)`);
    // Failed requests fail the run; slow ones are figures (performance is judged from the numbers).
    if (results.some(({ r }) => r.errors > 0)) process.exitCode = 1;
  } finally {
    await database?.close();
    // BENCH_KEEP_DB=1 keeps the generated database for profiling (its name is printed).
    if (process.env.BENCH_KEEP_DB === '1') console.log(`kept database ${dbName}`);
    else await admin(`drop database if exists ${dbName} with (force)`);
  }
}

await main();
