/**
 * The per-business, per-date view the compiled criteria read: derived facts (업력 in months, 만 나이,
 * KSIC prefixes, 소상공인 status) are computed ONCE per business and reference date, so evaluating a
 * whole catalogue does not recompute them per programme.
 *
 * Unknown stays unknown: every derived value is `null` when the facts it needs are missing (or not a
 * real calendar date / KSIC division — a wrong value is no better than a missing one).
 */
import { ageYmd, dayNumberOf, parseIsoDate, tryParseIsoDate, wholeMonthsYmd, type IsoDate, type Ymd } from './eligibility.dates.ts';
import { ksicPrefixes, type Tri } from './eligibility.ksic.ts';
import { FACT_NAMES, KSIC_DIVISIONS, KSIC_DIVISION_SECTION, KSIC_SECTIONS, REVENUE_CAP_BY_DIVISION, workerLimitOfDivision } from './eligibility.reference.ts';
import type { BusinessFacts, FactName } from './eligibility.types.ts';

/** Bit of each fact in a missing-facts mask (schema order). */
export const FACT_BIT: Readonly<Record<FactName, number>> = Object.fromEntries(FACT_NAMES.map((f, i) => [f, 1 << i])) as Record<FactName, number>;

const MASK_CACHE = new Map<number, readonly FactName[]>();

/** Fact names of a mask, in schema order (memoised: the same few masks recur across a catalogue). */
export function factsOfMask(mask: number): readonly FactName[] {
  let hit = MASK_CACHE.get(mask);
  if (!hit) {
    hit = FACT_NAMES.filter((f) => (mask & FACT_BIT[f]) !== 0);
    MASK_CACHE.set(mask, hit);
  }
  return hit;
}

export function maskOfFacts(facts: readonly FactName[]): number {
  let m = 0;
  for (const f of facts) m |= FACT_BIT[f];
  return m;
}

export interface SmallBusinessStatus {
  readonly v: Tri;
  readonly need: number;
  /** Divisions the business could be in (one when the code is specific). */
  readonly divisions: readonly string[];
}

export interface EvalContext {
  readonly facts: BusinessFacts;
  readonly refDate: IsoDate;
  readonly ref: Ymd;
  readonly refDay: number;
  /** 업력 in whole months (−1 before opening); null when 개업일 is unknown. */
  readonly ageMonths: number | null;
  /** 대표자 만 나이; null when unknown. */
  readonly ownerAge: number | null;
  readonly sido: string | null;
  readonly municipality: string | null;
  /** A KSIC code of an existing division (or a section letter); null when unknown or not a real code. */
  readonly ksic: string | null;
  readonly ksicPrefixes: readonly string[] | null;
  /** Named-set membership by set index (lazily filled: −1 / undefined = not computed yet). */
  readonly setCache: Tri[];
  smallBusiness: SmallBusinessStatus | undefined;
}

function validDate(s: string | null | undefined): Ymd | null {
  return s == null ? null : (tryParseIsoDate(s) ?? null);
}

function validKsic(code: string | null | undefined): string | null {
  if (code == null) return null;
  if (/^[A-U]$/.test(code)) return code;
  if (/^\d{2,5}$/.test(code) && KSIC_DIVISION_SECTION.has(code.slice(0, 2))) return code;
  return null;
}

/** Builds the evaluation context. Throws on an invalid reference date (a caller bug, not a fact). */
export function createContext(facts: BusinessFacts, refDate: IsoDate): EvalContext {
  const ref = parseIsoDate(refDate);
  const opened = validDate(facts.openedOn);
  const birth = validDate(facts.ownerBirthDate);
  const municipality = facts.municipalityCode ?? null;
  const ksic = validKsic(facts.ksicCode);
  return {
    facts,
    refDate,
    ref,
    refDay: dayNumberOf(ref.y, ref.m, ref.d),
    ageMonths: opened ? wholeMonthsYmd(opened, ref) : null,
    ownerAge: birth ? ageYmd(birth, ref) : null,
    sido: facts.sidoCode ?? (municipality ? municipality.slice(0, 2) : null),
    municipality,
    ksic,
    ksicPrefixes: ksic === null ? null : ksicPrefixes(ksic),
    setCache: [],
    smallBusiness: undefined,
  };
}

/** The divisions a (possibly coarse or unknown) KSIC code could stand for. */
export function candidateDivisions(ksic: string | null): readonly string[] {
  if (ksic === null) return KSIC_DIVISIONS;
  if (/^[A-U]$/.test(ksic)) return KSIC_SECTIONS[ksic]!.divisions;
  return [ksic.slice(0, 2)];
}

/**
 * 소상공인 status (소상공인기본법 제2조, 시행령 제2조; 중소기업기본법 시행령 별표 3), three-valued.
 *
 * For every division the business could be in: workers < that industry's limit AND revenue ≤ that
 * industry's 소기업 cap. All candidates agree → that answer; they disagree → unknown (ask for the
 * KSIC code). A division with no 별표 3 row (94 협회·단체, O 공공행정, T 가구 내 고용, U 국외기관) is not
 * a 영리 기업 under 중소기업기본법 제2조 and so not a 소기업: "not met" there.
 */
export function smallBusinessStatus(ctx: EvalContext): SmallBusinessStatus {
  if (ctx.smallBusiness) return ctx.smallBusiness;
  const w = ctx.facts.workers ?? null;
  const r = ctx.facts.annualRevenue ?? null;
  const divisions = candidateDivisions(ctx.ksic);
  let all: Tri | undefined;
  let workersMatter = false;
  let revenueMatters = false;
  const undecidedKinds = new Set<string>();
  for (const d of divisions) {
    const cap = REVENUE_CAP_BY_DIVISION.get(d)?.capKrw ?? null;
    const limit = workerLimitOfDivision(d);
    const revenueOk: Tri = cap === null ? 0 : r === null ? 1 : r <= cap ? 2 : 0;
    const workersOk: Tri = w === null ? 1 : w < limit ? 2 : 0;
    const v = Math.min(revenueOk, workersOk) as Tri;
    if (v === 1) {
      if (workersOk === 1) workersMatter = true;
      if (revenueOk === 1) revenueMatters = true;
      undecidedKinds.add(`${limit}:${cap ?? ''}`);
    }
    all = all === undefined ? v : all === v ? all : 1;
  }
  const v = all ?? 1;
  let need = 0;
  if (v === 1) {
    if (workersMatter) need |= FACT_BIT.workers;
    if (revenueMatters) need |= FACT_BIT.annualRevenue;
    // The code matters when candidates answer differently, or stay undecided under different limits.
    const uniform = divisions.every((d) => {
      const cap = REVENUE_CAP_BY_DIVISION.get(d)?.capKrw ?? null;
      const revenueOk = cap === null ? 0 : r === null ? 1 : r <= cap ? 2 : 0;
      const workersOk = w === null ? 1 : w < workerLimitOfDivision(d) ? 2 : 0;
      return Math.min(revenueOk, workersOk) === 1;
    });
    if (divisions.length > 1 && (!uniform || undecidedKinds.size > 1)) need |= FACT_BIT.ksicCode;
  }
  const s = { v, need, divisions };
  ctx.smallBusiness = s;
  return s;
}
