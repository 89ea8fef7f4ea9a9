import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/db.ts';
import type { Applicant, DB, RecruitmentRound } from '../../db/schema.ts';
import { applyDecline } from '../../domain/recruitment/ranking.ts';
import type { Criterion, Review, Stage } from '../../domain/recruitment/scoring.ts';
import type { Question } from '../../domain/recruitment/screening.ts';
import { ConflictError, InvalidError, NotFoundError } from '../../errors.ts';
import type { PersonalDataGate } from '../access-log/personal-data.gate.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { sha256 } from '../auth/auth.crypto.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { isMobileNumber, type NotificationService } from '../notifications/notifications.service.ts';
import type { TemplateName, TemplateParams } from '../notifications/notifications.templates.ts';
import type { RecruitmentRepository } from './recruitment.repository.ts';
import { formatDateTime } from '../../domain/format.ts';

/**
 * 공공사무원 공개 채용 (issue 6): what the recruitment services share. The work itself is split by
 * audience: the applicant's portal (recruitment.applicant.service.ts), the operator's rounds and
 * applicants (recruitment.rounds.service.ts), selection and hiring (recruitment.selection.service.ts),
 * the reviewers' scoring (recruitment.reviews.service.ts) and the retention purge
 * (recruitment.retention.service.ts); form parsing is in recruitment.forms.ts.
 *
 * Every decision about an applicant is written, with who and why, to the applicant's decision log
 * (shown to the operator) and to the audit trail, in the same transaction as the change (`logDecision`).
 */

/** Version of the consent text on the application form (개인정보 보호법 §15 ②: purpose, items, retention). */
export const CONSENT_VERSION = 'recruitment-consent-2026-1';
/** Items collected, shown in the consent text (no 주민등록번호, ever). */
export const COLLECTED_ITEMS = ['name', 'contact', 'residence', 'career', 'documents'] as const;

/** An applicant's page session after the code was given (or the application was started). */
export const APPLICANT_SESSION_MINUTES = 60;
/** Wrong codes before the applications of that contact lock for a while (as for staff sign-in). */
export const CODE_MAX_FAILURES = 5;
export const CODE_LOCK_MINUTES = 15;

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // 32 symbols, no 0/O, 1/I/L

/** A readable access code, `XXXX-XXXX` (40 bits; online guessing is limited by the lock above). */
export function accessCode(): string {
  const chars = [...randomBytes(8)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]!);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
export const codeHash = (code: string) => sha256(`applicant-code:${normalizeCode(code)}`);

export interface DocumentAsk {
  code: string;
  name: string;
  required: boolean;
}

export interface RoundConfig {
  questions: Question[];
  documents: DocumentAsk[];
  criteria: Criterion[];
}

export function roundConfig(r: Pick<RecruitmentRound, 'questions' | 'documents' | 'criteria'>): RoundConfig {
  return { questions: r.questions as Question[], documents: r.documents as DocumentAsk[], criteria: r.criteria as Criterion[] };
}

export type Phase = 'before' | 'open' | 'closed';
export function phaseOf(r: Pick<RecruitmentRound, 'opensAt' | 'closesAt'>, now: Date): Phase {
  return now < r.opensAt ? 'before' : now >= r.closesAt ? 'closed' : 'open';
}

export function receiptNumber(roundId: number, seq: number): string {
  return `R${roundId}-${String(seq).padStart(4, '0')}`;
}

/** What the applicant's own page shows (never the hashes). */
export type ApplicantView = Omit<Applicant, 'codeHash' | 'sessionHash'>;
export function applicantView(a: Applicant): ApplicantView {
  const { codeHash: _c, sessionHash: _s, ...rest } = a;
  return rest;
}

export function reviewsOf(rows: { stage: Stage; scores: unknown }[]): Review[] {
  return rows
    .filter((r) => r.scores && typeof r.scores === 'object')
    .map((r) => ({ stage: r.stage, scores: r.scores as Record<string, number> }));
}

/** What every recruitment service is built from (src/compose.ts). */
export interface RecruitmentDeps {
  db: Kysely<DB>;
  repo: RecruitmentRepository;
  audit: AuditService;
  notifications: NotificationService;
  /** 접속기록 (안전성 확보조치 기준 §8) of staff viewing or downloading applicants' data. */
  gate: PersonalDataGate;
  now: () => Date;
}

export type DecisionAuditAction = Parameters<AuditService['record']>[2]['action'];

/** The lookups, checks and records the recruitment services share, bound to their dependencies. */
export function createRecruitmentCore(deps: RecruitmentDeps) {
  const { repo, audit, notifications, now } = deps;

  async function roundOrThrow(dbx: Db, id: number) {
    const r = Number.isInteger(id) && id > 0 ? await repo.findRound(dbx, id) : undefined;
    if (!r) throw new NotFoundError();
    return r;
  }

  async function applicantOrThrow(dbx: Db, id: number) {
    const a = Number.isInteger(id) && id > 0 ? await repo.findApplicant(dbx, id) : undefined;
    if (!a) throw new NotFoundError();
    return a;
  }

  function requireOpen(round: RecruitmentRound) {
    const phase = phaseOf(round, now());
    if (!round.published || phase !== 'open') {
      throw new InvalidError('recruitment.notOpen', [], {
        opens: formatDateTime(round.opensAt, 'ko'),
        closes: formatDateTime(round.closesAt, 'ko'),
      });
    }
  }

  /** Sends a message to the applicant's e-mail and, if it is a mobile number, their phone. */
  async function notifyApplicant(trx: Db, a: Pick<Applicant, 'email' | 'phone'>, template: TemplateName, params: TemplateParams) {
    if (a.email) await notifications.enqueue(trx, { channel: 'email', recipient: a.email, template, locale: 'ko', params });
    if (a.phone && isMobileNumber(a.phone))
      await notifications.enqueue(trx, { channel: 'sms', recipient: a.phone, template, locale: 'ko', params });
  }

  /** One entry of the applicant's decision log and the audit trail, in the caller's transaction. */
  async function logDecision(
    trx: Db,
    meta: RequestMeta,
    e: {
      applicantId: number;
      action: string;
      auditAction: DecisionAuditAction;
      actor: Actor | null;
      reason?: string | null;
      detail?: Record<string, unknown>;
    },
  ) {
    const at = now();
    await repo.addEvent(trx, {
      applicantId: e.applicantId,
      action: e.action,
      reason: e.reason ?? null,
      actorUserId: e.actor?.userId ?? null,
      actorLogin: e.actor?.login ?? 'applicant',
      detail: e.detail,
      at,
    });
    await audit.record(trx, meta, {
      action: e.auditAction,
      actor: e.actor,
      actorLogin: e.actor ? undefined : 'applicant',
      subjectType: 'applicant',
      subjectId: String(e.applicantId),
      detail: { step: e.action, ...(e.reason ? { reason: e.reason } : {}), ...e.detail },
    });
  }

  /**
   * Decline of a selected (or waiting) applicant, by the applicant or the operator; the next on the
   * waiting list of that office moves up and is told. In the caller's transaction.
   */
  async function declineWithin(trx: Db, applicant: Applicant, actor: Actor | null, reason: string, meta: RequestMeta) {
    if (applicant.decision !== 'selected' && applicant.decision !== 'waiting') throw new ConflictError('recruitment.notDeclinable');
    if (applicant.clerkUserId) throw new ConflictError('recruitment.alreadyHired');
    const round = await roundOrThrow(trx, applicant.roundId);
    const officeRows = (await repo.rankingRows(trx, applicant.roundId)).filter((r) => r.officeId === applicant.officeId);
    const byRank = (d: string) =>
      officeRows
        .filter((r) => r.decision === d)
        .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
        .map((r) => r.id);
    const quota = (await repo.quotas(trx, applicant.roundId)).find((q) => q.officeId === applicant.officeId)?.posts ?? 0;
    const after = applyDecline({ quota, selected: byRank('selected'), waiting: byRank('waiting') }, applicant.id);
    const updated = await repo.updateApplicantVersioned(trx, applicant.id, applicant.version, { decision: 'declined', decidedAt: now() });
    if (!updated) throw new ConflictError('error.conflictReload');
    await logDecision(trx, meta, {
      applicantId: applicant.id,
      action: 'declined',
      auditAction: 'recruitment.decline',
      actor,
      reason,
      detail: { from: applicant.decision },
    });
    if (after.promoted !== null) {
      const p = await repo.findApplicant(trx, after.promoted);
      if (p) {
        await repo.updateApplicant(trx, p.id, { decision: 'selected', decidedAt: now(), version: p.version + 1 });
        await logDecision(trx, meta, {
          applicantId: p.id,
          action: 'promoted',
          auditAction: 'recruitment.select',
          actor,
          reason: 'recruitment.promotedReason',
          detail: { after: applicant.receiptNo },
        });
        await notifyApplicant(trx, p, 'recruitment.promoted', { name: p.name, roundTitle: round.title, receiptNo: p.receiptNo ?? '' });
      }
    }
    return { promoted: after.promoted };
  }

  /** 접속기록 and audit of a staff download of an applicant's certificate, in one transaction. */
  async function recordDownload(
    actor: Actor,
    meta: RequestMeta,
    file: { applicantId: number; sha256: string },
    fileId: number,
    purpose: 'review' | 'recruitment',
  ) {
    await deps.db.transaction().execute(async (trx) => {
      await deps.gate.open(trx, actor, meta, {
        permission: purpose === 'review' ? 'recruitment.review' : 'recruitment.manage',
        subjectType: 'applicant',
        subjectId: String(file.applicantId),
        action: 'download',
        reason: purpose === 'review' ? '서류 심사' : '채용 관리',
        detail: { fileId, sha256: file.sha256 },
      });
      await audit.record(trx, meta, {
        action: 'recruitment.file.download',
        actor,
        subjectType: 'applicant',
        subjectId: String(file.applicantId),
        detail: { fileId, sha256: file.sha256, purpose },
      });
    });
  }

  return { roundOrThrow, applicantOrThrow, requireOpen, notifyApplicant, logDecision, declineWithin, recordDownload };
}
export type RecruitmentCore = ReturnType<typeof createRecruitmentCore>;
