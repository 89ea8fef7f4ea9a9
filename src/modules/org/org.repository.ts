import type { Db } from '../../db/db.ts';

export function createOrgRepository() {
  return {
    listMunicipalities(db: Db) {
      return db
        .selectFrom('municipality as m')
        .leftJoin('region as r', 'r.id', 'm.regionId')
        .select(['m.code', 'm.name', 'm.kind', 'm.regionId', 'r.name as regionName'])
        .where('m.validTo', 'is', null)
        .orderBy('m.code')
        .execute();
    },
    listRegions(db: Db) {
      return db
        .selectFrom('region as r')
        .select((eb) => [
          'r.id',
          'r.name',
          'r.hub',
          'r.version',
          eb.selectFrom('office as o').whereRef('o.regionId', '=', 'r.id').select(eb.fn.countAll<number>().as('n')).as('officeCount'),
        ])
        .orderBy('r.id')
        .execute();
    },
    findRegion(db: Db, id: number) {
      return db.selectFrom('region').selectAll().where('id', '=', id).executeTakeFirst();
    },
    regionMunicipalities(db: Db, regionId: number) {
      return db.selectFrom('municipality').select(['code', 'name']).where('regionId', '=', regionId).orderBy('code').execute();
    },
    async updateRegion(db: Db, id: number, version: number, v: { name: string; hub: string }) {
      return db
        .updateTable('region')
        .set({ ...v, version: version + 1, updatedAt: new Date() })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },
    async setRegionMunicipalities(db: Db, regionId: number, codes: string[]) {
      await db.updateTable('municipality').set({ regionId: null }).where('regionId', '=', regionId).execute();
      if (codes.length) await db.updateTable('municipality').set({ regionId }).where('code', 'in', codes).execute();
    },
    listOffices(db: Db) {
      return db
        .selectFrom('office as o')
        .innerJoin('region as r', 'r.id', 'o.regionId')
        .select((eb) => [
          'o.id',
          'o.name',
          'o.regionId',
          'r.name as regionName',
          'o.address',
          'o.phone',
          'o.isDemo',
          'o.active',
          'o.version',
          eb
            .selectFrom('appUser as u')
            .whereRef('u.officeId', '=', 'o.id')
            .where('u.active', '=', true)
            .where('u.role', '=', 'clerk')
            .select(eb.fn.countAll<number>().as('n'))
            .as('clerkCount'),
        ])
        .orderBy('o.regionId')
        .orderBy('o.name')
        .execute();
    },
    findOffice(db: Db, id: number) {
      return db.selectFrom('office').selectAll().where('id', '=', id).executeTakeFirst();
    },
    officeMunicipalities(db: Db, officeId: number) {
      return db
        .selectFrom('officeMunicipality as om')
        .innerJoin('municipality as m', 'm.code', 'om.municipalityCode')
        .select(['m.code', 'm.name'])
        .where('om.officeId', '=', officeId)
        .orderBy('m.code')
        .execute();
    },
    allOfficeCoverage(db: Db) {
      return db.selectFrom('officeMunicipality').selectAll().execute();
    },
    insertOffice(db: Db, v: { name: string; regionId: number; address: string | null; phone: string | null; isDemo?: boolean }) {
      return db.insertInto('office').values(v).returningAll().executeTakeFirstOrThrow();
    },
    updateOffice(
      db: Db,
      id: number,
      version: number,
      v: { name: string; regionId: number; address: string | null; phone: string | null; active: boolean },
    ) {
      return db
        .updateTable('office')
        .set({ ...v, version: version + 1, updatedAt: new Date() })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },
    async setOfficeMunicipalities(db: Db, officeId: number, codes: string[]) {
      await db.deleteFrom('officeMunicipality').where('officeId', '=', officeId).execute();
      if (codes.length) {
        await db
          .insertInto('officeMunicipality')
          .values(codes.map((municipalityCode) => ({ officeId, municipalityCode })))
          .execute();
      }
    },
    officeNameTaken(db: Db, name: string, exceptId?: number) {
      let q = db.selectFrom('office').select('id').where('name', '=', name);
      if (exceptId) q = q.where('id', '!=', exceptId);
      return q.executeTakeFirst();
    },
  };
}
export type OrgRepository = ReturnType<typeof createOrgRepository>;
