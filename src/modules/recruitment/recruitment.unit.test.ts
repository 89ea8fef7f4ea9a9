import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderTemplate, SMS_MAX_BYTES, smsByteLength } from '../notifications/notifications.templates.ts';
import { accessCode, normalizeCode, phaseOf, receiptNumber } from './recruitment.core.ts';
import { addMonthsClamped as addMonths } from '../../domain/eligibility/eligibility.dates.ts';
import { formatMonthDay } from '../../domain/format.ts';
import { endOfKstDay, kstDate, kstDateTimeLocal } from '../../domain/korean-time.ts';

describe('access codes and receipt numbers', () => {
  it('makes readable codes from an alphabet without look-alikes, compared case- and hyphen-blind', () => {
    for (let i = 0; i < 200; i++) expect(accessCode()).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(normalizeCode(' abcd-ef23 ')).toBe('ABCDEF23');
    expect(receiptNumber(3, 7)).toBe('R3-0007');
    expect(receiptNumber(12, 12345)).toBe('R12-12345');
  });
  it('knows the phase of a round', () => {
    const r = { opensAt: new Date('2027-04-19T00:00:00Z'), closesAt: new Date('2027-05-02T09:00:00Z') };
    expect(phaseOf(r, new Date('2027-04-18T23:59:59Z'))).toBe('before');
    expect(phaseOf(r, new Date('2027-04-19T00:00:00Z'))).toBe('open');
    expect(phaseOf(r, new Date('2027-05-02T09:00:00Z'))).toBe('closed');
  });
});

describe('Korean time', () => {
  it('converts for inputs and dates, whatever the server zone', () => {
    expect(kstDateTimeLocal(new Date('2027-04-19T00:00:00Z'))).toBe('2027-04-19T09:00');
    expect(kstDate(new Date('2027-04-19T16:00:00Z'))).toBe('2027-04-20');
    expect(endOfKstDay('2027-05-02').toISOString()).toBe('2027-05-02T14:59:59.000Z');
    expect(formatMonthDay(new Date('2027-05-02T09:00:00Z'))).toBe('5.2');
  });
  it('adds months, clamping to the end of shorter months (property: never overflows the month)', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2027-12-05', 12)).toBe('2028-12-05');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 60 }),
        (d, n) => {
          const from = d.toISOString().slice(0, 10);
          const to = addMonths(from, n);
          const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
          expect(months).toBe(n);
        },
      ),
    );
  });
});

describe('recruitment notices', () => {
  const params = {
    name: '김지원',
    roundTitle: '2027년 공공사무원 모집',
    code: 'ABCD-EF23',
    expiresAt: '2027. 5. 2. 오후 6:00',
    expiresShort: '5.2',
    receiptNo: 'R12-0034',
    position: 3,
    at: '2027. 5. 10. 오후 2:00',
    place: '수원 사무소',
  };
  const names = [
    'recruitment.code',
    'recruitment.received',
    'recruitment.interview',
    'recruitment.selected',
    'recruitment.waiting',
    'recruitment.rejected',
    'recruitment.promoted',
  ] as const;
  it('fit in one SMS (90 bytes EUC-KR) with typical values, in Korean and English', () => {
    for (const n of names) {
      for (const locale of ['ko', 'en']) {
        const { body } = renderTemplate(n, 'sms', locale, params);
        expect(smsByteLength(body), `${n}/${locale}: ${body}`).toBeLessThanOrEqual(SMS_MAX_BYTES);
      }
    }
  });
  it('carry the code and the receipt number, and never a resident registration number field', () => {
    expect(renderTemplate('recruitment.code', 'email', 'ko', params).body).toContain('코드: ABCD-EF23');
    expect(renderTemplate('recruitment.code', 'sms', 'ko', params).body).toContain('ABCD-EF23');
    expect(renderTemplate('recruitment.received', 'email', 'ko', params).body).toContain('접수번호: R12-0034');
    expect(renderTemplate('recruitment.waiting', 'sms', 'ko', params).body).toContain('대기 3번');
  });
});
