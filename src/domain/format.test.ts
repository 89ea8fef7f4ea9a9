import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateTime, formatMonthDay, formatWon, formatWonExact } from './format.ts';

describe('formatWon', () => {
  it('writes amounts the Korean way', () => {
    expect(formatWon(1_500_000, 'ko')).toBe('150만 원');
    expect(formatWon(300_000_000, 'ko')).toBe('3억 원');
    expect(formatWon(2_520_000_000, 'ko')).toBe('25억 2,000만 원');
    expect(formatWon(0, 'ko')).toBe('0 원');
    expect(formatWon(2_000_000, 'en')).toBe('KRW 2,000,000');
    expect(formatWon(null, 'ko')).toBe('—');
  });
  it('writes every digit when asked', () => {
    expect(formatWonExact(1_500_000, 'ko')).toBe('1,500,000원');
    expect(formatWonExact(1_500_000, 'en')).toBe('KRW 1,500,000');
  });
});

describe('dates in Korean time', () => {
  it('shows the Korean date of an instant, whatever the server TZ', () => {
    // 15:30 UTC is already the next day in Seoul.
    expect(formatDate(new Date('2026-11-30T15:30:00Z'), 'ko')).toBe('2026. 12. 1.');
    expect(formatDate('2026-12-01', 'ko')).toBe('2026. 12. 1.');
    expect(formatDate('2027-01-04', 'ko', 'long')).toBe('2027년 1월 4일');
    expect(formatDate(null, 'ko')).toBe('—');
  });
  it('writes times in the 24-hour clock', () => {
    expect(formatDateTime(new Date('2026-11-30T06:04:05Z'), 'ko')).toBe('2026. 11. 30. 15:04');
    expect(formatDateTime(new Date('2026-11-30T06:04:05Z'), 'ko', { seconds: true })).toBe('2026. 11. 30. 15:04:05');
    expect(formatDateTime(new Date('2026-11-30T06:04:05Z'), 'en')).toBe('30 Nov 2026, 15:04');
  });
});

describe('formatBytes', () => {
  it('uses KB below a megabyte and never says 0 KB', () => {
    expect(formatBytes(10)).toBe('1 KB');
    expect(formatBytes(820 * 1024)).toBe('820 KB');
    expect(formatBytes(3.4 * 1024 * 1024)).toBe('3.4 MB');
  });
});

describe('formatMonthDay', () => {
  it('writes the Korean month and day, short enough for an SMS', () => {
    expect(formatMonthDay(new Date('2027-05-02T09:00:00Z'))).toBe('5.2');
    // 15:30 UTC on 30 November is already 1 December in Seoul.
    expect(formatMonthDay(new Date('2026-11-30T15:30:00Z'))).toBe('12.1');
  });
});
