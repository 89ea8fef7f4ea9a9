/**
 * Issue 13 §4 "In the owner's language": the owner-facing pages in ko, en, zh (zh-Hans) and vi; the
 * choice from `?lang=`, the switch (remembered in a cookie) or Accept-Language; staff pages stay in
 * full-coverage languages; every key an owner page renders exists in zh and vi (no Korean fallback);
 * the help request keeps the owner's language and her SMS is in it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { observeFallbacks } from '../../src/i18n/i18n.ts';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

let h: Harness;
let clerk: TestClient;
let ownerPath: string;

const ANSWERS = 'municipalityCode=41110&ksicCode=56193&openedMonth=2021-03&revenueBand=100m-300m&workers=2&legalForm=individual&ageBand=40-49&ownerGender=female&ownerDisabled=no&ownerVeteran=no';
const htmlLangOf = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1];

beforeAll(async () => {
  h = await createHarness();
  h.clock.current = new Date('2026-12-02T01:00:00Z');
  // One programme for each group of the result page, so each of its texts is rendered.
  await h.createProgramme({ key: 'lg-small', title: '소상공인 경영개선 지원', rule: { all: [{ type: 'revenue', max: 300_000_000 }] }, period: ['2026-11-01', '2026-12-31'] });
  await h.createProgramme({ key: 'lg-cap2', title: '매출 2억 이하 가게 지원', rule: { all: [{ type: 'revenue', max: 200_000_000 }] } });
  await h.createProgramme({ key: 'lg-age1', title: '개업 1년 넘은 가게 지원', rule: { all: [{ type: 'businessAge', minMonths: 12 }] } });
  const officeId = await h.ensureOffice();
  const c = await h.createUser('clerk', { login: 'lang-clerk', officeId });
  clerk = h.client();
  expect((await clerk.login(c.login)).status).toBe(303);
  const businessId = (
    await h.db
      .insertInto('business')
      .values({ name: '하노이 쌀국수', municipalityCode: '41110', officeId, clerkId: c.id, phone: '01055556666' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  expect((await clerk.post(`/businesses/${businessId}/owner-link`, {})).status).toBe(303);
  const sms = await h.db.selectFrom('notification').select('body').where('template', '=', 'owner.link').executeTakeFirstOrThrow();
  ownerPath = /\/o\/[A-Za-z0-9_-]{20,}/.exec(sms.body)![0];
});
afterAll(async () => {
  await h?.close();
});
afterEach(() => observeFallbacks(null));

describe('choosing the language', () => {
  it('guesses from Accept-Language without remembering it; ?lang= wins and is remembered in the cookie', async () => {
    const browser = h.client();
    const guessed = await browser.get('/check', { 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.5' });
    const html = await guessed.text();
    expect(htmlLangOf(html)).toBe('vi');
    expect(html).toContain('Bắt đầu');
    expect(browser.cookies.has('itda_lang')).toBe(false);

    const asked = await (await browser.get('/check?lang=zh', { 'accept-language': 'vi' })).text();
    expect(htmlLangOf(asked)).toBe('zh-Hans');
    expect(asked).toContain('开始');
    expect(browser.cookies.get('itda_lang')).toBe('zh');
    // Remembered: the next page, without ?lang= and whatever the browser says.
    expect(htmlLangOf(await (await browser.get('/check?step=1', { 'accept-language': 'en' })).text())).toBe('zh-Hans');
  });

  it('the switch on an owner page offers the four languages, remembers the choice and keeps the answers', async () => {
    const browser = h.client();
    const page = await (await browser.get(`/check?step=3&${ANSWERS}`)).text();
    for (const label of ['한국어', 'English', '中文(简体)', 'Tiếng Việt']) expect(page).toContain(`>${label}</button>`);
    expect(page).toContain('lang="zh-Hans"'); // the button's own label is marked in its language
    const returnTo = /name="returnTo" value="([^"]+)"/.exec(page)![1]!.replace(/&amp;/g, '&');
    expect(returnTo).toContain('ksicCode=56193');
    const res = await browser.post('/locale', { locale: 'vi', returnTo });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(returnTo);
    const after = await (await browser.get(returnTo)).text();
    expect(htmlLangOf(after)).toBe('vi');
    expect(after).toContain('Cửa hàng mở khi nào?');
  });

  it('staff pages stay in Korean or English: a vi cookie does not make a half-translated sign-in page', async () => {
    const browser = h.client();
    await browser.get('/check?lang=vi');
    const login = await (await browser.get('/login')).text();
    expect(htmlLangOf(login)).toBe('ko');
    expect(login).not.toContain('>Tiếng Việt</button>');
    expect(login).toContain('>English</button>');
    // A clerk who chose Vietnamese on the owner's view still works in Korean.
    await clerk.get('/check?lang=vi');
    expect(htmlLangOf(await (await clerk.get('/help-requests')).text())).toBe('ko');
  });
});

describe('large text', () => {
  it('?text=large turns it on for this page and later ones (cookie); the toggle then offers normal text', async () => {
    const browser = h.client();
    const off = await (await browser.get('/check?lang=vi')).text();
    expect(off).not.toContain('itda-text-large');
    expect(off).toContain('Chữ lớn');
    const on = await (await browser.get('/check?text=large')).text();
    expect(on).toMatch(/<html lang="vi" class="itda-text-large">/);
    expect(browser.cookies.get('itda_text')).toBe('large');
    const later = await (await browser.get('/check?step=2')).text();
    expect(later).toContain('class="itda-text-large"');
    expect(later).toContain('href="/check?step=2&amp;text=normal"');
    expect(later).toContain('Chữ thường');
    expect(await (await browser.get('/check?text=normal')).text()).not.toContain('itda-text-large');
  });
});

describe('every key an owner page renders exists in zh and vi', () => {
  const ownerPages = () => [
    '/check',
    ...Array.from({ length: 8 }, (_, i) => `/check?step=${i + 1}&${ANSWERS}`),
    '/check?step=2&ksicWord=%EC%B9%98%ED%82%A8',
    `/check?step=result&${ANSWERS}`,
    `/check?step=result&${ANSWERS.replace('2021-03', '2026-06')}`,
    '/check?step=result&municipalityCode=41110',
    `/check/help?${ANSWERS}`,
    '/check/help/sent?office=%EC%8B%9C%ED%97%98',
    '/check/help/sent',
    ownerPath,
    '/o/not-a-valid-token-aaaaaaaaaaaaaaaa',
    '/check/nothing-here',
  ];

  for (const locale of ['zh', 'vi']) {
    it(`${locale}: no owner page falls back to Korean for a catalogue key`, async () => {
      const fallbacks = new Set<string>();
      observeFallbacks((loc, key) => {
        if (loc === locale) fallbacks.add(key);
      });
      const browser = h.client();
      await browser.get(`/check?lang=${locale}`);
      for (const path of ownerPages()) {
        const res = await browser.get(path);
        const html = await res.text();
        expect(htmlLangOf(html), path).toBe(locale === 'zh' ? 'zh-Hans' : 'vi');
      }
      // The error paths of the forms: a refused help request and a refused self-check answer.
      const refused = await browser.post('/check/help', { name: '', phone: '12', municipalityCode: '', preferredTime: '', website: '' });
      expect(refused.status).toBe(400);
      expect(htmlLangOf(await refused.text())).toBe(locale === 'zh' ? 'zh-Hans' : 'vi');
      expect((await browser.get('/check?step=3&go=next&openedMonth=soon')).status).toBe(400);
      const refusedRequest = await browser.post(`${ownerPath}/requests`, { kind: '', reason: '' });
      expect(refusedRequest.status).toBe(400);
      observeFallbacks(null);
      expect([...fallbacks].sort()).toEqual([]);
    });
  }
});

describe('the owner language on the help request', () => {
  it('is kept with the request, her SMS is in it, and the clerk sees it in the queue', async () => {
    const browser = h.client();
    await browser.get('/check?lang=vi');
    const res = await browser.post('/check/help', {
      name: 'Nguyễn Thị Lan',
      phone: '010-7777-8888',
      municipalityCode: '41110',
      preferredTime: 'afternoon',
      consent: 'on',
      website: '',
      ksicCode: '56193',
    });
    expect(res.status).toBe(303);
    const row = await h.db.selectFrom('helpRequest').select(['id', 'language']).where('phone', '=', '010-7777-8888').executeTakeFirstOrThrow();
    expect(row.language).toBe('vi');
    const sms = await h.db.selectFrom('notification').select(['body', 'locale']).where('recipient', '=', '01077778888').executeTakeFirstOrThrow();
    expect(sms.locale).toBe('vi');
    expect(sms.body).toContain('Đã nhận yêu cầu');
    const queue = await (await clerk.get('/help-requests')).text();
    expect(queue).toContain('Nguyễn Thị Lan');
    expect(queue).toContain('<strong lang="vi">Tiếng Việt</strong>');
  });
});
