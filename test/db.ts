import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { DB } from '../src/db/schema.ts';

/**
 * A fresh, migrated database for one test file (ARCHITECTURE.md convention 7): an in-memory
 * PGlite by default; with TEST_DATABASE_URL set (CI), a new database on that PostgreSQL server,
 * dropped again by `close()`.
 */
export async function testDatabase(): Promise<{ db: Kysely<DB>; database: Database; close: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
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
    async close() {
      await database.close();
      // WITH (FORCE) (PostgreSQL 13+) ends connections a failed test may have leaked.
      await admin(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
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
