import type { AccessAction } from '../../db/schema.ts';
import type { Db } from '../../db/db.ts';
import type { RequestMeta } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.policy.ts';
import type { AccessRepository } from './access.repository.ts';

/**
 * 접속기록 (개인정보의 안전성 확보조치 기준 §8): every view, create, change, delete, print and
 * download of a business's or owner's personal data — account, time, IP, whose data, what.
 * Kept 2 years: the programme will stay under 50,000 data subjects, where 1 year is the minimum,
 * but the province's yearly evaluation looks back over the previous year's full cycle.
 * Downloads and exports carry the reason the user gave.
 */
export const ACCESS_RETENTION_YEARS = 2;

export interface AccessEvent {
  /** 'business' (사업체와 대표자), 'participation', 'document', 'applicant' … */
  subjectType: string;
  subjectId: string;
  action: AccessAction;
  reason?: string | null;
  detail?: Record<string, unknown>;
}

export function createAccessService(deps: { repo: AccessRepository; now: () => Date }) {
  return {
    /** Write inside the caller's transaction when the access is part of a change. */
    async record(db: Db, actor: Pick<Actor, 'userId' | 'login'> | null, meta: RequestMeta, e: AccessEvent): Promise<void> {
      const at = deps.now();
      const retainUntil = new Date(at);
      retainUntil.setFullYear(retainUntil.getFullYear() + ACCESS_RETENTION_YEARS);
      await deps.repo.append(db, {
        at,
        accountId: actor?.userId ?? null,
        accountLogin: actor?.login ?? null,
        ip: meta.ip,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        action: e.action,
        reason: e.reason ?? null,
        detail: e.detail ?? {},
        requestId: meta.requestId,
        retainUntil,
      });
    },
  };
}
export type AccessService = ReturnType<typeof createAccessService>;
