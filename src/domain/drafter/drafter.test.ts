import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEV, HELD_OUT } from '../../../test/fixtures/drafter/eligibility-texts.ts';
import { RuleSchema, type Criterion } from '../eligibility/eligibility.types.ts';
import { draftRule } from './drafter.ts';
import { DATE_SOURCE, normalizeChars, parseAmount, parseDate, parsePeriodMonths } from './drafter.text.ts';

/** The criteria of a draft without notes, for comparing. */
function rules(text: string): Record<string, unknown>[] {
  return draftRule(text).criteria.map((c) => {
    const { note: _note, ...rest } = c.rule;
    return rest;
  });
}

function ofType<T extends Criterion['type']>(text: string, type: T): Extract<Criterion, { type: T }>[] {
  return draftRule(text)
    .criteria.map((c) => c.rule)
    .filter((r): r is Extract<Criterion, { type: T }> => r.type === type);
}

describe('rule drafter: spans and determinism', () => {
  const all = [...DEV, ...HELD_OUT];

  it('gives every criterion the exact span it came from (offsets in UTF-16 code units of the input)', () => {
    let n = 0;
    for (const t of all) {
      const d = draftRule(t.text);
      for (const c of d.criteria) {
        expect(c.span.start).toBeGreaterThanOrEqual(0);
        expect(c.span.end).toBeLessThanOrEqual(t.text.length);
        expect(c.span.start).toBeLessThan(c.span.end);
        expect(t.text.slice(c.span.start, c.span.end)).toBe(c.span.text);
        expect(c.rule.note).toBe(c.span.text);
        n++;
      }
      for (const u of d.unparsed) expect(t.text.slice(u.start, u.end)).toBe(u.text);
    }
    expect(n).toBeGreaterThan(200);
  });

  it('keeps offsets of the input when the text has astral characters and look-alike punctuation before the span', () => {
    const text = '🏪 지원대상：경기도 내 사업장ㆍ연매출 ３억원 이하';
    const d = draftRule(text);
    const revenue = d.criteria.find((c) => c.rule.type === 'revenue')!;
    expect(revenue.rule).toMatchObject({ max: 300_000_000 });
    expect(text.slice(revenue.span.start, revenue.span.end)).toBe('연매출 ３억원 이하');
    expect(normalizeChars(text)).toHaveLength(text.length);
  });

  it('is deterministic: the same text gives the same draft', () => {
    for (const t of all) expect(JSON.stringify(draftRule(t.text))).toBe(JSON.stringify(draftRule(t.text)));
  });

  it('every drafted rule passes RuleSchema.parse and every span lies inside the input (property)', () => {
    const fragments = all.flatMap((t) => t.text.split('\n'));
    const noise = fc.string({ maxLength: 12 });
    const line = fc.oneof(
      fc.constantFrom(...fragments),
      noise,
      fc.constantFrom('단, ', '다만, ', '제외', '(', ')', '「', '」', ' 또는 ', '10억 원', '만 39세', "'23.12.31", '□ 지원제외'),
    );
    fc.assert(
      fc.property(fc.array(fc.array(line, { maxLength: 4 }), { maxLength: 8 }), (parts) => {
        const text = parts.map((p) => p.join('')).join('\n');
        const d = draftRule(text);
        for (const c of d.criteria) {
          expect(() => RuleSchema.parse(c.rule)).not.toThrow();
          expect(c.span.start).toBeGreaterThanOrEqual(0);
          expect(c.span.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(c.span.start, c.span.end)).toBe(c.span.text);
          expect(c.confidence).toBeGreaterThan(0);
          expect(c.confidence).toBeLessThanOrEqual(1);
        }
        for (const u of d.unparsed) {
          expect(u.start).toBeGreaterThanOrEqual(0);
          expect(u.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(u.start, u.end)).toBe(u.text);
        }
      }),
      { numRuns: 300, seed: 20261202 },
    );
  });
});

describe('rule drafter: normalised Korean text', () => {
  it('reads amounts in 억 / 천만 / 만 원', () => {
    expect(parseAmount('10억 원')).toBe(1_000_000_000);
    expect(parseAmount('3억원')).toBe(300_000_000);
    expect(parseAmount('5천만원')).toBe(50_000_000);
    expect(parseAmount('1억 400만원')).toBe(104_000_000);
    expect(parseAmount('4,300만원')).toBe(43_000_000);
    expect(parseAmount('50백만원')).toBe(50_000_000);
    expect(parseAmount('1.5억')).toBe(150_000_000);
    expect(parseAmount('300,000,000원')).toBe(300_000_000);
    expect(parseAmount('3억5천만원')).toBe(350_000_000);
  });

  it('turns 이하 / 미만 / 이상 / 초과 on revenue into inclusive KRW bounds', () => {
    expect(ofType('연매출 10억 원 이하', 'revenue')).toMatchObject([{ max: 1_000_000_000 }]);
    expect(ofType('연 매출액 3억원 미만인 사업자', 'revenue')).toMatchObject([{ max: 299_999_999 }]);
    expect(ofType('연매출 5천만원 이상', 'revenue')).toMatchObject([{ min: 50_000_000 }]);
    expect(ofType('연매출 1억 원 초과 10억 원 이하', 'revenue')).toMatchObject([{ min: 100_000_001, max: 1_000_000_000 }]);
    // Other amounts are not revenue: 보수, 소득, 대출한도.
    expect(ofType('월평균보수 270만원 미만 근로자, 종합소득 4,300만원 이상인 자', 'revenue')).toEqual([]);
    expect(ofType('대출한도\t업체당 최대 7천만원 이내', 'revenue')).toEqual([]);
  });

  it('reads 년 / 개월 periods as 업력 in months', () => {
    expect(parsePeriodMonths('3년')).toBe(36);
    expect(parsePeriodMonths('1년 6개월')).toBe(18);
    expect(parsePeriodMonths('6개월')).toBe(6);
    expect(ofType('업력 3년 이상', 'businessAge')).toMatchObject([{ minMonths: 36 }]);
    expect(ofType('창업 후 3년 이내 기업', 'businessAge')).toMatchObject([{ maxMonths: 36 }]);
    expect(ofType('업력 3년 이상 7년 이내 창업기업', 'businessAge')).toMatchObject([{ minMonths: 36, maxMonths: 84 }]);
    expect(ofType('관내에서 6개월 이상 영업 중인 소상공인', 'businessAge')).toMatchObject([{ minMonths: 6 }]);
    expect(ofType('업력\t1년 6개월 이상', 'businessAge')).toMatchObject([{ minMonths: 18 }]);
    // Excluded: what is left. "업력 1년 미만 사업자 제외" → at least 12 months.
    expect(ofType('□ 지원제외\n- 업력 1년 미만 사업자', 'businessAge')).toMatchObject([{ minMonths: 12 }]);
  });

  it('reads 인 / 명 workers and the 소상공인 definition', () => {
    expect(ofType('상시근로자 5인 미만', 'workers')).toMatchObject([{ maxExclusive: 5 }]);
    expect(ofType('상시근로자 수 4인 이하 사업자', 'workers')).toMatchObject([{ maxExclusive: 5 }]);
    expect(ofType('근로자 수가 10명 미만인 사업장', 'workers')).toMatchObject([{ maxExclusive: 10 }]);
    expect(ofType('상시근로자 1인 이상', 'workers')).toMatchObject([{ min: 1 }]);
    // 소상공인기본법 시행령 제2조: 5인 미만 (제조업 등 10인 미만) is the 소상공인 test, not a flat 5.
    expect(rules('상시근로자 5인 미만 업체 (제조업, 건설업, 운수업, 광업은 10인 미만)')).toEqual([{ type: 'smallBusiness' }]);
  });

  it('reads 만 N세 as the owner age in whole years', () => {
    expect(ofType('대표자 만 39세 이하', 'ownerAge')).toMatchObject([{ max: 39 }]);
    expect(ofType('만 19세 이상 39세 이하 청년', 'ownerAge')).toMatchObject([{ min: 19, max: 39 }]);
    expect(ofType('대표자 만 65세 미만', 'ownerAge')).toMatchObject([{ max: 64 }]);
    expect(ofType('청년(만 19~39세)', 'ownerAge')).toMatchObject([{ min: 19, max: 39 }]);
    // A bonus is not a condition.
    expect(ofType('예비창업자 (만 39세 이하 우대)', 'ownerAge')).toEqual([]);
  });

  it("reads dates as 2023.12.31 / 2023. 12. 31. / '23.12.31 / 2023년 12월 31일", () => {
    const re = new RegExp(DATE_SOURCE);
    for (const s of ['2023.12.31', '2023. 12. 31.', "'23.12.31", '2023년 12월 31일', '2023-12-31']) {
      expect(parseDate(re.exec(s)!)).toBe('2023-12-31');
    }
    expect(parseDate(re.exec('2023.2.30')!)).toBeUndefined();
  });

  it('drafts absolute opening and closing dates (이전·까지 include the day, 전 does not)', () => {
    expect(ofType('2025. 1. 1. 이전 개업하여', 'openedBetween')).toMatchObject([{ to: '2025-01-01' }]);
    expect(ofType("'25.6.30.까지 개업한 업체", 'openedBetween')).toMatchObject([{ to: '2025-06-30' }]);
    expect(ofType('2024년 1월 1일 전 창업', 'openedBetween')).toMatchObject([{ to: '2023-12-31' }]);
    expect(ofType('2025.1.1. 이후 폐업한 소상공인', 'closedBetween')).toMatchObject([{ from: '2025-01-01' }]);
  });

  it('names every 시·도 (full and short forms) and the 31 경기 시·군', () => {
    const sido: [string, string][] = [
      ['서울특별시', '11'],
      ['서울', '11'],
      ['부산광역시', '26'],
      ['부산', '26'],
      ['대구', '27'],
      ['인천광역시', '28'],
      ['광주광역시', '29'],
      ['대전', '30'],
      ['울산광역시', '31'],
      ['세종특별자치시', '36'],
      ['경기도', '41'],
      ['경기', '41'],
      ['강원특별자치도', '51'],
      ['충청북도', '43'],
      ['충남', '44'],
      ['전북특별자치도', '52'],
      ['전라남도', '46'],
      ['경북', '47'],
      ['경상남도', '48'],
      ['제주특별자치도', '50'],
    ];
    for (const [name, code] of sido) expect(ofType(`${name} 소재 소상공인`, 'region'), name).toMatchObject([{ sido: [code] }]);
    expect(ofType('수원시에 사업자등록을 두고', 'region')).toMatchObject([{ municipalities: ['41110'] }]);
    expect(ofType('경기도 광주시 소재 업체', 'region')).toMatchObject([{ municipalities: ['41610'] }]);
    expect(ofType('남양주시에 주소를 둔 자', 'region')).toMatchObject([{ municipalities: ['41360'] }]);
    expect(ofType('수원시, 용인시, 화성시 소재 기업', 'region')).toMatchObject([{ municipalities: ['41110', '41460', '41590'] }]);
    expect(ofType('사업장 소재지가 안산시인 소상공인', 'region')).toMatchObject([{ municipalities: ['41270'] }]);
    // The organiser of a notice is not where the business must be.
    expect(ofType('경기도와 경기도경제과학진흥원은 다음과 같이 공고합니다', 'region')).toEqual([]);
  });

  it('reads industry names and KSIC codes through the KSIC tables, and the named exclusion sets', () => {
    expect(ofType('음식점업(KSIC 56) 영위 소상공인', 'ksic')).toMatchObject([{ include: ['56'] }]);
    expect(ofType('상시근로자 10인 미만의 제조업을 영위하는 소공인', 'ksic')).toMatchObject([{ include: ['C'] }]);
    expect(ofType('제조업체(표준산업분류 C10~C34)', 'ksic')).toMatchObject([{ include: ['C'] }]);
    expect(ofType('■ 제외: 주점업(5621)', 'ksic')).toMatchObject([{ exclude: ['5621'] }]);
    expect(ofType('제외대상: 유흥·사행·부동산임대업', 'ksic')).toMatchObject([
      { excludeSets: ['entertainment-bars', 'gambling', 'real-estate'] },
    ]);
    expect(ofType('「소상공인 정책자금 융자제외 대상 업종」 영위 업체는 제외', 'ksic')).toMatchObject([
      { excludeSets: ['sbiz-standard-exclusions'] },
    ]);
    expect(
      ofType('지원제외: 담배 도매업, 법무·회계·세무 등 전문 서비스업, 약국, 점술업', 'ksic').flatMap((k) => k.excludeSets ?? []),
    ).toEqual(['tobacco-trade', 'professional-licensed', 'health-pharmacy', 'fortune-telling']);
    // "제조업 및 지식서비스업": a list with an industry we cannot code is not narrowed to 제조업.
    expect(ofType('업종: 제조업 및 지식서비스업', 'ksic')).toEqual([]);
  });

  it('reads 휴·폐업, 체납 (국세/지방세), 연체, 중복 수혜 in exclusion lists', () => {
    const d = rules(`□ 지원제외
 - 휴·폐업 중인 자
 - 국세 또는 지방세 체납자
 - 지방세 체납 업체
 - 금융기관 연체자
 - 최근 3년 이내 동일 사업 수혜 업체
 - 휴업 중인 사업자`);
    expect(d).toEqual([
      { type: 'operatingStatus', allowed: ['preparing', 'active'] },
      { type: 'noTaxArrears', kinds: ['national', 'local'], allowDeferral: false },
      { type: 'noTaxArrears', kinds: ['local'], allowDeferral: false },
      { type: 'noCreditDelinquency' },
      { type: 'noPriorReceipt', years: 3 },
      { type: 'operatingStatus', allowed: ['preparing', 'active', 'closed'] },
    ]);
    // The same words under 지원대상 are not exclusions.
    expect(ofType('지원대상: 휴업 중인 사업자도 신청 가능', 'operatingStatus')).toEqual([]);
  });

  it('reads 여성·장애인·보훈, 예비창업자, certificates and 임차', () => {
    expect(rules('대표자가 여성인 소상공인')).toContainEqual({ type: 'ownerGender', gender: 'female' });
    expect(rules('「장애인복지법」에 따른 장애인 대표자')).toContainEqual({ type: 'ownerDisabled' });
    expect(rules('국가보훈대상자(본인)')).toContainEqual({ type: 'ownerVeteran' });
    expect(rules('공고일 기준 사업자 등록(개인, 법인)이 없는 예비창업자')).toEqual([{ type: 'operatingStatus', allowed: ['preparing'] }]);
    expect(rules('여성기업확인서를 보유한 기업')).toEqual([{ type: 'documentValid', documentType: 'women_business_cert' }]);
    expect(rules('임차 점포를 운영하는 자')).toEqual([{ type: 'premises', allowed: ['leased'] }]);
    expect(rules('[제외대상] 자가 건물 사업장')).toEqual([{ type: 'premises', allowed: ['leased'] }]);
    // Documents to submit are not conditions.
    expect(rules('구비서류: 장애인기업확인서, 국세 납세증명서')).toEqual([]);
  });

  it('reads 법인 / 개인사업자', () => {
    expect(ofType('대표자가 여성인 개인사업자 (공동대표 제외)', 'legalForm')).toMatchObject([{ allowed: ['individual'] }]);
    expect(ofType('창업 7년 이내 중소기업 (법인에 한함)', 'legalForm')).toMatchObject([{ allowed: ['corporation'] }]);
    expect(ofType('지원제외: 휴·폐업자, 법인 대표자', 'legalForm')).toMatchObject([{ allowed: ['individual'] }]);
    expect(ofType('사업자 등록(개인, 법인)이 없는 예비창업자', 'legalForm')).toEqual([]);
  });
});

describe('rule drafter: 다만 / 단 clauses, lists and tables', () => {
  it('"다만 … 는 제외" turns the named classes into exclusions', () => {
    const d = rules('지원대상 : 연매출 3억원 이하 소상공인\n※ 다만, 유흥주점, 사행업, 부동산 임대업 등은 지원대상에서 제외');
    expect(d).toContainEqual({ type: 'revenue', max: 300_000_000 });
    expect(d).toContainEqual({ type: 'ksic', excludeSets: ['entertainment-bars', 'gambling', 'real-estate'] });
  });

  it('"다만, 다음 각 호에 해당하는 자는 제외" makes the items below exclusions', () => {
    const d = rules('지원대상 : 소상공인\n다만, 다음 각 호에 해당하는 자는 제외\n 1. 사행성 업종 영위자\n 2. 국세 체납자');
    expect(d).toEqual([
      { type: 'smallBusiness' },
      { type: 'ksic', excludeSets: ['gambling'] },
      { type: 'noTaxArrears', kinds: ['national'], allowDeferral: false },
    ]);
  });

  it('"단, 분납 …" after 체납 admits an approved deferral; other 단서 are listed for the editor', () => {
    expect(rules('제외대상: 국세·지방세 체납자 (단, 분납 승인을 받아 성실 납부 중인 경우 신청 가능)')).toEqual([
      { type: 'noTaxArrears', kinds: ['national', 'local'], allowDeferral: true },
    ]);
    const text = '지원대상: 업력 3년 이상 소상공인 (단, 청년 창업자는 업력 1년 이상)';
    const d = draftRule(text);
    expect(d.criteria.map((c) => c.rule.type)).toEqual(['businessAge', 'smallBusiness']);
    expect(d.criteria[0]!.rule).toMatchObject({ minMonths: 36 });
    expect(d.criteria[0]!.confidence).toBeLessThan(0.9);
    expect(d.unparsed).toHaveLength(1);
    expect(d.unparsed[0]!.text).toBe('단, 청년 창업자는 업력 1년 이상');
    expect(d.unparsed[0]!.reason).toContain('단서');
  });

  it('a 제외 in a bracket applies to its bracket only ("(공동대표 제외)", "(유흥·사행업 제외)")', () => {
    const d = rules('- 업종: 음식점업 (유흥·사행업 제외)');
    expect(d).toEqual([
      { type: 'ksic', include: ['56'] },
      { type: 'ksic', excludeSets: ['entertainment-bars', 'gambling'] },
    ]);
  });

  it('reads flattened tables (tab or | between the heading cell and the text) and numbered lists', () => {
    const d = rules(
      '구분\t내용\n지원대상\t상시근로자 5인 미만 소상공인\n업력\t1년 이상\n지원제외 | 휴·폐업 중인 업체, 세금 체납 업체\n대출한도\t업체당 최대 7천만원',
    );
    expect(d).toEqual([
      { type: 'workers', maxExclusive: 5 },
      { type: 'smallBusiness' },
      { type: 'businessAge', minMonths: 12 },
      { type: 'operatingStatus', allowed: ['preparing', 'active'] },
      { type: 'noTaxArrears', kinds: ['national', 'local'], allowDeferral: false },
    ]);
  });

  it('marks "A 또는 B" between stages as alternatives and keeps a repeated criterion once', () => {
    const d = draftRule('지원대상: 예비창업자 또는 창업 3년 이내 기업\n지원제외: 휴·폐업자\n기타: 휴·폐업 중인 자는 신청 불가');
    const groups = d.criteria.filter((c) => c.anyGroup !== undefined);
    expect(groups.map((c) => c.rule.type)).toEqual(['operatingStatus', 'businessAge']);
    expect(new Set(groups.map((c) => c.anyGroup)).size).toBe(1);
    expect(d.criteria.filter((c) => c.rule.type === 'operatingStatus' && c.anyGroup === undefined)).toHaveLength(1);
  });

  it('lists what it could not read, and not the headings', () => {
    const d = draftRule('□ 지원대상\n ○ 사업계획의 우수성이 인정되는 자\n□ 구비서류\n ○ 사업자등록증명 1부');
    expect(d.criteria).toEqual([]);
    expect(d.unparsed.map((u) => u.text)).toEqual(['사업계획의 우수성이 인정되는 자', '사업자등록증명 1부']);
  });

  it('reads a whole notice as extracted from a document: title and sections skipped, wrapped lines joined', () => {
    const text = `2026년 경기도 소상공인 경영환경개선 지원사업 참여업체 모집 공고
1. 사업개요
 ○ 지원규모: 1,500개사 내외 (업체당 최대 200만원)
2. 지원대상 및 자격요건
 ○ 공고일 기준 경기도 내 사업자등록을 하고 사업 개시일로부터 1년이 경과한 소상공인으로서 연매출액이
    3억원 이하인 자
3. 지원제외 대상
 ○ 국세 또는 지방세를 체납 중인 자 (단, 징수유예·분납 승인을 받은 경우 제외)
 ○ 당해연도 동일 사업에 선정된 자
 ○ 허위 또는 부정한 방법으로 신청한 자
4. 제출서류
 ○ 사업자등록증명, 지방세 납세증명서`;
    const d = draftRule(text);
    expect(d.criteria.map((c) => c.rule.type)).toEqual([
      'region',
      'businessAge',
      'smallBusiness',
      'revenue',
      'noTaxArrears',
      'noPriorReceipt',
    ]);
    const revenue = d.criteria.find((c) => c.rule.type === 'revenue')!;
    expect(revenue.rule).toMatchObject({ max: 300_000_000 });
    expect(revenue.span.text).toBe('연매출액이\n    3억원 이하');
    expect(d.criteria.find((c) => c.rule.type === 'noTaxArrears')!.rule).toMatchObject({ allowDeferral: true });
    expect(d.criteria.find((c) => c.rule.type === 'noPriorReceipt')!.rule).toMatchObject({ years: 1 });
    expect(d.unparsed.map((u) => u.text)).toEqual([
      '2026년 경기도 소상공인 경영환경개선 지원사업 참여업체 모집 공고',
      '1,500개사 내외 (업체당 최대 200만원)',
      '허위 또는 부정한 방법으로 신청한 자',
      '사업자등록증명, 지방세 납세증명서',
    ]);
  });

  it('reads other phrasings of the same conditions', () => {
    expect(rules('□ 지원제외 휴·폐업자, 국세 체납자')).toEqual([
      { type: 'operatingStatus', allowed: ['preparing', 'active'] },
      { type: 'noTaxArrears', kinds: ['national'], allowDeferral: false },
    ]);
    expect(rules('사업 개시일로부터 3년이 지나지 않은 기업')).toEqual([{ type: 'businessAge', maxMonths: 36 }]);
    expect(rules('신청자격: 국세 및 지방세 완납자')).toEqual([
      { type: 'noTaxArrears', kinds: ['national', 'local'], allowDeferral: false },
    ]);
    expect(rules('종사자 수 10인 미만 사업장')).toEqual([{ type: 'workers', maxExclusive: 10 }]);
    expect(rules('창업 7년 이내 기업 (예비창업자 포함)')).toEqual([{ type: 'businessAge', maxMonths: 84 }]);
    expect(rules('지원제외: 신용정보관리대상자')).toEqual([{ type: 'noCreditDelinquency' }]);
  });

  it('groups any two criteria joined only by 또는 / 거나, and nothing else', () => {
    const d = draftRule('- 매출액 50억원 미만 또는 상시근로자 50인 미만\n- 최근 1년 이내 폐업하였거나 폐업 예정인 소상공인');
    const byGroup = new Map<number, string[]>();
    for (const c of d.criteria) if (c.anyGroup !== undefined) byGroup.set(c.anyGroup, [...(byGroup.get(c.anyGroup) ?? []), c.rule.type]);
    expect([...byGroup.values()]).toEqual([
      ['revenue', 'workers'],
      ['closedWithin', 'closurePlanned'],
    ]);
    expect(d.criteria.find((c) => c.rule.type === 'smallBusiness')!.anyGroup).toBeUndefined();
    // "폐업 예정 또는 폐업한 소상공인": B is a word not read, so 폐업 예정 is not an alternative of 소상공인.
    expect(draftRule('폐업 예정 또는 폐업한 소상공인').criteria.every((c) => c.anyGroup === undefined)).toBe(true);
  });

  it('skips bonus sections and does not list a line that only announces the exclusions below', () => {
    expect(rules('(가점) 여성·장애인 대표자, 착한가격업소')).toEqual([]);
    const d = draftRule('※ 아래에 해당하는 경우 지원 대상에서 제외됩니다.\n - 지방세 체납 업체');
    expect(d.criteria.map((c) => c.rule.type)).toEqual(['noTaxArrears']);
    expect(d.unparsed).toEqual([]);
  });

  it('reads a bonus as no condition, even inside a 제외 list (우대·가점)', () => {
    const text =
      '□ 지원 제외 대상\n ① 국세 체납자\n ② 대표자 만 39세 이하 청년은 우대 (가점 5점)\n□ 지원대상\n ○ 경기도 내 소상공인 (여성 대표자 우선 선정)';
    const d = draftRule(text);
    expect(d.criteria.map((c) => c.rule.type).sort()).toEqual(['noTaxArrears', 'region', 'smallBusiness']);
    expect(d.unparsed.filter((u) => u.text.includes('만 39세 이하 청년은 우대')).map((u) => u.reason)).toEqual([
      '우대·가점 사항 (자격 조건 아님)',
    ]);
  });
});

describe('"동일 사업" receipts name the programme when the caller knows it', () => {
  const receipts = (text: string, programmeKey?: string) =>
    draftRule(text, programmeKey ? { programmeKey } : {})
      .criteria.filter((c) => c.rule.type === 'noPriorReceipt')
      .map((c) => c.rule);

  it('the review page passes the key: 동일 사업 → this programme only', () => {
    expect(receipts('지원 제외: 최근 3년 이내 동일 사업 수혜 업체', 'bizinfo:PBLN_1')).toEqual([
      { type: 'noPriorReceipt', years: 3, programmeKeys: ['bizinfo:PBLN_1'], note: expect.any(String) },
    ]);
  });

  it('without a key (the CLI), or for 유사·정부 지원, no programme is named: the editor decides', () => {
    expect(receipts('지원 제외: 최근 3년 이내 동일 사업 수혜 업체')[0]).not.toHaveProperty('programmeKeys');
    expect(receipts('지원 제외: 최근 2년 이내 정부·지자체 유사 사업 지원을 받은 업체', 'bizinfo:PBLN_1')[0]).not.toHaveProperty(
      'programmeKeys',
    );
  });
});
