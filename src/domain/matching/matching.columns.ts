/**
 * The columnar fact store of the verdict matrix (issue 12 §2): one row per shop or business, one
 * typed column per fact, for ONE reference date (업력, 만 나이 and 수혜 후 기간 are derived on it, as
 * the per-business engine's `EvalContext` derives them).
 *
 * Unknown is kept apart from every value ("Unknown is not no", docs/domain.md): numbers are NaN,
 * derived integers `NONE`, small categorical facts code 0, dates a state column (0 absent, 1 not a
 * real calendar date, 2 valid — the per-business engine treats a wrong date like a missing one, but
 * some criteria ask for the two differently, so both are kept).
 *
 * Facts with few values that criteria compare as a whole (시·도 + 시·군, KSIC code, 수혜 이력,
 * 보유 서류) are dictionary-encoded: a row holds the code of its value; predicates are computed per
 * distinct value and then looked up per row. Rows can be rewritten (`setRow`, a changed business)
 * and appended (`append`): dictionaries only grow.
 */
import { createContext, type EvalContext } from '../eligibility/eligibility.context.ts';
import { ageYmd, dayNumberOf, parseIsoDate, tryParseIsoDate, wholeMonthsYmd, type Ymd } from '../eligibility/eligibility.dates.ts';
import type { BusinessFacts } from '../eligibility/eligibility.types.ts';

/** "No value" in the derived integer columns. */
export const NONE = -0x40000000;

/** The small categorical facts: code 0 = unknown, 1… = the values in this order. */
export const SMALL_FACTS = {
  ownerGender: ['female', 'male'],
  ownerDisabled: [false, true],
  ownerVeteran: [false, true],
  nationalTaxArrears: [false, true],
  localTaxArrears: [false, true],
  taxArrearsDeferred: [false, true],
  creditDelinquent: [false, true],
  operatingStatus: ['preparing', 'active', 'suspended', 'closed'],
  premises: ['leased', 'owned'],
  mailOrderRegistered: [false, true],
  legalForm: ['individual', 'corporation'],
  marketLocation: ['traditional_market', 'shopping_street', 'alley_shopping_street', 'none'],
  closurePlanned: [false, true],
  restart: [false, true],
} as const satisfies Partial<Record<keyof BusinessFacts, readonly (string | boolean)[]>>;
export type SmallFact = keyof typeof SMALL_FACTS;
export const SMALL_FACT_NAMES = Object.keys(SMALL_FACTS) as SmallFact[];

/** A dictionary of values seen in a column (code → value, value key → code). */
export class Dictionary<T> {
  readonly values: T[] = [];
  readonly #codes = new Map<string, number>();
  constructor(private readonly keyOf: (v: T) => string) {}
  code(v: T): number {
    const k = this.keyOf(v);
    let c = this.#codes.get(k);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(v);
      this.#codes.set(k, c);
    }
    return c;
  }
  get size(): number {
    return this.values.length;
  }
}

/** A place as the region criterion reads it (the raw facts: 시·도 may be absent, then 시·군 gives it). */
export interface PlaceValue {
  readonly sidoCode: string | null;
  readonly municipalityCode: string | null;
}

/**
 * The distinct lists of a list-valued fact (수혜 이력, 보유 서류), flattened: entry c's items are
 * `start[c] … start[c+1]−1` of the item columns; entry 0 is the unknown list (null). Predicates
 * answer per entry with one pass over the item columns, then per row by lookup.
 * Receipts: a = programme key code, b = category code, x = day of receipt (NaN: not a real date),
 * y = whole months from it to the reference date. Documents: a = type code, x = day of issue
 * (NaN: not a real date), y = last valid day (Infinity: no expiry; NaN: not a real date).
 */
export class ListColumn {
  readonly #codes = new Map<string, number>();
  size = 0;
  items = 0;
  start: Int32Array = new Int32Array(64);
  a: Int32Array = new Int32Array(64);
  b: Int32Array = new Int32Array(64);
  x: Float64Array = new Float64Array(64);
  y: Float64Array = new Float64Array(64);

  constructor() {
    this.#codes.set('', 0); // entry 0: the unknown list
    this.size = 1;
  }

  /** The code of a list (null = unknown); `items` gives its items as [a, b, x, y]. */
  code(list: readonly (readonly [number, number, number, number])[] | null): number {
    if (list === null) return 0;
    const key = `|${list.map((it) => it.join(',')).join(';')}`;
    const hit = this.#codes.get(key);
    if (hit !== undefined) return hit;
    const c = this.size++;
    if (this.size + 1 > this.start.length) this.start = grownI32(this.start, this.size * 2);
    if (this.items + list.length > this.a.length) {
      const n = Math.max(this.a.length * 2, this.items + list.length);
      this.a = grownI32(this.a, n);
      this.b = grownI32(this.b, n);
      this.x = grownF64(this.x, n);
      this.y = grownF64(this.y, n);
    }
    this.start[c] = this.items;
    for (const [a, b, x, y] of list) {
      this.a[this.items] = a;
      this.b[this.items] = b;
      this.x[this.items] = x;
      this.y[this.items] = y;
      this.items++;
    }
    this.start[c + 1] = this.items;
    this.#codes.set(key, c);
    return c;
  }
}

function grownI32(a: Int32Array, n: number): Int32Array {
  const x = new Int32Array(n);
  x.set(a);
  return x;
}
function grownF64(a: Float64Array, n: number): Float64Array {
  const x = new Float64Array(n);
  x.set(a);
  return x;
}

const yyyymmdd = (p: Ymd): number => p.y * 10000 + p.m * 100 + p.d;

export class FactColumns {
  readonly refDate: string;
  readonly ref: Ymd;
  readonly refDay: number;
  n = 0;
  capacity: number;

  // dictionary-encoded
  readonly places = new Dictionary<PlaceValue>((p) => `${p.sidoCode ?? ''}|${p.municipalityCode ?? ''}`);
  readonly ksics = new Dictionary<string | null>((k) => k ?? '');
  readonly programmeKeys = new Dictionary<string>((k) => k);
  readonly categories = new Dictionary<string>((k) => k);
  readonly documentTypes = new Dictionary<string>((k) => k);
  readonly receiptLists = new ListColumn();
  readonly documentLists = new ListColumn();
  place!: Int32Array;
  ksic!: Int32Array;
  receipts!: Int32Array;
  documents!: Int32Array;

  // numbers (NaN = unknown)
  annualRevenue!: Float64Array;
  workers!: Float64Array;
  previousAnnualRevenue!: Float64Array;

  // dates
  /** 업력 in whole months on the reference date (−1 before opening); NONE when 개업일 unknown or not a date. */
  ageMonths!: Int32Array;
  /** 개업일 as yyyymmdd and as a day number (valid only where ageMonths ≠ NONE). */
  openedYmd!: Int32Array;
  openedDay!: Int32Array;
  ownerAge!: Int32Array;
  /** 0 absent, 1 not a real date, 2 valid. */
  closedState!: Uint8Array;
  closedYmd!: Int32Array;
  closedDay!: Int32Array;
  plannedState!: Uint8Array;
  plannedDay!: Int32Array;

  readonly small = {} as Record<SmallFact, Uint8Array>;

  constructor(refDate: string, capacity = 1024) {
    this.refDate = refDate;
    this.ref = parseIsoDate(refDate);
    this.refDay = dayNumberOf(this.ref.y, this.ref.m, this.ref.d);
    this.capacity = 0;
    this.#grow(Math.max(32, capacity));
    // code 0 of each dictionary is "unknown"
    this.places.code({ sidoCode: null, municipalityCode: null });
    this.ksics.code(null);
  }

  #grow(cap: number): void {
    const i32 = (old: Int32Array | undefined) => {
      const a = new Int32Array(cap);
      if (old) a.set(old);
      return a;
    };
    const f64 = (old: Float64Array | undefined) => {
      const a = new Float64Array(cap).fill(NaN);
      if (old) a.set(old);
      return a;
    };
    const u8 = (old: Uint8Array | undefined) => {
      const a = new Uint8Array(cap);
      if (old) a.set(old);
      return a;
    };
    const had = this.capacity > 0;
    this.place = i32(had ? this.place : undefined);
    this.ksic = i32(had ? this.ksic : undefined);
    this.receipts = i32(had ? this.receipts : undefined);
    this.documents = i32(had ? this.documents : undefined);
    this.annualRevenue = f64(had ? this.annualRevenue : undefined);
    this.workers = f64(had ? this.workers : undefined);
    this.previousAnnualRevenue = f64(had ? this.previousAnnualRevenue : undefined);
    this.ageMonths = i32(had ? this.ageMonths : undefined);
    this.openedYmd = i32(had ? this.openedYmd : undefined);
    this.openedDay = i32(had ? this.openedDay : undefined);
    this.ownerAge = i32(had ? this.ownerAge : undefined);
    this.closedState = u8(had ? this.closedState : undefined);
    this.closedYmd = i32(had ? this.closedYmd : undefined);
    this.closedDay = i32(had ? this.closedDay : undefined);
    this.plannedState = u8(had ? this.plannedState : undefined);
    this.plannedDay = i32(had ? this.plannedDay : undefined);
    for (const f of SMALL_FACT_NAMES) this.small[f] = u8(had ? this.small[f] : undefined);
    this.capacity = cap;
  }

  /** Appends a row; returns its index. */
  append(facts: BusinessFacts): number {
    if (this.n === this.capacity) this.#grow(this.capacity * 2);
    const i = this.n++;
    this.setRow(i, facts);
    return i;
  }

  /** Writes row i from a business's facts (a changed business). */
  setRow(i: number, f: BusinessFacts): void {
    if (i < 0 || i >= this.n) throw new RangeError(`row ${i} outside 0…${this.n - 1}`);
    this.place[i] = this.places.code({ sidoCode: f.sidoCode ?? null, municipalityCode: f.municipalityCode ?? null });
    this.ksic[i] = this.ksics.code(f.ksicCode ?? null);
    this.annualRevenue[i] = f.annualRevenue ?? NaN;
    this.workers[i] = f.workers ?? NaN;
    this.previousAnnualRevenue[i] = f.previousAnnualRevenue ?? NaN;

    const opened = f.openedOn == null ? undefined : tryParseIsoDate(f.openedOn);
    this.ageMonths[i] = opened ? wholeMonthsYmd(opened, this.ref) : NONE;
    this.openedYmd[i] = opened ? yyyymmdd(opened) : NONE;
    this.openedDay[i] = opened ? dayNumberOf(opened.y, opened.m, opened.d) : NONE;
    const birth = f.ownerBirthDate == null ? undefined : tryParseIsoDate(f.ownerBirthDate);
    this.ownerAge[i] = birth ? ageYmd(birth, this.ref) : NONE;
    const closed = f.closedOn == null ? undefined : tryParseIsoDate(f.closedOn);
    this.closedState[i] = f.closedOn == null ? 0 : closed ? 2 : 1;
    this.closedYmd[i] = closed ? yyyymmdd(closed) : NONE;
    this.closedDay[i] = closed ? dayNumberOf(closed.y, closed.m, closed.d) : NONE;
    const planned = f.plannedClosureOn == null ? undefined : tryParseIsoDate(f.plannedClosureOn);
    this.plannedState[i] = f.plannedClosureOn == null ? 0 : planned ? 2 : 1;
    this.plannedDay[i] = planned ? dayNumberOf(planned.y, planned.m, planned.d) : NONE;

    for (const name of SMALL_FACT_NAMES) {
      const v = f[name];
      this.small[name][i] = v == null ? 0 : (SMALL_FACTS[name] as readonly (string | boolean)[]).indexOf(v) + 1;
    }

    const rs = f.priorReceipts;
    this.receipts[i] = this.receiptLists.code(
      rs == null
        ? null
        : rs.map((r) => {
            const p = tryParseIsoDate(r.receivedOn);
            return [
              this.programmeKeys.code(r.programmeKey),
              this.categories.code(r.category),
              p ? dayNumberOf(p.y, p.m, p.d) : NaN,
              p ? wholeMonthsYmd(p, this.ref) : NaN,
            ] as const;
          }),
    );
    const ds = f.documents;
    this.documents[i] = this.documentLists.code(
      ds == null
        ? null
        : ds.map((d) => {
            const p = tryParseIsoDate(d.issuedOn);
            const u = d.validUntil == null ? undefined : tryParseIsoDate(d.validUntil);
            return [
              this.documentTypes.code(d.type),
              0,
              p ? dayNumberOf(p.y, p.m, p.d) : NaN,
              d.validUntil == null ? Infinity : u ? dayNumberOf(u.y, u.m, u.d) : NaN,
            ] as const;
          }),
    );
  }

  /** A per-business evaluation context standing for a dictionary value (for lookup tables). */
  contextOf(facts: BusinessFacts): EvalContext {
    return createContext(facts, this.refDate);
  }
}
