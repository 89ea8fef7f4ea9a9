import { spawn } from 'node:child_process';
import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import type { Database } from './database.ts';

/**
 * Backups that restore (issue 14 §5; 개인정보의 안전성 확보조치 기준 §11 재해·재난 대비).
 *
 * A backup is a folder: `manifest.json` (what, when, which migrations, the row count and a hash of
 * every table, checksums) and `database.enc`, the database encrypted with AES-256-GCM under a key
 * derived (scrypt) from `ITDA_BACKUP_KEY`. Uploaded files are stored in the database (bytea:
 * document_file, applicant files, report files), so the database is the whole backup.
 *
 * - PostgreSQL: `pg_dump --format=custom` (the client tools must be installed and at least the
 *   server's version), restored with `pg_restore` into an empty database.
 * - PGlite: its data directory as a tarball (`dumpDataDir`), restored into an empty folder. PGlite
 *   serves one process: a running server backs up through its nightly job (`backup.nightly`), the
 *   command line only while the server is stopped.
 *
 * `restore` checks the result against the manifest (rows and hash per table) and says so.
 */

export const BACKUP_FORMAT = 'itda-backup/1';
const MAGIC = Buffer.from('ITDABK01');
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + SALT_BYTES + IV_BYTES;
const DATA_FILE = 'database.enc';
const MANIFEST = 'manifest.json';

export interface TableFingerprint {
  rows: number;
  /** md5 of the table's rows as text, in a fixed order. */
  md5: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  kind: 'pglite' | 'postgres';
  createdAt: string;
  /** pg_dump's version line, or "PGlite dumpDataDir". */
  tool: string;
  migrations: string[];
  tables: Record<string, TableFingerprint>;
  file: typeof DATA_FILE;
  /** sha256 of the database dump before encryption, and of database.enc as written. */
  plainSha256: string;
  cipherSha256: string;
  bytes: number;
}

export class BackupError extends Error {}

/** The key from the environment: at least 16 characters (a passphrase or random base64). */
export function backupKeyFrom(value: string | undefined): string {
  if (!value || value.length < 16) {
    throw new BackupError(
      'ITDA_BACKUP_KEY 가 없거나 16자보다 짧습니다. 백업은 언제나 암호화합니다 (ITDA_BACKUP_KEY is missing or shorter than 16 characters).',
    );
  }
  return value;
}

const deriveKey = (passphrase: string, salt: Buffer) =>
  scryptSync(passphrase, salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });

/** Row count and md5 of every table of the `public` schema (the application's data). */
export async function tableFingerprints(db: Kysely<unknown>): Promise<Record<string, TableFingerprint>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const out: Record<string, TableFingerprint> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ rows: number | string; md5: string | null }>`
      select count(*) as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5
        from ${sql.table(name)} t`.execute(db);
    out[name] = { rows: Number(r.rows[0]!.rows), md5: r.rows[0]!.md5 ?? '' };
  }
  return out;
}

async function migrationNames(db: Kysely<unknown>): Promise<string[]> {
  try {
    const r = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    return r.rows.map((x) => x.name);
  } catch {
    return [];
  }
}

/** A stream that hashes what passes through it. */
function hashing(hash: ReturnType<typeof createHash>, count: { bytes: number }) {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      count.bytes += chunk.length;
      cb(null, chunk);
    },
  });
}

async function encryptFile(
  plainPath: string,
  outPath: string,
  passphrase: string,
): Promise<{ plainSha256: string; cipherSha256: string; bytes: number }> {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(passphrase, salt), iv);
  const plainHash = createHash('sha256');
  const counted = { bytes: 0 };
  // header | ciphertext | tag: the tag exists once the cipher has ended, so it is written last.
  await pipeline(
    createReadStream(plainPath),
    hashing(plainHash, counted),
    cipher,
    async function* (source: AsyncIterable<Buffer>) {
      yield Buffer.concat([MAGIC, salt, iv]);
      for await (const chunk of source) yield chunk;
      yield cipher.getAuthTag();
    },
    createWriteStream(outPath, { mode: 0o600 }),
  );
  return { plainSha256: plainHash.digest('hex'), cipherSha256: await sha256File(outPath), bytes: counted.bytes };
}

async function decryptFile(encPath: string, plainPath: string, passphrase: string): Promise<string> {
  const size = (await stat(encPath)).size;
  if (size < HEADER_BYTES + TAG_BYTES) throw new BackupError(`${encPath}: 백업 파일이 잘렸습니다 (file too short).`);
  const fh = await open(encPath, 'r');
  const header = Buffer.alloc(HEADER_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  try {
    await fh.read(header, 0, HEADER_BYTES, 0);
    await fh.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await fh.close();
  }
  if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw new BackupError(`${encPath}: 잇다 백업 파일이 아닙니다 (not an Itda backup).`);
  const salt = header.subarray(MAGIC.length, MAGIC.length + SALT_BYTES);
  const iv = header.subarray(MAGIC.length + SALT_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(passphrase, salt), iv);
  decipher.setAuthTag(tag);
  const plainHash = createHash('sha256');
  try {
    await pipeline(
      createReadStream(encPath, { start: HEADER_BYTES, end: size - TAG_BYTES - 1 }),
      decipher,
      hashing(plainHash, { bytes: 0 }),
      createWriteStream(plainPath, { mode: 0o600 }),
    );
  } catch (e) {
    await rm(plainPath, { force: true });
    // GCM: a wrong key and a changed byte both fail the tag check.
    throw new BackupError(
      `백업을 풀지 못했습니다: 키가 다르거나 파일이 바뀌었습니다 (wrong ITDA_BACKUP_KEY or the file was altered): ${(e as Error).message}`,
    );
  }
  return plainHash.digest('hex');
}

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'ENOENT'
          ? new BackupError(`${cmd} 이 없습니다: PostgreSQL 클라이언트 도구를 설치하세요 (postgresql-client; ${cmd} not found)`)
          : e,
      ),
    );
    child.once('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

async function emptyOrNew(dir: string): Promise<void> {
  if (existsSync(dir) && (await readdir(dir)).length > 0)
    throw new BackupError(`${dir}: 비어 있지 않은 폴더에는 백업하지 않습니다 (the folder is not empty).`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

/** Backs the open database up into `dir` (new or empty). */
export async function backupDatabase(
  database: Database,
  target: Config['database'],
  dir: string,
  passphrase: string,
): Promise<BackupManifest> {
  await emptyOrNew(dir);
  const plain = path.join(dir, '.database.plain');
  let tool: string;
  try {
    if (target.kind === 'postgres') {
      const version = await run('pg_dump', ['--version']);
      tool = version.stdout.trim();
      const r = await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${plain}`, `--dbname=${target.url}`]);
      if (r.code !== 0) throw new BackupError(`pg_dump 실패 (failed): ${r.stderr.trim()}`);
    } else {
      if (!database.snapshot) throw new BackupError('이 데이터베이스는 스냅숏을 지원하지 않습니다 (no snapshot).');
      tool = 'PGlite dumpDataDir';
      await writeFile(plain, Buffer.from(await (await database.snapshot()).arrayBuffer()), { mode: 0o600 });
    }
    // Fingerprints after the dump: a write in between shows up as a mismatch at restore, never as silence.
    const [tables, migrations] = await Promise.all([
      tableFingerprints(database.db as Kysely<unknown>),
      migrationNames(database.db as Kysely<unknown>),
    ]);
    const sums = await encryptFile(plain, path.join(dir, DATA_FILE), passphrase);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      kind: target.kind,
      createdAt: new Date().toISOString(),
      tool,
      migrations,
      tables,
      file: DATA_FILE,
      ...sums,
    };
    await writeFile(path.join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
    return manifest;
  } finally {
    await rm(plain, { force: true });
  }
}

export async function readManifest(dir: string): Promise<BackupManifest> {
  let m: BackupManifest;
  try {
    m = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as BackupManifest;
  } catch {
    throw new BackupError(`${dir}: manifest.json 을 읽지 못했습니다 (no readable manifest.json).`);
  }
  if (m.format !== BACKUP_FORMAT) throw new BackupError(`${dir}: 알 수 없는 백업 형식입니다 (${String(m.format)}).`);
  return m;
}

async function publicTableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>(
      `select count(*) as n from information_schema.tables where table_schema in ('public', 'pgboss')`,
    );
    return Number(r.rows[0]!.n);
  } finally {
    await client.end();
  }
}

/**
 * Restores `dir` into the configured database, which must be empty (PostgreSQL: no tables; PGlite:
 * a missing or empty folder). `force` first moves a PGlite folder aside (`<dir>.before-restore-…`)
 * or drops the PostgreSQL schemas `public` and `pgboss`.
 */
export async function restoreDatabase(
  target: Config['database'],
  dir: string,
  passphrase: string,
  opts: { force?: boolean } = {},
): Promise<BackupManifest> {
  const manifest = await readManifest(dir);
  if (manifest.kind !== target.kind)
    throw new BackupError(
      `${manifest.kind} 백업은 ${target.kind} 에 복원할 수 없습니다 (a ${manifest.kind} backup cannot be restored into ${target.kind}).`,
    );
  const enc = path.join(dir, manifest.file);
  if ((await sha256File(enc)) !== manifest.cipherSha256)
    throw new BackupError(`${enc}: 체크섬이 맞지 않습니다 (checksum mismatch): 파일이 손상되었습니다.`);
  const plain = path.join(dir, '.restore.plain');
  try {
    if ((await decryptFile(enc, plain, passphrase)) !== manifest.plainSha256)
      throw new BackupError('복호화한 내용의 체크섬이 맞지 않습니다 (decrypted checksum mismatch).');
    if (target.kind === 'postgres') {
      if ((await publicTableCount(target.url)) > 0) {
        if (!opts.force)
          throw new BackupError(
            '대상 데이터베이스가 비어 있지 않습니다. 덮어쓰려면 --force (the target database is not empty; use --force to replace it).',
          );
        const client = new pg.Client({ connectionString: target.url });
        await client.connect();
        try {
          await client.query('drop schema if exists pgboss cascade; drop schema public cascade; create schema public');
        } finally {
          await client.end();
        }
      }
      const r = await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${target.url}`, plain]);
      if (r.code !== 0) throw new BackupError(`pg_restore 실패 (failed): ${r.stderr.trim()}`);
    } else {
      const dataDir = path.resolve(target.dataDir);
      if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
        if (!opts.force)
          throw new BackupError(`${dataDir}: 데이터 폴더가 비어 있지 않습니다. 덮어쓰려면 --force (옛 폴더는 옆으로 옮겨 둡니다).`);
        await rename(dataDir, `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
      }
      await mkdir(dataDir, { recursive: true });
      const pglite = new PGlite(dataDir, { loadDataDir: new Blob([await readFile(plain)]) });
      await pglite.waitReady;
      await pglite.close();
    }
    return manifest;
  } finally {
    await rm(plain, { force: true });
  }
}

/** Compares a restored database with its manifest: the tables whose rows or hash differ. */
export async function verifyRestored(
  db: Kysely<unknown>,
  manifest: BackupManifest,
): Promise<{ tables: number; rows: number; differ: string[] }> {
  const now = await tableFingerprints(db);
  const names = new Set([...Object.keys(now), ...Object.keys(manifest.tables)]);
  const differ = [...names].filter((n) => now[n]?.rows !== manifest.tables[n]?.rows || now[n]?.md5 !== manifest.tables[n]?.md5).sort();
  return { tables: Object.keys(now).length, rows: Object.values(now).reduce((s, t) => s + t.rows, 0), differ };
}

/** The nightly job's folder name and the pruning of old backups (keep the newest `keep`). */
export function nightlyFolder(root: string, at: Date): string {
  return path.join(root, `itda-${at.toISOString().slice(0, 19).replace(/[-:T]/g, '')}`);
}

export async function pruneBackups(root: string, keep: number): Promise<string[]> {
  if (!existsSync(root)) return [];
  const dirs = (await readdir(root)).filter((d) => /^itda-\d{14}$/.test(d)).sort();
  const old = dirs.slice(0, Math.max(0, dirs.length - keep));
  for (const d of old) await rm(path.join(root, d), { recursive: true, force: true });
  return old;
}
