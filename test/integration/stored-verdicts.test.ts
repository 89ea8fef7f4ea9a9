/**
 * Stored verdicts in business_verdict (issue 12 §2, §4; migration 20261206030000) equal the
 * per-business engine the pages used before (eligibility.evaluateBusiness, the oracle) — after the
 * full rebuild and after each kind of change, made straight in the database so that the triggers,
 * not a service hook, must notice it: a business's facts, a participation (수혜 이력), a document, a
 * new programme version, a review state, a region, a withdrawn programme, a deleted business, and the
 * next day (업력, 나이 move with the date). Both databases (TEST_DATABASE_URL for PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 120_000 });
import type { Verdict } from '../../src/domain/eligibility/index.ts';
import { createHarness, type Harness } from '../harness.ts';

let h: Harness;
let ids: string[] = [];

const shop = (name: string, municipalityCode: string | null, sidoCode: string, more: Record<string, unknown> = {}) => ({
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
  ...more,
});

/** What the per-business engine says for every current programme, as the matrix's three values. */
async function oracle(businessId: string): Promise<Map<string, Verdict>> {
  const e = await h.services.eligibility.evaluateBusiness(businessId);
  const out = new Map<string, Verdict>();
  for (const r of e.result.results) out.set(r.programmeKey, r.verdict);
  for (const p of e.pending) out.set(p.programmeKey, 'unknown');
  for (const k of e.pendingRuledOut) out.set(k, 'ineligible');
  return out;
}

/** Rows grouped by programme as the clerk home lists them: deadline first, each group's rows in order. */
function groupRows<R extends { programmeId: number; periodEnd: string }>(rows: readonly R[], perGroup: number) {
  const groups = new Map<number, { programmeId: number; periodEnd: string; rows: R[] }>();
  for (const r of rows) {
    const g = groups.get(r.programmeId) ?? { programmeId: r.programmeId, periodEnd: r.periodEnd, rows: [] };
    g.rows.push(r);
    groups.set(r.programmeId, g);
  }
  return [...groups.values()]
    .sort((a, b) => (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : 0))
    .map((g) => ({ programmeId: g.programmeId, total: g.rows.length, first: g.rows.slice(0, perGroup) }));
}

async function programme(
  key: string,
  rule: unknown,
  region: { nationwide?: boolean; sido?: string[]; municipalities?: string[] },
  review: 'reviewed' | 'drafted' = 'reviewed',
) {
  const p = await h.db.insertInto('programme').values({ key, source: 'manual', sourceId: key }).returning('id').executeTakeFirstOrThrow();
  const v = await h.db
    .insertInto('programmeVersion')
    .values({
      programmeId: p.id,
      version: 1,
      title: `(시험) ${key}`,
      changeReason: '시험',
      nationwide: region.nationwide ?? false,
      sido: region.sido ?? [],
      municipalities: region.municipalities ?? [],
      rule: rule === null ? null : JSON.stringify(rule),
      ruleReview: review,
      ...(review === 'drafted' ? {} : { ruleReviewedByName: '시험 검토자', ruleReviewedAt: new Date('2026-12-01T00:00:00Z') }),
      detailUrl: `https://example.org/notice/${key}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await h.db.updateTable('programme').set({ currentVersionId: v.id }).where('id', '=', p.id).execute();
  return { programmeId: p.id, versionId: v.id };
}

beforeAll(async () => {
  h = await createHarness();
  h.clock.current = new Date('2026-12-02T01:00:00Z');
  await programme(
    'vs-small',
    { all: [{ type: 'smallBusiness' }, { type: 'ksic', excludeSets: ['sbiz-standard-exclusions'] }] },
    { sido: ['41'] },
  );
  await programme(
    'vs-young',
    {
      all: [
        { type: 'businessAge', maxMonths: 84 },
        { type: 'revenue', max: 300_000_000 },
      ],
    },
    { nationwide: true },
  );
  await programme('vs-suwon', { not: { type: 'operatingStatus', allowed: ['closed', 'suspended'] } }, { municipalities: ['41110'] });
  await programme('vs-return', { any: [{ type: 'closedWithin', months: 12 }, { type: 'closurePlanned' }] }, { sido: ['41'] });
  await programme('vs-drafted', { type: 'revenue', max: 300_000_000 }, { sido: ['41'] }, 'drafted');
  await programme('vs-no-region', { type: 'workers', maxExclusive: 5 }, {});
  await programme('vs-no-rule', null, { sido: ['41'] });
  const officeId = await h.ensureOffice();
  const rows = await h.db
    .insertInto('business')
    .values([
      { ...shop('안산 분식', '41270', '41'), officeId },
      { ...shop('수원 국밥', '41110', '41', { annualRevenue: null, workers: null }), officeId },
      { ...shop('해운대 분식', null, '26'), officeId },
      { ...shop('폐업한 가게', '41110', '41', { operatingStatus: 'closed', closedOn: '2026-06-30' }), officeId },
      { ...shop('모르는 가게', null, '41', { ksicCode: null, openedOn: null, operatingStatus: null }), officeId },
    ])
    .returning('id')
    .execute();
  ids = rows.map((r) => r.id);
}, 240_000);
afterAll(async () => {
  await h?.services.storedVerdicts.settled();
  await h?.close();
});

/** The stored cells of every business, as programme key → verdict (absent = ineligible). */
async function stored(): Promise<Map<string, Map<string, Verdict>>> {
  const { cells, keyOf } = await h.services.storedVerdicts.cellsOf(ids);
  const out = new Map<string, Map<string, Verdict>>();
  for (const id of ids) {
    const m = new Map<string, Verdict>();
    for (const [p, v] of Object.entries(cells.get(id) ?? {})) m.set(keyOf(Number(p))!, v === 'e' ? 'eligible' : 'unknown');
    out.set(id, m);
  }
  return out;
}

/** Stored == oracle for every business (the oracle's ineligible cells are absent from the store). */
async function expectStoredEqualsOracle() {
  const got = await stored();
  let cells = 0;
  for (const id of ids) {
    const want = new Map([...(await oracle(id))].filter(([, v]) => v !== 'ineligible'));
    expect(Object.fromEntries(got.get(id)!), id).toEqual(Object.fromEntries(want));
    cells += want.size;
  }
  return cells;
}

async function marks() {
  return (await h.db.selectFrom('verdictDirtyProgramme').select('programmeId').execute()).length;
}

describe('stored verdicts (business_verdict) = per-business engine', () => {
  it('after the full rebuild: every business × every current programme, no dirty mark left', async () => {
    const r = await h.services.storedVerdicts.rebuild();
    expect(r.rows).toBe(ids.length);
    expect(await marks()).toBe(0);
    expect(await h.db.selectFrom('businessVerdict').select('businessId').execute()).toHaveLength(ids.length);
    expect(await expectStoredEqualsOracle()).toBeGreaterThan(0);
  });

  it("the participation picker reads them (verdictsOf) with the engine's four answers and its summary of an unknown", async () => {
    const keyOf = new Map((await h.db.selectFrom('programme').select(['id', 'key']).execute()).map((p) => [p.id, p.key]));
    let unknowns = 0;
    let unreviewed = 0;
    for (const id of ids) {
      const e = await h.services.eligibility.evaluateBusiness(id);
      const want: Record<string, { verdict: string; summary: string | null }> = {};
      for (const r of e.result.results)
        want[r.programmeKey] = { verdict: r.verdict, summary: r.verdict === 'unknown' ? (r.summary ?? null) : null };
      for (const p of e.pending) want[p.programmeKey] = { verdict: 'unreviewed', summary: null };
      for (const k of e.pendingRuledOut) want[k] = { verdict: 'ineligible', summary: null };
      const got: Record<string, { verdict: string; summary: string | null }> = {};
      for (const [p, v] of await h.services.storedVerdicts.verdictsOf(id)) got[keyOf.get(p)!] = { verdict: v.verdict, summary: v.summary };
      expect(got, id).toEqual(want);
      unknowns += Object.values(got).filter((v) => v.verdict === 'unknown').length;
      unreviewed += Object.values(got).filter((v) => v.verdict === 'unreviewed').length;
    }
    // The fixture has both kinds, so the comparison above covered them.
    expect(unknowns).toBeGreaterThan(0);
    expect(unreviewed).toBeGreaterThan(0);
  });

  it("a business's facts change: its row is nulled by the trigger and recomputed on read", async () => {
    await h.db.updateTable('business').set({ annualRevenue: 900_000_000, workers: 12 }).where('id', '=', ids[0]!).execute();
    const row = await h.db.selectFrom('businessVerdict').select('cells').where('businessId', '=', ids[0]!).executeTakeFirstOrThrow();
    expect(row.cells).toBeNull();
    await expectStoredEqualsOracle();
  });

  it('a new business appears (no row yet): computed on first read', async () => {
    const [added] = await h.db
      .insertInto('business')
      .values({ ...shop('새 가게', '41460', '41'), officeId: await h.ensureOffice() })
      .returning('id')
      .execute();
    ids.push(added!.id);
    await expectStoredEqualsOracle();
  });

  it('a participation is benefited (수혜 이력) and a document is filed: the row follows', async () => {
    const p = await h.db
      .selectFrom('programme')
      .select(['id', 'currentVersionId', 'key'])
      .where('key', '=', 'vs-small')
      .executeTakeFirstOrThrow();
    const before = (await stored()).get(ids[1]!)!;
    await h.db
      .insertInto('participation')
      .values({
        businessId: ids[1]!,
        programmeId: p.id,
        programmeVersionId: p.currentVersionId!,
        status: 'benefited',
        benefitedOn: '2026-11-02',
        benefitAmount: 1_000_000,
        submittedOn: '2026-10-02',
        submissionChannel: 'online',
      } as never)
      .execute();
    const row = await h.db.selectFrom('businessVerdict').select('cells').where('businessId', '=', ids[1]!).executeTakeFirstOrThrow();
    expect(row.cells).toBeNull();
    await expectStoredEqualsOracle();
    expect(before.size).toBeGreaterThan(0);
    await h.db
      .insertInto('businessDocument')
      .values({
        businessId: ids[1]!,
        documentType: (await h.db.selectFrom('documentType').select('code').executeTakeFirstOrThrow()).code,
        issuedOn: '2026-11-01',
        validUntil: '2027-11-01',
      })
      .execute();
    const again = await h.db.selectFrom('businessVerdict').select('cells').where('businessId', '=', ids[1]!).executeTakeFirstOrThrow();
    expect(again.cells).toBeNull();
    await expectStoredEqualsOracle();
  });

  it('a new programme version is published: one column, evaluated live until recomputed, then stored', async () => {
    const { programmeId } = await programme('vs-new', { type: 'workers', maxExclusive: 5 }, { sido: ['41'] });
    expect(await marks()).toBe(1);
    await expectStoredEqualsOracle(); // live overlay of the dirty column
    await h.services.storedVerdicts.settled();
    await h.services.storedVerdicts.refreshDirty();
    expect(await marks()).toBe(0);
    const rows = await h.db.selectFrom('businessVerdict').select(['businessId', 'cells']).execute();
    expect(rows.some((r) => r.cells && String(programmeId) in r.cells)).toBe(true);
    await expectStoredEqualsOracle();
  });

  it('a review state and a region change in place: the column follows', async () => {
    const v = await h.db
      .selectFrom('programme as p')
      .innerJoin('programmeVersion as v', 'v.id', 'p.currentVersionId')
      .select(['v.id'])
      .where('p.key', '=', 'vs-young')
      .executeTakeFirstOrThrow();
    await h.db
      .updateTable('programmeVersion')
      .set({ ruleReview: 'drafted', ruleReviewedByName: null, ruleReviewedAt: null })
      .where('id', '=', v.id)
      .execute();
    expect(await marks()).toBe(1);
    await expectStoredEqualsOracle();
    await h.services.storedVerdicts.settled();
    await h.services.storedVerdicts.refreshDirty();
    await expectStoredEqualsOracle();
    await h.db
      .updateTable('programmeVersion')
      .set({ nationwide: false, sido: [], municipalities: ['41110'] })
      .where('id', '=', v.id)
      .execute();
    await h.services.storedVerdicts.settled();
    await h.services.storedVerdicts.refreshDirty();
    await expectStoredEqualsOracle();
  });

  it('a programme is withdrawn (no current version) and one deleted: their cells go', async () => {
    await h.db.updateTable('programme').set({ currentVersionId: null }).where('key', '=', 'vs-return').execute();
    await expectStoredEqualsOracle();
    await h.services.storedVerdicts.settled();
    await h.services.storedVerdicts.refreshDirty();
    await expectStoredEqualsOracle();
  });

  it('a business is deleted: its row goes with it', async () => {
    const gone = ids.pop()!;
    await h.db.deleteFrom('business').where('id', '=', gone).execute();
    expect(await h.db.selectFrom('businessVerdict').select('businessId').where('businessId', '=', gone).execute()).toHaveLength(0);
    await expectStoredEqualsOracle();
  });

  it('the next day: rows of yesterday are recomputed on read (업력, 나이 move)', async () => {
    h.clock.current = new Date('2027-07-02T01:00:00Z');
    await expectStoredEqualsOracle();
    const days = await h.db.selectFrom('businessVerdict').select('refDate').execute();
    expect(new Set(days.map((d) => String(d.refDate).slice(0, 10)))).toEqual(new Set(['2027-07-02']));
  });
});

describe('the business page with a long catalogue (issue 12 §4: the first cards of each group, the rest one link away)', () => {
  it('shows 20 cards per group, closing soonest first, links to the rest, and the more page lists them all', async () => {
    const today = '2027-07-02'; // the clock of the test above
    const officeId = await h.ensureOffice();
    const clerkUser = await h.createUser('clerk', { login: 'vs-long-clerk', officeId });
    const clerk = h.client();
    await clerk.login(clerkUser.login);
    const [b] = await h.db
      .insertInto('business')
      .values({ ...shop('긴 목록 가게', '41110', '41'), officeId, clerkId: clerkUser.id })
      .returning('id')
      .execute();
    // 30 programmes anyone is eligible for, open now; programme i closes in 100 - i days, so the
    // last ones created close soonest.
    const made: { title: string; periodEnd: string }[] = [];
    for (let i = 0; i < 30; i++) {
      const { versionId } = await programme(`vs-long-${i}`, { all: [] }, { nationwide: true });
      const periodEnd = new Date(Date.parse(`${today}T00:00:00Z`) + (100 - i) * 86_400_000).toISOString().slice(0, 10);
      await h.db
        .updateTable('programmeVersion')
        .set({ periodKind: 'range', periodStart: '2027-01-01', periodEnd })
        .where('id', '=', versionId)
        .execute();
      made.push({ title: `(시험) vs-long-${i}`, periodEnd });
    }
    await h.services.storedVerdicts.settled();
    await h.services.storedVerdicts.refreshDirty();
    const page = await (await clerk.get(`/businesses/${b!.id}`)).text();
    const elig = page.slice(page.indexOf('id="elig"'), page.indexOf('id="participations-title"'));
    const eligibleCards = [
      ...elig.matchAll(/<li class="itda-card itda-verdict itda-verdict-eligible">\s*<h3>\s*<a href="\/programmes\/\d+">([^<]+)<\/a>/g),
    ].map((m) => m[1]);
    expect(eligibleCards).toHaveLength(20);
    // Closing soonest first: vs-long-29 (in 71 days) … vs-long-10.
    expect(eligibleCards.slice(0, 3)).toEqual(['(시험) vs-long-29', '(시험) vs-long-28', '(시험) vs-long-27']);
    const total = Number(/신청 가능 (\d+)/.exec(elig)![1]);
    expect(total).toBeGreaterThanOrEqual(30);
    expect(elig).toContain(`href="/businesses/${b!.id}/eligibility/more#all-eligible"`);
    expect(elig).toContain(`신청 가능 ${total}개 모두 보기`);
    const more = await (await clerk.get(`/businesses/${b!.id}/eligibility/more`)).text();
    const all = more.slice(more.indexOf('id="all-eligible"'), more.indexOf('id="all-unknown"'));
    for (const m of made) expect(all).toContain(m.title);
    expect([...all.matchAll(/itda-verdict-eligible/g)]).toHaveLength(total);
  });

  it("the business page's short participation choice (compactChoicesOf) is the full choice (choicesOf) cut as the page used to cut it", async () => {
    type Choice = Awaited<ReturnType<typeof h.services.storedVerdicts.choicesOf>>[number];
    const order = { eligible: 0, unknown: 1, unreviewed: 2, ineligible: 3 };
    const end = (p: Choice) => p.periodEnd ?? '9999';
    // The page's cut before: per verdict the `per` closing soonest (a stable sort of the title order), listed by verdict, then title.
    const cut = (choices: readonly Choice[], per: number, exclude: ReadonlySet<number>) => {
      const rest = choices.filter((p) => !exclude.has(p.id));
      const keep = new Set<Choice>();
      for (const v of ['eligible', 'unknown', 'unreviewed'] as const)
        for (const p of rest
          .filter((x) => x.verdict === v)
          .sort((a, b) => (end(a) < end(b) ? -1 : end(a) > end(b) ? 1 : 0))
          .slice(0, per))
          keep.add(p);
      const offered = rest.filter((p) => keep.has(p)).sort((a, b) => order[a.verdict] - order[b.verdict]);
      return { offered, others: rest.length - offered.length };
    };
    const all = await h.db.selectFrom('business').select('id').execute();
    let compared = 0;
    for (const { id } of all) {
      const choices = await h.services.storedVerdicts.choicesOf(id);
      // Without exclusions, and without the first eligible and the first unknown (as if the business took part in them).
      const exclusions = [new Set<number>(), new Set(['eligible', 'unknown'].map((v) => choices.find((p) => p.verdict === v)?.id ?? -1))];
      for (const per of [1, 3, 50])
        for (const exclude of exclusions) {
          expect(await h.services.storedVerdicts.compactChoicesOf(id, per, exclude), `${id} ${per}`).toEqual(cut(choices, per, exclude));
          compared++;
        }
      expect(new Set(choices.map((p) => p.verdict)).size, id).toBeGreaterThanOrEqual(2);
    }
    expect(compared).toBeGreaterThanOrEqual(36);
  });

  it("the clerk home's closing cells, kept per process by row version, follow a change made straight in SQL", async () => {
    const today = '2027-07-02';
    const in14 = '2027-07-16';
    const small = await h.db
      .selectFrom('programme')
      .select(['id', 'currentVersionId'])
      .where('key', '=', 'vs-new')
      .executeTakeFirstOrThrow();
    await h.db
      .updateTable('programmeVersion')
      .set({ periodKind: 'range', periodStart: '2027-01-01', periodEnd: '2027-07-10' })
      .where('id', '=', small.currentVersionId!)
      .execute();
    await h.services.storedVerdicts.settled();
    await h.services.storedVerdicts.refreshDirty();
    const businesses = await h.db.selectFrom('business').select(['id', 'name']).where('id', 'in', ids).execute();
    const key = (r: { programmeId: number; businessId: string; verdict: string; missing: readonly string[] }) =>
      `${r.programmeId}/${r.businessId}/${r.verdict}/${r.missing.join(',')}`;
    const check = async () => {
      // In the same order too (deadline, then business name; one closing programme here, distinct names).
      const rows = await h.services.storedVerdicts.closingSoonFor(businesses, today, in14);
      const got = rows.map(key);
      const want = (await h.services.eligibility.closingSoonFor(ids, today, in14)).map(key);
      expect(got).toEqual(want);
      // The clerk home's groups (first 2 by name, the rest counted) are these rows grouped.
      const groups = await h.services.storedVerdicts.closingSoonGroups(businesses, today, in14, 2);
      expect(groups.rows).toBe(rows.length);
      expect(groups.groups.map((g) => [g.programmeId, g.total, g.first.map(key)])).toEqual(groupRows(rows, 2).map((g) => [g.programmeId, g.total, g.first.map(key)]));
      return got;
    };
    const before = await check();
    expect(await check()).toEqual(before); // read again: from the kept subsets
    // 수원 국밥's 상시근로자 수 was unknown; the clerk records 2.
    expect(before).toContain(`${small.id}/${ids[1]}/unknown/workers`);
    await h.db.updateTable('business').set({ workers: 2 }).where('id', '=', ids[1]!).execute();
    // Another reader (the business page, or another process) recomputes the row first: the row is
    // fresh again, so only its version tells that the subset kept for the clerk home is not.
    await h.services.storedVerdicts.cellsOf([ids[1]!]);
    const after = await check();
    expect(after).toContain(`${small.id}/${ids[1]}/eligible/`);
    expect(after).not.toContain(`${small.id}/${ids[1]}/unknown/workers`);
  });
});
