import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.ts';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { translator } from '../../i18n/i18n.ts';
import type { AppEnv } from '../../web/context.ts';
import { notFound, onError } from '../../web/error-handler.tsx';
import type { Actor } from '../auth/auth.policy.ts';
import { createChannels } from './notifications.channels.ts';
import { notificationPages } from './notifications.pages.tsx';
import { createNotificationsRepository } from './notifications.repository.ts';
import { createNotificationService } from './notifications.service.ts';

const notify: Config['notify'] = {
  alimtalk: 'log',
  alimtalkSenderKey: '',
  email: 'log',
  sms: 'log',
  smtpFrom: '잇다 <no-reply@itda.local>',
  smsSender: '0310000000',
  quietStartHour: 21,
  quietEndHour: 8,
  maxAttempts: 5,
};
const silent = pino({ level: 'silent' });
const admin: Actor = { userId: randomUUID(), login: 'admin', displayName: '관리자', role: 'admin', officeId: null, locale: 'ko', via: 'session' };

let db: Kysely<DB>;
let close: () => Promise<void>;
let app: Hono<AppEnv>;
/** Who the next request comes from (the session middleware of app.ts is not under test here). */
let actor: Actor | null = admin;
let locale = 'ko';

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  const clock = new Date('2026-11-27T01:00:00Z'); // 10:00 KST
  const notifications = createNotificationService({
    db,
    repo: createNotificationsRepository(),
    channels: createChannels(notify, silent),
    config: notify,
    now: () => clock,
  });
  await notifications.enqueue(db, { channel: 'sms', recipient: '010-1234-5678', template: 'account.created', params: { login: 'kim.clerk' } });
  await notifications.enqueue(db, { channel: 'email', recipient: 'kim.clerk@example.com', template: 'test.message' });
  await notifications.deliverDue(1); // the SMS goes out through the log channel; the e-mail waits

  app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('requestId', 'test');
    c.set('log', silent);
    c.set('locale', locale);
    c.set('t', translator(locale));
    c.set('actor', actor);
    c.set('mustChangePassword', false);
    c.set('sessionToken', null);
    c.set('csrfToken', 'x'.repeat(43));
    c.set('clientIp', '127.0.0.1');
    await next();
  });
  app.onError(onError);
  app.notFound(notFound);
  notificationPages(app, { notifications });
});
afterAll(async () => {
  await close();
});

describe('GET /admin/notifications', () => {
  it('lists the outbox in Korean with masked recipients', async () => {
    actor = admin;
    locale = 'ko';
    const res = await app.request('/admin/notifications');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="ko">');
    expect(html).toContain('발송 내역');
    expect(html).toContain('010-****-5678');
    expect(html).toContain('k***@example.com');
    expect(html).not.toContain('01012345678');
    expect(html).not.toContain('kim.clerk@example.com');
    expect(html).toMatch(/보냄<span class="form-hint"> \(기록만\)<\/span>/);
    expect(html).toContain('[잇다] 계정 생성'); // the SMS title
    expect(html).toContain('대기 1');
    expect(html).not.toMatch(/notifications\.[a-z]/); // no missing catalogue keys
  });

  it('filters by status and channel', async () => {
    const pending = await (await app.request('/admin/notifications?status=pending')).text();
    expect(pending).toContain('k***@example.com');
    expect(pending).not.toContain('010-****-5678');
    const sms = await (await app.request('/admin/notifications?channel=sms')).text();
    expect(sms).toContain('010-****-5678');
    expect(sms).not.toContain('k***@example.com');
    // Unknown filter values are ignored, not passed on.
    expect((await app.request('/admin/notifications?status=bogus&page=-3')).status).toBe(200);
  });

  it('speaks English when the user chose English', async () => {
    locale = 'en';
    const html = await (await app.request('/admin/notifications')).text();
    locale = 'ko';
    expect(html).toContain('Messages sent');
    expect(html).toContain('Waiting 1');
    expect(html).not.toMatch(/notifications\.[a-z]/);
  });

  it('is refused to roles without notifications.read', async () => {
    actor = { ...admin, role: 'clerk' };
    const res = await app.request('/admin/notifications');
    actor = admin;
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('010-****-5678');
  });
});
