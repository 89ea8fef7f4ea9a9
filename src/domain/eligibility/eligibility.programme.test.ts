import { describe, expect, it } from 'vitest';
import { compileRule, evaluate } from './eligibility.engine.ts';
import { effectiveRule, regionCriterionOf, regionState } from './eligibility.programme.ts';
import type { Rule } from './eligibility.types.ts';

const busan = { nationwide: false, sido: ['26'], municipalities: [] };
const gyeonggi = { nationwide: false, sido: ['41'], municipalities: [] };
const small: Rule = { type: 'smallBusiness' };
const ansanShop = { sidoCode: '41', municipalityCode: '41270', workers: 2, annualRevenue: 100_000_000, ksicCode: '56111' };

describe('a version is evaluated with its region (issue 11 §1)', () => {
  it('nationwide adds nothing; a listed region is conjoined; no region at all is not judged', () => {
    expect(effectiveRule(small, { nationwide: true, sido: [], municipalities: [] })).toEqual(small);
    expect(effectiveRule(small, busan)).toEqual({ all: [{ type: 'region', sido: ['26'] }, small] });
    expect(effectiveRule({ all: [small] }, busan)).toEqual({ all: [{ type: 'region', sido: ['26'] }, small] });
    expect(effectiveRule(small, { nationwide: false, sido: [], municipalities: [] })).toBeNull();
    expect(regionState({ nationwide: false, sido: [], municipalities: [] })).toBe('unset');
    expect(regionCriterionOf({ nationwide: false, sido: [], municipalities: ['41110'] })).toEqual({ type: 'region', municipalities: ['41110'] });
  });

  it('a rule that already states the same region is not given it twice; a different one is still conjoined', () => {
    const stated: Rule = { all: [{ type: 'region', sido: ['41'], note: '경기도 내 사업장' }, small] };
    expect(effectiveRule(stated, gyeonggi)).toBe(stated);
    expect(effectiveRule(stated, busan)).toEqual({ all: [{ type: 'region', sido: ['26'] }, ...(stated).all] });
  });

  it('a 경기 shop is not eligible for a 부산 notice, with the line the clerk reads', () => {
    const e = evaluate(compileRule(effectiveRule(small, busan)!), ansanShop, '2026-12-02', { explain: true });
    expect(e.verdict).toBe('ineligible');
    const lines = e.explanation?.kind === 'all' ? e.explanation.children.map((c) => c.text) : [];
    expect(lines[0]).toBe('소재지: 부산광역시 — 사업장 경기도 안산시: 미충족');
    expect(evaluate(compileRule(small), ansanShop, '2026-12-02').verdict).toBe('eligible');
  });
});
