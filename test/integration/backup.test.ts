import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import {
  backupDatabase,
  BackupError,
  restoreDatabase,
  tableFingerprints,
  verifyRestored,
  type BackupManifest,
} from '../../src/db/backup.ts';
import { openDatabase } from '../../src/db/database.ts';
import { testDatabase } from '../db.ts';

/**
 * The backup drill (issue 14 §5): fill a database, back it up, destroy it, restore it, and compare
 * the row count and a hash of every table. Runs on the suite's database: PGlite by default,
 * PostgreSQL with TEST_DATABASE_URL (pg_dump / pg_restore).
 */
const KEY = 'drill-key-' + randomBytes(8).toString('hex');
const work = mkdtempSync(path.join(tmpdir(), 'itda-backup-'));
let source: Awaited<ReturnType<typeof testDatabase>>;
let target: Config['database'];
let before: Awaited<ReturnType<typeof tableFingerprints>>;
let manifest: BackupManifest;
let restoredUrl: string | null = null;

beforeAll(async () => {
  source = await testDatabase();
  const db = source.db;
  // Data of every kind the tables hold: Korean text, dates, arrays, json, bytes (an uploaded file).
  const region = await db.selectFrom('region').select('id').executeTakeFirstOrThrow();
  const office = await db
    .insertInto('office')
    .values({ name: '백업 시험 사무소', regionId: region.id, address: '경기도 수원시 팔달구 효원로 1', phone: '031-000-0000' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('business')
    .values(
      Array.from({ length: 25 }, (_, i) => ({
        name: `백업 가게 ${i}`,
        ownerName: `대표 ${i}`,
        phone: `010-0000-${String(i).padStart(4, '0')}`,
        municipalityCode: '41110',
        officeId: office.id,
        openedOn: '2021-03-02',
      })),
    )
    .execute();
  const b = await db.selectFrom('business').select('id').executeTakeFirstOrThrow();
  // An uploaded file: its bytes live in the database, so the backup holds them.
  await db
    .insertInto('documentFile')
    .values({
      businessId: b.id,
      fileName: '사업자등록증.pdf',
      mediaType: 'application/pdf',
      sizeBytes: 2048,
      sha256: 'x'.repeat(64),
      content: randomBytes(2048),
    })
    .execute();
  target = source.url ? { kind: 'postgres', url: source.url } : { kind: 'pglite', dataDir: path.join(work, 'source') };
  before = await tableFingerprints(db as Kysely<unknown>);
});

afterAll(async () => {
  await source?.close().catch(() => undefined);
  if (restoredUrl) await admin(`drop database if exists ${new URL(restoredUrl).pathname.slice(1)} with (force)`);
  rmSync(work, { recursive: true, force: true });
});

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe('backup → destroy → restore', () => {
  it('writes an encrypted, checksummed backup with the count and hash of every table', async () => {
    manifest = await backupDatabase(source.database, target, path.join(work, 'b1'), KEY);
    expect(manifest.kind).toBe(target.kind);
    expect(manifest.tables).toEqual(before);
    expect(manifest.tables.business!.rows).toBe(25);
    expect(manifest.migrations.length).toBeGreaterThan(10);
    // Encrypted: no table name or Korean text of the data is readable in the file.
    const bytes = readFileSync(path.join(work, 'b1', manifest.file));
    expect(bytes.subarray(0, 8).toString()).toBe('ITDABK01');
    expect(bytes.includes(Buffer.from('백업 가게'))).toBe(false);
    expect(bytes.includes(Buffer.from('business'))).toBe(false);
  });

  it('restores into an empty database with the same rows and hashes in every table', async () => {
    await source.close();
    const into: Config['database'] =
      target.kind === 'postgres' ? await freshPostgres() : { kind: 'pglite', dataDir: path.join(work, 'restored') };
    await restoreDatabase(into, path.join(work, 'b1'), KEY);
    const restored = await openDatabase(into);
    try {
      const v = await verifyRestored(restored.db as Kysely<unknown>, manifest);
      expect(v.differ).toEqual([]);
      expect(v.tables).toBe(Object.keys(before).length);
      // Not an empty comparison: the drill's rows are there.
      const n = await restored.db
        .selectFrom('business')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(25);
      // And a change is seen (the comparison can fail).
      await restored.db.updateTable('business').set({ name: '바뀐 이름' }).where('name', '=', '백업 가게 3').execute();
      expect((await verifyRestored(restored.db as Kysely<unknown>, manifest)).differ).toEqual(['business']);
    } finally {
      await restored.close();
    }
    // A second restore into the same, now non-empty, target is refused without --force.
    await expect(restoreDatabase(into, path.join(work, 'b1'), KEY)).rejects.toThrow(/비어 있지 않/);
  });

  it('refuses a wrong key, an altered file, and a non-empty backup folder', async () => {
    const into: Config['database'] = {
      kind: target.kind,
      ...(target.kind === 'postgres' ? { url: 'postgres://unused' } : { dataDir: path.join(work, 'never') }),
    } as Config['database'];
    await expect(restoreDatabase(into, path.join(work, 'b1'), 'another-key-0000000')).rejects.toThrow(BackupError);
    const file = path.join(work, 'b1', manifest.file);
    const bytes = readFileSync(file);
    bytes[bytes.length - 40] = bytes[bytes.length - 40]! ^ 0xff;
    writeFileSync(file, bytes);
    await expect(restoreDatabase(into, path.join(work, 'b1'), KEY)).rejects.toThrow(/체크섬/);
    await expect(backupDatabase(source.database, target, path.join(work, 'b1'), KEY)).rejects.toThrow(/비어 있지 않은 폴더/);
  });
});

async function freshPostgres(): Promise<Config['database']> {
  const name = `itda_r_${randomBytes(6).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  restoredUrl = url.toString();
  return { kind: 'postgres', url: restoredUrl };
}
