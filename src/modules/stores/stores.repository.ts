import { sql } from 'kysely';
import type { Db } from '../../db/db.ts';
import type { StoreImportIssue } from '../../db/schema.stores.ts';
import type { StoreRecord } from '../../domain/stores/store-file.ts';

/** Record field → column of `store` / `store_staging`, in COPY order. */
const FIELDS = [
  ['id', 'id'],
  ['name', 'name'],
  ['branchName', 'branch_name'],
  ['industryLargeCode', 'industry_large_code'],
  ['industryLargeName', 'industry_large_name'],
  ['industryMidCode', 'industry_mid_code'],
  ['industryMidName', 'industry_mid_name'],
  ['industrySmallCode', 'industry_small_code'],
  ['industrySmallName', 'industry_small_name'],
  ['ksicCode', 'ksic_code'],
  ['ksicName', 'ksic_name'],
  ['sidoCode', 'sido_code'],
  ['sigunguCode', 'sigungu_code'],
  ['sigunguName', 'sigungu_name'],
  ['municipalityCode', 'municipality_code'],
  ['adongCode', 'adong_code'],
  ['adongName', 'adong_name'],
  ['ldongCode', 'ldong_code'],
  ['ldongName', 'ldong_name'],
  ['jibunAddress', 'jibun_address'],
  ['roadAddress', 'road_address'],
  ['buildingName', 'building_name'],
  ['postcode', 'postcode'],
  ['floorInfo', 'floor_info'],
  ['unitInfo', 'unit_info'],
  ['lon', 'lon'],
  ['lat', 'lat'],
  ['fingerprint', 'fingerprint'],
] as const satisfies readonly (readonly [keyof StoreRecord, string])[];

const DATA_COLUMNS = FIELDS.map(([, c]) => c);

/** `COPY` target for the staging table (src/db/database.ts copyIn). */
export const STAGING_COPY_TARGET = `store_staging (import_id, line, rejected, ${DATA_COLUMNS.join(', ')})`;

/** COPY text format: backslash, tab, newline and carriage return escaped; NULL is \N. */
function copyValue(v: string | number | boolean | null): string {
  if (v === null) return '\\N';
  if (typeof v !== 'string') return String(v);
  return v.replace(/[\\\t\n\r]/g, (m) => (m === '\\' ? '\\\\' : m === '\t' ? '\\t' : m === '\n' ? '\\n' : '\\r'));
}

export function stagingLine(importId: number, line: number, r: StoreRecord): string {
  let s = `${importId}\t${line}\tf`;
  for (const [f] of FIELDS) s += `\t${copyValue(r[f])}`;
  return `${s}\n`;
}

/** A refused row still says "this shop is in the file", so it is not taken for closed. */
export function rejectedStagingLine(importId: number, line: number, storeId: string): string {
  return `${importId}\t${line}\tt\t${copyValue(storeId)}${'\t\\N'.repeat(DATA_COLUMNS.length - 1)}\n`;
}

const cols = sql.raw(DATA_COLUMNS.join(', '));
const excludedSet = sql.raw(
  DATA_COLUMNS.filter((c) => c !== 'id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', '),
);

export interface StoreListFilter {
  municipalityCodes: string[] | null;
  municipalityCode?: string;
  q?: string;
  includeClosed?: boolean;
  limit: number;
  offset: number;
}

export function createStoresRepository() {
  return {
    createImport(db: Db, v: { fileName: string; startedBy: string | null; startedByLogin: string }) {
      return db.insertInto('storeImport').values(v).returning(['id', 'startedAt']).executeTakeFirstOrThrow();
    },

    /**
     * An import still 'running' after `staleBefore` was cut short (the process stopped): it is marked
     * failed, and staging rows of imports no longer running are dropped (they would only take space).
     */
    async clearStale(db: Db, staleBefore: Date) {
      await db
        .updateTable('storeImport')
        .set({ status: 'failed', error: 'stores.file.interrupted', finishedAt: new Date() })
        .where('status', '=', 'running')
        .where('startedAt', '<', staleBefore)
        .execute();
      await sql`delete from store_staging where import_id in (select id from store_import where status <> 'running')`.execute(db);
    },

    async clearStaging(db: Db, importId: number) {
      await sql`delete from store_staging where import_id = ${importId}`.execute(db);
    },

    /**
     * Planner statistics after a bulk load. PGlite runs no autovacuum, and without statistics its
     * planner took the freshly loaded staging table for a small one: measured on 50,000 rows (staging
     * index dropped), closing absent shops took 337 s by nested loop instead of 0.3 s.
     */
    async analyzeStaging(db: Db) {
      await sql`analyze store_staging`.execute(db);
    },
    async analyzeStores(db: Db) {
      await sql`analyze store`.execute(db);
    },

    /** One import at a time may merge (several clicks, the CLI and the page at once). */
    async lockMerge(db: Db) {
      await sql`select pg_advisory_xact_lock(hashtext('itda.store_import'))`.execute(db);
    },

    /**
     * The same 상가업소번호 twice in one file: the last line wins, the earlier ones are reported.
     * Returns how many were dropped and the first `limit` of them.
     */
    async dropDuplicates(db: Db, importId: number, limit: number) {
      const r = await sql<{ line: number; id: string; keptLine: number; total: number }>`
        with ranked as (
          select line, id, row_number() over (partition by id order by line desc) as rn, max(line) over (partition by id) as kept_line
          from store_staging where import_id = ${importId} and not rejected
        ), dropped as (
          delete from store_staging s using ranked r
          where s.import_id = ${importId} and s.line = r.line and r.rn > 1
          returning s.line, s.id, r.kept_line
        )
        select line, id, kept_line, count(*) over ()::int as total from dropped order by line limit ${limit}`.execute(db);
      return { total: r.rows[0]?.total ?? 0, rows: r.rows };
    },

    async countOutcomes(db: Db, importId: number) {
      const r = await sql<{ created: number; updated: number; unchanged: number }>`
        select
          count(*) filter (where st.id is null)::int as created,
          count(*) filter (where st.id is not null and (st.fingerprint <> s.fingerprint or st.closed_at is not null))::int as updated,
          count(*) filter (where st.fingerprint = s.fingerprint and st.closed_at is null)::int as unchanged
        from store_staging s left join store st on st.id = s.id
        where s.import_id = ${importId} and not s.rejected`.execute(db);
      return r.rows[0] ?? { created: 0, updated: 0, unchanged: 0 };
    },

    /** New and changed shops (and shops back after being closed); unchanged rows are not written. */
    async upsertFromStaging(db: Db, importId: number, at: Date) {
      await sql`
        insert into store (${cols}, first_import_id, changed_import_id, created_at, updated_at)
        select ${cols}, ${importId}, ${importId}, ${at}, ${at} from store_staging where import_id = ${importId} and not rejected
        on conflict (id) do update set ${excludedSet}, changed_import_id = ${importId}, closed_at = null, closed_import_id = null, updated_at = ${at}
        where store.fingerprint is distinct from excluded.fingerprint or store.closed_at is not null`.execute(db);
    },

    /**
     * Open shops of the 시·군 this file covers that are absent from it: closed since the last
     * import (kept, marked). A file of one 시·군 therefore never closes the shops of another.
     */
    async closeAbsent(db: Db, importId: number, at: Date): Promise<number> {
      const r = await sql`
        update store st set closed_at = ${at}, closed_import_id = ${importId}, updated_at = ${at}
        where st.closed_at is null
          and st.municipality_code in (select distinct municipality_code from store_staging where import_id = ${importId} and not rejected)
          and not exists (select 1 from store_staging s where s.import_id = ${importId} and s.id = st.id)`.execute(db);
      return Number(r.numAffectedRows ?? 0);
    },

    finishImport(
      db: Db,
      id: number,
      v: {
        status: 'done' | 'failed';
        encoding: string | null;
        finishedAt: Date;
        totalRows: number;
        created: number;
        updated: number;
        unchanged: number;
        closed: number;
        rejected: number;
        withoutCoordinates: number;
        outside: number;
        issues: StoreImportIssue[];
        issuesTruncated: boolean;
        notes: { missingOptional?: string[]; unknown?: string[] };
        rowsPerSecond: number | null;
        error: string | null;
      },
    ) {
      return db
        .updateTable('storeImport')
        .set({ ...v, issues: JSON.stringify(v.issues), notes: JSON.stringify(v.notes) })
        .where('id', '=', id)
        .execute();
    },

    recentImports(db: Db, limit: number) {
      return db.selectFrom('storeImport').selectAll().orderBy('id', 'desc').limit(limit).execute();
    },

    findImport(db: Db, id: number) {
      return db.selectFrom('storeImport').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** 시·군 codes an office covers (a clerk's and an office lead's registry area). */
    async officeMunicipalities(db: Db, officeId: number): Promise<string[]> {
      const rows = await db.selectFrom('officeMunicipality').select('municipalityCode').where('officeId', '=', officeId).execute();
      return rows.map((r) => r.municipalityCode);
    },

    /** Registry shops, optionally within some 시·군 (null = all), searched by 상호 or address. */
    async list(db: Db, f: StoreListFilter) {
      let q = db
        .selectFrom('store as s')
        .leftJoin('municipality as m', 'm.code', 's.municipalityCode')
        .select(['s.id', 's.name', 's.branchName', 's.industrySmallName', 's.ksicCode', 's.ksicName', 's.roadAddress', 's.jibunAddress', 's.adongName', 's.closedAt', 's.municipalityCode', 'm.name as municipalityName']);
      if (f.municipalityCodes) q = q.where('s.municipalityCode', 'in', f.municipalityCodes.length ? f.municipalityCodes : ['-']);
      if (f.municipalityCode) q = q.where('s.municipalityCode', '=', f.municipalityCode);
      if (!f.includeClosed) q = q.where('s.closedAt', 'is', null);
      if (f.q) {
        const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
        q = q.where((eb) => eb.or([eb('s.name', 'ilike', like), eb('s.roadAddress', 'ilike', like), eb('s.jibunAddress', 'ilike', like), eb('s.id', '=', f.q!)]));
      }
      return q.orderBy('s.name').orderBy('s.id').limit(f.limit).offset(f.offset).execute();
    },

    findStore(db: Db, id: string) {
      return db
        .selectFrom('store as s')
        .leftJoin('municipality as m', 'm.code', 's.municipalityCode')
        .selectAll('s')
        .select('m.name as municipalityName')
        .where('s.id', '=', id)
        .executeTakeFirst();
    },

    counts(db: Db) {
      return db
        .selectFrom('store')
        .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('closedAt').as('closed')])
        .executeTakeFirstOrThrow();
    },
  };
}
export type StoresRepository = ReturnType<typeof createStoresRepository>;
