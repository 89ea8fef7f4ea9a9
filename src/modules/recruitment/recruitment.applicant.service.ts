import { createHash } from 'node:crypto';
import type { Db } from '../../db/db.ts';
import type { Applicant, RecruitmentRound } from '../../db/schema.ts';
import { MAX_FILE_BYTES, MAX_FILES_PER_APPLICATION, safeFileName, sniffMediaType, type MediaType } from '../../domain/recruitment/files.ts';
import { screen } from '../../domain/recruitment/screening.ts';
import { ConflictError, InvalidError, NotFoundError } from '../../errors.ts';
import { parseInput, refuseRrn } from '../../validation.ts';
import type { RequestMeta } from '../audit/audit.service.ts';
import { randomToken, sha256 } from '../auth/auth.crypto.ts';
import {
  accessCode,
  APPLICANT_SESSION_MINUTES,
  applicantView,
  CODE_LOCK_MINUTES,
  CODE_MAX_FAILURES,
  codeHash,
  CONSENT_VERSION,
  phaseOf,
  receiptNumber,
  roundConfig,
  type RecruitmentCore,
  type RecruitmentDeps,
  type RoundConfig,
} from './recruitment.core.ts';
import { invalid, parseDraftForm, parseNoRrn, submissionIssues } from './recruitment.forms.ts';
import { ReasonInput, ResumeInput, StartInput } from './recruitment.schemas.ts';
import { addMonthsClamped } from '../../domain/eligibility/eligibility.dates.ts';
import { formatDateTime, formatMonthDay } from '../../domain/format.ts';
import { endOfKstDay, kstDate } from '../../domain/korean-time.ts';

/** What one post of the application form did (the page's notice, or the status page if already submitted). */
export type ApplicationOutcome = 'status' | 'saved' | 'deleted' | 'uploaded' | 'noFile' | 'submitted';

/** One post of the application form: the typed fields, and at most one certificate to add or to delete. */
export interface ApplicationPost {
  values: Record<string, unknown>;
  file: File | null;
  deleteFileId: number | null;
  intent: 'save' | 'upload' | 'submit';
}

/** A certificate checked before anything is written. */
interface CheckedFile {
  documentCode: string;
  fileName: string;
  mediaType: MediaType;
  bytes: Buffer;
  sha256: string;
}

/**
 * The applicant's portal (no account): the public notices, starting an application with consent
 * and a code, resuming it with the contact and the code, the draft with its certificates and its
 * submission (automatic screening, receipt number), and declining a place.
 */
export function createRecruitmentApplicantService(deps: RecruitmentDeps & { core: RecruitmentCore }) {
  const { db, repo, audit, core, now } = deps;

  async function newSession(trx: Db, applicantId: number): Promise<string> {
    const token = randomToken();
    await repo.updateApplicant(trx, applicantId, {
      sessionHash: sha256(token),
      sessionExpiresAt: new Date(now().getTime() + APPLICANT_SESSION_MINUTES * 60_000),
      codeFailures: 0,
      codeLockedUntil: null,
    });
    return token;
  }

  async function applicantBySession(token: string | undefined | null) {
    if (!token || token.length < 20) return null;
    return (await repo.findApplicantBySession(db, sha256(token), now())) ?? null;
  }

  /** A certificate: PDF/JPG/PNG by content, at most 5 MB, one of the round's documents, SHA-256 kept. */
  async function checkFile(config: RoundConfig, documentCode: unknown, file: unknown): Promise<CheckedFile> {
    const code = typeof documentCode === 'string' ? documentCode : '';
    if (!config.documents.some((d) => d.code === code)) invalid([{ path: 'documentCode', messageKey: 'recruitment.documentChoose' }]);
    if (!(file instanceof File) || file.size === 0) invalid([{ path: 'file', messageKey: 'recruitment.fileRequired' }]);
    if (file.size > MAX_FILE_BYTES) invalid([{ path: 'file', messageKey: 'recruitment.fileTooLarge' }]);
    const bytes = Buffer.from(await file.arrayBuffer());
    const type = sniffMediaType(bytes);
    if (!type) invalid([{ path: 'file', messageKey: 'recruitment.fileType' }]);
    refuseRrn({ file: file.name });
    const hash = createHash('sha256').update(bytes).digest('hex');
    return { documentCode: code, fileName: safeFileName(file.name, type), mediaType: type, bytes, sha256: hash };
  }

  async function addFile(trx: Db, a: Applicant, f: CheckedFile, meta: RequestMeta) {
    if ((await repo.listFiles(trx, a.id)).length >= MAX_FILES_PER_APPLICATION)
      invalid([{ path: 'file', messageKey: 'recruitment.tooManyFiles' }]);
    const row = await repo.insertFile(trx, {
      applicantId: a.id,
      documentCode: f.documentCode,
      fileName: f.fileName,
      mediaType: f.mediaType,
      sizeBytes: f.bytes.length,
      sha256: f.sha256,
      content: f.bytes,
    });
    await audit.record(trx, meta, {
      action: 'recruitment.file.upload',
      actorLogin: 'applicant',
      subjectType: 'applicant',
      subjectId: String(a.id),
      detail: { fileId: row.id, sha256: f.sha256, bytes: f.bytes.length, type: f.mediaType },
    });
  }

  async function removeFile(trx: Db, a: Applicant, fileId: number, meta: RequestMeta) {
    const row = await repo.deleteFile(trx, a.id, fileId);
    if (!row) throw new NotFoundError();
    await audit.record(trx, meta, {
      action: 'recruitment.file.delete',
      actorLogin: 'applicant',
      subjectType: 'applicant',
      subjectId: String(a.id),
      detail: { fileId },
    });
  }

  /** Submission: every required field, answer and certificate present → screening and a receipt number. */
  async function submit(
    trx: Db,
    a: Applicant,
    round: RecruitmentRound,
    post: ApplicationPost,
    answers: Record<string, string>,
    meta: RequestMeta,
  ) {
    const config = roundConfig(round);
    const issues = submissionIssues(post.values, config, answers, await repo.listFiles(trx, a.id));
    if (issues.length) invalid(issues);
    const screening = screen(config.questions, answers);
    const receiptNo = receiptNumber(round.id, await repo.nextReceiptSeq(trx, round.id));
    const eligible = screening.verdict === 'eligible' ? true : screening.verdict === 'ineligible' ? false : null;
    const saved = await repo.updateApplicantVersioned(trx, a.id, a.version, {
      status: 'submitted',
      receiptNo,
      submittedAt: now(),
      screening: JSON.stringify(screening),
      eligible,
      // The code now opens the status page until the data is destroyed.
      codeExpiresAt: endOfKstDay(a.retainUntil),
    });
    if (!saved) throw new ConflictError('error.conflictReload');
    await core.logDecision(trx, meta, {
      applicantId: a.id,
      action: 'submitted',
      auditAction: 'recruitment.apply.submit',
      actor: null,
      detail: { receiptNo },
    });
    await core.logDecision(trx, meta, {
      applicantId: a.id,
      action: 'screened',
      auditAction: 'recruitment.apply.submit',
      actor: null,
      reason: 'recruitment.autoScreening',
      detail: { verdict: screening.verdict, failed: screening.results.filter((r) => r.outcome !== 'pass').map((r) => r.code) },
    });
    await core.notifyApplicant(trx, a, 'recruitment.received', { name: a.name, roundTitle: round.title, receiptNo });
  }

  return {
    async publicRounds() {
      const rounds = await repo.listPublishedRounds(db);
      return rounds.map((r) => ({ ...r, phase: phaseOf(r, now()) }));
    },

    async publicRound(id: number) {
      const round = Number.isInteger(id) && id > 0 ? await repo.findRound(db, id) : undefined;
      if (!round || !round.published) throw new NotFoundError();
      const quotas = await repo.quotas(db, id);
      return { round, config: roundConfig(round), quotas, phase: phaseOf(round, now()) };
    },

    /**
     * Starts an application: consent recorded with its version and the retention period, a code
     * sent to the applicant's contact, a page session returned. One application per contact and
     * round: for a contact that already has one, a fresh code goes to that contact instead.
     */
    async startApplication(
      roundId: number,
      raw: unknown,
      meta: RequestMeta,
    ): Promise<{ kind: 'started'; sessionToken: string } | { kind: 'codeResent' }> {
      const round = await core.roundOrThrow(db, roundId);
      if (!round.published) throw new NotFoundError();
      core.requireOpen(round);
      const input = parseNoRrn(StartInput, raw);
      const code = accessCode();
      const at = now();
      const expires = round.closesAt;
      const params = {
        name: input.name,
        roundTitle: round.title,
        code,
        expiresAt: formatDateTime(expires, 'ko'),
        expiresShort: formatMonthDay(expires),
      };
      return db.transaction().execute(async (trx) => {
        const same = [
          ...(input.email ? await repo.findByContact(trx, { email: input.email }) : []),
          ...(input.phone ? await repo.findByContact(trx, { phoneDigits: input.phone.replace(/\D/g, '') }) : []),
        ].find((a) => a.roundId === round.id);
        if (same) {
          await repo.updateApplicant(trx, same.id, {
            codeHash: codeHash(code),
            codeExpiresAt: same.status === 'draft' ? expires : same.codeExpiresAt,
          });
          await core.notifyApplicant(trx, same, 'recruitment.code', { ...params, name: same.name });
          await core.logDecision(trx, meta, {
            applicantId: same.id,
            action: 'codeResent',
            auditAction: 'recruitment.apply.access',
            actor: null,
          });
          return { kind: 'codeResent' as const };
        }
        const retainUntil = addMonthsClamped(kstDate(round.closesAt), round.retentionMonths);
        const a = await repo.insertApplicant(trx, {
          roundId: round.id,
          name: input.name,
          email: input.email,
          phone: input.phone,
          consentVersion: CONSENT_VERSION,
          consentedAt: at,
          retainUntil,
          codeHash: codeHash(code),
          codeExpiresAt: expires,
          answers: JSON.stringify({}),
        });
        const sessionToken = await newSession(trx, a.id);
        await core.logDecision(trx, meta, {
          applicantId: a.id,
          action: 'started',
          auditAction: 'recruitment.apply.start',
          actor: null,
          detail: { consentVersion: CONSENT_VERSION, retainUntil },
        });
        await core.notifyApplicant(trx, a, 'recruitment.code', params);
        return { kind: 'started' as const, sessionToken };
      });
    },

    /**
     * Opens an application with the contact (e-mail, phone or receipt number) and the code. Wrong
     * codes count against every application of that contact; 5 lock them for 15 minutes.
     */
    async resume(raw: unknown, meta: RequestMeta): Promise<string> {
      const input = parseInput(ResumeInput, raw);
      const contact = input.contact.trim();
      const at = now();
      const key = /^R\d+-\d{4,}$/i.test(contact)
        ? { receiptNo: contact.toUpperCase() }
        : contact.includes('@')
          ? { email: contact.toLowerCase() }
          : { phoneDigits: contact.replace(/\D/g, '') };
      const token = await db.transaction().execute(async (trx) => {
        const candidates = await repo.findByContact(trx, key);
        const open = candidates.filter((a) => !a.codeLockedUntil || a.codeLockedUntil <= at);
        const hash = codeHash(input.code);
        const match = open.find((a) => a.codeHash === hash && a.codeExpiresAt > at);
        if (!match) {
          // Committed (not thrown inside the transaction): the failures must count.
          await repo.recordCodeFailure(
            trx,
            open.map((a) => a.id),
            CODE_MAX_FAILURES,
            new Date(at.getTime() + CODE_LOCK_MINUTES * 60_000),
          );
          for (const a of open)
            await audit.record(trx, meta, {
              action: 'recruitment.apply.code_failed',
              actorLogin: 'applicant',
              subjectType: 'applicant',
              subjectId: String(a.id),
            });
          return null;
        }
        const t = await newSession(trx, match.id);
        await audit.record(trx, meta, {
          action: 'recruitment.apply.access',
          actorLogin: 'applicant',
          subjectType: 'applicant',
          subjectId: String(match.id),
        });
        return t;
      });
      // One message whatever happened: a wrong code, a lock or an unknown contact look the same.
      if (!token) throw new InvalidError('validation.summary', [{ path: 'code', messageKey: 'recruitment.codeWrong' }]);
      return token;
    },

    /** The application behind a page session, with what its pages need. */
    async myApplication(token: string | undefined | null) {
      const a = await applicantBySession(token);
      if (!a) return null;
      const round = await core.roundOrThrow(db, a.roundId);
      const [files, quotas, municipalities] = await Promise.all([
        repo.listFiles(db, a.id),
        repo.quotas(db, round.id),
        repo.gyeonggiMunicipalities(db),
      ]);
      return {
        applicant: applicantView(a),
        round,
        config: roundConfig(round),
        files,
        quotas,
        municipalities,
        phase: phaseOf(round, now()),
      };
    },

    async endSession(token: string | undefined | null) {
      const a = await applicantBySession(token);
      if (a) await repo.updateApplicant(db, a.id, { sessionHash: null, sessionExpiresAt: null });
    },

    /**
     * One post of the application form, in ONE transaction: the draft is saved, then a certificate
     * is deleted, or added and, when asked, the application submitted. Everything is checked that can
     * be before writing; a refusal at any later step (too many files, a missing answer or certificate
     * at submission, a concurrent change) rolls the whole post back, so nothing is left half-written.
     * The page keeps what was typed either way.
     */
    async updateApplication(token: string | undefined | null, post: ApplicationPost, meta: RequestMeta): Promise<ApplicationOutcome> {
      const a = await applicantBySession(token);
      if (!a) throw new NotFoundError('recruitment.sessionEnded');
      if (a.status !== 'draft') return 'status';
      const round = await core.roundOrThrow(db, a.roundId);
      core.requireOpen(round);
      const config = roundConfig(round);
      const { draft, answers, issues } = parseDraftForm(post.values, config, await repo.quotas(db, round.id));
      if (issues.length) invalid(issues);
      const upload = post.deleteFileId === null && post.file ? await checkFile(config, post.values.documentCode, post.file) : null;
      return db.transaction().execute(async (trx) => {
        const saved = await repo.updateApplicantVersioned(trx, a.id, a.version, {
          officeId: draft.officeId,
          careerSummary: draft.careerSummary,
          motivation: draft.motivation,
          answers: JSON.stringify(answers),
          sessionExpiresAt: new Date(now().getTime() + APPLICANT_SESSION_MINUTES * 60_000),
        });
        if (!saved) throw new ConflictError('error.conflictReload');
        await audit.record(trx, meta, {
          action: 'recruitment.apply.save',
          actorLogin: 'applicant',
          subjectType: 'applicant',
          subjectId: String(a.id),
        });
        if (post.deleteFileId !== null) {
          await removeFile(trx, saved, post.deleteFileId, meta);
          return 'deleted';
        }
        if (upload) await addFile(trx, saved, upload, meta);
        if (post.intent === 'submit') {
          await submit(trx, saved, round, post, answers, meta);
          return 'submitted';
        }
        return upload ? 'uploaded' : post.intent === 'upload' ? 'noFile' : 'saved';
      });
    },

    /** The applicant says they will not take part (selected or on the waiting list). */
    async declineByApplicant(token: string | undefined | null, raw: unknown, meta: RequestMeta) {
      const a = await applicantBySession(token);
      if (!a) throw new NotFoundError('recruitment.sessionEnded');
      const input = parseNoRrn(ReasonInput, raw);
      return db.transaction().execute((trx) => core.declineWithin(trx, a, null, input.reason, meta));
    },
  };
}
export type RecruitmentApplicantService = ReturnType<typeof createRecruitmentApplicantService>;
