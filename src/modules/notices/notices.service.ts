import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB, NoticeDocument } from '../../db/schema.ts';
import { planNoticeFiles } from '../../domain/notices/notice.attachments.ts';
import { combineEligibilityText, type EligibilityText } from '../../domain/notices/notice.eligibility.ts';
import { extractNoticeText } from '../../domain/notices/notice.extract.ts';
import { findSections, type NoticeSection } from '../../domain/notices/notice.sections.ts';
import type { Extraction } from '../../domain/notices/notice.types.ts';
import { NotFoundError } from '../../errors.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import { NoticeFetchError, type NoticeFetcher } from './notices.fetcher.ts';
import type { NoticesRepository } from './notices.repository.ts';

/** A fetch that failed (timeout, 5xx) is tried again by the job this many times in all. */
export const MAX_FETCH_ATTEMPTS = 3;
/** Versions the job reads per run (each file has its own timeout). */
export const VERSIONS_PER_RUN = 10;

export const NOT_CONFIGURED_REASON = '첨부파일 내려받기가 설정되지 않아 읽지 않았습니다 (ITDA_NOTICE_FETCH_HOSTS)';

export interface NoticeDocumentView extends Omit<NoticeDocument, 'sections'> {
  sections: NoticeSection[];
}

export interface ReadSummary {
  versionId: number;
  files: number;
  extracted: number;
  unreadable: number;
  notFetched: number;
}

function view(row: NoticeDocument): NoticeDocumentView {
  return { ...row, sections: Array.isArray(row.sections) ? (row.sections as NoticeSection[]) : [] };
}

export function createNoticesService(deps: {
  db: Kysely<DB>;
  repo: NoticesRepository;
  /** null = not configured: nothing is fetched, every file is recorded as not fetched with the reason. */
  fetcher: NoticeFetcher | null;
  audit: AuditService;
  now: () => Date;
  logger: Logger;
  extract?: (bytes: Uint8Array, name: string) => Promise<Extraction>;
}) {
  const { db, repo, now } = deps;
  const extract = deps.extract ?? extractNoticeText;

  /** Documents of a version; a draft written on top of a published version shows that version's files. */
  async function documentsFor(versionId: number): Promise<NoticeDocumentView[]> {
    let id: number | null = versionId;
    for (let depth = 0; id !== null && depth < 20; depth++) {
      const rows = await repo.listForVersion(db, id);
      if (rows.length) return rows.map(view);
      const v = await repo.version(db, id);
      id = v?.basedOnVersionId ?? null;
    }
    return [];
  }

  async function readOne(doc: NoticeDocument, programmeId: number): Promise<void> {
    const at = now();
    // Same file already read for an earlier version (a re-import keeps the attachments): copy the result.
    const earlier = await repo.settledByUrl(db, programmeId, doc.url);
    if (earlier && earlier.id !== doc.id) {
      await repo.update(
        db,
        doc.id,
        {
          status: earlier.status,
          format: earlier.format,
          error: earlier.error,
          text: earlier.text,
          sections: JSON.stringify(earlier.sections ?? []),
          sha256: earlier.sha256,
          byteSize: earlier.byteSize,
          fetchedAt: earlier.fetchedAt,
        },
        at,
      );
      return;
    }
    if (!deps.fetcher) {
      await repo.update(db, doc.id, { status: 'not_fetched', error: NOT_CONFIGURED_REASON }, at);
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = (await deps.fetcher.fetch(doc.url)).bytes;
    } catch (err) {
      const reason =
        err instanceof NoticeFetchError ? err.message : `내려받는 중 오류: ${err instanceof Error ? err.message : String(err)}`;
      await repo.update(db, doc.id, { status: 'fetch_failed', error: reason, attempted: true }, now());
      deps.logger.warn({ url: doc.url, reason }, 'notice attachment not fetched');
      return;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const result = await extract(bytes, doc.fileName);
    const sections = result.text ? findSections(result.text) : [];
    await repo.update(
      db,
      doc.id,
      {
        status: result.status,
        format: result.format,
        error: result.error ?? null,
        text: result.text ?? null,
        sections: JSON.stringify(sections),
        sha256,
        byteSize: bytes.byteLength,
        fetchedAt: now(),
        attempted: true,
      },
      now(),
    );
  }

  /**
   * Plans the version's attachments (once) and reads every file not read yet; `retry` also reads
   * again the files whose fetch failed or that were not fetched (the editor's "다시 읽기", or after
   * the fetcher was configured). One file's failure is recorded on its row and never stops the rest.
   */
  async function readVersion(versionId: number, opts: { retry?: boolean } = {}): Promise<ReadSummary> {
    const version = await repo.version(db, versionId);
    if (!version) throw new NotFoundError();
    let rows = await repo.listForVersion(db, versionId);
    if (rows.length === 0) {
      const plan = planNoticeFiles(Array.isArray(version.attachments) ? version.attachments : []);
      await repo.insertPlanned(
        db,
        plan.map((p, position) => ({
          programmeVersionId: versionId,
          position,
          fileName: p.name,
          url: p.url,
          format: p.expected,
          status: p.fetch ? 'pending' : 'not_fetched',
          error: p.reason ?? null,
        })),
      );
      rows = await repo.listForVersion(db, versionId);
    }
    for (const row of rows) {
      const due =
        row.status === 'pending' ||
        (row.status === 'fetch_failed' && (opts.retry || row.attempts < MAX_FETCH_ATTEMPTS)) ||
        (opts.retry && row.status === 'not_fetched' && row.error === NOT_CONFIGURED_REASON);
      if (!due) continue;
      try {
        await readOne(row, version.programmeId);
      } catch (err) {
        // Only a database error can land here; the row stays as it was and the next file is read.
        deps.logger.error({ err, documentId: row.id }, 'notice document not recorded');
      }
    }
    const after = await repo.listForVersion(db, versionId);
    return {
      versionId,
      files: after.length,
      extracted: after.filter((r) => r.status === 'extracted').length,
      unreadable: after.filter((r) => ['empty', 'encrypted', 'unsupported', 'failed', 'fetch_failed'].includes(r.status)).length,
      notFetched: after.filter((r) => r.status === 'not_fetched').length,
    };
  }

  return {
    readVersion,

    /** The job (notices.read): current versions with attachments not read yet, a few per run. */
    async readPending(limit = VERSIONS_PER_RUN): Promise<{ versions: number; extracted: number }> {
      const ids = await repo.versionsToRead(db, limit, MAX_FETCH_ATTEMPTS);
      let extracted = 0;
      for (const id of ids) {
        try {
          extracted += (await readVersion(id)).extracted;
        } catch (err) {
          deps.logger.error({ err, versionId: id }, 'notice documents of a version not read');
        }
      }
      return { versions: ids.length, extracted };
    },

    /** The editor asks from the programme page: read (again) the current version's files now. */
    async requestRead(actor: Actor | null, programmeId: number, meta: RequestMeta): Promise<ReadSummary> {
      authorize(actor, 'programmes.edit');
      const p = await repo.programme(db, programmeId);
      if (!p?.currentVersionId) throw new NotFoundError();
      const summary = await readVersion(p.currentVersionId, { retry: true });
      await deps.audit.record(db, meta, {
        action: 'programme.notices.read',
        actor,
        subjectType: 'programme',
        subjectId: String(programmeId),
        detail: { ...summary },
      });
      return summary;
    },

    /** The files of a version with what was read from each (status, reason, sections). */
    async documents(actor: Actor | null, versionId: number): Promise<NoticeDocumentView[]> {
      authorize(actor, 'programmes.read');
      return documentsFor(versionId);
    },

    /**
     * The combined eligibility text of a programme version — its 지원대상, 신청자격 and 지원 제외
     * sections from the feed's own fields (target text, summary) and from every attachment read, in
     * that order, each part with its heading, its source (field or file name and URL) and its offsets
     * in `text`. This is the input of the rule drafter (`draftRule(text)`) and what the review page
     * shows next to the drafted criteria; offsets of a draft's spans refer to this `text`.
     * Files that could not be read are listed in `unreadable` (with the reason and the original's
     * URL) so the page can say so and link them.
     */
    async eligibilityText(
      actor: Actor | null,
      versionId: number,
    ): Promise<
      EligibilityText & { unreadable: { fileName: string; url: string; status: string; reason: string | null }[]; pending: number }
    > {
      authorize(actor, 'programmes.read');
      const version = await repo.version(db, versionId);
      if (!version) throw new NotFoundError();
      const docs = await documentsFor(versionId);
      const combined = combineEligibilityText({
        targetText: version.targetText,
        summary: version.summary,
        documents: docs
          .filter((d) => d.status === 'extracted')
          .map((d) => ({ id: d.id, fileName: d.fileName, url: d.url, sections: d.sections })),
      });
      return {
        ...combined,
        unreadable: docs
          .filter((d) => d.status !== 'extracted' && d.status !== 'pending')
          .map((d) => ({ fileName: d.fileName, url: d.url, status: d.status, reason: d.error })),
        pending: docs.filter((d) => d.status === 'pending').length,
      };
    },
  };
}
export type NoticesService = ReturnType<typeof createNoticesService>;
