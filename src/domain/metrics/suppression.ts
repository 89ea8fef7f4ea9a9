import type { Figures, MonthFacts } from './figures.ts';

/**
 * What the province (경기도) may see: aggregates only, and no figure that lets a single business
 * be singled out (issue 5; 개인정보 보호법 §28의2 가명정보 처리 practice, 통계청 "공표 통계의
 * 비밀보호" practice). The same rule as the clerks' re-employment report
 * (src/domain/recruitment/reemployment.ts):
 *
 * - a count of 1–4 is shown as "5 미만" (`'lt5'`); 0 stays 0 (a zero describes nobody);
 * - a figure derived from small counts is withheld (`null`, shown as "비공개"): a rate unless its
 *   numerator, its denominator and their difference are all ≥ 5 (else "all but 2" tells about 2),
 *   a benefit total or average unless ≥ 5 participations received a benefit (else one business's
 *   amount shows), a median unless it is taken over ≥ 5 durations;
 * - secondary suppression in tables with a total (protectTable below): a hidden cell must not be
 *   recoverable from the total minus the shown cells, in a column (rows add up to the total) or in
 *   a row (선정 + 탈락 + 취소 + 대기 = 신청), so further cells are withheld until every "5 미만"
 *   cell could still be at least two different values; a figure derived from a withheld cell
 *   (a rate, an average, a duration count) is withheld with it;
 * - amounts are rounded to 10만 원 and periods are whole months (reports.service.ts), so two
 *   overlapping views cannot be subtracted to read one business's amount or one day's change.
 */
export const SMALL_COUNT = 5;
/** The province's amounts are rounded to this (KRW). */
export const AMOUNT_ROUNDING = 100_000;
const roundAmount = (n: number) => Math.round(n / AMOUNT_ROUNDING) * AMOUNT_ROUNDING;

/** A count or derived figure as the province sees it. */
export type PublicValue = number | 'lt5' | null;

export function publicCount(n: number): PublicValue {
  return n > 0 && n < SMALL_COUNT ? 'lt5' : n;
}

const big = (n: number) => n >= SMALL_COUNT;

export function publicRate(rate: number | null, numerator: number, denominator: number): PublicValue {
  return rate !== null && big(numerator) && big(denominator) && big(denominator - numerator) ? rate : null;
}

export type PublicFigures = { [K in keyof Figures]: PublicValue };

export function publicFigures(f: Figures): PublicFigures {
  return {
    businessesSupported: publicCount(f.businessesSupported),
    applications: publicCount(f.applications),
    selected: publicCount(f.selected),
    rejected: publicCount(f.rejected),
    withdrawn: publicCount(f.withdrawn),
    pending: publicCount(f.pending),
    benefitedOfApplications: publicCount(f.benefitedOfApplications),
    selectionRate: publicRate(f.selectionRate, f.selected, f.applications),
    benefitRate: publicRate(f.benefitRate, f.benefitedOfApplications, f.selected),
    conversionRate: publicRate(f.conversionRate, f.benefitedOfApplications, f.applications),
    benefited: publicCount(f.benefited),
    benefitTotal: big(f.benefited) ? roundAmount(f.benefitTotal) : f.benefited === 0 ? 0 : null,
    averageBenefit: big(f.benefited) && f.averageBenefit !== null ? roundAmount(f.averageBenefit) : null,
    identified: publicCount(f.identified),
    medianDaysToSubmit: big(f.daysToSubmitN) ? f.medianDaysToSubmit : null,
    daysToSubmitN: publicCount(f.daysToSubmitN),
    medianDaysToBenefit: big(f.daysToBenefitN) ? f.medianDaysToBenefit : null,
    daysToBenefitN: publicCount(f.daysToBenefitN),
  };
}

export type PublicMonth = { month: string } & { [K in Exclude<keyof MonthFacts, 'month'>]: PublicValue };

export function publicMonth(m: MonthFacts): PublicMonth {
  return {
    month: m.month,
    applied: publicCount(m.applied),
    benefited: publicCount(m.benefited),
    benefitTotal: big(m.benefited) ? roundAmount(m.benefitTotal) : m.benefited === 0 ? 0 : null,
    businessesSupported: publicCount(m.businessesSupported),
  };
}

/** The words shown for a public value (the page, the .xlsx and the PDF say the same). */
export function describePublic(v: PublicValue, format: (n: number) => string): string {
  if (v === 'lt5') return '5 미만';
  if (v === null) return '비공개';
  return format(v);
}

// ── Secondary suppression ───────────────────────────────────────────────────────────────────────

/**
 * What a reader can tell about a hidden cell: "5 미만" is 1–4; a count withheld to protect another
 * (null) is 5 or more (else it would read "5 미만"); a withheld amount is 1 won or more.
 */
type Kind = 'count' | 'amount';
function bounds(v: PublicValue, kind: Kind): [number, number] {
  if (v === 'lt5') return [1, SMALL_COUNT - 1];
  return kind === 'count' ? [SMALL_COUNT, Infinity] : [1, Infinity];
}

/**
 * Whether every hidden cell of a group whose cells add up to a shown total keeps at least two
 * possible values. S = total − shown cells is what the hidden cells add up to; a hidden cell lies
 * in [S − Σ others' maxima, S − Σ others' minima] intersected with its own bounds.
 */
export function isProtected(shown: readonly PublicValue[], total: number, kind: Kind): boolean {
  const hidden = shown.map((v, i) => [v, i] as const).filter(([v]) => typeof v !== 'number');
  if (hidden.length === 0) return true;
  if (kind === 'amount' && hidden.length < 2) return false;
  const rest = total - shown.reduce<number>((a, v) => a + (typeof v === 'number' ? v : 0), 0);
  const b = hidden.map(([v]) => bounds(v, kind));
  // Sums over all hidden cells once; each cell then subtracts itself (O(n): a province table can have
  // 2,000 programmes). Unbounded maxima are counted apart so Infinity − Infinity never happens.
  const sumMin = b.reduce((a, [lo]) => a + lo, 0);
  const finiteMax = b.reduce((a, [, hi]) => a + (hi === Infinity ? 0 : hi), 0);
  const unbounded = b.filter(([, hi]) => hi === Infinity).length;
  return b.every(([lo, hi]) => {
    const othersMin = sumMin - lo;
    const othersMax = unbounded - (hi === Infinity ? 1 : 0) > 0 ? Infinity : finiteMax - (hi === Infinity ? 0 : hi);
    const low = Math.max(lo, rest - othersMax);
    const high = Math.min(hi, rest - othersMin);
    return high > low;
  });
}

/**
 * Withholds further cells of one group (a column of a table, or the parts of one row) until the
 * hidden ones are protected against its total: the smallest shown non-zero cell first. `exact`
 * are the true values (to check that the cells really add up to the total: only then can they be
 * subtracted). Returns the new shown values; the input is not changed.
 */
export function protectGroup(exact: readonly number[], shown: readonly PublicValue[], total: { exact: number; shown: PublicValue }, kind: Kind): PublicValue[] {
  const out = [...shown];
  if (typeof total.shown !== 'number') return out; // a hidden total gives nothing to subtract from
  if (exact.reduce((a, v) => a + v, 0) !== total.exact) return out; // not additive (e.g. businesses across programmes)
  // Against the exact total: a shown total is exact for counts; rounded amounts are protected by count.
  while (!isProtected(out, total.exact, kind)) {
    let pick = -1;
    for (let i = 0; i < out.length; i++) {
      const v = out[i];
      if (typeof v === 'number' && v !== 0 && (pick < 0 || exact[i]! < exact[pick]!)) pick = i;
    }
    if (pick < 0) break; // everything that can be hidden is
    out[pick] = null;
  }
  return out;
}

/** The count columns of a table of figures (rows add up to the total where the facts are additive). */
const COUNT_COLUMNS = ['businessesSupported', 'applications', 'selected', 'rejected', 'withdrawn', 'pending', 'benefitedOfApplications', 'benefited', 'identified'] as const;
/** 선정 + 탈락 + 선정 전 취소 + 결과 대기 = 신청, in every row. */
const OUTCOMES = ['selected', 'rejected', 'withdrawn', 'pending'] as const;

/** A derived figure is withheld when a count it is computed from is. */
function withholdDerived(p: PublicFigures): PublicFigures {
  const hidden = (k: keyof PublicFigures) => typeof p[k] !== 'number';
  return {
    ...p,
    selectionRate: hidden('selected') || hidden('applications') ? null : p.selectionRate,
    benefitRate: hidden('benefitedOfApplications') || hidden('selected') ? null : p.benefitRate,
    conversionRate: hidden('benefitedOfApplications') || hidden('applications') ? null : p.conversionRate,
    averageBenefit: hidden('benefitTotal') || hidden('benefited') ? null : p.averageBenefit,
    daysToSubmitN: hidden('applications') ? null : p.daysToSubmitN,
    daysToBenefitN: hidden('benefited') ? null : p.daysToBenefitN,
  };
}

/**
 * The province's view of a table of figures with its total row: public values, then secondary
 * suppression across rows (each column against the total) and within rows (the outcomes against
 * 신청), repeated until nothing changes, then derived figures withheld with their counts.
 */
export function protectTable(rows: readonly Figures[], total: Figures): PublicFigures[] {
  let shown = rows.map(publicFigures);
  const totalShown = publicFigures(total);
  for (let pass = 0; pass < 10; pass++) {
    const before = JSON.stringify(shown);
    for (const col of [...COUNT_COLUMNS, 'benefitTotal'] as const) {
      const kind: Kind = col === 'benefitTotal' ? 'amount' : 'count';
      const cells = protectGroup(
        rows.map((r) => r[col]),
        shown.map((r) => r[col]),
        { exact: total[col], shown: totalShown[col] },
        kind,
      );
      shown = shown.map((r, i) => ({ ...r, [col]: cells[i]! }));
    }
    shown = shown.map((r, i) => {
      const cells = protectGroup(
        OUTCOMES.map((k) => rows[i]![k]),
        OUTCOMES.map((k) => r[k]),
        { exact: rows[i]!.applications, shown: r.applications },
        'count',
      );
      return { ...r, ...Object.fromEntries(OUTCOMES.map((k, j) => [k, cells[j]!])) };
    });
    if (JSON.stringify(shown) === before) break;
  }
  return shown.map(withholdDerived);
}

/** The province's view of the total's own outcomes (the funnel and the summary): within-row protection only. */
export function protectTotal(total: Figures): PublicFigures {
  return protectTable([total], total)[0]!;
}

/** Months of a trend whose cells add up to a shown total (the months inside the period). */
export function protectMonths(months: readonly MonthFacts[], total: { applied: number; benefited: number; benefitTotal: number }, totalShown: { applied: PublicValue; benefited: PublicValue; benefitTotal: PublicValue }): PublicMonth[] {
  let shown = months.map(publicMonth);
  for (const [col, kind] of [['applied', 'count'], ['benefited', 'count'], ['benefitTotal', 'amount']] as const) {
    const cells = protectGroup(
      months.map((m) => m[col]),
      shown.map((m) => m[col]),
      { exact: total[col], shown: totalShown[col] },
      kind,
    );
    shown = shown.map((m, i) => ({ ...m, [col]: cells[i]! }));
  }
  return shown;
}
