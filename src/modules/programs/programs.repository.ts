import { sql } from 'kysely';
import type { NewProgrammeVersion, ProgrammeSource } from '../../db/schema.ts';
import type { Db } from '../../db/db.ts';

export interface CatalogueFilter {
  q?: string;
  category?: string;
  agency?: string;
  /** 2-digit 시·도 or 5-digit 시·군 code. */
  region?: string;
  openOn?: string;
  closingWithinDays?: number;
  today: string;
  sort: 'deadline' | 'title' | 'recent';
  limit: number;
  offset: number;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** Columns of a published version that the list shows. */
const LIST_COLUMNS = [
  'p.id',
  'p.key',
  'p.source',
  'p.isSample',
  'v.id as versionId',
  'v.version',
  'v.title',
  'v.ministry',
  'v.executingAgency',
  'v.category',
  'v.periodKind',
  'v.periodStart',
  'v.periodEnd',
  'v.periodRaw',
  'v.nationwide',
  'v.sido',
  'v.municipalities',
  'v.benefitType',
  'v.benefitMaxAmount',
  'v.reviewStatus',
] as const;

export function createProgramsRepository() {
  return {
    async search(db: Db, f: CatalogueFilter) {
      let q = db.selectFrom('programme as p').innerJoin('programmeVersion as v', 'v.id', 'p.currentVersionId').select(LIST_COLUMNS);
      if (f.q) {
        // Partial-word search (스마트 → 스마트상점 기술보급): substring match over the visible texts.
        const like = `%${escapeLike(f.q)}%`;
        q = q.where((eb) =>
          eb.or([
            eb('v.title', 'ilike', like),
            eb('v.summary', 'ilike', like),
            eb('v.ministry', 'ilike', like),
            eb('v.executingAgency', 'ilike', like),
            eb('v.targetText', 'ilike', like),
          ]),
        );
      }
      if (f.category) q = q.where('v.category', '=', f.category);
      if (f.agency) {
        const like = `%${escapeLike(f.agency)}%`;
        q = q.where((eb) => eb.or([eb('v.ministry', 'ilike', like), eb('v.executingAgency', 'ilike', like)]));
      }
      if (f.region) {
        const region = f.region;
        const sido = region.slice(0, 2);
        q = q.where((eb) =>
          region.length === 5
            ? eb.or([
                eb('v.nationwide', '=', true),
                eb(sql.val(region), '=', eb.fn.any('v.municipalities')),
                eb.and([eb(sql.val(sido), '=', eb.fn.any('v.sido')), eb(sql<number>`cardinality(v.municipalities)`, '=', 0)]),
              ])
            : eb.or([eb('v.nationwide', '=', true), eb(sql.val(sido), '=', eb.fn.any('v.sido'))]),
        );
      }
      if (f.openOn) {
        const d = f.openOn;
        q = q.where((eb) =>
          eb.or([
            eb('v.periodKind', 'in', ['always', 'untilBudget']),
            eb.and([
              eb('v.periodKind', '=', 'range'),
              eb.or([eb('v.periodStart', 'is', null), eb('v.periodStart', '<=', d)]),
              eb.or([eb('v.periodEnd', 'is', null), eb('v.periodEnd', '>=', d)]),
            ]),
          ]),
        );
      }
      if (f.closingWithinDays !== undefined) {
        q = q.where('v.periodEnd', '>=', f.today).where('v.periodEnd', '<=', sql<string>`(${f.today}::date + ${f.closingWithinDays}::int)`);
      }
      const countQ = q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n'));
      if (f.sort === 'deadline') q = q.orderBy(sql`v.period_end asc nulls last`).orderBy('v.title');
      else if (f.sort === 'recent') q = q.orderBy('p.updatedAt', 'desc');
      else q = q.orderBy('v.title');
      const [rows, count] = await Promise.all([q.limit(f.limit).offset(f.offset).execute(), countQ.executeTakeFirstOrThrow()]);
      return { rows, total: count.n };
    },

    agencies(db: Db) {
      return db
        .selectFrom('programme as p')
        .innerJoin('programmeVersion as v', 'v.id', 'p.currentVersionId')
        .select('v.ministry as name')
        .where('v.ministry', 'is not', null)
        .distinct()
        .orderBy('v.ministry')
        .execute();
    },

    findProgramme(db: Db, id: number) {
      return db.selectFrom('programme').selectAll().where('id', '=', id).executeTakeFirst();
    },
    findProgrammeBySource(db: Db, source: ProgrammeSource, sourceId: string) {
      return db.selectFrom('programme').selectAll().where('source', '=', source).where('sourceId', '=', sourceId).executeTakeFirst();
    },
    findProgrammeByKey(db: Db, key: string) {
      return db.selectFrom('programme').selectAll().where('key', '=', key).executeTakeFirst();
    },
    findVersion(db: Db, id: number) {
      return db.selectFrom('programmeVersion').selectAll().where('id', '=', id).executeTakeFirst();
    },
    listVersions(db: Db, programmeId: number) {
      return db
        .selectFrom('programmeVersion')
        .select([
          'id',
          'version',
          'status',
          'title',
          'changeReason',
          'createdByLogin',
          'createdAt',
          'publishedAt',
          'reviewStatus',
          'ruleReview',
          'ruleReviewedByName',
          'ruleReviewedAt',
        ])
        .where('programmeId', '=', programmeId)
        .orderBy('version', 'desc')
        .execute();
    },
    async insertProgramme(db: Db, p: { key: string; source: ProgrammeSource; sourceId: string; isSample?: boolean }) {
      return db.insertInto('programme').values(p).returningAll().executeTakeFirstOrThrow();
    },
    async nextVersionNumber(db: Db, programmeId: number): Promise<number> {
      // Serialise version numbering per programme (row lock on the programme).
      await db.selectFrom('programme').select('id').where('id', '=', programmeId).forUpdate().execute();
      const row = await db
        .selectFrom('programmeVersion')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('programmeId', '=', programmeId)
        .executeTakeFirst();
      return Number(row?.v ?? 0) + 1;
    },
    insertVersion(db: Db, v: NewProgrammeVersion) {
      return db.insertInto('programmeVersion').values(v).returningAll().executeTakeFirstOrThrow();
    },
    async setCurrentVersion(db: Db, programmeId: number, versionId: number, expectedCurrent: number | null) {
      let q = db.updateTable('programme').set({ currentVersionId: versionId, updatedAt: new Date() }).where('id', '=', programmeId);
      q = expectedCurrent === null ? q.where('currentVersionId', 'is', null) : q.where('currentVersionId', '=', expectedCurrent);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async publishVersion(db: Db, versionId: number, at: Date) {
      await db.updateTable('programmeVersion').set({ status: 'published', publishedAt: at }).where('id', '=', versionId).execute();
    },
    async markRuleReviewed(db: Db, versionId: number, r: { by: string; name: string; at: Date }) {
      await db
        .updateTable('programmeVersion')
        .set({ ruleReview: 'reviewed', ruleReviewedBy: r.by, ruleReviewedByName: r.name, ruleReviewedAt: r.at })
        .where('id', '=', versionId)
        .execute();
    },
    async discardDrafts(db: Db, programmeId: number, exceptId: number) {
      await db
        .updateTable('programmeVersion')
        .set({ status: 'discarded' })
        .where('programmeId', '=', programmeId)
        .where('status', '=', 'draft')
        .where('id', '!=', exceptId)
        .execute();
    },
    /** Every published current version with its rule: the engine's input. */
    currentRules(db: Db) {
      return db
        .selectFrom('programme as p')
        .innerJoin('programmeVersion as v', 'v.id', 'p.currentVersionId')
        .select([
          'p.id',
          'p.key',
          'p.isSample',
          'v.id as versionId',
          'v.status',
          'v.title',
          'v.category',
          'v.rule',
          'v.periodKind',
          'v.periodStart',
          'v.periodEnd',
          'v.periodRaw',
          'v.nationwide',
          'v.sido',
          'v.municipalities',
          'v.ruleReview',
          'v.createdAt as versionCreatedAt',
          'p.source',
          'v.targetText',
          'v.detailUrl',
          'v.applyUrl',
        ])
        .execute();
    },
    /** Programme key → current title, to name programmes inside rules ("최근 3년 ○○ 수혜 없음"). */
    async titlesByKey(db: Db): Promise<Map<string, string>> {
      const rows = await db
        .selectFrom('programme as p')
        .innerJoin('programmeVersion as v', 'v.id', 'p.currentVersionId')
        .select(['p.key', 'v.title'])
        .execute();
      return new Map(rows.map((r) => [r.key, r.title]));
    },
    documentTypes(db: Db) {
      return db.selectFrom('documentType').selectAll().orderBy('name').execute();
    },
    async upsertDocumentTypes(
      db: Db,
      rows: {
        code: string;
        name: string;
        nameEn: string | null;
        issuer: string | null;
        validity: unknown;
        source: string | null;
        reviewStatus: string;
      }[],
    ) {
      if (!rows.length) return;
      await db
        .insertInto('documentType')
        .values(rows.map((r) => ({ ...r, validity: JSON.stringify(r.validity) })))
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            nameEn: eb.ref('excluded.nameEn'),
            issuer: eb.ref('excluded.issuer'),
            validity: eb.ref('excluded.validity'),
            source: eb.ref('excluded.source'),
            reviewStatus: eb.ref('excluded.reviewStatus'),
          })),
        )
        .execute();
    },
  };
}
export type ProgramsRepository = ReturnType<typeof createProgramsRepository>;
