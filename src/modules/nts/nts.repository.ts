import type { Db } from '../../db/db.ts';

/** SQL of the 국세청 check: which businesses are due, and writing what the 국세청 said. */
export function createNtsRepository() {
  return {
    /** Businesses with a 사업자등록번호 whose last check is older than `before` (never checked first). */
    dueForCheck(db: Db, before: Date, limit: number) {
      return db
        .selectFrom('business')
        .select(['id', 'brn'])
        .where('brn', 'is not', null)
        .where((eb) => eb.or([eb('ntsCheckedAt', 'is', null), eb('ntsCheckedAt', '<', before)]))
        .orderBy('ntsCheckedAt', (ob) => ob.asc().nullsFirst())
        .orderBy('id')
        .limit(limit)
        .execute() as Promise<{ id: string; brn: string }[]>;
    },

    byIds(db: Db, ids: string[]) {
      if (ids.length === 0) return Promise.resolve([] as { id: string; brn: string | null; operatingStatus: string | null; closedOn: string | null }[]);
      return db.selectFrom('business').select(['id', 'brn', 'operatingStatus', 'closedOn']).where('id', 'in', ids).execute();
    },

    /** A successful answer: the facts (when it gives any) and the check's source and date. */
    recordResult(
      db: Db,
      id: string,
      v: { at: Date; state: 'active' | 'suspended' | 'closed' | 'unregistered'; taxType: string; facts: { operatingStatus: 'active' | 'suspended' | 'closed'; closedOn: string | null } | null },
    ) {
      return db
        .updateTable('business')
        .set((eb) => ({
          ntsCheckedAt: v.at,
          ntsState: v.state,
          ntsTaxType: v.taxType,
          ntsError: null,
          ntsErrorAt: null,
          // A change of facts bumps the row version, so a clerk's form opened before the check
          // cannot silently write the old 영업 상태 back (optimistic locking, as every edit).
          ...(v.facts ? { operatingStatus: v.facts.operatingStatus, closedOn: v.facts.closedOn, updatedAt: v.at, version: eb('version', '+', 1) } : {}),
        }))
        .where('id', '=', id)
        .execute();
    },

    recordFailure(db: Db, ids: string[], at: Date, error: string) {
      if (ids.length === 0) return Promise.resolve([]);
      return db.updateTable('business').set({ ntsError: error.slice(0, 500), ntsErrorAt: at }).where('id', 'in', ids).execute();
    },
  };
}
export type NtsRepository = ReturnType<typeof createNtsRepository>;
