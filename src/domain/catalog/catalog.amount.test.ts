import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectBenefitType, extractMaxAmount, findAmounts, parseKrwAmount } from './catalog.amount.ts';

describe('parseKrwAmount', () => {
  it.each([
    ['최대 200만원', 2_000_000],
    ['1.5억', 150_000_000],
    ['3천만원', 30_000_000],
    ['1억 5천만원', 150_000_000],
    ['1억5천만원', 150_000_000],
    ['3,000만원', 30_000_000],
    ['1,500천원', 1_500_000],
    ['500,000원', 500_000],
    ['2백만원', 2_000_000],
    ['200 만원', 2_000_000],
    ['5천원', 5_000],
    ['1억원', 100_000_000],
    ['10억', 1_000_000_000],
    ['업체당 0.5억원 한도', 50_000_000],
    ['200만 2026년', 2_000_000],
  ])('%s → %d', (text, value) => expect(parseKrwAmount(text)).toBe(value));

  it.each(['2026년', '10%', '3천', '5인 미만', '', '원', '만원', '제3조'])('%j → undefined', (text) =>
    expect(parseKrwAmount(text)).toBeUndefined(),
  );

  it('finds every amount in order', () => {
    expect(findAmounts('일반 최대 500만원, 스마트 최대 1,500만원').map((a) => a.value)).toEqual([5_000_000, 15_000_000]);
  });

  it('never throws and returns positive safe integers (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        for (const a of findAmounts(s)) {
          expect(Number.isSafeInteger(a.value)).toBe(true);
          expect(a.value).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('extractMaxAmount', () => {
  it.each([
    ['연매출 3억원 이하 소상공인에게 최대 200만원 지원', 2_000_000],
    ['일반상점 최대 500만원, 스마트슈퍼 최대 1,500만원', 15_000_000],
    ['업체당 200만원 이내', 2_000_000],
    ['- 대출한도 : 업체당 최대 7천만원 이내', 70_000_000],
    ['보증한도 : 업체당 최대 1.5억원', 150_000_000],
    ['전기요금 20만원 지원', 200_000],
    ['매출액 10억원 미만 기업에 컨설팅 제공', undefined],
    ['연매출 3억원 이하', undefined],
    ['월 2만원씩 12개월', undefined],
    ['자본금 1억원 이상 법인', undefined],
    ['', undefined],
  ])('%j → %s', (text, value) => expect(extractMaxAmount(text)).toBe(value));
});

describe('detectBenefitType', () => {
  it.each([
    ['소상공인 특례보증 지원', 'guarantee'],
    ['정책자금 융자', 'loan'],
    ['운전자금 대출', 'loan'],
    ['점포 환경개선비 지원 (자부담 10%)', 'subsidy'],
    ['전기요금 지원', 'subsidy'],
    ['바우처 제공', 'subsidy'],
    ['희망장려금 지급', 'grant'],
    ['업체당 최대 30만원 지원', 'grant'],
    ['경영 컨설팅 제공', 'service'],
    ['온라인 판로 지원', 'service'],
    ['임대보증금 지원', undefined], // 보증금 is a deposit, not a guarantee
    ['안내', undefined],
  ])('%j → %s', (text, type) => expect(detectBenefitType(text)).toBe(type));
});
