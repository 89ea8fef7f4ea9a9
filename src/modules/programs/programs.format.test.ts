import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n.ts';
import { daysBetween, describePeriod, formatWon } from './programs.format.ts';

describe('formatWon', () => {
  it('writes amounts the Korean way', () => {
    expect(formatWon(1_500_000, 'ko')).toBe('150만 원');
    expect(formatWon(300_000_000, 'ko')).toBe('3억 원');
    expect(formatWon(2_520_000_000, 'ko')).toBe('25억 2,000만 원');
    expect(formatWon(0, 'ko')).toBe('0 원');
    expect(formatWon(2_000_000, 'en')).toBe('KRW 2,000,000');
  });
});

describe('describePeriod', () => {
  const t = translator('ko');
  const p = (periodKind: string, periodStart: string | null, periodEnd: string | null) => ({ periodKind, periodStart, periodEnd, periodRaw: null });
  it('counts down to the deadline and marks closed and future periods', () => {
    expect(describePeriod(p('range', '2026-11-01', '2026-12-01'), '2026-11-27', t, 'ko').badge).toEqual({ text: '마감 4일 전', kind: 'soon' });
    expect(describePeriod(p('range', '2026-11-01', '2026-11-27'), '2026-11-27', t, 'ko').badge?.text).toBe('오늘 마감');
    expect(describePeriod(p('range', '2026-11-01', '2026-11-26'), '2026-11-27', t, 'ko').badge?.kind).toBe('closed');
    expect(describePeriod(p('range', '2026-12-01', '2026-12-31'), '2026-11-27', t, 'ko').badge?.kind).toBe('future');
    expect(describePeriod(p('always', null, null), '2026-11-27', t, 'ko').text).toBe('상시 접수');
  });
  it('computes whole days across month ends and leap days', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });
});
