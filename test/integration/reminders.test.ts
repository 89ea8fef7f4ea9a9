import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsByteLength } from '../../src/modules/notifications/notifications.templates.ts';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

/**
 * Issue 13 §2, reminders the owner agreed to: nothing without consent; the clerk records it on the
 * business page; a status change reaches the owner with an opt-out link; the link's GET changes
 * nothing, its POST (no sign-in) withdraws, cancels what is queued and stops what comes later; the
 * outbox checks again at delivery; dedup; the weekly limit; the digest at most once a week; quiet
 * hours; the business page shows what was sent and its state with the number masked.
 */
let h: Harness;
let clerk: TestClient;
let businessId: string;
let clerkId: string;

const PHONE = '01055556666';

let programmes = 0;
/** A participation in a programme of its own (one open participation per business and programme). */
async function participation(status: 'identified' | 'submitted' | 'selected' | 'preparing' = 'identified', pv?: number, pidIn?: number) {
  let pid = pidIn;
  if (pv === undefined) {
    programmes++;
    pid = (await h.db.insertInto('programme').values({ key: `rm-p${programmes}`, source: 'manual', sourceId: `rm-p${programmes}` }).returning('id').executeTakeFirstOrThrow()).id;
    pv = (
      await h.db
        .insertInto('programmeVersion')
        .values({ programmeId: pid, version: 1, title: '스마트상점 기술보급', changeReason: '시험', publishedAt: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await h.db.updateTable('programme').set({ currentVersionId: pv }).where('id', '=', pid).execute();
  }
  return (
    await h.db
      .insertInto('participation')
      .values({
        businessId,
        programmeId: pid!,
        programmeVersionId: pv,
        createdBy: clerkId,
        status,
        ...(status === 'submitted' ? { submittedOn: '2026-11-26', submissionChannel: 'online' as const } : {}),
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow()
  ).id;
}
const pVersion = async (id: string) => (await h.db.selectFrom('participation').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
const prefVersion = async () => (await h.db.selectFrom('contactPreference').select('version').where('businessId', '=', businessId).executeTakeFirst())?.version ?? 0;
const reminderMessages = () =>
  h.db
    .selectFrom('notification')
    .select(['id', 'template', 'channel', 'recipient', 'body', 'status', 'nextAttemptAt', 'locale'])
    .where('template', 'like', 'reminder.%')
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
const optOutPath = (body: string) => /\/u\/[A-Za-z0-9_-]{16}/.exec(body)?.[0] ?? null;

async function consent(extra: Record<string, string> = {}) {
  const res = await clerk.post(`/businesses/${businessId}/reminders`, {
    consent: 'on',
    consentMethod: 'written',
    sms: 'on',
    phone: '010-5555-6666',
    language: 'ko',
    weeklyLimit: '3',
    version: String(await prefVersion()),
    ...extra,
  });
  expect(res.status, await res.clone().text()).toBe(303);
  expect(res.headers.get('location')).toMatch(/^\/businesses\//);
}

/** After the clock moved on days, the clerk's session has ended: she signs in again. */
async function signInAgain() {
  clerk = h.client();
  expect((await clerk.login('rm-clerk')).status).toBe(303);
}

beforeAll(async () => {
  h = await createHarness({ ITDA_PUBLIC_URL: 'https://itda.gg.kr' });
  const officeId = await h.ensureOffice();
  const c = await h.createUser('clerk', { login: 'rm-clerk', officeId });
  clerkId = c.id;
  clerk = h.client();
  expect((await clerk.login(c.login)).status).toBe(303);
  businessId = (
    await h.db
      .insertInto('business')
      .values({ name: '알림 시험 가게', municipalityCode: '41110', sidoCode: '41', officeId, clerkId, phone: PHONE, operatingStatus: 'active' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('reminders (issue 13 §2)', () => {
  it('without consent, a status change queues nothing', async () => {
    const id = await participation('identified');
    const res = await clerk.post(`/participations/${id}`, { to: 'submitted', version: String(await pVersion(id)), submittedOn: '2026-11-27', channel: 'online' });
    expect(res.status).toBe(303);
    expect(await reminderMessages()).toEqual([]);
    expect(await h.db.selectFrom('reminder').select('id').execute()).toEqual([]);
  });

  it('the clerk records consent on the business page (text version, date, method; recorded write; stale form 409)', async () => {
    await consent();
    const pref = await h.db.selectFrom('contactPreference').selectAll().where('businessId', '=', businessId).executeTakeFirstOrThrow();
    expect(pref).toMatchObject({ sms: true, phone: PHONE, language: 'ko', consentTextVersion: '2026-1', consentMethod: 'written', withdrawnAt: null, weeklyLimit: 3 });
    expect(pref.consentedAt).toEqual(h.clock.now());
    const records = await h.db.selectFrom('accessRecord').select(['action', 'detail']).where('subjectId', '=', businessId).where('action', '=', 'update').execute();
    expect(records.some((r) => JSON.stringify(r.detail).includes('"consent":"given"'))).toBe(true);
    expect(await h.db.selectFrom('auditEvent').select('action').where('action', '=', 'reminders.consent').execute()).toHaveLength(1);
    // A form read before this save is refused.
    const stale = await clerk.post(`/businesses/${businessId}/reminders`, { consent: 'on', consentMethod: 'written', sms: 'on', phone: PHONE, language: 'en', weeklyLimit: '3', version: '0' });
    expect(stale.status).toBe(409);
    // A refused form comes back with the error beside the field.
    const bad = await clerk.post(`/businesses/${businessId}/reminders`, { consent: 'on', consentMethod: 'written', sms: 'on', phone: '', language: 'ko', weeklyLimit: '3', version: String(await prefVersion()) });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('휴대전화 번호가 필요합니다');
    const page = await (await clerk.get(`/businesses/${businessId}`)).text();
    expect(page).toContain('알림 받음');
    expect(page).toContain('알림 수신 동의서 2026-1');
  });

  let optOut: string;
  let selectedId: string;
  it('a status change reaches the owner: short SMS in plain words with an opt-out link; never twice', async () => {
    selectedId = await participation('submitted');
    const res = await clerk.post(`/participations/${selectedId}`, { to: 'selected', version: String(await pVersion(selectedId)), decidedOn: '2026-11-27' });
    expect(res.status).toBe(303);
    const all = await reminderMessages();
    // 선정 ends the participation: the satisfaction survey goes through the reminders too (counted in the limit).
    expect(all.map((m) => m.template).sort()).toEqual(['reminder.status_changed', 'reminder.survey']);
    const m = all.find((x) => x.template === 'reminder.status_changed');
    expect(m).toMatchObject({ template: 'reminder.status_changed', channel: 'sms', recipient: PHONE, status: 'pending', locale: 'ko' });
    expect(m!.body).toContain('스마트상점 기술보급: 선정됐어요');
    optOut = optOutPath(m!.body)!;
    expect(optOut).toBeTruthy();
    expect(m!.body).toContain(`https://itda.gg.kr${optOut}`);
    // One SMS (90 bytes EUC-KR), not an LMS, with a public address this short.
    expect(smsByteLength(m!.body)).toBeLessThanOrEqual(90);
    // The same event again (a retried job, a second call): nothing more.
    const again = await h.db.transaction().execute((trx) => h.services.reminders.statusChanged(trx, selectedId));
    expect(again).toEqual({ queued: 0, skipped: 'duplicate' });
    expect(await reminderMessages()).toHaveLength(2);
  });

  it('the business page shows what was sent, its state and the masked number', async () => {
    const html = await (await clerk.get(`/businesses/${businessId}`)).text();
    const page = html.slice(html.indexOf('id="reminders-sent"'), html.indexOf('id="papers-title"'));
    expect(page).toContain('id="reminders-sent"');
    expect(page).toContain('010-****-6666');
    expect(page).not.toContain(PHONE);
    expect(page).toContain('보낼 예정');
    expect(page).toContain('진행 상황 바뀜');
  });

  it('opening the opt-out link (GET) changes nothing: link previews are safe', async () => {
    const anon = h.client();
    const before = await h.db.selectFrom('contactPreference').select(['withdrawnAt', 'version']).where('businessId', '=', businessId).executeTakeFirstOrThrow();
    for (let i = 0; i < 2; i++) {
      const res = await anon.get(optOut);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('알림 그만 받기');
      expect(html).toContain(`action="${optOut}"`);
    }
    expect(await h.db.selectFrom('contactPreference').select(['withdrawnAt', 'version']).where('businessId', '=', businessId).executeTakeFirstOrThrow()).toEqual(before);
    expect((await reminderMessages()).map((m) => m.status)).toEqual(['pending', 'pending']);
    expect((await anon.get('/u/AAAAAAAAAAAAAAAA')).status).toBe(404);
  });

  it('confirming (POST, no sign-in) withdraws, cancels what is queued, is recorded, and stops later reminders', async () => {
    const anon = h.client();
    const res = await anon.post(optOut, {});
    expect(res.status).toBe(303);
    expect(await (await anon.get(res.headers.get('location')!)).text()).toContain('이제 잇다 알림을 보내지 않습니다');
    const pref = await h.db.selectFrom('contactPreference').selectAll().where('businessId', '=', businessId).executeTakeFirstOrThrow();
    expect(pref.withdrawnAt).toEqual(h.clock.now());
    expect(pref.withdrawnVia).toBe('opt_out_link');
    expect((await reminderMessages()).map((m) => m.status)).toEqual(['cancelled', 'cancelled']);
    const rec = await h.db.selectFrom('accessRecord').select(['accountId', 'action', 'detail']).where('subjectId', '=', businessId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(rec).toMatchObject({ accountId: null, action: 'update' });
    expect(JSON.stringify(rec.detail)).toContain('opt-out-link');
    expect(await h.db.selectFrom('auditEvent').select('action').where('action', '=', 'reminders.withdraw').execute()).toHaveLength(1);
    // Nothing goes out, now or later.
    expect((await h.services.notifications.deliverDue()).sent).toBe(0);
    const res2 = await clerk.post(`/participations/${selectedId}`, { to: 'benefited', version: String(await pVersion(selectedId)), amount: '1500000', benefitedOn: '2026-11-27' });
    expect(res2.status).toBe(303);
    expect(await reminderMessages()).toHaveLength(2);
    // A second press changes nothing and says so.
    expect((await anon.post(optOut, {})).status).toBe(303);
    expect(await (await anon.get(optOut)).text()).toContain('이미 알림을 그만 받기로 하셨습니다');
    expect(await h.db.selectFrom('auditEvent').select('action').where('action', '=', 'reminders.withdraw').execute()).toHaveLength(1);
    const page = await (await clerk.get(`/businesses/${businessId}`)).text();
    expect(page).toContain('알림의 수신거부 주소');
    expect(page).toContain('취소');
  });

  it('the outbox checks the consent again at delivery: a reminder queued before a withdrawal is not sent', async () => {
    await consent(); // given again (a new consent after the withdrawal)
    const id = await participation('submitted');
    await clerk.post(`/participations/${id}`, { to: 'rejected', version: String(await pVersion(id)), decidedOn: '2026-11-27', reason: '예산 소진' });
    const queued = (await reminderMessages()).filter((m) => m.status === 'pending');
    expect(queued.map((m) => m.template).sort()).toEqual(['reminder.status_changed', 'reminder.survey']);
    // The withdrawal lands while the row is already in a worker's hands (bypassing the cancel).
    await h.db.updateTable('contactPreference').set({ withdrawnAt: h.clock.now() }).where('businessId', '=', businessId).execute();
    h.clock.advance(1000);
    const counts = await h.services.notifications.deliverDue();
    expect(counts).toMatchObject({ sent: 0, cancelled: 2 });
    for (const q of queued) expect((await h.db.selectFrom('notification').select('status').where('id', '=', q.id).executeTakeFirstOrThrow()).status).toBe('cancelled');
  });

  it('SMS respects quiet hours (21–08 KST): queued at 22:00, due at 08:00', async () => {
    await h.db.updateTable('contactPreference').set({ withdrawnAt: null }).where('businessId', '=', businessId).execute();
    const saved = h.clock.current;
    h.clock.current = new Date('2026-11-27T13:00:00Z'); // 22:00 KST
    const id = await participation('submitted');
    await h.db.transaction().execute(async (trx) => {
      await trx.updateTable('participation').set({ status: 'withdrawn' }).where('id', '=', id).execute();
      expect(await h.services.reminders.statusChanged(trx, id)).toEqual({ queued: 1, skipped: null });
    });
    const m = (await reminderMessages()).at(-1)!;
    expect(m.nextAttemptAt.toISOString()).toBe('2026-11-27T23:00:00.000Z'); // 08:00 KST next day
    expect((await h.services.notifications.deliverDue()).sent).toBe(0);
    h.clock.current = new Date('2026-11-27T23:00:01Z');
    expect((await h.services.notifications.deliverDue()).sent).toBe(1);
    expect((await h.db.selectFrom('notification').select(['status', 'body']).where('id', '=', m.id).executeTakeFirstOrThrow()).body).toContain('••••••••');
    h.clock.current = saved;
  });

  it('limited reminders stop at the weekly limit; status changes do not count', async () => {
    await consent({ weeklyLimit: '2' });
    const remind = (subjectKey: string, event: 'document_due' | 'status_changed' = 'document_due') =>
      h.db.transaction().execute((trx) => h.services.reminders.remind(trx, { businessId, event, subjectKey, params: { programme: 'x', deadline: '12.20', documents: '납세증명서' } }));
    expect((await remind('w1')).queued).toBe(1);
    expect((await remind('w2')).queued).toBe(1);
    expect(await remind('w3')).toEqual({ queued: 0, skipped: 'limit' });
    expect((await remind('s1', 'status_changed')).queued).toBe(1);
    // A week later the window has moved on.
    h.clock.advance(7 * 86_400_000 + 1000);
    expect((await remind('w3')).queued).toBe(1);
  });

  it('the weekly digest: new programmes the business may apply for under reviewed rules, at most once a week', async () => {
    await signInAgain();
    await consent({ weeklyLimit: '14' });
    const add = async (key: string, review: 'reviewed' | 'drafted') => {
      const p = await h.db.insertInto('programme').values({ key, source: 'manual', sourceId: key }).returning('id').executeTakeFirstOrThrow();
      const v = await h.db
        .insertInto('programmeVersion')
        .values({
          programmeId: p.id,
          version: 1,
          title: `${key} 지원`,
          changeReason: '시험',
          municipalities: ['41110'],
          rule: JSON.stringify({ not: { type: 'operatingStatus', allowed: ['closed', 'suspended'] } }),
          ruleReview: review,
          ...(review === 'reviewed' ? { ruleReviewedByName: '검토자', ruleReviewedAt: h.clock.now() } : {}),
          createdAt: h.clock.now(),
          publishedAt: h.clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await h.db.updateTable('programme').set({ currentVersionId: v.id }).where('id', '=', p.id).execute();
    };
    await add('수원 새 가게', 'reviewed');
    await add('검토 전 공고', 'drafted');
    const first = await h.services.reminders.weeklyDigest();
    expect(first.queued).toBe(1);
    const digest = (await reminderMessages()).filter((m) => m.template === 'reminder.digest');
    expect(digest).toHaveLength(1);
    expect(digest[0]!.body).toContain('새 지원사업 1개');
    expect(digest[0]!.body).toContain('수원 새 가게');
    expect(digest[0]!.body).not.toContain('검토 전 공고');
    // Run again the same week (a retry, a second instance): nothing more.
    h.clock.advance(2 * 86_400_000);
    expect((await h.services.reminders.weeklyDigest()).queued).toBe(0);
    expect((await reminderMessages()).filter((m) => m.template === 'reminder.digest')).toHaveLength(1);
  });

  it('documents due: a required paper missing before a near deadline, once per participation and deadline', async () => {
    const today = h.clock.now();
    const deadline = new Date(today.getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
    const p = await h.db.insertInto('programme').values({ key: 'rm-doc', source: 'manual', sourceId: 'rm-doc' }).returning('id').executeTakeFirstOrThrow();
    const v = await h.db
      .insertInto('programmeVersion')
      .values({ programmeId: p.id, version: 1, title: '서류 시험 사업', changeReason: '시험', requiredDocuments: ['national_tax_certificate'], periodKind: 'range', periodEnd: deadline, publishedAt: today })
      .returning('id')
      .executeTakeFirstOrThrow();
    await participation('preparing', v.id, p.id);
    const r = await h.services.reminders.documentsDue();
    expect(r.queued).toBe(1);
    const m = (await reminderMessages()).filter((x) => x.template === 'reminder.document_due').at(-1)!;
    expect(m.body).toContain('서류 시험 사업');
    expect(m.body).toContain('납세증명서');
    expect((await h.services.reminders.documentsDue()).queued).toBe(0);
  });

  it('the owner sees her reminders on her page and can stop them there; the language follows her choice', async () => {
    await signInAgain();
    await consent({ language: 'en' });
    h.clock.advance(1000); // the messages below are the newest
    const id = await participation('submitted');
    await clerk.post(`/participations/${id}`, { to: 'selected', version: String(await pVersion(id)), decidedOn: '2026-11-27' });
    const m = (await reminderMessages()).at(-1)!;
    expect(m.locale).toBe('en');
    expect(m.body).toContain('selected. Stop: https://itda.gg.kr/u/');
    const token = await h.services.owner.sendLink(
      { userId: clerkId, login: 'rm-clerk', displayName: 'c', role: 'clerk', officeId: null, locale: 'ko', via: 'session' },
      businessId,
      { ip: null, requestId: 't' },
    );
    const owner = h.client();
    const page = await (await owner.get(`/o/${token}`)).text();
    expect(page).toContain('id="owner-reminders"');
    expect(page).toContain('알림 그만 받기');
    expect((await owner.post(`/o/${token}/reminders`, { action: 'withdraw' })).status).toBe(303);
    const pref = await h.db.selectFrom('contactPreference').select(['withdrawnAt', 'withdrawnVia']).where('businessId', '=', businessId).executeTakeFirstOrThrow();
    expect(pref.withdrawnVia).toBe('owner_link');
    expect(await (await owner.get(`/o/${token}`)).text()).toContain('알림을 받지 않으십니다');
  });
});
