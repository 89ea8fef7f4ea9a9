import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_FACTS, figures, type Figures } from './figures.ts';
import { isProtected, protectGroup, protectMonths, protectTable, publicCount, SMALL_COUNT, type PublicValue } from './suppression.ts';

/**
 * The attacker, written independently of the protector: every assignment of the hidden cells that
 * fits what is shown ("5 미만" = 1–4, a withheld count = 5 or more, a withheld amount ≥ 1) and adds
 * up to the shown total. A "5 미만" cell is disclosed when all such assignments agree on it.
 */
function disclosed(shown: readonly PublicValue[], total: number, cap: number): number[] {
  const hidden = shown.map((v, i) => [v, i] as const).filter(([v]) => typeof v !== 'number');
  const rest = total - shown.reduce<number>((a, v) => a + (typeof v === 'number' ? v : 0), 0);
  const seen = hidden.map(() => new Set<number>());
  const walk = (k: number, left: number, picked: number[]) => {
    if (k === hidden.length) {
      if (left === 0) picked.forEach((v, j) => seen[j]!.add(v));
      return;
    }
    const [v] = hidden[k]!;
    const [lo, hi] = v === 'lt5' ? [1, SMALL_COUNT - 1] : [SMALL_COUNT, cap];
    for (let x = lo; x <= Math.min(hi, left); x++) walk(k + 1, left - x, [...picked, x]);
  };
  walk(0, rest, []);
  return hidden.filter(([v], j) => v === 'lt5' && seen[j]!.size === 1).map(([, i]) => i);
}

describe('secondary suppression (the province)', () => {
  it('withholds the next smallest cell when one hidden cell could be recovered from the total', () => {
    // 3 + 7 + 30 = 40: with only the 3 hidden, 40 − 7 − 30 tells it.
    const exact = [3, 7, 30];
    const shown = protectGroup(exact, exact.map(publicCount), { exact: 40, shown: 40 }, 'count');
    expect(shown).toEqual(['lt5', null, 30]);
    expect(disclosed(shown, 40, 60)).toEqual([]);
  });

  it('widens the complement when "5 미만" plus a withheld 5 would still pin the small one (1 + 5 = 6)', () => {
    const exact = [1, 5, 9, 40];
    const shown = protectGroup(exact, exact.map(publicCount), { exact: 55, shown: 55 }, 'count');
    expect(disclosed(shown, 55, 80)).toEqual([]);
    expect(shown.filter((v) => v === null).length).toBeGreaterThanOrEqual(2);
  });

  it('needs two withheld amounts: one alone is the total minus the rest', () => {
    expect(isProtected([null, 2_000_000, 3_000_000], 5_500_000, 'amount')).toBe(false);
    expect(isProtected([null, null, 3_000_000], 5_500_000, 'amount')).toBe(true);
  });

  it('isProtected agrees with a brute-force attacker, and the protector hides until protected or nothing is left (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 14 })), { minLength: 1, maxLength: 5 }), (exact) => {
        const total = exact.reduce((a, b) => a + b, 0);
        if (typeof publicCount(total) !== 'number') return; // a hidden total: nothing to subtract from
        const shown = protectGroup(exact, exact.map(publicCount), { exact: total, shown: total }, 'count');
        shown.forEach((v, i) => {
          if (typeof v === 'number') expect(v).toBe(exact[i]); // shown cells are the true ones
          else expect(v).toBe(exact[i]! < SMALL_COUNT ? 'lt5' : null);
        });
        const leaks = disclosed(shown, total, 40);
        expect(leaks.length === 0).toBe(isProtected(shown, total, 'count'));
        // Left unprotected only when every non-zero cell is already hidden (e.g. 1 + 5 = 6: the
        // total itself tells; the dashboard total is the programme's headline and stays shown).
        if (leaks.length) expect(shown.every((v, i) => exact[i] === 0 || typeof v !== 'number')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('protects the outcomes of a row against its applications (선정 + 탈락 + 취소 + 대기 = 신청)', () => {
    // 9 applications: 5 selected, 4 rejected, 0 withdrawn, 0 pending → 4 rejected would be 9 − 5.
    const row = figures({ ...EMPTY_FACTS, applied: 9, appliedSelected: 5, appliedRejected: 4 });
    const other = figures({ ...EMPTY_FACTS, applied: 30, appliedSelected: 20, appliedRejected: 6, appliedWithdrawnUnselected: 4 });
    const total = figures({ ...EMPTY_FACTS, applied: 39, appliedSelected: 25, appliedRejected: 10, appliedWithdrawnUnselected: 4 });
    const [a] = protectTable([row, other], total);
    expect(a!.rejected).toBe('lt5');
    const outcomes = [a!.selected, a!.rejected, a!.withdrawn, a!.pending];
    expect(disclosed(outcomes, 9, 30)).toEqual([]);
    // The rate computed from a withheld count goes with it.
    if (a!.selected === null) expect(a!.selectionRate).toBeNull();
  });

  it('withholds derived figures with their counts (rate, average, duration count)', () => {
    const rows: Figures[] = [
      figures({ ...EMPTY_FACTS, applied: 3, appliedSelected: 3, benefited: 6, benefitTotal: 6_000_000 }),
      figures({ ...EMPTY_FACTS, applied: 8, appliedSelected: 6, benefited: 7, benefitTotal: 9_000_000 }),
      figures({ ...EMPTY_FACTS, applied: 40, appliedSelected: 30, benefited: 20, benefitTotal: 30_000_000 }),
    ];
    const total = figures({ ...EMPTY_FACTS, applied: 51, appliedSelected: 39, benefited: 33, benefitTotal: 45_000_000 });
    const shown = protectTable(rows, total);
    for (const r of shown) {
      if (typeof r.applications !== 'number') expect(r.selectionRate).toBeNull();
      if (typeof r.benefitTotal !== 'number') expect(r.averageBenefit).toBeNull();
    }
    expect(disclosed(shown.map((r) => r.applications), 51, 60)).toEqual([]);
  });

  it('protects the months of a trend against the period total and rounds amounts to 10만 원', () => {
    const m = (month: string, applied: number, benefited: number, benefitTotal: number) => ({ month, applied, benefited, benefitTotal, businessesSupported: applied });
    const months = [m('2026-01', 2, 0, 0), m('2026-02', 12, 6, 7_234_567), m('2026-03', 30, 9, 11_000_000)];
    const shown = protectMonths(months, { applied: 44, benefited: 15, benefitTotal: 18_234_567 }, { applied: 44, benefited: 15, benefitTotal: 18_200_000 });
    expect(shown[0]!.applied).toBe('lt5');
    expect(disclosed(shown.map((x) => x.applied), 44, 60)).toEqual([]);
    expect(shown[2]!.benefitTotal === null || shown[2]!.benefitTotal === 11_000_000).toBe(true);
    if (typeof shown[1]!.benefitTotal === 'number') expect(shown[1]!.benefitTotal % 100_000).toBe(0);
  });
});
