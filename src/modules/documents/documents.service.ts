import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { daysBetween, validUntil as computeValidUntil } from '../../domain/documents/document-validity.ts';
import { InvalidError, NotFoundError, type FieldIssue } from '../../errors.ts';
import { parseInput, parseInputWithoutRrn } from '../../validation.ts';
import type { PersonalDataGate } from '../access-log/personal-data.gate.ts';
import type { RequestMeta } from '../audit/audit.service.ts';
import { requireActor, type Actor } from '../auth/auth.policy.ts';
import { kstDate } from '../../domain/korean-time.ts';
import { buildChecklist, type ChecklistType } from './documents.checklist.ts';
import { checkUploadedFile, safeFileName } from './documents.files.ts';
import type { DocumentsRepository } from './documents.repository.ts';
import { DownloadInput, uploadDocumentInput, type DownloadPurpose, type UploadDocumentInput } from './documents.schemas.ts';

export interface DocumentsDeps {
  db: Kysely<DB>;
  repo: DocumentsRepository;
  gate: PersonalDataGate;
  now: () => Date;
}

/** The recorded reason of a download: the purpose in Korean, then the user's words. */
const PURPOSE_TEXT: Record<DownloadPurpose, string> = {
  submission: '신청기관 제출',
  review: '서류 내용 확인',
  owner: '대표자 요청으로 전달',
  other: '기타',
};

function invalid(issues: FieldIssue[]): never {
  throw new InvalidError('validation.summary', issues);
}

/**
 * 구비서류: the checklist of a participation, uploads and downloads.
 *
 * Access records (안전성 확보조치 기준 §8): an upload is a 'create', a download a 'download' with
 * the reason the user gave; the subject is the business whose papers they are. Seeing the
 * checklist is covered by the participation page's 'view' record.
 */
export function createDocumentsService(deps: DocumentsDeps) {
  const { db, repo, gate, now } = deps;

  async function participationOrThrow(actor: Actor | null, id: string) {
    requireActor(actor); // anonymous visitors learn nothing, not even whether the id exists
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError();
    const p = await repo.findParticipation(db, id);
    if (!p) throw new NotFoundError();
    return p;
  }

  async function fileOrThrow(actor: Actor | null, fileId: string) {
    requireActor(actor);
    if (!/^[0-9a-f-]{36}$/i.test(fileId)) throw new NotFoundError();
    const meta = await repo.findFileMeta(db, fileId);
    if (!meta) throw new NotFoundError();
    await gate.check(db, actor, meta.businessId, 'read');
    return meta;
  }

  return {
    /** The checklist of one participation (the page that shows it records the view). */
    async checklist(actor: Actor | null, participationId: string) {
      const p = await participationOrThrow(actor, participationId);
      await gate.check(db, actor, p.businessId, 'read');
      const required = p.requiredDocuments;
      const [typeRows, held] = await Promise.all([repo.documentTypes(db, required), repo.heldDocuments(db, p.businessId, required)]);
      const types = new Map<string, ChecklistType>(typeRows.map((t) => [t.code, { code: t.code, name: t.name, validity: t.validity }]));
      return buildChecklist({
        participationId: p.id,
        participationStatus: p.status,
        submittedOn: p.submittedOn,
        required,
        types,
        held,
        today: kstDate(now()),
      });
    },

    /**
     * A document for a checklist item, with its file: PDF/JPG/PNG by content, ≤ 10 MB, SHA-256
     * kept. The business's document is recorded for this participation, and any later
     * participation reuses it while it is valid.
     */
    async upload(actor: Actor | null, participationId: string, raw: Record<string, unknown>, file: File | null, meta: RequestMeta) {
      const p = await participationOrThrow(actor, participationId);
      await gate.check(db, actor, p.businessId, 'write');
      // Every problem at once (form fields and file), so the clerk fixes them in one go.
      const issues: FieldIssue[] = [];
      const today = kstDate(now());
      let input: UploadDocumentInput | null = null;
      try {
        input = parseInput(uploadDocumentInput(today), raw);
      } catch (e) {
        if (!(e instanceof InvalidError)) throw e;
        issues.push(...e.issues);
      }
      const type = input ? (await repo.documentTypes(db, [input.documentType]))[0] : undefined;
      if (input) {
        if (!type || !p.requiredDocuments.includes(input.documentType))
          issues.push({ path: 'documentType', messageKey: 'documents.typeRequired' });
        if (input.validUntil && input.validUntil < input.issuedOn)
          issues.push({ path: 'validUntil', messageKey: 'documents.validBeforeIssued' });
      }
      const checked = await checkUploadedFile(file);
      if (!checked.ok) issues.push(...checked.issues);
      const bytes = checked.ok ? checked.bytes : null;
      const mediaType = checked.ok ? checked.mediaType : null;
      if (issues.length || !input || !type || !file || !bytes || !mediaType)
        invalid(issues.length ? issues : [{ path: 'file', messageKey: 'documents.fileRequired' }]);
      let until: string | null;
      try {
        until = input.validUntil ?? computeValidUntil(type, input.issuedOn);
      } catch {
        invalid([{ path: 'issuedOn', messageKey: 'documents.dateFormat' }]);
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const fileName = safeFileName(file.name, mediaType);
      return db.transaction().execute(async (trx) => {
        const doc = await repo.insertDocument(trx, {
          businessId: p.businessId,
          documentType: input.documentType,
          issuedOn: input.issuedOn,
          validUntil: until,
          participationId: p.id,
          recordedBy: actor!.userId,
        });
        const f = await repo.insertFile(trx, {
          businessId: p.businessId,
          documentId: doc.id,
          fileName,
          mediaType,
          sizeBytes: bytes.length,
          sha256,
          content: bytes,
          uploadedBy: actor!.userId,
        });
        await gate.business(trx, actor, meta, {
          id: p.businessId,
          mode: 'write',
          action: 'create',
          detail: {
            participationId: p.id,
            documentId: doc.id,
            fileId: f.id,
            documentType: input.documentType,
            sha256,
            bytes: bytes.length,
            mediaType,
          },
        });
        return { documentId: doc.id, fileId: f.id, sha256, expiresInDays: until === null ? null : daysBetween(today, until) };
      });
    },

    /** The page before a download: what the file is, and the question why (recorded as a view). */
    async fileForPrompt(actor: Actor | null, fileId: string, meta: RequestMeta) {
      const file = await fileOrThrow(actor, fileId);
      await gate.business(db, actor, meta, {
        id: file.businessId,
        mode: 'read',
        action: 'view',
        detail: { fileId, documentId: file.documentId },
      });
      return file;
    },

    /**
     * The bytes, only to those who may read the business (the gate's scope check, read), after a
     * stated purpose, with a 'download' access record carrying it (안전성 확보조치 기준 §8).
     */
    async download(actor: Actor | null, fileId: string, raw: unknown, meta: RequestMeta) {
      const file = await fileOrThrow(actor, fileId);
      const input = parseInputWithoutRrn(DownloadInput, raw);
      const reason = input.note ? `${PURPOSE_TEXT[input.purpose]}: ${input.note}` : PURPOSE_TEXT[input.purpose];
      return db.transaction().execute(async (trx) => {
        const content = await repo.fileContent(trx, fileId);
        if (!content) throw new NotFoundError();
        await gate.business(trx, actor, meta, {
          id: file.businessId,
          mode: 'read',
          action: 'download',
          reason,
          detail: { fileId, documentId: file.documentId, sha256: file.sha256, purpose: input.purpose },
        });
        return { ...file, content };
      });
    },
  };
}
export type DocumentsService = ReturnType<typeof createDocumentsService>;
