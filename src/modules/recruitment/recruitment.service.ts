import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Applicant, DB, RecruitmentRound } from '../../db/schema.ts';
import { MAX_FILE_BYTES, MAX_FILES_PER_APPLICATION, safeFileName, sniffMediaType } from '../../domain/recruitment/files.ts';
import { fieldsWithRrn } from '../../domain/identifiers.ts';
import { applyDecline, selectByOffice, TIE_RULE, type Candidate, type OfficeSelection } from '../../domain/recruitment/ranking.ts';
import { summarize, weightsValid, type Criterion, type Review, type ScoreSummary, type Stage } from '../../domain/recruitment/scoring.ts';
import { OUTSIDE_GYEONGGI, screen, validQuestions, type Question, type Screening } from '../../domain/recruitment/screening.ts';
import { ConflictError, InvalidError, NotFoundError, type FieldIssue } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import type { AccessService } from '../access/access.service.ts';
import type { Db } from '../../db/db.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { randomToken, sha256 } from '../auth/auth.crypto.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import { isMobileNumber, type NotificationService } from '../notifications/notifications.service.ts';
import type { TemplateName, TemplateParams } from '../notifications/notifications.templates.ts';
import type { UsersService } from '../users/users.service.ts';
import type { RecruitmentRepository } from './recruitment.repository.ts';
import {
  AssignInput,
  CRITERION_ROWS,
  DraftInput,
  InterviewInput,
  OverrideInput,
  ReasonInput,
  ResumeInput,
  RoundInput,
  scoreSchema,
  StartInput,
  SubmitInput,
} from './recruitment.schemas.ts';
import { addMonths, endOfKstDay, formatDateTime, kstDate, shortDate } from './recruitment.time.ts';

/**
 * 공공사무원 공개 채용 (issue 6): rounds, public applications without an account, automatic
 * screening, 서류·면접 scoring by assigned reviewers, ranking and selection within each office's
 * quota, the waiting list, result notices, and the selected applicant's clerk account.
 *
 * Every decision about an applicant is written, with who and why, to the applicant's decision log
 * (shown to the operator) and to the audit trail, in the same transaction as the change.
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
const codeHash = (code: string) => sha256(`applicant-code:${normalizeCode(code)}`);

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
function applicantView(a: Applicant): ApplicantView {
  const { codeHash: _c, sessionHash: _s, ...rest } = a;
  return rest;
}

/** JSON with object keys sorted (jsonb does not keep the order they were written in). */
function canonicalJson(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sort)
      : x && typeof x === 'object'
        ? Object.fromEntries(
            Object.keys(x)
              .sort()
              .map((k) => [k, sort((x as Record<string, unknown>)[k])]),
          )
        : x;
  return JSON.stringify(sort(v));
}

function invalid(issues: FieldIssue[]): never {
  throw new InvalidError('validation.summary', issues);
}

function rrnIssues(raw: unknown): FieldIssue[] {
  if (!raw || typeof raw !== 'object') return [];
  return fieldsWithRrn(raw as Record<string, unknown>).map((path) => ({ path, messageKey: 'recruitment.rrnRefused' }));
}

/** 주민등록번호 is refused in every free-text field, with a Korean explanation. */
function refuseRrn(raw: unknown) {
  const issues = rrnIssues(raw);
  if (issues.length) invalid(issues);
}

/** Validates with the schema and refuses 주민등록번호, reporting every problem of the form at once. */
function parseNoRrn<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const rrn = rrnIssues(raw);
  try {
    const value = parseInput(schema, raw);
    if (rrn.length) invalid(rrn);
    return value;
  } catch (e) {
    if (!(e instanceof InvalidError) || !rrn.length) throw e;
    invalid([...rrn, ...e.issues.filter((i) => !rrn.some((r) => r.path === i.path))]);
  }
}

/** Parses the round form's criterion rows `c1_name`, `c1_stage`, `c1_weight` … */
/** A form field as text ('' for anything else, e.g. a repeated field). */
function field(raw: Record<string, unknown>, name: string): string {
  const v = raw[name];
  return typeof v === 'string' ? v : '';
}

function parseCriteria(raw: Record<string, unknown>): { criteria: Criterion[]; issues: FieldIssue[] } {
  const criteria: Criterion[] = [];
  const issues: FieldIssue[] = [];
  for (let i = 1; i <= CRITERION_ROWS; i++) {
    const name = field(raw, `c${i}_name`).trim();
    const stage = field(raw, `c${i}_stage`);
    const weightText = field(raw, `c${i}_weight`).trim();
    if (!name && !weightText) continue;
    const weight = Number(weightText);
    if (!name || name.length > 100) issues.push({ path: `c${i}_name`, messageKey: 'recruitment.criterionName' });
    if (stage !== 'document' && stage !== 'interview') issues.push({ path: `c${i}_stage`, messageKey: 'recruitment.stageRequired' });
    if (!Number.isInteger(weight) || weight <= 0 || weight > 100)
      issues.push({ path: `c${i}_weight`, messageKey: 'recruitment.weightRange' });
    criteria.push({ code: `c${i}`, name, stage: stage as Stage, weight });
  }
  if (!issues.length && !weightsValid(criteria)) issues.push({ path: 'c1_weight', messageKey: 'recruitment.weightsSum' });
  return { criteria, issues };
}

function parseQuestions(input: RoundInput): Question[] {
  const qs: Question[] = [];
  if (input.qResidence) qs.push({ code: 'residence', kind: 'residence', text: '경기도에 살고 있습니까? (사는 시·군)' });
  if (input.qCareer) qs.push({ code: 'career', kind: 'min_years', text: '회계·사무 분야 경력은 몇 년입니까?', min: input.qCareerMin });
  if (input.qCareerBreak) qs.push({ code: 'careerBreak', kind: 'yes', text: '경력이 끊긴 적이 있는 여성(경력단절 여성)에 해당합니까?' });
  input.customQuestions
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 10)
    .forEach((text, i) => qs.push({ code: `q${i + 1}`, kind: 'yes', text: text.slice(0, 300) }));
  return qs;
}

function parseDocuments(text: string): DocumentAsk[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 10)
    .map((line, i) => {
      const required = /\(필수\)\s*$|\(required\)\s*$/i.test(line);
      return {
        code: `d${i + 1}`,
        name: line
          .replace(/\((필수|required)\)\s*$/i, '')
          .trim()
          .slice(0, 100),
        required,
      };
    });
}

/** Answers from the form's `a_<question>` fields: short strings, numbers checked for min_years. */
function parseAnswers(
  questions: readonly Question[],
  raw: Record<string, unknown>,
): { answers: Record<string, string>; issues: FieldIssue[] } {
  const answers: Record<string, string> = {};
  const issues: FieldIssue[] = [];
  for (const q of questions) {
    const v = raw[`a_${q.code}`];
    const s = typeof v === 'string' ? v.trim().slice(0, 50) : '';
    if (!s) continue;
    if (q.kind === 'min_years' && !(Number.isFinite(Number(s)) && Number(s) >= 0 && Number(s) <= 60)) {
      issues.push({ path: `a_${q.code}`, messageKey: 'recruitment.yearsFormat' });
      continue;
    }
    if (q.kind === 'yes' && s !== 'yes' && s !== 'no') continue;
    if (q.kind === 'residence' && s !== OUTSIDE_GYEONGGI && !/^\d{5}$/.test(s)) continue;
    answers[q.code] = s;
  }
  return { answers, issues };
}

function reviewsOf(rows: { stage: Stage; scores: unknown }[]): Review[] {
  return rows
    .filter((r) => r.scores && typeof r.scores === 'object')
    .map((r) => ({ stage: r.stage, scores: r.scores as Record<string, number> }));
}

export interface RecruitmentDeps {
  db: Kysely<DB>;
  repo: RecruitmentRepository;
  audit: AuditService;
  notifications: NotificationService;
  users: UsersService;
  /** 접속기록 (안전성 확보조치 기준 §8) of staff viewing or downloading applicants' data. */
  access: Pick<AccessService, 'record'>;
  now: () => Date;
}

export function createRecruitmentService(deps: RecruitmentDeps) {
  const { db, repo, audit, notifications, access, now } = deps;

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

  async function logDecision(
    trx: Db,
    meta: RequestMeta,
    e: {
      applicantId: number;
      action: string;
      auditAction: Parameters<AuditService['record']>[2]['action'];
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

  async function scoreSummaries(roundId: number, criteria: Criterion[]) {
    const rows = await repo.scoredReviews(db, roundId);
    const byApplicant = new Map<number, Review[]>();
    for (const row of rows) {
      if (!row.scores) continue;
      const list = byApplicant.get(row.applicantId) ?? [];
      list.push({ stage: row.stage, scores: row.scores });
      byApplicant.set(row.applicantId, list);
    }
    return (id: number): ScoreSummary => summarize(criteria, byApplicant.get(id) ?? []);
  }

  /** Candidates of a round for the pure ranking (submitted, not withdrawn or declined). */
  async function candidatesOf(round: RecruitmentRound) {
    const config = roundConfig(round);
    const rows = await repo.rankingRows(db, round.id);
    const summary = await scoreSummaries(round.id, config.criteria);
    const active = rows.filter((r) => r.decision !== 'declined' && r.decision !== 'withdrawn');
    const candidates: (Candidate & { name: string; summary: ScoreSummary; eligibleRaw: boolean | null })[] = active.map((r) => {
      const s = summary(r.id);
      return {
        id: r.id,
        officeId: r.officeId ?? 0,
        receiptNo: r.receiptNo ?? '',
        submittedAt: (r.submittedAt ?? new Date(0)).toISOString(),
        eligible: r.eligible === true,
        eligibleRaw: r.eligible,
        total: s.total,
        document: s.document,
        interview: s.interview,
        name: r.name,
        summary: s,
      };
    });
    return { rows, candidates, config };
  }

  async function quotaMap(roundId: number) {
    const quotas = await repo.quotas(db, roundId);
    return { quotas, map: new Map(quotas.map((q) => [q.officeId, q.posts])) };
  }

  /** Decline of a selected (or waiting) applicant; the next on the waiting list moves up. */
  async function declineInternal(trx: Db, applicant: Applicant, actor: Actor | null, reason: string, meta: RequestMeta) {
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

  return {
    // ───────────── public (no account) ─────────────

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
      const round = await roundOrThrow(db, roundId);
      if (!round.published) throw new NotFoundError();
      requireOpen(round);
      const input = parseNoRrn(StartInput, raw);
      const code = accessCode();
      const at = now();
      const expires = round.closesAt;
      const params = {
        name: input.name,
        roundTitle: round.title,
        code,
        expiresAt: formatDateTime(expires, 'ko'),
        expiresShort: shortDate(expires),
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
          await notifyApplicant(trx, same, 'recruitment.code', { ...params, name: same.name });
          await logDecision(trx, meta, {
            applicantId: same.id,
            action: 'codeResent',
            auditAction: 'recruitment.apply.access',
            actor: null,
          });
          return { kind: 'codeResent' as const };
        }
        const retainUntil = addMonths(kstDate(round.closesAt), round.retentionMonths);
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
        await logDecision(trx, meta, {
          applicantId: a.id,
          action: 'started',
          auditAction: 'recruitment.apply.start',
          actor: null,
          detail: { consentVersion: CONSENT_VERSION, retainUntil },
        });
        await notifyApplicant(trx, a, 'recruitment.code', params);
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
      const round = await roundOrThrow(db, a.roundId);
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

    /** Saves the draft (intent `save`) or submits it (intent `submit`): screening and receipt number. */
    async saveApplication(token: string | undefined | null, raw: unknown, intent: 'save' | 'submit', meta: RequestMeta) {
      const a = await applicantBySession(token);
      if (!a) throw new NotFoundError('recruitment.sessionEnded');
      if (a.status !== 'draft') throw new ConflictError('recruitment.alreadySubmitted');
      const round = await roundOrThrow(db, a.roundId);
      requireOpen(round);
      refuseRrn(raw);
      const values = (raw ?? {}) as Record<string, unknown>;
      const config = roundConfig(round);
      const quotas = await repo.quotas(db, round.id);
      const draft = parseInput(DraftInput, raw);
      const { answers, issues } = parseAnswers(config.questions, values);
      if (draft.officeId !== null && !quotas.some((q) => q.officeId === draft.officeId))
        issues.push({ path: 'officeId', messageKey: 'recruitment.officeRequired' });
      let screening: Screening | null = null;
      if (intent === 'submit') {
        const strict = SubmitInput.safeParse(raw);
        if (!strict.success) {
          for (const i of strict.error.issues) {
            const path = String(i.path[0]);
            if (!issues.some((x) => x.path === path))
              issues.push({ path, messageKey: /^[a-z]+\.[A-Za-z0-9_.]+$/.test(i.message) ? i.message : 'validation.required' });
          }
        }
        for (const q of config.questions) {
          if (answers[q.code] === undefined && !issues.some((x) => x.path === `a_${q.code}`))
            issues.push({ path: `a_${q.code}`, messageKey: 'recruitment.answerRequired' });
        }
        const files = await repo.listFiles(db, a.id);
        for (const d of config.documents) {
          if (d.required && !files.some((f) => f.documentCode === d.code))
            issues.push({ path: `file_${d.code}`, messageKey: 'recruitment.documentMissing' });
        }
        if (!issues.length) screening = screen(config.questions, answers);
      }
      if (issues.length) invalid(issues);
      return db.transaction().execute(async (trx) => {
        const patch = {
          officeId: draft.officeId,
          careerSummary: draft.careerSummary,
          motivation: draft.motivation,
          answers: JSON.stringify(answers),
          sessionExpiresAt: new Date(now().getTime() + APPLICANT_SESSION_MINUTES * 60_000),
        };
        if (intent === 'save' || !screening) {
          const saved = await repo.updateApplicantVersioned(trx, a.id, a.version, patch);
          if (!saved) throw new ConflictError('error.conflictReload');
          await audit.record(trx, meta, {
            action: 'recruitment.apply.save',
            actorLogin: 'applicant',
            subjectType: 'applicant',
            subjectId: String(a.id),
          });
          return { submitted: false as const };
        }
        const receiptNo = receiptNumber(round.id, await repo.nextReceiptSeq(trx, round.id));
        const eligible = screening.verdict === 'eligible' ? true : screening.verdict === 'ineligible' ? false : null;
        const saved = await repo.updateApplicantVersioned(trx, a.id, a.version, {
          ...patch,
          status: 'submitted',
          receiptNo,
          submittedAt: now(),
          screening: JSON.stringify(screening),
          eligible,
          // The code now opens the status page until the data is destroyed.
          codeExpiresAt: endOfKstDay(a.retainUntil),
        });
        if (!saved) throw new ConflictError('error.conflictReload');
        await logDecision(trx, meta, {
          applicantId: a.id,
          action: 'submitted',
          auditAction: 'recruitment.apply.submit',
          actor: null,
          detail: { receiptNo },
        });
        await logDecision(trx, meta, {
          applicantId: a.id,
          action: 'screened',
          auditAction: 'recruitment.apply.submit',
          actor: null,
          reason: 'recruitment.autoScreening',
          detail: { verdict: screening.verdict, failed: screening.results.filter((r) => r.outcome !== 'pass').map((r) => r.code) },
        });
        await notifyApplicant(trx, a, 'recruitment.received', { name: a.name, roundTitle: round.title, receiptNo });
        return { submitted: true as const, receiptNo };
      });
    },

    /** A certificate for the application: PDF/JPG/PNG by content, at most 5 MB, SHA-256 kept. */
    async uploadFile(token: string | undefined | null, input: { documentCode: unknown; file: unknown }, meta: RequestMeta) {
      const a = await applicantBySession(token);
      if (!a) throw new NotFoundError('recruitment.sessionEnded');
      if (a.status !== 'draft') throw new ConflictError('recruitment.alreadySubmitted');
      const round = await roundOrThrow(db, a.roundId);
      requireOpen(round);
      const config = roundConfig(round);
      const code = typeof input.documentCode === 'string' ? input.documentCode : '';
      if (!config.documents.some((d) => d.code === code)) invalid([{ path: 'documentCode', messageKey: 'recruitment.documentChoose' }]);
      const file = input.file;
      if (!(file instanceof File) || file.size === 0) invalid([{ path: 'file', messageKey: 'recruitment.fileRequired' }]);
      if (file.size > MAX_FILE_BYTES) invalid([{ path: 'file', messageKey: 'recruitment.fileTooLarge' }]);
      const bytes = Buffer.from(await file.arrayBuffer());
      const type = sniffMediaType(bytes);
      if (!type) invalid([{ path: 'file', messageKey: 'recruitment.fileType' }]);
      if (fieldsWithRrn({ name: file.name }).length) invalid([{ path: 'file', messageKey: 'recruitment.rrnRefused' }]);
      const hash = createHash('sha256').update(bytes).digest('hex');
      return db.transaction().execute(async (trx) => {
        if ((await repo.listFiles(trx, a.id)).length >= MAX_FILES_PER_APPLICATION)
          invalid([{ path: 'file', messageKey: 'recruitment.tooManyFiles' }]);
        const row = await repo.insertFile(trx, {
          applicantId: a.id,
          documentCode: code,
          fileName: safeFileName(file.name, type),
          mediaType: type,
          sizeBytes: bytes.length,
          sha256: hash,
          content: bytes,
        });
        await audit.record(trx, meta, {
          action: 'recruitment.file.upload',
          actorLogin: 'applicant',
          subjectType: 'applicant',
          subjectId: String(a.id),
          detail: { fileId: row.id, sha256: hash, bytes: bytes.length, type },
        });
        return row;
      });
    },

    async deleteFile(token: string | undefined | null, fileId: number, meta: RequestMeta) {
      const a = await applicantBySession(token);
      if (!a) throw new NotFoundError('recruitment.sessionEnded');
      if (a.status !== 'draft') throw new ConflictError('recruitment.alreadySubmitted');
      await db.transaction().execute(async (trx) => {
        const row = await repo.deleteFile(trx, a.id, fileId);
        if (!row) throw new NotFoundError();
        await audit.record(trx, meta, {
          action: 'recruitment.file.delete',
          actorLogin: 'applicant',
          subjectType: 'applicant',
          subjectId: String(a.id),
          detail: { fileId },
        });
      });
    },

    /** The applicant says they will not take part (selected or on the waiting list). */
    async declineByApplicant(token: string | undefined | null, raw: unknown, meta: RequestMeta) {
      const a = await applicantBySession(token);
      if (!a) throw new NotFoundError('recruitment.sessionEnded');
      const input = parseNoRrn(ReasonInput, raw);
      return db.transaction().execute((trx) => declineInternal(trx, a, null, input.reason, meta));
    },

    // ───────────── operator ─────────────

    async listRounds(actor: Actor | null) {
      authorize(actor, 'recruitment.manage');
      const rounds = await repo.listRounds(db);
      return rounds.map((r) => ({ ...r, phase: phaseOf(r, now()) }));
    },

    async roundFormOptions(actor: Actor | null) {
      authorize(actor, 'recruitment.manage');
      return { offices: await repo.activeOffices(db) };
    },

    async getRound(actor: Actor | null, id: number) {
      authorize(actor, 'recruitment.manage');
      const round = await roundOrThrow(db, id);
      const [quotas, reviewers, offices] = await Promise.all([repo.quotas(db, id), repo.reviewerOptions(db), repo.activeOffices(db)]);
      return { round, config: roundConfig(round), quotas, reviewers, offices, phase: phaseOf(round, now()) };
    },

    async saveRound(actor: Actor | null, id: number | null, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'recruitment.manage');
      const values = (raw ?? {}) as Record<string, unknown>;
      const parsed = RoundInput.safeParse(raw);
      const { criteria, issues } = parseCriteria(values);
      const offices = await repo.activeOffices(db);
      const quotas: { officeId: number; posts: number }[] = [];
      for (const o of offices) {
        const v = field(values, `quota_${o.id}`).trim();
        if (v === '') continue;
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 500) issues.push({ path: `quota_${o.id}`, messageKey: 'recruitment.quotaRange' });
        else quotas.push({ officeId: o.id, posts: n });
      }
      if (!quotas.some((q) => q.posts > 0) && !issues.some((i) => i.path.startsWith('quota_')))
        issues.push({ path: `quota_${offices[0]?.id ?? 0}`, messageKey: 'recruitment.quotaNeeded' });
      if (!parsed.success) {
        try {
          parseInput(RoundInput, raw);
        } catch (e) {
          if (e instanceof InvalidError) issues.unshift(...e.issues);
        }
      }
      if (issues.length || !parsed.success) invalid(issues.length ? issues : [{ path: '_form', messageKey: 'validation.invalid' }]);
      const input = parsed.data;
      const questions = parseQuestions(input);
      if (!validQuestions(questions)) invalid([{ path: 'customQuestions', messageKey: 'validation.invalid' }]);
      const documents = parseDocuments(input.documents);
      const row = {
        title: input.title,
        notice: input.notice,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        activityStart: input.activityStart,
        activityEnd: input.activityEnd,
        retentionMonths: input.retentionMonths,
        published: input.published,
        questions: JSON.stringify(questions),
        documents: JSON.stringify(documents),
        criteria: JSON.stringify(criteria),
      };
      return db.transaction().execute(async (trx) => {
        let roundId: number;
        if (id === null) {
          roundId = (await repo.insertRound(trx, { ...row, consentVersion: CONSENT_VERSION, createdBy: actor.userId })).id;
        } else {
          const before = await roundOrThrow(trx, id);
          if (before.selectionDoneAt) throw new ConflictError('recruitment.alreadySelected');
          // jsonb keeps its own key order: compare with keys sorted.
          const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
          if ((await repo.countSubmitted(trx, id)).n > 0 && !same(before.questions, questions))
            throw new ConflictError('recruitment.questionsLocked');
          if ((await repo.countScored(trx, id)).n > 0 && !same(before.criteria, criteria))
            throw new ConflictError('recruitment.criteriaLocked');
          const after = await repo.updateRound(trx, id, input.version, row);
          if (!after) throw new ConflictError('error.conflictReload');
          roundId = id;
        }
        await repo.setQuotas(trx, roundId, quotas);
        await audit.record(trx, meta, {
          action: id === null ? 'recruitment.round.create' : 'recruitment.round.update',
          actor,
          subjectType: 'recruitment_round',
          subjectId: String(roundId),
          detail: { title: input.title, published: input.published, posts: quotas.reduce((s, q) => s + q.posts, 0) },
        });
        return roundId;
      });
    },

    async listApplicants(
      actor: Actor | null,
      roundId: number,
      f: { status?: string; officeId?: number; eligible?: string; decision?: string; q?: string },
      meta: RequestMeta,
    ) {
      authorize(actor, 'recruitment.manage');
      await roundOrThrow(db, roundId);
      const status = ['draft', 'submitted', 'withdrawn'].includes(f.status ?? '') ? f.status : undefined;
      const eligible = f.eligible === 'yes' || f.eligible === 'no' || f.eligible === 'unknown' ? f.eligible : undefined;
      const decision = ['selected', 'waiting', 'rejected', 'declined', 'withdrawn'].includes(f.decision ?? '') ? f.decision : undefined;
      const rows = await repo.listApplicants(db, roundId, {
        status,
        officeId: f.officeId,
        eligible,
        decision,
        q: f.q?.slice(0, 50) || undefined,
      });
      await access.record(db, actor, meta, {
        subjectType: 'applicant_list',
        subjectId: `round:${roundId}`,
        action: 'view',
        detail: { count: rows.length, q: f.q ?? null },
      });
      return rows;
    },

    async getApplicant(actor: Actor | null, id: number, meta: RequestMeta) {
      authorize(actor, 'recruitment.manage');
      const a = await applicantOrThrow(db, id);
      await access.record(db, actor, meta, { subjectType: 'applicant', subjectId: String(id), action: 'view' });
      const round = await roundOrThrow(db, a.roundId);
      const config = roundConfig(round);
      const [files, assignments, events, quotas] = await Promise.all([
        repo.listFiles(db, id),
        repo.assignmentsOfApplicant(db, id),
        repo.events(db, id),
        repo.quotas(db, round.id),
      ]);
      const summary = summarize(config.criteria, reviewsOf(assignments.filter((x) => x.status === 'scored')));
      // A reviewer who has not scored this application yet does not see the others' scores.
      const blind = assignments.some((x) => x.reviewerId === actor.userId && x.status === 'assigned');
      return {
        applicant: applicantView(a),
        round,
        config,
        files,
        assignments: blind ? assignments.map((x) => ({ ...x, scores: null, comment: null })) : assignments,
        blind,
        summary: blind ? null : summary,
        events,
        officeName: quotas.find((q) => q.officeId === a.officeId)?.officeName ?? null,
      };
    },

    async downloadFile(actor: Actor | null, fileId: number, meta: RequestMeta, via?: { assignmentId: number }) {
      authorize(actor, via ? 'recruitment.review' : 'recruitment.manage');
      const file = Number.isInteger(fileId) && fileId > 0 ? await repo.findFile(db, fileId) : undefined;
      if (!file) throw new NotFoundError();
      if (via) {
        const asg = await repo.findAssignment(db, via.assignmentId);
        if (!asg || asg.reviewerId !== actor.userId || asg.status === 'conflict' || asg.applicantId !== file.applicantId)
          throw new NotFoundError();
      }
      await db.transaction().execute(async (trx) => {
        await access.record(trx, actor, meta, {
          subjectType: 'applicant',
          subjectId: String(file.applicantId),
          action: 'download',
          reason: via ? '서류 심사' : '채용 관리',
          detail: { fileId, sha256: file.sha256 },
        });
        await audit.record(trx, meta, {
          action: 'recruitment.file.download',
          actor,
          subjectType: 'applicant',
          subjectId: String(file.applicantId),
          detail: { fileId, sha256: file.sha256, purpose: via ? 'review' : 'recruitment' },
        });
      });
      return file;
    },

    async overrideScreening(actor: Actor | null, id: number, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'recruitment.manage');
      const input = parseInput(OverrideInput, raw);
      const a = await applicantOrThrow(db, id);
      const round = await roundOrThrow(db, a.roundId);
      if (round.selectionDoneAt) throw new ConflictError('recruitment.alreadySelected');
      if (a.status !== 'submitted') throw new ConflictError('recruitment.notSubmitted');
      const eligible = input.eligible === 'yes';
      await db.transaction().execute(async (trx) => {
        const saved = await repo.updateApplicantVersioned(trx, id, a.version, {
          eligible,
          screeningOverride: JSON.stringify({ eligible, reason: input.reason, by: actor.login, at: now().toISOString() }),
        });
        if (!saved) throw new ConflictError('error.conflictReload');
        await logDecision(trx, meta, {
          applicantId: id,
          action: eligible ? 'overrideEligible' : 'overrideIneligible',
          auditAction: 'recruitment.screening.override',
          actor,
          reason: input.reason,
        });
      });
    },

    async assignReviewers(actor: Actor | null, roundId: number, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'recruitment.manage');
      const input = parseInput(AssignInput, raw);
      const round = await roundOrThrow(db, roundId);
      if (round.selectionDoneAt) throw new ConflictError('recruitment.alreadySelected');
      const reviewers = new Set((await repo.reviewerOptions(db)).map((r) => r.id));
      if (!input.reviewers.every((r) => reviewers.has(r))) invalid([{ path: 'reviewers', messageKey: 'recruitment.reviewersRequired' }]);
      const targets = (await repo.rankingRows(db, roundId)).filter(
        (a) => a.eligible === true && (!input.officeId || a.officeId === input.officeId) && a.decision === null,
      );
      if (!targets.length) invalid([{ path: 'officeId', messageKey: 'recruitment.noEligible' }]);
      return db.transaction().execute(async (trx) => {
        const rows = targets.flatMap((a) =>
          input.reviewers.map((reviewerId) => ({ applicantId: a.id, reviewerId, stage: input.stage, assignedBy: actor.userId })),
        );
        const inserted = await repo.assign(trx, rows);
        await audit.record(trx, meta, {
          action: 'recruitment.review.assign',
          actor,
          subjectType: 'recruitment_round',
          subjectId: String(roundId),
          detail: { stage: input.stage, reviewers: input.reviewers, applicants: targets.length, created: inserted.length },
        });
        return { created: inserted.length, applicants: targets.length };
      });
    },

    async scheduleInterview(actor: Actor | null, id: number, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'recruitment.manage');
      const input = parseInput(InterviewInput, raw);
      const a = await applicantOrThrow(db, id);
      const round = await roundOrThrow(db, a.roundId);
      if (round.selectionDoneAt) throw new ConflictError('recruitment.alreadySelected');
      if (a.status !== 'submitted' || a.eligible !== true) throw new ConflictError('recruitment.notEligible');
      await db.transaction().execute(async (trx) => {
        const saved = await repo.updateApplicantVersioned(trx, id, a.version, { interviewAt: input.at, interviewPlace: input.place });
        if (!saved) throw new ConflictError('error.conflictReload');
        await logDecision(trx, meta, {
          applicantId: id,
          action: 'interviewScheduled',
          auditAction: 'recruitment.interview.schedule',
          actor,
          detail: { at: input.at.toISOString(), place: input.place },
        });
        await notifyApplicant(trx, a, 'recruitment.interview', {
          name: a.name,
          roundTitle: round.title,
          receiptNo: a.receiptNo ?? '',
          at: formatDateTime(input.at, 'ko'),
          place: input.place,
        });
      });
    },

    async withdraw(actor: Actor | null, id: number, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'recruitment.manage');
      const input = parseInput(ReasonInput, raw);
      const a = await applicantOrThrow(db, id);
      if (a.status !== 'submitted' || a.clerkUserId) throw new ConflictError('recruitment.notWithdrawable');
      await db.transaction().execute(async (trx) => {
        if (a.decision === 'selected' || a.decision === 'waiting') {
          await declineInternal(trx, a, actor, input.reason, meta);
          return;
        }
        const saved = await repo.updateApplicantVersioned(trx, id, a.version, {
          status: 'withdrawn',
          decision: 'withdrawn',
          decidedAt: now(),
        });
        if (!saved) throw new ConflictError('error.conflictReload');
        await logDecision(trx, meta, {
          applicantId: id,
          action: 'withdrawn',
          auditAction: 'recruitment.withdraw',
          actor,
          reason: input.reason,
        });
      });
    },

    /** Ranking per office with the tie rule, and who is not ranked yet (for the operator to check before selecting). */
    async ranking(actor: Actor | null, roundId: number, meta: RequestMeta) {
      authorize(actor, 'recruitment.manage');
      const round = await roundOrThrow(db, roundId);
      await access.record(db, actor, meta, { subjectType: 'applicant_list', subjectId: `ranking:${roundId}`, action: 'view' });
      const { candidates, config } = await candidatesOf(round);
      const { quotas, map } = await quotaMap(roundId);
      const names = new Map(quotas.map((q) => [q.officeId, q.officeName]));
      const selection = selectByOffice(candidates, map);
      const unscored = candidates.filter((c) => c.eligible && c.total === null);
      const byId = new Map(candidates.map((c) => [c.id, c]));
      return {
        round,
        config,
        tieRule: TIE_RULE,
        unscored,
        offices: selection.map((s: OfficeSelection) => ({
          ...s,
          officeName: names.get(s.officeId) ?? '—',
          selected: s.selected.map((c) => byId.get(c.id)!),
          waiting: s.waiting.map((c) => byId.get(c.id)!),
          notRanked: s.notRanked.map((c) => byId.get(c.id)!),
        })),
        phase: phaseOf(round, now()),
      };
    },

    /**
     * Final selection of a round: per office the top of the ranking up to the quota is selected,
     * the rest of the ranking waits in order, the ineligible are not selected; every applicant gets
     * the result notice. Done once; later changes go through declines.
     */
    async select(actor: Actor | null, roundId: number, meta: RequestMeta) {
      authorize(actor, 'recruitment.manage');
      const round = await roundOrThrow(db, roundId);
      if (round.selectionDoneAt) throw new ConflictError('recruitment.alreadySelected');
      if (phaseOf(round, now()) !== 'closed') throw new ConflictError('recruitment.selectBeforeClose');
      const { candidates } = await candidatesOf(round);
      const unscored = candidates.filter((c) => c.eligible && c.total === null);
      if (unscored.length) throw new ConflictError('recruitment.scoresIncomplete', { n: unscored.length });
      const { map } = await quotaMap(roundId);
      const selection = selectByOffice(candidates, map);
      const counts = { selected: 0, waiting: 0, rejected: 0 };
      await db.transaction().execute(async (trx) => {
        if (!(await repo.markSelectionDone(trx, roundId, now()))) throw new ConflictError('recruitment.alreadySelected');
        for (const office of selection) {
          const decide = async (c: Candidate, decision: 'selected' | 'waiting' | 'rejected', rank: number | null) => {
            const a = await repo.findApplicant(trx, c.id);
            if (!a) return;
            await repo.updateApplicant(trx, a.id, { decision, rank, decidedAt: now(), version: a.version + 1 });
            await logDecision(trx, meta, {
              applicantId: a.id,
              action: decision,
              auditAction: 'recruitment.select',
              actor,
              reason:
                decision === 'rejected'
                  ? c.eligible
                    ? 'recruitment.reasonNotRanked'
                    : 'recruitment.reasonIneligible'
                  : 'recruitment.reasonRank',
              detail: { rank, total: c.total, officeId: office.officeId, quota: office.quota },
            });
            const params = { name: a.name, roundTitle: round.title, receiptNo: a.receiptNo ?? '' };
            if (decision === 'selected') await notifyApplicant(trx, a, 'recruitment.selected', params);
            if (decision === 'waiting')
              await notifyApplicant(trx, a, 'recruitment.waiting', { ...params, position: (rank ?? 0) - office.quota });
            if (decision === 'rejected') await notifyApplicant(trx, a, 'recruitment.rejected', params);
            counts[decision]++;
          };
          let rank = 0;
          for (const c of office.selected) await decide(c, 'selected', ++rank);
          for (const c of office.waiting) await decide(c, 'waiting', ++rank);
          for (const c of office.notRanked) await decide(c, 'rejected', null);
        }
        await audit.record(trx, meta, {
          action: 'recruitment.select',
          actor,
          subjectType: 'recruitment_round',
          subjectId: String(roundId),
          detail: counts,
        });
      });
      return counts;
    },

    async decline(actor: Actor | null, id: number, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'recruitment.manage');
      const input = parseInput(ReasonInput, raw);
      const a = await applicantOrThrow(db, id);
      return db.transaction().execute((trx) => declineInternal(trx, a, actor, input.reason, meta));
    },

    /**
     * A selected applicant becomes a clerk account in their office, in one action: the account
     * (one-time password, must change at first sign-in), the contract for the round's activity
     * period, and the link from the application, in one transaction.
     */
    async hire(actor: Actor | null, id: number, meta: RequestMeta) {
      authorize(actor, 'recruitment.manage');
      const a = await applicantOrThrow(db, id);
      if (a.decision !== 'selected') throw new ConflictError('recruitment.notSelected');
      if (a.clerkUserId) throw new ConflictError('recruitment.alreadyHired');
      const round = await roundOrThrow(db, a.roundId);
      const prepared = await deps.users.prepareAccount(actor, {
        login: `clerk-${(a.receiptNo ?? String(a.id)).toLowerCase()}`,
        displayName: a.name,
        role: 'clerk',
        officeId: a.officeId ?? '',
        email: a.email ?? '',
        phone: a.phone ?? '',
      });
      return db.transaction().execute(async (trx) => {
        const user = await deps.users.createWithin(trx, prepared, meta);
        const linked = await repo.updateApplicantVersioned(trx, a.id, a.version, { clerkUserId: user.id });
        if (!linked) throw new ConflictError('error.conflictReload');
        let contractId: number | null = null;
        if (round.activityStart && round.activityEnd) {
          contractId = (
            await repo.insertContract(trx, {
              clerkId: user.id,
              applicantId: a.id,
              officeId: a.officeId,
              startsOn: round.activityStart,
              endsOn: round.activityEnd,
            })
          ).id;
          await audit.record(trx, meta, {
            action: 'contract.create',
            actor,
            targetUserId: user.id,
            subjectType: 'clerk_contract',
            subjectId: String(contractId),
            detail: { startsOn: round.activityStart, endsOn: round.activityEnd },
          });
        }
        await logDecision(trx, meta, {
          applicantId: a.id,
          action: 'hired',
          auditAction: 'recruitment.hire',
          actor,
          detail: { login: user.login, officeId: a.officeId, contractId },
        });
        return { user, oneTimePassword: prepared.password, contractId };
      });
    },

    /**
     * Destroys applications whose retention period (stated in the consent) has ended
     * (개인정보 보호법 §21): the application, its files, reviews and decision log go together.
     * The audit trail keeps only ids. Applicants who became clerks are kept with their account.
     * For a scheduled job (`itda jobs`), not a page.
     */
    async purgeExpired(meta: RequestMeta) {
      return db.transaction().execute(async (trx) => {
        const gone = await repo.deleteExpired(trx, kstDate(now()));
        if (gone.length)
          await audit.record(trx, meta, {
            action: 'recruitment.purge',
            actorLogin: 'itda-job',
            subjectType: 'applicant',
            detail: { deleted: gone.length, rounds: [...new Set(gone.map((g) => g.roundId))] },
          });
        return gone.length;
      });
    },

    // ───────────── reviewers ─────────────

    async myAssignments(actor: Actor | null) {
      authorize(actor, 'recruitment.review');
      return repo.assignmentsOfReviewer(db, actor.userId);
    },

    /** One of the reviewer's own assignments (anyone else's is "not found"). */
    async getAssignment(actor: Actor | null, id: number, meta: RequestMeta) {
      authorize(actor, 'recruitment.review');
      const asg = Number.isInteger(id) && id > 0 ? await repo.findAssignment(db, id) : undefined;
      if (!asg || asg.reviewerId !== actor.userId || asg.status === 'conflict') throw new NotFoundError();
      await access.record(db, actor, meta, {
        subjectType: 'applicant',
        subjectId: String(asg.applicantId),
        action: 'view',
        detail: { review: asg.stage },
      });
      const a = await applicantOrThrow(db, asg.applicantId);
      const round = await roundOrThrow(db, a.roundId);
      const config = roundConfig(round);
      const [files, quotas] = await Promise.all([repo.listFiles(db, a.id), repo.quotas(db, round.id)]);
      return {
        assignment: asg,
        applicant: applicantView(a),
        round,
        config,
        criteria: config.criteria.filter((c) => c.stage === asg.stage),
        files,
        officeName: quotas.find((q) => q.officeId === a.officeId)?.officeName ?? null,
        locked: round.selectionDoneAt !== null,
      };
    },

    async score(actor: Actor | null, id: number, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'recruitment.review');
      const asg = Number.isInteger(id) && id > 0 ? await repo.findAssignment(db, id) : undefined;
      if (!asg || asg.reviewerId !== actor.userId || asg.status === 'conflict') throw new NotFoundError();
      const a = await applicantOrThrow(db, asg.applicantId);
      const round = await roundOrThrow(db, a.roundId);
      const criteria = roundConfig(round).criteria.filter((c) => c.stage === asg.stage);
      const input = parseInput(scoreSchema(criteria.map((c) => c.code)), raw) as Record<string, unknown> & {
        comment: string | null;
        version: number;
      };
      if (round.selectionDoneAt) throw new ConflictError('recruitment.alreadySelected');
      if (a.status !== 'submitted' || a.eligible !== true) throw new ConflictError('recruitment.notEligible');
      refuseRrn({ comment: input.comment });
      const scores = Object.fromEntries(criteria.map((c) => [c.code, input[`s_${c.code}`] as number]));
      await db.transaction().execute(async (trx) => {
        const saved = await repo.updateAssignment(trx, id, input.version, {
          status: 'scored',
          scores,
          comment: input.comment,
          scoredAt: now(),
        });
        if (!saved) throw new ConflictError('error.conflictReload');
        await logDecision(trx, meta, {
          applicantId: a.id,
          action: 'scored',
          auditAction: 'recruitment.review.score',
          actor,
          detail: { stage: asg.stage, assignmentId: id },
        });
      });
    },

    /** A declared conflict of interest takes the reviewer off the application; their scores no longer count. */
    async declareConflict(actor: Actor | null, id: number, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'recruitment.review');
      const asg = Number.isInteger(id) && id > 0 ? await repo.findAssignment(db, id) : undefined;
      if (!asg || asg.reviewerId !== actor.userId || asg.status === 'conflict') throw new NotFoundError();
      const input = parseInput(ReasonInput, raw);
      const a = await applicantOrThrow(db, asg.applicantId);
      const round = await roundOrThrow(db, a.roundId);
      if (round.selectionDoneAt) throw new ConflictError('recruitment.alreadySelected');
      await db.transaction().execute(async (trx) => {
        const saved = await repo.updateAssignment(trx, id, asg.version, {
          status: 'conflict',
          scores: null,
          comment: null,
          conflictReason: input.reason,
          scoredAt: null,
        });
        if (!saved) throw new ConflictError('error.conflictReload');
        await logDecision(trx, meta, {
          applicantId: a.id,
          action: 'conflictDeclared',
          auditAction: 'recruitment.review.conflict',
          actor,
          reason: input.reason,
          detail: { stage: asg.stage },
        });
      });
    },
  };
}
export type RecruitmentService = ReturnType<typeof createRecruitmentService>;
