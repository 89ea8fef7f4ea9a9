/**
 * Which changes of a business row make its stored verdicts stale (migration
 * 20261208000000_business_verdict_fact_columns): every column the engine reads as a fact does, one
 * at a time — found by watching which fields `factsOf` reads, so a fact column added later without
 * adding it to the trigger fails here — and the columns the clerk touches all day without changing
 * a fact (a visit's last_contact_at, the NTS check time, a phone number, a handover) do not.
 * Both databases (TEST_DATABASE_URL for PostgreSQL).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Business } from '../../src/db/schema.ts';
import { factsOf } from '../../src/modules/eligibility/eligibility.repository.ts';
import { createHarness, type Harness } from '../harness.ts';

let h: Harness;
let id: string;
let other: string;

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The business columns factsOf reads (every property it touches on the row). */
function factColumns(): string[] {
  const read = new Set<string>();
  const row = new Proxy({} as Business, {
    get(_t, k) {
      if (typeof k === 'string') read.add(k);
      return null;
    },
  });
  factsOf(row, null, null);
  return [...read].map(snake).sort();
}

beforeAll(async () => {
  h = await createHarness();
  const officeId = await h.ensureOffice();
  const u = await h.createUser('clerk', { login: 'clerk-facts' });
  const v = await h.createUser('clerk', { login: 'clerk-facts-2' });
  other = v.id;
  id = (
    await h.db
      .insertInto('business')
      .values({ name: '사실 열 시험', sidoCode: '41', municipalityCode: '41110', officeId, clerkId: u.id, isSample: false })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await h?.close();
});

/** Puts a stored row in place (cells not null), runs `change`, and says whether the row went stale. */
async function staleAfter(change: () => Promise<unknown>): Promise<boolean> {
  await sql`insert into business_verdict (business_id, ref_date, cells) values (${id}, '2026-12-02', '{}'::jsonb)
            on conflict (business_id) do update set cells = '{}'::jsonb`.execute(h.db);
  await change();
  const r = await sql<{ stale: boolean }>`select cells is null as stale from business_verdict where business_id = ${id}`.execute(h.db);
  return r.rows[0]!.stale;
}

/** Values to try for a column of this type, the first one the table accepts (checks, references) and differing from now. */
const CANDIDATES: Record<string, unknown[]> = {
  text: ['41270', 'female', 'male', 'active', 'closed', 'leased', 'owned', 'individual', 'corporation', 'traditional_market', 'none', '11', '56111'],
  date: ['2020-01-02', '2021-03-04'],
  boolean: [true, false],
  bigint: [123_456_789, 987_654_321],
  integer: [2024, 2025],
  numeric: [3, 4],
};

describe('stored verdicts go stale on a change of a fact, not of anything else', () => {
  it('every column factsOf reads, changed alone, nulls the stored row', async () => {
    const columns = factColumns();
    expect(columns.length).toBeGreaterThan(20);
    const types = new Map(
      (
        await sql<{ columnName: string; dataType: string }>`select column_name, data_type from information_schema.columns where table_name = 'business'`.execute(h.db)
      ).rows.map((r) => [r.columnName, r.dataType]),
    );
    const notStale: string[] = [];
    for (const col of columns) {
      const type = types.get(col);
      expect(type, `business.${col} exists`).toBeDefined();
      const candidates = CANDIDATES[type!] ?? [];
      let changed = false;
      for (const value of candidates) {
        const before = await sql<{ v: string | null }>`select ${sql.ref(col)}::text as v from business where id = ${id}`.execute(h.db);
        if (before.rows[0]!.v === String(value)) continue;
        try {
          const stale = await staleAfter(() => h.db.transaction().execute((trx) => sql`update business set ${sql.ref(col)} = ${value} where id = ${id}`.execute(trx)));
          if (!stale) notStale.push(col);
          changed = true;
          break;
        } catch {
          // A check or a reference refused this value: try the next.
        }
      }
      expect(changed, `business.${col} (${type}) could be changed`).toBe(true);
    }
    expect(notStale).toEqual([]);
  });

  it('a visit (last contact), an NTS check, a new phone, a note on IT literacy or a handover keep it', async () => {
    const keeps: [string, () => Promise<unknown>][] = [
      ['last_contact_at', () => h.db.updateTable('business').set({ lastContactAt: new Date('2026-12-01T02:00:00Z') }).where('id', '=', id).execute()],
      ['nts_checked_at', () => h.db.updateTable('business').set({ ntsCheckedAt: new Date('2026-12-01T02:00:00Z') }).where('id', '=', id).execute()],
      ['phone', () => h.db.updateTable('business').set({ phone: '010-1234-5678' }).where('id', '=', id).execute()],
      ['it_literacy', () => h.db.updateTable('business').set({ itLiteracy: 'low' }).where('id', '=', id).execute()],
      ['clerk_id', () => h.db.updateTable('business').set({ clerkId: other }).where('id', '=', id).execute()],
    ];
    for (const [what, change] of keeps) expect(await staleAfter(change), what).toBe(false);
    // And the same row does go stale on a fact (the check above is not vacuous).
    expect(await staleAfter(() => h.db.updateTable('business').set({ workers: 7 }).where('id', '=', id).execute())).toBe(true);
  });
});
