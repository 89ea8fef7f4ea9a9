/**
 * The per-business, per-date view the compiled criteria read: derived facts (업력 in months, 만 나이,
 * KSIC prefixes, 소상공인 status) are computed at most ONCE per business and reference date (on first
 * use), so evaluating a whole catalogue does not recompute them per programme. Do not change `facts` after creating a
 * context from them: criteria memoise their answers per context.
 *
 * Unknown stays unknown: every derived value is `null` when the facts it needs are missing (or not a
 * real calendar date / KSIC division — a wrong value is no better than a missing one).
 */
import { ageYmd, dayNumberOf, parseIsoDate, tryParseIsoDate, wholeMonthsYmd, type IsoDate, type Ymd } from './eligibility.dates.ts';
import { ksicPrefixes, type Tri } from './eligibility.ksic.ts';
import { FACT_NAMES, KSIC_DIVISIONS, KSIC_DIVISION_SECTION, KSIC_SECTIONS, REVENUE_CAP_BY_DIVISION, workerLimitOfDivision } from './eligibility.reference.ts';
import type { BusinessFacts, FactName } from './eligibility.types.ts';

// Masks are 32-bit integers (JS bitwise operators): a 33rd fact would share a bit with the first.
if (FACT_NAMES.length > 32) throw new Error(`사실 항목이 ${FACT_NAMES.length}개: 누락 사실 비트마스크는 32개까지 — FACT_BIT을 넓히세요`);

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

function validDate(s: string | null | undefined): Ymd | null {
  return s == null ? null : (tryParseIsoDate(s) ?? null);
}

function validKsic(code: string | null | undefined): string | null {
  if (code == null) return null;
  if (/^[A-U]$/.test(code)) return code;
  if (/^\d{2,5}$/.test(code) && KSIC_DIVISION_SECTION.has(code.slice(0, 2))) return code;
  return null;
}

let nextContextId = 0;
let lastRef: { readonly text: string; readonly ymd: Ymd; readonly day: number } | undefined;

/**
 * One business on one reference date. Derived facts are computed on first use and kept (a programme
 * that never looks at 업력 never parses the 개업일), so scanning one programme over 100,000
 * businesses costs little more than the criteria themselves.
 */
export class EvalContext {
  /** Unique per context: the key of the criteria's memos. */
  readonly id: number;
  readonly facts: BusinessFacts;
  readonly refDate: IsoDate;
  readonly ref: Ymd;
  readonly refDay: number;
  readonly sido: string | null;
  readonly municipality: string | null;
  /** Named-set membership by set index (lazily filled; undefined = not computed yet). */
  readonly setCache: Tri[] = [];
  smallBusiness: SmallBusinessStatus | undefined = undefined;
  #ageMonths: number | null | undefined = undefined;
  #ownerAge: number | null | undefined = undefined;
  #ksic: string | null | undefined = undefined;
  #ksicPrefixes: readonly string[] | null | undefined = undefined;
  #receipts: readonly ParsedReceipt[] | null | undefined = undefined;
  #documents: readonly ParsedDocument[] | null | undefined = undefined;
  #closed: ParsedDay | null | undefined = undefined;

  constructor(facts: BusinessFacts, refDate: IsoDate) {
    // Callers evaluate many businesses on one date: parse it once.
    if (lastRef?.text !== refDate) {
      const ymd = parseIsoDate(refDate);
      lastRef = { text: refDate, ymd, day: dayNumberOf(ymd.y, ymd.m, ymd.d) };
    }
    this.id = nextContextId++;
    this.facts = facts;
    this.refDate = refDate;
    this.ref = lastRef.ymd;
    this.refDay = lastRef.day;
    this.municipality = facts.municipalityCode ?? null;
    this.sido = facts.sidoCode ?? (this.municipality ? this.municipality.slice(0, 2) : null);
  }

  /** 업력 in whole months (−1 before opening); null when 개업일 is unknown or not a real date. */
  get ageMonths(): number | null {
    if (this.#ageMonths === undefined) {
      const opened = validDate(this.facts.openedOn);
      this.#ageMonths = opened ? wholeMonthsYmd(opened, this.ref) : null;
    }
    return this.#ageMonths;
  }

  /** 대표자 만 나이; null when unknown. */
  get ownerAge(): number | null {
    if (this.#ownerAge === undefined) {
      const birth = validDate(this.facts.ownerBirthDate);
      this.#ownerAge = birth ? ageYmd(birth, this.ref) : null;
    }
    return this.#ownerAge;
  }

  /** A KSIC code of an existing division (or a section letter); null when unknown or not a real code. */
  get ksic(): string | null {
    if (this.#ksic === undefined) this.#ksic = validKsic(this.facts.ksicCode);
    return this.#ksic;
  }

  /** '56111' → ['5', '56', '561', '5611', '56111']; null for a section letter or no code. */
  get ksicPrefixes(): readonly string[] | null {
    if (this.#ksicPrefixes === undefined) {
      const k = this.ksic;
      this.#ksicPrefixes = k === null ? null : ksicPrefixes(k);
    }
    return this.#ksicPrefixes;
  }

  /** 수혜 이력 with parsed dates (null = records not kept). */
  get receipts(): readonly ParsedReceipt[] | null {
    if (this.#receipts === undefined) {
      const list = this.facts.priorReceipts;
      this.#receipts = list == null ? null : list.map((r) => ({ receipt: r, on: parsedDay(r.receivedOn) }));
    }
    return this.#receipts;
  }

  /** 보유 서류 with parsed dates (null = not known). */
  get documents(): readonly ParsedDocument[] | null {
    if (this.#documents === undefined) {
      const list = this.facts.documents;
      this.#documents =
        list == null
          ? null
          : list.map((d) => ({ type: d.type, issued: parsedDay(d.issuedOn)?.day ?? null, until: d.validUntil == null ? Infinity : (parsedDay(d.validUntil)?.day ?? null) }));
    }
    return this.#documents;
  }

  /** 폐업일, parsed (null when missing or not a real date: see `facts.closedOn`). */
  get closed(): ParsedDay | null {
    if (this.#closed === undefined) this.#closed = this.facts.closedOn == null ? null : parsedDay(this.facts.closedOn);
    return this.#closed;
  }
}

export interface ParsedDay {
  readonly ymd: Ymd;
  readonly day: number;
}

export interface ParsedReceipt {
  readonly receipt: NonNullable<BusinessFacts['priorReceipts']>[number];
  /** null when `receivedOn` is not a real date. */
  readonly on: ParsedDay | null;
}

export interface ParsedDocument {
  readonly type: string;
  /** Day number of issue; null when not a real date. */
  readonly issued: number | null;
  /** Last valid day; Infinity when the type does not expire; null when not a real date. */
  readonly until: number | null;
}

function parsedDay(s: string): ParsedDay | null {
  const ymd = tryParseIsoDate(s);
  return ymd ? { ymd, day: dayNumberOf(ymd.y, ymd.m, ymd.d) } : null;
}

/** Builds the evaluation context. Throws on an invalid reference date (a caller bug, not a fact). */
export function createContext(facts: BusinessFacts, refDate: IsoDate): EvalContext {
  return new EvalContext(facts, refDate);
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
  const ksic = ctx.ksic;
  const divisions = candidateDivisions(ksic);
  // Divisions with the same (worker limit, cap) answer alike: reason over those few kinds.
  const kinds = kindsOf(ksic, divisions);
  let all: Tri | undefined;
  let workersMatter = false;
  let revenueMatters = false;
  let undecided = 0;
  for (const { limit, cap } of kinds) {
    const revenueOk: Tri = cap === null ? 0 : r === null ? 1 : r <= cap ? 2 : 0;
    const workersOk: Tri = w === null ? 1 : w < limit ? 2 : 0;
    const v = revenueOk < workersOk ? revenueOk : workersOk;
    if (v === 1) {
      if (workersOk === 1) workersMatter = true;
      if (revenueOk === 1) revenueMatters = true;
      undecided++;
    }
    all = all === undefined ? v : all === v ? all : 1;
  }
  const v = all ?? 1;
  let need = 0;
  if (v === 1) {
    if (workersMatter) need |= FACT_BIT.workers;
    if (revenueMatters) need |= FACT_BIT.annualRevenue;
    // The code matters when the possible industries answer differently, or stay undecided under
    // different limits (knowing workers and revenue would still not settle it).
    if (kinds.length > 1 && (undecided < kinds.length || undecided > 1)) need |= FACT_BIT.ksicCode;
  }
  const s = { v, need, divisions };
  ctx.smallBusiness = s;
  return s;
}

interface LimitKind {
  readonly limit: number;
  readonly cap: number | null;
}

const KINDS = new Map<string, readonly LimitKind[]>();

/** Distinct (worker limit, revenue cap) pairs over the divisions a code could be in (cached). */
function kindsOf(ksic: string | null, divisions: readonly string[]): readonly LimitKind[] {
  const key = ksic === null ? '*' : /^[A-U]$/.test(ksic) ? ksic : ksic.slice(0, 2);
  let hit = KINDS.get(key);
  if (!hit) {
    const seen = new Map<string, LimitKind>();
    for (const d of divisions) {
      const k = { limit: workerLimitOfDivision(d), cap: REVENUE_CAP_BY_DIVISION.get(d)?.capKrw ?? null };
      seen.set(`${k.limit}:${k.cap ?? ''}`, k);
    }
    hit = [...seen.values()];
    KINDS.set(key, hit);
  }
  return hit;
}
