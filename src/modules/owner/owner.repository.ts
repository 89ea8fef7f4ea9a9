import type { Db } from '../../db/db.ts';

/** The owner's view of their case and the one-time links sent to owners by SMS. */
export function createOwnerRepository() {
  return {
    /** The business with its clerk's and office's contact. */
    findBusinessCard(db: Db, businessId: string) {
      return db
        .selectFrom('business as b')
        .leftJoin('appUser as c', 'c.id', 'b.clerkId')
        .leftJoin('office as o', 'o.id', 'b.officeId')
        .select(['b.id', 'b.name', 'c.displayName as clerkName', 'c.phone as clerkPhone', 'o.name as officeName', 'o.phone as officePhone'])
        .where('b.id', '=', businessId)
        .executeTakeFirst();
    },
    listParticipations(db: Db, businessId: string) {
      return db
        .selectFrom('participation as pa')
        .innerJoin('programmeVersion as v', 'v.id', 'pa.programmeVersionId')
        .select(['pa.id', 'pa.status', 'pa.benefitAmount', 'pa.benefitedOn', 'pa.submittedOn', 'v.title', 'v.periodKind', 'v.periodEnd', 'v.requiredDocuments'])
        .where('pa.businessId', '=', businessId)
        .orderBy('pa.createdAt', 'desc')
        .execute();
    },
    listDocuments(db: Db, businessId: string) {
      return db.selectFrom('businessDocument').select(['documentType', 'issuedOn', 'validUntil']).where('businessId', '=', businessId).execute();
    },
    /** 내 정보 보기 (개인정보 보호법 §35): what Itda holds about the business and its owner. */
    findHeld(db: Db, businessId: string) {
      return db
        .selectFrom('business as b')
        .leftJoin('municipality as m', 'm.code', 'b.municipalityCode')
        .select([
          'b.name',
          'b.brn',
          'b.ownerName',
          'b.phone',
          'b.address',
          'm.name as municipalityName',
          'b.openedOn',
          'b.ksicCode',
          'b.annualRevenue',
          'b.workers',
          'b.ownerBirthDate',
          'b.ownerGender',
          'b.operatingStatus',
          'b.anonymisedAt',
          'b.createdAt',
        ])
        .where('b.id', '=', businessId)
        .executeTakeFirst();
    },
    listConsents(db: Db, businessId: string) {
      return db.selectFrom('consent').select(['kind', 'textVersion', 'method', 'givenOn', 'withdrawnAt']).where('businessId', '=', businessId).orderBy('givenOn').execute();
    },
    listFiles(db: Db, businessId: string) {
      return db.selectFrom('documentFile').select(['fileName', 'uploadedAt']).where('businessId', '=', businessId).orderBy('uploadedAt').execute();
    },
    listDocumentTypes(db: Db) {
      return db.selectFrom('documentType').select(['code', 'name', 'validity']).execute();
    },
    /** The businesses an owner account owns. */
    listOwnedBusinessIds(db: Db, ownerUserId: string) {
      return db.selectFrom('business').select('id').where('ownerUserId', '=', ownerUserId).execute();
    },
    findContact(db: Db, businessId: string) {
      return db.selectFrom('business').select(['phone', 'name']).where('id', '=', businessId).executeTakeFirst();
    },
    /** The owner's language (ownerLanguageOf below). */
    ownerLanguage: ownerLanguageOf,
    /** Closes the business's links still open (a new one is being sent): they expire now. */
    revokeLinks(db: Db, businessId: string, at: Date) {
      return db.updateTable('ownerLink').set({ expiresAt: at }).where('businessId', '=', businessId).where('expiresAt', '>', at).execute();
    },
    insertLink(db: Db, row: { businessId: string; tokenHash: string; expiresAt: Date; createdBy: string }) {
      return db.insertInto('ownerLink').values(row).execute();
    },
    findLinkByHash(db: Db, tokenHash: string) {
      return db.selectFrom('ownerLink').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
    },
    markLinkUsed(db: Db, id: string, at: Date) {
      return db.updateTable('ownerLink').set({ usedAt: at }).where('id', '=', id).execute();
    },
  };
}
export type OwnerRepository = ReturnType<typeof createOwnerRepository>;

/**
 * The owner's language (issue 13 §4), one query for every module that writes to her (her SMS, her
 * page's link, the handout): the one her contact preferences hold (set from her help request at
 * conversion, changed by her or the clerk), else the one she used on the latest help request the
 * business was converted from; null when unknown (then Korean).
 */
export async function ownerLanguageOf(db: Db, businessId: string): Promise<string | null> {
  const pref = await db.selectFrom('contactPreference').select('language').where('businessId', '=', businessId).executeTakeFirst();
  if (pref) return pref.language;
  const row = await db.selectFrom('helpRequest').select('language').where('businessId', '=', businessId).orderBy('closedAt', 'desc').limit(1).executeTakeFirst();
  return row?.language ?? null;
}
