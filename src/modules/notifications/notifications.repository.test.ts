import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.ts';
import type { DB } from '../../db/schema.ts';
import { createNotificationsRepository } from './notifications.repository.ts';

const repo = createNotificationsRepository();
let db: Kysely<DB>;
let close: () => Promise<void>;
const now = new Date('2026-11-27T01:00:00Z');
const lease = new Date(now.getTime() + 10 * 60_000);

beforeAll(async () => {
  ({ db, close } = await testDatabase());
});
afterAll(async () => {
  await close();
});
beforeEach(async () => {
  await db.deleteFrom('notification').execute();
});

function insert(i: number, v: { nextAttemptAt?: Date; status?: 'pending' | 'sent' } = {}) {
  return repo.insert(db, {
    channel: 'email',
    recipient: `u${i}@example.com`,
    template: 'test.message',
    body: `message ${i}`,
    nextAttemptAt: v.nextAttemptAt ?? new Date(now.getTime() - (100 - i) * 1000),
    status: v.status,
  });
}

describe('claimDue', () => {
  it('claims due pending rows oldest first, flips them to sending, counts the attempt and sets the lease', async () => {
    const a = await insert(1);
    const b = await insert(2);
    await insert(3, { nextAttemptAt: new Date(now.getTime() + 1) }); // not due
    await insert(4, { status: 'sent' });
    const claimed = await repo.claimDue(db, now, 10, lease);
    expect(claimed.map((r) => r.id)).toEqual([a.id, b.id]);
    for (const r of claimed) expect(r).toMatchObject({ status: 'sending', attempts: 1, nextAttemptAt: lease });
    expect(await repo.claimDue(db, now, 10, lease)).toEqual([]);
  });

  it('never gives the same row to two concurrent workers (FOR UPDATE SKIP LOCKED)', async () => {
    for (let i = 0; i < 30; i++) await insert(i);
    const batches = await Promise.all([1, 2, 3, 4].map(() => repo.claimDue(db, now, 10, lease)));
    const ids = batches.flat().map((r) => r.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect((await repo.countByStatus(db)).sending).toBe(30);
  });
});

describe('mark*', () => {
  it('moves a claimed row to sent, retry or failed, and only while it is sending', async () => {
    const [a, b, c] = [await insert(1), await insert(2), await insert(3)];
    await repo.claimDue(db, now, 10, lease);
    await repo.markSent(db, a.id, { sentAt: now, provider: 'log', providerRef: 'r1' });
    await repo.markRetry(db, b.id, lease, 'boom '.repeat(500), 'smtp');
    await repo.markFailed(db, c.id, 'refused', 'smtp');
    expect(await repo.findById(db, a.id)).toMatchObject({ status: 'sent', sentAt: now, provider: 'log', providerRef: 'r1' });
    const retry = await repo.findById(db, b.id);
    expect(retry).toMatchObject({ status: 'pending', nextAttemptAt: lease, provider: 'smtp', attempts: 1 });
    expect(retry!.lastError!.length).toBeLessThanOrEqual(1000);
    expect(await repo.findById(db, c.id)).toMatchObject({ status: 'failed', lastError: 'refused' });
    // Not sending any more: a late mark from a stale worker changes nothing.
    await repo.markFailed(db, a.id, 'late');
    expect(await repo.findById(db, a.id)).toMatchObject({ status: 'sent', lastError: null });
    expect(await repo.countByStatus(db)).toEqual({ pending: 1, sending: 0, sent: 1, delivered: 0, failed: 1, cancelled: 0 });
  });

  it('defers a claimed row without counting the attempt', async () => {
    const a = await insert(1);
    await repo.claimDue(db, now, 10, lease);
    await repo.defer(db, a.id, lease);
    expect(await repo.findById(db, a.id)).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: lease });
  });
});
