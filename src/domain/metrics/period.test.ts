import { describe, expect, it } from 'vitest';
import { daysBetween, periodInstants } from './period.ts';

describe('periods in Korean dates', () => {
  it('computes whole days across month ends and leap days', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-11-27', '2026-11-26')).toBe(-1);
  });
  it('covers a period from 00:00 KST of its first day to 00:00 KST after its last', () => {
    const { start, end } = periodInstants({ from: '2026-11-01', to: '2026-11-30' });
    expect(start.toISOString()).toBe('2026-10-31T15:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-30T15:00:00.000Z');
  });
});
