import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

/**
 * Issue 14 §1: the owner link. Single use would break the owner's flow (a messaging app's link
 * preview, or reopening the page later that day, would use it up), so it stays reusable for 24 hours
 * and the page says so plainly; sending a new link closes the previous one; once the SMS is sent the
 * outbox keeps (and shows) the message with the token masked.
 */
let h: Harness;
let clerk: TestClient;
let admin: TestClient;
let businessId: string;

const links = async () =>
  (await h.db.selectFrom('notification').select(['id', 'body', 'params', 'status']).where('template', '=', 'owner.link').orderBy('createdAt').execute()).map((r) => ({
    ...r,
    path: /\/o\/[A-Za-z0-9_-]{20,}/.exec(r.body)?.[0] ?? null,
  }));

beforeAll(async () => {
  h = await createHarness();
  const officeId = await h.ensureOffice();
  const c = await h.createUser('clerk', { login: 'ol-clerk', officeId });
  const a = await h.createUser('admin', { login: 'ol-admin' });
  clerk = h.client();
  admin = h.client();
  expect((await clerk.login(c.login)).status).toBe(303);
  expect((await admin.login(a.login)).status).toBe(303);
  businessId = (
    await h.db
      .insertInto('business')
      .values({ name: '링크 시험 가게', municipalityCode: '41110', officeId, clerkId: c.id, phone: '01055556666' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await h?.close();
});

describe('owner link (issue 14 §1)', () => {
  it('reissuing closes the previous link; the new one opens repeatedly for 24 hours and says so', async () => {
    expect((await clerk.post(`/businesses/${businessId}/owner-link`, {})).status).toBe(303);
    const [first] = await links();
    const anon = h.client();
    expect((await anon.get(first!.path!)).status).toBe(200);
    h.clock.advance(60_000);
    expect((await clerk.post(`/businesses/${businessId}/owner-link`, {})).status).toBe(303);
    const second = (await links())[1]!;
    expect(second.path).not.toBe(first!.path);
    expect((await anon.get(first!.path!)).status).toBe(404);
    for (let i = 0; i < 3; i += 1) {
      const page = await anon.get(second.path!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('여러 번 열 수 있습니다');
    }
    h.clock.advance(24 * 3_600_000);
    expect((await anon.get(second.path!)).status).toBe(404);
  });

  it('once sent, the outbox holds and shows the message with the token masked', async () => {
    const before = await links();
    const tokens = before.map((l) => l.path!.slice(3));
    await h.services.notifications.deliverDue();
    const after = await links();
    expect(after.every((l) => l.status === 'sent')).toBe(true);
    for (const row of after) {
      for (const token of tokens) {
        expect(row.body).not.toContain(token);
        expect(JSON.stringify(row.params)).not.toContain(token);
      }
      expect(row.body).toContain('••••••••');
    }
    const page = await (await admin.get('/admin/notifications')).text();
    for (const token of tokens) expect(page).not.toContain(token);
  });
});
