import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, Notification, NotificationTable } from '../../db/schema.ts';
import type { Db } from '../../db/db.ts';

export type NotificationStatus = Notification['status'];
export type NotificationChannelKind = Notification['channel'];
export const NOTIFICATION_STATUSES: readonly NotificationStatus[] = ['pending', 'sending', 'sent', 'delivered', 'failed', 'cancelled'];

/** `last_error` is for people reading the admin page, not a dump: keep it bounded. */
const MAX_ERROR_LENGTH = 1000;
const clip = (s: string) => (s.length > MAX_ERROR_LENGTH ? `${s.slice(0, MAX_ERROR_LENGTH - 1)}…` : s);

export interface NotificationFilter {
  status?: NotificationStatus;
  channel?: NotificationChannelKind;
  limit: number;
  offset: number;
}

/**
 * The outbox table. While a row is `sending`, `next_attempt_at` holds the *lease* of the worker
 * that claimed it (claim time + lease): a row still `sending` after its lease belongs to a worker
 * that died mid-send and is recovered. This needs no extra column.
 */
export function createNotificationsRepository() {
  return {
    /** Inserts a pending message. Runs in the caller's transaction: it commits with their data. */
    async insert(db: Db, row: Insertable<NotificationTable>): Promise<Notification> {
      return db.insertInto('notification').values(row).returningAll().executeTakeFirstOrThrow();
    },

    findById(db: Db, id: string): Promise<Notification | undefined> {
      return db.selectFrom('notification').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /**
     * Claims up to `limit` due pending rows for this worker: flips them to `sending`, counts the
     * attempt and sets the lease. `FOR UPDATE SKIP LOCKED` lets several workers (several app
     * instances on one PostgreSQL) claim concurrently without waiting on, or double-sending, each
     * other's rows.
     */
    async claimDue(db: Kysely<DB>, now: Date, limit: number, leaseUntil: Date): Promise<Notification[]> {
      return db.transaction().execute(async (trx) => {
        const due = await trx
          .selectFrom('notification')
          .select('id')
          .where('status', '=', 'pending')
          .where('nextAttemptAt', '<=', now)
          .orderBy('nextAttemptAt')
          .orderBy('createdAt')
          .limit(limit)
          .forUpdate()
          .skipLocked()
          .execute();
        if (due.length === 0) return [];
        const rows = await trx
          .updateTable('notification')
          .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), nextAttemptAt: leaseUntil }))
          .where(
            'id',
            'in',
            due.map((r) => r.id),
          )
          .returningAll()
          .execute();
        // Oldest first, as claimed (UPDATE … RETURNING has no order).
        const order = new Map(due.map((r, i) => [r.id, i]));
        return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
      });
    },

    /**
     * Rows whose worker died mid-send (still `sending` after the lease): back to pending, or to
     * failed when they already used all attempts — a message that crashes the worker every time
     * must not loop forever.
     */
    async recoverStuck(db: Kysely<DB>, now: Date, maxAttempts: number): Promise<{ retried: number; failed: number }> {
      return db.transaction().execute(async (trx) => {
        const failed = await trx
          .updateTable('notification')
          .set({ status: 'failed', lastError: 'worker stopped while sending; attempts used up' })
          .where('status', '=', 'sending')
          .where('nextAttemptAt', '<=', now)
          .where('attempts', '>=', maxAttempts)
          .executeTakeFirst();
        const retried = await trx
          .updateTable('notification')
          .set({ status: 'pending', nextAttemptAt: now, lastError: 'worker stopped while sending; retrying' })
          .where('status', '=', 'sending')
          .where('nextAttemptAt', '<=', now)
          .executeTakeFirst();
        return { retried: Number(retried.numUpdatedRows), failed: Number(failed.numUpdatedRows) };
      });
    },

    // The mark* updates only touch a row this worker still holds (`sending`).

    async markSent(
      db: Db,
      id: string,
      v: { sentAt: Date; provider: string; providerRef?: string | null; delivered?: boolean; masked?: { params: Record<string, string | number>; body: string } | null },
    ): Promise<void> {
      await db
        .updateTable('notification')
        .set({
          status: v.delivered ? 'delivered' : 'sent',
          sentAt: v.sentAt,
          deliveredAt: v.delivered ? v.sentAt : null,
          provider: v.provider,
          providerRef: v.providerRef ?? null,
          ...(v.masked ? { params: JSON.stringify(v.masked.params), body: v.masked.body } : {}),
        })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .execute();
    },

    async markRetry(db: Db, id: string, nextAttemptAt: Date, error: string, provider?: string): Promise<void> {
      await db
        .updateTable('notification')
        .set({ status: 'pending', nextAttemptAt, lastError: clip(error), ...(provider ? { provider } : {}) })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .execute();
    },

    async markFailed(db: Db, id: string, error: string, provider?: string): Promise<void> {
      await db
        .updateTable('notification')
        .set({ status: 'failed', lastError: clip(error), ...(provider ? { provider } : {}) })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .execute();
    },

    /** Puts a claimed row back without counting the attempt (quiet hours: nothing was tried). */
    async defer(db: Db, id: string, nextAttemptAt: Date): Promise<void> {
      await db
        .updateTable('notification')
        .set((eb) => ({ status: 'pending', nextAttemptAt, attempts: sql<number>`greatest(${eb.ref('attempts')} - 1, 0)` }))
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .execute();
    },

    /**
     * A claimed row that must not go out after all (the owner withdrew consent meanwhile): cancelled,
     * not failed — nothing was tried and nothing is wrong with the provider.
     */
    async markCancelled(db: Db, id: string, reason: string): Promise<void> {
      await db.updateTable('notification').set({ status: 'cancelled', lastError: clip(reason) }).where('id', '=', id).where('status', '=', 'sending').execute();
    },

    /** Newest first, for the admin page. */
    list(db: Db, f: NotificationFilter): Promise<Notification[]> {
      let q = db.selectFrom('notification').selectAll();
      if (f.status) q = q.where('status', '=', f.status);
      if (f.channel) q = q.where('channel', '=', f.channel);
      return q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
    },

    async countByStatus(db: Db): Promise<Record<NotificationStatus, number>> {
      const rows = await db
        .selectFrom('notification')
        .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute();
      const out: Record<NotificationStatus, number> = { pending: 0, sending: 0, sent: 0, delivered: 0, failed: 0, cancelled: 0 };
      for (const r of rows) out[r.status] = Number(r.n);
      return out;
    },
  };
}
export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
