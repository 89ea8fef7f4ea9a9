import { describe, expect, it } from 'vitest';
import { describeCriterion, describeRule } from './eligibility.describe.ts';
import { formatKrw } from './eligibility.format.ts';
import type { Criterion, Rule } from './eligibility.types.ts';

describe('formatKrw', () => {
  it.each([
    [300_000_000, '3억 원'],
    [320_000_000, '3.2억 원'],
    [1_000_000_000, '10억 원'],
    [12_000_000_000, '120억 원'],
    [35_000_000, '3,500만 원'],
    [300_000_001, '3억 1원'],
    [323_456_789, '3억 2,345만 6,789원'],
    [0, '0원'],
    [9_999, '9,999원'],
  ])('%i → %s', (n, s) => expect(formatKrw(n)).toBe(s));
});

describe('describeCriterion', () => {
  it.each<[Criterion, string, string]>([
    [{ type: 'businessAge', minMonths: 36 }, '업력 3년 이상', 'Business age at least 3 years'],
    [{ type: 'businessAge', minMonths: 12, maxMonths: 84 }, '업력 1년 이상 7년 미만', 'Business age from 1 year to 7 years'],
    [{ type: 'businessAge', minMonths: 18 }, '업력 1년 6개월 이상', 'Business age at least 1 year 6 months'],
    [{ type: 'revenue', max: 300_000_000 }, '연매출 3억 원 이하', 'Annual revenue at most KRW 300,000,000'],
    [{ type: 'workers', maxExclusive: 5 }, '상시근로자 5명 미만', 'Regular workers under 5'],
    [{ type: 'region', sido: ['41'] }, '소재지: 경기도', 'Located in 경기도'],
    [{ type: 'region', municipalities: ['41110', '41460'] }, '소재지: 수원시(41110) 또는 용인시(41460)', 'Located in 수원시(41110) or 용인시(41460)'],
    [{ type: 'ownerAge', min: 19, max: 39 }, '대표자 만 19세 이상 39세 이하', 'Owner aged from 19 to 39'],
    [{ type: 'noTaxArrears', kinds: ['national', 'local'], allowDeferral: true }, '국세·지방세 체납 없음 (체납처분 유예·분납 승인 시 인정)', 'No national or local tax arrears (an approved deferral counts as none)'],
    [{ type: 'noPriorReceipt', programmeKeys: ['gg-env-improvement'], years: 3 }, '최근 3년 이내 지원사업 gg-env-improvement 수혜 없음', 'No support from programme gg-env-improvement in the last 3 years'],
    [{ type: 'noPriorReceipt', categories: ['07'], years: 1 }, '최근 1년 이내 경영 분야 지원사업 수혜 없음', 'No support from 07 category programmes in the last year'],
    [{ type: 'ksic', excludeSets: ['sbiz-standard-exclusions'] }, '제외 업종 아님: 소상공인 지원사업 표준 제외 업종', 'Not in excluded industries: sbiz-standard-exclusions'],
    [{ type: 'ksic', include: ['56'], exclude: ['56211'] }, '업종: 56(숙박 및 음식점업 중); 제외 업종 아님: 56211(일반 유흥 주점업)', 'Industry: 56; Not in excluded industries: 56211'],
    [{ type: 'documentValid', documentType: 'local_tax_certificate' }, '지방세 납세증명서 (지방세 완납증명) 보유 (기준일에 유효)', 'Holds a valid local_tax_certificate'],
    [{ type: 'closedWithin', months: 6 }, '폐업 후 6개월 이내', 'Closed within the last 6 months'],
    [{ type: 'operatingStatus', allowed: ['active'] }, '영업 상태: 영업 중(계속사업자)', 'Operating status: active'],
    [{ type: 'legalForm', allowed: ['individual'] }, '사업자 구분: 개인사업자', 'Legal form: sole proprietor'],
    [{ type: 'openedBetween', to: '2023-12-31' }, '개업일 2023-12-31 이전', 'Opened on or before 2023-12-31'],
    [{ type: 'openedBetween', from: '2024-01-01' }, '개업일 2024-01-01 이후', 'Opened on or after 2024-01-01'],
    [{ type: 'closedBetween', from: '2025-01-01', to: '2025-12-31' }, '폐업일 2025-01-01 ~ 2025-12-31', 'Closed between 2025-01-01 and 2025-12-31'],
    [{ type: 'operatingDays', minDays: 60 }, '개업일부터 폐업(예정)일까지 60일 이상 영업', 'Operated at least 60 days from opening to closure'],
    [
      { type: 'marketLocation', allowed: ['traditional_market', 'shopping_street', 'alley_shopping_street'] },
      '점포 위치: 전통시장 또는 상점가 또는 골목형상점가',
      'Located in: traditional market or shopping street or alley shopping street',
    ],
    [{ type: 'closurePlanned' }, '폐업 예정', 'Closure planned'],
    [{ type: 'closurePlanned', withinMonths: 6 }, '폐업 예정 (폐업 예정일이 6개월 이내)', 'Closure planned within 6 months'],
    [{ type: 'restart' }, '재창업(예정)자 — 이전에 폐업한 사업이 있음', 'Restarting after closing a previous business'],
    [{ type: 'revenueDecline', minPercent: 10 }, '전년 대비 매출 10% 이상 감소', 'Revenue down at least 10% from the previous year'],
    [{ type: 'revenueDecline', minPercent: 0 }, '전년 대비 매출 감소', 'Revenue down from the previous year'],
    [{ type: 'documentValid', documentType: 'venture_business_cert' }, '벤처기업확인서 보유 (기준일에 유효)', 'Holds a valid venture_business_cert'],
  ])('%j', (c, ko, en) => {
    expect(describeCriterion(c, 'ko')).toBe(ko);
    expect(describeCriterion(c, 'en')).toBe(en);
  });
});

describe('describeRule', () => {
  const rule: Rule = {
    all: [
      { type: 'region', sido: ['41'] },
      { type: 'businessAge', minMonths: 36, note: '공고일 기준 업력 3년 이상', source: '공고문 2쪽' },
      { any: [{ type: 'ownerDisabled' }, { type: 'ownerVeteran' }] },
      { not: { type: 'operatingStatus', allowed: ['suspended'] } },
    ],
  };
  it('writes the whole rule in Korean, groups indented', () => {
    expect(describeRule(rule, 'ko')).toBe(
      [
        '다음을 모두 충족:',
        '  - 소재지: 경기도',
        '  - 업력 3년 이상 (공고 문구: "공고일 기준 업력 3년 이상", 출처: 공고문 2쪽)',
        '  - 다음 중 하나 이상 충족:',
        '    - 대표자 장애인',
        '    - 대표자 국가보훈대상자',
        '  - 다음에 해당하지 않음:',
        '    - 영업 상태: 휴업',
      ].join('\n'),
    );
  });
  it('and in English', () => {
    expect(describeRule(rule, 'en').split('\n')[0]).toBe('All of the following:');
    expect(describeRule(rule, 'en')).toContain('  - At least one of the following:');
  });
  it('names the empty groups', () => {
    expect(describeRule({ all: [] })).toBe('조건 없음 (누구나)');
    expect(describeRule({ any: [] })).toBe('충족할 수 있는 조건 없음');
  });
});
