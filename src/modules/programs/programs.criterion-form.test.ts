import { describe, expect, it } from 'vitest';
import { describeCriterion } from '../../domain/eligibility/index.ts';
import { ADDABLE, criterionFrom, parseNoticeDate } from './programs.criterion-form.ts';

describe('parseNoticeDate', () => {
  it.each([
    ['2023.12.31', '2023-12-31'],
    ['2023. 12. 31.', '2023-12-31'],
    ['2024.1.1', '2024-01-01'],
    ["'23.12.31", '2023-12-31'],
    ['2023년 12월 31일', '2023-12-31'],
    ['2023-12-31', '2023-12-31'],
  ])('%s → %s', (text, iso) => expect(parseNoticeDate(text)).toBe(iso));
  it.each(['2023.2.30', '2023.13.01', '12월 31일', '', '2023'])('%j is not a date', (text) => expect(parseNoticeDate(text)).toBeNull());
});

describe('criterionFrom (the editor form, issue 11 §5)', () => {
  it.each<[(typeof ADDABLE)[number], string, unknown, string]>([
    ['legalFormIndividual', '', { type: 'legalForm', allowed: ['individual'] }, '사업자 구분: 개인사업자'],
    ['openedOnOrBefore', '2023.12.31', { type: 'openedBetween', to: '2023-12-31' }, '개업일 2023-12-31 이전'],
    ['openedOnOrAfter', '2024년 1월 1일', { type: 'openedBetween', from: '2024-01-01' }, '개업일 2024-01-01 이후'],
    ['closedBetween', '2025.1.1 ~ 2025.12.31', { type: 'closedBetween', from: '2025-01-01', to: '2025-12-31' }, '폐업일 2025-01-01 ~ 2025-12-31'],
    ['closedBetween', '~ 2025.12.31', { type: 'closedBetween', to: '2025-12-31' }, '폐업일 2025-12-31 이전'],
    ['operatingDaysMin', '60', { type: 'operatingDays', minDays: 60 }, '개업일부터 폐업(예정)일까지 60일 이상 영업'],
    ['marketLocation', '', { type: 'marketLocation', allowed: ['traditional_market', 'shopping_street', 'alley_shopping_street'] }, '점포 위치: 전통시장 또는 상점가 또는 골목형상점가'],
    ['marketLocation', '골목형상점가', { type: 'marketLocation', allowed: ['alley_shopping_street'] }, '점포 위치: 골목형상점가'],
    ['marketLocation', '전통시장, 골목형상점가', { type: 'marketLocation', allowed: ['alley_shopping_street', 'traditional_market'] }, '점포 위치: 골목형상점가 또는 전통시장'],
    ['certificate', '여성기업확인서', { type: 'documentValid', documentType: 'women_business_cert' }, '여성기업확인서 보유 (기준일에 유효)'],
    ['certificate', '착한가격업소', { type: 'documentValid', documentType: 'good_price_store_designation' }, '착한가격업소 지정서 (지정증·표찰) 보유 (기준일에 유효)'],
    ['certificate', '벤처기업확인서', { type: 'documentValid', documentType: 'venture_business_cert' }, '벤처기업확인서 보유 (기준일에 유효)'],
    ['prospectiveFounder', '', { type: 'operatingStatus', allowed: ['preparing'] }, '영업 상태: 예비창업'],
    ['closurePlanned', '', { type: 'closurePlanned' }, '폐업 예정'],
    ['closurePlanned', '3', { type: 'closurePlanned', withinMonths: 3 }, '폐업 예정 (폐업 예정일이 3개월 이내)'],
    ['restart', '', { type: 'restart' }, '재창업(예정)자 — 이전에 폐업한 사업이 있음'],
    ['revenueDeclinePct', '10%', { type: 'revenueDecline', minPercent: 10 }, '전년 대비 매출 10% 이상 감소'],
    ['revenueDeclinePct', '', { type: 'revenueDecline', minPercent: 0 }, '전년 대비 매출 감소'],
  ])('%s %j', (kind, value, criterion, words) => {
    const c = criterionFrom(kind, value, 'p');
    expect(c).toEqual(criterion);
    expect(describeCriterion(c!, 'ko')).toBe(words);
  });

  it.each<[(typeof ADDABLE)[number], string]>([
    ['openedOnOrBefore', '작년 말'],
    ['closedBetween', '2025.1.1'],
    ['closedBetween', '2025.1.1 ~ 2025.2.30'],
    ['certificate', '없는 서류'],
    ['marketLocation', '백화점'],
    ['closurePlanned', '석 달'],
    ['revenueDeclinePct', '150'],
  ])('refuses %s %j', (kind, value) => expect(criterionFrom(kind, value, 'p')).toBeNull());
});
