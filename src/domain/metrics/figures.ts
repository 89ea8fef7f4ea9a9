import type { ParticipationStatus } from '../participation-workflow.ts';
import { PARTICIPATION_STATUSES } from '../participation-workflow.ts';

/**
 * The programme's official measures (docs/domain.md: businesses supported, participations,
 * participations that actually received the benefit, benefit amounts, satisfaction), each with ONE
 * definition. The dashboards, the .xlsx exports, the monthly report and the API all call these
 * functions; reports.repository.ts only counts the facts named below, never a figure. Each
 * participation's facts (keys, milestones, durations, survey answer) are kept in the table
 * report_participation and each business's days of support in report_business_day, current by
 * triggers (migration 20261127170000_reports.sql), so a year of a 10× programme counts fast.
 *
 * Facts for one group (a 권역, 사무소, 공공사무원, 지원사업, 분야, a month, or everything) and one
 * period P (Korean calendar dates, inclusive):
 *
 * | fact | the participations (사업 참여) or businesses counted |
 * |---|---|
 * | applied | 신청: 신청일 (`submitted_on`) in P. The official "participations (applications made)". |
 * | appliedSelected | of `applied`, those ever 선정: status 선정/수혜 now, or a history row into 선정 (선정 후 취소 stays selected) |
 * | appliedRejected | of `applied`, status 탈락 |
 * | appliedWithdrawnUnselected | of `applied`, 취소 before any 선정 |
 * | appliedBenefited | of `applied`, status 수혜 now (the funnel's last step, same cohort) |
 * | benefited | 수혜: 수혜일 (`benefited_on`) in P. The official "participations that received the benefit". |
 * | benefitTotal | Σ 수혜 금액 (`benefit_amount`, KRW) of `benefited` |
 * | identified | 발굴: recorded (`created_at`, Korean date) in P |
 * | businessesSupported | distinct businesses with, in P, a 상담일지 (activity `occurred_on`) or a participation whose 발굴, 신청일, 결정일 or 수혜일 falls in P |
 * | daysToSubmit | for `applied`: Korean days from the first history row (발굴) to the first row into 신청완료 (participation_event `at`) |
 * | daysToBenefit | for `benefited`: Korean days from the first history row (발굴) to the first row into 수혜 |
 *
 * Flows (`applied`, `benefited`, `benefitTotal`) add up over months: the figures of January to
 * November are the sums of the monthly figures. The funnel (`applied*`) is a cohort: of the
 * applications made in P, what became of them by now — so its rates of a recent month still grow.
 * The durations use the history's timestamps (when the clerk recorded each step), not the typed
 * dates, so a back-dated 신청일 cannot make a duration negative; a participation without the
 * history row (imported) has no duration and is left out of the median, not counted as 0.
 */
/** Korean collation for ties (가나다 order); one collator, not one per comparison (600-row tables). */
const KO = new Intl.Collator('ko');
export function byKorean(a: string, b: string): number {
  return KO.compare(a, b);
}

export interface ParticipationFacts {
  applied: number;
  appliedSelected: number;
  appliedRejected: number;
  appliedWithdrawnUnselected: number;
  appliedBenefited: number;
  benefited: number;
  benefitTotal: number;
  identified: number;
}

/** A distribution of whole days: [days, how many] pairs (any order). */
export type DayHistogram = readonly (readonly [number, number])[];

export interface GroupFacts extends ParticipationFacts {
  businessesSupported: number;
  daysToSubmit: DayHistogram;
  daysToBenefit: DayHistogram;
}

export const EMPTY_FACTS: GroupFacts = {
  applied: 0,
  appliedSelected: 0,
  appliedRejected: 0,
  appliedWithdrawnUnselected: 0,
  appliedBenefited: 0,
  benefited: 0,
  benefitTotal: 0,
  identified: 0,
  businessesSupported: 0,
  daysToSubmit: [],
  daysToBenefit: [],
};

/** Statuses in which a participation has ended for the owner (the survey is offered then). */
export const ENDED_STATUSES: readonly ParticipationStatus[] = ['selected', 'rejected', 'withdrawn', 'benefited'];
/** Statuses that mean "was selected" without looking at the history. */
export const SELECTED_STATUSES: readonly ParticipationStatus[] = ['selected', 'benefited'];

export interface Figures {
  /** 지원 사업체 수 */
  businessesSupported: number;
  /** 신청 건수 (신청일 기준) */
  applications: number;
  /** 선정 (이 기간 신청분 중) */
  selected: number;
  /** 탈락 (이 기간 신청분 중) */
  rejected: number;
  /** 선정 전 취소 (이 기간 신청분 중) */
  withdrawn: number;
  /** 결과 대기: applications − selected − rejected − withdrawn */
  pending: number;
  /** 수혜 (이 기간 신청분 중, funnel's last step) */
  benefitedOfApplications: number;
  /** 선정률 = selected / applications */
  selectionRate: number | null;
  /** 수혜율 = benefitedOfApplications / selected */
  benefitRate: number | null;
  /** 신청 대비 수혜 = benefitedOfApplications / applications */
  conversionRate: number | null;
  /** 수혜 건수 (수혜일 기준) */
  benefited: number;
  /** 수혜 금액 합계 (KRW, 수혜일 기준) */
  benefitTotal: number;
  /** 건당 평균 수혜 금액 = benefitTotal / benefited, rounded to the won */
  averageBenefit: number | null;
  /** 발굴 건수 */
  identified: number;
  /** 발굴 → 신청완료 중앙값 (일) and how many durations it is taken over */
  medianDaysToSubmit: number | null;
  daysToSubmitN: number;
  /** 발굴 → 수혜 중앙값 (일) */
  medianDaysToBenefit: number | null;
  daysToBenefitN: number;
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

export function histogramCount(h: DayHistogram): number {
  return h.reduce((s, [, n]) => s + n, 0);
}

/**
 * The median of a distribution of days: the middle value, or the mean of the two middle values
 * when the count is even (the usual definition; 1, 2, 10, 11 → 6). Null when empty.
 */
export function medianOf(h: DayHistogram): number | null {
  const total = histogramCount(h);
  if (total === 0) return null;
  const sorted = [...h].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const at = (k: number): number => {
    let seen = 0;
    for (const [d, n] of sorted) {
      seen += n;
      if (k < seen) return d;
    }
    return sorted[sorted.length - 1]![0];
  };
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/** A histogram from a list of durations (tests and small callers). */
export function histogramOf(days: readonly number[]): DayHistogram {
  const m = new Map<number, number>();
  for (const d of days) m.set(d, (m.get(d) ?? 0) + 1);
  return [...m.entries()];
}

export function mergeHistograms(...hs: DayHistogram[]): DayHistogram {
  const m = new Map<number, number>();
  for (const h of hs) for (const [d, n] of h) m.set(d, (m.get(d) ?? 0) + n);
  return [...m.entries()];
}

/** The figures of one group, from its facts. */
export function figures(f: GroupFacts): Figures {
  const pending = Math.max(0, f.applied - f.appliedSelected - f.appliedRejected - f.appliedWithdrawnUnselected);
  return {
    businessesSupported: f.businessesSupported,
    applications: f.applied,
    selected: f.appliedSelected,
    rejected: f.appliedRejected,
    withdrawn: f.appliedWithdrawnUnselected,
    pending,
    benefitedOfApplications: f.appliedBenefited,
    selectionRate: ratio(f.appliedSelected, f.applied),
    benefitRate: ratio(f.appliedBenefited, f.appliedSelected),
    conversionRate: ratio(f.appliedBenefited, f.applied),
    benefited: f.benefited,
    benefitTotal: f.benefitTotal,
    averageBenefit: f.benefited > 0 ? Math.round(f.benefitTotal / f.benefited) : null,
    identified: f.identified,
    medianDaysToSubmit: medianOf(f.daysToSubmit),
    daysToSubmitN: histogramCount(f.daysToSubmit),
    medianDaysToBenefit: medianOf(f.daysToBenefit),
    daysToBenefitN: histogramCount(f.daysToBenefit),
  };
}

/** The funnel 신청 → 선정 → 수혜 with the step rates (same cohort: applications made in P). */
export interface FunnelStep {
  step: 'applied' | 'selected' | 'benefited';
  label: string;
  count: number;
  /** Share of the previous step (null for the first step). */
  rateFromPrevious: number | null;
  /** Share of the applications. */
  rateFromApplied: number | null;
}

export function funnel(f: Figures): FunnelStep[] {
  return [
    { step: 'applied', label: '신청', count: f.applications, rateFromPrevious: null, rateFromApplied: ratio(f.applications, f.applications) },
    { step: 'selected', label: '선정', count: f.selected, rateFromPrevious: f.selectionRate, rateFromApplied: f.selectionRate },
    { step: 'benefited', label: '수혜', count: f.benefitedOfApplications, rateFromPrevious: f.benefitRate, rateFromApplied: f.conversionRate },
  ];
}

/** 발굴된 참여 (identified in P) by their status now, in workflow order, with shares. */
export function statusDistribution(counts: Partial<Record<ParticipationStatus, number>>): { status: ParticipationStatus; count: number; share: number | null }[] {
  const total = PARTICIPATION_STATUSES.reduce((s, k) => s + (counts[k] ?? 0), 0);
  return PARTICIPATION_STATUSES.map((status) => ({ status, count: counts[status] ?? 0, share: ratio(counts[status] ?? 0, total) }));
}

// ── Breakdowns and rankings ───────────────────────────────────────────────────────────────────

export type Dimension = 'region' | 'office' | 'clerk' | 'programme' | 'category';
export const DIMENSIONS: readonly Dimension[] = ['region', 'office', 'clerk', 'programme', 'category'];

export interface BreakdownRow {
  key: string;
  label: string;
  figures: Figures;
}

export function breakdown(rows: readonly { key: string; label: string; facts: GroupFacts }[]): BreakdownRow[] {
  return rows
    .map((r) => ({ key: r.key, label: r.label, figures: figures(r.facts) }))
    .sort((a, b) => b.figures.applications - a.figures.applications || b.figures.benefited - a.figures.benefited || byKorean(a.label, b.label));
}

/** 가장 많이 신청한 지원사업: by applications in P, then by benefits. */
export function mostApplied<R extends BreakdownRow>(rows: readonly R[], n = 10): R[] {
  return [...rows]
    .filter((r) => r.figures.applications > 0)
    .sort((a, b) => b.figures.applications - a.figures.applications || b.figures.benefitedOfApplications - a.figures.benefitedOfApplications || byKorean(a.label, b.label))
    .slice(0, n);
}

/**
 * 성과가 좋은 지원사업: the highest 신청 대비 수혜 (conversionRate) among programmes with at least
 * `minApplications` applications in P (a rate over 1 or 2 applications says nothing), then by the
 * number benefited.
 */
export const SUCCESS_MIN_APPLICATIONS = 5;
export function mostSuccessful<R extends BreakdownRow>(rows: readonly R[], n = 10, minApplications = SUCCESS_MIN_APPLICATIONS): R[] {
  return [...rows]
    .filter((r) => r.figures.applications >= minApplications && r.figures.benefitedOfApplications > 0)
    .sort(
      (a, b) =>
        (b.figures.conversionRate ?? 0) - (a.figures.conversionRate ?? 0) ||
        b.figures.benefitedOfApplications - a.figures.benefitedOfApplications ||
        byKorean(a.label, b.label),
    )
    .slice(0, n);
}

// ── Monthly trend ─────────────────────────────────────────────────────────────────────────────

export interface MonthFacts {
  month: string;
  applied: number;
  benefited: number;
  benefitTotal: number;
  businessesSupported: number;
}

/** One row per month asked for, in order; months without facts are zeros (not missing). */
export function monthlyTrend(months: readonly string[], facts: readonly MonthFacts[]): MonthFacts[] {
  const by = new Map(facts.map((f) => [f.month, f]));
  return months.map((month) => by.get(month) ?? { month, applied: 0, benefited: 0, benefitTotal: 0, businessesSupported: 0 });
}
