import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.ts';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { ForbiddenError, InvalidError, UnauthenticatedError } from '../../errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { createChannels, type NotificationChannels, type NotifyLogger } from './notifications.channels.ts';
import { createNotificationsRepository } from './notifications.repository.ts';
import { createNotificationService, retryDelayMs } from './notifications.service.ts';
import { UnknownTemplateError } from './notifications.templates.ts';

const kst = (s: string) => new Date(`${s}+09:00`);
const MIN = 60_000;

/** The gateway double: records each request and answers with the current `status`. */
const gateway = {
  requests: [] as { authorization?: string; body: { from: string; to: string; text: string } }[],
  status: 200,
};
let server: http.Server;
let endpoint = '';

let db: Kysely<DB>;
let close: () => Promise<void>;
let clock = kst('2026-11-27T10:00:00');
const logLines: object[] = [];
const logger: NotifyLogger = { info: (o) => logLines.push(o), warn: (o) => logLines.push(o), error: (o) => logLines.push(o) };

const notify: Config['notify'] = {
  alimtalk: 'log',
  alimtalkSenderKey: '',
  email: 'log',
  sms: 'http',
  smtpFrom: '잇다 <no-reply@itda.local>',
  smsSender: '031-000-0000',
  smsApiKey: 'sk-test',
  quietStartHour: 21,
  quietEndHour: 8,
  maxAttempts: 5,
};

const repo = createNotificationsRepository();
function service(channels?: NotificationChannels) {
  return createNotificationService({
    db,
    repo,
    channels: channels ?? createChannels({ ...notify, smsEndpoint: endpoint }, logger),
    config: notify,
    now: () => clock,
    logger,
  });
}

const admin: Actor = { userId: randomUUID(), login: 'admin', displayName: '관리자', role: 'admin', officeId: null, locale: 'ko', via: 'session' };
const clerk: Actor = { ...admin, login: 'clerk', role: 'clerk' };

const rows = () => db.selectFrom('notification').selectAll().orderBy('createdAt').execute();
const row = async (id: string) => db.selectFrom('notification').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const smsToKim = { channel: 'sms', recipient: '010-1234-5678', template: 'account.created', params: { login: 'kim.clerk' } } as const;

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  server = http.createServer((req, res) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (data += c));
    req.on('end', () => {
      gateway.requests.push({ authorization: req.headers.authorization, body: JSON.parse(data) as never });
      res.writeHead(gateway.status, { 'content-type': 'application/json' });
      res.end(gateway.status < 300 ? JSON.stringify({ id: `m-${gateway.requests.length}` }) : '{"error":"gateway says no"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await close();
});
beforeEach(async () => {
  await db.deleteFrom('notification').execute();
  gateway.requests.length = 0;
  gateway.status = 200;
  logLines.length = 0;
  clock = kst('2026-11-27T10:00:00');
});

describe('enqueue (transactional outbox)', () => {
  it('commits the rendered message with the caller’s transaction', async () => {
    const svc = service();
    const n = await db.transaction().execute((trx) =>
      svc.enqueue(trx, { channel: 'email', recipient: 'kim@example.com', template: 'account.created', params: { login: 'kim.clerk', displayName: '김사무' } }),
    );
    const stored = await row(n.id);
    expect(stored).toMatchObject({
      channel: 'email',
      recipient: 'kim@example.com',
      template: 'account.created',
      locale: 'ko',
      params: { login: 'kim.clerk', displayName: '김사무' },
      subject: '[잇다] 계정이 만들어졌습니다',
      status: 'pending',
      attempts: 0,
    });
    expect(stored.body).toContain('아이디: kim.clerk');
    expect(stored.nextAttemptAt.getTime()).toBe(clock.getTime());
  });

  it('leaves nothing behind when the caller’s transaction rolls back', async () => {
    const svc = service();
    await expect(
      db.transaction().execute(async (trx) => {
        await svc.enqueue(trx, { channel: 'email', recipient: 'kim@example.com', template: 'test.message' });
        throw new Error('the caller failed after enqueueing');
      }),
    ).rejects.toThrow('the caller failed');
    expect(await rows()).toHaveLength(0);
    // …and so nothing is delivered either.
    expect(await svc.deliverDue()).toMatchObject({ sent: 0 });
  });

  it('stores SMS numbers as digits and the language it rendered in', async () => {
    const n = await service().enqueue(db, { ...smsToKim, locale: 'en' });
    expect(n.recipient).toBe('01012345678');
    expect(n.locale).toBe('en');
    expect(n.body).toBe('[Itda] Account kim.clerk created. Staff will give you a one-time password.');
  });

  it('refuses recipients a channel cannot reach, and unknown templates', async () => {
    const svc = service();
    await expect(svc.enqueue(db, { ...smsToKim, recipient: '031-123-4567' })).rejects.toBeInstanceOf(InvalidError); // a landline
    await expect(svc.enqueue(db, { channel: 'email', recipient: 'kim', template: 'test.message' })).rejects.toBeInstanceOf(InvalidError);
    await expect(svc.enqueue(db, { channel: 'email', recipient: 'kim@example.com', template: 'nope' as never })).rejects.toBeInstanceOf(
      UnknownTemplateError,
    );
    expect(await rows()).toHaveLength(0);
  });
});

describe('deliverDue', () => {
  it('sends due messages through their channels and records the provider', async () => {
    const svc = service();
    const sms = await svc.enqueue(db, smsToKim);
    const mail = await svc.enqueue(db, { channel: 'email', recipient: 'kim@example.com', template: 'test.message' });
    clock = new Date(clock.getTime() + 1000);
    expect(await svc.deliverDue()).toEqual({ sent: 2, retried: 0, failed: 0, deferred: 0, recovered: 0, cancelled: 0 });

    expect(gateway.requests).toEqual([
      { authorization: 'Bearer sk-test', body: { from: '0310000000', to: '01012345678', text: sms.body } },
    ]);
    expect(await row(sms.id)).toMatchObject({ status: 'sent', attempts: 1, provider: 'sms-http', providerRef: 'm-1', sentAt: clock });
    expect(await row(mail.id)).toMatchObject({ status: 'sent', attempts: 1, provider: 'log', providerRef: null });
    expect(JSON.stringify(logLines)).toContain('k***@example.com');
    // Nothing left to do.
    expect(await svc.deliverDue()).toMatchObject({ sent: 0 });
  });

  it('does not send messages that are not due yet', async () => {
    const svc = service();
    const n = await svc.enqueue(db, smsToKim);
    await db.updateTable('notification').set({ nextAttemptAt: new Date(clock.getTime() + MIN) }).where('id', '=', n.id).execute();
    expect(await svc.deliverDue()).toMatchObject({ sent: 0 });
    expect(gateway.requests).toHaveLength(0);
  });

  it('retries a 5xx with backoff 1, 5, 25, 125 min and fails after maxAttempts', async () => {
    const svc = service();
    const n = await svc.enqueue(db, smsToKim);
    gateway.status = 500;
    const delays = [1, 5, 25, 125].map((m) => m * MIN);
    for (const [i, delay] of delays.entries()) {
      expect(await svc.deliverDue()).toMatchObject({ retried: 1, sent: 0, failed: 0 });
      const r = await row(n.id);
      expect(r.status).toBe('pending');
      expect(r.attempts).toBe(i + 1);
      expect(r.nextAttemptAt.getTime() - clock.getTime()).toBe(delay);
      expect(r.lastError).toContain('HTTP 500');
      // One millisecond early: still waiting.
      clock = new Date(clock.getTime() + delay - 1);
      expect(await svc.deliverDue()).toMatchObject({ retried: 0, sent: 0, failed: 0 });
      clock = new Date(clock.getTime() + 1);
    }
    expect(await svc.deliverDue()).toMatchObject({ failed: 1, retried: 0 });
    const failed = await row(n.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 5, provider: 'sms-http' });
    expect(failed.lastError).toContain('gateway says no');
    expect(gateway.requests).toHaveLength(5);
    // A failed message stays failed.
    clock = new Date(clock.getTime() + 24 * 60 * MIN);
    expect(await svc.deliverDue()).toMatchObject({ sent: 0, failed: 0, retried: 0 });
  });

  it('succeeds on a later attempt once the gateway recovers', async () => {
    const svc = service();
    const n = await svc.enqueue(db, smsToKim);
    gateway.status = 503;
    await svc.deliverDue();
    gateway.status = 200;
    clock = new Date(clock.getTime() + MIN);
    expect(await svc.deliverDue()).toMatchObject({ sent: 1 });
    expect(await row(n.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('fails a 4xx at once, without retrying', async () => {
    const svc = service();
    const n = await svc.enqueue(db, smsToKim);
    gateway.status = 400;
    expect(await svc.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 1, deferred: 0, recovered: 0, cancelled: 0 });
    const r = await row(n.id);
    expect(r).toMatchObject({ status: 'failed', attempts: 1 });
    expect(r.lastError).toContain('HTTP 400');
    clock = new Date(clock.getTime() + 24 * 60 * MIN);
    await svc.deliverDue();
    expect(gateway.requests).toHaveLength(1);
  });

  it('keeps a retry of an SMS out of quiet hours', async () => {
    clock = kst('2026-11-27T20:59:30');
    const svc = service();
    const n = await svc.enqueue(db, smsToKim);
    gateway.status = 500;
    await svc.deliverDue();
    expect((await row(n.id)).nextAttemptAt.toISOString()).toBe(kst('2026-11-28T08:00:00').toISOString());
  });
});

describe('quiet hours (21:00–08:00 KST) for SMS', () => {
  it('holds an SMS enqueued at 22:30 until 08:00 the next day; e-mail goes at once', async () => {
    clock = kst('2026-11-27T22:30:00');
    const svc = service();
    const sms = await svc.enqueue(db, smsToKim);
    const mail = await svc.enqueue(db, { channel: 'email', recipient: 'kim@example.com', template: 'test.message' });
    expect(sms.nextAttemptAt.toISOString()).toBe(kst('2026-11-28T08:00:00').toISOString());
    expect(mail.nextAttemptAt.toISOString()).toBe(clock.toISOString());

    clock = kst('2026-11-27T23:00:00');
    expect(await svc.deliverDue()).toMatchObject({ sent: 1 }); // the e-mail only
    expect(gateway.requests).toHaveLength(0);
    expect(await row(sms.id)).toMatchObject({ status: 'pending', attempts: 0 });

    clock = kst('2026-11-28T07:59:59');
    expect(await svc.deliverDue()).toMatchObject({ sent: 0 });
    clock = kst('2026-11-28T08:00:00');
    expect(await svc.deliverDue()).toMatchObject({ sent: 1 });
    expect(gateway.requests).toHaveLength(1);
  });

  it('re-checks at send time and defers without counting an attempt', async () => {
    const svc = service();
    const n = await svc.enqueue(db, smsToKim); // due 10:00
    clock = kst('2026-11-27T23:00:00'); // the worker was down all day; now it is quiet time
    expect(await svc.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0, deferred: 1, recovered: 0, cancelled: 0 });
    expect(gateway.requests).toHaveLength(0);
    const r = await row(n.id);
    expect(r).toMatchObject({ status: 'pending', attempts: 0 });
    expect(r.nextAttemptAt.toISOString()).toBe(kst('2026-11-28T08:00:00').toISOString());
  });

  it('follows the configured window (none when start equals end)', async () => {
    clock = kst('2026-11-27T23:00:00');
    const svc = createNotificationService({
      db,
      repo,
      channels: createChannels({ ...notify, smsEndpoint: endpoint }, logger),
      config: { ...notify, quietStartHour: 0, quietEndHour: 0 },
      now: () => clock,
    });
    const n = await svc.enqueue(db, smsToKim);
    expect(n.nextAttemptAt.toISOString()).toBe(clock.toISOString());
    expect(await svc.deliverDue()).toMatchObject({ sent: 1 });
  });
});

describe('crash recovery', () => {
  it('puts rows stuck in sending for over 10 minutes back, and sends them', async () => {
    const svc = service();
    const n = await svc.enqueue(db, smsToKim);
    // A worker claimed the row at 10:00 and died: the lease runs to 10:10.
    const claimed = await repo.claimDue(db, clock, 10, new Date(clock.getTime() + 10 * MIN));
    expect(claimed.map((r) => r.id)).toEqual([n.id]);

    clock = kst('2026-11-27T10:09:59');
    expect(await svc.deliverDue()).toMatchObject({ recovered: 0, sent: 0 });
    clock = kst('2026-11-27T10:10:00');
    expect(await svc.deliverDue()).toMatchObject({ recovered: 1, sent: 1 });
    expect(await row(n.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('fails a stuck row that already used all its attempts (a message that crashes the worker)', async () => {
    const svc = service();
    const n = await svc.enqueue(db, smsToKim);
    await db.updateTable('notification').set({ status: 'sending', attempts: 5, nextAttemptAt: clock }).where('id', '=', n.id).execute();
    expect(await svc.deliverDue()).toMatchObject({ recovered: 0, failed: 1, sent: 0 });
    expect(await row(n.id)).toMatchObject({ status: 'failed' });
    expect(gateway.requests).toHaveLength(0);
  });

  it('hands back the rest of a batch when a slow provider eats the lease', async () => {
    const sent: string[] = [];
    const slow: NotificationChannels = {
      sms: { name: 'slow', send: async (m) => (sent.push(m.recipient), (clock = new Date(clock.getTime() + 9 * MIN)), {}) },
      email: { name: 'slow', send: async () => ({}) },
      alimtalk: { name: 'slow', send: async () => ({}) },
    };
    const svc = service(slow);
    const a = await svc.enqueue(db, smsToKim);
    clock = new Date(clock.getTime() + 1);
    const b = await svc.enqueue(db, { ...smsToKim, recipient: '010-2222-3333' });
    expect(await svc.deliverDue()).toMatchObject({ sent: 1, deferred: 1 });
    expect(await row(a.id)).toMatchObject({ status: 'sent' });
    expect(await row(b.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await svc.deliverDue()).toMatchObject({ sent: 1 });
    expect(sent).toEqual(['01012345678', '01022223333']);
  });
});

describe('list (admin page)', () => {
  it('needs notifications.read', async () => {
    const svc = service();
    await expect(svc.list(null, {})).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(svc.list(clerk, {})).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('lists newest first, filters by status and channel, pages, and counts per status', async () => {
    const svc = service();
    for (let i = 0; i < 52; i++) {
      clock = new Date(clock.getTime() + 1000);
      await svc.enqueue(db, { channel: 'email', recipient: `u${i}@example.com`, template: 'test.message' });
    }
    clock = new Date(clock.getTime() + 1000);
    const sms = await svc.enqueue(db, smsToKim);
    await svc.deliverDue(1); // sends only the oldest: an e-mail, through the log channel
    const all = await svc.list(admin, {});
    expect(all.rows).toHaveLength(50);
    expect(all.hasNext).toBe(true);
    expect(all.rows[0]!.id).toBe(sms.id);
    expect(all.counts).toEqual({ pending: 52, sending: 0, sent: 1, delivered: 0, failed: 0, cancelled: 0 });
    const page2 = await svc.list(admin, { page: 2 });
    expect(page2.rows).toHaveLength(3);
    expect(page2.hasNext).toBe(false);
    expect((await svc.list(admin, { status: 'sent' })).rows.map((r) => r.recipient)).toEqual(['u0@example.com']);
    expect((await svc.list(admin, { channel: 'sms' })).rows.map((r) => r.id)).toEqual([sms.id]);
  });
});

describe('retryDelayMs', () => {
  it('grows 1, 5, 25, 125 minutes and is capped at 6 hours', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((a) => retryDelayMs(a) / MIN)).toEqual([1, 5, 25, 125, 360, 360, 360]);
  });
});
