/**
 * How Itda writes dates, money and sizes for people: one place, so every page, letter, SMS, PDF and
 * spreadsheet says them the same way. Pure (Intl only, no I/O), so services and documents use it as
 * well as pages (pages import it through src/web/format.ts). Times are shown in Korean time
 * (Asia/Seoul) whatever the server's TZ, in the 24-hour clock; a bare `YYYY-MM-DD` is a Korean
 * calendar date (src/domain/korean-time.ts).
 */
import { kstDate } from './korean-time.ts';

type DateInput = Date | string | null | undefined;

const NONE = '—';
const INTL: Record<string, string> = { ko: 'ko-KR', zh: 'zh-CN', vi: 'vi-VN' };
const intlLocale = (locale: string) => INTL[locale] ?? 'en-GB';
const formats = new Map<string, Intl.DateTimeFormat>();

/** Intl.DateTimeFormat is costly to build: one per locale and style. */
function dateFormat(locale: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(opts)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), { ...opts, timeZone: 'Asia/Seoul' });
    formats.set(key, f);
  }
  return f;
}

function instant(d: Date | string): Date {
  return typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(`${d}T00:00:00+09:00`) : new Date(d);
}

/** `2026. 11. 30.` (medium), `26. 11. 30.` (short), `2026년 11월 30일` (long: letters and certificates). */
export function formatDate(d: DateInput, locale: string, style: 'short' | 'medium' | 'long' = 'medium'): string {
  if (!d) return NONE;
  return dateFormat(locale, { dateStyle: style }).format(instant(d));
}

/** `2026. 11. 30. 15:04` in Korean time; `seconds` for logs. */
export function formatDateTime(d: DateInput, locale: string, opts: { dateStyle?: 'short' | 'medium'; seconds?: boolean } = {}): string {
  if (!d) return NONE;
  return dateFormat(locale, { dateStyle: opts.dateStyle ?? 'medium', timeStyle: opts.seconds ? 'medium' : 'short', hourCycle: 'h23' }).format(instant(d));
}

/** `11.30`: month and day, short enough for an SMS. */
export function formatMonthDay(d: Date): string {
  const s = kstDate(d);
  return `${Number(s.slice(5, 7))}.${Number(s.slice(8, 10))}`;
}

const grouped = (n: number, locale = 'ko') => new Intl.NumberFormat(locale === 'ko' ? 'ko-KR' : 'en').format(n);

/** Amounts the way Korean notices round them: 1500000 → "150만 원", 300000000 → "3억 원", 2_520_000_000 → "25억 2,000만 원". */
export function formatWon(amount: number | null | undefined, locale: string): string {
  if (amount === null || amount === undefined) return NONE;
  if (locale !== 'ko') return `KRW ${grouped(amount, 'en')}`;
  const eok = Math.floor(amount / 100_000_000);
  const man = Math.floor((amount % 100_000_000) / 10_000);
  const won = amount % 10_000;
  const parts: string[] = [];
  if (eok) parts.push(`${grouped(eok)}억`);
  if (man) parts.push(`${grouped(man)}만`);
  if (won || !parts.length) parts.push(grouped(won));
  return `${parts.join(' ')} 원`;
}

/** Every digit, as on a payment record: "1,500,000원" ("KRW 1,500,000"). */
export function formatWonExact(amount: number | null | undefined, locale: string): string {
  if (amount === null || amount === undefined) return NONE;
  return locale === 'ko' ? `${grouped(amount)}원` : `KRW ${grouped(amount, 'en')}`;
}

/** File sizes: "820 KB", "3.4 MB" (never "0 KB" for a small file). */
export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}
