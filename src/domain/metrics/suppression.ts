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
 * - secondary suppression in tables with a total: if exactly one row of a column is hidden, the
 *   total minus the other rows would reveal it, so the next smallest row is withheld too.
 */
export const SMALL_COUNT = 5;

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
    benefitTotal: big(f.benefited) ? f.benefitTotal : f.benefited === 0 ? 0 : null,
    averageBenefit: big(f.benefited) ? f.averageBenefit : null,
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
    benefitTotal: big(m.benefited) ? m.benefitTotal : m.benefited === 0 ? 0 : null,
    businessesSupported: publicCount(m.businessesSupported),
  };
}

/**
 * Secondary suppression over the rows of one table, column by column (the columns that are
 * counts summed into a shown total). Returns new rows; the input is not changed.
 */
export function suppressComplements<R extends Record<string, unknown>>(rows: readonly R[], columns: readonly (keyof R)[]): R[] {
  const out = rows.map((r) => ({ ...r }));
  for (const col of columns) {
    const hidden = out.filter((r) => r[col] === 'lt5' || r[col] === null);
    if (hidden.length !== 1) continue;
    let candidate: R | undefined;
    for (const r of out) {
      const v = r[col];
      if (typeof v !== 'number' || v === 0) continue;
      if (!candidate || v < (candidate[col] as number)) candidate = r;
    }
    if (candidate) (candidate as Record<keyof R, unknown>)[col] = null;
  }
  return out;
}

/** The words shown for a public value (the page, the .xlsx and the PDF say the same). */
export function describePublic(v: PublicValue, format: (n: number) => string): string {
  if (v === 'lt5') return '5 미만';
  if (v === null) return '비공개';
  return format(v);
}
