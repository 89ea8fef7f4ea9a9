/**
 * Quiet hours for text messages (SMS/LMS), in Korean time.
 *
 * 정보통신망법 §50 ③ (and 시행령 §61 ②) forbids sending *advertising* messages between 21:00 and
 * 08:00 without a separate prior consent. Our messages are service notices, not advertising, so the
 * law does not strictly bind them — but shop owners read SMS on their personal phones, and the
 * programme keeps the same window as a courtesy. E-mail waits in an inbox and is not held back.
 *
 * Korea Standard Time is UTC+9 all year: Korea has not observed daylight saving time since 1988.
 * We therefore compute with a fixed offset (src/domain/korean-time.ts) instead of `Intl`/tz data,
 * which keeps this function pure, fast, and independent of the server's TZ setting and ICU build.
 */
import { msIntoKstDay } from './korean-time.ts';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export interface QuietHours {
  /** First quiet hour, 0–23 (inclusive, from hh:00:00 KST). */
  startHour: number;
  /** First allowed hour again, 0–23 (exclusive: sending resumes at hh:00:00 KST). */
  endHour: number;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { startHour: 21, endHour: 8 };

function checkHour(name: string, h: number): void {
  if (!Number.isInteger(h) || h < 0 || h > 23) throw new RangeError(`${name} must be an integer hour 0–23, got ${h}`);
}

/**
 * Whether `now` is inside the quiet window [start:00, end:00) KST. The window may wrap midnight
 * (21→8) or not (13→14); start == end means there are no quiet hours.
 */
export function isQuietTime(now: Date, q: QuietHours = DEFAULT_QUIET_HOURS): boolean {
  checkHour('startHour', q.startHour);
  checkHour('endHour', q.endHour);
  if (q.startHour === q.endHour) return false;
  const t = msIntoKstDay(now);
  const start = q.startHour * HOUR_MS;
  const end = q.endHour * HOUR_MS;
  return q.startHour < q.endHour ? t >= start && t < end : t >= start || t < end;
}

/**
 * The earliest time at or after `now` when a text message may be sent: `now` itself outside the
 * window, otherwise the next end-of-window (end:00:00.000 KST).
 */
export function nextAllowedSendTime(now: Date, q: QuietHours = DEFAULT_QUIET_HOURS): Date {
  if (!isQuietTime(now, q)) return new Date(now.getTime());
  const t = msIntoKstDay(now);
  const kstMidnightUtc = now.getTime() - t; // the instant of 00:00 KST today, as UTC epoch ms
  let end = kstMidnightUtc + q.endHour * HOUR_MS;
  // Inside a wrapping window after `start` (e.g. 22:30), the end is tomorrow morning.
  if (end <= now.getTime()) end += DAY_MS;
  return new Date(end);
}
