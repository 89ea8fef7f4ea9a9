import type { Db } from '../../db/db.ts';
import type { ChainName } from '../../db/schema.ts';

export interface StoredHead {
  chain: ChainName;
  day: string;
  lastId: number | null;
  headHash: string | null;
  rowsThatDay: number;
  publishedAt: Date | null;
}

/** Published chain heads (migration 20261204030000_chain_head.sql): the only SQL of chain_head. */
export function createChainHeadsRepository() {
  return {
    /**
     * The chain's last row written before `before` (the end of a Korean day), or undefined: the
     * latest `at` (by the index on `at`, not a scan of years of ids), the later id on a tie.
     */
    lastBefore(db: Db, chain: ChainName, before: Date) {
      return chain === 'audit'
        ? db.selectFrom('auditEvent').select(['id', 'hash']).where('at', '<', before).orderBy('at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()
        : db.selectFrom('accessRecord').select(['id', 'hash']).where('at', '<', before).orderBy('at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    },
    async countBetween(db: Db, chain: ChainName, from: Date, to: Date): Promise<number> {
      const q =
        chain === 'audit'
          ? db.selectFrom('auditEvent').select((eb) => eb.fn.countAll<number>().as('n')).where('at', '>=', from).where('at', '<', to)
          : db.selectFrom('accessRecord').select((eb) => eb.fn.countAll<number>().as('n')).where('at', '>=', from).where('at', '<', to);
      return Number((await q.executeTakeFirst())?.n ?? 0);
    },
    /** When the chain's first remaining row was written (undefined: empty). */
    async firstAt(db: Db, chain: ChainName): Promise<Date | undefined> {
      const q = chain === 'audit' ? db.selectFrom('auditEvent').select('at').orderBy('id').limit(1) : db.selectFrom('accessRecord').select('at').orderBy('id').limit(1);
      return (await q.executeTakeFirst())?.at;
    },
    async lastStoredDay(db: Db): Promise<string | undefined> {
      const r = await db.selectFrom('chainHead').select((eb) => eb.fn.max('day').as('day')).executeTakeFirst();
      return (r?.day) ?? undefined;
    },
    /** Stores heads; a head already stored for a chain and day is kept as it was (never rewritten). */
    async insert(db: Db, rows: { chain: ChainName; day: string; lastId: number | null; headHash: string | null; rowsThatDay: number; computedAt: Date }[]) {
      if (!rows.length) return;
      await db
        .insertInto('chainHead')
        .values(rows)
        .onConflict((oc) => oc.columns(['chain', 'day']).doNothing())
        .execute();
    },
    between(db: Db, from: string, to: string): Promise<StoredHead[]> {
      return db
        .selectFrom('chainHead')
        .select(['chain', 'day', 'lastId', 'headHash', 'rowsThatDay', 'publishedAt'])
        .where('day', '>=', from)
        .where('day', '<=', to)
        .orderBy('day')
        .orderBy('chain', 'desc')
        .execute();
    },
    unpublished(db: Db, limit: number): Promise<StoredHead[]> {
      return db
        .selectFrom('chainHead')
        .select(['chain', 'day', 'lastId', 'headHash', 'rowsThatDay', 'publishedAt'])
        .where('publishedAt', 'is', null)
        .orderBy('day')
        .orderBy('chain', 'desc')
        .limit(limit)
        .execute();
    },
    /** Marks the unpublished heads of the days from … to as sent (both chains of a day go out together). */
    async markPublished(db: Db, from: string, to: string, at: Date, notificationId: string | null) {
      await db.updateTable('chainHead').set({ publishedAt: at, notificationId }).where('publishedAt', 'is', null).where('day', '>=', from).where('day', '<=', to).execute();
    },
  };
}
export type ChainHeadsRepository = ReturnType<typeof createChainHeadsRepository>;
