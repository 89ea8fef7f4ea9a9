/**
 * 구비서류 유효기간: pure date arithmetic over a document type's `validity` rule.
 *
 * Dates are calendar dates 'YYYY-MM-DD' (Korean civil dates, no time, no time zone): every result
 * is the LAST DAY ON WHICH THE DOCUMENT IS STILL VALID (inclusive).
 *
 * How periods are counted (the reading chosen, see docs/domain.md "Documents" — check):
 * - Tax-law periods are counted by 민법 (국세기본법 제4조; 지방세기본법 likewise). 민법 제157조: a
 *   period in days/weeks/months/years does not count its first day unless it starts at 00:00
 *   (초일불산입); a certificate is issued during the day, so the issue day is not counted. 제159조:
 *   the period ends when its last day ends.
 * - So 납세증명서 "발급일부터 30일간", issued 2026-01-01: day 1 is 01-02, day 30 is 01-31 → valid
 *   through 2026-01-31 (= issue date + 30 days). The other reading (counting the issue day as day 1,
 *   → 01-30) is one day shorter; we do not use it, because the statute says to apply 민법 and the
 *   certificate's own printed 유효기간 wins anyway. The "만료 임박" warning (14 days by default)
 *   keeps clerks far from the edge either way.
 * - Months (민법 제160조): counted by the calendar; the period ends the day before the date in the
 *   last month that corresponds to the start day, and on that month's last day when the month has
 *   no such date. With the first day excluded this is "the same day-of-month N months later,
 *   clamped to the month end": 2026-01-15 + 3 months → 2026-04-15; 2025-11-30 + 3 → 2026-02-28;
 *   2028-01-29 + 1 → 2028-02-29 (leap year).
 * - fixedYearEnd (소상공인확인서, December closers, month 3 day 31): valid until the next 31 March
 *   on or after the issue day: issued 2026-05-10 → 2027-03-31; issued 2026-02-10 → 2026-03-31;
 *   issued on 2026-03-31 itself → 2026-03-31 (issued before 1 April = on the previous year's
 *   figures). A 29 February end date falls back to the 28th in common years.
 * - perNotice: the notice decides; until it does we assume `defaultDays`, counted like `days`.
 * - none: no expiry (`null`).
 */
import { getDocumentType, ValidityRuleSchema, type ValidityRule } from './document-types.ts';

export type DocumentStatus = 'missing' | 'valid' | 'expiring' | 'expired';

/** Korean labels (없음 / 유효 / 만료 임박 / 만료). */
export const DOCUMENT_STATUS_LABELS: Readonly<Record<DocumentStatus, string>> = {
  missing: '없음',
  valid: '유효',
  expiring: '만료 임박',
  expired: '만료',
};

/** A document type code, a type (or DB row) carrying a validity rule, or the rule itself. */
export type ValiditySource = string | { validity: unknown } | ValidityRule;

// ── Calendar helpers (proleptic Gregorian, via UTC so no time zone or DST can interfere) ─────────
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd {
  y: number;
  m: number; // 1–12
  d: number;
}

function parseDate(s: string, what: string): Ymd {
  const m = ISO_DATE.exec(s);
  if (!m) throw new RangeError(`${what} must be YYYY-MM-DD, got ${JSON.stringify(s)}`);
  const ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  if (ymd.m < 1 || ymd.m > 12 || ymd.d < 1 || ymd.d > daysInMonth(ymd.y, ymd.m)) {
    throw new RangeError(`${what} is not a calendar date: ${s}`);
  }
  return ymd;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function toDayNumber({ y, m, d }: Ymd): number {
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function format({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function addMonthsClamped(date: Ymd, months: number): Ymd {
  const idx = date.y * 12 + (date.m - 1) + months;
  const y = Math.floor(idx / 12);
  const m = (idx % 12) + 1;
  return { y, m, d: Math.min(date.d, daysInMonth(y, m)) };
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(parseDate(to, 'to')) - toDayNumber(parseDate(from, 'from'));
}

function resolveRule(type: ValiditySource): ValidityRule {
  if (typeof type === 'string') return getDocumentType(type).validity;
  // A DB row's `validity` is JSON: validate it rather than trust it.
  const raw: unknown = 'kind' in type ? type : type.validity;
  return ValidityRuleSchema.parse(raw);
}

/**
 * The last valid day (inclusive) of a document issued on `issuedOn`, or `null` when the type does
 * not expire. Throws RangeError on a malformed date or an unknown type code.
 */
export function validUntil(type: ValiditySource, issuedOn: string): string | null {
  const rule = resolveRule(type);
  const issued = parseDate(issuedOn, 'issuedOn');
  switch (rule.kind) {
    case 'days':
      return fromDayNumber(toDayNumber(issued) + rule.days);
    case 'perNotice':
      return fromDayNumber(toDayNumber(issued) + rule.defaultDays);
    case 'months':
      return format(addMonthsClamped(issued, rule.months));
    case 'fixedYearEnd': {
      const sameYear = { y: issued.y, m: rule.month, d: Math.min(rule.day, daysInMonth(issued.y, rule.month)) };
      if (toDayNumber(sameYear) >= toDayNumber(issued)) return format(sameYear);
      const y = issued.y + 1;
      return format({ y, m: rule.month, d: Math.min(rule.day, daysInMonth(y, rule.month)) });
    }
    case 'none':
      return null;
  }
}

export interface DocumentStatusOptions {
  /**
   * The held document's recorded expiry (`business_document.valid_until`): the date printed on the
   * certificate wins over the computed one. `undefined` = compute from the type.
   */
  validUntil?: string | null;
}

/**
 * 없음 / 유효 / 만료 임박 / 만료 on `refDate`.
 *
 * - `missing`: no document (`issuedOn` null), or one issued after `refDate` (not yet held then).
 * - `expired`: `refDate` is after the last valid day.
 * - `expiring`: `refDate` is within the last `soonDays` valid days (the last valid day included):
 *   with 14, a certificate valid through 01-31 is "만료 임박" from 01-18 and still valid on 01-17.
 * - `valid`: otherwise, and always for types that do not expire.
 */
export function documentStatus(
  type: ValiditySource,
  issuedOn: string | null,
  refDate: string,
  soonDays = 14,
  options: DocumentStatusOptions = {},
): DocumentStatus {
  if (!Number.isInteger(soonDays) || soonDays < 0) throw new RangeError(`soonDays must be a non-negative integer, got ${soonDays}`);
  parseDate(refDate, 'refDate');
  if (issuedOn === null) return 'missing';
  if (daysBetween(issuedOn, refDate) < 0) return 'missing';
  const until = options.validUntil !== undefined ? options.validUntil : validUntil(type, issuedOn);
  if (until === null) return 'valid';
  const remaining = daysBetween(refDate, until);
  if (remaining < 0) return 'expired';
  if (remaining < soonDays) return 'expiring';
  return 'valid';
}
