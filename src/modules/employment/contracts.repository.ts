import type { Db } from '../../db/db.ts';

/** SQL for contract periods and the hand-over of caseloads (`business.clerk_id`). */
export function createContractsRepository() {
  return {
    list(db: Db) {
      return db
        .selectFrom('clerkContract as k')
        .innerJoin('appUser as u', 'u.id', 'k.clerkId')
        .leftJoin('office as o', 'o.id', 'k.officeId')
        .select((eb) => [
          'k.id',
          'k.clerkId',
          'u.displayName',
          'u.login',
          'o.name as officeName',
          'k.startsOn',
          'k.endsOn',
          'k.endedAt',
          'k.version',
          eb.selectFrom('business as b').whereRef('b.clerkId', '=', 'k.clerkId').select(eb.fn.countAll<number>().as('n')).as('caseload'),
        ])
        .orderBy('k.endedAt', (ob) => ob.nullsFirst())
        .orderBy('k.endsOn')
        .orderBy('u.displayName')
        .execute();
    },
    find(db: Db, id: number) {
      return db
        .selectFrom('clerkContract as k')
        .innerJoin('appUser as u', 'u.id', 'k.clerkId')
        .leftJoin('office as o', 'o.id', 'k.officeId')
        .selectAll('k')
        .select(['u.displayName', 'u.login', 'o.name as officeName'])
        .where('k.id', '=', id)
        .executeTakeFirst();
    },
    insert(db: Db, v: { clerkId: string; officeId: number | null; startsOn: string; endsOn: string }) {
      return db.insertInto('clerkContract').values(v).returning('id').executeTakeFirstOrThrow();
    },
    end(db: Db, id: number, version: number, v: { endedAt: Date; endedBy: string; endNote: string }) {
      return db
        .updateTable('clerkContract')
        .set({ ...v, version: version + 1 })
        .where('id', '=', id)
        .where('version', '=', version)
        .where('endedAt', 'is', null)
        .returning('id')
        .executeTakeFirst();
    },
    /** The clerk's caseload; with `lock`, the rows stay locked until the transaction ends. */
    caseload(db: Db, clerkId: string, lock = false) {
      let q = db
        .selectFrom('business as b')
        .leftJoin('municipality as m', 'm.code', 'b.municipalityCode')
        .select(['b.id', 'b.name', 'b.officeId', 'm.name as municipalityName', 'b.isSample'])
        .where('b.clerkId', '=', clerkId)
        .orderBy('b.name')
        .orderBy('b.id');
      if (lock) q = q.forUpdate('b');
      return q.execute();
    },
    countCaseload(db: Db, clerkId: string) {
      return db
        .selectFrom('business')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('clerkId', '=', clerkId)
        .executeTakeFirstOrThrow();
    },
    activeClerks(db: Db) {
      return db
        .selectFrom('appUser as u')
        .leftJoin('office as o', 'o.id', 'u.officeId')
        .select(['u.id', 'u.displayName', 'u.login', 'u.officeId', 'o.name as officeName'])
        .where('u.role', '=', 'clerk')
        .where('u.active', '=', true)
        .orderBy('o.name')
        .orderBy('u.displayName')
        .execute();
    },
    findClerk(db: Db, id: string) {
      return db.selectFrom('appUser').select(['id', 'role', 'active', 'officeId', 'displayName']).where('id', '=', id).executeTakeFirst();
    },
    reassign(db: Db, businessId: string, fromClerkId: string, to: { clerkId: string | null; officeId?: number | null }) {
      return db
        .updateTable('business')
        .set((eb) => ({
          clerkId: to.clerkId,
          ...(to.officeId !== undefined ? { officeId: to.officeId } : {}),
          version: eb('version', '+', 1),
          updatedAt: new Date(),
        }))
        .where('id', '=', businessId)
        .where('clerkId', '=', fromClerkId)
        .returning('id')
        .executeTakeFirst();
    },
    handover(
      db: Db,
      v: {
        contractId: number;
        businessId: string;
        fromClerkId: string;
        toClerkId: string | null;
        action: 'reassigned' | 'closed';
        reason: string;
        byUserId: string;
        at: Date;
      },
    ) {
      return db.insertInto('caseloadHandover').values(v).execute();
    },
    handovers(db: Db, contractId: number) {
      return db
        .selectFrom('caseloadHandover as h')
        .innerJoin('business as b', 'b.id', 'h.businessId')
        .leftJoin('appUser as u', 'u.id', 'h.toClerkId')
        .select(['h.id', 'b.name as businessName', 'h.action', 'u.displayName as toName', 'h.at', 'h.reason'])
        .where('h.contractId', '=', contractId)
        .orderBy('h.id')
        .execute();
    },
  };
}
export type ContractsRepository = ReturnType<typeof createContractsRepository>;
