import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brnKind, containsRrn, formatBrn, isValidBrn, isValidCorporateNumber } from './identifiers.ts';

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
