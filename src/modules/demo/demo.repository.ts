import type { Insertable } from 'kysely';
import type { Db } from '../../db/db.ts';
import type { DB } from '../../db/schema.ts';

/** The labelled demo organisation and its sample casework (예시): written in batches, one statement per table where it can. */
export function createDemoRepository() {
  return {
    async hasDemoAccount(db: Db) {
      return (await db.selectFrom('appUser').select('id').where('isDemo', '=', true).limit(1).executeTakeFirst()) !== undefined;
    },
    listRegions(db: Db) {
      return db.selectFrom('region').select(['id', 'name']).execute();
    },
    listOfficesNamed(db: Db, names: string[]) {
      return db.selectFrom('office').select(['id', 'name']).where('name', 'in', names).execute();
    },
    insertOffices(db: Db, rows: Insertable<DB['office']>[]) {
      return db.insertInto('office').values(rows).returning(['id', 'name']).execute();
    },
    addOfficeMunicipalities(db: Db, rows: { officeId: number; municipalityCode: string }[]) {
      return db.insertInto('officeMunicipality').values(rows).onConflict((oc) => oc.doNothing()).execute();
    },
    insertAccounts(db: Db, rows: Insertable<DB['appUser']>[]) {
      return db.insertInto('appUser').values(rows).returning(['id', 'login', 'role', 'officeId']).execute();
    },
    /** Demo accounts enrolled with the published demo key (second factor, issue 14 §2). */
    async insertConfirmedTotps(db: Db, rows: { userId: string; secretEnc: string; at: Date }[]) {
      if (!rows.length) return;
      await db
        .insertInto('userTotp')
        .values(rows.map((r) => ({ userId: r.userId, secretEnc: r.secretEnc, confirmedAt: r.at, createdAt: r.at })))
        .execute();
    },
    insertBusinesses(db: Db, rows: Insertable<DB['business']>[]) {
      return db.insertInto('business').values(rows).execute();
    },
    /** The first sample businesses by name: the ones that get sample casework. */
    listSampleBusinesses(db: Db, limit: number) {
      return db.selectFrom('business').select(['id', 'clerkId']).where('isSample', '=', true).orderBy('name').limit(limit).execute();
    },
    listSampleProgrammes(db: Db) {
      return db
        .selectFrom('programme as p')
        .innerJoin('programmeVersion as v', 'v.id', 'p.currentVersionId')
        .select(['p.id', 'v.id as versionId'])
        .where('p.isSample', '=', true)
        .orderBy('p.id')
        .execute();
    },
    setSampleOwner(db: Db, businessId: string, ownerUserId: string) {
      return db.updateTable('business').set({ ownerUserId, ownerName: '김소상 (예시)', phone: '010-0000-0001' }).where('id', '=', businessId).execute();
    },
    insertParticipations(db: Db, rows: Insertable<DB['participation']>[]) {
      return db.insertInto('participation').values(rows).returning(['id', 'businessId']).execute();
    },
    insertParticipationEvents(db: Db, rows: Insertable<DB['participationEvent']>[]) {
      return db.insertInto('participationEvent').values(rows).execute();
    },
  };
}
export type DemoRepository = ReturnType<typeof createDemoRepository>;
