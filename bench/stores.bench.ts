/**
 * npm run bench:stores — the 상가(상권)정보 import (issue 12 §1) on a generated file, on PGlite
 * and on PostgreSQL, in the same run: rows per second for the first import (all new) and a
 * re-import (all unchanged), and the process's peak memory while importing, against its memory
 * before (constant memory: the peak must not grow with the file).
 *
 *   BENCH_ROWS          rows in the generated file (default 200,000; BENCH_SHORT=1: 20,000)
 *   BENCH_ENCODING      utf-8 (default) or cp949
 *   BENCH_DATABASE_URL  PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); a
 *                       fresh database is created and dropped again. BENCH_DB=pglite or postgres: only that one.
 *
 * Constant memory: run with a small heap (node --max-old-space-size=128 …) — a 200,000-row import
 * that completes within it holds no more than the current block, whatever the file's length.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import iconv from 'iconv-lite';
import pg from 'pg';
import pino from 'pino';
import { buildServices } from '../src/compose.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { csvLine, HEADER, storeRow } from '../test/fixtures/stores/store-csv.ts';

const SHORT = process.env.BENCH_SHORT === '1';
const ROWS = Number(process.env.BENCH_ROWS ?? (SHORT ? 20_000 : 200_000));
const ENCODING = process.env.BENCH_ENCODING === 'cp949' ? 'cp949' : 'utf-8';
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MB = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

async function writeFile(file: string) {
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(ENCODING === 'cp949' ? iconv.encode(s, 'cp949') : s)) await once(out, 'drain');
  };
  if (ENCODING === 'utf-8') await write('\uFEFF');
  await write(csvLine(HEADER));
  for (let i = 0; i < ROWS; i++) {
    const r = storeRow(i);
    await write(csvLine(HEADER.map((h) => r[h] ?? '')));
  }
  out.end();
  await once(out, 'finish');
}

async function run(label: string, database: Database, file: string) {
  await migrateToLatest(database.db);
  const services = buildServices(database, loadConfig(), pino({ level: 'silent' }));
  for (const pass of ['first import (new)', 're-import (unchanged)']) {
    global.gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const timer = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 50);
    const r = await services.stores.importFile(null, { fileName: path.basename(file), bytes: createReadStream(file, { highWaterMark: 256 * 1024 }) }, { ip: null, requestId: 'bench' });
    clearInterval(timer);
    console.log(
      `${label.padEnd(10)} ${pass.padEnd(22)} ${r.totalRows.toLocaleString('en')} rows in ${r.seconds.toFixed(1)} s = ${r.rowsPerSecond.toLocaleString('en')} rows/s` +
        ` | new ${r.created} updated ${r.updated} unchanged ${r.unchanged} closed ${r.closed} rejected ${r.rejected}` +
        ` | rss ${MB(before.rss)} → peak ${MB(peakRss)} (+${MB(peakRss - before.rss)}), heap ${MB(before.heapUsed)} → peak ${MB(peakHeap)}`,
    );
  }
}

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
  const dir = mkdtempSync(path.join(tmpdir(), 'itda-stores-bench-'));
  const file = path.join(dir, `stores-${ENCODING}.csv`);
  try {
    await writeFile(file);
    console.log(`file: ${ROWS.toLocaleString('en')} rows, ${MB(statSync(file).size)}, ${ENCODING}${ENCODING === 'utf-8' ? ' with BOM' : ''}`);
    if (process.env.BENCH_DB !== 'postgres') {
      const pglite = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pglite') });
      try {
        await run('PGlite', pglite, file);
      } finally {
        await pglite.close();
      }
    }
    if (process.env.BENCH_DB !== 'pglite') {
      const name = `itda_bench_${randomBytes(5).toString('hex')}`;
      await admin(`create database ${name}`);
      const url = new URL(SERVER);
      url.pathname = `/${name}`;
      const database = await openDatabase({ kind: 'postgres', url: url.toString() });
      try {
        await run('PostgreSQL', database, file);
      } finally {
        await database.close();
        await admin(`drop database if exists ${name} with (force)`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
