import type { RecruitmentRound } from '../../db/schema.ts';
import { selectByOffice, TIE_RULE, type Candidate, type OfficeSelection } from '../../domain/recruitment/ranking.ts';
import { summarize, type Review, type ScoreSummary } from '../../domain/recruitment/scoring.ts';
import { ConflictError } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import type { RequestMeta } from '../audit/audit.service.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import type { UsersService } from '../users/users.service.ts';
import { phaseOf, roundConfig, type RecruitmentCore, type RecruitmentDeps } from './recruitment.core.ts';
import { InterviewInput, OverrideInput, ReasonInput } from './recruitment.schemas.ts';
import { formatDateTime } from '../../domain/format.ts';

/**
 * Selection and hiring (운영기관, `recruitment.manage`): the screening override, interviews,
 * withdrawals, the ranking per office with the tie rule, the final selection within each office's
 * quota and the waiting list, declines (the next one moves up), and the selected applicant's clerk account.
 */
export function createRecruitmentSelectionService(deps: RecruitmentDeps & { core: RecruitmentCore; users: UsersService }) {
  const { db, repo, audit, gate, core, now } = deps;

  async function scoreSummaries(roundId: number, criteria: ReturnType<typeof roundConfig>['criteria']) {
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

  return {
    async overrideScreening(actor: Actor | null, id: number, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'recruitment.manage');
      const input = parseInput(OverrideInput, raw);
      const a = await core.applicantOrThrow(db, id);
      const round = await core.roundOrThrow(db, a.roundId);
      if (round.selectionDoneAt) throw new ConflictError('recruitment.alreadySelected');
      if (a.status !== 'submitted') throw new ConflictError('recruitment.notSubmitted');
      const eligible = input.eligible === 'yes';
      await db.transaction().execute(async (trx) => {
        const saved = await repo.updateApplicantVersioned(trx, id, a.version, {
          eligible,
          screeningOverride: JSON.stringify({ eligible, reason: input.reason, by: actor.login, at: now().toISOString() }),
        });
        if (!saved) throw new ConflictError('error.conflictReload');
        await core.logDecision(trx, meta, {
          applicantId: id,
          action: eligible ? 'overrideEligible' : 'overrideIneligible',
          auditAction: 'recruitment.screening.override',
          actor,
          reason: input.reason,
        });
      });
    },

    async scheduleInterview(actor: Actor | null, id: number, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'recruitment.manage');
      const input = parseInput(InterviewInput, raw);
      const a = await core.applicantOrThrow(db, id);
      const round = await core.roundOrThrow(db, a.roundId);
      if (round.selectionDoneAt) throw new ConflictError('recruitment.alreadySelected');
      if (a.status !== 'submitted' || a.eligible !== true) throw new ConflictError('recruitment.notEligible');
      await db.transaction().execute(async (trx) => {
        const saved = await repo.updateApplicantVersioned(trx, id, a.version, { interviewAt: input.at, interviewPlace: input.place });
        if (!saved) throw new ConflictError('error.conflictReload');
        await core.logDecision(trx, meta, {
          applicantId: id,
          action: 'interviewScheduled',
          auditAction: 'recruitment.interview.schedule',
          actor,
          detail: { at: input.at.toISOString(), place: input.place },
        });
        await core.notifyApplicant(trx, a, 'recruitment.interview', {
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
      const a = await core.applicantOrThrow(db, id);
      if (a.status !== 'submitted' || a.clerkUserId) throw new ConflictError('recruitment.notWithdrawable');
      await db.transaction().execute(async (trx) => {
        if (a.decision === 'selected' || a.decision === 'waiting') {
          await core.declineWithin(trx, a, actor, input.reason, meta);
          return;
        }
        const saved = await repo.updateApplicantVersioned(trx, id, a.version, {
          status: 'withdrawn',
          decision: 'withdrawn',
          decidedAt: now(),
        });
        if (!saved) throw new ConflictError('error.conflictReload');
        await core.logDecision(trx, meta, {
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
      const round = await core.roundOrThrow(db, roundId);
      await gate.open(db, actor, meta, { permission: 'recruitment.manage', subjectType: 'applicant_list', subjectId: `ranking:${roundId}`, action: 'view' });
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
      const round = await core.roundOrThrow(db, roundId);
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
            await core.logDecision(trx, meta, {
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
            if (decision === 'selected') await core.notifyApplicant(trx, a, 'recruitment.selected', params);
            if (decision === 'waiting')
              await core.notifyApplicant(trx, a, 'recruitment.waiting', { ...params, position: (rank ?? 0) - office.quota });
            if (decision === 'rejected') await core.notifyApplicant(trx, a, 'recruitment.rejected', params);
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
      const a = await core.applicantOrThrow(db, id);
      return db.transaction().execute((trx) => core.declineWithin(trx, a, actor, input.reason, meta));
    },

    /**
     * A selected applicant becomes a clerk account in their office, in one action: the account
     * (one-time password, must change at first sign-in), the contract for the round's activity
     * period, and the link from the application, in one transaction.
     */
    async hire(actor: Actor | null, id: number, meta: RequestMeta) {
      authorize(actor, 'recruitment.manage');
      const a = await core.applicantOrThrow(db, id);
      if (a.decision !== 'selected') throw new ConflictError('recruitment.notSelected');
      if (a.clerkUserId) throw new ConflictError('recruitment.alreadyHired');
      const round = await core.roundOrThrow(db, a.roundId);
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
        await core.logDecision(trx, meta, {
          applicantId: a.id,
          action: 'hired',
          auditAction: 'recruitment.hire',
          actor,
          detail: { login: user.login, officeId: a.officeId, contractId },
        });
        return { user, oneTimePassword: prepared.password, contractId };
      });
    },
  };
}
export type RecruitmentSelectionService = ReturnType<typeof createRecruitmentSelectionService>;
