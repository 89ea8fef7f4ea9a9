/**
 * Times in Korean time for the recruitment pages and service. TEMPORARY names (issue 10 §3): the
 * one Korean-time helper is src/domain/korean-time.ts and the display formats are in
 * src/web/format.ts; this file only keeps the recruitment names until the recruitment split lands.
 */
import { endOfKstDay, kstDate, kstDateTimeLocal } from '../../domain/korean-time.ts';
import { addMonthsClamped } from '../../domain/eligibility/eligibility.dates.ts';
import { formatDate, formatDateTime as formatDateTimeKst } from '../../web/format.ts';

export { endOfKstDay, formatDate, kstDate };

/** `2026-04-19T09:00` for a datetime-local input. */
export const toKstInput = kstDateTimeLocal;

/** Adds whole months to a `YYYY-MM-DD` date (clamped to the month's last day). */
export const addMonths = addMonthsClamped;

export function formatDateTime(d: Date | null | undefined, locale: string): string {
  return formatDateTimeKst(d, locale);
}

/** `11.30` — short enough for an SMS. */
export function shortDate(d: Date): string {
  const s = kstDate(d);
  return `${Number(s.slice(5, 7))}.${Number(s.slice(8, 10))}`;
}

/** `2027년 1월 4일` (Korean long form, for certificates and letters). */
export function longDate(d: Date | string, locale = 'ko'): string {
  return formatDate(d, locale, 'long');
}
