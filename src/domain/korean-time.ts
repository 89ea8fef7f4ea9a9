/**
 * Korean time (KST, UTC+9) whatever the server's TZ: deadlines, reporting months, quiet hours and
 * the dates people read are Korean dates (docs/domain.md "Dates and times"). Korea has observed no
 * daylight saving time since 1988, so a fixed offset is exact, pure and independent of the ICU
 * build; formatting for people (with Intl) is in src/domain/format.ts.
 */
export const KST_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;

const shifted = (at: Date) => new Date(at.getTime() + KST_OFFSET_MS);

/** The Korean calendar date of an instant, `YYYY-MM-DD` ("today" is `kstDate(now())`). */
export function kstDate(at: Date): string {
  return shifted(at).toISOString().slice(0, 10);
}

/** The Korean hour (0–23) of an instant. */
export function kstHour(at: Date): number {
  return shifted(at).getUTCHours();
}

/** `2026-04-19T09:00`: the value of a datetime-local input in Korean time ('' for none). */
export function kstDateTimeLocal(at: Date | null | undefined): string {
  return at ? shifted(at).toISOString().slice(0, 16) : '';
}

/** `2026-04-19 09:00:05`: a sortable Korean timestamp for exports. */
export function kstTimestamp(at: Date): string {
  return shifted(at).toISOString().slice(0, 19).replace('T', ' ');
}

/** Milliseconds since 00:00 KST of the Korean day `at` falls on. */
export function msIntoKstDay(at: Date): number {
  const local = at.getTime() + KST_OFFSET_MS;
  return ((local % DAY_MS) + DAY_MS) % DAY_MS;
}

/** The instant a Korean calendar day (`YYYY-MM-DD`) begins, 00:00:00 KST. */
export function startOfKstDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - KST_OFFSET_MS);
}

/** The last second of a Korean calendar day, 23:59:59 KST (inclusive deadlines). */
export function endOfKstDay(date: string): Date {
  return new Date(startOfKstDay(date).getTime() + DAY_MS - 1000);
}

/** A Korean wall-clock time (`YYYY-MM-DDTHH:mm`, a datetime-local value) as an instant. */
export function fromKstDateTimeLocal(value: string): Date {
  return new Date(`${value}:00+09:00`);
}
