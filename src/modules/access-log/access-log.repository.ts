import { sql } from 'kysely';
import type { AccessAction } from '../../db/schema.ts';
import { firstBrokenLink, stable } from '../../domain/hash-chain.ts';
import type { Db } from '../../db/db.ts';

export interface AccessLogInput {
  at: Date;
  accountId: string | null;
  accountLogin: string | null;
  ip: string | null;
  subjectType: string;
  subjectId: string;
  action: AccessAction;
  reason: string | null;
  detail: Record<string, unknown>;
  requestId: string | null;
  retainUntil: Date;
}

/** The hashed fields of an access record, in chain order (also used by src/modules/audit/chain-check.repository.ts). */
export function accessFields(e: Omit<AccessLogInput, 'retainUntil'>): unknown[] {
  return [e.at.toISOString(), e.accountId, e.accountLogin, e.ip, e.subjectType, e.subjectId, e.action, e.reason, e.detail, e.requestId];
}

/** 접속기록 (access log): the only SQL that writes or reads it. */
export function createAccessLogRepository() {
  return {
    /**
     * One call (migration 20261127200000_access_append.sql): lock, read the chain head, insert with
     * the hash of src/domain/hash-chain.ts. In the caller's transaction when given one, so a change
     * and its access record commit together; otherwise its own, released at once.
     */
    async append(db: Db, e: AccessLogInput): Promise<void> {
      const fieldsJson = JSON.stringify(stable(accessFields(e)));
      await sql`select access_record_append(${e.at.toISOString()}::timestamptz, ${e.accountId}::uuid, ${e.accountLogin}, ${e.ip}, ${e.subjectType}, ${e.subjectId}, ${e.action}, ${e.reason}, ${JSON.stringify(e.detail)}::jsonb, ${e.requestId}, ${e.retainUntil.toISOString()}::timestamptz, ${fieldsJson})`.execute(db);
    },
    /**
     * Several records in one call and one commit (migration 20261209000000_access_append_many.sql),
     * chained in the order given, exactly as that many `append` calls one after another would.
     * Outside a transaction only: the gate's batches of views (src/modules/access-log/personal-data.gate.ts).
     */
    async appendMany(db: Db, entries: readonly AccessLogInput[]): Promise<void> {
      const records = entries.map((e) => ({
        at: e.at.toISOString(),
        account_id: e.accountId,
        account_login: e.accountLogin,
        ip: e.ip,
        subject_type: e.subjectType,
        subject_id: e.subjectId,
        action: e.action,
        reason: e.reason,
        detail: e.detail,
        request_id: e.requestId,
        retain_until: e.retainUntil.toISOString(),
        fields_json: JSON.stringify(stable(accessFields(e))),
      }));
      await sql`select access_record_append_many(${JSON.stringify(records)}::jsonb)`.execute(db);
    },
    /** The columns of a business the scope policy looks at (src/domain/scope.ts), for the gate's check. */
    scopeRow(db: Db, businessId: string) {
      return db.selectFrom('business').select(['id', 'clerkId', 'officeId', 'ownerUserId', 'registeredBy']).where('id', '=', businessId).executeTakeFirst();
    },
    list(db: Db, f: { subjectType?: string; subjectId?: string; accountId?: string; action?: AccessAction; from?: Date; to?: Date; limit: number; offset: number }) {
      let q = db.selectFrom('accessRecord').selectAll();
      if (f.subjectType) q = q.where('subjectType', '=', f.subjectType);
      if (f.subjectId) q = q.where('subjectId', '=', f.subjectId);
      if (f.accountId) q = q.where('accountId', '=', f.accountId);
      if (f.action) q = q.where('action', '=', f.action);
      if (f.from) q = q.where('at', '>=', f.from);
      if (f.to) q = q.where('at', '<', f.to);
      return q.orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
    },
    async verifyChain(db: Db): Promise<number | null> {
      const rows = await db.selectFrom('accessRecord').selectAll().orderBy('id').execute();
      return firstBrokenLink(rows, (r) => accessFields({ ...r, detail: r.detail }));
    },
  };
}
export type AccessLogRepository = ReturnType<typeof createAccessLogRepository>;
