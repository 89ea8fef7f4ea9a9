import { sql } from 'kysely';
import type { AccessAction } from '../../db/schema.ts';
import { chainHash, firstBrokenLink } from '../../domain/hash-chain.ts';
import type { Db } from '../audit/audit.repository.ts';

export interface AccessInput {
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

function fields(e: Omit<AccessInput, 'retainUntil'>): unknown[] {
  return [e.at.toISOString(), e.accountId, e.accountLogin, e.ip, e.subjectType, e.subjectId, e.action, e.reason, e.detail, e.requestId];
}

export function createAccessRepository() {
  return {
    async append(db: Db, e: AccessInput): Promise<void> {
      // The lock, the read of the chain head and the insert must share one transaction, or two
      // appenders read the same head and fork the chain.
      if (!db.isTransaction) return db.transaction().execute((trx) => this.append(trx, e));
      // One chain head: appenders queue on an advisory lock held until their transaction ends.
      await sql`select pg_advisory_xact_lock(7411002)`.execute(db);
      const prev = await db.selectFrom('accessRecord').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
      const prevHash = prev?.hash ?? null;
      await db
        .insertInto('accessRecord')
        .values({ ...e, detail: JSON.stringify(e.detail), prevHash, hash: chainHash(fields(e), prevHash) })
        .execute();
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
      return firstBrokenLink(rows, (r) => fields({ ...r, detail: r.detail }));
    },
  };
}
export type AccessRepository = ReturnType<typeof createAccessRepository>;
