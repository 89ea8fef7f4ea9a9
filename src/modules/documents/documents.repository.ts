import type { Db } from '../../db/db.ts';

export type StoredMediaType = 'application/pdf' | 'image/jpeg' | 'image/png';

/** 구비서류 held by businesses and their uploaded files: the only place with SQL for them. */
export function createDocumentsRepository() {
  return {
    /** Document types by code (name and validity rule are data: src/domain/documents/document-types.ts). */
    documentTypes(db: Db, codes: readonly string[]) {
      if (!codes.length) return Promise.resolve([]);
      return db
        .selectFrom('documentType')
        .select(['code', 'name', 'validity', 'reviewStatus'])
        .where('code', 'in', [...codes])
        .execute();
    },

    /** What the checklist needs of a participation. */
    findParticipation(db: Db, id: string) {
      return db
        .selectFrom('participation as pa')
        .innerJoin('programmeVersion as v', 'v.id', 'pa.programmeVersionId')
        .select(['pa.id', 'pa.businessId', 'pa.status', 'pa.submittedOn', 'v.requiredDocuments'])
        .where('pa.id', '=', id)
        .executeTakeFirst();
    },

    /** Every document the business holds of these types, newest issue first, with its files. */
    async heldDocuments(db: Db, businessId: string, types: readonly string[]) {
      if (!types.length) return [];
      const docs = await db
        .selectFrom('businessDocument as d')
        .leftJoin('appUser as u', 'u.id', 'd.recordedBy')
        .select([
          'd.id',
          'd.documentType',
          'd.issuedOn',
          'd.validUntil',
          'd.participationId',
          'd.createdAt',
          'u.displayName as recordedByName',
        ])
        .where('d.businessId', '=', businessId)
        .where('d.documentType', 'in', [...types])
        .orderBy('d.issuedOn', 'desc')
        .orderBy('d.createdAt', 'desc')
        .execute();
      const ids = docs.map((d) => d.id);
      const files = ids.length
        ? await db
            .selectFrom('documentFile')
            .select(['id', 'documentId', 'fileName', 'mediaType', 'sizeBytes', 'sha256', 'uploadedAt'])
            .where('documentId', 'in', ids)
            .orderBy('uploadedAt')
            .execute()
        : [];
      return docs.map((d) => ({ ...d, files: files.filter((f) => f.documentId === d.id) }));
    },

    insertDocument(
      db: Db,
      v: {
        businessId: string;
        documentType: string;
        issuedOn: string;
        validUntil: string | null;
        participationId: string | null;
        recordedBy: string;
      },
    ) {
      return db.insertInto('businessDocument').values(v).returning(['id']).executeTakeFirstOrThrow();
    },

    insertFile(
      db: Db,
      v: {
        businessId: string;
        documentId: string;
        fileName: string;
        mediaType: StoredMediaType;
        sizeBytes: number;
        sha256: string;
        content: Uint8Array;
        uploadedBy: string;
      },
    ) {
      return db.insertInto('documentFile').values(v).returning(['id', 'sha256']).executeTakeFirstOrThrow();
    },

    /** A file's description without its bytes (for the access check and the download page). */
    findFileMeta(db: Db, id: string) {
      return db
        .selectFrom('documentFile as f')
        .innerJoin('business as b', 'b.id', 'f.businessId')
        .leftJoin('businessDocument as d', 'd.id', 'f.documentId')
        .leftJoin('documentType as t', 't.code', 'd.documentType')
        .leftJoin('appUser as u', 'u.id', 'f.uploadedBy')
        .select([
          'f.id',
          'f.businessId',
          'f.documentId',
          'f.fileName',
          'f.mediaType',
          'f.sizeBytes',
          'f.sha256',
          'f.uploadedAt',
          'b.name as businessName',
          'd.participationId',
          'd.issuedOn',
          'd.documentType',
          't.name as documentTypeName',
          'u.displayName as uploadedByName',
        ])
        .where('f.id', '=', id)
        .executeTakeFirst();
    },

    async fileContent(db: Db, id: string): Promise<Uint8Array | undefined> {
      const row = await db.selectFrom('documentFile').select('content').where('id', '=', id).executeTakeFirst();
      return row?.content;
    },
  };
}
export type DocumentsRepository = ReturnType<typeof createDocumentsRepository>;
