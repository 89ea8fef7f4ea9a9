/**
 * One compiled closure set per criterion type: evaluate (three-valued), the facts an unknown answer
 * needs, the business's value in plain Korean, and — for time-dependent criteria — the dates on
 * which the answer changes by itself.
 *
 * Scale: 2 = met (eligible), 1 = unknown, 0 = not met. With it Kleene's "and" is `min`, "or" is
 * `max` and "not" is `2 − x`, which keeps the hot path to integer comparisons.
 *
 * Rule data is read here ONCE (sets built, prefixes compiled, labels rendered); the closures only
 * read the evaluation context.
 */
import { FACT_BIT, factsOfMask, smallBusinessStatus, type EvalContext, type ParsedDocument, type ParsedReceipt } from './eligibility.context.ts';
import { addDays, addMonthsClamped, addMonthsDay, dateOfAge, dayNumberOf, formatMonthsKo, tryParseIsoDate, wholeMonthsYmd, type IsoDate } from './eligibility.dates.ts';
import { describeCriterion } from './eligibility.describe.ts';
import { formatCount, formatKrw } from './eligibility.format.ts';
import { compileKsicMatcher, namedSetMatcher, prefixEntries, type KsicMatcher, type Tri } from './eligibility.ksic.ts';
import {
  FACT_LABELS,
  GENDER_LABELS,
  LEGAL_FORM_LABELS,
  MARKET_LOCATION_LABELS,
  OPERATING_STATUS_LABELS,
  PREMISES_LABELS,
  REVENUE_CAP_BY_DIVISION,
  categoryLabel,
  documentLabel,
  ksicLabel,
  placeLabel,
  sidoLabel,
  workerLimitOfDivision,
} from './eligibility.reference.ts';
import type { Criterion, CriterionStatus, FactName, PriorReceipt } from './eligibility.types.ts';
import type { z } from 'zod';

export const STATUS_KO: Readonly<Record<Tri, CriterionStatus>> = { 2: '충족', 1: '확인 필요', 0: '미충족' };

export const MET = 2 as const;
export const UNKNOWN = 1 as const;
export const NOT_MET = 0 as const;

/** A date on which a time-dependent criterion changes by itself. */
export interface TimeCandidate {
  readonly day: number;
  readonly date: IsoDate;
  /** "개업 3년이 되는 2027-03-02". */
  readonly phrase: string;
}

export interface LeafDescription {
  readonly value: string;
  readonly gap?: string;
  readonly remarks?: readonly string[];
}

/** What each criterion type compiles to (one closure set; see `compileCriterion` for the memo layer). */
export interface RawCriterion {
  readonly criterion: Criterion;
  /** describeCriterion(criterion, 'ko'), rendered once. */
  readonly ruleText: string;
  /** Facts this criterion reads (mask). */
  readonly reads: number;
  readonly v: (ctx: EvalContext) => Tri;
  /** Facts to ask for next; only meaningful when `v` is unknown. */
  readonly need: (ctx: EvalContext) => number;
  readonly describe: (ctx: EvalContext, v: Tri) => LeafDescription;
  /** Present on time-dependent criteria: pushes the dates (after the reference date) where `v` may change. */
  readonly changes?: (ctx: EvalContext, out: TimeCandidate[]) => void;
}

/** A criterion's answer for one business, with its words (memoised per evaluation context). */
export interface LeafCore {
  readonly v: Tri;
  /** The explanation line: "업력 3년 이상 — 업력 2년 7개월 (개업일 …): 미충족 (업력 2년 7개월 < 기준 3년)". */
  readonly text: string;
  readonly value: string;
  readonly gap: string | undefined;
  readonly remarks: readonly string[] | undefined;
  readonly needs: readonly FactName[];
}

export interface CompiledCriterion extends RawCriterion {
  /** The business's value, gap and needs in words (built once per context). */
  readonly core: (ctx: EvalContext) => LeafCore;
  /** Time-dependent criteria: the dates after the reference date where the answer may change. */
  readonly timeChanges?: (ctx: EvalContext) => readonly TimeCandidate[];
}

type Receipt = z.infer<typeof PriorReceipt>;

function dayOf(s: string): number | null {
  const p = tryParseIsoDate(s);
  return p ? dayNumberOf(p.y, p.m, p.d) : null;
}

function bool(x: boolean | null | undefined, whenTrue: Tri): Tri {
  return x == null ? UNKNOWN : x ? whenTrue : ((2 - whenTrue) as Tri);
}

function pushIfFuture(ctx: EvalContext, out: TimeCandidate[], date: IsoDate, phrase: string): void {
  const d = dayOf(date);
  if (d !== null && d > ctx.refDay) out.push({ day: d, date, phrase });
}

const unknownText = (what: string): string => `${what} 정보 없음`;

function compileRaw(c: Criterion): RawCriterion {
  const ruleText = describeCriterion(c, 'ko');
  const base = { criterion: c, ruleText };
  switch (c.type) {
    case 'region': {
      const sidos = new Set(c.sido ?? []);
      const munis = new Set(c.municipalities ?? []);
      const muniSidos = new Set([...munis].map((m) => m.slice(0, 2)));
      const open = sidos.size === 0 && munis.size === 0;
      const askFor = munis.size > 0 ? FACT_BIT.municipalityCode : FACT_BIT.sidoCode;
      return {
        ...base,
        reads: FACT_BIT.sidoCode | FACT_BIT.municipalityCode,
        v: (ctx) => {
          if (open) return MET;
          const m = ctx.municipality;
          const s = ctx.sido;
          if (m !== null) return munis.has(m) || (s !== null && sidos.has(s)) ? MET : NOT_MET;
          if (s !== null) return sidos.has(s) ? MET : muniSidos.has(s) ? UNKNOWN : NOT_MET;
          return UNKNOWN;
        },
        need: (ctx) => (ctx.sido !== null ? FACT_BIT.municipalityCode : askFor),
        describe: (ctx, v) => {
          const m = ctx.municipality;
          const s = ctx.sido;
          // "소재지: 부산광역시 — 사업장 경기도 안산시: 미충족" (issue 11 §1): the business's place in full words.
          const value = m !== null ? `사업장 ${placeLabel(m)}` : s !== null ? `사업장 ${sidoLabel(s)} (시·군 정보 없음)` : unknownText('소재지');
          return v === NOT_MET ? { value, gap: `${value} — 대상 지역 아님` } : { value };
        },
      };
    }
    case 'businessAge': {
      const { minMonths: min, maxMonths: max } = c;
      return {
        ...base,
        reads: FACT_BIT.openedOn,
        v: (ctx) => {
          const a = ctx.ageMonths;
          if (a === null) return UNKNOWN;
          return (min === undefined || a >= min) && (max === undefined || a < max) ? MET : NOT_MET;
        },
        need: () => FACT_BIT.openedOn,
        describe: (ctx) => {
          const a = ctx.ageMonths;
          if (a === null) return { value: unknownText('개업일') };
          const value = a < 0 ? `개업 전 (개업일 ${ctx.facts.openedOn})` : `업력 ${formatMonthsKo(a)} (개업일 ${ctx.facts.openedOn})`;
          if (min !== undefined && a < min) return { value, gap: `업력 ${a < 0 ? '0개월(개업 전)' : formatMonthsKo(a)} < 기준 ${formatMonthsKo(min)}` };
          if (max !== undefined && a >= max) return { value, gap: `업력 ${formatMonthsKo(a)} ≥ 상한 ${formatMonthsKo(max)} (미만이어야 함)` };
          return { value };
        },
        changes: (ctx, out) => {
          const opened = ctx.facts.openedOn;
          if (opened == null || ctx.ageMonths === null) return;
          if (min !== undefined) {
            const d = addMonthsClamped(opened, min);
            pushIfFuture(ctx, out, d, `개업 ${formatMonthsKo(min)}이 되는 ${d}`);
          }
          if (max !== undefined) {
            const d = addMonthsClamped(opened, max);
            pushIfFuture(ctx, out, d, `개업 ${formatMonthsKo(max)}이 되는 ${d}`);
          }
        },
      };
    }
    case 'revenue': {
      const { min, max } = c;
      return {
        ...base,
        reads: FACT_BIT.annualRevenue,
        v: (ctx) => {
          const r = ctx.facts.annualRevenue;
          if (r == null) return UNKNOWN;
          return (min === undefined || r >= min) && (max === undefined || r <= max) ? MET : NOT_MET;
        },
        need: () => FACT_BIT.annualRevenue,
        describe: (ctx) => {
          const r = ctx.facts.annualRevenue;
          if (r == null) return { value: unknownText('연매출') };
          const value = `연매출 ${formatKrw(r)}`;
          if (max !== undefined && r > max) return { value, gap: `연매출 ${formatKrw(r)} > 기준 ${formatKrw(max)}` };
          if (min !== undefined && r < min) return { value, gap: `연매출 ${formatKrw(r)} < 기준 ${formatKrw(min)}` };
          return { value };
        },
      };
    }
    case 'workers': {
      const { min, maxExclusive: max } = c;
      return {
        ...base,
        reads: FACT_BIT.workers,
        v: (ctx) => {
          const w = ctx.facts.workers;
          if (w == null) return UNKNOWN;
          return (min === undefined || w >= min) && (max === undefined || w < max) ? MET : NOT_MET;
        },
        need: () => FACT_BIT.workers,
        describe: (ctx) => {
          const w = ctx.facts.workers;
          if (w == null) return { value: unknownText('상시근로자 수') };
          const value = `상시근로자 ${formatCount(w)}명`;
          if (max !== undefined && w >= max) return { value, gap: `상시근로자 ${formatCount(w)}명 ≥ 기준 ${formatCount(max)}명 (미만이어야 함)` };
          if (min !== undefined && w < min) return { value, gap: `상시근로자 ${formatCount(w)}명 < 기준 ${formatCount(min)}명` };
          return { value };
        },
      };
    }
    case 'smallBusiness':
      return {
        ...base,
        reads: FACT_BIT.workers | FACT_BIT.annualRevenue | FACT_BIT.ksicCode,
        v: (ctx) => smallBusinessStatus(ctx).v,
        need: (ctx) => smallBusinessStatus(ctx).need,
        describe: (ctx, v) => describeSmallBusiness(ctx, v),
      };
    case 'ksic':
      return compileKsicCriterion(c, base);
    case 'ownerAge': {
      const { min, max } = c;
      return {
        ...base,
        reads: FACT_BIT.ownerBirthDate,
        v: (ctx) => {
          const a = ctx.ownerAge;
          if (a === null) return UNKNOWN;
          return (min === undefined || a >= min) && (max === undefined || a <= max) ? MET : NOT_MET;
        },
        need: () => FACT_BIT.ownerBirthDate,
        describe: (ctx) => {
          const a = ctx.ownerAge;
          if (a === null) return { value: unknownText('대표자 생년월일') };
          const value = `대표자 만 ${a}세`;
          if (min !== undefined && a < min) return { value, gap: `대표자 만 ${a}세 < 기준 만 ${min}세` };
          if (max !== undefined && a > max) return { value, gap: `대표자 만 ${a}세 > 상한 만 ${max}세` };
          return { value };
        },
        changes: (ctx, out) => {
          const birth = ctx.facts.ownerBirthDate;
          if (birth == null || ctx.ownerAge === null) return;
          if (min !== undefined) {
            const d = dateOfAge(birth, min);
            pushIfFuture(ctx, out, d, `대표자가 만 ${min}세가 되는 ${d}`);
          }
          if (max !== undefined) {
            const d = dateOfAge(birth, max + 1);
            pushIfFuture(ctx, out, d, `대표자가 만 ${max + 1}세가 되는 ${d}`);
          }
        },
      };
    }
    case 'ownerGender': {
      const want = c.gender;
      return {
        ...base,
        reads: FACT_BIT.ownerGender,
        v: (ctx) => {
          const g = ctx.facts.ownerGender;
          return g == null ? UNKNOWN : g === want ? MET : NOT_MET;
        },
        need: () => FACT_BIT.ownerGender,
        describe: (ctx, v) => {
          const g = ctx.facts.ownerGender;
          const value = g == null ? unknownText('대표자 성별') : `대표자 ${GENDER_LABELS[g]}`;
          return v === NOT_MET ? { value, gap: value } : { value };
        },
      };
    }
    case 'ownerDisabled':
      return flag(base, 'ownerDisabled', MET, ['대표자 장애인', '대표자 장애인 아님'], '대표자 장애 여부');
    case 'ownerVeteran':
      return flag(base, 'ownerVeteran', MET, ['대표자 국가보훈대상자', '대표자 국가보훈대상자 아님'], '대표자 보훈 여부');
    case 'mailOrderRegistered':
      return flag(base, 'mailOrderRegistered', MET, ['통신판매업 신고함', '통신판매업 신고 안 함'], '통신판매업 신고 여부');
    case 'noCreditDelinquency':
      return flag(base, 'creditDelinquent', NOT_MET, ['금융 연체·신용불량 있음', '금융 연체·신용불량 없음'], '연체·신용불량 여부');
    case 'noTaxArrears':
      return compileTaxArrears(c, base);
    case 'operatingStatus': {
      const allowed = new Set(c.allowed);
      return {
        ...base,
        reads: FACT_BIT.operatingStatus,
        v: (ctx) => {
          const s = ctx.facts.operatingStatus;
          return s == null ? UNKNOWN : allowed.has(s) ? MET : NOT_MET;
        },
        need: () => FACT_BIT.operatingStatus,
        describe: (ctx, v) => {
          const s = ctx.facts.operatingStatus;
          const value = s == null ? unknownText('영업 상태') : `영업 상태: ${OPERATING_STATUS_LABELS[s]}`;
          return v === NOT_MET ? { value, gap: value } : { value };
        },
      };
    }
    case 'premises': {
      const allowed = new Set(c.allowed);
      return {
        ...base,
        reads: FACT_BIT.premises,
        v: (ctx) => {
          const p = ctx.facts.premises;
          return p == null ? UNKNOWN : allowed.has(p) ? MET : NOT_MET;
        },
        need: () => FACT_BIT.premises,
        describe: (ctx, v) => {
          const p = ctx.facts.premises;
          const value = p == null ? unknownText('사업장 임차·소유') : `사업장 ${PREMISES_LABELS[p]}`;
          return v === NOT_MET ? { value, gap: value } : { value };
        },
      };
    }
    case 'noPriorReceipt':
      return compilePriorReceipt(c, base);
    case 'documentValid':
      return compileDocument(c, base);
    case 'closedWithin':
      return compileClosedWithin(c, base);
    case 'legalForm': {
      const allowed = new Set(c.allowed);
      return {
        ...base,
        reads: FACT_BIT.legalForm,
        v: (ctx) => {
          const f = ctx.facts.legalForm;
          return f == null ? UNKNOWN : allowed.has(f) ? MET : NOT_MET;
        },
        need: () => FACT_BIT.legalForm,
        describe: (ctx, v) => {
          const f = ctx.facts.legalForm;
          const value = f == null ? unknownText('사업자 구분(개인·법인)') : LEGAL_FORM_LABELS[f];
          return v === NOT_MET ? { value, gap: `${value} — 대상 아님` } : { value };
        },
      };
    }
    case 'marketLocation': {
      const allowed = new Set(c.allowed);
      return {
        ...base,
        reads: FACT_BIT.marketLocation,
        v: (ctx) => {
          const m = ctx.facts.marketLocation;
          return m == null ? UNKNOWN : allowed.has(m) ? MET : NOT_MET;
        },
        need: () => FACT_BIT.marketLocation,
        describe: (ctx, v) => {
          const m = ctx.facts.marketLocation;
          const value = m == null ? unknownText('전통시장·상점가 입점 여부') : m === 'none' ? '점포가 전통시장·상점가 밖' : `점포 위치: ${MARKET_LOCATION_LABELS[m]}`;
          return v === NOT_MET ? { value, gap: `${value} — 대상 위치 아님` } : { value };
        },
      };
    }
    case 'restart':
      return flag(base, 'restart', MET, ['재창업(이전 폐업 이력 있음)', '재창업 아님(이전 폐업 이력 없음)'], '재창업 여부');
    case 'openedBetween':
      return compileOpenedBetween(c, base);
    case 'closedBetween':
      return compileClosedBetween(c, base);
    case 'operatingDays':
      return compileOperatingDays(c, base);
    case 'closurePlanned':
      return compileClosurePlanned(c, base);
    case 'revenueDecline':
      return compileRevenueDecline(c, base);
  }
}

type Base = Pick<RawCriterion, 'criterion' | 'ruleText'>;
type FlagFact = 'ownerDisabled' | 'ownerVeteran' | 'mailOrderRegistered' | 'creditDelinquent' | 'restart';

/** A yes/no fact; `whenTrue` is the answer when the fact is true (연체 true → not met). */
function flag(base: Base, fact: FlagFact, whenTrue: Tri, [yes, no]: readonly [string, string], what: string): RawCriterion {
  return {
    ...base,
    reads: FACT_BIT[fact],
    v: (ctx) => bool(ctx.facts[fact], whenTrue),
    need: () => FACT_BIT[fact],
    describe: (ctx, v) => {
      const x = ctx.facts[fact];
      const value = x == null ? unknownText(what) : x ? yes : no;
      return v === NOT_MET ? { value, gap: value } : { value };
    },
  };
}

function compileTaxArrears(c: Extract<Criterion, { type: 'noTaxArrears' }>, base: Base): RawCriterion {
  const national = c.kinds.includes('national');
  const local = c.kinds.includes('local');
  const allow = c.allowDeferral ?? false;
  const part = (arrears: boolean | null | undefined, deferred: boolean | null | undefined): Tri =>
    arrears == null ? UNKNOWN : !arrears ? MET : !allow ? NOT_MET : deferred == null ? UNKNOWN : deferred ? MET : NOT_MET;
  return {
    ...base,
    reads: (national ? FACT_BIT.nationalTaxArrears : 0) | (local ? FACT_BIT.localTaxArrears : 0) | (allow ? FACT_BIT.taxArrearsDeferred : 0),
    v: (ctx) => {
      const f = ctx.facts;
      const n: Tri = national ? part(f.nationalTaxArrears, f.taxArrearsDeferred) : MET;
      const l: Tri = local ? part(f.localTaxArrears, f.taxArrearsDeferred) : MET;
      return n < l ? n : l;
    },
    need: (ctx) => {
      const f = ctx.facts;
      let m = 0;
      for (const [on, arrears, bit] of [
        [national, f.nationalTaxArrears, FACT_BIT.nationalTaxArrears],
        [local, f.localTaxArrears, FACT_BIT.localTaxArrears],
      ] as const) {
        if (!on) continue;
        if (arrears == null) m |= bit;
        else if (arrears && allow && f.taxArrearsDeferred == null) m |= FACT_BIT.taxArrearsDeferred;
      }
      return m;
    },
    describe: (ctx, v) => {
      const f = ctx.facts;
      const parts: string[] = [];
      const say = (label: string, arrears: boolean | null | undefined) => {
        if (arrears == null) parts.push(`${label} 체납 여부 정보 없음`);
        else if (!arrears) parts.push(`${label} 체납 없음`);
        else if (!allow) parts.push(`${label} 체납 있음`);
        else parts.push(`${label} 체납 있음 (${f.taxArrearsDeferred == null ? '유예·분납 여부 정보 없음' : f.taxArrearsDeferred ? '유예·분납 승인' : '유예·분납 없음'})`);
      };
      if (national) say('국세', f.nationalTaxArrears);
      if (local) say('지방세', f.localTaxArrears);
      const value = parts.join(', ');
      return v === NOT_MET ? { value, gap: value } : { value };
    },
  };
}

function compileKsicCriterion(c: Extract<Criterion, { type: 'ksic' }>, base: Base): RawCriterion {
  const include: KsicMatcher | null = c.include?.length ? compileKsicMatcher(prefixEntries(c.include, ksicLabel)) : null;
  const own: KsicMatcher | null = c.exclude?.length ? compileKsicMatcher(prefixEntries(c.exclude, ksicLabel)) : null;
  const sets = (c.excludeSets ?? []).map(namedSetMatcher);
  const open = include === null && own === null && sets.length === 0;
  const parts = (ctx: EvalContext, code: string): { inc: Tri; exc: Tri } => {
    const p = ctx.ksicPrefixes;
    const inc: Tri = include ? include.test(code, p) : MET;
    let exc: Tri = own ? own.test(code, p) : NOT_MET;
    for (let i = 0; i < sets.length; i++) {
      const s = sets[i]!;
      let t = ctx.setCache[s.index];
      if (t === undefined) {
        t = s.matcher.test(code, p);
        ctx.setCache[s.index] = t;
      }
      if (t > exc) exc = t;
    }
    return { inc, exc };
  };
  return {
    ...base,
    reads: FACT_BIT.ksicCode,
    v: (ctx) => {
      if (open) return MET;
      const code = ctx.ksic;
      if (code === null) return UNKNOWN;
      // Same as `parts`, without allocating (hot path).
      const p = ctx.ksicPrefixes;
      const inc: Tri = include ? include.test(code, p) : MET;
      let exc: Tri = own ? own.test(code, p) : NOT_MET;
      for (let i = 0; i < sets.length; i++) {
        const s = sets[i]!;
        let t = ctx.setCache[s.index];
        if (t === undefined) {
          t = s.matcher.test(code, p);
          ctx.setCache[s.index] = t;
        }
        if (t > exc) exc = t;
      }
      const notExcluded = (2 - exc) as Tri;
      return inc < notExcluded ? inc : notExcluded;
    },
    need: () => FACT_BIT.ksicCode,
    describe: (ctx, v) => {
      const code = ctx.ksic;
      const raw = ctx.facts.ksicCode;
      if (code === null) {
        return { value: raw == null ? unknownText('업종') : `업종 코드 ${raw} — 표준산업분류(10차)에 없는 코드` };
      }
      const value = `업종 ${code}(${ksicLabel(code)})`;
      const p = ctx.ksicPrefixes;
      const { inc } = parts(ctx, code);
      const remarks: string[] = [];
      for (const s of sets) {
        if (s.advisory.test(code, p) > 0) {
          const e = s.advisory.decidingEntry(code, p);
          if (e) remarks.push(`‘${e.label}’(${e.prefix})은 제외 업종일 수 있음 — 확인 필요`);
        }
        const d = s.matcher.decidingEntry(code, p);
        if (d && !d.member && s.matcher.test(code, p) === 0) remarks.push(`제외 업종의 예외 ‘${d.label}’ 적용 — 조건 확인 필요`);
      }
      const withRemarks = (x: LeafDescription): LeafDescription => (remarks.length ? { ...x, remarks } : x);
      if (v === MET) return withRemarks({ value });
      if (v === UNKNOWN) {
        const why = inc === UNKNOWN ? include?.decidingEntry(code, p) : findExclusion(code, p, own, sets, UNKNOWN);
        return withRemarks({ value, gap: `업종 ${code}만으로는 판단할 수 없음 — 세부 업종 코드 필요${why ? ` (${why.prefix} ${why.label} 해당 여부)` : ''}` });
      }
      if (inc === NOT_MET) {
        return withRemarks({ value, gap: `업종 ${code}(${ksicLabel(code)}) — 대상 업종(${(c.include ?? []).join(', ')}) 아님` });
      }
      const hit = findExclusion(code, p, own, sets, MET);
      return withRemarks({ value, gap: hit ? `제외 업종 ‘${hit.label}’(${hit.prefix}${hit.set ? `, ${namedSetMatcher(hit.set).title}` : ''})에 해당` : '제외 업종에 해당' });
    },
  };
}

function findExclusion(code: string, p: readonly string[] | null, own: KsicMatcher | null, sets: readonly { matcher: KsicMatcher }[], want: Tri) {
  for (const m of [own, ...sets.map((s) => s.matcher)]) {
    if (m && m.test(code, p) === want) return m.decidingEntry(code, p);
  }
  return undefined;
}

function describeSmallBusiness(ctx: EvalContext, v: Tri): LeafDescription {
  const f = ctx.facts;
  const code = ctx.ksic;
  const w = f.workers;
  const r = f.annualRevenue;
  const bits = [
    code === null ? unknownText('업종') : `업종 ${code}(${ksicLabel(code)})`,
    w == null ? unknownText('상시근로자 수') : `상시근로자 ${formatCount(w)}명`,
    r == null ? unknownText('연매출') : `연매출 ${formatKrw(r)}`,
  ];
  const s = smallBusinessStatus(ctx);
  if (s.divisions.length === 1) {
    const d = s.divisions[0]!;
    const row = REVENUE_CAP_BY_DIVISION.get(d);
    const limit = workerLimitOfDivision(d);
    bits.push(row ? `기준: ${limit}명 미만, 매출 ${formatKrw(row.capKrw)} 이하 (${row.industry})` : '별표 3에 없는 업종');
    const value = bits.join(', ');
    if (v !== NOT_MET) return { value };
    const gaps: string[] = [];
    if (!row) gaps.push(`업종 ${code} — 중소기업기본법 시행령 별표 3의 소기업 대상 업종 아님`);
    if (w != null && w >= limit) gaps.push(`상시근로자 ${formatCount(w)}명 ≥ 기준 ${limit}명`);
    if (row && r != null && r > row.capKrw) gaps.push(`연매출 ${formatKrw(r)} > 소기업 기준 ${formatKrw(row.capKrw)}`);
    return { value, gap: gaps.join(', ') };
  }
  const value = bits.join(', ');
  if (v === NOT_MET) {
    const gaps: string[] = [];
    if (w != null && w >= 10) gaps.push(`상시근로자 ${formatCount(w)}명 ≥ 기준(업종에 따라 5명 또는 10명)`);
    if (r != null && r > 12_000_000_000) gaps.push(`연매출 ${formatKrw(r)} > 소기업 기준 최대 ${formatKrw(12_000_000_000)}`);
    return { value, gap: gaps.join(', ') || '소상공인 기준 초과' };
  }
  return { value };
}

function compilePriorReceipt(c: Extract<Criterion, { type: 'noPriorReceipt' }>, base: Base): RawCriterion {
  const keys = new Set(c.programmeKeys ?? []);
  const cats = new Set(c.categories ?? []);
  const everything = keys.size === 0 && cats.size === 0;
  const months = c.years * 12;
  const matches = (r: Receipt) => everything || keys.has(r.programmeKey) || cats.has(r.category);
  /** 2 = no blocking receipt, 0 = a receipt within the window, 1 = a matching receipt with a bad date. */
  const status = (ctx: EvalContext, p: ParsedReceipt): Tri => {
    if (p.on === null) return UNKNOWN;
    // A receipt dated after the reference date had not happened yet on that date.
    return p.on.day <= ctx.refDay && wholeMonthsYmd(p.on.ymd, ctx.ref) < months ? NOT_MET : MET;
  };
  const label = (r: Receipt) => `${r.programmeKey}(${categoryLabel(r.category)})`;
  return {
    ...base,
    reads: FACT_BIT.priorReceipts,
    v: (ctx) => {
      const list = ctx.receipts;
      if (list === null) return UNKNOWN;
      let res: Tri = MET;
      for (let i = 0; i < list.length; i++) {
        const p = list[i]!;
        if (!matches(p.receipt)) continue;
        const s = status(ctx, p);
        if (s < res) res = s;
      }
      return res;
    },
    need: () => FACT_BIT.priorReceipts,
    describe: (ctx, v) => {
      const list = ctx.facts.priorReceipts;
      if (list == null) return { value: unknownText('지원사업 수혜 이력') };
      const blocking = (ctx.receipts ?? []).filter((p) => matches(p.receipt) && status(ctx, p) === NOT_MET).map((p) => p.receipt);
      if (blocking.length === 0) {
        return { value: v === UNKNOWN ? '수혜일 형식이 잘못된 이력 있음' : `최근 ${c.years}년 이내 해당 수혜 없음` };
      }
      const value = blocking.map((r) => `${label(r)} ${r.receivedOn} 수혜`).join(', ');
      const until = blocking.map((r) => addMonthsClamped(r.receivedOn, months)).sort().at(-1)!;
      return { value, gap: `${value} — ${until}부터 신청 가능` };
    },
    changes: (ctx, out) => {
      const list = ctx.facts.priorReceipts;
      if (list == null) return;
      for (const r of list) {
        if (!matches(r) || !tryParseIsoDate(r.receivedOn)) continue;
        pushIfFuture(ctx, out, r.receivedOn, `${label(r)} 수혜일 ${r.receivedOn}`);
        const end = addMonthsClamped(r.receivedOn, months);
        pushIfFuture(ctx, out, end, `${label(r)} 수혜(${r.receivedOn}) 후 ${c.years}년이 지나는 ${end}`);
      }
    },
  };
}

function compileDocument(c: Extract<Criterion, { type: 'documentValid' }>, base: Base): RawCriterion {
  const type = c.documentType;
  const name = documentLabel(type);
  const usable = (ctx: EvalContext, d: ParsedDocument): boolean =>
    // until = Infinity: the document type has no expiry (document-types.ts kind 'none').
    d.issued !== null && d.issued <= ctx.refDay && d.until !== null && ctx.refDay <= d.until;
  return {
    ...base,
    reads: FACT_BIT.documents,
    v: (ctx) => {
      const docs = ctx.documents;
      if (docs === null) return UNKNOWN;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i]!;
        if (d.type === type && usable(ctx, d)) return MET;
      }
      return NOT_MET;
    },
    need: () => FACT_BIT.documents,
    describe: (ctx) => {
      const docs = ctx.facts.documents;
      if (docs == null) return { value: unknownText('보유 서류') };
      const ofType = docs.filter((d) => d.type === type);
      const parsed = (ctx.documents ?? []).filter((d) => d.type === type);
      const ok = ofType.find((_, i) => usable(ctx, parsed[i]!));
      if (ok) return { value: `${name} ${ok.issuedOn} 발급${ok.validUntil ? `, ${ok.validUntil}까지 유효` : ''}` };
      const expired = ofType.filter((d) => d.validUntil != null).sort((a, b) => (a.validUntil! < b.validUntil! ? 1 : -1))[0];
      if (expired) {
        const value = `${name} 유효기간 만료(${expired.validUntil})`;
        return { value, gap: `${value} — 다시 발급 필요` };
      }
      const value = ofType.length ? `${name} 발급일이 기준일 이후` : `${name} 없음`;
      return { value, gap: `${value} — 발급 필요` };
    },
    changes: (ctx, out) => {
      const docs = ctx.facts.documents;
      if (docs == null) return;
      for (const d of docs) {
        if (d.type !== type || dayOf(d.issuedOn) === null) continue;
        pushIfFuture(ctx, out, d.issuedOn, `${name} 발급일 ${d.issuedOn}`);
        if (d.validUntil != null && dayOf(d.validUntil) !== null) {
          const next = addDays(d.validUntil, 1);
          pushIfFuture(ctx, out, next, `${name} 유효기간(${d.validUntil})이 지난 ${next}`);
        }
      }
    },
  };
}

function compileClosedWithin(c: Extract<Criterion, { type: 'closedWithin' }>, base: Base): RawCriterion {
  const months = c.months;
  /** The last day "within N months" of the closure: the N-month anniversary (see eligibility.dates.ts). */
  const lastDay = (closedOn: string) => addMonthsClamped(closedOn, months);
  return {
    ...base,
    reads: FACT_BIT.closedOn | FACT_BIT.operatingStatus,
    v: (ctx) => {
      if (ctx.facts.closedOn != null) {
        const closed = ctx.closed;
        if (closed === null) return UNKNOWN;
        return closed.day <= ctx.refDay && ctx.refDay <= addMonthsDay(closed.ymd, months) ? MET : NOT_MET;
      }
      // No 폐업일 but a known status other than 폐업: the business has not closed (a known fact).
      const s = ctx.facts.operatingStatus;
      return s != null && s !== 'closed' ? NOT_MET : UNKNOWN;
    },
    // With neither fact known, ask for both: a business that never closed has no 폐업일 to give,
    // its status answers the question instead.
    need: (ctx) => (ctx.facts.closedOn == null && ctx.facts.operatingStatus == null ? FACT_BIT.closedOn | FACT_BIT.operatingStatus : FACT_BIT.closedOn),
    describe: (ctx, v) => {
      const closedOn = ctx.facts.closedOn;
      if (closedOn == null) {
        const s = ctx.facts.operatingStatus;
        if (s != null && s !== 'closed') {
          const value = `${OPERATING_STATUS_LABELS[s]} — 폐업하지 않음`;
          return { value, gap: value };
        }
        return { value: unknownText('폐업일') };
      }
      const p = tryParseIsoDate(closedOn);
      if (!p) return { value: `폐업일 ${closedOn} — 날짜 형식 오류` };
      const value = `폐업일 ${closedOn}`;
      if (v !== NOT_MET) return { value };
      if (dayOf(closedOn)! > ctx.refDay) return { value, gap: `폐업일 ${closedOn}이 기준일 이후` };
      return { value, gap: `폐업 후 ${formatMonthsKo(wholeMonthsYmd(p, ctx.ref))} 경과 — ${lastDay(closedOn)}까지였음` };
    },
    changes: (ctx, out) => {
      const closedOn = ctx.facts.closedOn;
      if (closedOn == null || dayOf(closedOn) === null) return;
      pushIfFuture(ctx, out, closedOn, `폐업일 ${closedOn}`);
      const next = addDays(lastDay(closedOn), 1);
      pushIfFuture(ctx, out, next, `폐업 후 ${formatMonthsKo(months)}이 지난 ${next}`);
    },
  };
}

/** Inclusive ISO-date range test by string order (valid 'YYYY-MM-DD' strings sort as dates). */
function inRange(d: string, from: string | undefined, to: string | undefined): boolean {
  return (from === undefined || d >= from) && (to === undefined || d <= to);
}

/** "2023-12-31 이전이어야 함" — what the date should have been, for the gap. */
function rangeGap(what: string, d: string, from: string | undefined, to: string | undefined): string {
  if (from !== undefined && d < from) return `${what} ${d} — ${from} 이후여야 함`;
  return `${what} ${d} — ${to} 이전이어야 함`;
}

function compileOpenedBetween(c: Extract<Criterion, { type: 'openedBetween' }>, base: Base): RawCriterion {
  const { from, to } = c;
  return {
    ...base,
    reads: FACT_BIT.openedOn,
    v: (ctx) => {
      const o = ctx.facts.openedOn;
      // A 개업일 that is not a real date is no better than none (see eligibility.context.ts).
      if (o == null || ctx.ageMonths === null) return UNKNOWN;
      return inRange(o, from, to) ? MET : NOT_MET;
    },
    need: () => FACT_BIT.openedOn,
    describe: (ctx, v) => {
      const o = ctx.facts.openedOn;
      if (o == null) return { value: unknownText('개업일') };
      if (ctx.ageMonths === null) return { value: `개업일 ${o} — 날짜 형식 오류` };
      const value = `개업일 ${o}`;
      return v === NOT_MET ? { value, gap: rangeGap('개업일', o, from, to) } : { value };
    },
  };
}

/** 폐업일 unknown: a business known to be open has not closed (a known "no"); otherwise ask. */
function notClosedYet(ctx: EvalContext): boolean {
  const s = ctx.facts.operatingStatus;
  return s != null && s !== 'closed';
}

function compileClosedBetween(c: Extract<Criterion, { type: 'closedBetween' }>, base: Base): RawCriterion {
  const { from, to } = c;
  return {
    ...base,
    reads: FACT_BIT.closedOn | FACT_BIT.operatingStatus,
    v: (ctx) => {
      const closedOn = ctx.facts.closedOn;
      if (closedOn != null) {
        const closed = ctx.closed;
        if (closed === null) return UNKNOWN;
        // A 폐업일 after the reference date had not happened yet on that date (as closedWithin).
        return closed.day <= ctx.refDay && inRange(closedOn, from, to) ? MET : NOT_MET;
      }
      return notClosedYet(ctx) ? NOT_MET : UNKNOWN;
    },
    need: (ctx) => (ctx.facts.closedOn == null && ctx.facts.operatingStatus == null ? FACT_BIT.closedOn | FACT_BIT.operatingStatus : FACT_BIT.closedOn),
    describe: (ctx, v) => {
      const closedOn = ctx.facts.closedOn;
      if (closedOn == null) {
        const s = ctx.facts.operatingStatus;
        if (s != null && s !== 'closed') {
          const value = `${OPERATING_STATUS_LABELS[s]} — 폐업하지 않음`;
          return { value, gap: value };
        }
        return { value: unknownText('폐업일') };
      }
      if (ctx.closed === null) return { value: `폐업일 ${closedOn} — 날짜 형식 오류` };
      const value = `폐업일 ${closedOn}`;
      if (v !== NOT_MET) return { value };
      if (ctx.closed.day > ctx.refDay) return { value, gap: `폐업일 ${closedOn}이 기준일 이후` };
      return { value, gap: rangeGap('폐업일', closedOn, from, to) };
    },
    changes: (ctx, out) => {
      const closedOn = ctx.facts.closedOn;
      if (closedOn == null || ctx.closed === null) return;
      pushIfFuture(ctx, out, closedOn, `폐업일 ${closedOn}`);
    },
  };
}

/** The 폐업 예정일 when it counts: a date given, and closure not known to be off. */
function plannedEnd(ctx: EvalContext): string | null {
  return ctx.facts.closurePlanned !== false ? (ctx.facts.plannedClosureOn ?? null) : null;
}

function compileOperatingDays(c: Extract<Criterion, { type: 'operatingDays' }>, base: Base): RawCriterion {
  const min = c.minDays;
  /** The end of the operating period: 폐업일, else 폐업 예정일; undefined = unknown, null = there is none. */
  const end = (ctx: EvalContext): { day: number; date: string } | null | undefined => {
    const closedOn = ctx.facts.closedOn;
    if (closedOn != null) {
      const d = dayOf(closedOn);
      return d === null ? undefined : { day: d, date: closedOn };
    }
    const planned = plannedEnd(ctx);
    if (planned !== null) {
      const d = dayOf(planned);
      return d === null ? undefined : { day: d, date: planned };
    }
    // Open, and known not to be closing: there is no operating period "until closure" to count.
    if (notClosedYet(ctx) && ctx.facts.closurePlanned === false) return null;
    return undefined;
  };
  const openedDay = (ctx: EvalContext): number | null => (ctx.facts.openedOn == null ? null : dayOf(ctx.facts.openedOn));
  return {
    ...base,
    reads: FACT_BIT.openedOn | FACT_BIT.closedOn | FACT_BIT.plannedClosureOn | FACT_BIT.closurePlanned | FACT_BIT.operatingStatus,
    v: (ctx) => {
      const e = end(ctx);
      if (e === null) return NOT_MET;
      const o = openedDay(ctx);
      if (e === undefined || o === null) return UNKNOWN;
      return e.day - o >= min ? MET : NOT_MET;
    },
    need: (ctx) => {
      const f = ctx.facts;
      let m = openedDay(ctx) === null ? FACT_BIT.openedOn : 0;
      if (end(ctx) === undefined) {
        if (f.closedOn != null) m |= FACT_BIT.closedOn;
        else if (plannedEnd(ctx) !== null) m |= FACT_BIT.plannedClosureOn;
        else {
          m |= FACT_BIT.closedOn;
          if (f.operatingStatus == null) m |= FACT_BIT.operatingStatus;
          if (f.closurePlanned == null) m |= FACT_BIT.closurePlanned;
          if (f.closurePlanned !== false) m |= FACT_BIT.plannedClosureOn;
        }
      }
      return m;
    },
    describe: (ctx, v) => {
      const e = end(ctx);
      if (e === null) {
        const value = '영업 중이며 폐업 예정 없음';
        return { value, gap: `${value} — 폐업(예정)일까지의 영업기간 없음` };
      }
      const o = openedDay(ctx);
      if (o === null) return { value: ctx.facts.openedOn == null ? unknownText('개업일') : `개업일 ${ctx.facts.openedOn} — 날짜 형식 오류` };
      if (e === undefined) return { value: unknownText('폐업(예정)일') };
      const days = e.day - o;
      const endWord = ctx.facts.closedOn != null ? '폐업일' : '폐업 예정일';
      const value = `영업 ${formatCount(days)}일 (개업일 ${ctx.facts.openedOn} ~ ${endWord} ${e.date})`;
      return v === NOT_MET ? { value, gap: `영업 ${formatCount(days)}일 < 기준 ${formatCount(min)}일` } : { value };
    },
  };
}

function compileClosurePlanned(c: Extract<Criterion, { type: 'closurePlanned' }>, base: Base): RawCriterion {
  const within = c.withinMonths;
  const planTri = (ctx: EvalContext): Tri => bool(ctx.facts.closurePlanned, MET);
  /** The date part: not passed on the reference date, and within `within` months of it when given. */
  const dateTri = (ctx: EvalContext): Tri => {
    const p = ctx.facts.plannedClosureOn;
    const day = p == null ? null : dayOf(p);
    if (day === null) return UNKNOWN;
    if (day < ctx.refDay) return NOT_MET;
    return within === undefined || day <= addMonthsDay(ctx.ref, within) ? MET : NOT_MET;
  };
  return {
    ...base,
    reads: FACT_BIT.closurePlanned | FACT_BIT.plannedClosureOn,
    v: (ctx) => {
      const a = planTri(ctx);
      const b = dateTri(ctx);
      return a < b ? a : b;
    },
    need: (ctx) => (planTri(ctx) === UNKNOWN ? FACT_BIT.closurePlanned : 0) | (dateTri(ctx) === UNKNOWN ? FACT_BIT.plannedClosureOn : 0),
    describe: (ctx, v) => {
      const f = ctx.facts;
      if (f.closurePlanned === false) return { value: '폐업 예정 없음', gap: '폐업 예정 없음' };
      const p = f.plannedClosureOn;
      if (p == null) return { value: f.closurePlanned ? '폐업 예정 (예정일 정보 없음)' : unknownText('폐업 예정 여부') };
      const pd = dayOf(p);
      if (pd === null) return { value: `폐업 예정일 ${p} — 날짜 형식 오류` };
      const value = `${f.closurePlanned == null ? '폐업 예정 여부 정보 없음, ' : ''}폐업 예정일 ${p}`;
      if (v !== NOT_MET) return { value };
      if (pd < ctx.refDay) return { value, gap: `폐업 예정일 ${p}이 지남 — 폐업 여부 확인` };
      return { value, gap: `폐업 예정일 ${p}까지 ${formatMonthsKo(within!)} 넘게 남음 — ${earliestWithin(p, within!)}부터 신청 가능` };
    },
    changes: (ctx, out) => {
      const p = ctx.facts.plannedClosureOn;
      if (p == null || dayOf(p) === null) return;
      const next = addDays(p, 1);
      pushIfFuture(ctx, out, next, `폐업 예정일(${p})이 지난 ${next}`);
      if (within !== undefined) {
        const d = earliestWithin(p, within);
        pushIfFuture(ctx, out, d, `폐업 예정일이 ${formatMonthsKo(within)} 이내가 되는 ${d}`);
      }
    },
  };
}

/** The first reference date on which `planned` is within `months` months (planned ≤ ref + months). */
export function earliestWithin(planned: IsoDate, months: number): IsoDate {
  // ref + months is monotonic in ref and clamping moves it by at most 3 days: start from the
  // month-arithmetic guess and step forward to the first day that qualifies.
  let d = addMonthsClamped(planned, -months);
  while (addMonthsClamped(d, months) < planned) d = addDays(d, 1);
  return d;
}

function compileRevenueDecline(c: Extract<Criterion, { type: 'revenueDecline' }>, base: Base): RawCriterion {
  const pct = c.minPercent;
  const declined = (cur: number, prev: number): boolean => prev > 0 && cur < prev && cur * 100 <= prev * (100 - pct);
  const years = (ctx: EvalContext): [string, string] => {
    const y = ctx.facts.annualRevenueYear;
    return y == null ? ['최근 연도', '전년도'] : [`${y}년`, `${y - 1}년`];
  };
  return {
    ...base,
    reads: FACT_BIT.annualRevenue | FACT_BIT.previousAnnualRevenue,
    v: (ctx) => {
      const cur = ctx.facts.annualRevenue;
      const prev = ctx.facts.previousAnnualRevenue;
      if (cur == null || prev == null) return UNKNOWN;
      return declined(cur, prev) ? MET : NOT_MET;
    },
    need: (ctx) => (ctx.facts.annualRevenue == null ? FACT_BIT.annualRevenue : 0) | (ctx.facts.previousAnnualRevenue == null ? FACT_BIT.previousAnnualRevenue : 0),
    describe: (ctx, v) => {
      const cur = ctx.facts.annualRevenue;
      const prev = ctx.facts.previousAnnualRevenue;
      const [y1, y0] = years(ctx);
      const remarks = ctx.facts.annualRevenueYear == null ? ['매출 기준 연도 정보 없음 — 공고가 비교하는 연도와 같은지 확인'] : undefined;
      if (cur == null || prev == null) {
        const parts = [cur == null ? unknownText(`${y1} 매출`) : `${y1} 매출 ${formatKrw(cur)}`, prev == null ? unknownText(`${y0} 매출`) : `${y0} 매출 ${formatKrw(prev)}`];
        return { value: parts.join(', '), remarks };
      }
      const change = prev > 0 ? `${Math.round((Math.abs(prev - cur) / prev) * 1000) / 10}% ${cur <= prev ? '감소' : '증가'}` : '전년 매출 0원';
      const value = `${y1} 매출 ${formatKrw(cur)}, ${y0} ${formatKrw(prev)} (${change})`;
      if (v !== NOT_MET) return { value, remarks };
      const gap = prev === 0 ? `${y0} 매출 0원 — 감소율을 셀 수 없음` : cur >= prev ? `매출 감소 없음 (${change})` : `매출 ${change} < 기준 ${formatCount(pct)}%`;
      return { value, gap, remarks };
    },
  };
}

// ── Memo layer and sharing ────────────────────────────────────────────────────────────────────
/**
 * Wraps a criterion with per-context memos. Criteria are pure functions of (facts, reference date),
 * so remembering the answer for the context last asked changes nothing but speed. Two slots: a
 * catalogue evaluation alternates between today's context and "what if on date X" contexts.
 * Memos are keyed by `ctx.id` (a number). They hold the last answer (and, after an explanation,
 * its words) only until the next business is evaluated — in process memory, never written anywhere.
 */
export function compileCriterion(c: Criterion): CompiledCriterion {
  const raw = compileRaw(c);
  const rawV = raw.v;
  let idA = -1;
  let vA: Tri = UNKNOWN;
  let idB = -1;
  let vB: Tri = UNKNOWN;
  const v = (ctx: EvalContext): Tri => {
    const id = ctx.id;
    if (id === idA) return vA;
    if (id === idB) {
      // promote B so that the context used most recently stays
      const t = vB;
      idB = idA;
      vB = vA;
      idA = id;
      vA = t;
      return t;
    }
    const r = rawV(ctx);
    idB = idA;
    vB = vA;
    idA = id;
    vA = r;
    return r;
  };
  let coreId = -1;
  let coreVal: LeafCore | undefined;
  const core = (ctx: EvalContext): LeafCore => {
    if (ctx.id === coreId && coreVal) return coreVal;
    const t = v(ctx);
    const d = raw.describe(ctx, t);
    const needs = t === UNKNOWN ? factsOfMask(raw.need(ctx)) : [];
    const gap = t === MET ? undefined : d.gap;
    let text = `${raw.ruleText} — ${d.value}: ${STATUS_KO[t]}`;
    if (t === UNKNOWN && needs.length) text += ` (필요한 정보: ${needs.map((f) => FACT_LABELS[f]).join(', ')})`;
    // A region's gap only says the value again ("사업장 … — 대상 지역 아님"): the line already does.
    else if (gap && c.type !== 'region') text += ` (${gap})`;
    if (c.note) text += ` · 공고 문구: "${c.note}"`;
    if (c.source) text += ` · 출처: ${c.source}`;
    if (d.remarks?.length) text += ` · ${d.remarks.join(' · ')}`;
    coreVal = { v: t, text, value: d.value, gap, remarks: d.remarks?.length ? d.remarks : undefined, needs };
    coreId = ctx.id;
    return coreVal;
  };
  const rawChanges = raw.changes;
  let chId = -1;
  let chVal: TimeCandidate[] = [];
  const timeChanges = rawChanges
    ? (ctx: EvalContext): readonly TimeCandidate[] => {
        if (ctx.id !== chId) {
          chVal = [];
          rawChanges(ctx, chVal);
          chVal.sort((a, b) => a.day - b.day);
          chId = ctx.id;
        }
        return chVal;
      }
    : undefined;
  return { ...raw, v, core, ...(timeChanges ? { timeChanges } : {}) };
}

const SHARED = new Map<string, CompiledCriterion>();
/** Bound on the shared table: beyond it criteria are compiled unshared (same answers, less reuse). */
export const SHARED_CRITERIA_MAX = 20_000;

/**
 * The compiled criterion for `c`, shared by every programme that states the same criterion (same
 * JSON, including note and source): a catalogue repeats "경기도", "표준 제외 업종", "지방세 체납 없음"
 * hundreds of times, and each is then evaluated once per business.
 */
export function sharedCriterion(c: Criterion): CompiledCriterion {
  const key = JSON.stringify(c);
  let hit = SHARED.get(key);
  if (!hit) {
    hit = compileCriterion(c);
    if (SHARED.size < SHARED_CRITERIA_MAX) SHARED.set(key, hit);
  }
  return hit;
}
