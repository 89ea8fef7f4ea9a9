import type { Db } from '../../db/db.ts';

/** SQL for the 새일센터 linkage: consent, referrals, counselling sessions, job referrals, outcomes. */
export function createEmploymentRepository() {
  const referralBase = (db: Db) =>
    db
      .selectFrom('employmentReferral as r')
      .innerJoin('appUser as k', 'k.id', 'r.clerkId')
      .innerJoin('appUser as s', 's.id', 'r.counsellorId')
      .leftJoin('office as o', 'o.id', 'k.officeId')
      .selectAll('r')
      .select([
        'k.displayName as clerkName',
        'k.email as clerkEmail',
        'k.phone as clerkPhone',
        'o.name as officeName',
        's.displayName as counsellorName',
      ])
      .select((eb) => [
        eb
          .selectFrom('clerkContract as c')
          .whereRef('c.clerkId', '=', 'r.clerkId')
          .select((e) => e.fn.max('c.endsOn').as('d'))
          .as('contractEnd'),
      ]);
  return {
    activeConsent(db: Db, clerkId: string) {
      return db
        .selectFrom('employmentConsent')
        .selectAll()
        .where('clerkId', '=', clerkId)
        .where('withdrawnAt', 'is', null)
        .orderBy('id', 'desc')
        .executeTakeFirst();
    },
    insertConsent(db: Db, v: { clerkId: string; consentVersion: string; method: 'web' | 'paper'; givenAt: Date }) {
      return db.insertInto('employmentConsent').values(v).returning('id').executeTakeFirstOrThrow();
    },
    withdrawConsent(db: Db, clerkId: string, at: Date) {
      return db
        .updateTable('employmentConsent')
        .set({ withdrawnAt: at })
        .where('clerkId', '=', clerkId)
        .where('withdrawnAt', 'is', null)
        .returning('id')
        .execute();
    },
    closeOpenReferral(db: Db, clerkId: string, at: Date) {
      return db
        .updateTable('employmentReferral')
        .set({ closedAt: at })
        .where('clerkId', '=', clerkId)
        .where('closedAt', 'is', null)
        .returning('id')
        .execute();
    },
    openReferralOf(db: Db, clerkId: string) {
      return referralBase(db).where('r.clerkId', '=', clerkId).where('r.closedAt', 'is', null).executeTakeFirst();
    },
    latestReferralOf(db: Db, clerkId: string) {
      return referralBase(db).where('r.clerkId', '=', clerkId).orderBy('r.id', 'desc').executeTakeFirst();
    },
    findReferral(db: Db, id: number) {
      return referralBase(db).where('r.id', '=', id).executeTakeFirst();
    },
    listReferrals(db: Db, f: { counsellorId?: string; openOnly?: boolean }) {
      let q = referralBase(db);
      if (f.counsellorId) q = q.where('r.counsellorId', '=', f.counsellorId);
      if (f.openOnly) q = q.where('r.closedAt', 'is', null);
      return q.orderBy('r.referredAt', 'desc').orderBy('r.id', 'desc').execute();
    },
    insertReferral(
      db: Db,
      v: { clerkId: string; counsellorId: string; consentId: number; referredBy: string; referredOn: string; note: string | null },
    ) {
      return db.insertInto('employmentReferral').values(v).returning('id').executeTakeFirstOrThrow();
    },
    recordOutcome(
      db: Db,
      id: number,
      version: number,
      v: {
        outcome: 'employed' | 'seeking' | 'not_seeking';
        employerType: 'private' | 'public' | 'social' | 'self' | 'other' | null;
        employedOn: string | null;
        outcomeAt: Date;
      },
    ) {
      return db
        .updateTable('employmentReferral')
        .set({ ...v, version: version + 1 })
        .where('id', '=', id)
        .where('version', '=', version)
        .returning('id')
        .executeTakeFirst();
    },
    sessions(db: Db, referralId: number) {
      return db.selectFrom('counsellingSession').selectAll().where('referralId', '=', referralId).orderBy('heldOn').orderBy('id').execute();
    },
    insertSession(
      db: Db,
      v: { referralId: number; heldOn: string; mode: 'visit' | 'phone' | 'online'; summary: string; createdBy: string },
    ) {
      return db.insertInto('counsellingSession').values(v).returning('id').executeTakeFirstOrThrow();
    },
    jobs(db: Db, referralId: number) {
      return db.selectFrom('jobReferral').selectAll().where('referralId', '=', referralId).orderBy('referredOn').orderBy('id').execute();
    },
    insertJob(
      db: Db,
      v: {
        referralId: number;
        employer: string;
        jobTitle: string;
        referredOn: string;
        result: 'pending' | 'hired' | 'not_hired' | 'declined';
        createdBy: string;
      },
    ) {
      return db.insertInto('jobReferral').values(v).returning('id').executeTakeFirstOrThrow();
    },
    /** Clerks the operator may refer: with a standing consent and no open referral. */
    referable(db: Db) {
      return db
        .selectFrom('appUser as k')
        .innerJoin('employmentConsent as c', (j) => j.onRef('c.clerkId', '=', 'k.id').on('c.withdrawnAt', 'is', null))
        .leftJoin('office as o', 'o.id', 'k.officeId')
        .select(['k.id', 'k.displayName', 'k.login', 'o.name as officeName', 'c.givenAt'])
        .where('k.role', '=', 'clerk')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb.selectFrom('employmentReferral as r').whereRef('r.clerkId', '=', 'k.id').where('r.closedAt', 'is', null).select('r.id'),
            ),
          ),
        )
        .orderBy('k.displayName')
        .execute();
    },
    counsellors(db: Db) {
      return db
        .selectFrom('appUser')
        .select(['id', 'displayName', 'login'])
        .where('role', '=', 'saeil_counsellor')
        .where('active', '=', true)
        .orderBy('displayName')
        .execute();
    },
    findUser(db: Db, id: string) {
      return db.selectFrom('appUser').select(['id', 'role', 'active', 'displayName']).where('id', '=', id).executeTakeFirst();
    },
    /** The facts the re-employment figures need, one row per referral (no names). */
    figureRows(db: Db) {
      return db
        .selectFrom('employmentReferral as r')
        .select(['r.referredOn', 'r.outcome', 'r.employerType', 'r.employedOn'])
        .select((eb) => [
          eb
            .selectFrom('clerkContract as c')
            .whereRef('c.clerkId', '=', 'r.clerkId')
            .select((e) => e.fn.max('c.endsOn').as('d'))
            .as('contractEnd'),
        ])
        .execute();
    },
  };
}
export type EmploymentRepository = ReturnType<typeof createEmploymentRepository>;
