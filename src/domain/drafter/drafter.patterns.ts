/**
 * The drafter's patterns: each reads one line of a notice and returns candidate criteria ("hits")
 * with their exact spans. Deterministic regular expressions over the normalised line; no model, no
 * dictionary beyond the tables named here, so every criterion can be explained by its pattern name.
 *
 * How notices phrase conditions (read from 소상공인시장진흥공단, 경기도·경상원, 시·군, K-Startup and 보조금24
 * notices; the development set test/fixtures/drafter/eligibility-texts.ts imitates them):
 * - a heading (지원대상 / 신청자격 / 지원제외 / 보증 제한 …) says whether the items below are required or
 *   excluded; "…는 제외", "다만 … 제외" flip one clause; "단, …" limits it;
 * - thresholds are written "연매출 3억원 이하", "상시근로자 5인 미만", "업력 3년 이상", "만 39세 이하";
 * - exclusions name classes: 휴·폐업자, 국세·지방세 체납자, 금융기관 연체자, 유흥·사행 업종, 최근 N년 이내 수혜자.
 */
import { SIDO } from '../catalog/catalog.region.ts';
import { findDocumentType } from '../documents/document-types.ts';
import { KSIC_SECTIONS } from '../eligibility/eligibility.reference.ts';
import { GYEONGGI_MUNICIPALITIES } from '../places.ts';
import {
  AMOUNT_SOURCE,
  COMPARATOR_SOURCE,
  DATE_SOURCE,
  PERIOD_SOURCE,
  addDays,
  negate,
  parseAmount,
  parseComparator,
  parseDate,
  parsePeriodMonths,
  type Comparator,
  type Mode,
} from './drafter.text.ts';

/** A criterion as a plain object (types that the schema does not know yet are dropped later). */
export type RawCriterion = { readonly type: string } & Record<string, unknown>;

export type Polarity = 'include' | 'exclude';
/**
 * How far a following "…제외" reaches back: an `item` (a class such as 유흥주점, 체납자) is flipped by a
 * 제외 at the end of its comma list; a `target` or `threshold` ("연매출 3억원 이하 소상공인, 유흥업소 제외")
 * only by one in its own comma-separated clause.
 */
export type Clause = 'item' | 'target' | 'threshold';

export interface Hit {
  start: number;
  end: number;
  criterion: RawCriterion;
  confidence: number;
  pattern: string;
  /** Hits inside a consuming hit's span are dropped (the 소상공인 definition's "제조업", "담배 도매업"'s "도매업"). */
  consumes?: boolean;
}

/** What a pattern sees: the normalised line and how to read the polarity of a span in it. */
export interface LineContext {
  /** Normalised full text (same offsets as the input). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly mode: Mode;
  readonly heading?: string;
  /** Polarity of the span [s, e): the line's mode, flipped by a "…제외" that follows in its clause. */
  polarity(s: number, e: number, clause: Clause): Polarity;
  /** The line text after `e` up to the line end (for "단, 분납 …" look-ahead). */
  after(e: number): string;
}

type Pattern = (ctx: LineContext) => Hit[];

/** Iterate a global regex over the line; `m.index` made absolute. */
function* scan(ctx: LineContext, re: RegExp): Generator<{ m: RegExpExecArray; s: number; e: number }> {
  const line = ctx.text.slice(ctx.start, ctx.end);
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    yield { m, s: ctx.start + m.index, e: ctx.start + m.index + m[0].length };
  }
}

function hit(s: number, e: number, criterion: RawCriterion, confidence: number, pattern: string, consumes = false): Hit {
  return { start: s, end: e, criterion, confidence, pattern, ...(consumes ? { consumes } : {}) };
}

const isHangul = (ch: string | undefined) => ch !== undefined && /[가-힣]/.test(ch);

// ── Region ───────────────────────────────────────────────────────────────────────────────────
interface Place {
  readonly name: string;
  readonly sido?: string;
  readonly municipality?: string;
  readonly confidence: number;
}

const PLACES: readonly Place[] = (() => {
  const out: Place[] = [];
  for (const s of SIDO) for (const n of s.names) out.push({ name: n, sido: s.code, confidence: n.length <= 2 ? 0.85 : 0.9 });
  for (const m of GYEONGGI_MUNICIPALITIES) {
    for (const q of ['경기도 ', '경기도', '경기 ']) out.push({ name: `${q}${m.name}`, municipality: m.code, confidence: 0.95 });
    // "광주시" alone is read as 광주광역시 by most readers (catalog.region.ts): only the qualified forms.
    if (m.code !== '41610') out.push({ name: m.name, municipality: m.code, confidence: 0.9 });
  }
  return out.sort((a, b) => b.name.length - a.name.length);
})();
const PLACE_BY_NAME = new Map(PLACES.map((p) => [p.name, p]));
const PLACE_RE = new RegExp(PLACES.map((p) => p.name.replace(/\s/g, '\\s*')).join('|'), 'g');
/** What follows a place when it is where the business must be: "경기도 내", "수원시 소재", "…에 사업장". */
const LOCATIVE =
  /^\s*(?:내(?![용역])|관내|소재|지역\s*(?:내|소재)?|에\s*(?:소재|위치|사업장|사업자\s*등록|주소|주민\s*등록|거주|본사|공장|점포|사업\s*장소)|에서\s*(?:영업|사업)|(?:에서|에)\s*\d|소상공인|중소기업|기업|점포|업체|사업장|사업자|거주|인\s)/;

const region: Pattern = (ctx) => {
  const out: Hit[] = [];
  const places: { s: number; e: number; p: Place }[] = [];
  for (const { m, s, e } of scan(ctx, PLACE_RE)) {
    if (isHangul(ctx.text[s - 1])) continue; // "남양주시" is not "양주시"
    const p = PLACE_BY_NAME.get(m[0].replace(/\s+/g, (w) => (w ? ' ' : ''))) ?? PLACE_BY_NAME.get(m[0].replace(/\s+/g, ''));
    if (!p) continue;
    places.push({ s, e, p });
  }
  // Runs of places joined by , · 및 또는 ("수원시, 용인시 소재") and "경기도 수원시" read together.
  let i = 0;
  while (i < places.length) {
    let j = i;
    while (j + 1 < places.length && /^\s*(?:[,·/]|및|또는|,?\s*)\s*$/.test(ctx.text.slice(places[j]!.e, places[j + 1]!.s))) j++;
    const run = places.slice(i, j + 1);
    i = j + 1;
    const last = run[run.length - 1]!;
    const tail = ctx.text.slice(last.e, ctx.end);
    const loc = LOCATIVE.exec(tail);
    const before = ctx.text.slice(Math.max(ctx.start, run[0]!.s - 12), run[0]!.s);
    const afterLabel = /소재지\s*(?:가|는|:)?\s*$|사업장\s*(?:소재지|주소지?)\s*(?:가|는|:)?\s*$/.test(before);
    if (!loc && !afterLabel) continue;
    if (ctx.polarity(run[0]!.s, last.e, 'target') === 'exclude') continue;
    const municipalities = [...new Set(run.map((r) => r.p.municipality).filter((x): x is string => !!x))].sort();
    const sido = [...new Set(run.map((r) => r.p.sido).filter((x): x is string => !!x))]
      // "경기도 수원시": the 시·군 narrows its own 시·도.
      .filter((code) => !municipalities.some((m) => m.startsWith(code)))
      .sort();
    const c: Record<string, unknown> = { type: 'region' };
    if (sido.length) c.sido = sido;
    if (municipalities.length) c.municipalities = municipalities;
    const locEnd = loc ? last.e + loc[0].trimEnd().length : last.e;
    // "경기도 소상공인" (a target named after its province) is less sure than "경기도 내 사업장".
    const weak = loc !== null && /^\s*(?:소상공인|중소기업|기업|업체|점포)/.test(loc[0]);
    const conf = Math.min(...run.map((r) => r.p.confidence)) - (weak ? 0.15 : 0);
    out.push(hit(run[0]!.s, locEnd, c as RawCriterion, conf, 'region.place'));
  }
  return out;
};

// ── Thresholds ───────────────────────────────────────────────────────────────────────────────
/** KRW and whole years are integers: "N 미만" is "≤ N − 1", "N 초과" is "≥ N + 1". */
function bound(c: Comparator, n: number): { min?: number; max?: number } {
  switch (c) {
    case 'ge':
      return { min: n };
    case 'gt':
      return { min: n + 1 };
    case 'le':
      return { max: n };
    case 'lt':
      return { max: n - 1 };
  }
}

const REVENUE_RE = new RegExp(`(${AMOUNT_SOURCE})\\s*(${COMPARATOR_SOURCE})`, 'g');

const revenue: Pattern = (ctx) => {
  const out: Hit[] = [];
  let prev: Hit | undefined;
  for (const { m, s, e } of scan(ctx, REVENUE_RE)) {
    const amount = parseAmount(m[1]!);
    const cmp = parseComparator(m[2]!);
    if (amount === undefined || !cmp) continue;
    // The trigger: 매출 before the amount in the same clause (no comma, no other amount between) —
    // "연매출 3억원 이하", "직전년도 매출액 100억원 미만"; or the second half of a range right after one.
    const chained = prev !== undefined && /^\s*(?:,|~|-)?\s*$/.test(ctx.text.slice(prev.end, s));
    let from = s;
    if (!chained) {
      const window = ctx.text.slice(Math.max(ctx.start, s - 30), s);
      const at = window.lastIndexOf('매출');
      if (at < 0) continue;
      const between = window.slice(at + 2);
      if (/[,;]|\d|감소|증가|대비/.test(between)) continue;
      from = s - window.length + at;
      // "연매출", "연 매출액": the 연 belongs to the span.
      if (ctx.text[from - 1] === '연' && from - 1 >= ctx.start) from -= 1;
      else if (ctx.text[from - 1] === ' ' && ctx.text[from - 2] === '연' && from - 2 >= ctx.start) from -= 2;
    }
    const pol = ctx.polarity(s, e, 'threshold');
    const b = bound(pol === 'exclude' ? negate(cmp) : cmp, amount);
    if (chained && prev) {
      Object.assign(prev.criterion, b);
      prev.end = e;
      continue;
    }
    const h = hit(from, e, { type: 'revenue', ...b }, 0.9, 'revenue.amount');
    out.push(h);
    prev = h;
  }
  return out.filter((h) => {
    const c = h.criterion as { min?: number; max?: number };
    return (c.min === undefined || c.min >= 0) && (c.max === undefined || c.max >= 0) && !(c.min !== undefined && c.max !== undefined && c.min > c.max);
  });
};

const WORKER_TRIGGER = String.raw`(?:상시\s*근로자|상시\s*종업원|근로자|종업원|종사자|직원|고용\s*인원)(?:\s*수)?\s*(?:가|이|는)?\s*`;
const WORKERS_RE = new RegExp(`${WORKER_TRIGGER}(\\d+)\\s*(?:인|명)\\s*(${COMPARATOR_SOURCE})`, 'g');
const WORKERS_BARE_RE = new RegExp(`(\\d+)\\s*인\\s*(미만|이하)\\s*(?:의\\s*)?(?=사업장|사업체|기업|업체|소상공인|소기업|사업주|제조)`, 'g');
/** The 소상공인 definition (소상공인기본법 시행령 제2조): "5인 미만 (제조업·건설업·운수업·광업은 10인 미만)". */
const SMALL_BUSINESS_DEF_RE = new RegExp(
  `(?:${WORKER_TRIGGER})?5\\s*(?:인|명)\\s*미만[^\\n]{0,40}?10\\s*(?:인|명)\\s*미만\\)?`,
  'g',
);

function workerBounds(cmp: Comparator, n: number): { min?: number; maxExclusive?: number } {
  switch (cmp) {
    case 'lt':
      return { maxExclusive: n };
    case 'le':
      return { maxExclusive: n + 1 };
    case 'ge':
      return { min: n };
    case 'gt':
      return { min: n + 1 };
  }
}

const workers: Pattern = (ctx) => {
  const out: Hit[] = [];
  for (const { m, s, e } of scan(ctx, SMALL_BUSINESS_DEF_RE)) {
    if (!/제조|건설|운수|광업/.test(m[0])) continue;
    if (ctx.polarity(s, e, 'target') === 'exclude') continue;
    out.push(hit(s, e, { type: 'smallBusiness' }, 0.9, 'smallBusiness.definition', true));
  }
  const taken = (s: number) => out.some((h) => s >= h.start && s < h.end);
  for (const re of [WORKERS_RE, WORKERS_BARE_RE]) {
    for (const { m, s, e } of scan(ctx, re)) {
      if (taken(s)) continue;
      const n = Number(m[1]);
      const cmp = parseComparator(m[2]!);
      if (!cmp) continue;
      const pol = ctx.polarity(s, e, 'threshold');
      const b = workerBounds(pol === 'exclude' ? negate(cmp) : cmp, n);
      if (b.maxExclusive !== undefined && b.maxExclusive <= 0) continue;
      out.push(hit(s, e, { type: 'workers', ...b }, re === WORKERS_RE ? 0.95 : 0.75, re === WORKERS_RE ? 'workers.count' : 'workers.bare'));
    }
  }
  for (const { s, e } of scan(ctx, /1인\s*(?:자영업자|사업자|소상공인|기업)|근로자를\s*(?:고용하지\s*않은|두지\s*않은)|근로자가\s*없는/g)) {
    if (taken(s) || ctx.polarity(s, e, 'target') === 'exclude') continue;
    out.push(hit(s, e, { type: 'workers', maxExclusive: 1 }, 0.75, 'workers.solo'));
  }
  return out;
};

const AGE_TRIGGER = String.raw`(?:업력|재창업\s*후|창업\s*(?:후|한\s*지|일로부터|일부터)?|개업\s*(?:후|한\s*지|일로부터|일부터)?|설립\s*(?:후|일로부터)?|영업\s*(?:신고\s*)?후|사업\s*개시일?\s*(?:로부터|부터|후)?|사업자\s*등록일?\s*(?:기준|로부터|부터|후)?)`;
const AGE_RE = new RegExp(`${AGE_TRIGGER}[^\\n,\\d폐]{0,24}?(${PERIOD_SOURCE})\\s*(${COMPARATOR_SOURCE})(?:\\s*(${PERIOD_SOURCE})\\s*(${COMPARATOR_SOURCE}))?`, 'g');
/** "사업 개시일로부터 3년이 지나지 않은", "개업 후 1년이 경과한". */
const AGE_ELAPSED_RE = new RegExp(`${AGE_TRIGGER}[^\\n,\\d폐]{0,24}?(${PERIOD_SOURCE})\\s*(?:이|가)\\s*(지나지\\s*않|경과하지\\s*않|되지\\s*않|안\\s*된|경과한|경과된|지난)`, 'g');
const AGE_OPERATING_RE = new RegExp(`(${PERIOD_SOURCE})\\s*(이상)\\s*(?:계속\\s*)?(?=영업|사업을?\\s*영위|사업자를\\s*영위|운영)`, 'g');
const AGE_HEADING_RE = new RegExp(`^[^\\n\\d]{0,16}?(${PERIOD_SOURCE})\\s*(${COMPARATOR_SOURCE})(?:\\s*(${PERIOD_SOURCE})\\s*(${COMPARATOR_SOURCE}))?`, 'g');

function ageBounds(cmp: Comparator, months: number): { minMonths?: number; maxMonths?: number } {
  // Whole months (eligibility.dates.ts): "3년 이내/미만/이하" → maxMonths 36 (age < 36 months);
  // "1년 초과" reads as ≥ 12 months — a day's difference the clerk sees in the explanation.
  return cmp === 'ge' || cmp === 'gt' ? { minMonths: months } : { maxMonths: months };
}

const businessAge: Pattern = (ctx) => {
  const out: Hit[] = [];
  const add = (s: number, e: number, parts: [string | undefined, string | undefined][], conf: number, pattern: string) => {
    const pol = ctx.polarity(s, e, 'threshold');
    const c: { minMonths?: number; maxMonths?: number } = {};
    for (const [p, w] of parts) {
      if (!p || !w) continue;
      const months = parsePeriodMonths(p);
      const cmp = parseComparator(w);
      if (months === undefined || !cmp) return;
      Object.assign(c, ageBounds(pol === 'exclude' ? negate(cmp) : cmp, months));
    }
    if (c.maxMonths !== undefined && c.maxMonths <= 0) return;
    if (c.minMonths !== undefined && c.maxMonths !== undefined && c.minMonths >= c.maxMonths) return;
    if (c.minMonths === 0 && c.maxMonths === undefined) return;
    if (out.some((h) => s < h.end && e > h.start)) return;
    out.push(hit(s, e, { type: 'businessAge', ...c }, conf, pattern));
  };
  for (const { m, s, e } of scan(ctx, AGE_RE)) {
    // The span starts at the LAST trigger before the period: "예비창업자 또는 창업 3년 이내" → "창업 3년 이내".
    const head = m[0].slice(0, m[0].indexOf(m[1]!));
    let at = 0;
    for (const t of head.matchAll(new RegExp(AGE_TRIGGER, 'g'))) at = t.index;
    add(s + at, e, [[m[1], m[2]], [m[3], m[4]]], 0.9, 'businessAge.trigger');
  }
  for (const { m, s, e } of scan(ctx, AGE_ELAPSED_RE)) {
    const head = m[0].slice(0, m[0].indexOf(m[1]!));
    let at = 0;
    for (const t of head.matchAll(new RegExp(AGE_TRIGGER, 'g'))) at = t.index;
    add(s + at, e, [[m[1], /않|안/.test(m[2]!) ? '미만' : '이상']], 0.85, 'businessAge.elapsed');
  }
  for (const { m, s, e } of scan(ctx, AGE_OPERATING_RE)) add(s, e, [[m[1], m[2]]], 0.85, 'businessAge.operating');
  if (ctx.heading && /업력/.test(ctx.heading)) {
    for (const { m, s, e } of scan(ctx, AGE_HEADING_RE)) add(s, e, [[m[1], m[2]], [m[3], m[4]]], 0.85, 'businessAge.heading');
  }
  return out;
};

const OWNER_AGE_RE = new RegExp(`(만\\s*)?(\\d{2})\\s*세\\s*(${COMPARATOR_SOURCE})(?:\\s*(?:,|~)?\\s*(?:만\\s*)?(\\d{2})\\s*세\\s*(${COMPARATOR_SOURCE}))?`, 'g');
const OWNER_AGE_RANGE_RE = /(만\s*)?(\d{2})\s*세?\s*~\s*(?:만\s*)?(\d{2})\s*세/g;

const ownerAge: Pattern = (ctx) => {
  const out: Hit[] = [];
  const ok = (s: number, e: number) => {
    // "만 39세 이하 우대" is a bonus, not a condition.
    const tail = ctx.text.slice(e, Math.min(ctx.end, e + 8));
    if (/^\s*(?:자\s*)?(?:우대|가점|우선)/.test(tail)) return false;
    return !out.some((h) => s < h.end && e > h.start);
  };
  for (const { m, s, e } of scan(ctx, OWNER_AGE_RANGE_RE)) {
    if (!ok(s, e)) continue;
    const min = Number(m[2]);
    const max = Number(m[3]);
    if (min > max) continue;
    out.push(hit(s, e, { type: 'ownerAge', min, max }, m[1] ? 0.95 : 0.8, 'ownerAge.range'));
  }
  for (const { m, s, e } of scan(ctx, OWNER_AGE_RE)) {
    if (!ok(s, e)) continue;
    const pol = ctx.polarity(s, e, 'threshold');
    const c: { min?: number; max?: number } = {};
    for (const [n, w] of [
      [m[2], m[3]],
      [m[4], m[5]],
    ] as const) {
      if (!n || !w) continue;
      const cmp = parseComparator(w);
      if (!cmp) continue;
      Object.assign(c, bound(pol === 'exclude' ? negate(cmp) : cmp, Number(n)));
    }
    if (c.max !== undefined && c.max <= 0) continue;
    if (c.min !== undefined && c.max !== undefined && c.min > c.max) continue;
    if (c.min === undefined && c.max === undefined) continue;
    const context = /대표|청년|신청자|창업자|연령|나이|중장년|사업주/.test(ctx.text.slice(Math.max(ctx.start, s - 12), Math.min(ctx.end, e + 8)));
    out.push(hit(s, e, { type: 'ownerAge', ...c }, m[1] ? 0.95 : context ? 0.85 : 0.6, 'ownerAge.years'));
  }
  return out;
};

// ── Targets (read only where the line is about who may apply) ────────────────────────────────
function targets(re: RegExp, make: (m: RegExpExecArray) => RawCriterion | undefined, confidence: number, pattern: string, consumes = false): Pattern {
  return (ctx) => {
    const out: Hit[] = [];
    for (const { m, s, e } of scan(ctx, re)) {
      if (ctx.polarity(s, e, 'target') === 'exclude') continue;
      // "(예비창업자 포함)", "예비창업자도 신청 가능": an alternative admitted, not a condition.
      if (/^\s*(?:도|을|를)?\s*(?:포함|신청\s*가능|참여\s*가능|가능)/.test(ctx.text.slice(e, Math.min(ctx.end, e + 10)))) continue;
      const c = make(m);
      if (c) out.push(hit(s, e, c, confidence, pattern, consumes));
    }
    return out;
  };
}

/** Inside 「…」 (a law's or a list's title), a word names the document, not the applicant. */
function insideTitle(ctx: LineContext, s: number): boolean {
  const before = ctx.text.slice(ctx.start, s);
  return before.lastIndexOf('「') > before.lastIndexOf('」');
}

const smallBusiness: Pattern = (ctx) =>
  targets(/소상공인(?!\s*(?:확인서|정책\s*자금|시장\s*진흥|진흥|기본법|지원\s*센터|24|공제|방송|전용))/g, () => ({ type: 'smallBusiness' }), 0.8, 'smallBusiness.word')(ctx).filter(
    (h) => !insideTitle(ctx, h.start),
  );

const active = targets(
  /영업\s*중|영업하고\s*있|사업을?\s*영위\s*(?:중|하고\s*있)|(?:사업장을?|점포를?|업소를?)?\s*운영\s*중|계속\s*사업자|정상\s*영업/g,
  () => ({ type: 'operatingStatus', allowed: ['active'] }),
  0.85,
  'operatingStatus.active',
);

const preparing = targets(
  /예비\s*창업자|창업\s*예정자?|사업자\s*등록(?:\([^)\n]*\))?\s*(?:이|을)?\s*(?:없는|하지\s*않은)|사업자\s*미등록자/g,
  () => ({ type: 'operatingStatus', allowed: ['preparing'] }),
  0.85,
  'operatingStatus.preparing',
);

/** 휴·폐업 named in an exclusion: what is left is allowed. */
const closedOrSuspended: Pattern = (ctx) => {
  const out: Hit[] = [];
  const re = /휴\s*·?\s*폐업|휴업\s*(?:[·,/]|및|또는|중이거나|이거나|하거나|하였거나)\s*폐업|휴\s*폐업|휴업(?!\s*수당)|폐업\s*(?:중|한|자|업체|기업|사업자|사업체|점포|업소)/g;
  for (const { m, s, e } of scan(ctx, re)) {
    if (ctx.polarity(s, e, 'item') !== 'exclude') continue;
    const both = /휴/.test(m[0]) && /폐/.test(m[0]);
    const allowed = both ? ['preparing', 'active'] : /휴/.test(m[0]) ? ['preparing', 'active', 'closed'] : ['preparing', 'active', 'suspended'];
    out.push(hit(s, e, { type: 'operatingStatus', allowed }, both ? 0.9 : 0.8, 'operatingStatus.excluded'));
  }
  return out;
};

const TAX_WORD = '(?:국세|지방세|세금|조세|제세|국\\s*·\\s*지방세)';
const TAX_RE = new RegExp(`(${TAX_WORD}(?:\\s*(?:[·,/]|및|또는|나|이나|와|과|혹은)\\s*${TAX_WORD})*)?\\s*(?:를|을|의|등)?\\s*(?:체납|미납|완납)(?!\\s*처분)(?:자|\\s*중인\\s*자|\\s*(?:기업|업체|사업체|사업자|점포))?`, 'g');
const DEFERRAL = /분납|징수\s*유예|체납\s*처분\s*유예|납부\s*유예|유예\s*승인|유예를?\s*받/;

const noTaxArrears: Pattern = (ctx) => {
  const out: Hit[] = [];
  for (const { m, s, e } of scan(ctx, TAX_RE)) {
    const pol = ctx.polarity(s, e, 'item');
    const paid = /완납/.test(m[0]);
    if (pol !== 'exclude' && !paid && !/^\s*(?:이|사실이|사실)?\s*없/.test(ctx.after(e))) continue;
    if (pol === 'exclude' && paid) continue;
    const words = m[1] ?? '';
    const kinds: string[] = [];
    if (/국세|국\s*·/.test(words)) kinds.push('national');
    if (/지방세/.test(words)) kinds.push('local');
    const named = kinds.length > 0;
    if (!named) kinds.push('national', 'local');
    const allowDeferral = DEFERRAL.test(ctx.after(e));
    out.push(hit(s, e, { type: 'noTaxArrears', kinds, allowDeferral }, named ? 0.95 : 0.85, 'noTaxArrears'));
  }
  return out;
};

const noCreditDelinquency: Pattern = (ctx) => {
  const out: Hit[] = [];
  const re = /(?:금융\s*기관\s*(?:등)?\s*(?:으로부터|에|의)?\s*|금융\s*)?(?:연체|채무\s*불이행|신용\s*불량|불량\s*거래처|신용\s*(?:정보\s*)?관리\s*대상)(?:자|\s*중인\s*자|\s*중|\s*(?:기업|업체))?/g;
  for (const { s, e } of scan(ctx, re)) {
    const pol = ctx.polarity(s, e, 'item');
    if (pol !== 'exclude' && !/^\s*(?:이|사실이|가)?\s*없/.test(ctx.after(e))) continue;
    out.push(hit(s, e, { type: 'noCreditDelinquency' }, 0.9, 'noCreditDelinquency'));
  }
  return out;
};

const ownerGender = targets(
  /여성\s*(?:대표자?|소상공인|창업자|기업인|사업주|경영인|1인)|대표자?\s*(?:가|이)?\s*여성(?!기업)/g,
  () => ({ type: 'ownerGender', gender: 'female' }),
  0.85,
  'ownerGender',
);

const ownerDisabled = targets(
  /「?장애인\s*복지법」?\s*(?:에\s*따른|상의?)\s*장애인|장애인\s*(?:대표자?|소상공인|창업자|사업주|기업인)|대표자?\s*(?:가|이)?\s*장애인(?!\s*기업)/g,
  () => ({ type: 'ownerDisabled' }),
  0.85,
  'ownerDisabled',
);

const ownerVeteran = targets(/국가\s*보훈\s*대상자|보훈\s*대상자|국가\s*유공자|독립\s*유공자/g, () => ({ type: 'ownerVeteran' }), 0.85, 'ownerVeteran');

const premises: Pattern = (ctx) => {
  const out: Hit[] = [];
  for (const { s, e } of scan(ctx, /임차\s*(?:점포|사업장|건물|매장|상가)|임차한\s*(?:점포|사업장|건물)?|임차\s*중/g)) {
    if (ctx.polarity(s, e, 'item') === 'exclude') continue;
    out.push(hit(s, e, { type: 'premises', allowed: ['leased'] }, 0.8, 'premises.leased'));
  }
  for (const { s, e } of scan(ctx, /자가\s*(?:건물|소유|사업장|점포)|자기\s*소유|무상\s*임대|소유\s*건물/g)) {
    if (ctx.polarity(s, e, 'item') !== 'exclude') continue;
    out.push(hit(s, e, { type: 'premises', allowed: ['leased'] }, 0.8, 'premises.ownedExcluded'));
  }
  return out;
};

const mailOrder = targets(/통신\s*판매업\s*(?:신고|등록)/g, () => ({ type: 'mailOrderRegistered' }), 0.9, 'mailOrderRegistered');

const noPriorReceipt: Pattern = (ctx) => {
  const out: Hit[] = [];
  const re = /(최근\s*(\d+)\s*년\s*(?:이내|간|동안|내)?|(?:직전|전|당해|금|올|동일)\s*[년연]도?|작년)(?:\s*\([^)\n]*\))?[^\n,;]{0,40}?(?:지원|수혜|선정|참여|참가)(?:을|를)?\s*(?:받은|받았던|된|한|자|업체|기업|점포|사업체)?/g;
  for (const { m, s, e } of scan(ctx, re)) {
    if (ctx.polarity(s, e, 'item') !== 'exclude') continue;
    // "최근 1년 이내 폐업한" is a closure, not a receipt.
    if (/폐업|개업|창업\s*(?:한|후|일)/.test(m[0])) continue;
    const years = m[2] !== undefined ? Number(m[2]) : 1;
    if (years <= 0) continue;
    out.push(hit(s, e, { type: 'noPriorReceipt', years }, m[2] !== undefined ? 0.85 : 0.7, 'noPriorReceipt', true));
  }
  return out;
};

const DOCUMENTS: readonly [RegExp, string][] = [
  [/소상공인\s*확인서/g, 'small_business_cert'],
  [/여성\s*기업\s*확인서/g, 'women_business_cert'],
  [/장애인\s*기업\s*확인서/g, 'disabled_business_cert'],
  [/벤처\s*기업\s*확인서/g, 'venture_business_cert'],
  [/착한\s*가격\s*업소/g, 'good_price_store_designation'],
];

const documentValid: Pattern = (ctx) => {
  const out: Hit[] = [];
  if (ctx.mode === 'skip') return out;
  for (const [re, code] of DOCUMENTS) {
    // Only document types the catalogue knows (the table grows: criteria added 벤처·착한가격업소).
    if (!findDocumentType(code)) continue;
    for (const { s, e } of scan(ctx, re)) {
      if (ctx.polarity(s, e, 'target') === 'exclude') continue;
      const around = ctx.text.slice(s, Math.min(ctx.end, e + 14));
      const before = ctx.text.slice(Math.max(ctx.start, s - 8), s);
      const held = /보유|발급|소지|있는|받은|가진|지정/.test(around) || /지정|발급/.test(before) || /^\s*(?:로서|으로서|인)/.test(ctx.text.slice(e, e + 4));
      if (!held) continue;
      out.push(hit(s, e, { type: 'documentValid', documentType: code }, 0.85, 'documentValid', true));
    }
  }
  return out;
};

const closedWithin: Pattern = (ctx) => {
  const out: Hit[] = [];
  const re = new RegExp(`(?:최근|폐업\\s*후|폐업일\\s*(?:로부터|부터|기준)|폐업한\\s*지)\\s*(${PERIOD_SOURCE})\\s*(?:이내|미만|내)(?:\\s*에)?(?:\\s*폐업(?:한|자)?)?`, 'g');
  for (const { m, s, e } of scan(ctx, re)) {
    if (!/폐업/.test(m[0])) continue;
    if (ctx.polarity(s, e, 'target') === 'exclude') continue;
    const months = parsePeriodMonths(m[1]!);
    if (!months) continue;
    out.push(hit(s, e, { type: 'closedWithin', months }, 0.85, 'closedWithin'));
  }
  return out;
};

// ── Industries (KSIC) ────────────────────────────────────────────────────────────────────────
/** Named exclusion sets (eligibility.reference.ts KSIC_SETS) and the words notices use for them. */
const SET_WORDS: readonly [RegExp, string, number][] = (
  [
  [/융자\s*제외|융자\s*지원\s*제외/, 'sbiz-standard-exclusions', 0.9],
  [/유흥\s*(?:주점업?|업소|업종|업|시설)?|무도\s*(?:유흥\s*주점업?|장)|사치\s*·?\s*향락|향락/, 'entertainment-bars', 0.85],
  [/사행\s*(?:성|업|시설|산업|행위)?|도박|카지노|경마|경륜/, 'gambling', 0.85],
  [/금융\s*(?:·|및)?\s*보험업|금융업|보험업|대부업/, 'finance-insurance', 0.85],
  [/부동산\s*(?:임대\s*업?|매매\s*업?|업)/, 'real-estate', 0.85],
  [/법무|회계\s*(?:·|및)?\s*세무|세무\s*(?:업|서비스)|변호사|회계사|세무사|법무사|수의업|동물\s*병원/, 'professional-licensed', 0.8],
  [/약국|보건업|병\s*·?\s*의원|의료\s*기관/, 'health-pharmacy', 0.8],
  [/점술|역술|무속/, 'fortune-telling', 0.85],
  [/담배\s*(?:도매|유통|소매)\s*업?|담배/, 'tobacco-trade', 0.8],
  ] as const
).map(([re, set, conf]) => [new RegExp(re.source, 'g'), set, conf] as [RegExp, string, number]);
/** The same words, anchored, to tell whether a listed word is one we know ("제조업 및 지식서비스업"). */
const SET_WORDS_ANCHORED = SET_WORDS.map(([re]) => new RegExp(`^(?:${re.source})`));

const ksicSets: Pattern = (ctx) => {
  const found: Hit[] = [];
  for (const [re, set, conf] of SET_WORDS) {
    for (const { s, e } of scan(ctx, re)) {
      if (found.some((h) => s < h.end && e > h.start)) continue;
      if (ctx.polarity(s, e, 'item') !== 'exclude') continue;
      found.push(hit(s, e, { type: 'ksic', excludeSets: [set] }, conf, 'ksic.set', true));
    }
  }
  found.sort((a, b) => a.start - b.start);
  // Neighbours in one list ("유흥·사행·부동산임대업") become one criterion with one span.
  const out: Hit[] = [];
  for (const h of found) {
    const last = out[out.length - 1];
    if (last && h.start - last.end <= 12 && !/[.;]|체납|연체|휴업|폐업/.test(ctx.text.slice(last.end, h.start))) {
      const sets = last.criterion.excludeSets as string[];
      for (const x of h.criterion.excludeSets as string[]) if (!sets.includes(x)) sets.push(x);
      last.end = h.end;
      last.confidence = Math.min(last.confidence, h.confidence);
    } else out.push({ ...h, criterion: { type: 'ksic', excludeSets: [...(h.criterion.excludeSets as string[])] } });
  }
  return out;
};

/** Industry names → KSIC prefixes (10th revision). Longer names first. */
const INDUSTRIES: readonly [RegExp, readonly string[]][] = (
  [
  [/숙박\s*(?:및|·)\s*음식점업/, ['I']],
  [/일반\s*음식점/, ['561']],
  [/음식점업|음식점|외식업/, ['56']],
  [/주점업/, ['5621']],
  [/커피\s*전문점/, ['56221']],
  [/제과점(?:업|\s*영업)?/, ['56191']],
  [/숙박업/, ['55']],
  [/도\s*·?\s*소매업|도매\s*및\s*소매업/, ['G']],
  [/소매업/, ['47']],
  [/도매업/, ['46']],
  [/제조업(?:체)?|제조\s*기업/, ['C']],
  [/건설업/, ['F']],
  [/운수업/, ['H']],
  [/정보\s*통신업/, ['J']],
  [/전자\s*상거래(?:업)?/, ['47911']],
  [/(?:이\s*·?\s*)?미용업|이용업/, ['9611']],
  [/세탁업/, ['9691']],
  [/교육\s*서비스업/, ['P']],
  ] as const
).map(([re, codes]) => [new RegExp(re.source, 'g'), codes] as [RegExp, readonly string[]]);
const INDUSTRIES_EXACT = INDUSTRIES.map(([re]) => new RegExp(`^(?:${re.source})$`));

const KSIC_CODE_RE = /(?:KSIC|표준\s*산업\s*분류(?:\s*코드)?|산업\s*분류\s*코드|업종\s*코드)\s*:?\s*([A-U]?\d{2,5})(?:\s*~\s*([A-U]?\d{2,5}))?/g;

/** "C10~C33" → ['C'] when the range is a whole section, else the 2-digit divisions in it. */
function codesOf(a: string, b: string | undefined): string[] {
  const da = a.replace(/^[A-U]/, '');
  if (!b) return [da];
  const db = b.replace(/^[A-U]/, '');
  if (da.length !== 2 || db.length !== 2) return [da];
  const divisions: string[] = [];
  for (let n = Number(da); n <= Number(db); n++) divisions.push(String(n).padStart(2, '0'));
  for (const [letter, sec] of Object.entries(KSIC_SECTIONS)) {
    if (sec.divisions.length === divisions.length && sec.divisions.every((d, i) => d === divisions[i])) return [letter];
  }
  return divisions.filter((d) => [...Object.values(KSIC_SECTIONS)].some((sec) => sec.divisions.includes(d)));
}

const industries: Pattern = (ctx) => {
  const out: Hit[] = [];
  const taken = (s: number, e: number) => out.some((h) => s < h.end && e > h.start);
  const known = (w: string) => INDUSTRIES_EXACT.some((re) => re.test(w)) || SET_WORDS_ANCHORED.some((re) => re.test(w));
  for (const [re, codes] of INDUSTRIES) {
    for (const { s, e } of scan(ctx, re)) {
      if (taken(s, e)) continue;
      let end = e;
      let list = [...codes];
      let conf = 0.75;
      // An explicit code right after the name wins: "음식점업(KSIC 56)", "주점업(5621)", "제조업체(표준산업분류 C10~C33)".
      const after = ctx.text.slice(e, Math.min(ctx.end, e + 24));
      const code = /^\s*\(\s*(?:(?:KSIC|표준\s*산업\s*분류(?:\s*코드)?|산업\s*분류\s*코드)\s*:?\s*)?([A-U]?\d{2,5})(?:\s*~\s*([A-U]?\d{2,5}))?\s*\)/.exec(after);
      if (code) {
        list = codesOf(code[1]!, code[2]);
        end = e + code[0].length;
        conf = 0.95;
      }
      const pol = ctx.polarity(s, end, 'item');
      if (pol === 'include') {
        // "제조업 및 지식서비스업": a list with an industry we cannot code would be narrowed wrongly.
        // Listed neighbours that name businesses: "…업", "…점", "…업종", "…업체" ("일반음식점, 휴게음식점").
        const next = /^\s*(?:및|또는|·|,|\/)\s*([가-힣·]+(?:업|점|업종|업체))(?![가-힣])/.exec(ctx.text.slice(end, ctx.end));
        const prev = /(?<![가-힣])([가-힣·]+(?:업|점|업종|업체))\s*(?:및|또는|·|,|\/)\s*$/.exec(ctx.text.slice(ctx.start, s));
        if ((next && !known(next[1]!)) || (prev && !known(prev[1]!))) continue;
      }
      out.push(hit(s, end, { type: 'ksic', ...(pol === 'exclude' ? { exclude: list } : { include: list }) }, conf, code ? 'ksic.code' : 'ksic.industry'));
    }
  }
  for (const { m, s, e } of scan(ctx, KSIC_CODE_RE)) {
    if (taken(s, e)) continue;
    const list = codesOf(m[1]!, m[2]);
    const pol = ctx.polarity(s, e, 'item');
    out.push(hit(s, e, { type: 'ksic', ...(pol === 'exclude' ? { exclude: list } : { include: list }) }, 0.95, 'ksic.code'));
  }
  return out;
};

// ── Criteria added for issue 11 §5 (emitted once the schema has them) ────────────────────────
const DATE_WORD_RE = new RegExp(`(${DATE_SOURCE})\\s*(이전|이후|까지|부터|전|후)(?:에)?\\s*(?:에\\s*)?([가-힣]{0,4})`, 'g');

const DATE_RANGE_RE = new RegExp(`(${DATE_SOURCE})\\s*~\\s*(${DATE_SOURCE})\\s*(?:사이\\s*|기간\\s*(?:중|내)?\\s*|중\\s*)?(?:에\\s*)?(개업|창업|폐업)`, 'g');

/** Absolute dates: "2023.12.31 이전 개업", "2025.1.1. 이후 폐업한", "2025.6.30.까지 개업한". */
const datedStages: Pattern = (ctx) => {
  const out: Hit[] = [];
  for (const { m, s, e } of scan(ctx, DATE_WORD_RE)) {
    const iso = parseDate(m, 1);
    if (!iso) continue;
    const word = m[6]!;
    const noun = m[7] ?? '';
    const follow = ctx.text.slice(e - noun.length, Math.min(ctx.end, e + 8));
    const kind = /^(?:개업|창업|사업\s*개시|사업자\s*등록|설립)/.test(follow) ? 'openedBetween' : /^폐업/.test(follow) ? 'closedBetween' : undefined;
    if (!kind) continue;
    const pol = ctx.polarity(s, e, 'threshold');
    let from: string | undefined;
    let to: string | undefined;
    // 이전·이후 include the day named; 전·후 exclude it (eligibility.types.ts openedBetween).
    if (word === '이전' || word === '까지') to = iso;
    else if (word === '전') to = addDays(iso, -1);
    else if (word === '이후' || word === '부터') from = iso;
    else from = addDays(iso, 1);
    if (pol === 'exclude') [from, to] = [to ? addDays(to, 1) : undefined, from ? addDays(from, -1) : undefined];
    const nounEnd = e - noun.length + (/^[가-힣]+/.exec(follow)?.[0].length ?? 0);
    out.push(hit(s, Math.max(e - noun.length, nounEnd), { type: kind, ...(from ? { from } : {}), ...(to ? { to } : {}) }, 0.85, `${kind}.date`));
  }
  for (const { m, s, e } of scan(ctx, DATE_RANGE_RE)) {
    if (out.some((h) => s < h.end && e > h.start)) continue;
    const from = parseDate(m, 1);
    const to = parseDate(m, 6);
    if (!from || !to || from > to) continue;
    const kind = m[11] === '폐업' ? 'closedBetween' : 'openedBetween';
    out.push(hit(s, e, { type: kind, from, to }, 0.85, `${kind}.range`));
  }
  return out;
};

const operatingDays: Pattern = (ctx) => {
  const out: Hit[] = [];
  const line = ctx.text.slice(ctx.start, ctx.end);
  if (!/폐업/.test(line)) return out;
  for (const { m, s, e } of scan(ctx, /(\d+)\s*일\s*이상(?:\s*(?:영업|운영)(?:한|하였던)?)?/g)) {
    const before = ctx.text.slice(Math.max(ctx.start, s - 45), s);
    if (!/폐업/.test(before) && !/영업/.test(m[0])) continue;
    if (!/영업\s*기간|까지|폐업\s*전|개업|사업\s*개시/.test(before)) continue;
    const at = before.search(/(?:사업자\s*등록증\s*상\s*)?(?:개업일?|사업\s*개시일?|폐업\s*전|실제\s*영업|영업\s*기간)/);
    const from = at >= 0 ? s - before.length + at : s;
    out.push(hit(from, e, { type: 'operatingDays', minDays: Number(m[1]) }, 0.85, 'operatingDays'));
  }
  return out;
};

const legalForm: Pattern = (ctx) => {
  const out: Hit[] = [];
  for (const { s, e } of scan(ctx, /개인\s*(?:·|,|및|또는|\/)?\s*법인\s*(?:사업자)?\s*모두|개인\s*사업자\s*(?:및|·|,)\s*법인\s*사업자\s*모두/g)) {
    out.push(hit(s, e, { type: 'legalForm', allowed: ['individual', 'corporation'] }, 0.9, 'legalForm.both', true));
  }
  const taken = (s: number) => out.some((h) => s >= h.start && s < h.end);
  for (const { s, e } of scan(ctx, /개인\s*사업자/g)) {
    if (taken(s)) continue;
    const pol = ctx.polarity(s, e, 'item');
    out.push(hit(s, e, { type: 'legalForm', allowed: [pol === 'exclude' ? 'corporation' : 'individual'] }, 0.85, 'legalForm.individual'));
  }
  for (const { s, e } of scan(ctx, /법인\s*(?:사업자|대표자?|기업)|법인(?:에\s*한함|만|으로\s*한정)/g)) {
    if (taken(s)) continue;
    const pol = ctx.polarity(s, e, 'item');
    const only = /한함|만|한정/.test(ctx.text.slice(s, e));
    if (pol === 'include' && !only && !/사업자|기업/.test(ctx.text.slice(s, e))) continue;
    out.push(hit(s, e, { type: 'legalForm', allowed: [pol === 'exclude' ? 'individual' : 'corporation'] }, 0.85, 'legalForm.corporation'));
  }
  return out;
};

const marketLocation: Pattern = (ctx) => {
  const found: { s: number; e: number; v: string }[] = [];
  for (const { m, s, e } of scan(ctx, /전통\s*시장|골목형\s*상점가|상점가/g)) {
    if (insideTitle(ctx, s)) continue;
    if (/^상점가$/.test(m[0]) && /골목형\s*$/.test(ctx.text.slice(Math.max(ctx.start, s - 5), s))) continue;
    if (ctx.polarity(s, e, 'target') === 'exclude') continue;
    found.push({ s, e, v: /전통/.test(m[0]) ? 'traditional_market' : /골목/.test(m[0]) ? 'alley_shopping_street' : 'shopping_street' });
  }
  if (!found.length) return [];
  // One criterion per line: "전통시장 및 상점가에 입점한" is one place condition with two values.
  const allowed = [...new Set(found.map((f) => f.v))];
  return [hit(found[0]!.s, found[found.length - 1]!.e, { type: 'marketLocation', allowed }, 0.8, 'marketLocation')];
};

const closurePlanned: Pattern = (ctx) => {
  const found: { s: number; e: number; months?: number }[] = [];
  for (const { m, s, e } of scan(ctx, /(?:(\d+)\s*개월\s*이내\s*(?:에\s*)?)?폐업\s*예정(?!일)(?:인|자)?/g)) {
    if (ctx.polarity(s, e, 'target') === 'exclude') continue;
    found.push({ s, e, ...(m[1] ? { months: Number(m[1]) } : {}) });
  }
  if (!found.length) return [];
  const months = found.find((f) => f.months)?.months;
  const first = found[0]!;
  return [hit(first.s, first.e, { type: 'closurePlanned', ...(months ? { withinMonths: months } : {}) }, 0.85, 'closurePlanned')];
};

const restart = targets(/재\s*창업(?:자|한|기업|\s*예정자?|\s*후)?/g, () => ({ type: 'restart' }), 0.8, 'restart');

const revenueDecline: Pattern = (ctx) => {
  const out: Hit[] = [];
  for (const { m, s, e } of scan(ctx, /매출(?:액)?\s*(?:이|가)?[^\n\d,]{0,12}?(\d+(?:\.\d+)?)\s*%\s*(?:이상|넘게)?\s*감소/g)) {
    if (ctx.polarity(s, e, 'target') === 'exclude') continue;
    const p = Number(m[1]);
    if (!(p >= 0 && p <= 100)) continue;
    const back = ctx.text.slice(Math.max(ctx.start, s - 16), s);
    const at = back.search(/(?:전년|\d{4}\s*년)\s*(?:도)?\s*대비/);
    out.push(hit(at >= 0 ? s - back.length + at : s, e, { type: 'revenueDecline', minPercent: p }, 0.85, 'revenueDecline'));
  }
  return out;
};

/**
 * A pattern runs only on lines that contain its cue (cheap test first: long notices have hundreds of
 * lines, most of them about something else).
 */
function when(cue: RegExp, pattern: Pattern): Pattern {
  return (ctx) => (cue.test(ctx.text.slice(ctx.start, ctx.end)) ? pattern(ctx) : []);
}

/** What can make a line an exclusion list (its heading, or a word in it). */
const EXCLUSION_CUE = /제외|불가|배제|제한|지원하지|신청할|해당하지/;
function inExclusions(pattern: Pattern): Pattern {
  return (ctx) => (ctx.mode === 'exclude' || EXCLUSION_CUE.test(ctx.text.slice(ctx.start, ctx.end)) ? pattern(ctx) : []);
}

/** All patterns, in the order their hits are considered (earlier consuming hits win overlaps). */
export const PATTERNS: readonly Pattern[] = [
  when(/\d\s*[인명]|근로자|종업원|종사자|직원|고용/, workers), // the 소상공인 definition consumes its "제조업·건설업…"
  inExclusions(ksicSets),
  inExclusions(noPriorReceipt),
  when(/확인서|착한/, documentValid),
  when(/개인|법인/, legalForm),
  when(/업|점|KSIC|분류|코드/, industries),
  region,
  when(/매출/, revenue),
  when(/\d\s*(?:년|개월)/, businessAge),
  when(/세/, ownerAge),
  when(/소상공인/, smallBusiness),
  active,
  preparing,
  inExclusions(closedOrSuspended),
  when(/체납|미납|완납/, noTaxArrears),
  when(/연체|채무|신용|불량/, noCreditDelinquency),
  ownerGender,
  ownerDisabled,
  ownerVeteran,
  when(/임차|자가|자기|무상|소유/, premises),
  mailOrder,
  when(/폐업/, closedWithin),
  when(/\d/, datedStages),
  when(/폐업/, operatingDays),
  when(/시장|상점가/, marketLocation),
  when(/폐업/, closurePlanned),
  restart,
  when(/매출/, revenueDecline),
];
