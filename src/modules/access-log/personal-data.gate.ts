import { memoizedRead } from '../../request-memo.ts';
import type { AccessAction } from '../../db/schema.ts';
import type { Db } from '../../db/db.ts';
import { scopeOf, scopePermits, type BusinessScope, type BusinessScopeRow, type ScopeMode } from '../../domain/scope.ts';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../errors.ts';
import type { RequestMeta } from '../audit/audit.service.ts';
import { authorize, type Actor, type Permission } from '../auth/auth.policy.ts';
import type { AccessLogRepository } from './access-log.repository.ts';

/**
 * # The personal-data gate: authorize and record in one step
 *
 * Personal data (a business and its owner, their documents and participations; applicants; clerks
 * named with their figures; the 접속기록 themselves) is reached only through this gate. Each door
 * checks who may pass AND appends the 접속기록 (access log, 개인정보의 안전성 확보조치 기준 §8:
 * account, time, IP, whose data, what was done) in the same call, so a service method cannot get the
 * data without leaving the record. This is the only writer of the access log.
 *
 * Words: "access log" / 접속기록 is the record (this module, table `access_record`); "scope" /
 * "authorize" is the decision (src/domain/scope.ts for businesses, auth.policy.ts for permissions);
 * "access review" is the monthly check of the log (src/modules/operations, 'access.review').
 *
 * Doors:
 * - `business(db, actor, meta, { id, mode, action })` — one business: loads its scope row, checks
 *   the scope policy (404 unknown, 403 outside the scope), records, returns the row. Inside the
 *   caller's transaction when it changes something, so the change and its record commit together.
 * - `list(db, actor, meta, { permission, subjectType, subjectId, action }, fetch)` — a list or an
 *   export in the actor's scope: authorizes, hands the scope to `fetch` (which passes it to the
 *   repository's SQL filter), records with the count.
 * - `open(db, actor, meta, { permission, … })` — other personal data, authorized by a permission.
 * - `byLink(db, meta, …)` — someone without an account who holds a one-time link (the link is the
 *   authorization; the record names the link).
 * - `check(db, actor, id, mode)` — the scope check alone, for a part of a page whose view is
 *   recorded by the page's own door (e.g. the participations listed on a business page).
 *
 * Kept 2 years: the programme will stay under 50,000 data subjects, where 1 year is the minimum,
 * but the province's yearly evaluation looks back over the previous year's full cycle.
 * Downloads and exports carry the reason the user gave.
 */
export const ACCESS_LOG_RETENTION_YEARS = 2;

export interface AccessLogEvent {
  /** 'business' (사업체와 대표자), 'business_list', 'applicant', 'clerk_list', 'access_record' … */
  subjectType: string;
  subjectId: string;
  action: AccessAction;
  reason?: string | null;
  detail?: Record<string, unknown>;
}

type Who = Pick<Actor, 'userId' | 'login'> | null;

export function createPersonalDataGate(deps: { repo: AccessLogRepository; now: () => Date }) {
  /** The one place that writes 접속기록. */
  async function append(db: Db, actor: Who, meta: RequestMeta, e: AccessLogEvent): Promise<void> {
    const at = deps.now();
    const retainUntil = new Date(at);
    retainUntil.setFullYear(retainUntil.getFullYear() + ACCESS_LOG_RETENTION_YEARS);
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
  }

  async function check(db: Db, actor: Actor | null | undefined, businessId: string, mode: ScopeMode): Promise<BusinessScopeRow & { id: string }> {
    if (!actor) throw new UnauthenticatedError();
    if (!/^[0-9a-f-]{36}$/i.test(businessId)) throw new NotFoundError();
    // A page asks for the same business's scope from several of its sections (the business page:
    // eight times); in a read-only request, outside a transaction, the first answer stands.
    const b = db.isTransaction ? await deps.repo.scopeRow(db, businessId) : await memoizedRead(`scope:${businessId}`, () => deps.repo.scopeRow(db, businessId));
    if (!b) throw new NotFoundError();
    if (!scopePermits(scopeOf(actor), b, mode)) throw new ForbiddenError();
    return b;
  }

  return {
    check,

    async business(
      db: Db,
      actor: Actor | null | undefined,
      meta: RequestMeta,
      e: { id: string; mode: ScopeMode; action: AccessAction; reason?: string | null; detail?: Record<string, unknown> },
    ): Promise<BusinessScopeRow & { id: string }> {
      const b = await check(db, actor, e.id, e.mode);
      await append(db, actor!, meta, { subjectType: 'business', subjectId: b.id, action: e.action, reason: e.reason, detail: e.detail });
      return b;
    },

    async list<T>(
      db: Db,
      actor: Actor | null | undefined,
      meta: RequestMeta,
      e: AccessLogEvent & { permission: Permission; count?: (rows: readonly unknown[]) => number },
      fetch: (scope: BusinessScope) => Promise<T[]>,
    ): Promise<T[]> {
      authorize(actor, e.permission);
      const rows = await fetch(scopeOf(actor));
      await append(db, actor, meta, { subjectType: e.subjectType, subjectId: e.subjectId, action: e.action, reason: e.reason, detail: { count: e.count ? e.count(rows) : rows.length, ...e.detail } });
      return rows;
    },

    async open(db: Db, actor: Actor | null | undefined, meta: RequestMeta, e: AccessLogEvent & { permission: Permission }): Promise<void> {
      authorize(actor, e.permission);
      await append(db, actor, meta, e);
    },

    async byLink(db: Db, meta: RequestMeta, e: AccessLogEvent & { link: string }): Promise<void> {
      await append(db, null, meta, { ...e, detail: { ...e.detail, link: e.link } });
    },
  };
}
export type PersonalDataGate = ReturnType<typeof createPersonalDataGate>;
