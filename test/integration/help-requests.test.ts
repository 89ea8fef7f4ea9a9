/**
 * Issue 13 §1: "공공사무원의 도움 받기" — a public help request after the self-check goes to the queue of
 * the office covering its 시·군 with the answers as facts; the owner gets an SMS; the office converts it
 * into a tracked business in one step. 주민등록번호 refused, honeypot, per-address limit, input kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestClient } from '../harness.ts';
import { isValidBrn } from '../../src/domain/identifiers.ts';
import { ownerLanguageOf } from '../../src/modules/owner/owner.repository.ts';

/** A valid 사업자등록번호 (the check digit computed) not used elsewhere in this file. */
async function validBrn(n: number): Promise<string> {
  const head = `31081${String(4000 + n).padStart(4, '0')}`;
  for (let d = 0; d < 10; d++) if (isValidBrn(`${head}${d}`)) return `${head.slice(0, 3)}-${head.slice(3, 5)}-${head.slice(5)}${d}`;
  throw new Error('no check digit');
}

let h: Harness;
let lead: TestClient;
let otherLead: TestClient;
let owner: TestClient;

const form = (over: Record<string, string> = {}) => ({
  name: '김사장',
  phone: '010-2222-3333',
  municipalityCode: '41110',
  preferredTime: 'morning',
  consent: 'on',
  website: '',
  ksicCode: '56193',
  openedMonth: '2021-03',
  revenueBand: '100m-300m',
  workers: '2',
  legalForm: 'individual',
  ...over,
});

beforeAll(async () => {
  h = await createHarness();
  const officeId = await h.ensureOffice(); // covers 수원 41110
  const region = await h.db.selectFrom('region').select('id').orderBy('id').executeTakeFirstOrThrow();
  const other = await h.db.insertInto('office').values({ name: '용인 사무소', regionId: region.id, address: null, phone: null }).returning('id').executeTakeFirstOrThrow();
  await h.db.insertInto('officeMunicipality').values({ officeId: other.id, municipalityCode: '41460' }).execute();
  const l = await h.createUser('office_lead', { login: 'help-lead', officeId });
  const ol = await h.createUser('office_lead', { login: 'help-lead-yongin', officeId: other.id });
  const o = await h.createUser('owner', { login: 'help-owner' });
  lead = h.client();
  otherLead = h.client();
  owner = h.client();
  await lead.login(l.login);
  await otherLead.login(ol.login);
  await owner.login(o.login);
});
afterAll(async () => {
  await h?.close();
});

describe('help request', () => {
  let id: string;

  it('the form carries the self-check answers and the consent text version', async () => {
    const html = await (await h.client().get('/check/help?municipalityCode=41110&ksicCode=56193&revenueBand=100m-300m')).text();
    expect(html).toContain('<input type="hidden" name="ksicCode" value="56193"');
    expect(html).toContain('help-2026-1');
    expect(html).toContain('name="website"');
  });

  it('goes to the queue of the office covering the 시·군, with the answers as facts, and texts the owner', async () => {
    const res = await h.client().post('/check/help', form());
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/check/help/sent?office=');
    const row = await h.db.selectFrom('helpRequest').selectAll().executeTakeFirstOrThrow();
    id = row.id;
    expect(row).toMatchObject({ name: '김사장', phone: '010-2222-3333', municipalityCode: '41110', status: 'open', consentTextVersion: 'help-2026-1' });
    expect(row.officeId).toBe(await h.ensureOffice());
    expect(row.answers).toMatchObject({ ksicCode: '56193', openedMonth: '2021-03', revenueBand: '100m-300m', workers: 2, legalForm: 'individual' });
    const sms = await h.db.selectFrom('notification').select(['channel', 'recipient', 'body']).where('template', '=', 'help.received').executeTakeFirstOrThrow();
    expect(sms).toMatchObject({ channel: 'sms', recipient: '01022223333' });
    expect(sms.body).toContain('시험 사무소');
  });

  it('the covering office sees it (recorded in the 접속기록); another office and the owner do not', async () => {
    const res = await lead.get('/help-requests');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('김사장');
    expect(html).toContain('010-2222-3333');
    const rec = await h.db.selectFrom('accessRecord').selectAll().where('requestId', '=', res.headers.get('x-request-id')!).executeTakeFirstOrThrow();
    expect(rec).toMatchObject({ accountLogin: 'help-lead', subjectType: 'help_request_list', action: 'view' });
    expect(await (await otherLead.get('/help-requests')).text()).not.toContain('김사장');
    expect((await otherLead.get(`/businesses/new?helpRequest=${id}`)).status).toBe(403);
    expect((await owner.get('/help-requests')).status).toBe(403);
    expect((await h.client().get('/help-requests')).status).not.toBe(200);
  });

  it('converts into a tracked business in one step: the intake is pre-filled, saving closes the request', async () => {
    const prefilled = await (await lead.get(`/businesses/new?helpRequest=${id}`)).text();
    expect(prefilled).toContain('value="김사장"');
    expect(prefilled).toContain('value="56193"');
    expect(prefilled).toContain('value="2021-03-01"');
    expect(prefilled).toContain(`name="helpRequestId" value="${id}"`);
    const res = await lead.post('/businesses/new', {
      helpRequestId: id,
      brn: '220-81-62517',
      name: '김사장 치킨',
      ownerName: '김사장',
      phone: '010-2222-3333',
      municipalityCode: '41110',
      ksicCode: '56193',
      openedOn: '2021-03-01',
      consentCollection: 'verbal',
    });
    expect(res.status).toBe(303);
    const businessId = /\/businesses\/([0-9a-f-]{36})/.exec(res.headers.get('location')!)![1]!;
    const row = await h.db.selectFrom('helpRequest').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'converted', businessId });
    // Deleted 90 days after conversion (retention).
    expect(row.purgeAfter!.getTime() - row.closedAt!.getTime()).toBe(90 * 86_400_000);
    expect(await (await lead.get('/help-requests')).text()).not.toContain('김사장');
  });

  it('refuses a 주민등록번호 in any field, in Korean, and stores nothing', async () => {
    // Refused at the edge (checkInput, issue 14 §1) with its one page: the form's values are not
    // re-rendered there (the browser's Back keeps them); the service refuses it too (refuseRrn).
    const res = await h.client().post('/check/help', form({ name: '박영희 800101-2345678' }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('주민등록번호');
    await expect(h.services.helpRequests.submit(form({ name: '박영희 800101-2345678' }))).rejects.toThrow();
    expect(await h.db.selectFrom('helpRequest').select('id').where('name', 'like', '박영희%').execute()).toEqual([]);
  });

  it('says what is wrong in plain Korean without losing input (no consent, bad phone)', async () => {
    const res = await h.client().post('/check/help', form({ consent: '', phone: '02-123-4567', name: '이가게' }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('연락을 드리려면 동의가 필요합니다');
    expect(html).toContain('휴대전화 번호를 010-1234-5678처럼 쓰세요.');
    expect(html).toContain('value="이가게"');
  });

  it('a bot filling the honeypot is answered as if received, and nothing is stored', async () => {
    const before = (await h.db.selectFrom('helpRequest').select('id').execute()).length;
    const res = await h.client().post('/check/help', form({ website: 'http://spam.example', name: '봇' }));
    expect(res.status).toBe(303);
    expect((await h.db.selectFrom('helpRequest').select('id').execute()).length).toBe(before);
  });

  it('limits requests per address (429, Korean message, input kept)', async () => {
    const c = h.client();
    let last: Response | undefined;
    for (let i = 0; i < 12; i++) last = await c.post('/check/help', form({ consent: '', name: '한도시험' }));
    expect(last!.status).toBe(429);
    const html = await last!.text();
    expect(html).toContain('요청이 너무 많습니다');
    expect(html).toContain('value="한도시험"');
    expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('the retention job deletes requests 90 days after they were closed', async () => {
    h.clock.advance(91 * 86_400_000);
    expect(await h.services.helpRequests.purge()).toBe(1);
    expect(await h.db.selectFrom('helpRequest').select('id').where('id', '=', id).execute()).toEqual([]);
  });
});

/**
 * Issue 13 acceptance, the service side: what she chose on the help form reaches her after the
 * conversion — her language and phone in the contact preferences, the reminders consent only if she
 * ticked it — so the first status change texts her, in her language, with an opt-out that works.
 */
describe('help request → reminders she agreed to on the form', () => {
  const ids: Record<'with' | 'without', string> = { with: '', without: '' };
  const businesses: Record<'with' | 'without', string> = { with: '', without: '' };
  const phones = { with: '010-7777-1234', without: '010-7777-5678' };

  beforeAll(async () => {
    // The retention test above moved the clock 91 days: the lead's session has expired since.
    expect((await lead.login('help-lead')).status).toBe(303);
  });

  /** Through the service: this file's address has used up its hourly limit of the form above. */
  async function submit(which: 'with' | 'without') {
    await h.services.helpRequests.submit(form({ name: `Nguyễn ${which}`, phone: phones[which], ...(which === 'with' ? { reminders: 'on' } : {}) }), 'vi');
    const row = await h.db.selectFrom('helpRequest').selectAll().where('phone', '=', phones[which]).executeTakeFirstOrThrow();
    ids[which] = row.id;
    return row;
  }

  it('records the reminders consent (text version, time) only when she ticks it', async () => {
    const withRow = await submit('with');
    const withoutRow = await submit('without');
    expect(withRow).toMatchObject({ language: 'vi', remindersConsentVersion: '2026-1' });
    expect(withRow.remindersConsentedAt).toEqual(withRow.consentGivenAt);
    expect(withoutRow).toMatchObject({ language: 'vi', remindersConsentVersion: null, remindersConsentedAt: null });
    // The box is on the form, apart from the contact consent, in her language.
    const html = await (await h.client().get('/check/help?lang=vi&municipalityCode=41110')).text();
    expect(html).toContain('name="reminders"');
    expect(html).toContain('Nhận tin nhắn về tình hình hỗ trợ');
  });

  it('conversion carries phone, language and (only if given) the consent into the contact preferences', async () => {
    for (const which of ['with', 'without'] as const) {
      const brn = await validBrn(which === 'with' ? 1 : 2);
      const res = await lead.post('/businesses/new', {
        helpRequestId: ids[which],
        brn,
        name: `Phở ${which}`,
        ownerName: `Nguyễn ${which}`,
        phone: phones[which],
        municipalityCode: '41110',
        ksicCode: '56193',
        openedOn: '2021-03-01',
        consentCollection: 'verbal',
      });
      expect(res.status, await res.text()).toBe(303);
      expect(res.headers.get('location')).toMatch(/^\/businesses\/[0-9a-f-]{36}/);
      businesses[which] = /\/businesses\/([0-9a-f-]{36})/.exec(res.headers.get('location')!)![1]!;
    }
    const prefWith = await h.db.selectFrom('contactPreference').selectAll().where('businessId', '=', businesses.with).executeTakeFirstOrThrow();
    expect(prefWith).toMatchObject({ sms: true, email: false, alimtalk: false, phone: phones.with.replace(/-/g, ''), language: 'vi', consentTextVersion: '2026-1', consentMethod: 'electronic', consentRecordedBy: null, withdrawnAt: null });
    const prefWithout = await h.db.selectFrom('contactPreference').selectAll().where('businessId', '=', businesses.without).executeTakeFirstOrThrow();
    expect(prefWithout).toMatchObject({ sms: false, language: 'vi', consentTextVersion: null, consentedAt: null });
    const audit = await h.db.selectFrom('auditEvent').select(['action', 'subjectId', 'detail']).where('action', '=', 'reminders.consent').where('subjectId', '=', businesses.with).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.detail)).toContain('help_request');
    // Her page and her SMS link follow the language now held in the preferences.
    expect(await ownerLanguageOf(h.db, businesses.with)).toBe('vi');
  });

  it('a status change texts her in Vietnamese with an opt-out link; without the consent nothing is queued', async () => {
    const clerkRow = await h.db.selectFrom('appUser').select('id').where('login', '=', 'help-lead').executeTakeFirstOrThrow();
    const p = await h.db.insertInto('programme').values({ key: 'help-rm-p', source: 'manual', sourceId: 'help-rm-p' }).returning('id').executeTakeFirstOrThrow();
    const pv = await h.db
      .insertInto('programmeVersion')
      .values({ programmeId: p.id, version: 1, title: '스마트상점 기술보급', changeReason: '시험', publishedAt: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await h.db.updateTable('programme').set({ currentVersionId: pv.id }).where('id', '=', p.id).execute();
    const part: Record<string, string> = {};
    for (const which of ['with', 'without'] as const) {
      const row = await h.db
        .insertInto('participation')
        .values({ businessId: businesses[which], programmeId: p.id, programmeVersionId: pv.id, createdBy: clerkRow.id, status: 'identified' })
        .returning(['id', 'version'])
        .executeTakeFirstOrThrow();
      part[which] = row.id;
      const res = await lead.post(`/participations/${row.id}`, { to: 'submitted', version: String(row.version), submittedOn: '2026-11-27', channel: 'online' });
      expect(res.status).toBe(303);
    }
    const sms = (phone: string) =>
      h.db.selectFrom('notification').select(['body', 'locale', 'status', 'template']).where('recipient', '=', phone).where('template', 'like', 'reminder.%').execute();
    expect(await sms(phones.without)).toEqual([]);
    expect(await sms(phones.without.replace(/-/g, ''))).toEqual([]);
    const sent = await sms(phones.with.replace(/-/g, ''));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ locale: 'vi', status: 'pending', template: 'reminder.status_changed' });
    const optOut = /\/u\/[A-Za-z0-9_-]{16}/.exec(sent[0]!.body)?.[0];
    expect(optOut, sent[0]!.body).toBeTruthy();
    // The link works without sign-in, in her language, and stops what is queued.
    const anon = h.client();
    const ask = await (await anon.get(optOut!)).text();
    expect(ask).toContain('lang="vi"');
    expect((await anon.post(optOut!, {})).status).toBe(303);
    const pref = await h.db.selectFrom('contactPreference').selectAll().where('businessId', '=', businesses.with).executeTakeFirstOrThrow();
    expect(pref.withdrawnVia).toBe('opt_out_link');
    expect((await sms(phones.with.replace(/-/g, ''))).map((m) => m.status)).toEqual(['cancelled']);
  });
});
