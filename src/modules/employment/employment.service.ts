import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { aggregate, figures, type EmployerType, type Outcome, type ReferralFacts } from '../../domain/recruitment/reemployment.ts';
import { ConflictError, InvalidError, NotFoundError } from '../../errors.ts';
import { parseInput, refuseRrn } from '../../validation.ts';
import type { PersonalDataGate } from '../access-log/personal-data.gate.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import { kstDate } from '../../domain/korean-time.ts';
import type { EmploymentRepository } from './employment.repository.ts';
import { ConsentInput, JobInput, OutcomeInput, ReferralInput, SessionInput } from './employment.schemas.ts';

/**
 * 새일센터 연계 after the activity period. The clerk consents first (text version, date, method;
 * 개인정보 보호법 §17: giving data to another body needs its own consent); the operator then refers
 * them to a counsellor, who sees only the clerks referred to them and records counselling, job
 * referrals and the outcome. Withdrawing consent closes the referral and the counsellor loses access.
 */
export const EMPLOYMENT_CONSENT_VERSION = 'saeil-referral-consent-2026-1';

export function createEmploymentService(deps: {
  db: Kysely<DB>;
  repo: EmploymentRepository;
  audit: AuditService;
  /** 접속기록 of staff viewing clerks' employment records. */
  gate: PersonalDataGate;
  now: () => Date;
}) {
  const { db, repo, audit, gate, now } = deps;

  async function factsOf() {
    const rows = await repo.figureRows(db);
    return rows.map((r): ReferralFacts => ({
      referredOn: r.referredOn,
      contractEnd: r.contractEnd ?? null,
      outcome: r.outcome,
      employerType: r.employerType,
      employedOn: r.employedOn,
    }));
  }

  /** A counsellor's own open referral (anyone else's is "not found"). */
  async function ownReferral(actor: Actor, id: number) {
    const r = Number.isInteger(id) && id > 0 ? await repo.findReferral(db, id) : undefined;
    if (!r || r.counsellorId !== actor.userId || r.closedAt) throw new NotFoundError();
    return r;
  }

  return {
    // ── the clerk ──
    async mine(actor: Actor | null) {
      authorize(actor, 'employment.own');
      const [consent, referral] = await Promise.all([repo.activeConsent(db, actor.userId), repo.latestReferralOf(db, actor.userId)]);
      const [sessions, jobs] = referral ? await Promise.all([repo.sessions(db, referral.id), repo.jobs(db, referral.id)]) : [[], []];
      return { consent: consent ?? null, referral: referral ?? null, sessions, jobs };
    },

    async giveConsent(actor: Actor | null, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'employment.own');
      parseInput(ConsentInput, raw);
      await db.transaction().execute(async (trx) => {
        if (await repo.activeConsent(trx, actor.userId)) return;
        const c = await repo.insertConsent(trx, {
          clerkId: actor.userId,
          consentVersion: EMPLOYMENT_CONSENT_VERSION,
          method: 'web',
          givenAt: now(),
        });
        await audit.record(trx, meta, {
          action: 'employment.consent',
          actor,
          targetUserId: actor.userId,
          subjectType: 'employment_consent',
          subjectId: String(c.id),
          detail: { version: EMPLOYMENT_CONSENT_VERSION, method: 'web' },
        });
      });
    },

    async withdrawConsent(actor: Actor | null, meta: RequestMeta) {
      authorize(actor, 'employment.own');
      await db.transaction().execute(async (trx) => {
        const withdrawn = await repo.withdrawConsent(trx, actor.userId, now());
        if (!withdrawn.length) return;
        const closed = await repo.closeOpenReferral(trx, actor.userId, now());
        await audit.record(trx, meta, {
          action: 'employment.consent_withdrawn',
          actor,
          targetUserId: actor.userId,
          detail: { closedReferrals: closed.map((c) => c.id) },
        });
      });
    },

    // ── the operator ──
    async overview(actor: Actor | null, meta: RequestMeta) {
      authorize(actor, 'employment.manage');
      await gate.open(db, actor, meta, { permission: 'employment.manage',  subjectType: 'employment_referral_list', subjectId: 'all', action: 'view' });
      const [referrals, referable, counsellors, facts] = await Promise.all([
        repo.listReferrals(db, {}),
        repo.referable(db),
        repo.counsellors(db),
        factsOf(),
      ]);
      return { referrals, referable, counsellors, figures: figures(facts) };
    },

    async refer(actor: Actor | null, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'employment.manage');
      const input = parseInput(ReferralInput, raw);
      refuseRrn(raw);
      const [clerk, counsellor] = await Promise.all([repo.findUser(db, input.clerkId), repo.findUser(db, input.counsellorId)]);
      if (!clerk || clerk.role !== 'clerk')
        throw new InvalidError('validation.summary', [{ path: 'clerkId', messageKey: 'employment.clerkRequired' }]);
      if (!counsellor || counsellor.role !== 'saeil_counsellor' || !counsellor.active)
        throw new InvalidError('validation.summary', [{ path: 'counsellorId', messageKey: 'employment.counsellorRequired' }]);
      return db.transaction().execute(async (trx) => {
        const consent = await repo.activeConsent(trx, clerk.id);
        if (!consent) throw new InvalidError('validation.summary', [{ path: 'clerkId', messageKey: 'employment.noConsent' }]);
        if (await repo.openReferralOf(trx, clerk.id)) throw new ConflictError('employment.alreadyReferred');
        const r = await repo.insertReferral(trx, {
          clerkId: clerk.id,
          counsellorId: counsellor.id,
          consentId: consent.id,
          referredBy: actor.userId,
          referredOn: kstDate(now()),
          note: input.note,
        });
        await audit.record(trx, meta, {
          action: 'employment.refer',
          actor,
          targetUserId: clerk.id,
          subjectType: 'employment_referral',
          subjectId: String(r.id),
          detail: { counsellorId: counsellor.id, consentId: consent.id },
        });
        return r.id;
      });
    },

    /** Re-employment figures as aggregates: counts below 5 shown as "fewer than 5", derived figures withheld. */
    async aggregateFigures(actor: Actor | null) {
      authorize(actor, 'employment.aggregate');
      return aggregate(figures(await factsOf()));
    },

    // ── the counsellor ──
    async myReferrals(actor: Actor | null) {
      authorize(actor, 'employment.counsel');
      return repo.listReferrals(db, { counsellorId: actor.userId, openOnly: true });
    },

    async referral(actor: Actor | null, id: number, meta: RequestMeta) {
      authorize(actor, 'employment.counsel');
      const r = await ownReferral(actor, id);
      await gate.open(db, actor, meta, { permission: 'employment.counsel',  subjectType: 'employment_referral', subjectId: String(id), action: 'view' });
      const [sessions, jobs] = await Promise.all([repo.sessions(db, id), repo.jobs(db, id)]);
      return { referral: r, sessions, jobs };
    },

    async addSession(actor: Actor | null, id: number, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'employment.counsel');
      const input = parseInput(SessionInput, raw);
      refuseRrn(raw);
      await ownReferral(actor, id);
      await db.transaction().execute(async (trx) => {
        const s = await repo.insertSession(trx, {
          referralId: id,
          heldOn: input.heldOn,
          mode: input.mode,
          summary: input.summary,
          createdBy: actor.userId,
        });
        await audit.record(trx, meta, {
          action: 'employment.session',
          actor,
          subjectType: 'employment_referral',
          subjectId: String(id),
          detail: { sessionId: s.id, mode: input.mode },
        });
      });
    },

    async addJob(actor: Actor | null, id: number, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'employment.counsel');
      const input = parseInput(JobInput, raw);
      refuseRrn(raw);
      await ownReferral(actor, id);
      await db.transaction().execute(async (trx) => {
        const j = await repo.insertJob(trx, {
          referralId: id,
          employer: input.employer,
          jobTitle: input.jobTitle,
          referredOn: input.referredOn,
          result: input.result,
          createdBy: actor.userId,
        });
        await audit.record(trx, meta, {
          action: 'employment.job',
          actor,
          subjectType: 'employment_referral',
          subjectId: String(id),
          detail: { jobId: j.id, result: input.result },
        });
      });
    },

    async recordOutcome(actor: Actor | null, id: number, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'employment.counsel');
      const input = parseInput(OutcomeInput, raw);
      const r = await ownReferral(actor, id);
      const employed = input.outcome === 'employed';
      if (employed && input.employedOn! > kstDate(now()))
        throw new InvalidError('validation.summary', [{ path: 'employedOn', messageKey: 'employment.employedOnFuture' }]);
      await db.transaction().execute(async (trx) => {
        const saved = await repo.recordOutcome(trx, id, input.version, {
          outcome: input.outcome as Outcome,
          employerType: employed ? (input.employerType as EmployerType) : null,
          employedOn: employed ? input.employedOn : null,
          outcomeAt: now(),
        });
        if (!saved) throw new ConflictError('error.conflictReload');
        await audit.record(trx, meta, {
          action: 'employment.outcome',
          actor,
          targetUserId: r.clerkId,
          subjectType: 'employment_referral',
          subjectId: String(id),
          detail: { outcome: input.outcome, employerType: employed ? input.employerType : null },
        });
      });
    },
  };
}
export type EmploymentService = ReturnType<typeof createEmploymentService>;
