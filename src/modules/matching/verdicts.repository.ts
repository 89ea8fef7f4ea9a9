import { sql } from 'kysely';
import type { Db } from '../../db/db.ts';
import type { VerdictCell } from '../../db/schema.ts';

/** The catalogue epoch and the programmes whose column awaits recomputing (kept by triggers), as two columns. */
const STATE = sql`(select epoch from verdict_state where id = 1) as epoch,
  (select array_agg(programme_id order by programme_id) from verdict_dirty_programme) as dirty`;
interface StateRow {
  epoch: string;
  dirty: number[] | null;
}
function stateOf(rows: readonly StateRow[]): { epoch: number; dirty: number[] } {
  const first = rows[0];
  return { epoch: Number(first?.epoch ?? 0), dirty: first?.dirty ?? [] };
}

/**
 * The stored verdicts' SQL (migration 20261206030000): one compact row per business, the dirty
 * programme marks and the catalogue epoch — both kept by triggers, read here.
 */
export function createVerdictsRepository() {
  return {
    /** The catalogue epoch and the programmes whose column awaits recomputing, in one round trip. */
    async state(db: Db): Promise<{ epoch: number; dirty: number[] }> {
      const r = await sql<StateRow>`select ${STATE}`.execute(db);
      return stateOf(r.rows);
    },

    /**
     * The catalogue state and these businesses' stored rows in one round trip (and one snapshot):
     * the business page reads both on every view.
     */
    async stateAndRows(db: Db, businessIds: readonly string[]) {
      const r = await sql<StateRow & { businessId: string | null; refDate: string | null; cellsText: string | null }>`
        select s.epoch, s.dirty, bv.business_id, bv.ref_date::text as ref_date, bv.cells::text as cells_text
        from (select ${STATE}) s
        left join business_verdict bv on bv.business_id = any(${sql.val([...businessIds])}::uuid[])`.execute(db);
      return {
        state: stateOf(r.rows),
        // Parsed here, not as jsonb: see `rows`.
        rows: r.rows
          .filter((x) => x.businessId !== null)
          .map((x) => ({ businessId: x.businessId!, refDate: x.refDate!, cells: x.cellsText === null ? null : (JSON.parse(x.cellsText) as Record<string, VerdictCell>) })),
      };
    },

    /** The catalogue state and which version of these businesses' rows is stored (see `versionsOf`), in one round trip. */
    async stateAndVersions(db: Db, businessIds: readonly string[]) {
      const r = await sql<StateRow & { businessId: string | null; refDate: string | null; stale: boolean | null; version: string | null }>`
        select s.epoch, s.dirty, bv.business_id, bv.ref_date::text as ref_date, bv.cells is null as stale, bv.xmin::text as version
        from (select ${STATE}) s
        left join business_verdict bv on bv.business_id = any(${sql.val([...businessIds])}::uuid[])`.execute(db);
      return {
        state: stateOf(r.rows),
        versions: r.rows
          .filter((x) => x.businessId !== null)
          .map((x) => ({ businessId: x.businessId!, refDate: x.refDate!, stale: x.stale!, version: x.version! })),
      };
    },

    /** The stored rows of these businesses (missing rows are not returned). */
    async rows(db: Db, businessIds: readonly string[]) {
      const rows = await db
        .selectFrom('businessVerdict')
        // As text: a date column may come back as a Date at local midnight (then never equal to today's text).
        .select(['businessId', sql<string>`ref_date::text`.as('refDate'), sql<string | null>`cells::text`.as('cellsText')])
        .where('businessId', 'in', businessIds.length ? [...businessIds] : ['00000000-0000-0000-0000-000000000000'])
        .execute();
      // The cells as text, parsed here: read as jsonb, Kysely's CamelCasePlugin walks the parsed object
      // and rewrites its 2,000 programme-id keys on every business page view (0.7 ms a view, profiled).
      return rows.map((r) => ({
        businessId: r.businessId,
        refDate: r.refDate,
        cells: r.cellsText === null ? null : (JSON.parse(r.cellsText) as Record<string, VerdictCell>),
      }));
    },

    /**
     * The stored cells of a few programmes for these businesses (the clerk home's 마감 임박), without
     * reading whole rows out: `cells -> key` for each key.
     */
    async cellsOf(db: Db, businessIds: readonly string[], programmeIds: readonly number[]) {
      if (!businessIds.length || !programmeIds.length) return [];
      // Each row's cells (a few hundred keys, compressed and stored out of line) are detoasted once
      // (`|| '{}'` in a subquery kept apart by `offset 0`), then looked up per wanted key. Measured on
      // 200 rows × 101 keys: jsonb_each with `= any(array)` 75–137 ms, this 36–58 ms, `cells -> key`
      // per key on the stored value 566 ms (it decompresses the row per key).
      const r = await sql<{
        businessId: string;
        refDate: string;
        cells: Record<string, VerdictCell> | null;
        stale: boolean;
        version: string;
      }>`
        select bv.business_id, bv.ref_date::text as ref_date, bv.cells is null as stale, bv.xmin::text as version,
               (select coalesce(jsonb_object_agg(k, x.c -> k), '{}'::jsonb)
                  from (select bv.cells || '{}'::jsonb as c offset 0) x, unnest(${sql.val(programmeIds.map(String))}::text[]) k
                 where x.c ? k) as cells
        from business_verdict bv
        where bv.business_id = any(${sql.val([...businessIds])}::uuid[])`.execute(db);
      return r.rows;
    },

    /**
     * Which version of these businesses' rows is stored, without reading their cells: `xmin`, the
     * transaction that wrote the row version, differs after every committed change of the row
     * (a recomputed row or column, or the trigger nulling it), in any process.
     */
    async versionsOf(db: Db, businessIds: readonly string[]) {
      if (!businessIds.length) return [];
      const r = await sql<{ businessId: string; refDate: string; stale: boolean; version: string }>`
        select business_id, ref_date::text as ref_date, cells is null as stale, xmin::text as version
        from business_verdict where business_id = any(${sql.val([...businessIds])}::uuid[])`.execute(db);
      return r.rows;
    },

    /**
     * Takes the rows of these businesses for recomputing: creates the missing ones and locks them all
     * until the transaction ends, so that a concurrent change of their facts (whose trigger nulls the
     * row) waits for this computation, or this one waits for it and reads its facts.
     */
    async lockRows(db: Db, businessIds: readonly string[], refDate: string) {
      if (!businessIds.length) return;
      await db
        .insertInto('businessVerdict')
        .columns(['businessId', 'refDate', 'cells'])
        .expression((eb) =>
          eb
            .selectFrom('business')
            .select(['id', sql<string>`${refDate}::date`.as('refDate'), sql<null>`null::jsonb`.as('cells')])
            .where('id', 'in', [...businessIds]),
        )
        .onConflict((oc) => oc.column('businessId').doNothing())
        .execute();
      await db
        .selectFrom('businessVerdict')
        .select('businessId')
        .where('businessId', 'in', [...businessIds])
        .orderBy('businessId')
        .forUpdate()
        .execute();
    },

    async writeRows(db: Db, rows: readonly { businessId: string; refDate: string; cells: Record<string, VerdictCell> }[]) {
      if (!rows.length) return;
      await db
        .insertInto('businessVerdict')
        .values(rows.map((r) => ({ businessId: r.businessId, refDate: r.refDate, cells: JSON.stringify(r.cells) })))
        .onConflict((oc) =>
          oc
            .column('businessId')
            .doUpdateSet((eb) => ({ refDate: eb.ref('excluded.refDate'), cells: eb.ref('excluded.cells'), computedAt: sql`now()` })),
        )
        .execute();
    },

    /**
     * One programme's column (issue 12 §2: a new programme version re-evaluates one column): each
     * row of `refDate` whose facts are current (cells not null) gets the new cell, or loses it
     * (ineligible); rows whose cell is unchanged are not rewritten.
     */
    async writeColumn(db: Db, programmeId: number, refDate: string, entries: readonly { businessId: string; cell: VerdictCell | null }[]) {
      const cells = entries;
      const k = String(programmeId);
      for (let i = 0; i < cells.length; i += 5000) {
        const chunk = cells.slice(i, i + 5000);
        const ids = chunk.map((c) => c.businessId);
        const vals = chunk.map((c) => (c.cell === null ? '{}' : JSON.stringify({ [k]: c.cell })));
        await sql`
          update business_verdict bv set cells = (bv.cells - ${k}::text) || v.val, computed_at = now()
          from unnest(${sql.val(ids)}::uuid[], ${sql.val(vals)}::jsonb[]) as v(id, val)
          where bv.business_id = v.id and bv.cells is not null and bv.ref_date = ${refDate}::date
            and (bv.cells -> ${k}::text) is distinct from (v.val -> ${k}::text)`.execute(db);
      }
    },

    /** The dirty programme marks nobody else is working on, locked until the transaction ends. */
    async takeDirty(db: Db, limit: number) {
      return db
        .selectFrom('verdictDirtyProgramme')
        .select('programmeId')
        .orderBy('markedAt')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
    },

    /** The committed marks as they are now (a full rebuild clears exactly these when it ends). */
    dirtyMarks(db: Db) {
      // As text: a timestamptz keeps microseconds, a JavaScript Date only milliseconds.
      return db
        .selectFrom('verdictDirtyProgramme')
        .select(['programmeId', sql<string>`marked_at::text`.as('markedAt')])
        .execute();
    },

    /** Removes these marks unless re-marked since (a later change keeps its mark). */
    async clearMarks(db: Db, rows: readonly { programmeId: number; markedAt: string }[]) {
      const marks = rows;
      if (!marks.length) return;
      await sql`
        delete from verdict_dirty_programme d
        using unnest(${sql.val(marks.map((m) => m.programmeId))}::int[], ${sql.val(marks.map((m) => m.markedAt))}::timestamptz[]) as m(programme_id, marked_at)
        where d.programme_id = m.programme_id and d.marked_at = m.marked_at`.execute(db);
    },

    async clearDirty(db: Db, programmeId: number) {
      await db.deleteFrom('verdictDirtyProgramme').where('programmeId', '=', programmeId).execute();
    },

    /** Every business id, in pages (the full rebuild). */
    businessIdsAfter(db: Db, afterId: string | null, limit: number) {
      let q = db.selectFrom('business').select('id').orderBy('id').limit(limit);
      if (afterId) q = q.where('id', '>', afterId);
      return q.execute();
    },

    /** Rows evaluated for an earlier day or with facts changed since (what the nightly rebuild redoes first). */
    async staleCount(db: Db, refDate: string) {
      const r = await db
        .selectFrom('business as b')
        .leftJoin('businessVerdict as bv', 'bv.businessId', 'b.id')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where((eb) => eb.or([eb('bv.cells', 'is', null), eb('bv.refDate', '<>', refDate)]))
        .executeTakeFirst();
      return Number(r?.n ?? 0);
    },
  };
}
export type VerdictsRepository = ReturnType<typeof createVerdictsRepository>;
