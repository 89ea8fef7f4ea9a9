import { chainHash, firstBrokenLink } from '../../domain/hash-chain.ts';
import { sql } from 'kysely';
import type { Db } from '../../db/db.ts';
import type { AuditEvent } from '../../db/schema.ts';


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

/** The hashed fields of an audit row, in chain order (also used by chain-check.ts). */
export function auditFields(e: AuditInput): unknown[] {
  return [
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
  ];
}

export function auditHash(e: AuditInput, prevHash: string | null): string {
  return chainHash(auditFields(e), prevHash);
}

export function createAuditRepository() {
  return {
    /** Appends one row to the hash chain. Must run inside the caller's transaction. */
    async append(trx: Db, e: AuditInput): Promise<void> {
      if (!trx.isTransaction) return trx.transaction().execute((t) => this.append(t, e));
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
      return firstBrokenLink(rows, (r) => auditFields({ ...r, detail: r.detail }));
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
