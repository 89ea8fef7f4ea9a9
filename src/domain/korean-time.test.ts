import { describe, expect, it } from 'vitest';
import { endOfKstDay, fromKstDateTimeLocal, kstDate, kstDateTimeLocal, kstHour, kstTimestamp, msIntoKstDay, startOfKstDay } from './korean-time.ts';

describe('Korean time', () => {
  it('turns the date at 15:00 UTC (midnight in Seoul)', () => {
    expect(kstDate(new Date('2026-11-30T14:59:59Z'))).toBe('2026-11-30');
    expect(kstDate(new Date('2026-11-30T15:00:00Z'))).toBe('2026-12-01');
    expect(kstHour(new Date('2026-11-30T15:00:00Z'))).toBe(0);
    expect(msIntoKstDay(new Date('2026-11-30T15:00:01Z'))).toBe(1000);
  });
  it('gives the instants a Korean day begins and ends', () => {
    expect(startOfKstDay('2027-05-02').toISOString()).toBe('2027-05-01T15:00:00.000Z');
    expect(endOfKstDay('2027-05-02').toISOString()).toBe('2027-05-02T14:59:59.000Z');
  });
  it('reads and writes datetime-local values in Korean time', () => {
    expect(kstDateTimeLocal(new Date('2027-04-19T00:00:00Z'))).toBe('2027-04-19T09:00');
    expect(kstDateTimeLocal(null)).toBe('');
    expect(fromKstDateTimeLocal('2027-04-19T09:00').toISOString()).toBe('2027-04-19T00:00:00.000Z');
    expect(kstTimestamp(new Date('2027-04-19T00:00:05Z'))).toBe('2027-04-19 09:00:05');
  });
});
