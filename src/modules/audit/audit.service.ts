import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { authorize } from '../auth/auth.policy.ts';
import type { Db } from '../../db/db.ts';
import type { AuditRepository } from './audit.repository.ts';

/** Who asked, from where: passed from the HTTP edge into services. */
export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
  userAgent?: string | null;
}

/**
 * 안전성 확보조치 기준 §5 ②: records of granting, changing and revoking access rights are kept
 * for at least 3 years. Sign-in records are kept as long, which also covers §8's 1–2 years.
 */
export const AUDIT_RETENTION_YEARS = 3;

export type AuditAction =
  | 'outreach.visit_list'
  | 'outreach.visit_outcome'
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.lockout'
  | 'auth.logout'
  | 'auth.password_changed'
  // Second factor (issue 14 §2).
  | 'auth.second_factor_required'
  | 'auth.second_factor_enrolled'
  | 'auth.second_factor_failed'
  | 'auth.second_factor_recovery_used'
  | 'auth.second_factor_reset'
  | 'permission.grant'
  | 'permission.change'
  | 'permission.revoke'
  | 'user.create'
  | 'user.update'
  | 'token.issue'
  | 'token.revoke'
  | 'org.region.update'
  | 'org.office.create'
  | 'org.office.update'
  | 'demo.load'
  | 'programme.draft'
  | 'programme.publish'
  | 'programme.notices.read'
  | 'programme.import'
  | 'recruitment.round.create'
  | 'recruitment.round.update'
  | 'recruitment.apply.start'
  | 'recruitment.apply.save'
  | 'recruitment.apply.submit'
  | 'recruitment.apply.access'
  | 'recruitment.apply.code_failed'
  | 'recruitment.file.upload'
  | 'recruitment.file.delete'
  | 'recruitment.file.download'
  | 'recruitment.screening.override'
  | 'recruitment.review.assign'
  | 'recruitment.review.score'
  | 'recruitment.review.conflict'
  | 'recruitment.interview.schedule'
  | 'recruitment.select'
  | 'recruitment.decline'
  | 'recruitment.withdraw'
  | 'recruitment.hire'
  | 'recruitment.purge'
  | 'training.course.save'
  | 'training.session.create'
  | 'training.enrol'
  | 'training.attendance'
  | 'training.certificate'
  | 'contract.create'
  | 'contract.end'
  | 'employment.consent'
  | 'employment.consent_withdrawn'
  | 'employment.refer'
  | 'employment.session'
  | 'employment.job'
  | 'employment.outcome'
  // Reports, surveys, operations (issue 5).
  | 'report.generate'
  | 'report.download'
  | 'survey.offer'
  | 'survey.sweep'
  | 'operations.handover'
  | 'access_review.signoff'
  // Retention and owners' requests (issue 14 §3).
  | 'retention.run'
  | 'retention.export'
  | 'data_request.decide'
  // Reminders the owner agreed to (issue 13 §2): the consent given and withdrawn.
  | 'reminders.consent'
  | 'reminders.withdraw';

export interface AuditRecord {
  action: AuditAction;
  actor?: Pick<Actor, 'userId' | 'login'> | null;
  actorLogin?: string | null;
  targetUserId?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  detail?: Record<string, unknown>;
}

export function createAuditService(deps: { db: Kysely<DB>; audit: AuditRepository; now: () => Date }) {
  return {
    /** Append an audit row inside the caller's transaction: no change without its record. */
    async record(trx: Db, meta: RequestMeta, r: AuditRecord): Promise<void> {
      const at = deps.now();
      const retainUntil = new Date(at);
      retainUntil.setFullYear(retainUntil.getFullYear() + AUDIT_RETENTION_YEARS);
      await deps.audit.append(trx, {
        at,
        action: r.action,
        actorUserId: r.actor?.userId ?? null,
        actorLogin: r.actor?.login ?? r.actorLogin ?? null,
        targetUserId: r.targetUserId ?? null,
        subjectType: r.subjectType ?? null,
        subjectId: r.subjectId ?? null,
        detail: r.detail,
        ip: meta.ip,
        requestId: meta.requestId,
        retainUntil,
      });
    },

    async list(actor: Actor | null, f: { category?: 'auth' | 'permission' | 'all'; targetUserId?: string; page: number }) {
      authorize(actor, 'audit.read');
      const pageSize = 50;
      const actionPrefix = f.category === 'auth' ? 'auth.' : f.category === 'permission' ? 'permission.' : undefined;
      const rows = await deps.audit.list(deps.db, {
        actionPrefix,
        targetUserId: f.targetUserId,
        limit: pageSize + 1,
        offset: (f.page - 1) * pageSize,
      });
      return { rows: rows.slice(0, pageSize), hasNext: rows.length > pageSize };
    },

    async verifyChain(actor: Actor | null) {
      authorize(actor, 'audit.read');
      return deps.audit.verifyChain(deps.db);
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
