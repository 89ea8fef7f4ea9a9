import type { Db } from '../../db/db.ts';
import type { RequestMeta } from '../audit/audit.service.ts';
import type { RecruitmentDeps } from './recruitment.core.ts';
import { kstDate } from '../../domain/korean-time.ts';

/**
 * The end of an application's life (개인정보 보호법 §21): applications whose retention period, stated
 * in the consent, has ended are destroyed with their files, reviews and decision log. For the job
 * `retention.nightly` (src/jobs/jobs.ts; rule 'applicant.after-round'), not a page.
 */
export function createRecruitmentRetentionService(deps: Pick<RecruitmentDeps, 'db' | 'repo' | 'audit' | 'now'>) {
  const { db, repo, audit, now } = deps;
  /** Inside a transaction the caller holds (the rule 'applicant.after-round' of retention.nightly). */
  async function purgeIn(trx: Db, meta: RequestMeta) {
    const gone = await repo.deleteExpired(trx, kstDate(now()));
    if (gone.length)
      await audit.record(trx, meta, {
        action: 'recruitment.purge',
        actorLogin: 'itda-job',
        subjectType: 'applicant',
        detail: { deleted: gone.length, rounds: [...new Set(gone.map((g) => g.roundId))] },
      });
    return gone.length;
  }
  return {
    /**
     * Destroys the applications past their retention date (Korean calendar day). The audit trail keeps
     * only ids and counts. Applicants who became clerks are kept with their account (repository).
     */
    async purgeExpired(meta: RequestMeta) {
      return db.transaction().execute((trx) => purgeIn(trx, meta));
    },
    purgeIn,
  };
}
export type RecruitmentRetentionService = ReturnType<typeof createRecruitmentRetentionService>;
