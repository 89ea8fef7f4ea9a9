import { describe, expect, it } from 'vitest';
import {
  formatKrwFor,
  formatOwnerExplanation,
  hasHangul,
  OWNER_LANGS,
  ownerExplanation,
  ownerRule,
  ownerValue,
  plainText,
  type ExplainWords,
  type OwnerLang,
  type Words,
} from './eligibility.describe-owner.ts';
import { compileRule, evaluate } from './eligibility.engine.ts';
import { CriterionSchema, type BusinessFacts, type Criterion, type Rule } from './eligibility.types.ts';

const REF = '2026-12-02';

/** A business with every fact known (values chosen to exercise each criterion's value words). */
const KNOWN: BusinessFacts = {
  sidoCode: '41',
  municipalityCode: '41110',
  openedOn: '2021-03-01',
  closedOn: '2026-10-01',
  annualRevenue: 150_000_000,
  workers: 2,
  ksicCode: '56193',
  ownerBirthDate: '1985-05-05',
  ownerGender: 'female',
  ownerDisabled: false,
  ownerVeteran: false,
  nationalTaxArrears: false,
  localTaxArrears: true,
  taxArrearsDeferred: true,
  creditDelinquent: false,
  operatingStatus: 'active',
  premises: 'leased',
  mailOrderRegistered: true,
  priorReceipts: [{ programmeKey: 'gg-env-improvement', category: '07', receivedOn: '2025-06-01' }],
  documents: [{ type: 'local_tax_certificate', issuedOn: '2026-11-20', validUntil: '2026-12-20' }],
  legalForm: 'individual',
  marketLocation: 'traditional_market',
  closurePlanned: true,
  plannedClosureOn: '2027-03-31',
  restart: false,
  annualRevenueYear: 2025,
  previousAnnualRevenue: 200_000_000,
};

/**
 * One criterion of every type, with the Korean that may appear in its rule and in its value (for
 * KNOWN): the official term kept in brackets beside its translation, or free Korean text (an
 * industry's, a document's, a category's or an exclusion list's own name). Nothing else.
 */
const CASES: readonly { c: Criterion; ruleKo: string[]; valueKo: string[] }[] = [
  { c: { type: 'region', municipalities: ['41110', '41270'] }, ruleKo: ['소재지', '수원시', '안산시'], valueKo: ['수원시'] },
  { c: { type: 'businessAge', minMonths: 12, maxMonths: 84 }, ruleKo: ['업력'], valueKo: [] },
  { c: { type: 'revenue', max: 300_000_000 }, ruleKo: ['연매출'], valueKo: [] },
  { c: { type: 'workers', maxExclusive: 5 }, ruleKo: ['상시근로자'], valueKo: [] },
  { c: { type: 'smallBusiness' }, ruleKo: ['소상공인'], valueKo: ['업종', '치킨 전문점', '상시근로자', '연매출'] },
  { c: { type: 'ksic', include: ['56'], exclude: ['56211'] }, ruleKo: ['업종', '숙박 및 음식점업 중', '제외 업종', '일반 유흥 주점업'], valueKo: ['치킨 전문점'] },
  { c: { type: 'ownerAge', min: 19, max: 39 }, ruleKo: ['대표자 만 나이'], valueKo: [] },
  { c: { type: 'ownerGender', gender: 'female' }, ruleKo: ['대표자 성별', '여성'], valueKo: ['여성'] },
  { c: { type: 'ownerDisabled' }, ruleKo: ['장애인'], valueKo: [] },
  { c: { type: 'ownerVeteran' }, ruleKo: ['국가보훈대상자'], valueKo: [] },
  { c: { type: 'noTaxArrears', kinds: ['national', 'local'], allowDeferral: true }, ruleKo: ['체납 없음', '국세', '지방세', '유예·분납'], valueKo: ['국세', '지방세'] },
  { c: { type: 'noCreditDelinquency' }, ruleKo: ['연체·신용불량 없음'], valueKo: [] },
  { c: { type: 'operatingStatus', allowed: ['active', 'suspended'] }, ruleKo: ['영업 상태', '계속사업자', '휴업'], valueKo: ['계속사업자'] },
  { c: { type: 'premises', allowed: ['leased'] }, ruleKo: ['사업장', '임차'], valueKo: ['임차'] },
  { c: { type: 'mailOrderRegistered' }, ruleKo: ['통신판매업 신고'], valueKo: [] },
  { c: { type: 'noPriorReceipt', categories: ['07'], years: 2 }, ruleKo: ['경영', '수혜 이력 없음'], valueKo: [] },
  { c: { type: 'documentValid', documentType: 'local_tax_certificate' }, ruleKo: ['지방세 납세증명서 (지방세 완납증명)'], valueKo: [] },
  { c: { type: 'closedWithin', months: 12 }, ruleKo: ['폐업'], valueKo: ['폐업일'] },
  { c: { type: 'legalForm', allowed: ['individual'] }, ruleKo: ['사업자 구분', '개인사업자'], valueKo: ['개인사업자'] },
  { c: { type: 'openedBetween', to: '2023-12-31' }, ruleKo: ['개업일'], valueKo: ['개업일'] },
  { c: { type: 'closedBetween', from: '2024-01-01', to: '2026-12-31' }, ruleKo: ['폐업일'], valueKo: ['폐업일'] },
  { c: { type: 'operatingDays', minDays: 60 }, ruleKo: ['폐업(예정)일'], valueKo: ['개업일', '폐업일'] },
  { c: { type: 'marketLocation', allowed: ['traditional_market', 'shopping_street'] }, ruleKo: ['점포 위치', '전통시장', '상점가'], valueKo: ['전통시장'] },
  { c: { type: 'closurePlanned', withinMonths: 6 }, ruleKo: ['폐업 예정'], valueKo: [] },
  { c: { type: 'restart' }, ruleKo: ['재창업'], valueKo: [] },
  { c: { type: 'revenueDecline', minPercent: 20 }, ruleKo: ['전년 대비 매출 감소'], valueKo: [] },
];

/** The Korean parts, each checked to be marked `ko`; fails on any Hangul outside them. */
function koreanParts(w: Words): string[] {
  for (const p of w) if (!p.ko) expect(hasHangul(p.text), `unmarked Korean in "${plainText(w)}": "${p.text}"`).toBe(false);
  return w.filter((p) => p.ko).map((p) => p.text);
}

/** The words as a page renders them (WordsView): Korean parts in `<span lang="ko">`. */
const html = (w: Words) => w.map((p) => (p.ko ? `<span lang="ko">${p.text}</span>` : p.text)).join('');
const outsideKoSpans = (s: string) => s.replace(/<span lang="ko">[^<]*<\/span>/g, '');

/** Korean terms written beside a translation sit in brackets: "Doanh thu năm (연매출)". */
function bracketedTerms(w: Words): string[] {
  const out: string[] = [];
  w.forEach((p, i) => {
    if (p.ko && w[i - 1]?.text.endsWith('(') && w[i + 1]?.text.startsWith(')')) out.push(p.text);
  });
  return out;
}

describe('every criterion type is covered', () => {
  it('has a case for each member of the Criterion union', () => {
    const types = CriterionSchema.options.map((o) => o.shape.type.value).sort();
    expect(CASES.map((x) => x.c.type).sort()).toEqual(types);
  });
});

describe.each(OWNER_LANGS)('%s: rule and value in the owner\'s language', (lang: OwnerLang) => {
  it.each(CASES.map((x) => [x.c.type, x] as const))('%s', (_type, { c, ruleKo, valueKo }) => {
    const rule = ownerRule(c, lang);
    const value = ownerValue(c, KNOWN, REF, lang);
    // Korean only in the marked parts, and exactly the official terms / names expected.
    expect(koreanParts(rule)).toEqual(ruleKo);
    expect(koreanParts(value)).toEqual(valueKo);
    // As rendered: nothing Korean outside <span lang="ko">.
    expect(hasHangul(outsideKoSpans(html(rule)))).toBe(false);
    expect(hasHangul(outsideKoSpans(html(value)))).toBe(false);
    // Words in the owner's language are there (not only codes and Korean).
    expect(plainText(rule.filter((p) => !p.ko)).replace(/[\d\s(),.:;%~\-–—、：；，（）]/g, '').length).toBeGreaterThan(1);
    // Unknown facts: her language says so, no Korean at all except the official terms in brackets.
    const unknown = ownerValue(c, {}, REF, lang);
    expect(koreanParts(unknown)).toEqual(bracketedTerms(unknown));
  });
});

describe('official terms sit in brackets beside the translation', () => {
  it.each<[OwnerLang, Criterion, string]>([
    ['vi', { type: 'revenue', max: 300_000_000 }, 'Doanh thu năm (연매출): không quá 300 triệu won'],
    ['zh', { type: 'businessAge', minMonths: 36 }, '营业年限 (업력)：3年以上'],
    ['en', { type: 'workers', maxExclusive: 5 }, 'Regular employees (상시근로자): under 5'],
    ['vi', { type: 'region', municipalities: ['41110'] }, 'Địa điểm kinh doanh (소재지): Suwon-si (수원시)'],
    ['zh', { type: 'ownerAge', max: 39 }, '代表人周岁年龄 (대표자 만 나이)：39岁以下'],
    ['vi', { type: 'legalForm', allowed: ['individual', 'corporation'] }, 'Loại hình kinh doanh (사업자 구분): hộ kinh doanh cá nhân (개인사업자) hoặc pháp nhân (법인)'],
    ['en', { type: 'businessAge', minMonths: 12, maxMonths: 84 }, 'Business age (업력): from 1 year to under 7 years'],
  ])('%s %j', (lang, c, text) => {
    const w = ownerRule(c, lang);
    expect(plainText(w)).toBe(text);
    expect(bracketedTerms(w)).toEqual(koreanParts(w));
  });

  it('the owner\'s values read in her language', () => {
    expect(plainText(ownerValue({ type: 'businessAge', minMonths: 12 }, KNOWN, REF, 'vi'))).toBe('5 năm 9 tháng (khai trương 2021-03-01)');
    expect(plainText(ownerValue({ type: 'revenue', max: 1 }, KNOWN, REF, 'zh'))).toBe('1亿5000万韩元');
    expect(plainText(ownerValue({ type: 'ownerAge', max: 39 }, KNOWN, REF, 'en'))).toBe('41');
    expect(plainText(ownerValue({ type: 'workers', maxExclusive: 5 }, KNOWN, REF, 'vi'))).toBe('2 người');
    expect(plainText(ownerValue({ type: 'revenue', max: 1 }, {}, REF, 'vi'))).toBe('chưa có thông tin');
  });

  it('a range answer reads as the range she gave, not as its lower end (the self-check\'s corners)', () => {
    const lower: BusinessFacts = { annualRevenue: 100_000_000, openedOn: '2021-03-01', ownerBirthDate: '1996-12-02' };
    const upper: BusinessFacts = { annualRevenue: 299_999_999, openedOn: '2021-03-31', ownerBirthDate: '1986-12-03' };
    expect(plainText(ownerValue({ type: 'revenue', max: 1 }, lower, REF, 'vi', upper))).toBe('từ 100 triệu won đến dưới 300 triệu won');
    expect(plainText(ownerValue({ type: 'revenue', max: 1 }, lower, REF, 'zh', upper))).toBe('1亿韩元以上、不满3亿韩元');
    expect(plainText(ownerValue({ type: 'businessAge', minMonths: 1 }, lower, REF, 'en', upper))).toBe('5 years 8 months – 5 years 9 months (opened 2021-03)');
    expect(plainText(ownerValue({ type: 'ownerAge', max: 39 }, lower, REF, 'zh', upper))).toBe('30–39岁');
    // An exact answer (the API's annualRevenue) stays exact.
    expect(plainText(ownerValue({ type: 'revenue', max: 1 }, lower, REF, 'en', { ...upper, annualRevenue: 100_000_000 }))).toBe('KRW 100 million');
  });
});

describe('amounts', () => {
  it.each<[number, OwnerLang, string]>([
    [300_000_000, 'en', 'KRW 300 million'],
    [1_200_000_000, 'en', 'KRW 1.2 billion'],
    [323_456_789, 'en', 'KRW 323,456,789'],
    [300_000_000, 'zh', '3亿韩元'],
    [323_456_789, 'zh', '3亿2345万6,789韩元'],
    [300_000_000, 'vi', '300 triệu won'],
    [1_200_000_000, 'vi', '1,2 tỷ won'],
    [99_999, 'vi', '99.999 won'],
  ])('%i in %s → %s', (n, lang, s) => expect(formatKrwFor(n, lang)).toBe(s));
});

const WORDS: ExplainWords = {
  status: { eligible: 'Đáp ứng', ineligible: 'Chưa đáp ứng', unknown: 'Cần kiểm tra' },
  heading: { all: 'Đáp ứng tất cả các điều kiện sau', any: 'Đáp ứng ít nhất một điều kiện sau', not: 'Không thuộc trường hợp sau' },
  noConditions: 'Không có điều kiện',
  noneCanBeMet: 'Không có điều kiện nào',
  note: 'Lời trong thông báo',
  source: 'Nguồn',
};

describe('the explanation tree from the engine', () => {
  const rule: Rule = {
    all: [
      { type: 'region', sido: ['41'], note: '경기도 내 사업장', source: '공고문 2쪽' },
      { type: 'revenue', max: 100_000_000 },
      { any: [{ type: 'ownerGender', gender: 'female' }, { type: 'ownerVeteran' }] },
      { not: { type: 'ksic', include: ['91'] } },
    ],
  };
  const ev = evaluate(compileRule(rule), { ...KNOWN, ownerVeteran: null }, REF, { explain: true });

  it('keeps the engine\'s Korean as it was (staff pages, stored verdicts)', () => {
    const e = ev.explanation!;
    expect(e.kind).toBe('all');
    if (e.kind === 'criterion') return;
    const first = e.children[0]!;
    expect(first.kind === 'criterion' && first.rule).toBe('소재지: 경기도');
    expect(first.kind === 'criterion' && first.status).toBe('충족');
    expect(ev.summary).toMatch(/^신청 불가/);
  });

  it('renders the same tree in Vietnamese, statuses from the catalogue words, the notice\'s words marked Korean', () => {
    const own = ownerExplanation(ev.explanation!, { ...KNOWN, ownerVeteran: null }, REF, 'vi');
    expect(own.kind).toBe('all');
    if (own.kind === 'criterion') return;
    const [region, revenue, any, not] = own.children;
    expect(region).toMatchObject({ kind: 'criterion', verdict: 'eligible', note: [{ text: '경기도 내 사업장', ko: true }], source: [{ text: '공고문 2쪽', ko: true }] });
    expect(revenue).toMatchObject({ kind: 'criterion', verdict: 'ineligible' });
    expect(any).toMatchObject({ kind: 'any', verdict: 'eligible' });
    expect(not).toMatchObject({ kind: 'not', verdict: 'eligible' });
    const text = formatOwnerExplanation(own, WORDS);
    expect(text.split('\n')).toEqual([
      'Đáp ứng tất cả các điều kiện sau: Chưa đáp ứng',
      '  - [Đáp ứng] Địa điểm kinh doanh (소재지): Gyeonggi-do (경기도) — Suwon-si (수원시) (Lời trong thông báo: "경기도 내 사업장", Nguồn: 공고문 2쪽)',
      '  - [Chưa đáp ứng] Doanh thu năm (연매출): không quá 100 triệu won — 150 triệu won',
      '  - Đáp ứng ít nhất một điều kiện sau: Đáp ứng',
      '    - [Đáp ứng] Giới tính của chủ (대표자 성별): nữ (여성) — nữ (여성)',
      '    - [Cần kiểm tra] Chủ là đối tượng có công với đất nước (국가보훈대상자) — chưa có thông tin',
      '  - Không thuộc trường hợp sau: Đáp ứng',
      '    - [Chưa đáp ứng] Ngành nghề (업종): 91 (예술, 스포츠 및 여가관련 서비스업 중) — 56193 (치킨 전문점)',
    ]);
  });
});
