import type { Db } from '../../db/db.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import type { RequestMeta } from '../audit/audit.service.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import { applicantView, roundConfig, type RecruitmentCore, type RecruitmentDeps } from './recruitment.core.ts';
import { refuseRrn } from './recruitment.forms.ts';
import { ReasonInput, scoreSchema } from './recruitment.schemas.ts';

/**
 * The reviewers' own pages (`recruitment.review`): their assignments, the application and its
 * certificates for the stage they review, scores, and a declared conflict of interest. A reviewer
 * sees only their own assignments; anyone else's is "not found".
 */
export function createRecruitmentReviewsService(deps: RecruitmentDeps & { core: RecruitmentCore }) {
  const { db, repo, gate, core, now } = deps;

  /** One of the reviewer's own, live assignments (anyone else's, or one given up for a conflict, is "not found"). */
  async function ownAssignment(dbx: Db, actor: Actor, id: number) {
    const asg = Number.isInteger(id) && id > 0 ? await repo.findAssignment(dbx, id) : undefined;
    if (!asg || asg.reviewerId !== actor.userId || asg.status === 'conflict') throw new NotFoundError();
    return asg;
  }

  return {
    async myAssignments(actor: Actor | null) {
      authorize(actor, 'recruitment.review');
      return repo.assignmentsOfReviewer(db, actor.userId);
    },

    /** One of the reviewer's own assignments (anyone else's is "not found"). */
    async getAssignment(actor: Actor | null, id: number, meta: RequestMeta) {
      authorize(actor, 'recruitment.review');
      const asg = await ownAssignment(db, actor, id);
      await gate.open(db, actor, meta, {
        permission: 'recruitment.review',
        subjectType: 'applicant',
        subjectId: String(asg.applicantId),
        action: 'view',
        detail: { review: asg.stage },
      });
      const a = await core.applicantOrThrow(db, asg.applicantId);
      const round = await core.roundOrThrow(db, a.roundId);
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

    /** A certificate of an application the reviewer is assigned to (for 서류 심사). */
    async downloadFile(actor: Actor | null, assignmentId: number, fileId: number, meta: RequestMeta) {
      authorize(actor, 'recruitment.review');
      const file = Number.isInteger(fileId) && fileId > 0 ? await repo.findFile(db, fileId) : undefined;
      if (!file) throw new NotFoundError();
      const asg = await repo.findAssignment(db, assignmentId);
      if (!asg || asg.reviewerId !== actor.userId || asg.status === 'conflict' || asg.applicantId !== file.applicantId)
        throw new NotFoundError();
      await core.recordDownload(actor, meta, file, fileId, 'review');
      return file;
    },

    async score(actor: Actor | null, id: number, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'recruitment.review');
      const asg = await ownAssignment(db, actor, id);
      const a = await core.applicantOrThrow(db, asg.applicantId);
      const round = await core.roundOrThrow(db, a.roundId);
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
        await core.logDecision(trx, meta, {
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
      const asg = await ownAssignment(db, actor, id);
      const input = parseInput(ReasonInput, raw);
      const a = await core.applicantOrThrow(db, asg.applicantId);
      const round = await core.roundOrThrow(db, a.roundId);
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
        await core.logDecision(trx, meta, {
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
export type RecruitmentReviewsService = ReturnType<typeof createRecruitmentReviewsService>;
