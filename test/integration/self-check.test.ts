/**
 * Issue 13 §1: the public self-check /check — no sign-in, one question per screen, answers kept in
 * the query string, "모름" on every screen, only reviewed rules judged, ranges judged at their ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  h.clock.current = new Date('2026-12-02T01:00:00Z');
  // Revenue cap 3억: a "1억~3억" answer is under it at both ends.
  await h.createProgramme({ key: 'sc-small', title: '소상공인 경영개선 지원', rule: { all: [{ type: 'revenue', max: 300_000_000 }] } });
  // Cap 2억 falls inside "1억~3억": unknown until the exact revenue is known.
  await h.createProgramme({ key: 'sc-cap2', title: '매출 2억 이하 가게 지원', rule: { all: [{ type: 'revenue', max: 200_000_000 }] } });
  // 업력 1년 이상: a shop opened 2026-06 qualifies from 2027-06.
  await h.createProgramme({ key: 'sc-age1', title: '개업 1년 넘은 가게 지원', rule: { all: [{ type: 'businessAge', minMonths: 12 }] } });
  // 청년 (39세 이하) 대표자.
  await h.createProgramme({ key: 'sc-youth', title: '청년 사장님 지원', rule: { all: [{ type: 'ownerAge', max: 39 }] } });
  // A drafted rule: never judged on the public page, not even listed.
  await h.createProgramme({ key: 'sc-drafted', title: '검토 전 공고', rule: { all: [] }, review: 'drafted' });
  // Fits, but its period ended before today (2026-12-02): not offered to an owner.
  await h.createProgramme({ key: 'sc-ended', title: '마감된 지원', rule: { all: [] }, period: ['2026-11-01', '2026-11-30'] });
});
afterAll(async () => {
  await h?.close();
});

const anon = () => h.client();

describe('/check, the public self-check', () => {
  it('starts without sign-in and walks one question per screen, showing progress', async () => {
    const c = anon();
    const intro = await c.get('/check');
    expect(intro.status).toBe(200);
    const html = await intro.text();
    expect(html).toContain('시작하기');
    const s1 = await (await c.get('/check?step=1')).text();
    expect(s1).toContain('1 / 8');
    expect(s1).toContain('수원시');
    expect(s1).toContain('name="go" value="skip"');
  });

  it('"다음" redirects to the next screen with every answer in the URL; "이전" keeps them', async () => {
    const c = anon();
    const r = await c.get('/check?step=1&municipalityCode=41110&go=next');
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/check?municipalityCode=41110&step=2');
    const s4 = await (await c.get('/check?step=4&municipalityCode=41110&ksicCode=56193&revenueBand=100m-300m')).text();
    expect(s4).toContain('4 / 8');
    // The chosen band is checked, the other answers are carried in hidden fields.
    expect(s4).toMatch(/value="100m-300m" checked/);
    expect(s4).toContain('<input type="hidden" name="ksicCode" value="56193"');
    expect(s4).toContain('href="/check?municipalityCode=41110&amp;ksicCode=56193&amp;revenueBand=100m-300m&amp;step=3"');
  });

  it('"모름" forgets only this screen\'s answer', async () => {
    const r = await anon().get('/check?step=3&municipalityCode=41110&openedMonth=2021-03&go=skip');
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/check?municipalityCode=41110&step=4');
  });

  it('refuses an invalid answer in plain Korean and keeps what was typed', async () => {
    const r = await anon().get('/check?step=3&municipalityCode=41110&openedMonth=2021-13&go=next');
    expect(r.status).toBe(400);
    const html = await r.text();
    expect(html).toContain('연도와 달을 2021-03처럼 쓰세요.');
    expect(html).toContain('value="2021-13"');
  });

  it('finds the 업종 by everyday words: 치킨집 → 56193, 미용실 → 96112', async () => {
    const chicken = await (await anon().get('/check?step=2&ksicWord=%EC%B9%98%ED%82%A8%EC%A7%91&go=search')).text();
    expect(chicken).toMatch(/value="56193"/);
    expect(chicken).toContain('치킨 전문점');
    const salon = await (await anon().get(`/check?step=2&ksicWord=${encodeURIComponent('미용실')}`)).text();
    expect(salon).toMatch(/value="96112"/);
  });

  it('result: fits now, one fact short (a cap inside the revenue range), opening later; drafted rules left out', async () => {
    const q = new URLSearchParams({
      step: 'result',
      municipalityCode: '41110',
      ksicCode: '56193',
      openedMonth: '2026-06',
      revenueBand: '100m-300m',
      ageBand: '30-39',
    });
    const r = await anon().get(`/check?${q}`);
    expect(r.status).toBe(200);
    const html = await r.text();
    const section = (id: string) => html.split(`id="${id}"`)[1]?.split('</section>')[0] ?? '';
    expect(section('fit-now')).toContain('소상공인 경영개선 지원');
    expect(section('fit-now')).toContain('청년 사장님 지원');
    expect(section('fit-now')).toContain('https://example.org/notice/sc-small');
    expect(section('one-more')).toContain('매출 2억 이하 가게 지원');
    expect(section('one-more')).toContain('정확한 연매출');
    expect(section('later')).toContain('개업 1년 넘은 가게 지원');
    expect(html).not.toContain('검토 전 공고');
    expect(html).not.toContain('마감된 지원');
    expect(html).toContain('/check/help?');
    // The "why" reads her answers as she gave them, not as the lower end the engine judged first.
    const why = section('fit-now').replace(/<[^>]+>/g, '');
    expect(why).toContain('연매출 3억 원 이하 — 연매출 1억 원 이상 3억 원 미만 (답한 범위)');
    expect(why).toContain('대표자 만 39세 이하 — 대표자 만 30~39세 (답한 범위)');
    expect(why).not.toMatch(/— 연매출 1억 원(?! 이상)/);
    expect(why).not.toContain('대표자 만 30세');
    // A cap inside the band: the line says 확인 필요, not the lower end's 충족.
    const ask = section('one-more').replace(/<[^>]+>/g, '');
    expect(ask).toContain('확인 필요 연매출 2억 원 이하 — 연매출 1억 원 이상 3억 원 미만 (답한 범위)');
    expect(ask).not.toContain('충족 연매출 2억');
  });

  it('result in Vietnamese: the summary and the "why" in her language, Korean only for official terms and names, marked lang="ko"', async () => {
    const q = 'step=result&municipalityCode=41110&ksicCode=56193&openedMonth=2026-06&revenueBand=100m-300m&ageBand=30-39';
    const html = await (await anon().get(`/check?${q}&lang=vi`)).text();
    const fit = html.split('id="fit-now"')[1]?.split('</section>')[0] ?? '';
    const card = fit.split('<li class="itda-card').find((x) => x.includes('sc-small')) ?? '';
    // The notice's title as written, marked Korean; the summary and the explanation in Vietnamese.
    expect(card).toContain('<h3 lang="ko">소상공인 경영개선 지원</h3>');
    expect(card).toContain('Có thể đăng ký — đáp ứng cả 2 điều kiện');
    expect(card).toContain('Đáp ứng tất cả các điều kiện sau');
    expect(card).toContain('<span class="itda-crit-status">Đáp ứng</span>');
    expect(card).toContain('Doanh thu năm (<span lang="ko">연매출</span>): không quá 300 triệu won');
    // Her answer was a range (1억~3억): the value says so, not its lower end.
    expect(card).toContain(' — từ 100 triệu won đến dưới 300 triệu won');
    const why = card.split('<ul class="itda-explanation">')[1]?.split('</details>')[0] ?? '';
    expect(why).not.toBe('');
    expect(why.replace(/<span lang="ko">[^<]*<\/span>/g, '')).not.toMatch(/[가-힣]/);
    // The Korean summary is not on the page.
    expect(card).not.toContain('신청 가능');
    // An owner page, so no catalogue key fell back to Korean either: the openings read in Vietnamese.
    const later = html.split('id="later"')[1]?.split('</section>')[0] ?? '';
    expect(later).toContain('Có thể đăng ký từ ngày 2027-06-01');
    // Korean pages keep the engine's own sentences.
    const ko = await (await anon().get(`/check?${q}&lang=ko`)).text();
    expect(ko).toContain('신청 가능 — 조건 2개 모두 충족');
    expect(ko).toContain('연매출 3억 원 이하');
  });

  it('result in Chinese: the same explanation in Simplified Chinese', async () => {
    const html = await (await anon().get('/check?step=result&municipalityCode=41110&openedMonth=2026-06&revenueBand=100m-300m&lang=zh')).text();
    expect(html).toContain('年销售额 (<span lang="ko">연매출</span>)：3亿韩元以下');
    expect(html).toContain('可以申请 — 2项条件全部符合');
  });

  it('an age range across the limit is not judged: 30대 fits 39세 이하, 40대 does not, and nothing is stored', async () => {
    const before = await h.db.selectFrom('accessRecord').select(h.db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const forty = await (await anon().get('/check?step=result&ageBand=40-49&municipalityCode=41110')).text();
    expect(forty.split('id="fit-now"')[1]?.split('</section>')[0]).not.toContain('청년 사장님 지원');
    const after = await h.db.selectFrom('accessRecord').select(h.db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });
});

describe('the clerk\'s intake and edit forms find the 업종 by words too (issue 13 §1)', () => {
  const intake = (over: Record<string, string>) => ({
    brn: '220-81-62517',
    name: '수원 치킨',
    municipalityCode: '41110',
    operatingStatus: 'active',
    ...over,
  });

  it('offers everyday words in the list and stores the KSIC code of a word typed or picked', async () => {
    const u = await h.createUser('clerk', { login: 'sc-clerk' });
    const clerk = h.client();
    await clerk.login(u.login);
    const form = await (await clerk.get('/businesses/new')).text();
    expect(form).toContain('<option value="치킨집 · 치킨 전문점 (56193)">');
    expect(form).toContain('<option value="미용실 · 두발 미용업 (96112)">');

    const typed = await clerk.post('/businesses/new', intake({ ksicCode: '치킨집' }));
    expect(typed.status).toBe(303);
    const picked = await clerk.post('/businesses/new', intake({ brn: '110-81-00010', name: '수원 미용실', ksicCode: '미장원 · 두발 미용업 (96112)' }));
    expect(picked.status).toBe(303);
    const rows = await h.db.selectFrom('business').select(['name', 'ksicCode']).where('name', 'in', ['수원 치킨', '수원 미용실']).orderBy('name').execute();
    expect(rows).toEqual([
      { name: '수원 미용실', ksicCode: '96112' },
      { name: '수원 치킨', ksicCode: '56193' },
    ]);
    const page = await (await clerk.get(picked.headers.get('location')!)).text();
    expect(page).toContain('96112 두발 미용업 (미용실)');
  });

  it('refuses a word it does not know, in Korean, with the word kept', async () => {
    const clerk = h.client();
    await clerk.login('sc-clerk');
    const res = await clerk.post('/businesses/new', intake({ brn: '101-86-00018', ksicCode: '우주여행' }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('업종을 찾지 못했습니다');
    expect(html).toContain('value="우주여행"');
  });
});

describe('JSON API for partner sites (issue 13 §1)', () => {
  const post = (body: unknown, ip = '198.51.100.7') =>
    h.app.request('/api/v1/eligibility/check', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify(body) });

  it('POST /api/v1/eligibility/check: facts in, verdicts, missing facts and explanations out, without sign-in', async () => {
    const res = await post({ municipalityCode: '41110', ksicCode: '56193', openedMonth: '2026-06', revenueBand: '100m-300m', ageBand: '30-39' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { eligible: { key: string; explanation: string | null; noticeUrl: string | null }[]; oneFactShort: { key: string; missing: string[] }[]; openingLater: { key: string }[] };
    expect(body.eligible.map((p) => p.key).sort()).toEqual(['sc-small', 'sc-youth']);
    expect(body.eligible.find((p) => p.key === 'sc-small')).toMatchObject({ noticeUrl: 'https://example.org/notice/sc-small' });
    expect(body.eligible[0]!.explanation).toBeTruthy();
    expect(body.oneFactShort).toEqual([expect.objectContaining({ key: 'sc-cap2', missing: ['annualRevenue'] })]);
    expect(body.openingLater.map((o) => o.key)).toEqual(['sc-age1']);
    expect(JSON.stringify(body)).not.toContain('sc-drafted');
  });

  it('explains in the language asked: `lang` in the body, else ?lang=, else Accept-Language, else Korean (as before)', async () => {
    const answers = { municipalityCode: '41110', openedMonth: '2026-06', revenueBand: '100m-300m' };
    type Body = { lang: string; eligible: { key: string; summary: string | null; explanation: string | null }[]; openingLater: { text: string }[] };
    const small = (b: Body) => b.eligible.find((p) => p.key === 'sc-small')!;
    const vi = (await (await post({ ...answers, lang: 'vi' }, '198.51.100.20')).json()) as Body;
    expect(vi.lang).toBe('vi');
    expect(small(vi).summary).toBe('Có thể đăng ký — đáp ứng cả 2 điều kiện');
    // (The programme's region columns add the 소재지 criterion.)
    expect(small(vi).explanation!.split('\n')).toEqual([
      'Đáp ứng tất cả các điều kiện sau: Đáp ứng',
      '  - [Đáp ứng] Địa điểm kinh doanh (소재지): Gyeonggi-do (경기도) — Suwon-si (수원시)',
      '  - [Đáp ứng] Doanh thu năm (연매출): không quá 300 triệu won — từ 100 triệu won đến dưới 300 triệu won',
    ]);
    expect(vi.openingLater[0]!.text).toBe('Có thể đăng ký từ ngày 2027-06-01');
    const zh = (await (
      await h.app.request('/api/v1/eligibility/check', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN,zh;q=0.9' }, body: JSON.stringify(answers) })
    ).json()) as Body;
    expect(zh.lang).toBe('zh');
    expect(small(zh).explanation).toContain('年销售额 (연매출)：3亿韩元以下 — 1亿韩元以上、不满3亿韩元');
    const ko = (await (await post(answers, '198.51.100.21')).json()) as Body;
    expect(ko.lang).toBe('ko');
    expect(small(ko).summary).toBe('신청 가능 — 조건 2개 모두 충족');
    expect(small(ko).explanation).toContain('연매출 3억 원 이하 — 연매출 1억 원 이상 3억 원 미만 (답한 범위): 충족');
    // The cap inside her band: unknown in every language, the line and the group above it.
    const cap2 = (b: Body & { oneFactShort?: { key: string; explanation: string | null }[] }) => b.oneFactShort!.find((p) => p.key === 'sc-cap2')!.explanation!;
    expect(cap2(ko as never).split('\n')).toEqual([
      '다음을 모두 충족: 확인 필요',
      '  - 소재지: 경기도 — 사업장 경기도 수원시: 충족',
      '  - 연매출 2억 원 이하 — 연매출 1억 원 이상 3억 원 미만 (답한 범위): 확인 필요',
    ]);
    expect(cap2(vi as never)).toContain('từ 100 triệu won đến dưới 300 triệu won');
    expect(cap2(vi as never)).not.toContain('[Đáp ứng] Doanh thu');
    const doc = (await (await h.app.request('/api/openapi.json')).json()) as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    expect(doc.components.schemas.SelfCheckAnswers!.properties.lang).toMatchObject({ enum: ['ko', 'en', 'zh', 'vi'] });
  });

  it('answers a bad answer with the one error shape (400), in Korean', async () => {
    const res = await post({ revenueBand: 'lots', workers: 'many' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; issues: { path: string; message: string }[] } };
    expect(body.error.code).toBe('invalid');
    expect(body.error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'revenueBand', message: '보기 가운데 하나를 고르세요.' }),
        expect.objectContaining({ path: 'workers', message: '숫자만 쓰세요. 예: 3' }),
      ]),
    );
  });

  it('GET /api/v1/programmes: the catalogue with the catalogue page\'s filters, without sign-in', async () => {
    const res = await h.app.request('/api/v1/programmes?q=%EC%B2%AD%EB%85%84&region=41110');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number; programmes: { key: string; title: string }[] };
    expect(body.programmes.map((p) => p.key)).toEqual(['sc-youth']);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await (await h.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths['/v1/eligibility/check']?.post).toBeTruthy();
    expect(doc.paths['/v1/programmes']?.get).toBeTruthy();
  });

  it('limits requests per address (429 with Retry-After)', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 61; i++) last = await post({}, '203.0.113.9');
    expect(last!.status).toBe(429);
    expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
    // (Without ITDA_TRUST_PROXY the address is the socket's, the same for every request here.)
  });
});
