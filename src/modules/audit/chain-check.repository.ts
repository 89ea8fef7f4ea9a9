import type { ChainName } from '../../db/schema.ts';
import { accessFields } from '../access-log/access-log.repository.ts';
import type { Db } from '../../db/db.ts';
import { auditFields } from './audit.repository.ts';

/** A row of either chain as the check needs it: its id, its links and the fields that were hashed. */
export interface ChainRow {
  id: number;
  prevHash: string | null;
  hash: string;
  fields: unknown[];
}

export function createChainCheckRepository() {
  return {
    /** Rows after `afterId` in id order, at most `limit` (the checks read a chain in batches). */
    async rowsAfter(db: Db, chain: ChainName, afterId: number, limit: number): Promise<ChainRow[]> {
      if (chain === 'audit') {
        const rows = await db.selectFrom('auditEvent').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
        return rows.map((r) => ({ id: r.id, prevHash: r.prevHash, hash: r.hash, fields: auditFields({ ...r, detail: r.detail }) }));
      }
      const rows = await db.selectFrom('accessRecord').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
      return rows.map((r) => ({ id: r.id, prevHash: r.prevHash, hash: r.hash, fields: accessFields({ ...r, detail: r.detail }) }));
    },
    /** One row as the check needs it (undefined when the row is gone). */
    async row(db: Db, chain: ChainName, id: number): Promise<ChainRow | undefined> {
      const rows = await this.rowsAfter(db, chain, id - 1, 1);
      return rows[0]?.id === id ? rows[0] : undefined;
    },
    /** Last id − first id + 1: about how many rows a full check reads (ids only grow; purges cut the start). */
    async idSpan(db: Db, chain: ChainName): Promise<number> {
      const q =
        chain === 'audit'
          ? db.selectFrom('auditEvent').select((eb) => [eb.fn.min('id').as('lo'), eb.fn.max('id').as('hi')])
          : db.selectFrom('accessRecord').select((eb) => [eb.fn.min('id').as('lo'), eb.fn.max('id').as('hi')]);
      const r = await q.executeTakeFirst();
      return r?.lo == null || r.hi == null ? 0 : Number(r.hi) - Number(r.lo) + 1;
    },
    async firstId(db: Db, chain: ChainName): Promise<number | undefined> {
      const q = chain === 'audit' ? db.selectFrom('auditEvent').select('id').orderBy('id').limit(1) : db.selectFrom('accessRecord').select('id').orderBy('id').limit(1);
      return (await q.executeTakeFirst())?.id;
    },
    status(db: Db, chain: ChainName) {
      return db.selectFrom('chainCheck').selectAll().where('chain', '=', chain).executeTakeFirst();
    },
    async save(db: Db, chain: ChainName, v: { verifiedToId: number | null; verifiedToHash: string | null; at: Date; full?: { brokenAt: number | null } }) {
      const row = {
        chain,
        verifiedToId: v.verifiedToId,
        verifiedToHash: v.verifiedToHash,
        checkedAt: v.at,
        ...(v.full ? { fullAt: v.at, fullBrokenAt: v.full.brokenAt } : {}),
      };
      await db
        .insertInto('chainCheck')
        .values(row)
        .onConflict((oc) => oc.column('chain').doUpdateSet(row))
        .execute();
    },
  };
}
export type ChainCheckRepository = ReturnType<typeof createChainCheckRepository>;
