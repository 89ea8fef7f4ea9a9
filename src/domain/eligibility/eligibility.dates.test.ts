import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  ageOn,
  dateOfAge,
  formatMonthsKo,
  fromDayNumber,
  isIsoDate,
  toDayNumber,
  wholeMonthsBetween,
} from './eligibility.dates.ts';

const dateArb = fc.integer({ min: toDayNumber('1950-01-01'), max: toDayNumber('2060-12-31') }).map(fromDayNumber);

describe('calendar basics', () => {
  it.each([
    ['1970-01-01', 0],
    ['2000-02-29', 11016],
    ['2024-03-01', 19783],
    ['1969-12-31', -1],
  ])('day number of %s is %i', (d, n) => {
    expect(toDayNumber(d)).toBe(n);
    expect(fromDayNumber(n)).toBe(d);
  });

  it('agrees with Date.UTC on random dates', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        expect(toDayNumber(d)).toBe(Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000);
      }),
    );
  });

  it.each(['2025-02-29', '2025-13-01', '2025-04-31', '2025-1-01', ''])('rejects %j', (d) => expect(isIsoDate(d)).toBe(false));

  it('adds months with the month-end clamp of 민법 제160조 ③', () => {
    expect(addMonthsClamped('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsClamped('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonthsClamped('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonthsClamped('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonthsClamped('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonthsClamped('2024-12-15', 1)).toBe('2025-01-15');
  });
});

describe('업력 in whole months (wholeMonthsBetween)', () => {
  it.each([
    // exactly 3 years = 36 months on the anniversary, 35 the day before
    ['2024-03-02', '2027-03-02', 36],
    ['2024-03-02', '2027-03-01', 35],
    // leap day: 12 months on 2025-02-28 (no 29 February in 2025)
    ['2024-02-29', '2025-02-28', 12],
    ['2024-02-29', '2025-02-27', 11],
    ['2024-02-29', '2028-02-28', 47],
    ['2024-02-29', '2028-02-29', 48],
    // month ends
    ['2024-01-31', '2024-02-29', 1],
    ['2024-01-31', '2024-02-28', 0],
    ['2024-01-31', '2024-03-30', 1],
    ['2024-01-31', '2024-03-31', 2],
    ['2024-03-31', '2024-04-30', 1],
    ['2024-01-30', '2024-02-29', 1],
    // same day, and before opening
    ['2026-05-01', '2026-05-01', 0],
    ['2026-05-01', '2026-04-30', -1],
    ['2026-05-01', '2020-01-01', -1],
  ])('from %s to %s is %i', (from, to, n) => {
    expect(wholeMonthsBetween(from, to)).toBe(n);
  });

  it('reaches N exactly on addMonthsClamped(from, N), never earlier', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 600 }), (from, n) => {
        const at = addMonthsClamped(from, n);
        expect(wholeMonthsBetween(from, at)).toBe(n);
        if (n > 0) expect(wholeMonthsBetween(from, addDays(at, -1))).toBe(n - 1);
      }),
    );
  });

  it('never decreases as the reference date moves forward', () => {
    fc.assert(
      fc.property(dateArb, dateArb, fc.integer({ min: 1, max: 400 }), (from, to, step) => {
        expect(wholeMonthsBetween(from, addDays(to, step))).toBeGreaterThanOrEqual(wholeMonthsBetween(from, to));
      }),
    );
  });

  it('formats durations the way notices do', () => {
    expect(formatMonthsKo(31)).toBe('2년 7개월');
    expect(formatMonthsKo(36)).toBe('3년');
    expect(formatMonthsKo(6)).toBe('6개월');
    expect(formatMonthsKo(0)).toBe('0개월');
  });
});

describe('만 나이 (ageOn, dateOfAge)', () => {
  it.each([
    ['1990-05-10', '2026-05-09', 35],
    ['1990-05-10', '2026-05-10', 36],
    // born on 29 February: a year older on 1 March in common years
    ['2000-02-29', '2001-02-28', 0],
    ['2000-02-29', '2001-03-01', 1],
    ['2000-02-29', '2004-02-29', 4],
  ])('born %s, on %s is %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });

  it('dateOfAge is the first day of that age', () => {
    expect(dateOfAge('2000-02-29', 1)).toBe('2001-03-01');
    expect(dateOfAge('2000-02-29', 4)).toBe('2004-02-29');
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 90 }), (birth, n) => {
        const d = dateOfAge(birth, n);
        expect(ageOn(birth, d)).toBe(n);
        expect(ageOn(birth, addDays(d, -1))).toBe(n - 1);
      }),
    );
  });
});
