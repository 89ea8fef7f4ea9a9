/**
 * The public self-check (issue 13 §1): an owner answers in ranges ("연매출 1억~3억", "40대", "2021년 3월"),
 * never with an exact figure or a birth date. The engine judges exact facts, so a range is judged at
 * its ends (every corner of the answered ranges): a programme whose verdict is the same at every
 * corner has that verdict; one whose verdict changes inside a range is "unknown — ask for the exact
 * figure". Criteria on revenue, age and business age are intervals, so agreeing at the ends means
 * agreeing inside (a 36-month 업력 limit inside the opening month is caught by the month's two ends).
 */
import { addMonthsClamped } from './eligibility.dates.ts';
import { STATUS_KO } from './eligibility.criteria.ts';
import type { BusinessFacts, CatalogueEvaluation, Explanation, FactName, ProgrammeVerdict, TimeChange, Verdict } from './eligibility.types.ts';

/** 연매출 ranges, KRW, lower bound inclusive, upper exclusive (boundaries at the usual notice caps). */
export const REVENUE_BANDS = {
  under50m: [0, 50_000_000],
  '50m-100m': [50_000_000, 100_000_000],
  '100m-300m': [100_000_000, 300_000_000],
  '300m-500m': [300_000_000, 500_000_000],
  '500m-1b': [500_000_000, 1_000_000_000],
  '1b-3b': [1_000_000_000, 3_000_000_000],
  '3b-10b': [3_000_000_000, 10_000_000_000],
  over10b: [10_000_000_000, 100_000_000_000],
} as const satisfies Record<string, readonly [number, number]>;
export type RevenueBand = keyof typeof REVENUE_BANDS;
export const REVENUE_BAND_KEYS = Object.keys(REVENUE_BANDS) as RevenueBand[];

/** 대표자 나이대 (만 나이, both ends inclusive; boundaries at 청년 39세 and 65세). */
export const AGE_BANDS = {
  under30: [19, 29],
  '30-39': [30, 39],
  '40-49': [40, 49],
  '50-59': [50, 59],
  '60-64': [60, 64],
  over65: [65, 99],
} as const satisfies Record<string, readonly [number, number]>;
export type AgeBand = keyof typeof AGE_BANDS;
export const AGE_BAND_KEYS = Object.keys(AGE_BANDS) as AgeBand[];

/** The self-check's answers, every one optional ("모름" = null). */
export interface SelfCheckAnswers {
  municipalityCode: string | null;
  ksicCode: string | null;
  /** 개업 연월 'YYYY-MM'. */
  openedMonth: string | null;
  revenueBand: RevenueBand | null;
  /** An exact revenue (the API may give one); wins over the band. */
  annualRevenue: number | null;
  workers: number | null;
  legalForm: 'individual' | 'corporation' | null;
  ageBand: AgeBand | null;
  ownerGender: 'female' | 'male' | null;
  ownerDisabled: boolean | null;
  ownerVeteran: boolean | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
function lastDayOfMonth(ym: string): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${ym}-${pad(days)}`;
}
/** The birth dates giving 만 `age` on `refDate`: youngest (born exactly `age` years ago) and oldest. */
function birthRange(age: number, refDate: string): [youngest: string, oldest: string] {
  const youngest = addMonthsClamped(refDate, -12 * age);
  const dayAfter = addMonthsClamped(refDate, -12 * (age + 1));
  const d = new Date(`${dayAfter}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return [youngest, d.toISOString().slice(0, 10)];
}

/**
 * The exact-fact businesses standing for the answers: one per corner of the answered ranges (at
 * most 8). The first is the "typical" one whose explanations are shown. Facts not asked stay unknown,
 * except the operating status: someone who gives an opening month not in the future runs the business.
 */
export function selfCheckCorners(a: SelfCheckAnswers, refDate: string): BusinessFacts[] {
  const base: BusinessFacts = {
    sidoCode: a.municipalityCode ? a.municipalityCode.slice(0, 2) : null,
    municipalityCode: a.municipalityCode,
    ksicCode: a.ksicCode,
    workers: a.workers,
    legalForm: a.legalForm,
    ownerGender: a.ownerGender,
    ownerDisabled: a.ownerDisabled,
    ownerVeteran: a.ownerVeteran,
    operatingStatus: a.openedMonth && `${a.openedMonth}-01` <= refDate ? 'active' : null,
    priorReceipts: null,
    documents: null,
  };
  const axes: { fact: FactName; values: unknown[] }[] = [];
  if (a.openedMonth) axes.push({ fact: 'openedOn', values: [`${a.openedMonth}-01`, lastDayOfMonth(a.openedMonth)] });
  if (a.annualRevenue !== null) base.annualRevenue = a.annualRevenue;
  else if (a.revenueBand) {
    const [lo, hi] = REVENUE_BANDS[a.revenueBand];
    axes.push({ fact: 'annualRevenue', values: [lo, hi - 1] });
  }
  if (a.ageBand) {
    const [lo, hi] = AGE_BANDS[a.ageBand];
    axes.push({ fact: 'ownerBirthDate', values: [birthRange(lo, refDate)[0], birthRange(hi, refDate)[1]] });
  }
  let corners: BusinessFacts[] = [base];
  for (const axis of axes) corners = corners.flatMap((c) => axis.values.map((v) => ({ ...c, [axis.fact]: v })));
  return corners;
}

export interface SelfCheckProgramme {
  readonly programmeKey: string;
  readonly title: string;
  readonly verdict: ProgrammeVerdict['verdict'];
  /** Facts to ask for (a range answer whose ends disagree counts as its exact fact). */
  readonly missing: readonly FactName[];
  readonly summary?: string;
  readonly explanation?: ProgrammeVerdict['explanation'];
}

export interface SelfCheckResult {
  readonly refDate: string;
  /** Fit now. */
  readonly eligible: readonly SelfCheckProgramme[];
  /** Unknown for want of one fact: "물어볼 것 하나". */
  readonly oneFactShort: readonly SelfCheckProgramme[];
  /** Unknown for want of two or more facts (counted, not listed on the owner's page). */
  readonly moreFactsShort: readonly SelfCheckProgramme[];
  /** Not open now but opening by itself later (e.g. when the business turns 1 year old). */
  readonly openingLater: readonly TimeChange[];
  readonly ineligibleCount: number;
}

/**
 * One result from the corners' evaluations (same catalogue, same order): a verdict stands only when
 * every corner agrees; otherwise unknown, missing the range facts (and whatever else is missing).
 */
export function mergeCorners(evaluations: readonly CatalogueEvaluation[], rangeFacts: readonly FactName[]): SelfCheckResult {
  const first = evaluations[0]!;
  const merged: SelfCheckProgramme[] = first.results.map((r, i) => {
    const all = evaluations.map((e) => e.results[i]!);
    const agree = all.every((x) => x.verdict === r.verdict);
    if (agree) return { programmeKey: r.programmeKey, title: r.title, verdict: r.verdict, missing: r.missing, summary: r.summary, explanation: r.explanation };
    const missing = new Set<FactName>(all.flatMap((x) => x.missing));
    // A range fact is missing when changing it alone (the other ranges fixed) changes the verdict.
    // Corner i holds axis j's upper end when bit (n-1-j) of i is set (selfCheckCorners' order).
    const n = rangeFacts.length;
    rangeFacts.forEach((f, j) => {
      const bit = 1 << (n - 1 - j);
      if (all.some((x, k) => !(k & bit) && all[k | bit] && all[k | bit]!.verdict !== x.verdict)) missing.add(f);
    });
    return { programmeKey: r.programmeKey, title: r.title, verdict: 'unknown', missing: [...missing], summary: undefined, explanation: mergeExplanations(all.map((x) => x.explanation)) };
  });
  const byKey = new Map(merged.map((m) => [m.programmeKey, m]));
  const unknown = merged.filter((m) => m.verdict === 'unknown');
  return {
    refDate: first.refDate,
    eligible: merged.filter((m) => m.verdict === 'eligible'),
    oneFactShort: unknown.filter((m) => m.missing.length === 1),
    moreFactsShort: unknown.filter((m) => m.missing.length !== 1),
    // Openings of the typical corner, for programmes not already open to these answers.
    openingLater: first.openings.filter((o) => byKey.get(o.programmeKey)?.verdict !== 'eligible'),
    ineligibleCount: merged.filter((m) => m.verdict === 'ineligible').length,
  };
}

/** The facts answered as ranges (for mergeCorners). */
export function rangeFactsOf(a: SelfCheckAnswers): FactName[] {
  const out: FactName[] = [];
  if (a.openedMonth) out.push('openedOn');
  if (a.annualRevenue === null && a.revenueBand) out.push('annualRevenue');
  if (a.ageBand) out.push('ownerBirthDate');
  return out;
}

const TRI: Record<Verdict, 0 | 1 | 2> = { ineligible: 0, unknown: 1, eligible: 2 };

/**
 * The corners' explanations as one: the typical corner's tree, where a criterion whose verdict
 * differs between corners (a cap inside the revenue band she answered) is "확인 필요", not the
 * typical corner's "충족", and each group's verdict follows from its children (three-valued). The
 * value stays the typical corner's; the pages read range answers as ranges (check.explain.ts,
 * eligibility.describe-owner.ts).
 */
export function mergeExplanations(trees: readonly (Explanation | undefined)[]): Explanation | undefined {
  const first = trees[0];
  if (!first || trees.some((t) => !t)) return first;
  return mergeNode(trees as Explanation[]);
}

function mergeNode(ns: readonly Explanation[]): Explanation {
  const n = ns[0]!;
  if (n.kind === 'criterion') {
    if (ns.every((x) => x.verdict === n.verdict)) return n;
    const status = STATUS_KO[1];
    // The line's head is "rule — value: status"; what followed the status (a gap from one end, the
    // facts to ask for) belonged to that corner alone. Notes and sources stay.
    const head = `${n.rule} — ${n.value}: ${n.status}`;
    const rest = n.text.startsWith(head) ? n.text.slice(head.length).replace(/^ \([^)]*\)/, '') : '';
    return { ...n, verdict: 'unknown', status, gap: undefined, text: `${n.rule} — ${n.value}: ${status}${rest}` };
  }
  if (!n.children.length) return n;
  const children = n.children.map((_, i) => mergeNode(ns.map((x) => (x as typeof n).children[i]!)));
  const v = children.map((c) => TRI[c.verdict]);
  const tri = n.kind === 'all' ? Math.min(...v) : n.kind === 'any' ? Math.max(...v) : 2 - v[0]!;
  const verdict = (['ineligible', 'unknown', 'eligible'] as const)[tri]!;
  const text = verdict === n.verdict ? n.text : n.text.replace(/: [^:]*$/, `: ${STATUS_KO[tri as 0 | 1 | 2]}`);
  return { ...n, children, verdict, text };
}
