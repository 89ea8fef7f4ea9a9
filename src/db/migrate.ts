import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DB } from './schema.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

/**
 * Where the migrated, empty PGlite template for the current migrations is kept (src/db/template.ts):
 * the key is the migrations' names and contents, the same file test/db.ts starts every test
 * database from (node_modules/.cache/itda-test-db).
 */
export function templateFile(dir = MIGRATIONS_DIR): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) hash.update(name).update(readFileSync(path.join(dir, name)));
  return path.resolve(import.meta.dirname, '../../node_modules/.cache/itda-test-db', `${hash.digest('hex').slice(0, 16)}.tar`);
}

/** Plain, reviewable `.sql` files, applied in name order (timestamp prefix), forward only. */
class SqlFileMigrationProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.dir)).filter((f) => f.endsWith('.sql')).sort();
    const out: Record<string, Migration> = {};
    for (const file of files) {
      const text = await readFile(path.join(this.dir, file), 'utf8');
      out[file.replace(/\.sql$/, '')] = {
        async up(db: Kysely<unknown>) {
          await sql.raw(text).execute(db);
        },
      };
    }
    return out;
  }
}

export async function migrateToLatest(db: Kysely<DB>, dir = MIGRATIONS_DIR): Promise<string[]> {
  // Several people add migrations at once, each with its own timestamp range, and they land in any
  // order: a database that already ran a later-named one must still take an earlier-named newcomer
  // (they are independent; each is forward-only and never edited once landed).
  const migrator = new Migrator({ db, provider: new SqlFileMigrationProvider(dir), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`마이그레이션 실패 (migration failed)${failed ? `: ${failed.migrationName}` : ''}: ${error instanceof Error ? error.message : JSON.stringify(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
