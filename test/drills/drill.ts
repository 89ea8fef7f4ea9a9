import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import { startServer, type RunningServer, type Store } from '../../e2e/server.ts';
import { buildServices } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { hashPassword } from '../../src/modules/auth/auth.crypto.ts';
import { encryptSecret, totpCode } from '../../src/modules/auth/auth.totp.ts';
import { TOTP_PERIOD_SECONDS } from '../../src/domain/second-factor.ts';

/**
 * Fault and load drills (issue 14 §6) against the real server process (`node --import tsx
 * src/main.ts`, e2e/server.ts): a PGlite folder, or with TEST_DATABASE_URL a fresh PostgreSQL
 * database, like the rest of the suite. Short by default (CI); DRILL_LONG=1 runs them longer.
 */
const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));
export const LONG = process.env.DRILL_LONG === '1';
export const PASSWORD = 'Drill-password-1';
export const LOGIN = 'drill-operator';
/** The operator's TOTP key (an operator always gives a second factor, issue 14 §2). */
const TOTP_SECRET = 'DRILLDRILLDRILLDRILLDRILLDRILL22';
let lastStep = -1;

/** The app's code for the operator: a time step not used before (a code is accepted once), waiting for the next when needed. */
async function operatorCode(): Promise<string> {
  const period = TOTP_PERIOD_SECONDS * 1000;
  const nowStep = Math.floor(Date.now() / period);
  const step = Math.max(nowStep, lastStep + 1);
  if (step > nowStep + 1) await new Promise((r) => setTimeout(r, (step - 1) * period - Date.now() + 200));
  lastStep = step;
  return totpCode(TOTP_SECRET, new Date(step * period));
}

export interface DrillStore extends Store {
  businessIds: string[];
  /** Opens the database directly (PGlite: only while no server holds the folder). */
  open(): Promise<Database>;
}

/** A fresh store with an operator (no password change pending) and `businesses` businesses. */
export async function drillStore(businesses = 10): Promise<DrillStore> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let store: Store;
  if (serverUrl) {
    const name = `itda_drill_${randomBytes(6).toString('hex')}`;
    await admin(serverUrl, `create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    store = { kind: 'postgres', databaseUrl: url.toString(), env: { DATABASE_URL: url.toString() }, dispose: () => admin(serverUrl, `drop database if exists ${name} with (force)`) };
  } else {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'itda-drill-'));
    store = { kind: 'pglite', dataDir, env: { ITDA_DATA_DIR: dataDir }, dispose: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const config = () => loadConfig({ ITDA_DEMO: 'off', ...store.env });
  const open = async () => openDatabase(config().database);
  const database = await open();
  try {
    await migrateToLatest(database.db);
    await buildServices(database, config(), pino({ level: 'silent' })).programs.syncReferenceData();
    const operator = await database.db
      .insertInto('appUser')
      .values({ login: LOGIN, displayName: '훈련 운영자', role: 'operator', officeId: null, passwordHash: await hashPassword(PASSWORD), mustChangePassword: false, active: true, email: null, phone: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('userTotp')
      .values({ userId: operator.id, secretEnc: encryptSecret(TOTP_SECRET, config().secondFactor.key), confirmedAt: new Date() })
      .execute();
    const rows = await database.db
      .insertInto('business')
      .values(Array.from({ length: businesses }, (_, i) => ({ name: `훈련 사업장 ${i + 1}`, municipalityCode: '41110', sidoCode: '41' })))
      .returning('id')
      .execute();
    return { ...store, env: { ...store.env, ITDA_DEMO: 'off' }, businessIds: rows.map((r) => r.id), open };
  } finally {
    await database.close();
  }
}

async function admin(serverUrl: string, statement: string) {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

export function start(store: DrillStore, opts: { nodeArgs?: string[] } = {}): Promise<RunningServer> {
  return startServer({ store, ...opts });
}

/**
 * The live JavaScript heap of a server started with `--inspect=127.0.0.1:0`, after a full
 * collection (test/drills/live-heap.mjs, which says why a process of its own).
 */
export async function liveHeap(server: RunningServer): Promise<number> {
  const ws = /Debugger listening on (ws:\/\/\S+)/.exec(server.output())?.[1];
  if (!ws) throw new Error(`the server did not print its inspector address\n${server.output().slice(0, 2000)}`);
  const { stdout } = await run(process.execPath, ['--experimental-websocket', '--no-warnings', path.join(HERE, 'live-heap.mjs'), ws], { timeout: 60_000 });
  return (JSON.parse(stdout) as { usedBytes: number }).usedBytes;
}

/** A signed-in operator over plain HTTP: the session cookie and the CSRF token a form would carry. */
export class Session {
  private cookies = new Map<string, string>();
  constructor(readonly origin: string) {}

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i).trim(), pair!.slice(i + 1).trim());
    }
  }
  private headers(extra: Record<string, string> = {}) {
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...extra };
  }

  async login(): Promise<this> {
    this.keep(await fetch(`${this.origin}/login`, { redirect: 'manual' }));
    const body = new URLSearchParams({ login: LOGIN, password: PASSWORD, _csrf: this.cookies.get('itda_csrf') ?? '' });
    const res = await fetch(`${this.origin}/login`, { method: 'POST', body, headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }), redirect: 'manual' });
    this.keep(res);
    if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
    // The second factor (issue 14 §2).
    const code = new URLSearchParams({ code: await operatorCode(), _csrf: this.cookies.get('itda_csrf') ?? '' });
    const second = await fetch(`${this.origin}/login/second-factor`, {
      method: 'POST',
      body: code,
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded', origin: this.origin }),
      redirect: 'manual',
    });
    this.keep(second);
    if (second.status !== 303) throw new Error(`second factor failed: ${second.status}`);
    this.keep(await fetch(`${this.origin}/home`, { headers: this.headers(), redirect: 'manual' }));
    return this;
  }

  async get(p: string): Promise<number> {
    const res = await fetch(`${this.origin}${p}`, { headers: this.headers(), redirect: 'manual' });
    await res.arrayBuffer();
    return res.status;
  }

  /** A 상담일지 entry (activity + 접속기록, one transaction): 303 means written and committed. */
  async addActivity(businessId: string, summary: string): Promise<number> {
    const body = new URLSearchParams({ kind: 'call', occurredOn: '2026-11-27', minutes: '5', summary, nextAction: '', nextDueOn: '', _csrf: this.cookies.get('itda_csrf') ?? '' });
    const res = await fetch(`${this.origin}/businesses/${businessId}/activities`, {
      method: 'POST',
      body,
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded', origin: this.origin }),
      redirect: 'manual',
    });
    await res.arrayBuffer();
    return res.status;
  }
}

/** Summaries of the activities in the database whose summary starts with `prefix`. */
export async function storedSummaries(store: DrillStore, prefix: string): Promise<Set<string>> {
  const database = await store.open();
  try {
    const rows = await database.db.selectFrom('activity').select('summary').where('summary', 'like', `${prefix}%`).execute();
    return new Set(rows.map((r) => r.summary));
  } finally {
    await database.close();
  }
}

/** Resident set size of a process in bytes (Linux /proc). */
export function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const median = (xs: readonly number[]) => percentile([...xs].sort((a, b) => a - b), 50);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
