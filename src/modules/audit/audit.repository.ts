import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditEvent, DB } from '../../db/schema.ts';

export type Db = Kysely<DB> | Transaction<DB>;

export interface AuditInput {
  action: string;
  actorUserId?: string | null;
  actorLogin?: string | null;
  targetUserId?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
  requestId?: string | null;
  retainUntil: Date;
  at: Date;
}

/** JSON with object keys sorted, so the hash survives jsonb's own key order. */
function stable(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stable);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return Object.fromEntries(
      Object.keys(v as Record<string, unknown>)
        .sort()
        .map((k) => [k, stable((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

function canonical(e: AuditInput, prevHash: string | null): string {
  return JSON.stringify(stable([
    prevHash,
    e.at.toISOString(),
    e.action,
    e.actorUserId ?? null,
    e.actorLogin ?? null,
    e.targetUserId ?? null,
    e.subjectType ?? null,
    e.subjectId ?? null,
    e.detail ?? {},
    e.ip ?? null,
    e.requestId ?? null,
  ]));
}

export function auditHash(e: AuditInput, prevHash: string | null): string {
  return createHash('sha256').update(canonical(e, prevHash)).digest('hex');
}

export function createAuditRepository() {
  return {
    /** Appends one row to the hash chain. Must run inside the caller's transaction. */
    async append(trx: Db, e: AuditInput): Promise<void> {
      // Serialise appenders so the chain has one head (released at commit/rollback).
      await sql`select pg_advisory_xact_lock(7411001)`.execute(trx);
      const prev = await trx
        .selectFrom('auditEvent')
        .select('hash')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      const prevHash = prev?.hash ?? null;
      await trx
        .insertInto('auditEvent')
        .values({
          at: e.at,
          action: e.action,
          actorUserId: e.actorUserId ?? null,
          actorLogin: e.actorLogin ?? null,
          targetUserId: e.targetUserId ?? null,
          subjectType: e.subjectType ?? null,
          subjectId: e.subjectId ?? null,
          detail: JSON.stringify(e.detail ?? {}),
          ip: e.ip ?? null,
          requestId: e.requestId ?? null,
          retainUntil: e.retainUntil,
          prevHash,
          hash: auditHash(e, prevHash),
        })
        .execute();
    },

    async list(
      db: Db,
      f: { action?: string; actionPrefix?: string; targetUserId?: string; limit: number; offset: number },
    ): Promise<(AuditEvent & { targetLogin: string | null })[]> {
      let q = db
        .selectFrom('auditEvent as a')
        .leftJoin('appUser as t', 't.id', 'a.targetUserId')
        .selectAll('a')
        .select('t.login as targetLogin');
      if (f.action) q = q.where('a.action', '=', f.action);
      if (f.actionPrefix) q = q.where('a.action', 'like', `${f.actionPrefix}%`);
      if (f.targetUserId) q = q.where('a.targetUserId', '=', f.targetUserId);
      return q.orderBy('a.id', 'desc').limit(f.limit).offset(f.offset).execute();
    },

    /** Recomputes the chain; returns the id of the first broken row, or null. */
    async verifyChain(db: Db): Promise<number | null> {
      const rows = await db.selectFrom('auditEvent').selectAll().orderBy('id').execute();
      // Rows past their retention are purged from the start of the chain: the first remaining
      // row's prev_hash is the anchor.
      let prev: string | null = rows[0]?.prevHash ?? null;
      for (const r of rows) {
        const input: AuditInput = {
          at: r.at,
          action: r.action,
          actorUserId: r.actorUserId,
          actorLogin: r.actorLogin,
          targetUserId: r.targetUserId,
          subjectType: r.subjectType,
          subjectId: r.subjectId,
          detail: r.detail,
          ip: r.ip,
          requestId: r.requestId,
          retainUntil: r.retainUntil,
        };
        if (r.prevHash !== prev || r.hash !== auditHash(input, prev)) return r.id;
        prev = r.hash;
      }
      return null;
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
