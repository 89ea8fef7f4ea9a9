import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { SignedPaperKind } from '../../db/schema.papers.ts';
import { CONSENT_TEXT_VERSION, consentText, type ConsentKind, type ConsentText } from '../../domain/consent-texts.ts';
import { FACT_LABELS } from '../../domain/eligibility/index.ts';
import { formatDate, formatWon } from '../../domain/format.ts';
import { formatBrn } from '../../domain/identifiers.ts';
import { kstDate } from '../../domain/korean-time.ts';
import { ForbiddenError, InvalidError, NotFoundError, type FieldIssue } from '../../errors.ts';
import { isLocale, translator } from '../../i18n/i18n.ts';
import { parseInput } from '../../validation.ts';
import type { PersonalDataGate } from '../access-log/personal-data.gate.ts';
import type { RequestMeta } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { checkUploadedFile, safeFileName } from '../documents/documents.files.ts';
import type { DocumentsService } from '../documents/documents.service.ts';
import type { EligibilityService } from '../eligibility/eligibility.service.ts';
import { renderConsent, renderHandout, renderPowerOfAttorney, renderSummary, type PaperMeta, type PaperParties } from './papers.pdf.ts';
import type { PapersRepository } from './papers.repository.ts';
import { SignedPaperInput } from './papers.schemas.ts';

export type PaperKind = 'power-of-attorney' | 'summary' | 'consent' | 'handout';

/** The prefix of the document number printed at the foot, per paper. */
const DOC_PREFIX: Record<PaperKind, string> = { 'power-of-attorney': 'PA', summary: 'AS', consent: 'CF', handout: 'HO' };
const FILE_NAME: Record<PaperKind, string> = { 'power-of-attorney': '위임장', summary: '신청 요약', consent: '개인정보 동의서', handout: '받을 수 있는 지원사업' };

/**
 * Papers ready to sign (issue 13 §3). Each print is a use of the owner's personal data and leaves a
 * 접속기록 with the action `print` (안전성 확보조치 기준 §8) through the gate; the signed scan
 * uploaded back is a change (`create`). Papers are in Korean: they are official forms (the owner's
 * language version is the handout's job once issue 13 §4 lands).
 */
export function createPapersService(deps: {
  db: Kysely<DB>;
  repo: PapersRepository;
  gate: PersonalDataGate;
  documents: Pick<DocumentsService, 'checklist'>;
  eligibility: Pick<EligibilityService, 'evaluateBusiness'>;
  now: () => Date;
}) {
  const { db, repo, gate, now } = deps;
  const t = translator('ko');

  const meta = (kind: PaperKind, recordId: string, sample: boolean): PaperMeta => {
    const today = kstDate(now());
    return { docNo: `${DOC_PREFIX[kind]}-${today.replace(/-/g, '')}-${recordId.slice(0, 8)}`, printedOn: formatDate(today, 'ko'), sample };
  };

  async function parties(businessId: string): Promise<PaperParties & { sample: boolean; minimalOnly: boolean }> {
    const b = await repo.parties(db, businessId);
    if (!b) throw new NotFoundError();
    return {
      business: { name: b.name, brn: b.brn ? formatBrn(b.brn) : null, address: b.address, ownerName: b.ownerName, phone: b.phone },
      clerk: { name: b.clerkName, phone: b.clerkPhone },
      office: { name: b.officeName, phone: b.officePhone, address: b.officeAddress },
      sample: b.isSample,
      minimalOnly: b.minimalOnly,
    };
  }

  const date = (d: string | null | undefined) => (d ? formatDate(d, 'ko') : null);

  async function participationOrThrow(id: string) {
    const p = await repo.participation(db, id);
    if (!p) throw new NotFoundError();
    return p;
  }

  return {
    /** One paper as PDF bytes; `id` is the participation (위임장, 신청 요약) or the business (동의서, 안내문). */
    async print(actor: Actor | null, kind: PaperKind, id: string, reqMeta: RequestMeta, opts: { language?: string } = {}): Promise<{ fileName: string; bytes: Buffer }> {
      const p = kind === 'power-of-attorney' || kind === 'summary' ? await participationOrThrow(id) : null;
      const businessId = p ? p.businessId : id;
      // Scope check and 접속기록 (print) in one step; 404/403 before anything is read.
      await gate.business(db, actor, reqMeta, { id: businessId, mode: 'read', action: 'print', detail: { paper: kind, ...(p ? { participationId: p.id } : {}) } });
      const who = await parties(businessId);
      const m = meta(kind, p?.id ?? businessId, who.sample);
      let bytes: Buffer;
      switch (kind) {
        case 'power-of-attorney':
          bytes = await renderPowerOfAttorney({
            ...who,
            ...m,
            programme: { title: p!.title, agency: p!.executingAgency, periodEnd: date(p!.periodEnd), applyUrl: p!.applyUrl },
          });
          break;
        case 'summary': {
          const [checklist, events] = await Promise.all([deps.documents.checklist(actor, p!.id), repo.events(db, p!.id)]);
          bytes = await renderSummary({
            ...who,
            ...m,
            programme: {
              title: p!.title,
              agency: p!.executingAgency,
              ministry: p!.ministry,
              periodEnd: date(p!.periodEnd),
              periodRaw: p!.periodRaw,
              applyUrl: p!.applyUrl,
              benefitMax: p!.benefitMaxAmount === null ? null : formatWon(Number(p!.benefitMaxAmount), 'ko'),
            },
            status: t(`participations.status.${p!.status}`),
            submittedOn: date(p!.submittedOn),
            facts: [['연락처', who.business.phone]],
            checklist: checklist.map((c) => ({
              name: c.name ?? c.code,
              state: t(`documents.status.${c.status}`),
              validUntil: c.validUntil ? `${date(c.validUntil)}까지` : c.document ? '기한 없음' : null,
              note: c.document ? (c.reused ? '이미 있는 서류' : null) : '준비 필요',
            })),
            events: events.map((e) => ({
              on: formatDate(e.at, 'ko'),
              text: `${e.fromStatus ? `${t(`participations.status.${e.fromStatus}`)} → ` : ''}${t(`participations.status.${e.toStatus}`)}${e.reason ? ` (${e.reason})` : ''}`,
            })),
          });
          break;
        }
        case 'consent': {
          const consents = await repo.activeConsents(db, businessId);
          const texts: ConsentText[] = [];
          const recorded: { kind: ConsentKind; version: string; givenOn: string; method: string }[] = [];
          for (const k of ['collection', 'third_party'] as const) {
            const c = consents.find((x) => x.kind === k);
            // Exactly the wording of the version recorded; the version in force for a blank form.
            const version = c?.textVersion ?? CONSENT_TEXT_VERSION[k];
            const text = consentText(k, version);
            if (!text) throw new Error(`consent text ${k} ${version} is not kept in src/domain/consent-texts.ts`);
            texts.push(text);
            if (c) recorded.push({ kind: k, version, givenOn: formatDate(c.givenOn, 'ko'), method: t(`businesses.consentMethod.${c.method}`) });
          }
          bytes = await renderConsent({ ...who, ...m, texts, recorded });
          break;
        }
        case 'handout': {
          const e = await deps.eligibility.evaluateBusiness(businessId);
          // The handout is for applying: a notice whose application period has ended is left out.
          const today = kstDate(now());
          const open = (key: string) => {
            const end = e.info.get(key)?.periodEnd;
            return !end || end >= today;
          };
          const unknown = e.result.results.filter((r) => r.verdict === 'unknown' && open(r.programmeKey));
          // In the owner's language (issue 13 §4): the one asked for, else hers, else Korean.
          const lang = isLocale(opts.language) ? opts.language : ((await repo.ownerLanguage(db, businessId)) ?? 'ko');
          const tl = translator(lang);
          const day = (d: string | null | undefined) => (d ? formatDate(d, lang) : null);
          bytes = await renderHandout({
            ...who,
            ...m,
            t: tl,
            lang,
            asOf: formatDate(kstDate(now()), lang),
            eligible: e.result.results
              .filter((r) => r.verdict === 'eligible' && open(r.programmeKey))
              .map((r) => ({ title: r.title, agency: null, until: day(e.info.get(r.programmeKey)?.periodEnd), why: r.summary ?? null })),
            needMore: unknown.map((r) => ({
              title: r.title,
              until: day(e.info.get(r.programmeKey)?.periodEnd),
              // The self-check's words for the facts, translated (FACT_LABELS are the Korean ones).
              ask: tl('handout.tellUs', { facts: r.missing.map((f) => (lang === 'ko' ? (FACT_LABELS[f] ?? f) : tl(`check.fact.${f}`))).join(', ') }),
            })),
            unreviewed: e.pending.length,
          });
          break;
        }
      }
      return { fileName: `${FILE_NAME[kind]}_${who.business.name}.pdf`, bytes };
    },

    /**
     * The scan of a signed 위임장 (for a participation) or 동의서 (for the consent in force) uploaded
     * back: PDF/JPG/PNG by content, ≤ 10 MB, SHA-256 kept, linked to its record; every problem at once.
     */
    async uploadSigned(actor: Actor | null, businessId: string, raw: Record<string, unknown>, file: File | null, reqMeta: RequestMeta) {
      await gate.check(db, actor, businessId, 'write');
      const issues: FieldIssue[] = [];
      let input: SignedPaperInput | null = null;
      try {
        input = parseInput(SignedPaperInput, raw);
      } catch (e) {
        if (!(e instanceof InvalidError)) throw e;
        issues.push(...e.issues);
      }
      let participationId: string | null = null;
      let consentId: string | null = null;
      if (input?.kind === 'power_of_attorney') {
        const p = input.participationId ? await repo.participation(db, input.participationId) : undefined;
        if (!p || p.businessId !== businessId) issues.push({ path: 'participationId', messageKey: 'papers.participationRequired' });
        else participationId = p.id;
      } else if (input?.kind === 'consent') {
        const active = await repo.activeConsents(db, businessId);
        consentId = active.find((c) => c.kind === 'collection')?.id ?? active[0]?.id ?? null;
        if (!consentId) issues.push({ path: 'kind', messageKey: 'papers.noConsent' });
      }
      const checked = await checkUploadedFile(file);
      if (!checked.ok) issues.push(...checked.issues);
      const bytes = checked.ok ? checked.bytes : null;
      const mediaType = checked.ok ? checked.mediaType : null;
      if (issues.length || !input || !bytes || !mediaType || !file) throw new InvalidError('validation.summary', issues.length ? issues : [{ path: 'file', messageKey: 'documents.fileRequired' }]);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const kind: SignedPaperKind = input.kind;
      const docNo = input.docNo ?? null;
      const fileName = safeFileName(file.name, mediaType);
      return db.transaction().execute(async (trx) => {
        const f = await repo.insertScan(trx, { businessId, fileName, mediaType: mediaType, sizeBytes: bytes.length, sha256, content: bytes, uploadedBy: actor!.userId });
        const s = await repo.insertSigned(trx, { businessId, kind, participationId, consentId, fileId: f.id, docNo, uploadedBy: actor!.userId });
        await gate.business(trx, actor, reqMeta, {
          id: businessId,
          mode: 'write',
          action: 'create',
          detail: { signedPaper: s.id, kind, participationId, consentId, fileId: f.id, sha256, bytes: bytes.length, mediaType },
        });
        return { id: s.id, fileId: f.id, participationId };
      });
    },

    /** May this person upload a signed scan for the business (the form is shown only then)? */
    async assertCanUpload(actor: Actor | null, businessId: string) {
      await gate.check(db, actor, businessId, 'write');
    },

    /** Whether the upload link is offered (the business's page is already in the actor's read scope). */
    async canUpload(actor: Actor | null, businessId: string): Promise<boolean> {
      try {
        await gate.check(db, actor, businessId, 'write');
        return true;
      } catch (e) {
        if (e instanceof ForbiddenError) return false;
        throw e;
      }
    },

    /** The signed scans of a business, for its page (the page records the view). */
    async signedOf(actor: Actor | null, businessId: string) {
      await gate.check(db, actor, businessId, 'read');
      return repo.signedOf(db, businessId);
    },
  };
}
export type PapersService = ReturnType<typeof createPapersService>;
