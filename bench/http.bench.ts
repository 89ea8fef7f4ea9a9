/**
 * `npm run bench:http` — the clerk's two busiest pages under load, on PostgreSQL.
 *
 * Data (SAMPLE, seeded): 20,000 generated businesses (facts from the eligibility generator), 100
 * clerks in 8 offices, 200 per clerk, one activity each; a generated catalogue of 2,000 programme
 * versions (generateCatalogue, as bench:matching: regions 경기 / nationwide / a few 시·군, one in ten
 * still `drafted`, one in twenty closing within 14 days so the clerk home's "마감 임박" has work).
 * Load: autocannon at 50 and at 200 connections, each page for BENCH_SECONDS (default 10).
 * Baseline in the same run: a bare Hono route on the same server stack, so the ratio says how much
 * our page costs, whatever the machine. Targets (issue 12 §4): p99 ≤ 100 ms at 50 connections for
 * both pages, 0 errors.
 * BENCH_SHORT=1: 2,000 businesses, 3 s per page (CI).
 */
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { Hono } from 'hono';
import pg from 'pg';
import os from 'node:os';
import pino from 'pino';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.ts';
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
const SECONDS = Number(process.env.BENCH_SECONDS ?? (SHORT ? 3 : 10));
const PROGRAMMES = Number(process.env.BENCH_PROGRAMMES ?? 2_000);
const CONNECTION_LEVELS = [50, 200];

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function listen(fetch: (r: Request) => Response | Promise<Response>): Promise<{ url: string; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

async function load(url: string, connections: number, headers: Record<string, string> = {}) {
  const r = await autocannon({ url, connections, duration: SECONDS, headers });
  // A page that answered nothing in the time counts as failed (a timeout is an error too).
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx + (r.requests.total === 0 ? 1 : 0),
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
  const database = await openDatabase({ kind: 'postgres', url: url.toString() });
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

    const app = createApp({ config, logger, ...services, dbKind: 'postgres' });
    const server = await listen(app.fetch);
    const bare = new Hono();
    bare.get('/', (c) => c.text('ok'));
    const bareServer = await listen(bare.fetch);

    // Sign in as clerk 0 (cookie + CSRF token from the login page).
    const loginPage = await fetch(`${server.url}/login`);
    const csrf = /itda_csrf=([^;]+)/.exec(loginPage.headers.getSetCookie().join(';'))![1]!;
    const res = await fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `itda_csrf=${csrf}` },
      body: new URLSearchParams({ login: 'bench-clerk-0', password: 'Bench-password-1', _csrf: csrf }).toString(),
    });
    const sid = /itda_sid=([^;]+)/.exec(res.headers.getSetCookie().join(';'))![1]!;
    const cookie = `itda_sid=${sid}; itda_csrf=${csrf}`;
    const business = await db.selectFrom('business').select('id').where('clerkId', '=', clerks[0]!.id).limit(1).executeTakeFirstOrThrow();

    // One request each first: the first view of a page may fill per-process caches (not timed).
    for (const path of ['/home', `/businesses/${business.id}`]) {
      const r = await fetch(`${server.url}${path}`, { headers: { cookie } });
      if (r.status !== 200) throw new Error(`${path} answered ${r.status}`);
      await r.arrayBuffer();
    }

    const results: [string, number, Awaited<ReturnType<typeof load>>][] = [];
    for (const n of CONNECTION_LEVELS) {
      results.push(['bare Hono route (baseline)', n, await load(bareServer.url, n)]);
      results.push(['clerk home /home', n, await load(`${server.url}/home`, n, { cookie })]);
      results.push(['business page /businesses/:id', n, await load(`${server.url}/businesses/${business.id}`, n, { cookie })]);
    }
    await server.close();
    await bareServer.close();

    console.log(
      `\nbench:http — PostgreSQL, ${BUSINESSES} businesses, ${PROGRAMMES} programmes, ${CLERKS} clerks, ${SECONDS} s each${SHORT ? ' (short)' : ''}; load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      'page'.padEnd(34),
      'conns'.padStart(6),
      'req/s'.padStart(9),
      'p50 ms'.padStart(8),
      'p99 ms'.padStart(8),
      'errors'.padStart(7),
      'vs baseline'.padStart(12),
    );
    for (const [name, n, r] of results) {
      const base = results.find(([k, m]) => m === n && k.startsWith('bare'))![2].rps;
      console.log(
        name.padEnd(34),
        String(n).padStart(6),
        r.rps.toFixed(0).padStart(9),
        String(r.p50).padStart(8),
        String(r.p99).padStart(8),
        String(r.errors).padStart(7),
        `${(r.rps / base).toFixed(3)}×`.padStart(12),
      );
    }
    for (const [name, n, r] of results)
      // A page that answered nothing has no p99 (0): not met.
      if (n === 50 && !name.startsWith('bare'))
        console.log(
          `target p99 ≤ 100 ms at 50 connections, ${name}: ${r.total > 0 && r.errors === 0 && r.p99 <= 100 ? 'met' : 'NOT met'} (${r.total > 0 ? `${r.p99} ms` : 'no answer'})`,
        );
    if (results.some(([, , r]) => r.errors > 0)) process.exitCode = 1;
  } finally {
    await database.close();
    await admin(`drop database if exists ${dbName} with (force)`);
  }
}

await main();
