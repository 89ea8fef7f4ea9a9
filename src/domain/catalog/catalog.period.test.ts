import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseKstTimestamp, parsePeriod } from './catalog.period.ts';
import { ApplicationPeriodSchema, type ApplicationPeriod } from './catalog.types.ts';

type Expected = Omit<ApplicationPeriod, 'raw'>;

const OK: [string, Expected][] = [
  ['2026-04-24 ~ 2026-05-15', { kind: 'range', start: '2026-04-24', end: '2026-05-15' }],
  ['2026.04.24 ~ 2026.05.15', { kind: 'range', start: '2026-04-24', end: '2026-05-15' }],
  ['20260424 ~ 20260515', { kind: 'range', start: '2026-04-24', end: '2026-05-15' }],
  ['2026-04-24 09:00 ~ 2026-05-15 18:00', { kind: 'range', start: '2026-04-24', end: '2026-05-15' }],
  ['~ 2026-05-15', { kind: 'range', end: '2026-05-15' }],
  ['2026년 4월 24일 ~ 5월 15일', { kind: 'range', start: '2026-04-24', end: '2026-05-15' }],
  ['2026-04-24 ~ 예산 소진시까지', { kind: 'untilBudget', start: '2026-04-24' }],
  ['상시', { kind: 'always' }],
  ['상시접수', { kind: 'always' }],
  ['연중 상시 모집', { kind: 'always' }],
  ['예산 소진시까지', { kind: 'untilBudget' }],
  ['예산 소진 시까지', { kind: 'untilBudget' }],
  ['사업별 상이', { kind: 'varies' }],
  ['세부사업별 상이', { kind: 'varies' }],
  ['2026. 4. 24.(금) ~ 2026. 5. 15.(금)', { kind: 'range', start: '2026-04-24', end: '2026-05-15' }],
  ['2026/04/24~2026/05/15', { kind: 'range', start: '2026-04-24', end: '2026-05-15' }],
  ['2026-04-24 ～ 2026-05-15', { kind: 'range', start: '2026-04-24', end: '2026-05-15' }],
  ['2026-04-24 ∼ 2026-05-15', { kind: 'range', start: '2026-04-24', end: '2026-05-15' }],
  ['2026-04-24 - 2026-05-15', { kind: 'range', start: '2026-04-24', end: '2026-05-15' }],
  ['２０２６．０４．２４ ～ ２０２６．０５．１５', { kind: 'range', start: '2026-04-24', end: '2026-05-15' }],
  ['2026.04.24(목)부터 2026.05.15(금)까지', { kind: 'range', start: '2026-04-24', end: '2026-05-15' }],
  ['2026.05.15까지', { kind: 'range', end: '2026-05-15' }],
  ['2026-04-30', { kind: 'range', end: '2026-04-30' }],
  ['2026.04.24부터', { kind: 'range', start: '2026-04-24' }],
  ['2026-04-24 ~', { kind: 'range', start: '2026-04-24' }],
  ['2026.12.01 ~ 01.15', { kind: 'range', start: '2026-12-01', end: '2027-01-15' }],
  ['20260424090000 ~ 20260515180000', { kind: 'range', start: '2026-04-24', end: '2026-05-15' }],
  ['2026-04-24 ~ 2026-12-31 (예산 소진 시 조기 마감)', { kind: 'range', start: '2026-04-24', end: '2026-12-31' }],
  ['2026-01-02 ~ 상시', { kind: 'always', start: '2026-01-02' }],
  ['1차: 2026-03-01 ~ 2026-03-15, 2차: 2026-06-01 ~ 2026-06-15', { kind: 'varies', start: '2026-03-01', end: '2026-06-15' }],
  ['2028-02-29 ~ 2028-03-01', { kind: 'range', start: '2028-02-29', end: '2028-03-01' }],
  ['2026-05-15 ~ 2026-05-15', { kind: 'range', start: '2026-05-15', end: '2026-05-15' }],
  ['', { kind: 'unknown' }],
  ['-', { kind: 'unknown' }],
  ['추후 공지', { kind: 'unknown' }],
  ['당해연도 1월~12월', { kind: 'unknown' }],
  ['### garbage ###', { kind: 'unknown' }],
];

const BAD: [string, RegExp][] = [
  ['2026-02-30 ~ 2026-03-15', /2026-02-30.*없는 날짜/],
  ['2026-13-01 ~ 2026-12-31', /2026-13-01/],
  ['2026-02-29 ~ 2026-03-15', /2026-02-29/],
  ['00000000 ~ 20260515', /00000000/],
  ['2026-05-15 ~ 2026-04-24', /종료일\(2026-04-24\)이 시작일\(2026-05-15\)보다 빠릅니다/],
  ['20260615 ~ 20260601', /종료일/],
  ['2026년 4월 24일 ~ 2월 30일', /2월 30일/],
];

describe('parsePeriod', () => {
  it.each(OK)('%j', (raw, expected) => {
    const r = parsePeriod(raw);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.period).toEqual({ ...expected, raw });
    expect(ApplicationPeriodSchema.safeParse(r.period).success).toBe(true);
  });

  it.each(BAD)('rejects %j', (raw, reason) => {
    const r = parsePeriod(raw);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(reason);
    expect(r.raw).toBe(raw);
  });

  it('never throws and always keeps the raw text verbatim (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '~',
        ' ~ ',
        '～',
        '부터',
        '까지',
        '상시',
        '예산 소진시까지',
        '사업별 상이',
        '년',
        '월',
        '일',
        '.',
        '-',
        '/',
        '(목)',
        ' ',
        '\n',
        '09:00',
      ),
      fc.integer({ min: 0, max: 99_999_999 }).map(String),
      fc.integer({ min: 1980, max: 2110 }).map(String),
      fc.string(),
    );
    const input = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.array(piece, { maxLength: 12 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(input, (raw) => {
        const r = parsePeriod(raw);
        if (r.ok) {
          expect(r.period.raw).toBe(raw);
          expect(ApplicationPeriodSchema.safeParse(r.period).success).toBe(true);
        } else {
          expect(r.raw).toBe(raw);
          expect(r.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseKstTimestamp', () => {
  it.each([
    ['2026-04-24 15:39:08', '2026-04-24T15:39:08+09:00'],
    ['20260101120000', '2026-01-01T12:00:00+09:00'],
    ['2026.04.24', '2026-04-24T00:00:00+09:00'],
    ['2026-04-24', '2026-04-24T00:00:00+09:00'],
    ['2026-04-24T06:39:08Z', '2026-04-24T06:39:08.000Z'],
  ])('%s → %s', (raw, iso) => expect(parseKstTimestamp(raw)).toBe(iso));

  it.each(['', 'yesterday', '2026-02-30 10:00:00', '2026-04-24 25:00:00'])('%j → undefined', (raw) =>
    expect(parseKstTimestamp(raw)).toBeUndefined(),
  );
});
