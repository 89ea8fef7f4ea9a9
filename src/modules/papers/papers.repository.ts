import { ownerLanguageOf } from '../owner/owner.repository.ts';
import type { Db } from '../../db/db.ts';
import type { SignedPaperKind } from '../../db/schema.papers.ts';

/** What the printed papers (issue 13 §3) need, and the signed scans uploaded back. */
export function createPapersRepository() {
  return {
    /** The owner's language, for the handout (owner.repository.ts). */
    ownerLanguage: ownerLanguageOf,
    /** The business with its clerk and office, as printed on every paper. */
    parties(db: Db, businessId: string) {
      return db
        .selectFrom('business as b')
        .leftJoin('appUser as u', 'u.id', 'b.clerkId')
        .leftJoin('office as o', 'o.id', 'b.officeId')
        .select([
          'b.id',
          'b.name',
          'b.brn',
          'b.address',
          'b.ownerName',
          'b.phone',
          'b.isSample',
          'b.minimalOnly',
          'u.displayName as clerkName',
          'u.phone as clerkPhone',
          'o.name as officeName',
          'o.phone as officePhone',
          'o.address as officeAddress',
        ])
        .where('b.id', '=', businessId)
        .executeTakeFirst();
    },

    participation(db: Db, id: string) {
      return db
        .selectFrom('participation as pa')
        .innerJoin('programmeVersion as v', 'v.id', 'pa.programmeVersionId')
        .select([
          'pa.id',
          'pa.businessId',
          'pa.status',
          'pa.submittedOn',
          'v.title',
          'v.executingAgency',
          'v.ministry',
          'v.periodEnd',
          'v.periodRaw',
          'v.applyUrl',
          'v.benefitMaxAmount',
        ])
        .where('pa.id', '=', id)
        .executeTakeFirst();
    },

    events(db: Db, participationId: string) {
      return db
        .selectFrom('participationEvent')
        .select(['fromStatus', 'toStatus', 'reason', 'at'])
        .where('participationId', '=', participationId)
        .orderBy('id')
        .execute();
    },

    /** Consents in force (not withdrawn), newest first per kind. */
    activeConsents(db: Db, businessId: string) {
      return db
        .selectFrom('consent')
        .select(['id', 'kind', 'textVersion', 'method', 'givenOn'])
        .where('businessId', '=', businessId)
        .where('withdrawnAt', 'is', null)
        .orderBy('recordedAt', 'desc')
        .execute();
    },

    /** The scan as a file of the business (no 구비서류 record: it is a signed paper, not a certificate). */
    insertScan(db: Db, v: { businessId: string; fileName: string; mediaType: 'application/pdf' | 'image/jpeg' | 'image/png'; sizeBytes: number; sha256: string; content: Uint8Array; uploadedBy: string }) {
      return db
        .insertInto('documentFile')
        .values({ ...v, documentId: null })
        .returning('id')
        .executeTakeFirstOrThrow();
    },

    insertSigned(
      db: Db,
      v: { businessId: string; kind: SignedPaperKind; participationId: string | null; consentId: string | null; fileId: string; docNo: string | null; uploadedBy: string },
    ) {
      return db.insertInto('signedPaper').values(v).returning('id').executeTakeFirstOrThrow();
    },

    /** The signed scans of a business (newest first), for its page and its participations' pages. */
    signedOf(db: Db, businessId: string) {
      return db
        .selectFrom('signedPaper as s')
        .innerJoin('documentFile as f', 'f.id', 's.fileId')
        .leftJoin('appUser as u', 'u.id', 's.uploadedBy')
        .select(['s.id', 's.kind', 's.participationId', 's.consentId', 's.docNo', 's.uploadedAt', 's.fileId', 'f.fileName', 'f.sizeBytes', 'u.displayName as uploadedByName'])
        .where('s.businessId', '=', businessId)
        .orderBy('s.uploadedAt', 'desc')
        .execute();
    },
  };
}
export type PapersRepository = ReturnType<typeof createPapersRepository>;
