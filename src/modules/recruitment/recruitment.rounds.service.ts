import { summarize } from '../../domain/recruitment/scoring.ts';
import { validQuestions } from '../../domain/recruitment/screening.ts';
import { ConflictError, InvalidError, NotFoundError } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import type { RequestMeta } from '../audit/audit.service.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import {
  applicantView,
  CONSENT_VERSION,
  phaseOf,
  reviewsOf,
  roundConfig,
  type RecruitmentCore,
  type RecruitmentDeps,
} from './recruitment.core.ts';
import { invalid, parseCriteria, parseDocuments, parseQuestions, parseQuotas } from './recruitment.forms.ts';
import { AssignInput, RoundInput } from './recruitment.schemas.ts';

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

/**
 * The operator's rounds (운영기관, `recruitment.manage`): the round with its notice, questions,
 * documents, criteria and quotas per office; its applicants and their certificates; and who reviews them.
 */
export function createRecruitmentRoundsService(deps: RecruitmentDeps & { core: RecruitmentCore }) {
  const { db, repo, audit, gate, core, now } = deps;

  return {
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
      const round = await core.roundOrThrow(db, id);
      const [quotas, reviewers, offices] = await Promise.all([repo.quotas(db, id), repo.reviewerOptions(db), repo.activeOffices(db)]);
      return { round, config: roundConfig(round), quotas, reviewers, offices, phase: phaseOf(round, now()) };
    },

    async saveRound(actor: Actor | null, id: number | null, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'recruitment.manage');
      const values = (raw ?? {}) as Record<string, unknown>;
      const parsed = RoundInput.safeParse(raw);
      const criteriaForm = parseCriteria(values);
      const criteria = criteriaForm.criteria;
      const quotaForm = parseQuotas(values, await repo.activeOffices(db));
      const quotas = quotaForm.quotas;
      const issues = [...criteriaForm.issues, ...quotaForm.issues];
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
          const before = await core.roundOrThrow(trx, id);
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
      await core.roundOrThrow(db, roundId);
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
      await gate.open(db, actor, meta, {
        permission: 'recruitment.manage',
        subjectType: 'applicant_list',
        subjectId: `round:${roundId}`,
        action: 'view',
        detail: { count: rows.length, q: f.q ?? null },
      });
      return rows;
    },

    async getApplicant(actor: Actor | null, id: number, meta: RequestMeta) {
      authorize(actor, 'recruitment.manage');
      const a = await core.applicantOrThrow(db, id);
      await gate.open(db, actor, meta, { permission: 'recruitment.manage', subjectType: 'applicant', subjectId: String(id), action: 'view' });
      const round = await core.roundOrThrow(db, a.roundId);
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

    /** An applicant's certificate, for managing the recruitment (a reviewer's is `reviews.downloadFile`). */
    async downloadFile(actor: Actor | null, fileId: number, meta: RequestMeta) {
      authorize(actor, 'recruitment.manage');
      const file = Number.isInteger(fileId) && fileId > 0 ? await repo.findFile(db, fileId) : undefined;
      if (!file) throw new NotFoundError();
      await core.recordDownload(actor, meta, file, fileId, 'recruitment');
      return file;
    },

    /** Assigns reviewers to every eligible, undecided applicant of the round (or of one office). */
    async assignReviewers(actor: Actor | null, roundId: number, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'recruitment.manage');
      const input = parseInput(AssignInput, raw);
      const round = await core.roundOrThrow(db, roundId);
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
  };
}
export type RecruitmentRoundsService = ReturnType<typeof createRecruitmentRoundsService>;
