import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { DB } from '../src/db/schema.ts';

/**
 * A fresh, migrated database for one test file (docs/architecture.md convention 7): an in-memory
 * PGlite by default; with TEST_DATABASE_URL set (CI), a new database on that PostgreSQL server,
 * dropped again by `close()`.
 */
export async function testDatabase(): Promise<{ db: Kysely<DB>; database: Database; close: () => Promise<void>; url?: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' }, undefined, { loadDataDir: await migratedSnapshot() });
    // Nothing to do when the snapshot is current; applies a migration added since it was made.
    await migrateToLatest(database.db);
    return { db: database.db, database, close: () => database.close() };
  }

  // Lower-case letters and digits only: safe to splice into CREATE/DROP DATABASE unquoted.
  const name = `itda_t_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString() });
  try {
    await migrateToLatest(database.db);
  } catch (err) {
    await database.close();
    await admin(serverUrl, `drop database if exists ${name}`);
    throw err;
  }
  return {
    db: database.db,
    database,
    url: url.toString(),
    async close() {
      await database.close();
      // WITH (FORCE) (PostgreSQL 13+) ends connections a failed test may have leaked.
      await admin(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

/**
 * A migrated, empty PGlite database as a tarball, made once per set of migrations and kept in
 * node_modules/.cache: migrating takes most of a test file's set-up (seconds on a busy machine),
 * loading the snapshot a fraction of it. The key is the migrations' names and contents, so a new
 * or changed migration makes a new snapshot. Written to a temporary name and renamed, so test
 * files starting at the same time never read half a file.
 */
async function migratedSnapshot(): Promise<Blob> {
  const dir = path.resolve(import.meta.dirname, '../migrations');
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) hash.update(name).update(readFileSync(path.join(dir, name)));
  const cacheDir = path.resolve(import.meta.dirname, '../node_modules/.cache/itda-test-db');
  const file = path.join(cacheDir, `${hash.digest('hex').slice(0, 16)}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  try {
    await migrateToLatest(database.db);
    const blob = await database.snapshot!();
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    renameSync(tmp, file);
    return blob;
  } finally {
    await database.close();
  }
}

async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
