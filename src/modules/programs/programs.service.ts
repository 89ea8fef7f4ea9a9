import type { Kysely } from 'kysely';
import { kstDate } from '../../domain/korean-time.ts';
import type { DB, NewProgrammeVersion, ProgrammeVersion } from '../../db/schema.ts';
import type { ImportBatch, ProgrammeDraft } from '../../domain/catalog/catalog.types.ts';
import { RuleSchema, type Rule } from '../../domain/eligibility/eligibility.types.ts';
import { regionState } from '../../domain/eligibility/eligibility.programme.ts';
import { ConflictError, InvalidError, NotFoundError } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import type { ProgramsRepository } from './programs.repository.ts';
import { CatalogueQuery, regionFromText, RuleDraftInput } from './programs.schemas.ts';
import { documentTypeRows, matchDocumentTypes } from '../../domain/documents/document-types.ts';

export const CATALOGUE_PAGE_SIZE = 20;

export interface ImportReport {
  source: string;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; sourceId?: string; reason: string }[];
  skipped: { line: number; sourceId?: string; reason: string }[];
}

type VersionFields = Omit<
  NewProgrammeVersion,
  'programmeId' | 'version' | 'changeReason' | 'createdBy' | 'createdByLogin' | 'basedOnVersionId'
>;

/** A parsed notice → the columns of a programme version. */
export function draftToVersion(d: ProgrammeDraft, fingerprint: string): VersionFields {
  return {
    status: 'published',
    title: d.title,
    ministry: d.agencies.ministry ?? null,
    executingAgency: d.agencies.executingAgency ?? null,
    category: d.category.code,
    summary: d.summary ?? null,
    targetText: [d.target, d.exclusions ? `지원 제외: ${d.exclusions}` : undefined].filter(Boolean).join('\n') || null,
    periodKind: d.period.kind,
    periodStart: d.period.start ?? null,
    periodEnd: d.period.end ?? null,
    periodRaw: d.period.raw,
    howToApply: d.howToApply ?? null,
    detailUrl: d.detailUrl ?? null,
    applyUrl: d.applicationUrl ?? null,
    contact: d.contact ?? null,
    nationwide: d.regions.nationwide,
    sido: d.regions.sido,
    municipalities: d.regions.municipalities,
    benefitType: d.benefit.type ?? null,
    benefitMaxAmount: d.benefit.maxAmount ?? null,
    // Papers the notice names that match a document type get a checklist entry; the rest stay text.
    requiredDocuments: matchDocumentTypes(d.requiredDocuments),
    documentNames: d.requiredDocuments,
    attachments: JSON.stringify(d.attachments),
    rule: d.rule ? JSON.stringify(d.rule) : null,
    reviewStatus: '확인 필요',
    reviewNote: d.notes.length ? d.notes.join('\n') : null,
    fingerprint,
    sourceUpdatedAt: d.sourceUpdatedAt ? new Date(d.sourceUpdatedAt) : null,
    raw: JSON.stringify(d.raw ?? null),
  };
}

/** The version's own columns, to copy into the next version. */
function copyOf(v: ProgrammeVersion): VersionFields {
  return {
    status: v.status,
    title: v.title,
    ministry: v.ministry,
    executingAgency: v.executingAgency,
    category: v.category,
    summary: v.summary,
    targetText: v.targetText,
    periodKind: v.periodKind,
    periodStart: v.periodStart,
    periodEnd: v.periodEnd,
    periodRaw: v.periodRaw,
    howToApply: v.howToApply,
    detailUrl: v.detailUrl,
    applyUrl: v.applyUrl,
    contact: v.contact,
    nationwide: v.nationwide,
    sido: v.sido,
    municipalities: v.municipalities,
    benefitType: v.benefitType,
    benefitMaxAmount: v.benefitMaxAmount,
    requiredDocuments: v.requiredDocuments,
    documentNames: v.documentNames,
    attachments: JSON.stringify(v.attachments),
    rule: v.rule === null ? null : JSON.stringify(v.rule),
    reviewStatus: v.reviewStatus,
    reviewNote: v.reviewNote,
    fingerprint: v.fingerprint,
    sourceUpdatedAt: v.sourceUpdatedAt,
    raw: JSON.stringify(v.raw ?? null),
  };
}

export function createProgramsService(deps: {
  db: Kysely<DB>;
  programs: ProgramsRepository;
  audit: AuditService;
  now: () => Date;
  fingerprint: (d: ProgrammeDraft) => string;
}) {
  const { db, programs, now } = deps;

  return {
    /** Reference data every deployment needs (not demo): the document types with validity rules. */
    async syncReferenceData() {
      await programs.upsertDocumentTypes(db, documentTypeRows());
    },

    /** The editor's pages ask before showing a form that only editors may submit. */
    async assertCanEdit(actor: Actor | null) {
      authorize(actor, 'programmes.edit');
    },

    async assertCanImport(actor: Actor | null) {
      authorize(actor, 'programmes.import');
    },

    async search(actor: Actor | null, raw: unknown) {
      authorize(actor, 'programmes.read');
      return this.searchPublic(raw);
    },

    /**
     * The same catalogue search for partner sites (GET /api/v1/programmes, issue 13 §1): public
     * notices only (titles, agencies, periods, regions), no business and no person, so no sign-in.
     */
    async searchPublic(raw: unknown) {
      const f = parseInput(CatalogueQuery, raw);
      const today = kstDate(now());
      const { rows, total } = await programs.search(db, {
        q: f.q,
        category: f.category,
        agency: f.agency,
        region: f.region,
        openOn: f.open ? today : undefined,
        closingWithinDays: f.closingWithin,
        today,
        sort: f.sort,
        limit: CATALOGUE_PAGE_SIZE,
        offset: (f.page - 1) * CATALOGUE_PAGE_SIZE,
      });
      return { rows, total, page: f.page, pageSize: CATALOGUE_PAGE_SIZE, filter: f, today };
    },

    async agencies(actor: Actor | null) {
      authorize(actor, 'programmes.read');
      return (await programs.agencies(db)).map((a) => a.name).filter((n): n is string => !!n);
    },

    async get(actor: Actor | null, id: number, versionId?: number) {
      authorize(actor, 'programmes.read');
      const programme = await programs.findProgramme(db, id);
      if (!programme || !programme.currentVersionId) throw new NotFoundError();
      const current = await programs.findVersion(db, programme.currentVersionId);
      const shown = versionId ? await programs.findVersion(db, versionId) : current;
      if (!current || !shown || shown.programmeId !== id) throw new NotFoundError();
      const [versions, documentTypes, titles] = await Promise.all([
        programs.listVersions(db, id),
        programs.documentTypes(db),
        programs.titlesByKey(db),
      ]);
      return { programme, current, shown, versions, documentTypes, titles, today: kstDate(now()) };
    },

    /**
     * Idempotent upsert by (source, source id). A record whose normalized content did not change
     * is `unchanged`; a change creates a new published version (who/when/why recorded). A rule
     * an editor wrote is kept when the source itself states none.
     */
    async importBatch(
      actor: Actor | null,
      batch: ImportBatch,
      meta: RequestMeta,
      onProgress?: (done: number, total: number) => void,
    ): Promise<ImportReport> {
      if (actor) authorize(actor, 'programmes.import');
      const report: ImportReport = {
        source: batch.source,
        total: batch.total,
        created: 0,
        updated: 0,
        unchanged: 0,
        rejected: [...batch.rejected],
        skipped: [...batch.skipped],
      };
      let done = 0;
      for (const { line, draft } of batch.records) {
        const fp = deps.fingerprint(draft);
        try {
          const outcome = await db.transaction().execute(async (trx) => {
            let programme = await programs.findProgrammeBySource(trx, draft.source, draft.sourceId);
            let current: ProgrammeVersion | undefined;
            if (programme?.currentVersionId) current = await programs.findVersion(trx, programme.currentVersionId);
            if (current?.fingerprint === fp) return 'unchanged' as const;
            const fields = draftToVersion(draft, fp);
            if (current && !draft.rule && current.rule !== null) fields.rule = JSON.stringify(current.rule);
            if (current && current.requiredDocuments.length && !fields.requiredDocuments?.length)
              fields.requiredDocuments = current.requiredDocuments;
            const isNew = !programme;
            programme ??= await programs.insertProgramme(trx, {
              key: `${draft.source}-${draft.sourceId}`.toLowerCase(),
              source: draft.source,
              sourceId: draft.sourceId,
            });
            const version = await programs.nextVersionNumber(trx, programme.id);
            const at = now();
            const row = await programs.insertVersion(trx, {
              ...fields,
              programmeId: programme.id,
              version,
              publishedAt: at,
              changeReason: isNew ? `${batch.source} 가져오기 (신규)` : `${batch.source} 가져오기 (공고 변경)`,
              createdBy: actor?.userId ?? null,
              createdByLogin: actor?.login ?? 'itda-import',
              basedOnVersionId: current?.id ?? null,
            });
            await programs.setCurrentVersion(trx, programme.id, row.id, current?.id ?? null);
            return isNew ? ('created' as const) : ('updated' as const);
          });
          report[outcome] += 1;
        } catch (e) {
          report.rejected.push({
            line,
            sourceId: draft.sourceId,
            reason: `저장하지 못했습니다: ${e instanceof Error ? e.message : String(e)}`,
          });
        }
        done += 1;
        onProgress?.(done, batch.records.length);
      }
      report.rejected.sort((a, b) => a.line - b.line);
      return report;
    },

    /** The editor's proposal: a draft version with a new rule, not used for matching until published. */
    async saveRuleDraft(actor: Actor | null, programmeId: number, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'programmes.edit');
      const input = parseInput(RuleDraftInput, raw);
      let rule: Rule;
      try {
        rule = RuleSchema.parse(JSON.parse(input.rule));
      } catch (e) {
        const detail = e instanceof SyntaxError ? 'JSON' : 'schema';
        throw new InvalidError('validation.summary', [
          { path: 'rule', messageKey: detail === 'JSON' ? 'programmes.ruleJson' : 'programmes.ruleSchema' },
        ]);
      }
      return db.transaction().execute(async (trx) => {
        const programme = await programs.findProgramme(trx, programmeId);
        if (!programme?.currentVersionId) throw new NotFoundError();
        if (programme.currentVersionId !== input.baseVersionId) throw new ConflictError('error.conflictReload');
        const base = await programs.findVersion(trx, programme.currentVersionId);
        if (!base) throw new NotFoundError();
        const region = input.region
          ? regionFromText(input.region)
          : { nationwide: base.nationwide, sido: base.sido, municipalities: base.municipalities };
        // A rule is not judged without a region, and a notice that names none is not nationwide (issue 11 §1).
        if (input.ruleReview === 'reviewed' && regionState(region) === 'unset')
          throw new InvalidError('validation.summary', [{ path: 'region', messageKey: 'review.regionMissing' }]);
        const version = await programs.nextVersionNumber(trx, programmeId);
        const row = await programs.insertVersion(trx, {
          ...copyOf(base),
          ...region,
          status: 'draft',
          rule: JSON.stringify(rule),
          ruleReview: input.ruleReview,
          reviewStatus: input.reviewStatus,
          programmeId,
          version,
          changeReason: input.reason,
          createdBy: actor.userId,
          createdByLogin: actor.login,
          basedOnVersionId: base.id,
          publishedAt: null,
        });
        await programs.discardDrafts(trx, programmeId, row.id);
        await deps.audit.record(trx, meta, {
          action: 'programme.draft',
          actor,
          subjectType: 'programme',
          subjectId: String(programmeId),
          detail: { version, reason: input.reason },
        });
        return row;
      });
    },

    async getDraft(actor: Actor | null, programmeId: number, draftId: number) {
      authorize(actor, 'programmes.edit');
      const programme = await programs.findProgramme(db, programmeId);
      const draft = await programs.findVersion(db, draftId);
      if (!programme?.currentVersionId || !draft || draft.programmeId !== programmeId || draft.status !== 'draft')
        throw new NotFoundError();
      const current = await programs.findVersion(db, programme.currentVersionId);
      if (!current) throw new NotFoundError();
      return { programme, draft, current };
    },

    /** Publishing makes the draft current; a version published meanwhile makes this a 409. */
    async publish(actor: Actor | null, programmeId: number, draftId: number, meta: RequestMeta) {
      authorize(actor, 'programmes.edit');
      await db.transaction().execute(async (trx) => {
        const draft = await programs.findVersion(trx, draftId);
        if (!draft || draft.programmeId !== programmeId || draft.status !== 'draft') throw new NotFoundError();
        const ok = await programs.setCurrentVersion(trx, programmeId, draftId, draft.basedOnVersionId);
        if (!ok) throw new ConflictError('error.conflictReload');
        const at = now();
        // The editor who publishes a rule saved as reviewed is its reviewer (name and time kept with
        // the version, issue 11 §2); the audit row says the same.
        if (draft.ruleReview === 'reviewed') {
          if (regionState(draft) === 'unset')
            throw new InvalidError('validation.summary', [{ path: 'region', messageKey: 'review.regionMissing' }]);
          await programs.markRuleReviewed(trx, draftId, { by: actor.userId, name: actor.displayName, at });
        }
        await programs.publishVersion(trx, draftId, at);
        await deps.audit.record(trx, meta, {
          action: 'programme.publish',
          actor,
          subjectType: 'programme',
          subjectId: String(programmeId),
          detail: { version: draft.version, reason: draft.changeReason, ruleReview: draft.ruleReview },
        });
      });
    },
  };
}
export type ProgramsService = ReturnType<typeof createProgramsService>;
