/**
 * The clerk home's "14일 안에 마감" (issue 12 §4): at most 20 programmes, closest deadline first,
 * then a link to all of them (`/home?closing=all`). With a 2,000-programme catalogue about a hundred
 * close within 14 days; a hundred groups made the page slow and unread. Both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

let h: Harness;
let clerk: TestClient;
let clerkId: string;

/** `n` reviewed programmes for 경기 with no other condition, closing 1…n days from 2026-12-02 (n ≤ 14). */
async function closingProgrammes(n: number) {
  for (let i = 1; i <= n; i++) {
    const day = `2026-12-${String(2 + Math.ceil(i / 2)).padStart(2, '0')}`;
    await h.createProgramme({
      key: `home-closing-${String(i).padStart(2, '0')}`,
      title: `(시험) 마감 ${String(i).padStart(2, '0')}`,
      // Odd ones have a revenue cap, so groups differ in who is in them.
      rule: i % 2 ? { all: [{ type: 'revenue', max: 300_000_000 }] } : { all: [] },
      period: ['2026-11-01', day],
    });
  }
}

beforeAll(async () => {
  h = await createHarness();
  h.clock.current = new Date('2026-12-02T01:00:00Z');
  const officeId = await h.ensureOffice();
  const u = await h.createUser('clerk', { login: 'clerk-home' });
  const shop = (name: string, annualRevenue: number | null) => ({ name, annualRevenue, sidoCode: '41', municipalityCode: '41110', officeId, clerkId: u.id, isSample: false });
  // Two with the same name (listed in the order given), one over the cap, one under, one unknown.
  await h.db
    .insertInto('business')
    .values([shop('수원 국밥', null), shop('하늘 미용실', null), shop('가나 분식', 100_000_000), shop('수원 국밥', 500_000_000)])
    .execute();
  clerkId = u.id;
  await closingProgrammes(25);
  clerk = h.client();
  await clerk.login(u.login);
});
afterAll(async () => {
  await h?.close();
});

const titles = (html: string) => [...html.matchAll(/\(시험\) 마감 (\d\d)/g)].map((m) => m[1]);

describe('clerk home: programmes closing within 14 days', () => {
  it('shows the 20 closing first, and a link to the other 5', async () => {
    const res = await clerk.get('/home');
    expect(res.status).toBe(200);
    const html = await res.text();
    const shown = titles(html);
    expect(shown).toHaveLength(20);
    expect(shown).toEqual([...new Set(shown)]);
    // Closest deadline first: 01 and 02 close on 12-03, … 19 and 20 on 12-12; 21–25 are left for the link.
    expect(shown.map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(html).toContain('곧 마감하는 지원사업 5건 더 보기');
    expect(html).toContain('href="/home?closing=all#t-closing"');
    // The summary still counts all 25.
    expect(html).toContain('곧 마감하는 맞는 지원사업 25건');
  });

  it('the groups are the rows grouped: same programmes, order, counts and first businesses by name', async () => {
    const businesses = await h.db.selectFrom('business').select(['id', 'name']).where('clerkId', '=', clerkId).orderBy('createdAt').orderBy('id').execute();
    const sv = h.services.storedVerdicts;
    const rows = await sv.closingSoonFor(businesses, '2026-12-02', '2026-12-16');
    const groups = await sv.closingSoonGroups(businesses, '2026-12-02', '2026-12-16', 3);
    const byProgramme = new Map<number, typeof rows>();
    for (const r of rows) byProgramme.set(r.programmeId, [...(byProgramme.get(r.programmeId) ?? []), r]);
    const want = [...byProgramme.values()]
      .sort((a, b) => (a[0]!.periodEnd < b[0]!.periodEnd ? -1 : a[0]!.periodEnd > b[0]!.periodEnd ? 1 : 0))
      .map((g) => ({ programmeId: g[0]!.programmeId, total: g.length, first: g.slice(0, 3).map((r) => `${r.businessId}/${r.verdict}`) }));
    expect(groups.rows).toBe(rows.length);
    expect(groups.groups.map((g) => ({ programmeId: g.programmeId, total: g.total, first: g.first.map((r) => `${r.businessId}/${r.verdict}`) }))).toEqual(want);
    // Capped programmes hold three (the one over the cap is out), the others all four.
    expect(new Set(groups.groups.map((g) => g.total))).toEqual(new Set([3, 4]));
  });

  it('a renamed business takes its new place by name on the next view (the name order kept per list follows the names)', async () => {
    const list = () => h.db.selectFrom('business').select(['id', 'name']).where('clerkId', '=', clerkId).orderBy('createdAt').orderBy('id').execute();
    const sv = h.services.storedVerdicts;
    const names = async () => (await sv.closingSoonGroups(await list(), '2026-12-02', '2026-12-16', 4)).groups.find((g) => g.total === 4)!.first.map((r) => r.businessName);
    expect(await names()).toEqual(['가나 분식', '수원 국밥', '수원 국밥', '하늘 미용실']);
    await h.db.updateTable('business').set({ name: '가가 카페' }).where('clerkId', '=', clerkId).where('name', '=', '하늘 미용실').execute();
    try {
      expect(await names()).toEqual(['가가 카페', '가나 분식', '수원 국밥', '수원 국밥']);
    } finally {
      await h.db.updateTable('business').set({ name: '하늘 미용실' }).where('clerkId', '=', clerkId).where('name', '=', '가가 카페').execute();
    }
    expect(await names()).toEqual(['가나 분식', '수원 국밥', '수원 국밥', '하늘 미용실']);
  });

  it('?closing=all shows all 25 and no link', async () => {
    const html = await (await clerk.get('/home?closing=all')).text();
    expect(titles(html)).toHaveLength(25);
    expect(html).not.toContain('더 보기');
  });
});
