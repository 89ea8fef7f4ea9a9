/**
 * Stored verdicts (issue 12 §2) equal the per-business engine the pages use
 * (eligibility.evaluateBusiness): reviewed programmes by their verdict, programmes awaiting review
 * as unknown where the screen lets the business through and ineligible where it rules it out.
 * Then after a business changes and a programme is published, through the hooks only.
 * The in-process matrix is not part of the app's composition (a copy per process goes stale in the
 * other processes; the pages read business_verdict): made here over the harness's database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/domain/eligibility/index.ts';
import { createEligibilityRepository } from '../../src/modules/eligibility/eligibility.repository.ts';
import { createVerdictStore, type VerdictStore } from '../../src/modules/matching/matching.service.ts';
import { createProgramsRepository } from '../../src/modules/programs/programs.repository.ts';
import { createHarness, type Harness } from '../harness.ts';

let h: Harness;
let store: VerdictStore;
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

beforeAll(async () => {
  h = await createHarness();
  h.clock.current = new Date('2026-12-02T01:00:00Z');
  store = createVerdictStore({ db: h.db, programs: createProgramsRepository(), repo: createEligibilityRepository(), now: h.clock.now });
  await h.createProgramme({ key: 'vs-small', rule: { all: [{ type: 'smallBusiness' }, { type: 'ksic', excludeSets: ['sbiz-standard-exclusions'] }] }, region: { sido: ['41'] } });
  await h.createProgramme({
    key: 'vs-young',
    rule: {
      all: [
        { type: 'businessAge', maxMonths: 84 },
        { type: 'revenue', max: 300_000_000 },
      ],
    },
    region: { nationwide: true },
  });
  await h.createProgramme({ key: 'vs-suwon', rule: { not: { type: 'operatingStatus', allowed: ['closed', 'suspended'] } }, region: { municipalities: ['41110'] } });
  await h.createProgramme({ key: 'vs-return', rule: { any: [{ type: 'closedWithin', months: 12 }, { type: 'closurePlanned' }] }, region: { sido: ['41'] } });
  await h.createProgramme({ key: 'vs-drafted', rule: { type: 'revenue', max: 300_000_000 }, region: { sido: ['41'] }, review: 'drafted' });
  await h.createProgramme({ key: 'vs-no-region', rule: { type: 'workers', maxExclusive: 5 }, region: {} });
  await h.createProgramme({ key: 'vs-no-rule', rule: null, region: { sido: ['41'] } });
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
});
afterAll(async () => {
  await h?.close();
});

describe('stored verdicts (verdict matrix) = per-business engine', () => {
  it('for every tracked business × every current programme', async () => {
    let cells = 0;
    for (const id of ids) {
      const want = await oracle(id);
      const got = await store.verdictsOf(id);
      expect(got).toBeDefined();
      expect(Object.fromEntries(got!)).toEqual(Object.fromEntries(want));
      cells += want.size;
    }
    expect(cells).toBe(ids.length * 7);
    // all three verdicts occur
    const seen = new Set<string>();
    for (const id of ids) for (const v of (await store.verdictsOf(id))!.values()) seen.add(v);
    expect([...seen].sort()).toEqual(['eligible', 'ineligible', 'unknown']);
  });

  it('after a business changes (hook: one row) and a new business appears', async () => {
    await h.db.updateTable('business').set({ annualRevenue: 900_000_000, workers: 12 }).where('id', '=', ids[0]!).execute();
    await store.businessChanged(ids[0]!);
    const [added] = await h.db
      .insertInto('business')
      .values({ ...shop('새 가게', '41460', '41'), officeId: await h.ensureOffice() })
      .returning('id')
      .execute();
    await store.businessChanged(added!.id);
    for (const id of [ids[0]!, added!.id]) {
      expect(Object.fromEntries((await store.verdictsOf(id))!)).toEqual(Object.fromEntries(await oracle(id)));
    }
  });

  it('after a programme version changes review state (hook: one column)', async () => {
    const p = await h.db
      .selectFrom('programme as p')
      .innerJoin('programmeVersion as v', 'v.id', 'p.currentVersionId')
      .select(['p.key', 'v.id', 'v.ruleReview'])
      .where('v.ruleReview', '=', 'reviewed')
      .executeTakeFirstOrThrow();
    const before = await store.countsOf(p.key);
    await h.db.updateTable('programmeVersion').set({ ruleReview: 'drafted' }).where('id', '=', p.id).execute();
    await store.programmePublished(p.key);
    expect(await store.judges(p.key)).toBe(false);
    expect((await store.countsOf(p.key))!.eligible).toBe(0);
    for (const id of ids)
      expect(Object.fromEntries((await store.verdictsOf(id))!)).toEqual(Object.fromEntries(await oracle(id)));
    await h.db.updateTable('programmeVersion').set({ ruleReview: p.ruleReview }).where('id', '=', p.id).execute();
    await store.programmePublished(p.key);
    expect(await store.countsOf(p.key)).toEqual(before);
  });
});
