/**
 * Each criterion compiled to a vectorised predicate over the fact columns (issue 12 §2): `fill`
 * writes the three-valued answer (2 met, 1 unknown, 0 not met — the per-business engine's scale,
 * eligibility.criteria.ts) for a range of rows in one tight loop. The same code answers one row
 * (a changed business: range i…i+1), so the full matrix and the row update cannot drift apart.
 *
 * Two kinds of predicate, chosen by what the criterion reads:
 * - Lookup tables for facts with few values: 시·도/시·군 (region), KSIC (ksic), and the small
 *   categorical facts (성별, 장애, 보훈, 체납, 연체, 영업 상태, 임차, 통신판매, 개인·법인, 시장 안, 재창업).
 *   The table holds the answer for each distinct value (or combination of values), filled by the
 *   per-business engine's own compiled criterion on a context holding just that value — so the
 *   semantics of those criteria (KSIC tries and their exceptions, region rules) exist once. A row
 *   costs one table read.
 * - Native loops for numbers, dates and lists (업력, 매출, 근로자, 소상공인, 나이, 폐업·개업일,
 *   영업기간, 폐업 예정, 매출 감소, 수혜 이력, 서류): comparisons on typed columns, written here to the
 *   letter of eligibility.criteria.ts (each case cites its counterpart). The property test
 *   (matching.properties.test.ts) holds them to the per-business engine on random data.
 *
 * Branches: the numeric loops are written without them (comparisons turned into 0/1 and combined
 * arithmetically). On real data the answer changes at random from row to row, and a mispredicted
 * branch per row costs more than the arithmetic: 2.5–3× on 1 M generated rows (bench:matching).
 */
import { candidateDivisions, factsOfMask } from '../eligibility/eligibility.context.ts';
import { compileCriterion } from '../eligibility/eligibility.criteria.ts';
import { addMonthsDay } from '../eligibility/eligibility.dates.ts';
import { REVENUE_CAP_BY_DIVISION, workerLimitOfDivision } from '../eligibility/eligibility.reference.ts';
import type { Criterion } from '../eligibility/eligibility.types.ts';
import {
  NONE,
  SMALL_FACTS,
  SMALL_FACT_NAMES,
  type Dictionary,
  type FactColumns,
  type ListColumn,
  type SmallFact,
} from './matching.columns.ts';

export interface Predicate {
  /** Writes the answer of rows from…to−1 into tri[from…to−1]. */
  fill(tri: Uint8Array, from: number, to: number): void;
}

const MET = 2;
const UNK = 1;
const NOT = 0;

/** 'YYYY-MM-DD' → yyyymmdd: the same order as the string comparison the engine uses (`inRange`). */
const ymdNumber = (s: string | undefined, dflt: number): number =>
  s === undefined ? dflt : Number(s.slice(0, 4)) * 10000 + Number(s.slice(5, 7)) * 100 + Number(s.slice(8, 10));

/** A lookup table over a dictionary column, extended as the dictionary grows (a new value → one answer). */
function dictionaryPredicate<T>(dict: Dictionary<T>, codes: () => Int32Array, answer: (v: T) => number): Predicate {
  let table = new Uint8Array(16);
  let filled = 0;
  return {
    fill(tri, from, to) {
      if (filled < dict.size) {
        if (table.length < dict.size) {
          const next = new Uint8Array(Math.max(dict.size, table.length * 2));
          next.set(table);
          table = next;
        }
        for (let c = filled; c < dict.size; c++) table[c] = answer(dict.values[c]!);
        filled = dict.size;
      }
      const col = codes();
      const t = table;
      for (let i = from; i < to; i++) tri[i] = t[col[i]!]!;
    },
  };
}

/**
 * A lookup table over the distinct lists of a list column (entry 0, the unknown list, answers
 * unknown), extended as new lists appear; `answer` fills entries e0…e1−1 in one pass.
 */
function listPredicate(
  list: ListColumn,
  codes: () => Int32Array,
  answer: (L: ListColumn, e0: number, e1: number, table: Uint8Array) => void,
): Predicate {
  let table = new Uint8Array(64);
  let filled = 0;
  return {
    fill(tri, from, to) {
      if (filled < list.size) {
        if (table.length < list.size) {
          const next = new Uint8Array(Math.max(list.size, table.length * 2));
          next.set(table);
          table = next;
        }
        if (filled === 0) {
          table[0] = UNK;
          filled = 1;
        }
        answer(list, filled, list.size, table);
        filled = list.size;
      }
      const col = codes();
      const t = table;
      for (let i = from; i < to; i++) tri[i] = t[col[i]!]!;
    },
  };
}

/** The answer for each combination of small categorical facts the criterion reads. */
function smallFactsPredicate(c: Criterion, cols: FactColumns, facts: readonly SmallFact[]): Predicate {
  const oracle = compileCriterion(c);
  const card = facts.map((f) => SMALL_FACTS[f].length + 1);
  const stride = card.map((_, k) => card.slice(0, k).reduce((a, b) => a * b, 1));
  const size = card.reduce((a, b) => a * b, 1);
  const table = new Uint8Array(size);
  for (let idx = 0; idx < size; idx++) {
    const f: Record<string, unknown> = {};
    facts.forEach((name, k) => {
      const code = Math.floor(idx / stride[k]!) % card[k]!;
      f[name] = code === 0 ? null : SMALL_FACTS[name][code - 1];
    });
    table[idx] = oracle.v(cols.contextOf(f));
  }
  if (facts.length === 1) {
    return {
      fill(tri, from, to) {
        const col = cols.small[facts[0]!];
        for (let i = from; i < to; i++) tri[i] = table[col[i]!]!;
      },
    };
  }
  return {
    fill(tri, from, to) {
      const colsK = facts.map((f) => cols.small[f]);
      const c0 = colsK[0]!;
      const c1 = colsK[1]!;
      const s1 = stride[1]!;
      if (facts.length === 2) {
        for (let i = from; i < to; i++) tri[i] = table[c0[i]! + c1[i]! * s1]!;
        return;
      }
      for (let i = from; i < to; i++) {
        let idx = 0;
        for (let k = 0; k < colsK.length; k++) idx += colsK[k]![i]! * stride[k]!;
        tri[i] = table[idx]!;
      }
    },
  };
}

const STATUS_CLOSED = SMALL_FACTS.operatingStatus.indexOf('closed') + 1;
const PLAN_FALSE = 1; // closurePlanned code of `false`

/** Kinds (worker limit, revenue cap; cap −1 = no 별표 3 row) of the divisions a KSIC value could be in. */
function kindsOfKsic(cols: FactColumns, raw: string | null): { limits: number[]; caps: number[] } {
  const ctx = cols.contextOf({ ksicCode: raw });
  const seen = new Map<string, [number, number]>();
  for (const d of candidateDivisions(ctx.ksic)) {
    const limit = workerLimitOfDivision(d);
    const cap = REVENUE_CAP_BY_DIVISION.get(d)?.capKrw ?? -1;
    seen.set(`${limit}:${cap}`, [limit, cap]);
  }
  return { limits: [...seen.values()].map((k) => k[0]), caps: [...seen.values()].map((k) => k[1]) };
}

export function compilePredicate(c: Criterion, cols: FactColumns): Predicate {
  switch (c.type) {
    case 'region': {
      const oracle = compileCriterion(c);
      return dictionaryPredicate(
        cols.places,
        () => cols.place,
        (p) => oracle.v(cols.contextOf(p)),
      );
    }
    case 'ksic': {
      const oracle = compileCriterion(c);
      return dictionaryPredicate(
        cols.ksics,
        () => cols.ksic,
        (k) => oracle.v(cols.contextOf({ ksicCode: k })),
      );
    }
    case 'businessAge': {
      // eligibility.criteria.ts 'businessAge': min ≤ 업력 < max.
      const min = c.minMonths ?? -Infinity;
      const max = c.maxMonths ?? Infinity;
      return {
        fill(tri, from, to) {
          const col = cols.ageMonths;
          for (let i = from; i < to; i++) {
            const a = col[i]!;
            const m = (+(a >= min) & +(a < max)) << 1;
            const u = +(a === NONE);
            tri[i] = m - (m - 1) * u; // branch-free UNK : m (see the note on branches)
          }
        },
      };
    }
    case 'revenue': {
      const min = c.min ?? -Infinity;
      const max = c.max ?? Infinity;
      return {
        fill(tri, from, to) {
          const col = cols.annualRevenue;
          for (let i = from; i < to; i++) {
            const r = col[i]!;
            // NaN (unknown) fails both comparisons: m = 0, and u makes it UNK
            tri[i] = ((+(r >= min) & +(r <= max)) << 1) | +(r !== r);
          }
        },
      };
    }
    case 'workers': {
      const min = c.min ?? -Infinity;
      const max = c.maxExclusive ?? Infinity;
      return {
        fill(tri, from, to) {
          const col = cols.workers;
          for (let i = from; i < to; i++) {
            const w = col[i]!;
            tri[i] = ((+(w >= min) & +(w < max)) << 1) | +(w !== w);
          }
        },
      };
    }
    case 'ownerAge': {
      const min = c.min ?? -Infinity;
      const max = c.max ?? Infinity;
      return {
        fill(tri, from, to) {
          const col = cols.ownerAge;
          for (let i = from; i < to; i++) {
            const a = col[i]!;
            const m = (+(a >= min) & +(a <= max)) << 1;
            const u = +(a === NONE);
            tri[i] = m - (m - 1) * u;
          }
        },
      };
    }
    case 'smallBusiness': {
      // eligibility.context.ts smallBusinessStatus: over the kinds (limit, cap) of every division the
      // code could be in; all agree → that answer, else unknown.
      const start: number[] = [];
      const limits: number[] = [];
      const caps: number[] = [];
      let known = 0;
      let S = new Int32Array(0);
      let L = new Float64Array(0);
      let C = new Float64Array(0);
      const ensure = () => {
        if (known === cols.ksics.size) return;
        for (let k = known; k < cols.ksics.size; k++) {
          start.push(limits.length);
          const kinds = kindsOfKsic(cols, cols.ksics.values[k]!);
          limits.push(...kinds.limits);
          caps.push(...kinds.caps);
        }
        known = cols.ksics.size;
        S = Int32Array.from([...start, limits.length]);
        L = Float64Array.from(limits);
        C = Float64Array.from(caps);
      };
      return {
        fill(tri, from, to) {
          ensure();
          const kc = cols.ksic;
          const wc = cols.workers;
          const rc = cols.annualRevenue;
          for (let i = from; i < to; i++) {
            const code = kc[i]!;
            const w = wc[i]!;
            const r = rc[i]!;
            let all = -1;
            for (let k = S[code]!, end = S[code + 1]!; k < end; k++) {
              const cap = C[k]!;
              const revenueOk = cap < 0 ? NOT : r !== r ? UNK : r <= cap ? MET : NOT;
              const workersOk = w !== w ? UNK : w < L[k]! ? MET : NOT;
              const v = revenueOk < workersOk ? revenueOk : workersOk;
              all = all === -1 ? v : all === v ? all : UNK;
            }
            tri[i] = all === -1 ? UNK : all;
          }
        },
      };
    }
    case 'noPriorReceipt': {
      // eligibility.criteria.ts compilePriorReceipt: a matching receipt on or before the reference
      // date and fewer than years×12 whole months ago → not met; a matching one with a bad date → unknown.
      // The criterion's keys as codes (registered now: a later code is never one of them).
      const keys = new Set((c.programmeKeys ?? []).map((k) => cols.programmeKeys.code(k)));
      const cats = new Set((c.categories ?? []).map((k) => cols.categories.code(k)));
      const everything = keys.size === 0 && cats.size === 0;
      const months = c.years * 12;
      return listPredicate(
        cols.receiptLists,
        () => cols.receipts,
        (L, e0, e1, table) => {
          const ref = cols.refDay;
          for (let e = e0; e < e1; e++) {
            let res = MET;
            for (let k = L.start[e]!, end = L.start[e + 1]!; k < end; k++) {
              if (!(everything || keys.has(L.a[k]!) || cats.has(L.b[k]!))) continue;
              const day = L.x[k]!;
              const s = day !== day ? UNK : day <= ref && L.y[k]! < months ? NOT : MET;
              if (s < res) res = s;
            }
            table[e] = res;
          }
        },
      );
    }
    case 'documentValid': {
      // compileDocument: a document of the type, issued on or before the reference date and valid on it.
      const type = cols.documentTypes.code(c.documentType);
      return listPredicate(
        cols.documentLists,
        () => cols.documents,
        (L, e0, e1, table) => {
          const ref = cols.refDay;
          for (let e = e0; e < e1; e++) {
            let res = NOT;
            // NaN dates compare false: a document with a date that is not real is not usable.
            for (let k = L.start[e]!, end = L.start[e + 1]!; k < end; k++) {
              if (L.a[k] === type && L.x[k]! <= ref && ref <= L.y[k]!) {
                res = MET;
                break;
              }
            }
            table[e] = res;
          }
        },
      );
    }
    case 'closedWithin': {
      // compileClosedWithin: closed on or before the reference date and the reference date within the
      // N-month anniversary; no 폐업일 but a known status other than 폐업 → not met.
      const months = c.months;
      return {
        fill(tri, from, to) {
          const st = cols.closedState;
          const ymd = cols.closedYmd;
          const day = cols.closedDay;
          const status = cols.small.operatingStatus;
          const ref = cols.refDay;
          for (let i = from; i < to; i++) {
            const s = st[i]!;
            if (s === 2) {
              if (day[i]! > ref) tri[i] = NOT;
              else {
                const v = ymd[i]!;
                const y = Math.floor(v / 10000);
                tri[i] = ref <= addMonthsDay({ y, m: Math.floor(v / 100) % 100, d: v % 100 }, months) ? MET : NOT;
              }
            } else if (s === 1) tri[i] = UNK;
            else {
              const o = status[i]!;
              tri[i] = o !== 0 && o !== STATUS_CLOSED ? NOT : UNK;
            }
          }
        },
      };
    }
    case 'closedBetween': {
      const lo = ymdNumber(c.from, -Infinity);
      const hi = ymdNumber(c.to, Infinity);
      return {
        fill(tri, from, to) {
          const st = cols.closedState;
          const ymd = cols.closedYmd;
          const day = cols.closedDay;
          const status = cols.small.operatingStatus;
          const ref = cols.refDay;
          for (let i = from; i < to; i++) {
            const s = st[i]!;
            if (s === 2) {
              const v = ymd[i]!;
              tri[i] = day[i]! <= ref && v >= lo && v <= hi ? MET : NOT;
            } else if (s === 1) tri[i] = UNK;
            else {
              const o = status[i]!;
              tri[i] = o !== 0 && o !== STATUS_CLOSED ? NOT : UNK;
            }
          }
        },
      };
    }
    case 'openedBetween': {
      const lo = ymdNumber(c.from, -Infinity);
      const hi = ymdNumber(c.to, Infinity);
      return {
        fill(tri, from, to) {
          const age = cols.ageMonths;
          const ymd = cols.openedYmd;
          for (let i = from; i < to; i++) {
            if (age[i] === NONE) tri[i] = UNK;
            else {
              const v = ymd[i]!;
              tri[i] = v >= lo && v <= hi ? MET : NOT;
            }
          }
        },
      };
    }
    case 'operatingDays': {
      // compileOperatingDays: end = 폐업일, else 폐업 예정일 (unless closure is known to be off); open
      // and known not to be closing → there is no period (not met).
      const min = c.minDays;
      return {
        fill(tri, from, to) {
          const cst = cols.closedState;
          const cday = cols.closedDay;
          const pst = cols.plannedState;
          const pday = cols.plannedDay;
          const plan = cols.small.closurePlanned;
          const status = cols.small.operatingStatus;
          const opened = cols.openedDay;
          for (let i = from; i < to; i++) {
            let end: number; // NONE = unknown
            const cs = cst[i]!;
            if (cs !== 0) end = cs === 2 ? cday[i]! : NONE;
            else if (plan[i] !== PLAN_FALSE && pst[i] !== 0) end = pst[i] === 2 ? pday[i]! : NONE;
            else {
              const o = status[i]!;
              if (o !== 0 && o !== STATUS_CLOSED && plan[i] === PLAN_FALSE) {
                tri[i] = NOT;
                continue;
              }
              end = NONE;
            }
            const o = opened[i]!;
            tri[i] = end === NONE || o === NONE ? UNK : end - o >= min ? MET : NOT;
          }
        },
      };
    }
    case 'closurePlanned': {
      // compileClosurePlanned: min(planned?, date not passed and within N months of the reference date).
      const within = c.withinMonths;
      const limit = within === undefined ? Infinity : addMonthsDay(cols.ref, within);
      return {
        fill(tri, from, to) {
          const plan = cols.small.closurePlanned;
          const pst = cols.plannedState;
          const pday = cols.plannedDay;
          const ref = cols.refDay;
          for (let i = from; i < to; i++) {
            const p = plan[i]!;
            const a = p === 0 ? UNK : p === PLAN_FALSE ? NOT : MET;
            let b: number;
            if (pst[i] !== 2) b = UNK;
            else {
              const d = pday[i]!;
              b = d < ref ? NOT : d <= limit ? MET : NOT;
            }
            tri[i] = a < b ? a : b;
          }
        },
      };
    }
    case 'revenueDecline': {
      const pct = c.minPercent;
      return {
        fill(tri, from, to) {
          const cur = cols.annualRevenue;
          const prev = cols.previousAnnualRevenue;
          for (let i = from; i < to; i++) {
            const a = cur[i]!;
            const b = prev[i]!;
            tri[i] = a !== a || b !== b ? UNK : b > 0 && a < b && a * 100 <= b * (100 - pct) ? MET : NOT;
          }
        },
      };
    }
    case 'ownerGender':
    case 'ownerDisabled':
    case 'ownerVeteran':
    case 'mailOrderRegistered':
    case 'noCreditDelinquency':
    case 'noTaxArrears':
    case 'operatingStatus':
    case 'premises':
    case 'legalForm':
    case 'marketLocation':
    case 'restart': {
      // These read only small categorical facts: one table over the combinations of their values.
      const reads = factsOfMask(compileCriterion(c).reads);
      const small = reads.filter((f): f is SmallFact => (SMALL_FACT_NAMES as readonly string[]).includes(f));
      if (small.length !== reads.length || small.length === 0 || small.length > 4) {
        throw new Error(`matrix: no columnar predicate for criterion type ${c.type} (reads ${reads.join(', ')})`);
      }
      return smallFactsPredicate(c, cols, small);
    }
  }
}

/** Facts a criterion reads (a mask of FACT_BIT). */
export function criterionReads(c: Criterion): number {
  return compileCriterion(c).reads;
}
