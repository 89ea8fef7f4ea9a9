import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/**
 * The real app as a child process (`node --import tsx src/main.ts`), the way `npm start` runs it,
 * on a free loopback port. By default on a fresh PGlite data directory with the demo on; with
 * E2E_DATABASE_URL set, on a freshly created database on that PostgreSQL server (no demo there:
 * the config refuses it, so tests create their accounts with the CLI and the admin pages).
 */

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 25_000;

export type StoreKind = 'pglite' | 'postgres';

/** Where the app keeps its data: survives server restarts until `dispose()`. */
export interface Store {
  kind: StoreKind;
  /** PGlite data directory (pglite only). */
  dataDir?: string;
  /** DATABASE_URL of the database made for this store (postgres only). */
  databaseUrl?: string;
  /** Environment that points the app (or the CLI) at this store. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

export function storeKind(): StoreKind {
  return process.env.E2E_DATABASE_URL ? 'postgres' : 'pglite';
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, empty store: a temp PGlite directory, or a new database on E2E_DATABASE_URL's server. */
export async function createStore(): Promise<Store> {
  const serverUrl = process.env.E2E_DATABASE_URL;
  if (!serverUrl) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'itda-e2e-'));
    return {
      kind: 'pglite',
      dataDir,
      env: { ITDA_DATA_DIR: dataDir, ITDA_DEMO: 'on' },
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  // Lower-case letters and digits only: safe to splice into CREATE/DROP DATABASE unquoted.
  const name = `itda_e2e_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    kind: 'postgres',
    databaseUrl,
    env: { DATABASE_URL: databaseUrl },
    // WITH (FORCE) (PostgreSQL 13+) ends connections a crashed server may have left behind.
    dispose: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`),
  };
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  origin: string;
  store: Store;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, wait for exit; throws (with the output) unless the exit code is 0. */
  stop(): Promise<number>;
  /** The server's process id (the drills read its memory in /proc). */
  pid: number;
  /** `kill -9`: resolves when the process is gone; no shutdown code runs (test/drills). */
  crash(): Promise<void>;
}

/** Environment for the child: the parent's, minus anything that would point it elsewhere. */
function childEnv(store: Store, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('ITDA_') || k === 'DATABASE_URL' || k === 'PORT' || k === 'HOST') delete env[k];
  delete env.NODE_OPTIONS; // vitest's loader hooks must not leak into the app
  return {
    ...env,
    HOST: '127.0.0.1',
    PORT: '0', // the OS picks a free port; the app logs which one
    ITDA_LOG_LEVEL: 'info',
    ...store.env,
    ...extra,
  };
}

/**
 * Start the app on `store` (a fresh one when omitted) and wait until /readyz answers 200 (the database answers).
 * `nodeArgs` go to node before the app (the soak drill's --inspect).
 * The caller owns the store when it passes one; otherwise `stop()` leaves it for `store.dispose()`.
 */
export async function startServer(opts: { store?: Store; env?: Record<string, string>; nodeArgs?: string[] } = {}): Promise<RunningServer> {
  const store = opts.store ?? (await createStore());
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: childEnv(store, opts.env ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // If the test process dies first, take the server along: an orphan whose stdout pipe is gone
  // blocks on its next log line and then ignores SIGTERM.
  const reap = () => kill(child);
  process.once('exit', reap);
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      process.off('exit', reap);
      resolve({ code, signal });
    });
  });
  const port = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not log its port within ${STARTUP_TIMEOUT_MS} ms\n${out}`)),
      STARTUP_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /"port":(\d+),[^\n]*"msg":"listening"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited during startup (code ${code}, signal ${signal})\n${out}`));
    });
  });

  let origin: string;
  try {
    origin = `http://127.0.0.1:${await port}`;
    await waitForHealth(origin, exited);
  } catch (err) {
    kill(child);
    throw err;
  }

  let stopped: Promise<number> | null = null;
  return {
    origin,
    store,
    pid: child.pid!,
    async crash() {
      kill(child);
      await exited;
    },
    output: () => out,
    stop() {
      stopped ??= (async () => {
        if (child.exitCode !== null) throw new Error(`server had already exited with ${child.exitCode}\n${out}`);
        child.kill('SIGTERM');
        const timer = setTimeout(() => kill(child), STOP_TIMEOUT_MS);
        const { code, signal } = await exited;
        clearTimeout(timer);
        if (code !== 0) throw new Error(`server did not shut down cleanly on SIGTERM (code ${code}, signal ${signal})\n${out}`);
        return code;
      })();
      return stopped;
    },
  };
}

function kill(child: ChildProcess) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

async function waitForHealth(origin: string, exited: Promise<unknown>): Promise<void> {
  let done = false;
  void exited.then(() => (done = true));
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline && !done) {
    try {
      const res = await fetch(`${origin}/readyz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(done ? 'server exited before /readyz answered' : `/readyz did not answer 200 within ${STARTUP_TIMEOUT_MS} ms`);
}

/** Run the `itda` CLI against a store (PostgreSQL can be shared with a running server). */
export function runCli(store: Store, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/itda.js', ...args], {
      cwd: ROOT,
      env: childEnv(store, { ITDA_LOG_LEVEL: 'warn' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `itda admin create` → the one-time password it prints (once). */
export async function createAdminWithCli(store: Store, login: string, name: string): Promise<string> {
  const r = await runCli(store, ['admin', 'create', '--login', login, '--name', name, '--lang', 'ko']);
  const m = /일회용 비밀번호:\s*(\S+)/.exec(r.stdout);
  if (r.code !== 0 || !m) throw new Error(`itda admin create failed (code ${r.code})\n${r.stdout}\n${r.stderr}`);
  return m[1]!;
}
