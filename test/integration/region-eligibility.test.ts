/**
 * Issue 11 §1 regression: a bizinfo notice for 부산 only (hashtags "경영,부산,부산광역시,소상공인",
 * trgetNm "소상공인") came out "신청 가능" for 11 of the 30 demo businesses of 경기. The version's
 * region columns were read by the catalogue search only; now the engine evaluates them everywhere.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBizinfo } from '../../src/domain/catalog/catalog.bizinfo.ts';
import type { Explanation } from '../../src/domain/eligibility/index.ts';
import type { Actor } from '../../src/modules/auth/auth.policy.ts';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

const fixture = new URL('../fixtures/catalog/bizinfo-jsonArray.json', import.meta.url).pathname;
const base = (JSON.parse(readFileSync(fixture, 'utf8')) as { jsonArray: Record<string, unknown>[] }).jsonArray[0]!;

/** The record of the issue: only the region tags and the target differ from a 경기 notice. */
export const BUSAN_RECORD = {
  ...base,
  pblancId: 'PBLN_000000000990001',
  pblancNm: '2026년 부산광역시 소상공인 경영안정 지원',
  jrsdInsttNm: '부산광역시',
  excInsttNm: '부산경제진흥원',
  hashtags: '경영,부산,부산광역시,소상공인',
  trgetNm: '소상공인',
  reqstBeginEndDe: '2026-11-01 ~ 2026-12-31',
};
const NO_REGION_RECORD = {
  ...base,
  pblancId: 'PBLN_000000000990002',
  pblancNm: '지역 표시 없는 소상공인 지원 공고',
  hashtags: '경영,소상공인',
  jrsdInsttNm: '중소벤처기업부',
  reqstBeginEndDe: '2026-11-01 ~ 2026-12-31',
};

/** A small 음식점 in 안산 that every 소상공인 criterion is met by. */
const shop = (name: string, municipalityCode: string | null, sidoCode: string) => ({
  name,
  sidoCode,
  municipalityCode,
  openedOn: '2019-05-02',
  annualRevenue: 120_000_000,
  workers: 2,
  ksicCode: '56111',
  operatingStatus: 'active' as const,
  localTaxArrears: false,
  nationalTaxArrears: false,
  isSample: false,
});

const lines = (e: Explanation | undefined): string[] =>
  !e ? [] : e.kind === 'criterion' ? [e.text] : [e.text, ...e.children.flatMap(lines)];

let h: Harness;
let clerk: TestClient;
let ansan: string;
let busan: string;
let suwon: string;
const key = 'bizinfo-pbln_000000000990001';

beforeAll(async () => {
  h = await createHarness();
  h.clock.current = new Date('2026-12-02T01:00:00Z');
  const officeId = await h.ensureOffice();
  const u = await h.createUser('clerk', { login: 'clerk-region' });
  clerk = h.client();
  await clerk.login(u.login);
  const ids = await h.db
    .insertInto('business')
    .values([
      { ...shop('안산 분식 (경기)', '41270', '41'), officeId, clerkId: u.id },
      { ...shop('수원 국밥 (경기)', '41110', '41'), officeId, clerkId: u.id },
      { ...shop('해운대 분식 (부산)', null, '26'), officeId, clerkId: u.id },
    ])
    .returning('id')
    .execute();
  [ansan, suwon, busan] = ids.map((r) => r.id) as [string, string, string];
  const report = await h.services.programs.importBatch(null, parseBizinfo({ jsonArray: [BUSAN_RECORD, NO_REGION_RECORD] }), {
    ip: null,
    requestId: 't',
  });
  expect(report).toMatchObject({ created: 2, rejected: [] });
  // Imported rules are drafted and judge no one (issue 11 §2). Here an editor confirms the rule as
  // the source gave it (소상공인) without touching the region: the region must still apply.
  const e = await h.createUser('catalog_editor', { login: 'editor-region' });
  const editor: Actor = {
    userId: e.id,
    login: e.login,
    role: e.role,
    officeId: null,
    displayName: e.displayName,
    locale: 'ko',
    via: 'session',
  };
  const p = await h.db.selectFrom('programme').select(['id', 'currentVersionId']).where('key', '=', key).executeTakeFirstOrThrow();
  const meta = { ip: null, requestId: 't' };
  const draft = await h.services.programs.saveRuleDraft(
    editor,
    p.id,
    {
      rule: JSON.stringify({ type: 'smallBusiness' }),
      reason: '요건 검토',
      ruleReview: 'reviewed',
      baseVersionId: String(p.currentVersionId),
    },
    meta,
  );
  await h.services.programs.publish(editor, p.id, draft.id, meta);
});
afterAll(async () => {
  await h?.close();
});

describe('issue 11 §1: an imported notice for 부산 is not open to 경기 businesses', () => {
  it('stores the notice with its region (부산 = 26) and evaluates that region for a 경기 shop: 미충족, with the line', async () => {
    const v = await h.db
      .selectFrom('programme as p')
      .innerJoin('programmeVersion as v', 'v.id', 'p.currentVersionId')
      .select(['v.nationwide', 'v.sido', 'v.municipalities'])
      .where('p.key', '=', key)
      .executeTakeFirstOrThrow();
    expect(v).toEqual({ nationwide: false, sido: ['26'], municipalities: [] });
    const ev = await h.services.eligibility.evaluateBusiness(ansan);
    const r = ev.result.results.find((x) => x.programmeKey === key);
    expect(r?.verdict).toBe('ineligible');
    expect(lines(r?.explanation)).toContain('소재지: 부산광역시 — 사업장 경기도 안산시: 미충족');
    // Not "one condition short" either: a shop does not move for a programme.
    expect(ev.result.nearMisses.map((n) => n.programmeKey)).not.toContain(key);
  });

  it('the business page of a 경기 shop does not offer it', async () => {
    for (const id of [ansan, suwon]) {
      const res = await clerk.get(`/businesses/${id}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      const verdicts = html.slice(html.indexOf('id="elig"'), html.indexOf('id="participations-title"'));
      expect(verdicts).toContain('신청 가능'); // the section lists verdicts …
      expect(verdicts).not.toContain(BUSAN_RECORD.pblancNm); // … not this one, nor as a near-miss
      // The full "새 참여 만들기" form still lists it, among "자격 없음 (참고용)" (facts can be wrong);
      // the page's own picker offers the likely ones and links there.
      const form = await (await clerk.get(`/businesses/${id}/participations/new`)).text();
      const picker = form.slice(form.indexOf('자격 없음 (참고용)'));
      expect(form.indexOf('자격 없음 (참고용)')).toBeGreaterThan(0);
      expect(picker).toContain(BUSAN_RECORD.pblancNm);
    }
  });

  it('a 부산 shop is judged on the rule of the notice (the region is met)', async () => {
    const ev = await h.services.eligibility.evaluateBusiness(busan);
    const r = ev.result.results.find((x) => x.programmeKey === key);
    expect(r?.verdict).not.toBe('ineligible');
    expect(lines(r?.explanation).some((l) => l.startsWith('소재지: 부산광역시 — 사업장 부산광역시'))).toBe(true);
  });

  it('the quick check with a 경기 place and the clerk home leave it out', async () => {
    const check = await h.services.eligibility.checkFacts(await clerkActor(), {
      municipalityCode: '41270',
      openedOn: '2019-05-02',
      annualRevenue: '120000000',
      workers: '2',
      ksicCode: '56111',
      operatingStatus: 'active',
    });
    expect(check.result.results.find((x) => x.programmeKey === key)?.verdict).toBe('ineligible');
    const page = await (
      await clerk.get(
        '/eligibility?check=1&municipalityCode=41270&openedOn=2019-05-02&annualRevenue=120000000&workers=2&ksicCode=56111&operatingStatus=active',
      )
    ).text();
    expect(page).toContain('신청 가능'); // the page shows verdicts …
    const eligibleSection = page.slice(page.indexOf('신청 가능'), page.indexOf('해당 없음') > 0 ? page.indexOf('해당 없음') : undefined);
    expect(eligibleSection).not.toContain(BUSAN_RECORD.pblancNm); // … but not this notice among them
    const closing = await h.services.eligibility.closingSoonFor([ansan, suwon], '2026-12-02', '2026-12-31');
    expect(closing.map((x) => x.title)).not.toContain(BUSAN_RECORD.pblancNm);
  });

  it('a notice whose source names no region is not assumed nationwide: no verdict until an editor sets it', async () => {
    const v = await h.db
      .selectFrom('programme as p')
      .innerJoin('programmeVersion as v', 'v.id', 'p.currentVersionId')
      .select(['v.nationwide', 'v.sido', 'v.municipalities'])
      .where('p.key', '=', 'bizinfo-pbln_000000000990002')
      .executeTakeFirstOrThrow();
    expect(v).toEqual({ nationwide: false, sido: [], municipalities: [] });
    const ev = await h.services.eligibility.evaluateBusiness(ansan);
    expect(ev.result.results.find((x) => x.programmeKey === 'bizinfo-pbln_000000000990002')).toBeUndefined();
  });
});

async function clerkActor(): Promise<Actor> {
  const u = await h.db.selectFrom('appUser').selectAll().where('login', '=', 'clerk-region').executeTakeFirstOrThrow();
  return { userId: u.id, login: u.login, role: u.role, officeId: u.officeId, displayName: u.displayName, locale: 'ko', via: 'session' };
}
