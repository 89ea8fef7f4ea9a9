import { sql } from 'kysely';
import type { Db } from '../../db/db.ts';
import type { VisitListFilter, VisitOutcome } from '../../db/schema.outreach.ts';

/**
 * Outreach (issue 12 §3): the open registry shops of some 시·군 that are candidates — not already
 * tracked (a business opened from the shop: `business.store_id`) and not visited recently (an outcome
 * recorded within N days) — and the visit lists with their outcomes. Registry shops are public data
 * (src/modules/stores/stores.service.ts): no scope over rows here, only the area (시·군 codes) the
 * service derives from the one policy.
 */
export function createOutreachRepository() {
  return {
    /**
     * Candidate shops of the 시·군 (minimal columns: the matrix needs the triple, the map the point,
     * the grouping the 행정동), ordered by id so that every later choice is deterministic.
     */
    candidates(db: Db, f: { municipalityCodes: string[]; visitedSince: Date | null }) {
      return db
        .selectFrom('store as s')
        .select(['s.id', 's.sidoCode', 's.municipalityCode', 's.ksicCode', 's.adongName', 's.lon', 's.lat'])
        .where('s.municipalityCode', 'in', f.municipalityCodes.length ? f.municipalityCodes : ['-'])
        .where('s.closedAt', 'is', null)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('business as b').select(sql.lit(1).as('one')).whereRef('b.storeId', '=', 's.id'))))
        .$if(f.visitedSince !== null, (q) =>
          q.where((eb) =>
            eb.not(eb.exists(eb.selectFrom('visitListItem as vi').select(sql.lit(1).as('one')).whereRef('vi.storeId', '=', 's.id').where('vi.outcomeAt', '>=', f.visitedSince!))),
          ),
        )
        .orderBy('s.id')
        .execute();
    },

    /** How many open shops of the 시·군 were left out as tracked, and as visited recently (the page says so). */
    async excluded(db: Db, f: { municipalityCodes: string[]; visitedSince: Date | null }) {
      const codes = f.municipalityCodes.length ? f.municipalityCodes : ['-'];
      const r = await sql<{ tracked: number; visited: number }>`
        select
          count(*) filter (where exists (select 1 from business b where b.store_id = s.id))::int as tracked,
          count(*) filter (where not exists (select 1 from business b where b.store_id = s.id)
            and ${f.visitedSince !== null} and exists (select 1 from visit_list_item vi where vi.store_id = s.id and vi.outcome_at >= ${f.visitedSince ?? new Date(0)}))::int as visited
        from store s
        where s.closed_at is null and s.municipality_code in (${sql.join(codes)})`.execute(db);
      return r.rows[0] ?? { tracked: 0, visited: 0 };
    },

    /** Names and addresses of some shops (the page's list and the visit list show them). */
    shopDetails(db: Db, ids: string[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('store as s')
        .leftJoin('municipality as m', 'm.code', 's.municipalityCode')
        .select(['s.id', 's.name', 's.branchName', 's.industrySmallName', 's.ksicCode', 's.ksicName', 's.roadAddress', 's.jibunAddress', 's.floorInfo', 's.adongName', 's.lon', 's.lat', 'm.name as municipalityName'])
        .where('s.id', 'in', ids)
        .execute();
    },

    async createVisitList(
      db: Db,
      v: { officeId: number | null; day: string; title: string; filter: VisitListFilter; createdBy: string },
      items: { storeId: string; adongName: string | null; status: 'eligible' | 'unknown'; ask: string }[],
    ): Promise<number> {
      const list = await db
        .insertInto('visitList')
        .values({ officeId: v.officeId, day: v.day, title: v.title, filter: JSON.stringify(v.filter), createdBy: v.createdBy })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (items.length) await db.insertInto('visitListItem').values(items.map((it, i) => ({ listId: list.id, position: i + 1, ...it }))).execute();
      return list.id;
    },

    findVisitList(db: Db, id: number) {
      return db
        .selectFrom('visitList as l')
        .innerJoin('appUser as u', 'u.id', 'l.createdBy')
        .selectAll('l')
        .select('u.displayName as createdByName')
        .where('l.id', '=', id)
        .executeTakeFirst();
    },

    visitItems(db: Db, listId: number) {
      return db
        .selectFrom('visitListItem as i')
        .innerJoin('store as s', 's.id', 'i.storeId')
        .leftJoin('appUser as u', 'u.id', 'i.outcomeBy')
        .leftJoin('business as b', 'b.storeId', 'i.storeId')
        .select([
          'i.position',
          'i.storeId',
          'i.adongName',
          'i.status',
          'i.ask',
          'i.outcome',
          'i.outcomeAt',
          'u.displayName as outcomeByName',
          's.name',
          's.branchName',
          's.industrySmallName',
          's.roadAddress',
          's.jibunAddress',
          's.floorInfo',
          's.lon',
          's.lat',
          'b.id as businessId',
        ])
        .where('i.listId', '=', listId)
        .orderBy('i.position')
        .execute();
    },

    /** Recent lists of an office (null = every office, for the operator). */
    recentVisitLists(db: Db, f: { officeId: number | null | 'all'; limit: number }) {
      let q = db
        .selectFrom('visitList as l')
        .innerJoin('appUser as u', 'u.id', 'l.createdBy')
        .select((eb) => [
          'l.id',
          'l.day',
          'l.title',
          'u.displayName as createdByName',
          eb.selectFrom('visitListItem as i').select(eb.fn.countAll<number>().as('n')).whereRef('i.listId', '=', 'l.id').as('items'),
          eb
            .selectFrom('visitListItem as i')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('i.listId', '=', 'l.id')
            .where('i.outcome', 'is not', null)
            .as('done'),
        ]);
      if (f.officeId !== 'all') q = f.officeId === null ? q.where('l.officeId', 'is', null) : q.where('l.officeId', '=', f.officeId);
      return q.orderBy('l.day', 'desc').orderBy('l.id', 'desc').limit(f.limit).execute();
    },

    async setOutcome(db: Db, v: { listId: number; storeId: string; outcome: VisitOutcome; by: string; at: Date }): Promise<boolean> {
      const r = await db
        .updateTable('visitListItem')
        .set({ outcome: v.outcome, outcomeBy: v.by, outcomeAt: v.at })
        .where('listId', '=', v.listId)
        .where('storeId', '=', v.storeId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /** Open shops per 시·군 with their triple, for the province's counts (no names, no points). */
    provinceShops(db: Db, f: { visitedSince: Date | null }) {
      return db
        .selectFrom('store as s')
        .select(['s.id', 's.sidoCode', 's.municipalityCode', 's.ksicCode'])
        .where('s.closedAt', 'is', null)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('business as b').select(sql.lit(1).as('one')).whereRef('b.storeId', '=', 's.id'))))
        .$if(f.visitedSince !== null, (q) =>
          q.where((eb) =>
            eb.not(eb.exists(eb.selectFrom('visitListItem as vi').select(sql.lit(1).as('one')).whereRef('vi.storeId', '=', 's.id').where('vi.outcomeAt', '>=', f.visitedSince!))),
          ),
        )
        .orderBy('s.id')
        .execute();
    },
  };
}
export type OutreachRepository = ReturnType<typeof createOutreachRepository>;
