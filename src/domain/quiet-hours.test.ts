import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUIET_HOURS, isQuietTime, nextAllowedSendTime, type QuietHours } from './quiet-hours.ts';

/** A KST wall-clock time written as ISO with +09:00, so the tests read like the rule. */
const kst = (s: string) => new Date(`${s}+09:00`);

describe('isQuietTime (default 21:00–08:00 KST)', () => {
  it('is quiet from 21:00 up to, not including, 08:00', () => {
    expect(isQuietTime(kst('2026-11-27T20:59:59.999'))).toBe(false);
    expect(isQuietTime(kst('2026-11-27T21:00:00'))).toBe(true);
    expect(isQuietTime(kst('2026-11-27T23:59:59'))).toBe(true);
    expect(isQuietTime(kst('2026-11-28T00:00:00'))).toBe(true);
    expect(isQuietTime(kst('2026-11-28T07:59:59.999'))).toBe(true);
    expect(isQuietTime(kst('2026-11-28T08:00:00'))).toBe(false);
    expect(isQuietTime(kst('2026-11-28T12:00:00'))).toBe(false);
  });
  it('uses Korean time whatever the UTC date is', () => {
    // 2026-11-27T13:30Z is 22:30 KST the same day; 2026-11-27T23:30Z is 08:30 KST the next day.
    expect(isQuietTime(new Date('2026-11-27T13:30:00Z'))).toBe(true);
    expect(isQuietTime(new Date('2026-11-27T23:30:00Z'))).toBe(false);
  });
});

describe('nextAllowedSendTime', () => {
  it('returns now outside the window', () => {
    const now = kst('2026-11-27T14:15:00');
    expect(nextAllowedSendTime(now).getTime()).toBe(now.getTime());
  });
  it('moves 22:30 KST to 08:00 KST the next day', () => {
    expect(nextAllowedSendTime(kst('2026-11-27T22:30:00')).toISOString()).toBe(kst('2026-11-28T08:00:00').toISOString());
  });
  it('moves 03:00 KST to 08:00 KST the same day', () => {
    expect(nextAllowedSendTime(kst('2026-11-28T03:00:00')).toISOString()).toBe(kst('2026-11-28T08:00:00').toISOString());
  });
  it('crosses month and year ends', () => {
    expect(nextAllowedSendTime(kst('2026-12-31T23:00:00')).toISOString()).toBe(kst('2027-01-01T08:00:00').toISOString());
  });
  it('handles a window that does not wrap midnight (12–13)', () => {
    const q = { startHour: 12, endHour: 13 };
    expect(nextAllowedSendTime(kst('2026-11-27T12:30:00'), q).toISOString()).toBe(kst('2026-11-27T13:00:00').toISOString());
    expect(nextAllowedSendTime(kst('2026-11-27T13:00:00'), q).toISOString()).toBe(kst('2026-11-27T13:00:00').toISOString());
    expect(nextAllowedSendTime(kst('2026-11-27T11:59:00'), q).toISOString()).toBe(kst('2026-11-27T11:59:00').toISOString());
  });
  it('has no quiet hours when start equals end', () => {
    const q = { startHour: 22, endHour: 22 };
    const now = kst('2026-11-27T22:30:00');
    expect(isQuietTime(now, q)).toBe(false);
    expect(nextAllowedSendTime(now, q).getTime()).toBe(now.getTime());
  });
  it('refuses hours outside 0–23', () => {
    expect(() => nextAllowedSendTime(new Date(), { startHour: 24, endHour: 8 })).toThrow(RangeError);
    expect(() => isQuietTime(new Date(), { startHour: 21, endHour: 7.5 })).toThrow(RangeError);
  });
});

describe('nextAllowedSendTime (properties)', () => {
  const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
  const hours: fc.Arbitrary<QuietHours> = fc.record({ startHour: fc.integer({ min: 0, max: 23 }), endHour: fc.integer({ min: 0, max: 23 }) });

  it('is never before now and never inside the window', () => {
    fc.assert(
      fc.property(instant, hours, (now, q) => {
        const t = nextAllowedSendTime(now, q);
        return t.getTime() >= now.getTime() && !isQuietTime(t, q);
      }),
    );
  });
  it('is the earliest such time: everything from now up to it is quiet', () => {
    fc.assert(
      fc.property(instant, hours, fc.double({ min: 0, max: 1, noNaN: true }), (now, q, frac) => {
        const t = nextAllowedSendTime(now, q);
        if (t.getTime() === now.getTime()) return !isQuietTime(now, q);
        const between = new Date(now.getTime() + Math.floor((t.getTime() - now.getTime()) * frac));
        return between.getTime() >= t.getTime() || isQuietTime(between, q);
      }),
    );
  });
  it('waits at most 24 hours, and at most 11 hours with the default window', () => {
    fc.assert(
      fc.property(instant, hours, (now, q) => nextAllowedSendTime(now, q).getTime() - now.getTime() <= 24 * 3600_000),
    );
    fc.assert(
      fc.property(instant, (now) => nextAllowedSendTime(now, DEFAULT_QUIET_HOURS).getTime() - now.getTime() <= 11 * 3600_000),
    );
  });
  it('always lands on a whole KST hour when it moves the time', () => {
    fc.assert(
      fc.property(instant, hours, (now, q) => {
        const t = nextAllowedSendTime(now, q);
        return t.getTime() === now.getTime() || (t.getTime() % 3600_000 === 0 && (t.getUTCHours() + 9) % 24 === q.endHour);
      }),
    );
  });
});
