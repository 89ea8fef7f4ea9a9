import { memoizedRead } from '../../request-memo.ts';
import type { AccessAction } from '../../db/schema.ts';
import type { Db } from '../../db/db.ts';
import { scopeOf, scopePermits, type BusinessScope, type BusinessScopeRow, type ScopeMode } from '../../domain/scope.ts';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../errors.ts';
import type { RequestMeta } from '../audit/audit.service.ts';
import { authorize, type Actor, type Permission } from '../auth/auth.policy.ts';
import type { AccessLogInput, AccessLogRepository } from './access-log.repository.ts';

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

/** At most this many records in one batch (one call, one commit). */
const BATCH_MAX = 200;

/**
 * Group commit of the records written outside a transaction (views, lists, exports): the first
 * record is written at once; those that arrive while it is being written wait and go together in
 * the next call, and so on. Each caller's promise settles when its own record is committed (or
 * failed), so a page is never answered before the record of its view is kept. The chain's lock is
 * held until each commit, so one record per commit capped the whole service at one commit's time
 * per view (migration 20261209000000_access_append_many.sql); a batch takes the same time.
 * A failed batch is written again one record at a time, so one bad record fails only its own request.
 */
function createAppendBatcher(repo: AccessLogRepository) {
  type Waiting = { e: AccessLogInput; resolve: () => void; reject: (err: unknown) => void };
  const queues = new WeakMap<Db, { waiting: Waiting[]; busy: boolean }>();
  async function drain(db: Db, q: { waiting: Waiting[]; busy: boolean }) {
    while (q.waiting.length) {
      const batch = q.waiting.splice(0, BATCH_MAX);
      try {
        if (batch.length === 1) await repo.append(db, batch[0]!.e);
        else
          await repo.appendMany(
            db,
            batch.map((w) => w.e),
          );
        for (const w of batch) w.resolve();
      } catch (err) {
        if (batch.length === 1) batch[0]!.reject(err);
        else for (const w of batch) await repo.append(db, w.e).then(w.resolve, w.reject);
      }
    }
    q.busy = false;
  }
  return (db: Db, e: AccessLogInput) =>
    new Promise<void>((resolve, reject) => {
      let q = queues.get(db);
      if (!q) queues.set(db, (q = { waiting: [], busy: false }));
      q.waiting.push({ e, resolve, reject });
      if (!q.busy) {
        q.busy = true;
        void drain(db, q);
      }
    });
}

export function createPersonalDataGate(deps: { repo: AccessLogRepository; now: () => Date }) {
  const batched = createAppendBatcher(deps.repo);
  /**
   * The one place that writes 접속기록: in the caller's transaction when it has one (the change and
   * its record commit together), otherwise with the other records of the moment (`createAppendBatcher`).
   */
  async function append(db: Db, actor: Who, meta: RequestMeta, e: AccessLogEvent): Promise<void> {
    const at = deps.now();
    const retainUntil = new Date(at);
    retainUntil.setFullYear(retainUntil.getFullYear() + ACCESS_LOG_RETENTION_YEARS);
    const write = db.isTransaction ? (x: Db, r: AccessLogInput) => deps.repo.append(x, r) : batched;
    await write(db, {
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

  async function check(
    db: Db,
    actor: Actor | null | undefined,
    businessId: string,
    mode: ScopeMode,
    read?: BusinessScopeRow & { id: string },
  ): Promise<BusinessScopeRow & { id: string }> {
    if (!actor) throw new UnauthenticatedError();
    if (!/^[0-9a-f-]{36}$/i.test(businessId)) throw new NotFoundError();
    // A page asks for the same business's scope from several of its sections (the business page:
    // eight times); in a read-only request, outside a transaction, the first answer stands — also
    // one the caller read with its own query (`read`, e.g. with the page's fingerprint).
    const scopeRow = read && read.id === businessId ? async () => read : () => deps.repo.scopeRow(db, businessId);
    const b = db.isTransaction ? await scopeRow() : await memoizedRead(`scope:${businessId}`, scopeRow);
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
      e: {
        id: string;
        mode: ScopeMode;
        action: AccessAction;
        reason?: string | null;
        detail?: Record<string, unknown>;
        /** The business's scope columns when the caller has just read them (one query fewer). */
        row?: BusinessScopeRow & { id: string };
      },
    ): Promise<BusinessScopeRow & { id: string }> {
      const b = await check(db, actor, e.id, e.mode, e.row);
      await append(db, actor!, meta, { subjectType: 'business', subjectId: b.id, action: e.action, reason: e.reason, detail: e.detail });
      return b;
    },

    async list<T>(
      db: Db,
      actor: Actor | null | undefined,
      meta: RequestMeta,
      e: AccessLogEvent & {
        permission: Permission;
        count?: (rows: readonly unknown[]) => number;
        /**
         * A list that came back empty showed no one, so it leaves no record (a 접속기록 names whose
         * data was processed, 안전성 확보조치 기준 §8): for a card on a page seen all day, mostly
         * empty (the clerk home's data requests). Exports and searches are recorded even when empty.
         */
        recordEmpty?: false;
      },
      fetch: (scope: BusinessScope) => Promise<T[]>,
    ): Promise<T[]> {
      authorize(actor, e.permission);
      const rows = await fetch(scopeOf(actor));
      if (rows.length === 0 && e.recordEmpty === false) return rows;
      await append(db, actor, meta, {
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        action: e.action,
        reason: e.reason,
        detail: { count: e.count ? e.count(rows) : rows.length, ...e.detail },
      });
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
