/**
 * SAMPLE DATA generators (예시 데이터) for tests and benchmarks: realistic Gyeonggi small businesses
 * and a catalogue of programme rules shaped like real notices. Deterministic for a seed (mulberry32),
 * so a failing property or a benchmark run can be reproduced exactly.
 *
 * Nothing generated here describes a real business or a real programme's current terms.
 */
import { addDays, addMonthsClamped, dayNumberOf, fromDayNumber, parseIsoDate } from './eligibility.dates.ts';
import { GYEONGGI_MUNICIPALITIES, FACT_NAMES } from './eligibility.reference.ts';
import type { BusinessFacts, Criterion, FactName, Rule } from './eligibility.types.ts';

/** mulberry32: tiny, fast, good enough for sample data (not for anything secret). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rng {
  next(): number;
  int(lo: number, hiInclusive: number): number;
  pick<T>(xs: readonly T[]): T;
  weighted<T>(xs: readonly (readonly [T, number])[]): T;
  chance(p: number): boolean;
  normal(): number;
}

export function makeRng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    weighted: (xs) => {
      const total = xs.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [x, w] of xs) {
        r -= w;
        if (r < 0) return x;
      }
      return xs[xs.length - 1]![0];
    },
    chance: (p) => next() < p,
    normal: () => {
      // Box–Muller
      const u = Math.max(next(), 1e-12);
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}

/** Typical small-shop industries (KSIC 10th revision) with rough weights. */
export const SAMPLE_KSIC: readonly (readonly [string, number])[] = [
  ['56111', 14], // 한식 일반 음식점업
  ['56112', 3],
  ['56113', 3],
  ['56121', 3], // 중식
  ['56122', 2], // 일식
  ['56191', 2], // 제과점
  ['56192', 3],
  ['56193', 4], // 치킨
  ['56194', 4], // 김밥·간이
  ['56221', 7], // 커피 전문점
  ['56219', 2], // 기타 주점
  ['56211', 1], // 일반 유흥 주점 (excluded by most programmes)
  ['47121', 4], // 슈퍼마켓
  ['47122', 4], // 편의점
  ['47212', 2], // 육류 소매
  ['47216', 2], // 과실·채소 소매
  ['47412', 3], // 여성 의류
  ['47813', 2], // 화장품
  ['47811', 2], // 약국 (excluded)
  ['47911', 5], // 전자상거래 소매
  ['96112', 7], // 두발 미용
  ['96113', 3], // 피부 미용
  ['96111', 1], // 이용
  ['96912', 2], // 세탁
  ['96992', 1], // 점술 (excluded)
  ['95211', 2], // 자동차 수리
  ['85501', 3], // 학원
  ['10712', 1], // 빵류 제조
  ['18111', 1], // 인쇄
  ['42411', 2], // 인테리어 공사
  ['49231', 2], // 용달 화물
  ['68221', 2], // 부동산 중개 (exception to the real-estate exclusion)
  ['71201', 1], // 공인회계사 (excluded)
  ['91242', 0.2], // 카지노 (excluded)
  ['I', 1], // only the section known
  ['47', 1], // only the division known
];

const PROGRAMME_KEYS = ['gg-env-improvement', 'sbiz-policy-fund', 'smart-store', 'hope-return', 'gg-credit-guarantee', 'delivery-cost', 'online-market', 'yellow-umbrella', 'card-fee'];
const CATEGORIES = ['01', '02', '03', '05', '06', '07'];
const DOC_TYPES = [
  'business_registration_cert',
  'vat_tax_base_cert',
  'national_tax_certificate',
  'local_tax_certificate',
  'small_business_cert',
  'women_business_cert',
  'venture_business_cert',
  'good_price_store_designation',
];

export interface GeneratedBusiness {
  /** 'sample-000001' — sample data, never a 사업자등록번호. */
  readonly id: string;
  readonly facts: BusinessFacts;
}

export interface GenerateOptions {
  /** The "today" the sample is drawn around (default 2026-05-01). */
  readonly asOf?: string;
}

/**
 * `n` sample businesses. Each fact is missing (null) with its own probability, drawn per fact
 * between 15 % and 30 % for the seed, so unknown-handling is exercised the way real intake is.
 */
export function generateBusinesses(n: number, seed: number, opts: GenerateOptions = {}): GeneratedBusiness[] {
  const rng = makeRng(seed);
  const asOf = opts.asOf ?? '2026-05-01';
  const asOfYmd = parseIsoDate(asOf);
  const asOfDay = dayNumberOf(asOfYmd.y, asOfYmd.m, asOfYmd.d);
  const unknownRate = Object.fromEntries(FACT_NAMES.map((f) => [f, 0.15 + 0.15 * rng.next()])) as Record<FactName, number>;
  const out: GeneratedBusiness[] = [];
  for (let i = 0; i < n; i++) {
    const known = (f: FactName) => !rng.chance(unknownRate[f]);
    const inGyeonggi = rng.chance(0.95);
    const muni = inGyeonggi ? rng.pick(GYEONGGI_MUNICIPALITIES).code : rng.pick(['11110', '28110', '11680']);
    const ksic = rng.weighted(SAMPLE_KSIC);
    // 업력: exponential, mean ~6 years, a few months to ~30 years.
    const ageDays = Math.min(30 * 365, Math.floor(-Math.log(Math.max(rng.next(), 1e-9)) * 6 * 365));
    const openedOn = fromDayNumber(asOfDay - ageDays);
    const manufacturing = /^(1|2|3[0-4]|4[12]|49)/.test(ksic);
    const workers = rng.weighted<number>(
      manufacturing
        ? [[0, 3], [1, 3], [2, 3], [3, 2], [4, 2], [5, 2], [6, 1], [8, 1], [9, 1], [10, 1], [12, 0.5]]
        : [[0, 10], [1, 6], [2, 4], [3, 3], [4, 2], [4.5, 0.5], [5, 1.5], [6, 1], [8, 0.5], [12, 0.3]],
    );
    // 연매출: log-normal around 1.2억 원, rounded to 10만 원.
    const revenue = Math.max(0, Math.round((120_000_000 * Math.exp(0.9 * rng.normal())) / 100_000) * 100_000);
    const birthYear = rng.int(1950, 2002);
    const birth = `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const status = rng.weighted<NonNullable<BusinessFacts['operatingStatus']>>([
      ['active', 88],
      ['suspended', 4],
      ['closed', 6],
      ['preparing', 2],
    ]);
    const closedOn = status === 'closed' ? fromDayNumber(asOfDay - rng.int(10, 900)) : null;
    const nationalArrears = rng.chance(0.06);
    const localArrears = rng.chance(0.07);
    const receipts = Array.from({ length: rng.weighted([[0, 5], [1, 3], [2, 1.5], [3, 0.5]]) }, () => ({
      programmeKey: rng.pick(PROGRAMME_KEYS),
      category: rng.pick(CATEGORIES),
      receivedOn: fromDayNumber(asOfDay - rng.int(20, 5 * 365)),
    }));
    const documents = Array.from({ length: rng.int(0, 4) }, () => {
      const issuedOn = fromDayNumber(asOfDay - rng.int(0, 400));
      const type = rng.pick(DOC_TYPES);
      const validUntil = type.includes('tax_certificate')
        ? addDays(issuedOn, 30)
        : type === 'small_business_cert' || type === 'women_business_cert' || type === 'good_price_store_designation'
          ? addMonthsClamped(issuedOn, 12)
          : type === 'venture_business_cert'
            ? addMonthsClamped(issuedOn, 36)
            : null;
      return { type, issuedOn, validUntil };
    });
    // 폐업 예정 only for open businesses, with a date ahead (희망리턴 "폐업 예정 소상공인").
    const closing = (status === 'active' || status === 'suspended') && rng.chance(0.05);
    const plannedClosureOn = closing ? fromDayNumber(asOfDay + rng.int(5, 240)) : null;
    const market = rng.weighted<NonNullable<BusinessFacts['marketLocation']>>([
      ['none', 78],
      ['traditional_market', 12],
      ['shopping_street', 5],
      ['alley_shopping_street', 5],
    ]);
    // 전년 매출: the same business a year earlier, ±25 % or so (매출 감소 programmes).
    const previousRevenue = Math.max(0, Math.round((revenue * Math.exp(0.25 * rng.normal())) / 100_000) * 100_000);
    const facts: BusinessFacts = {
      sidoCode: known('sidoCode') ? muni.slice(0, 2) : null,
      municipalityCode: known('municipalityCode') ? muni : null,
      openedOn: known('openedOn') ? openedOn : null,
      closedOn: known('closedOn') ? closedOn : null,
      annualRevenue: known('annualRevenue') ? revenue : null,
      workers: known('workers') ? workers : null,
      ksicCode: known('ksicCode') ? ksic : null,
      ownerBirthDate: known('ownerBirthDate') ? birth : null,
      ownerGender: known('ownerGender') ? (rng.chance(0.55) ? 'female' : 'male') : null,
      ownerDisabled: known('ownerDisabled') ? rng.chance(0.05) : null,
      ownerVeteran: known('ownerVeteran') ? rng.chance(0.02) : null,
      nationalTaxArrears: known('nationalTaxArrears') ? nationalArrears : null,
      localTaxArrears: known('localTaxArrears') ? localArrears : null,
      taxArrearsDeferred: known('taxArrearsDeferred') ? (nationalArrears || localArrears) && rng.chance(0.3) : null,
      creditDelinquent: known('creditDelinquent') ? rng.chance(0.07) : null,
      operatingStatus: known('operatingStatus') ? status : null,
      premises: known('premises') ? (rng.chance(0.8) ? 'leased' : 'owned') : null,
      mailOrderRegistered: known('mailOrderRegistered') ? rng.chance(ksic === '47911' ? 0.9 : 0.15) : null,
      priorReceipts: known('priorReceipts') ? receipts : null,
      documents: known('documents') ? documents : null,
      legalForm: known('legalForm') ? (rng.chance(0.08) ? 'corporation' : 'individual') : null,
      marketLocation: known('marketLocation') ? market : null,
      closurePlanned: known('closurePlanned') ? closing : null,
      plannedClosureOn: known('plannedClosureOn') ? plannedClosureOn : null,
      restart: known('restart') ? rng.chance(0.08) : null,
      annualRevenueYear: known('annualRevenueYear') ? asOfYmd.y - 1 : null,
      previousAnnualRevenue: known('previousAnnualRevenue') ? previousRevenue : null,
    };
    out.push({ id: `sample-${String(i + 1).padStart(6, '0')}`, facts });
  }
  return out;
}

export interface GeneratedProgramme {
  readonly key: string;
  /** Title marked as sample data. */
  readonly title: string;
  readonly category: string;
  readonly rule: Rule;
}

type Template = (rng: Rng) => { title: string; category: string; criteria: Rule[] };

const gg = (): Criterion => ({ type: 'region', sido: ['41'] });
const std = (): Criterion => ({ type: 'ksic', excludeSets: ['sbiz-standard-exclusions'] });
const active = (): Criterion => ({ type: 'operatingStatus', allowed: ['active'] });

/** Programme shapes seen in real notices (docs/domain.md "Example programmes"), with varied limits. */
const TEMPLATES: readonly Template[] = [
  (r) => ({
    title: '경기도 소상공인 경영환경개선',
    category: '07',
    criteria: [
      gg(),
      { type: 'businessAge', minMonths: r.pick([12, 24, 36]) },
      { type: 'workers', maxExclusive: 5 },
      { type: 'noTaxArrears', kinds: ['local'], allowDeferral: false },
      { type: 'noPriorReceipt', programmeKeys: ['gg-env-improvement'], years: r.pick([2, 3]) },
      std(),
      active(),
    ],
  }),
  (r) => ({
    title: '소상공인 정책자금 (일반경영안정자금)',
    category: '01',
    criteria: [
      { type: 'smallBusiness' },
      std(),
      { type: 'noTaxArrears', kinds: ['national', 'local'], allowDeferral: true },
      { type: 'noCreditDelinquency' },
      active(),
      ...(r.chance(0.5) ? [{ type: 'businessAge', minMonths: r.pick([3, 6, 12]) } as Criterion] : []),
    ],
  }),
  (r) => ({
    title: '희망리턴패키지 재기지원',
    category: '06',
    criteria: [{ type: 'closedWithin', months: r.pick([6, 12, 24]) }, { type: 'businessAge', minMonths: r.pick([6, 12]) }, std()],
  }),
  (r) => ({
    title: '희망리턴패키지 원스톱 폐업지원',
    category: '06',
    criteria: [
      { any: [{ type: 'closurePlanned', ...(r.chance(0.5) ? { withinMonths: r.pick([3, 6]) } : {}) }, { type: 'closedBetween', from: '2025-01-01', to: r.pick(['2026-06-30', '2026-12-31']) }] },
      { type: 'operatingDays', minDays: 60 },
      std(),
    ],
  }),
  (r) => ({
    title: '재도전 재창업 지원',
    category: '06',
    criteria: [{ type: 'restart' }, { type: 'businessAge', maxMonths: r.pick([36, 60]) }, { type: 'noCreditDelinquency' }],
  }),
  (r) => ({
    title: '전통시장·골목형상점가 점포 지원',
    category: '07',
    criteria: [
      { type: 'marketLocation', allowed: r.pick([['traditional_market'], ['traditional_market', 'shopping_street', 'alley_shopping_street']] as const).slice() },
      { type: 'legalForm', allowed: ['individual'] },
      gg(),
      active(),
    ],
  }),
  (r) => ({
    title: '매출 감소 소상공인 경영안정 지원',
    category: '01',
    criteria: [
      { type: 'revenueDecline', minPercent: r.pick([0, 10, 20]) },
      { type: 'openedBetween', to: r.pick(['2023-12-31', '2024-12-31']) },
      { type: 'smallBusiness' },
      active(),
    ],
  }),
  (r) => ({
    title: '인증 소상공인 우대 지원',
    category: '05',
    criteria: [{ type: 'documentValid', documentType: r.pick(['women_business_cert', 'venture_business_cert', 'good_price_store_designation']) }, { type: 'smallBusiness' }, gg()],
  }),
  (r) => ({
    title: '스마트상점 기술보급',
    category: '02',
    criteria: [{ type: 'smallBusiness' }, { type: 'ksic', include: r.pick([['56'], ['47'], ['56', '47', '96']]), excludeSets: ['sbiz-standard-exclusions'] }, active()],
  }),
  (r) => ({
    title: '청년 소상공인 창업지원',
    category: '06',
    criteria: [{ type: 'ownerAge', min: 19, max: 39 }, { type: 'businessAge', maxMonths: r.pick([36, 60, 84]) }, gg(), std()],
  }),
  (r) => ({
    title: '여성 소상공인 판로지원',
    category: '05',
    criteria: [{ type: 'ownerGender', gender: 'female' }, { type: 'revenue', max: r.pick([100_000_000, 300_000_000, 500_000_000]) }, gg(), active()],
  }),
  (r) => ({
    title: '온라인 판로지원',
    category: '05',
    criteria: [{ type: 'mailOrderRegistered' }, { type: 'workers', maxExclusive: r.pick([5, 10]) }, std(), { type: 'noPriorReceipt', categories: ['05'], years: 1 }],
  }),
  (r) => ({
    title: '취약계층 소상공인 우대지원',
    category: '01',
    criteria: [
      { any: [{ type: 'ownerDisabled' }, { type: 'ownerVeteran' }, { type: 'ownerAge', min: r.pick([60, 65]) }] },
      { type: 'smallBusiness' },
      { type: 'noCreditDelinquency' },
    ],
  }),
  (r) => {
    const munis = Array.from({ length: r.int(1, 3) }, () => r.pick(GYEONGGI_MUNICIPALITIES).code);
    return {
      title: '시·군 소상공인 지원금',
      category: '07',
      criteria: [
        { type: 'region', municipalities: [...new Set(munis)] },
        { type: 'revenue', max: r.pick([300_000_000, 500_000_000, 1_000_000_000]) },
        { type: 'businessAge', minMonths: r.pick([3, 6, 12]) },
        { type: 'premises', allowed: ['leased'] },
        std(),
      ],
    };
  },
  (r) => ({
    title: '경기신용보증재단 특례보증',
    category: '01',
    criteria: [gg(), { type: 'smallBusiness' }, { type: 'noTaxArrears', kinds: ['national', 'local'], allowDeferral: r.chance(0.5) }, { type: 'noCreditDelinquency' }, { type: 'documentValid', documentType: 'small_business_cert' }],
  }),
  (r) => ({
    title: '배달·택배비 지원',
    category: '07',
    criteria: [
      { type: 'revenue', max: r.pick([300_000_000, 1_040_000_000]) },
      { type: 'ksic', include: ['56', '47'], exclude: ['5621'], excludeSets: ['gambling', 'entertainment-bars'] },
      { not: { type: 'operatingStatus', allowed: ['closed', 'suspended'] } },
    ],
  }),
  (r) => ({
    title: '노란우산공제 희망장려금',
    category: '01',
    criteria: [{ type: 'revenue', max: r.pick([200_000_000, 300_000_000]) }, gg(), { type: 'noPriorReceipt', programmeKeys: ['yellow-umbrella'], years: 1 }],
  }),
];

/** `n` sample programme rules (keys 'sample-prog-0001', …), shuffled shapes and limits. */
export function generateCatalogue(n: number, seed: number): GeneratedProgramme[] {
  const rng = makeRng(seed ^ 0x9e3779b9);
  const out: GeneratedProgramme[] = [];
  for (let i = 0; i < n; i++) {
    const t = rng.pick(TEMPLATES)(rng);
    const criteria = [...t.criteria];
    // Shuffle so that order-independence is exercised by every benchmark run too.
    for (let j = criteria.length - 1; j > 0; j--) {
      const k = rng.int(0, j);
      [criteria[j], criteria[k]] = [criteria[k]!, criteria[j]!];
    }
    const key = `sample-prog-${String(i + 1).padStart(4, '0')}`;
    out.push({ key, title: `(예시) ${t.title} #${i + 1}`, category: t.category, rule: { all: criteria } });
  }
  return out;
}
