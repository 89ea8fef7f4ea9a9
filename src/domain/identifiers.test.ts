import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brnKind, containsRrn, formatBrn, isValidBrn, isValidCorporateNumber, normalizeForRrn } from './identifiers.ts';

describe('사업자등록번호', () => {
  it('accepts the valid examples and rejects a wrong check digit', () => {
    expect(isValidBrn('220-81-62517')).toBe(true);
    expect(isValidBrn('124-81-00998')).toBe(true);
    expect(isValidBrn('2208162517')).toBe(true);
    expect(isValidBrn('220-81-62518')).toBe(false);
    expect(isValidBrn('220-81-6251')).toBe(false);
    expect(isValidBrn('abc-de-fghij')).toBe(false);
  });
  it('tells the kind from the middle part', () => {
    expect(brnKind('220-81-62517')).toBe('corporation');
    expect(brnKind('123-45-67890')).toBe('individual_taxable');
    expect(brnKind('123-92-00000')).toBe('individual_exempt');
  });
  it('exactly one check digit makes any 9-digit prefix valid (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (prefix) => {
        const valid = [...'0123456789'].filter((d) => isValidBrn(prefix + d));
        return valid.length === 1;
      }),
    );
  });
  it('formats as AAA-BB-CCCCC', () => {
    expect(formatBrn('2208162517')).toBe('220-81-62517');
  });
});

describe('법인등록번호 and 주민등록번호', () => {
  it('validates the corporate number example', () => {
    expect(isValidCorporateNumber('130111-0006246')).toBe(true);
    expect(isValidCorporateNumber('130111-0006247')).toBe(false);
  });
  it('spots something that looks like a 주민등록번호 in free text', () => {
    expect(containsRrn('대표자 800101-1234567 입니다')).toBe(true);
    expect(containsRrn('8001011234567')).toBe(true);
    expect(containsRrn('전화 010-1234-5678')).toBe(false);
    expect(containsRrn('사업자 220-81-62517')).toBe(false);
    // The loose 6-7 shape is refused whatever the date: a mistyped or partly masked number is still one.
    expect(containsRrn('991399-1234567')).toBe(true);
    expect(containsRrn('900101–2345678')).toBe(true); // en dash
    expect(containsRrn('주문번호 2026041912345')).toBe(false); // 13 digits in a row, but 20-26-04 is no date
    expect(containsRrn(null)).toBe(false);
  });
});

describe('주민등록번호 written to slip past the check', () => {
  it('normalises full-width digits and dashes, other dashes and invisible characters', () => {
    expect(normalizeForRrn('９００１０１－２３４５６７８')).toBe('900101-2345678');
    expect(normalizeForRrn('900101\u2212234\u200B5678')).toBe('900101-2345678');
    expect(normalizeForRrn('9001\u00AD01\u2011 2345678')).toBe('900101- 2345678');
  });
  it('finds one written with full-width characters, zero-width characters, or ., /, _ between the parts', () => {
    const written = [
      '９００１０１－２３４５６７８',
      '９００１０１２３４５６７８',
      '900101\u200B-\u200B2345678',
      '9\u200C0\u200D0101\uFEFF2345678',
      '900101\u22122345678',
      '900101.2345678',
      '900101/2345678',
      '900101_2345678',
      '파일 scan_900101_2345678.pdf',
      '123456.1234567', // the loose shape, whatever the date
    ];
    for (const w of written) expect(containsRrn(w), w).toBe(true);
  });
  it('still lets phone numbers, 사업자등록번호, dates and amounts through', () => {
    const harmless = ['010.1234.5678', '０１０－１２３４－５６７８', '220.81.62517', '2026.11.30', '2026/11/30', '1.500.000원', 'v2.0.1_build_20261130'];
    for (const h of harmless) expect(containsRrn(h), h).toBe(false);
  });
});
