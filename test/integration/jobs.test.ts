import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers, JOBS, startWorker, type Worker } from '../../src/jobs/jobs.ts';
import { createHarness, type Harness } from '../harness.ts';

let h: Harness;
let worker: Worker | undefined;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await worker?.stop();
  await h?.close();
});

async function until(check: () => Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe('pg-boss worker (on this test run’s database: PGlite or PostgreSQL)', () => {
  it('refuses to start when a job has no handler', async () => {
    const handlers = jobHandlers(h.services);
    const partial: Partial<typeof handlers> = { ...handlers };
    delete partial['sessions.purge'];
    await expect(startWorker(h.database, partial, pino({ level: 'silent' }))).rejects.toThrow(/sessions\.purge/);
  });

  it('runs the session purge job: expired sessions disappear, live ones stay', async () => {
    const u = await h.createUser('clerk');
    const live = h.client();
    await live.login(u.login);
    const stale = h.client();
    await stale.login(u.login);
    // The stale session was last seen 31 minutes ago.
    const sessions = await h.db.selectFrom('userSession').select('idHash').where('userId', '=', u.id).orderBy('createdAt').execute();
    expect(sessions).toHaveLength(2);
    await h.db
      .updateTable('userSession')
      .set({ lastSeenAt: new Date(h.clock.now().getTime() - 31 * 60_000) })
      .where('idHash', '=', sessions[1]!.idHash)
      .execute();

    worker = await startWorker(h.database, jobHandlers(h.services), pino({ level: 'silent' }), { schedule: false, pollingIntervalSeconds: 0.5 });
    const id = await worker.send('sessions.purge');
    expect(id).toBeTruthy();
    const done = await until(async () => {
      const rows = await h.db.selectFrom('userSession').select('idHash').where('userId', '=', u.id).execute();
      return rows.length === 1;
    });
    expect(done).toBe(true);
    expect((await live.get('/home')).status).toBe(200);
    const job = await worker.boss.getJobById('sessions.purge', id!);
    expect(job?.state).toBe('completed');
  });

  it('delivers the notification outbox through a job', async () => {
    await h.db.transaction().execute((trx) =>
      h.services.notifications.enqueue(trx, { channel: 'email', recipient: 'owner@example.com', template: 'test.message', params: {} }),
    );
    await worker!.send('notifications.deliver');
    const sent = await until(async () => {
      const row = await h.db.selectFrom('notification').select('status').where('recipient', '=', 'owner@example.com').executeTakeFirst();
      return row?.status === 'sent';
    });
    expect(sent).toBe(true);
  });

  it('has a cron schedule for every job', () => {
    for (const def of Object.values(JOBS)) expect(def.cron.split(' ')).toHaveLength(5);
  });
});
