import { describe, expect, it } from 'vitest';
import { compileRule, evaluate } from '../../domain/eligibility/eligibility.engine.ts';
import { formatExplanation } from '../../domain/eligibility/eligibility.explain.ts';
import type { BusinessFacts } from '../../domain/eligibility/index.ts';
import { koreanAnsweredRanges } from './check.explain.ts';

const REF = '2026-12-02';
const RULE = { all: [{ type: 'revenue', max: 200_000_000 }, { type: 'businessAge', minMonths: 3 }, { type: 'ownerAge', max: 39 }, { type: 'workers', max: 4 }] };
/** The self-check's two corners for "연매출 1억~3억, 2026년 6월 개업, 30대, 직원 2명". */
const LOW: BusinessFacts = { annualRevenue: 100_000_000, openedOn: '2026-06-01', ownerBirthDate: '1996-12-02', workers: 2 };
const HIGH: BusinessFacts = { annualRevenue: 299_999_999, openedOn: '2026-06-30', ownerBirthDate: '1986-12-03', workers: 2 };

describe('koreanAnsweredRanges: the Korean "why" reads range answers as given', () => {
  const e = evaluate(compileRule(RULE as never), LOW, REF, { explain: true }).explanation!;
  const lines = formatExplanation(koreanAnsweredRanges(e, LOW, HIGH, REF)).split('\n');

  it('a revenue band, a month of opening and an age band read as ranges; an exact answer stays', () => {
    expect(lines).toContain('  - 연매출 2억 원 이하 — 연매출 1억 원 이상 3억 원 미만 (답한 범위): 충족');
    expect(lines.some((l) => l.startsWith('  - 업력 3개월 이상 — 업력 5개월~6개월 (2026년 6월 개업): 충족'))).toBe(true);
    expect(lines.some((l) => l.startsWith('  - 대표자 만 39세 이하 — 대표자 만 30~39세 (답한 범위): 충족'))).toBe(true);
    // The engine's own line for an exact answer.
    expect(lines.find((l) => l.includes('상시근로자'))).toBe(formatExplanation(e).split('\n').find((l) => l.includes('상시근로자')));
  });

  it('a gap worked out from one end of the range is left out', () => {
    const over = { ...LOW, annualRevenue: 300_000_000 };
    const top = { ...HIGH, annualRevenue: 499_999_999 };
    const x = evaluate(compileRule(RULE as never), over, REF, { explain: true }).explanation!;
    const before = formatExplanation(x);
    const after = formatExplanation(koreanAnsweredRanges(x, over, top, REF));
    expect(before).toMatch(/연매출 2억 원 이하 — 연매출 3억 원: 미충족 \(.+\)/);
    expect(after).toContain('연매출 2억 원 이하 — 연매출 3억 원 이상 5억 원 미만 (답한 범위): 미충족\n');
  });

  it('the same value at both ends (an exact answer) changes nothing', () => {
    expect(koreanAnsweredRanges(e, LOW, LOW, REF)).toEqual(e);
  });
});
