/**
 * A migrated, empty PGlite database kept as a tarball, so a fresh ./data starts from it instead of
 * running initdb and every migration (most of the first start's time: issue 10 §5 asks for
 * `/healthz` within 10 s of the first `npm start`). It is the same file the tests start each
 * database from (test/db.ts: node_modules/.cache/itda-test-db/<key>.tar, the key being the
 * migrations' names and contents: `templateFile` in migrate.ts), made by `npm install` (the
 * `postinstall` script runs this file) or by the first test run. `openDatabase` loads it into a
 * PGlite folder that holds no database yet. A missing template is no error: the database is then
 * made the long way (initdb, every migration).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from './database.ts';
import { migrateToLatest, templateFile } from './migrate.ts';

/** Makes the template unless it is there (written under a temporary name and renamed: a reader never sees half a file). */
export async function makeTemplate(): Promise<string> {
  const file = templateFile();
  if (existsSync(file)) return file;
  const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  try {
    await migrateToLatest(database.db);
    const blob = await database.snapshot!();
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    renameSync(tmp, file);
    return file;
  } finally {
    await database.close();
  }
}

// `node --import tsx src/db/template.ts` (npm's postinstall): make it now, never fail the install.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  makeTemplate().then(
    (file) => console.log(`itda: database template ${path.relative(process.cwd(), file)} (${((performance.now() - started) / 1000).toFixed(1)} s)`),
    (err: unknown) => console.warn('itda: no database template (the first start will make the database instead):', err),
  );
}
