import { describe, expect, it } from 'vitest';
import { compileProgramme, diffVerdicts, evaluateCatalogue } from './eligibility.catalogue.ts';
import { compileRule } from './eligibility.engine.ts';
import { formatExplanation } from './eligibility.explain.ts';
import { generateBusinesses, generateCatalogue } from './eligibility.generate.ts';
import type { BusinessFacts, Rule } from './eligibility.types.ts';

/** 경기도 소상공인 경영환경개선 as docs/domain.md describes it (sample limits). */
const envImprovement: Rule = {
  all: [
    { type: 'region', sido: ['41'] },
    { type: 'businessAge', minMonths: 36, source: '공고문 2쪽' },
    { type: 'workers', maxExclusive: 5 },
    { type: 'noTaxArrears', kinds: ['local'], allowDeferral: false },
    { type: 'noPriorReceipt', programmeKeys: ['gg-env-improvement'], years: 3 },
    { type: 'ksic', excludeSets: ['sbiz-standard-exclusions'] },
  ],
};

const shop: BusinessFacts = {
  municipalityCode: '41110',
  openedOn: '2024-03-02',
  workers: 2,
  localTaxArrears: false,
  priorReceipts: [],
  ksicCode: '56111',
  annualRevenue: 320_000_000,
};

const P = (key: string, rule: Rule, title = key) => compileProgramme({ key, title, rule });

describe('evaluateCatalogue', () => {
  it('finds the date a time-dependent criterion opens a programme, and checks the rest then', () => {
    const cat = evaluateCatalogue([P('env', envImprovement, '경영환경개선')], shop, '2026-05-01');
    expect(cat.results[0]!.verdict).toBe('ineligible');
    expect(cat.openings).toHaveLength(1);
    expect(cat.openings[0]).toMatchObject({ date: '2027-03-02', verdictThen: 'eligible', text: '개업 3년이 되는 2027-03-02부터 신청 가능' });
  });

  it('says what is still needed when the rest would be unknown then', () => {
    const cat = evaluateCatalogue([P('env', envImprovement)], { ...shop, localTaxArrears: null }, '2026-05-01');
    expect(cat.openings[0]).toMatchObject({ date: '2027-03-02', verdictThen: 'unknown', needs: ['localTaxArrears'] });
    expect(cat.openings[0]!.text).toBe('개업 3년이 되는 2027-03-02부터 신청 가능할 수 있음 — 확인 필요: 지방세 체납 여부');
  });

  it('does not promise an opening that another criterion blocks', () => {
    const cat = evaluateCatalogue([P('env', envImprovement)], { ...shop, workers: 6 }, '2026-05-01');
    expect(cat.openings).toEqual([]);
  });

  it('opens when a prior receipt leaves the window', () => {
    const facts = { ...shop, openedOn: '2015-01-01', priorReceipts: [{ programmeKey: 'gg-env-improvement', category: '07', receivedOn: '2024-06-10' }] };
    const cat = evaluateCatalogue([P('env', envImprovement)], facts, '2026-05-01');
    expect(cat.openings[0]!.date).toBe('2027-06-10');
    expect(cat.openings[0]!.text).toContain('3년이 지나는 2027-06-10부터 신청 가능');
  });

  it('reports near-misses with the gap in words', () => {
    const rule: Rule = { all: [{ type: 'region', sido: ['41'] }, { type: 'revenue', max: 300_000_000 }, { type: 'workers', maxExclusive: 5 }] };
    const cat = evaluateCatalogue([P('fund', rule, '판로지원')], shop, '2026-05-01');
    expect(cat.nearMisses).toHaveLength(1);
    expect(cat.nearMisses[0]).toMatchObject({
      programmeKey: 'fund',
      verdictIfMet: 'eligible',
      text: '1개 조건 미충족: 연매출 3.2억 원 > 기준 3억 원',
    });
    expect(cat.nearMisses[0]!.unmet).toEqual([{ index: 1, type: 'revenue', rule: '연매출 3억 원 이하', gap: '연매출 3.2억 원 > 기준 3억 원' }]);
  });

  it('a near-miss says which unknown facts would also have to turn out right', () => {
    const rule: Rule = { all: [{ type: 'revenue', max: 300_000_000 }, { type: 'ownerGender', gender: 'female' }] };
    const cat = evaluateCatalogue([P('w', rule)], shop, '2026-05-01');
    expect(cat.nearMisses[0]).toMatchObject({ verdictIfMet: 'unknown', alsoNeeds: ['ownerGender'] });
    expect(cat.nearMisses[0]!.text).toBe('1개 조건 미충족: 연매출 3.2억 원 > 기준 3억 원 (그 밖에 확인 필요: 대표자 성별)');
  });

  it('two unmet criteria are a near-miss only with maxUnmet ≥ 2', () => {
    const rule: Rule = { all: [{ type: 'revenue', max: 300_000_000 }, { type: 'workers', maxExclusive: 2 }] };
    expect(evaluateCatalogue([P('x', rule)], shop, '2026-05-01').nearMisses).toEqual([]);
    const two = evaluateCatalogue([P('x', rule)], shop, '2026-05-01', { maxUnmet: 2 }).nearMisses;
    expect(two[0]!.text).toMatch(/^2개 조건 미충족: /);
  });

  it('reports closings: eligible now, not after a maximum business age', () => {
    const rule: Rule = { all: [{ type: 'businessAge', maxMonths: 84 }] };
    const cat = evaluateCatalogue([P('startup', rule)], shop, '2026-05-01');
    expect(cat.closings[0]).toMatchObject({ date: '2031-03-02', verdictThen: 'ineligible' });
    expect(cat.closings[0]!.text).toBe('2031-03-01까지 신청 가능 (개업 7년이 되는 2031-03-02부터 조건 미충족)');
  });

  it('ranks the facts to ask next by how many unknown verdicts they settle', () => {
    const progs = [
      P('a', { all: [{ type: 'revenue', max: 500_000_000 }, { type: 'ownerGender', gender: 'female' }] }),
      P('b', { all: [{ type: 'ownerGender', gender: 'female' }] }),
      P('c', { all: [{ type: 'ownerGender', gender: 'female' }, { type: 'mailOrderRegistered' }] }),
      P('d', { all: [{ type: 'mailOrderRegistered' }, { type: 'ownerDisabled' }] }),
    ];
    const cat = evaluateCatalogue(progs, { ...shop, annualRevenue: 100_000_000 }, '2026-05-01');
    expect(cat.counts).toEqual({ eligible: 0, ineligible: 0, unknown: 4 });
    expect(cat.askNext.map((a) => [a.fact, a.label, a.decides, a.involved])).toEqual([
      ['ownerGender', '대표자 성별', 2, 3],
      ['mailOrderRegistered', '통신판매업 신고 여부', 0, 2],
      ['ownerDisabled', '대표자 장애 여부', 0, 1],
    ]);
    expect(cat.askNext[0]!.programmeKeys).toEqual(['a', 'b', 'c']);
  });

  it('with explain, every programme carries its explanation and summary', () => {
    const cat = evaluateCatalogue([P('env', envImprovement)], shop, '2026-05-01', { explain: true });
    const r = cat.results[0]!;
    expect(r.summary).toBe('신청 불가 — 1개 조건 미충족: 업력 2년 1개월 < 기준 3년');
    const text = formatExplanation(r.explanation!);
    expect(text.split('\n')).toHaveLength(7);
    expect(text).toContain('업력 3년 이상 — 업력 2년 1개월 (개업일 2024-03-02): 미충족 (업력 2년 1개월 < 기준 3년) · 출처: 공고문 2쪽');
  });

  it('the same verdicts with and without explain on a generated catalogue', () => {
    const progs = generateCatalogue(60, 7).map((p) => compileProgramme(p));
    for (const b of generateBusinesses(30, 7)) {
      const plain = evaluateCatalogue(progs, b.facts, '2026-05-01');
      const full = evaluateCatalogue(progs, b.facts, '2026-05-01', { explain: true });
      expect(full.results.map((r) => [r.verdict, r.missing])).toEqual(plain.results.map((r) => [r.verdict, r.missing]));
      expect(full.nearMisses).toEqual(plain.nearMisses);
      expect(full.openings).toEqual(plain.openings);
      expect(full.askNext).toEqual(plain.askNext);
    }
  });
});

describe('criteria shared between programmes', () => {
  it('give the same answers as criteria compiled one by one (memos never leak between businesses or dates)', () => {
    const cat = generateCatalogue(120, 11);
    const shared = cat.map((p) => compileProgramme(p));
    const alone = cat.map((p) => compileProgramme(p, { share: false }));
    const bs = generateBusinesses(40, 11);
    for (const [i, b] of bs.entries()) {
      const ref = i % 2 ? '2026-05-01' : '2027-03-02';
      const a = evaluateCatalogue(shared, b.facts, ref, { explain: i % 3 === 0 });
      const c = evaluateCatalogue(alone, b.facts, ref, { explain: i % 3 === 0 });
      expect(a).toEqual(c);
    }
  });
});

describe('diffVerdicts', () => {
  it('lists businesses that gain and lose eligibility when a rule changes', () => {
    const before = compileRule({ all: [{ type: 'revenue', max: 300_000_000 }] });
    const after = compileRule({ all: [{ type: 'revenue', max: 500_000_000 }, { type: 'workers', maxExclusive: 5 }] });
    const businesses = [
      { id: 'a', facts: { annualRevenue: 400_000_000, workers: 1 } }, // gains
      { id: 'b', facts: { annualRevenue: 100_000_000, workers: 7 } }, // loses
      { id: 'c', facts: { annualRevenue: 100_000_000 } }, // eligible → unknown: loses
      { id: 'd', facts: { annualRevenue: 600_000_000 } }, // ineligible both
      { id: 'e', facts: { annualRevenue: 400_000_000 } }, // ineligible → unknown
    ];
    const d = diffVerdicts(before, after, businesses, '2026-05-01');
    expect(d.total).toBe(5);
    expect(d.gained).toEqual([{ id: 'a', from: 'ineligible', to: 'eligible' }]);
    expect(d.lost).toEqual([
      { id: 'b', from: 'eligible', to: 'ineligible' },
      { id: 'c', from: 'eligible', to: 'unknown' },
    ]);
    expect(d.otherChanges).toEqual([{ id: 'e', from: 'ineligible', to: 'unknown' }]);
    expect(d.counts['ineligible→ineligible']).toBe(1);
    expect(Object.values(d.counts).reduce((s, n) => s + n, 0)).toBe(5);
  });
});
