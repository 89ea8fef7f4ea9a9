/**
 * Times in Korean time (Asia/Seoul, UTC+9, no daylight saving) whatever the server's TZ: the
 * application period, interview times and notices are read by people in Korea.
 */
const KST_OFFSET_MS = 9 * 60 * 60_000;

/** `2026-04-19T09:00` for a datetime-local input. */
export function toKstInput(d: Date | null | undefined): string {
  if (!d) return '';
  return new Date(d.getTime() + KST_OFFSET_MS).toISOString().slice(0, 16);
}

/** The Korean calendar date of an instant, `YYYY-MM-DD`. */
export function kstDate(d: Date): string {
  return new Date(d.getTime() + KST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Adds whole months to a `YYYY-MM-DD` date (clamped to the month's last day). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** The end of a Korean calendar day as an instant. */
export function endOfKstDay(date: string): Date {
  return new Date(`${date}T23:59:59+09:00`);
}

export function formatDateTime(d: Date | null | undefined, locale: string): string {
  if (!d) return '—';
  return new Intl.DateTimeFormat(locale === 'ko' ? 'ko-KR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Seoul',
  }).format(d);
}

export function formatDate(d: Date | string | null | undefined, locale: string): string {
  if (!d) return '—';
  const date = typeof d === 'string' ? new Date(`${d}T00:00:00+09:00`) : d;
  return new Intl.DateTimeFormat(locale === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'medium', timeZone: 'Asia/Seoul' }).format(date);
}

/** `11.30` — short enough for an SMS. */
export function shortDate(d: Date): string {
  const s = kstDate(d);
  return `${Number(s.slice(5, 7))}.${Number(s.slice(8, 10))}`;
}

/** `2027년 1월 4일` (Korean long form, for certificates and letters). */
export function longDate(d: Date | string, locale = 'ko'): string {
  const date = typeof d === 'string' ? new Date(`${d}T00:00:00+09:00`) : d;
  return new Intl.DateTimeFormat(locale === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'long', timeZone: 'Asia/Seoul' }).format(date);
}
