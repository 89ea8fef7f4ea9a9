/**
 * Reporting periods (pure). All dates are Korean calendar dates (KST, UTC+9, no daylight saving):
 * a report "for November" means 1–30 November in Korea, whatever the server's time zone.
 * A period is inclusive at both ends: { from: '2026-11-01', to: '2026-11-30' }.
 */
import { startOfKstDay } from '../korean-time.ts';

export interface Period {
  from: string;
  to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY_MS = 86_400_000;

export function isIsoDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function isMonth(s: string): boolean {
  return MONTH.test(s);
}

/** Whole calendar days from `a` to `b` (YYYY-MM-DD); negative when b is before a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The month n months after `month` (n may be negative). */
export function addMonths(month: string, n: number): string {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + n;
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}`;
}

export function lastDayOfMonth(month: string): string {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}

export function monthPeriod(month: string): Period {
  return { from: `${month}-01`, to: lastDayOfMonth(month) };
}

/** The month before the one `today` is in (what the report of the 1st covers). */
export function previousMonth(today: string): string {
  return addMonths(monthOf(today), -1);
}

/** Every month touched by the period, in order. */
export function monthsOf(p: Period): string[] {
  const out: string[] = [];
  for (let m = monthOf(p.from); m <= monthOf(p.to); m = addMonths(m, 1)) out.push(m);
  return out;
}

/**
 * The monthly trend shows the 12 calendar months ending with the period's last month, so a
 * one-month period still shows where that month sits in the year.
 */
export function trendMonths(p: Period, count = 12): string[] {
  const last = monthOf(p.to);
  return Array.from({ length: count }, (_, i) => addMonths(last, i - count + 1));
}

/** The dashboards open on the year to date (1 January to today, Korean dates). */
export function yearToDate(today: string): Period {
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

export function inPeriod(date: string | null | undefined, p: Period): boolean {
  return !!date && date >= p.from && date <= p.to;
}

/** The instants [start, end) that cover the period's Korean dates (for timestamptz columns). */
export function periodInstants(p: Period): { start: Date; end: Date } {
  return {
    start: startOfKstDay(p.from),
    end: startOfKstDay(addDays(p.to, 1)),
  };
}

/** Length in days (inclusive). */
export function periodDays(p: Period): number {
  return daysBetween(p.from, p.to) + 1;
}
