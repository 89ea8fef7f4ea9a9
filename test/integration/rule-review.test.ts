/**
 * Issue 11 §2: a programme judges only after its rule is reviewed — tested over every place that
 * counts or lists eligible programmes: the business page (its count heading and list), the quick check
 * (counts and lists), the clerk home (closing soon), the participation picker (eligible first) and
 * the editor's impact preview. (Reports and notifications count participations, not verdicts: no
 * eligibility verdict is computed there — `grep -rn "evaluateBusiness\|evaluateCatalogue" src/modules`.)
 * Then the review queue, its summary on the operator's home, and the review page (§4) end to end.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBizinfo } from '../../src/domain/catalog/catalog.bizinfo.ts';
import type { Actor } from '../../src/modules/auth/auth.policy.ts';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

const fixture = new URL('../fixtures/catalog/bizinfo-jsonArray.json', import.meta.url).pathname;
const base = (JSON.parse(readFileSync(fixture, 'utf8')) as { jsonArray: Record<string, unknown>[] }).jsonArray[0]!;
const BUSAN = {
  ...base,
  pblancId: 'PBLN_000000000990011',
  pblancNm: '부산 소상공인 지원 (검토 전)',
  hashtags: '경영,부산,부산광역시,소상공인',
  trgetNm: '소상공인',
  reqstBeginEndDe: '2026-11-01 ~ 2026-12-10',
};
const GG = {
  ...base,
  pblancId: 'PBLN_000000000990012',
  pblancNm: '경기 소상공인 지원 (검토 전)',
  hashtags: '경영,경기,경기도,소상공인',
  trgetNm: '소상공인',
  reqstBeginEndDe: '2026-11-01 ~ 2026-12-10',
};
const PENDING = '요건 확인 전 공고 — 공고문을 직접 확인하세요';

const shop = (name: string, over: Record<string, unknown> = {}) => ({
  name,
  sidoCode: '41',
  municipalityCode: '41110',
  openedOn: '2019-05-02',
  annualRevenue: 120_000_000,
  workers: 2,
  ksicCode: '56111',
  operatingStatus: 'active' as const,
  localTaxArrears: false,
  nationalTaxArrears: false,
  isSample: false,
  ...over,
});

let h: Harness;
let clerk: TestClient;
let editor: TestClient;
let operator: TestClient;
let clerkActor: Actor;
let editorActor: Actor;
let active: string;
let closed: string;
let ggId: number;
let reviewedKey: string;
const ggKey = 'bizinfo-pbln_000000000990012';
const busanKey = 'bizinfo-pbln_000000000990011';

const actor = async (login: string): Promise<Actor> => {
  const u = await h.db.selectFrom('appUser').selectAll().where('login', '=', login).executeTakeFirstOrThrow();
  return { userId: u.id, login: u.login, role: u.role, officeId: u.officeId, displayName: u.displayName, locale: 'ko', via: 'session' };
};

beforeAll(async () => {
  h = await createHarness();
  h.clock.current = new Date('2026-12-02T01:00:00Z');
  const officeId = await h.ensureOffice();
  const u = await h.createUser('clerk', { login: 'clerk-review' });
  clerk = h.client();
  await clerk.login(u.login);
  clerkActor = await actor(u.login);
  editor = h.client();
  const e = await h.createUser('catalog_editor', { login: 'editor-review' });
  await editor.login(e.login);
  editorActor = await actor(e.login);
  operator = h.client();
  await operator.login((await h.createUser('operator', { login: 'operator-review' })).login);
  const ids = await h.db
    .insertInto('business')
    .values([
      { ...shop('수원 분식 (영업 중)'), officeId, clerkId: u.id },
      { ...shop('수원 국밥 (폐업)', { operatingStatus: 'closed', closedOn: '2026-10-01' }), officeId, clerkId: u.id },
    ])
    .returning('id')
    .execute();
  [active, closed] = ids.map((r) => r.id) as [string, string];
  // A reviewed, nationwide programme everyone here meets: the control that verdicts still work.
  const p = await h.db
    .insertInto('programme')
    .values({ key: 'reviewed-control', source: 'manual', sourceId: 'rc' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const v = await h.db
    .insertInto('programmeVersion')
    .values({
      programmeId: p.id,
      version: 1,
      title: '검토된 전국 지원사업',
      changeReason: '시험',
      nationwide: true,
      rule: JSON.stringify({ type: 'smallBusiness' }),
      periodKind: 'range',
      periodStart: '2026-11-01',
      periodEnd: '2026-12-10',
      publishedAt: new Date(),
      ruleReview: 'reviewed',
      ruleReviewedByName: '시험 검토자',
      ruleReviewedAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await h.db.updateTable('programme').set({ currentVersionId: v.id }).where('id', '=', p.id).execute();
  reviewedKey = 'reviewed-control';
  expect(await h.services.programs.importBatch(null, parseBizinfo({ jsonArray: [BUSAN, GG] }), { ip: null, requestId: 't' })).toMatchObject(
    { created: 2 },
  );
  ggId = (await h.db.selectFrom('programme').select('id').where('key', '=', ggKey).executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await h?.close();
});

describe('an imported notice is drafted, and a drafted rule is never "신청 가능"', () => {
  it('imports as drafted (part of the version)', async () => {
    const rows = await h.db
      .selectFrom('programmeVersion as v')
      .innerJoin('programme as p', 'p.id', 'v.programmeId')
      .select(['p.key', 'v.ruleReview', 'v.ruleReviewedAt'])
      .where('p.source', '=', 'bizinfo')
      .execute();
    expect(rows.map((r) => r.ruleReview)).toEqual(['drafted', 'drafted']);
  });

  it('business service: not in the verdicts or counts; the 경기 notice is pending, the 부산 one absent; a closed shop sees neither', async () => {
    const ev = await h.services.eligibility.evaluateBusiness(active);
    const keys = ev.result.results.map((r) => r.programmeKey);
    expect(keys).toEqual([reviewedKey]);
    expect(ev.result.counts).toEqual({ eligible: 1, ineligible: 0, unknown: 0 });
    expect(ev.pending.map((r) => r.programmeKey)).toEqual([ggKey]);
    const evClosed = await h.services.eligibility.evaluateBusiness(closed);
    expect(evClosed.pending.map((r) => r.programmeKey)).toEqual([]);
  });

  it('business page: the count says 신청 가능 1, and the notice is in its own group', async () => {
    const html = await (await clerk.get(`/businesses/${active}`)).text();
    const section = html.slice(html.indexOf('id="elig"'), html.indexOf('id="participations-title"'));
    expect(section).toContain('신청 가능 1,');
    expect(section).toContain(PENDING);
    const pendingPart = section.slice(section.indexOf(PENDING));
    expect(pendingPart).toContain(GG.pblancNm);
    expect(section.slice(0, section.indexOf(PENDING))).not.toContain(GG.pblancNm);
    expect(section).not.toContain(BUSAN.pblancNm);
    // The participation picker: "요건 확인 전", not "자격 있음".
    const picker = html.slice(html.indexOf('id="np-programmeId"'));
    const eligibleGroup = picker.slice(
      picker.indexOf('label="자격 있음"'),
      picker.indexOf('</optgroup>', picker.indexOf('label="자격 있음"')),
    );
    expect(eligibleGroup).toContain('검토된 전국 지원사업');
    expect(eligibleGroup).not.toContain(GG.pblancNm);
    expect(picker.slice(picker.indexOf('label="요건 확인 전 (공고문을 직접 확인)"'))).toContain(GG.pblancNm);
  });

  it('quick check: counts and lists leave it out of 신청 가능', async () => {
    const check = await h.services.eligibility.checkFacts(clerkActor, {
      municipalityCode: '41110',
      openedOn: '2019-05-02',
      annualRevenue: '120000000',
      workers: '2',
      ksicCode: '56111',
      operatingStatus: 'active',
    });
    expect(check.result.counts.eligible).toBe(1);
    expect(check.result.results.map((r) => r.programmeKey)).not.toContain(ggKey);
    expect(check.pending.map((r) => r.programmeKey)).toEqual([ggKey]);
    const page = await (
      await clerk.get(
        '/eligibility?check=1&municipalityCode=41110&openedOn=2019-05-02&annualRevenue=120000000&workers=2&ksicCode=56111&operatingStatus=active',
      )
    ).text();
    expect(page).toContain(PENDING);
  });

  it('clerk home: closing soon lists it as 요건 확인 전, never 신청 가능', async () => {
    const closing = await h.services.eligibility.closingSoonFor([active, closed], '2026-12-02', '2026-12-16');
    expect(closing.filter((x) => x.title === GG.pblancNm).map((x) => [x.businessId, x.verdict])).toEqual([[active, 'unreviewed']]);
    expect(closing.some((x) => x.title === BUSAN.pblancNm)).toBe(false);
    const home = await (await clerk.get('/home')).text();
    const line = home.slice(home.indexOf(GG.pblancNm));
    expect(line.slice(0, line.indexOf('</ul>'))).toContain('요건 확인 전');
  });
});

describe('review queue and review page', () => {
  it('queues drafted notices by businesses possibly concerned, then deadline; the operator home shows count and age', async () => {
    const q = await h.services.eligibility.reviewQueue(editorActor);
    expect(q.map((r) => [r.key, r.concern])).toEqual([
      [ggKey, 1],
      [busanKey, 0],
    ]);
    // The 부산 notice has waited three days (its version was written then).
    const busanVersion = await h.db
      .selectFrom('programme')
      .select('currentVersionId')
      .where('key', '=', busanKey)
      .executeTakeFirstOrThrow();
    await h.db
      .updateTable('programmeVersion')
      .set({ createdAt: new Date('2026-11-29T00:30:00Z') })
      .where('id', '=', busanVersion.currentVersionId)
      .execute();
    const home = await (await operator.get('/home')).text();
    expect(home).toContain('검토를 기다리는 공고 2건 · 가장 오래된 공고 3일째');
    const page = await (await editor.get('/catalogue/review-queue')).text();
    expect(page.indexOf(GG.pblancNm)).toBeGreaterThan(0);
    expect(page.indexOf(GG.pblancNm)).toBeLessThan(page.indexOf(BUSAN.pblancNm));
  });

  it('the review page highlights each drafted span linked to its criterion', async () => {
    const html = await (await editor.get(`/programmes/${ggId}/review`)).text();
    expect(html).toMatch(/<a class="itda-span" data-span="0" href="#crit-0">/);
    expect(html).toContain('id="crit-0"');
    // Keep or remove: one question per criterion, a radio group of the kit (a fieldset with its legend).
    expect(html).toMatch(/<legend[^>]*>[^<]*요건 1을 규칙에 넣을까요\?/);
    expect(html).toMatch(/type="radio" name="keep-0" id="[^"]+" value="yes" checked/);
    // The region the source gave, by name.
    expect(html).toMatch(/name="region"[^>]*value="경기도"/);
  });

  it('saving as reviewed without a region is refused; publishing as reviewed records the reviewer and makes it judge', async () => {
    const busanId = (await h.db.selectFrom('programme').select('id').where('key', '=', busanKey).executeTakeFirstOrThrow()).id;
    const cur = await h.db.selectFrom('programme').select('currentVersionId').where('id', '=', ggId).executeTakeFirstOrThrow();
    // A drafted rule published as drafted changes no one's "신청 가능": the impact preview says so.
    const draftOnly = await h.services.programs.saveRuleDraft(
      editorActor,
      ggId,
      {
        rule: JSON.stringify({ type: 'smallBusiness' }),
        reason: '초안만',
        ruleReview: 'drafted',
        baseVersionId: String(cur.currentVersionId),
      },
      { ip: null, requestId: 't' },
    );
    expect((await h.services.eligibility.draftImpact(editorActor, ggId, draftOnly.id)).changed.gained).toBe(0);
    const bad = await editor.post(`/programmes/${busanId}/review`, {
      baseVersionId: '0',
      region: '',
      reason: '검토',
      extra: '[{"type":"smallBusiness"}]',
    });
    expect(bad.status).toBe(400);
    // A region name that is not one: refused with the name kept in the form.
    const unknown = await editor.post(`/programmes/${busanId}/review`, {
      baseVersionId: '0',
      region: '경기도, 수원구',
      reason: '검토',
      extra: '[{"type":"smallBusiness"}]',
    });
    expect(unknown.status).toBe(400);
    const unknownHtml = await unknown.text();
    expect(unknownHtml).toContain('알 수 없는 지역 이름');
    expect(unknownHtml).toContain('경기도, 수원구');
    const form = await (await editor.get(`/programmes/${ggId}/review`)).text();
    const n = (form.match(/name="keep-\d+"/g) ?? []).length / 2;
    const body: Record<string, string> = {
      baseVersionId: String(cur.currentVersionId),
      region: '경기도',
      reason: '공고문과 대조',
      extra: '[{"type":"smallBusiness"}]',
    };
    for (let i = 0; i < n; i++) {
      body[`keep-${i}`] = 'no';
      body[`crit-${i}`] = '{}';
    }
    const saved = await editor.post(`/programmes/${ggId}/review`, body);
    expect(saved.status).toBe(303);
    const draftUrl = saved.headers.get('location')!;
    const impact = await (await editor.get(draftUrl)).text();
    expect(impact).toContain('요건 검토됨');
    const draftId = Number(/drafts\/(\d+)/.exec(draftUrl)![1]);
    // Both 경기 shops become 신청 가능 (the reviewed rule is 경기 ∧ 소상공인; nothing about closure).
    expect((await h.services.eligibility.draftImpact(editorActor, ggId, draftId)).changed.gained).toBe(2);
    expect((await editor.post(`${draftUrl}/publish`, {})).status).toBe(303);
    const v = await h.db
      .selectFrom('programmeVersion')
      .select(['ruleReview', 'ruleReviewedByName', 'ruleReviewedAt', 'sido'])
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow();
    expect(v).toMatchObject({ ruleReview: 'reviewed', ruleReviewedByName: editorActor.displayName, sido: ['41'] });
    expect(v.ruleReviewedAt).toBeInstanceOf(Date);
    const ev = await h.services.eligibility.evaluateBusiness(active, '2026-12-03');
    expect(ev.result.results.find((r) => r.programmeKey === ggKey)?.verdict).toBe('eligible');
    expect(ev.pending.map((r) => r.programmeKey)).toEqual([]);
  });
});
