import { holidayName } from '../holidays.ts';
import { byKorean } from './figures.ts';
/**
 * The monthly review of access records (개인정보의 안전성 확보조치 기준 §8 ②: 접속기록을 월 1회
 * 이상 점검; the guideline's examples of what to look for: 대량 조회·다운로드, 업무 시간 외 접속,
 * 비인가 접근). The reviewer sees every record with filters; these flags point at what to read first.
 *
 * | flag | per account and Korean day |
 * |---|---|
 * | bulkView | more than 100 'view' records (one business page is one view; a masked list page is one) |
 * | download | any 'download' or 'print' (each one carries the user's reason: read it) |
 * | offHours | any record before 08:00 or from 20:00 Korean time, or on a Saturday, Sunday or public holiday (`weekend` / `holiday` say which) |
 *
 * The database only counts records per account, day, hour and action (facts); the thresholds are
 * here so the page, the .xlsx and the sign-off snapshot flag the same things.
 */
export const BULK_VIEW_THRESHOLD = 100;
export const WORKING_HOURS = { start: 8, end: 20 } as const;

export type FlagKind = 'bulkView' | 'download' | 'offHours';
export const FLAG_KINDS: readonly FlagKind[] = ['bulkView', 'download', 'offHours'];

export interface AccessCell {
  accountId: string | null;
  login: string | null;
  /** Korean date and hour of the records. */
  day: string;
  hour: number;
  action: string;
  n: number;
}

export interface AccessFlag {
  kind: FlagKind;
  accountId: string | null;
  login: string | null;
  day: string;
  count: number;
  weekend: boolean;
  /** The public holiday's name (src/domain/holidays.ts), or null on a working day. */
  holiday: string | null;
}

export function isOffHours(hour: number): boolean {
  return hour < WORKING_HOURS.start || hour >= WORKING_HOURS.end;
}

export function isWeekend(day: string): boolean {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

export function accessFlags(cells: readonly AccessCell[], bulkThreshold = BULK_VIEW_THRESHOLD): AccessFlag[] {
  const acc = new Map<string, { accountId: string | null; login: string | null; day: string; views: number; downloads: number; offHours: number }>();
  for (const c of cells) {
    const key = `${c.accountId ?? '-'}|${c.day}`;
    let a = acc.get(key);
    if (!a) {
      a = { accountId: c.accountId, login: c.login, day: c.day, views: 0, downloads: 0, offHours: 0 };
      acc.set(key, a);
    }
    if (c.action === 'view') a.views += c.n;
    if (c.action === 'download' || c.action === 'print') a.downloads += c.n;
    // Weekends and public holidays (대체·임시공휴일 included) are outside working hours all day.
    if (isOffHours(c.hour) || isWeekend(c.day) || holidayName(c.day) !== null) a.offHours += c.n;
  }
  const out: AccessFlag[] = [];
  for (const a of acc.values()) {
    const base = { accountId: a.accountId, login: a.login, day: a.day, weekend: isWeekend(a.day), holiday: holidayName(a.day) };
    if (a.views > bulkThreshold) out.push({ kind: 'bulkView', count: a.views, ...base });
    if (a.downloads > 0) out.push({ kind: 'download', count: a.downloads, ...base });
    if (a.offHours > 0) out.push({ kind: 'offHours', count: a.offHours, ...base });
  }
  const order = (k: FlagKind) => FLAG_KINDS.indexOf(k);
  return out.sort((x, y) => order(x.kind) - order(y.kind) || y.count - x.count || x.day.localeCompare(y.day) || byKorean(x.login ?? '', y.login ?? ''));
}

/** Counts per flag kind (the sign-off keeps this snapshot). */
export function flagSummary(flags: readonly AccessFlag[]): Record<FlagKind, number> {
  return { bulkView: flags.filter((f) => f.kind === 'bulkView').length, download: flags.filter((f) => f.kind === 'download').length, offHours: flags.filter((f) => f.kind === 'offHours').length };
}
