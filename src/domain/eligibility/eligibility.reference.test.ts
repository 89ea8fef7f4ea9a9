import { describe, expect, it } from 'vitest';
import { compileKsicMatcher, namedSetMatcher, ksicPrefixes } from './eligibility.ksic.ts';
import {
  FACT_LABELS,
  FACT_NAMES,
  KSIC_DIVISIONS,
  KSIC_SETS,
  REVENUE_CAP_BY_DIVISION,
  REVIEW_UNCHECKED,
  SMALL_BUSINESS_WORKER_LIMITS,
  SMALL_ENTERPRISE_REVENUE_CAPS,
  getKsicSet,
  workerLimitOfDivision,
} from './eligibility.reference.ts';

describe('reference data carries its source and review status', () => {
  it('소기업 caps and worker limits', () => {
    for (const d of [SMALL_ENTERPRISE_REVENUE_CAPS, SMALL_BUSINESS_WORKER_LIMITS]) {
      expect(d.source.length).toBeGreaterThan(10);
      expect(d.reviewStatus).toBe(REVIEW_UNCHECKED);
    }
  });
  it('every named KSIC set', () => {
    for (const s of KSIC_SETS) {
      expect(s.source, s.name).toMatch(/\S/);
      expect(s.reviewStatus, s.name).toBe(REVIEW_UNCHECKED);
    }
  });
});

describe('별표 3 table', () => {
  it('covers every division except those that are not 영리 기업 (94, O, T, U)', () => {
    const without = KSIC_DIVISIONS.filter((d) => !REVENUE_CAP_BY_DIVISION.has(d));
    expect(without).toEqual(['84', '94', '97', '98', '99']);
  });
  it.each([
    ['56', 1_000_000_000],
    ['47', 5_000_000_000],
    ['10', 12_000_000_000],
    ['18', 8_000_000_000],
    ['68', 3_000_000_000],
    ['96', 1_000_000_000],
    ['34', 1_000_000_000],
  ])('division %s caps at %i', (d, cap) => expect(REVENUE_CAP_BY_DIVISION.get(d)?.capKrw).toBe(cap));
  it('worker limit is 10 in 광업·제조업·건설업·운수업 and 5 elsewhere', () => {
    expect(['05', '10', '34', '41', '49', '52'].map(workerLimitOfDivision)).toEqual([10, 10, 10, 10, 10, 10]);
    expect(['47', '56', '96', '68'].map(workerLimitOfDivision)).toEqual([5, 5, 5, 5]);
  });
});

describe('named KSIC sets', () => {
  it('the standard list is composed of the themed lists', () => {
    const std = getKsicSet('sbiz-standard-exclusions');
    expect(std.allEntries.flatMap((e) => e.codes)).toEqual(expect.arrayContaining(['56211', '56212', '91242', '91249', '64', '65', '66', '68', '47811', '711', '712', '96992']));
    // KSIC 10th revision: 91241 is not a gambling class on the 소진공 list; 91242 (카지노) is.
    expect(std.allEntries.flatMap((e) => e.codes)).not.toContain('91241');
  });
  it('rejects an unknown name', () => expect(() => getKsicSet('nope')).toThrow(/알 수 없는 업종 묶음/));
  it('every set compiles', () => {
    for (const s of KSIC_SETS) expect(namedSetMatcher(s.name).title).toBe(s.title);
  });
});

describe('KSIC prefix matcher', () => {
  const m = compileKsicMatcher([
    { prefix: '68', member: true, label: '부동산업' },
    { prefix: '6821', member: false, label: '부동산 관리업' },
    { prefix: 'K', member: true, label: '금융 및 보험업' },
  ]);
  const t = (code: string) => m.test(code, ksicPrefixes(code));
  it.each([
    ['68111', 2],
    ['68211', 0],
    ['6821', 0],
    ['682', 1],
    ['68', 1],
    ['6', 1],
    ['64110', 2],
    ['56111', 0],
    ['K', 2],
    ['L', 1],
    ['I', 0],
  ])('%s → %i', (code, r) => expect(t(code)).toBe(r));
  it('names the deciding entry', () => {
    expect(m.decidingEntry('68211', ksicPrefixes('68211'))?.label).toBe('부동산 관리업');
    expect(m.decidingEntry('68111', ksicPrefixes('68111'))?.label).toBe('부동산업');
  });
  it('a union does not let one set’s exception hide another set’s member', () => {
    const union = namedSetMatcher('sbiz-standard-exclusions').matcher;
    expect(union.test('68211', ksicPrefixes('68211'))).toBe(0);
    expect(union.test('68111', ksicPrefixes('68111'))).toBe(2);
  });
});

describe('fact labels', () => {
  it('every fact has a Korean label', () => {
    for (const f of FACT_NAMES) expect(FACT_LABELS[f]).toMatch(/\S/);
    expect(FACT_LABELS.annualRevenue).toBe('연매출');
  });
});
