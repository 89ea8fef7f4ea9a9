import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween, daysInMonth, documentStatus, DOCUMENT_STATUS_LABELS, isLeapYear, validUntil } from './document-validity.ts';

describe('validUntil — days (납세증명서, 발급일부터 30일간)', () => {
  it('does not count the issue day (민법 제157조): issued 01-01 → valid through 01-31', () => {
    expect(validUntil('national_tax_certificate', '2026-01-01')).toBe('2026-01-31');
    expect(validUntil('local_tax_certificate', '2026-01-01')).toBe('2026-01-31');
  });
  it('crosses month and year ends', () => {
    expect(validUntil('national_tax_certificate', '2026-01-31')).toBe('2026-03-02'); // February has 28 days in 2026
    expect(validUntil('national_tax_certificate', '2026-12-15')).toBe('2027-01-14');
  });
  it('counts 29 February in leap years', () => {
    expect(validUntil('national_tax_certificate', '2028-02-01')).toBe('2028-03-02');
    expect(validUntil('national_tax_certificate', '2027-02-01')).toBe('2027-03-03');
  });
  it('accepts a rule or a DB row as well as a code', () => {
    expect(validUntil({ kind: 'days', days: 30 }, '2026-01-01')).toBe('2026-01-31');
    expect(validUntil({ validity: { kind: 'days', days: 7 } }, '2026-01-01')).toBe('2026-01-08');
    expect(() => validUntil({ validity: { kind: 'days' } }, '2026-01-01')).toThrow();
  });
});

describe('validUntil — months (민법 제160조)', () => {
  const m1 = { kind: 'months', months: 1 } as const;
  const m3 = { kind: 'months', months: 3 } as const;
  it('ends on the same day-of-month N months later', () => {
    expect(validUntil(m3, '2026-01-15')).toBe('2026-04-15');
    expect(validUntil('policy_fund_confirmation', '2026-01-15')).toBe('2026-04-15');
    expect(validUntil(m3, '2026-11-10')).toBe('2027-02-10');
  });
  it('ends on the month end when the last month has no such day', () => {
    expect(validUntil(m3, '2025-11-30')).toBe('2026-02-28');
    expect(validUntil(m1, '2026-01-31')).toBe('2026-02-28');
    expect(validUntil(m1, '2026-03-31')).toBe('2026-04-30');
  });
  it('respects leap years', () => {
    expect(validUntil(m1, '2028-01-29')).toBe('2028-02-29');
    expect(validUntil(m1, '2028-01-31')).toBe('2028-02-29');
    expect(validUntil(m1, '2028-01-28')).toBe('2028-02-28');
    expect(validUntil({ kind: 'months', months: 12 }, '2028-02-29')).toBe('2029-02-28');
  });
});

describe('validUntil — fixedYearEnd (소상공인확인서, 12월 결산: 다음 3월 31일까지)', () => {
  it('issued after 31 March → 31 March of the next year', () => {
    expect(validUntil('small_business_cert', '2026-05-10')).toBe('2027-03-31');
    expect(validUntil('small_business_cert', '2026-04-01')).toBe('2027-03-31');
    expect(validUntil('small_business_cert', '2026-12-31')).toBe('2027-03-31');
  });
  it('issued on or before 31 March → 31 March of the same year', () => {
    expect(validUntil('small_business_cert', '2026-02-10')).toBe('2026-03-31');
    expect(validUntil('small_business_cert', '2026-01-01')).toBe('2026-03-31');
    expect(validUntil('small_business_cert', '2026-03-31')).toBe('2026-03-31');
  });
  it('clamps a 29 February end date in common years', () => {
    const feb29 = { kind: 'fixedYearEnd', month: 2, day: 29 } as const;
    expect(validUntil(feb29, '2027-03-01')).toBe('2028-02-29');
    expect(validUntil(feb29, '2026-03-01')).toBe('2027-02-28');
    expect(validUntil(feb29, '2027-02-28')).toBe('2027-02-28');
  });
});

describe('validUntil — perNotice and none', () => {
  it('perNotice uses its default days until the notice says otherwise', () => {
    expect(validUntil('business_registration_cert', '2026-01-01')).toBe('2026-04-01'); // 90 days
  });
  it('none never expires', () => {
    expect(validUntil('id_copy_masked', '2001-01-01')).toBeNull();
    expect(validUntil('lease_contract', '2026-01-01')).toBeNull();
  });
});

describe('validUntil — input checks', () => {
  it('rejects malformed and impossible dates', () => {
    expect(() => validUntil('national_tax_certificate', '2026-1-1')).toThrow(RangeError);
    expect(() => validUntil('national_tax_certificate', '2026-02-29')).toThrow(RangeError);
    expect(() => validUntil('national_tax_certificate', '2026-13-01')).toThrow(RangeError);
    expect(() => validUntil('national_tax_certificate', '2026-04-31')).toThrow(RangeError);
    expect(validUntil('national_tax_certificate', '2028-02-29')).toBe('2028-03-30');
  });
  it('rejects an unknown type code', () => {
    expect(() => validUntil('no_such_document', '2026-01-01')).toThrow(RangeError);
  });
});

describe('documentStatus', () => {
  const tax = 'national_tax_certificate'; // issued 2026-01-01 → valid through 2026-01-31

  it('missing when there is no document, or it was issued after the reference date', () => {
    expect(documentStatus(tax, null, '2026-01-10')).toBe('missing');
    expect(documentStatus(tax, '2026-01-11', '2026-01-10')).toBe('missing');
  });
  it('valid on the issue day and until the warning window', () => {
    expect(documentStatus(tax, '2026-01-01', '2026-01-01')).toBe('valid');
    expect(documentStatus(tax, '2026-01-01', '2026-01-17')).toBe('valid');
  });
  it('expiring during the last 14 valid days, the last day included', () => {
    expect(documentStatus(tax, '2026-01-01', '2026-01-18')).toBe('expiring');
    expect(documentStatus(tax, '2026-01-01', '2026-01-31')).toBe('expiring');
  });
  it('expired the day after the last valid day', () => {
    expect(documentStatus(tax, '2026-01-01', '2026-02-01')).toBe('expired');
    expect(documentStatus(tax, '2026-01-01', '2027-01-01')).toBe('expired');
  });
  it('soonDays is configurable; 0 turns the warning off', () => {
    expect(documentStatus(tax, '2026-01-01', '2026-01-31', 0)).toBe('valid');
    expect(documentStatus(tax, '2026-01-01', '2026-01-31', 1)).toBe('expiring');
    expect(documentStatus(tax, '2026-01-01', '2026-01-30', 1)).toBe('valid');
    expect(documentStatus(tax, '2026-01-01', '2026-01-02', 30)).toBe('expiring');
    expect(() => documentStatus(tax, '2026-01-01', '2026-01-02', -1)).toThrow(RangeError);
    expect(() => documentStatus(tax, '2026-01-01', '2026-01-02', 1.5)).toThrow(RangeError);
  });
  it('소상공인확인서 across 31 March', () => {
    const c = 'small_business_cert';
    expect(documentStatus(c, '2026-05-10', '2027-03-01')).toBe('valid');
    expect(documentStatus(c, '2026-05-10', '2027-03-31')).toBe('expiring');
    expect(documentStatus(c, '2026-05-10', '2027-04-01')).toBe('expired');
    expect(documentStatus(c, '2026-02-10', '2026-04-01')).toBe('expired');
  });
  it('types without expiry stay valid', () => {
    expect(documentStatus('id_copy_masked', '1999-01-01', '2026-01-01')).toBe('valid');
  });
  it('a recorded expiry (printed on the certificate) wins over the computed one', () => {
    // A 납세증명서 shortened to a tax due date printed on it.
    expect(documentStatus(tax, '2026-01-01', '2026-01-20', 0, { validUntil: '2026-01-15' })).toBe('expired');
    expect(documentStatus(tax, '2026-01-01', '2026-01-20', 14, { validUntil: null })).toBe('valid');
  });
  it('rejects a malformed reference date', () => {
    expect(() => documentStatus(tax, '2026-01-01', '20260101')).toThrow(RangeError);
  });
  it('has Korean labels', () => {
    expect(DOCUMENT_STATUS_LABELS).toEqual({ missing: '없음', valid: '유효', expiring: '만료 임박', expired: '만료' });
  });
});

describe('calendar helpers', () => {
  it('leap years', () => {
    expect([2024, 2028, 2000].map(isLeapYear)).toEqual([true, true, true]);
    expect([2026, 2100, 1900].map(isLeapYear)).toEqual([false, false, false]);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });
  it('daysBetween', () => {
    expect(daysBetween('2026-01-01', '2026-01-31')).toBe(30);
    expect(daysBetween('2026-01-31', '2026-01-01')).toBe(-30);
    expect(daysBetween('2027-12-31', '2028-03-01')).toBe(61);
  });
});

describe('properties', () => {
  const date = fc
    .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('days: exactly N days after issue; valid on the last day, expired the next', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 400 }), (issued, days) => {
        const until = validUntil({ kind: 'days', days }, issued)!;
        expect(daysBetween(issued, until)).toBe(days);
        expect(documentStatus({ kind: 'days', days }, issued, until, 0)).toBe('valid');
        const next = validUntil({ kind: 'days', days: days + 1 }, issued)!;
        expect(documentStatus({ kind: 'days', days }, issued, next, 0)).toBe('expired');
      }),
    );
  });

  it('months: never before the issue day, at most 31·N days later, same day-of-month or a month end', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 36 }), (issued, months) => {
        const until = validUntil({ kind: 'months', months }, issued)!;
        const span = daysBetween(issued, until);
        expect(span).toBeGreaterThanOrEqual(28 * months);
        expect(span).toBeLessThanOrEqual(31 * months);
        const [y, m, d] = until.split('-').map(Number) as [number, number, number];
        const issuedDay = Number(issued.slice(8));
        expect(d === issuedDay || (d < issuedDay && d === daysInMonth(y, m))).toBe(true);
      }),
    );
  });

  it('fixedYearEnd: the first 31 March on or after issue, less than a year away', () => {
    fc.assert(
      fc.property(date, (issued) => {
        const until = validUntil('small_business_cert', issued)!;
        expect(until.slice(5)).toBe('03-31');
        const span = daysBetween(issued, until);
        expect(span).toBeGreaterThanOrEqual(0);
        expect(span).toBeLessThan(366);
      }),
    );
  });
});
