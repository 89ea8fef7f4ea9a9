/**
 * Calendar arithmetic for eligibility: plain 'YYYY-MM-DD' strings, integer day numbers, no `Date`,
 * no time zones (a 개업일 is a civil date in Korea, never an instant).
 *
 * ## How months are counted (업력, "N년 이상", "폐업 후 N개월 이내", "최근 N년 이내 수혜")
 *
 * Periods follow 민법 (국세기본법 제4조·지방세기본법 제23조 and notices send period questions there):
 * - 제157조 초일 불산입: the 개업일 itself is not counted; the period starts the next day.
 * - 제160조 ②: a period in months or years ends on the day BEFORE the day that corresponds, in the
 *   last month, to the starting day — with 초일 불산입 that is exactly the day whose number equals the
 *   개업일's: opened 2024-03-02 → 3 years end at the end of 2027-03-02.
 * - 제160조 ③: when the last month has no such day, the period ends on that month's last day.
 *
 * We say a business "has N months" from the day its N-month period ends, i.e. on the monthly
 * anniversary of the 개업일, clamped to the month end. So exactly 3 years = 36 months on the
 * anniversary (2024-03-02 → 36 months on 2027-03-02), and a business opened 2024-02-29 reaches 12
 * months on 2025-02-28 (no 29 February in 2025: 제160조 ③), one opened 2024-01-31 reaches 1 month on
 * 2024-02-29. This reading is the one consistent with 민법 and with notices that write "개업일로부터
 * 3년이 되는 날"; REVIEW if a notice defines 업력 differently (some count 사업자등록일: the fact
 * `openedOn` is whatever date the notice names).
 *
 * ## How ages are counted (만 나이)
 *
 * 민법 제158조 counts the day of birth (출생일 산입), and since 2023-06-28 (민법 제158조 개정, "만 나이
 * 통일법") ages in law and notices are 만 나이. A person has age N from their N-th birthday; someone
 * born on 29 February turns N on 1 March in common years (the N-year period ends with 28 February,
 * 제160조 ③, so the new age starts the next day).
 */

export type IsoDate = string;

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

/** Parses a calendar date; undefined when the text is not a real date (2025-02-30, 2025-13-01). */
export function tryParseIsoDate(s: string): Ymd | undefined {
  const g = ISO_RE.exec(s);
  if (!g) return undefined;
  const y = Number(g[1]);
  const m = Number(g[2]);
  const d = Number(g[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return { y, m, d };
}

export function parseIsoDate(s: string): Ymd {
  const p = tryParseIsoDate(s);
  if (!p) throw new RangeError(`날짜 형식이 아닙니다 (YYYY-MM-DD): ${s}`);
  return p;
}

export function isIsoDate(s: string): boolean {
  return tryParseIsoDate(s) !== undefined;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatYmd(y: number, m: number, d: number): IsoDate {
  const ys = y < 0 ? String(y) : y < 1000 ? String(y).padStart(4, '0') : String(y);
  return `${ys}-${pad2(m)}-${pad2(d)}`;
}

/** Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's days_from_civil). */
export function toDayNumber(s: IsoDate): number {
  const { y, m, d } = parseIsoDate(s);
  return dayNumberOf(y, m, d);
}

export function dayNumberOf(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(z0: number): IsoDate {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return formatYmd(y, m, d);
}

export function addDays(s: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(s) + n);
}

/** The same day `n` months later, clamped to the month end (민법 제160조 ③). */
export function addMonthsClamped(s: IsoDate, n: number): IsoDate {
  const { y, m, d } = parseIsoDate(s);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return formatYmd(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/**
 * Whole months from `from` to `to` as 업력 is counted (see the module comment): the count reaches N
 * on `addMonthsClamped(from, N)`; −1 when `to` is before `from`.
 */
export function wholeMonthsBetween(from: IsoDate, to: IsoDate): number {
  return wholeMonthsYmd(parseIsoDate(from), parseIsoDate(to));
}

export function wholeMonthsYmd(a: Ymd, b: Ymd): number {
  // Not yet opened on `b`: −1 fails every minimum and passes every maximum (예비창업).
  if (b.y < a.y || (b.y === a.y && (b.m < a.m || (b.m === a.m && b.d < a.d)))) return -1;
  const months = (b.y - a.y) * 12 + (b.m - a.m);
  // Has the anniversary in b's month (clamped to that month's last day, 제160조 ③) been reached?
  return b.d < Math.min(a.d, daysInMonth(b.y, b.m)) ? months - 1 : months;
}

/** Day number of `addMonthsClamped(from, n)`, without going through strings (hot path). */
export function addMonthsDay(from: Ymd, n: number): number {
  const total = from.y * 12 + (from.m - 1) + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return dayNumberOf(y, m, Math.min(from.d, daysInMonth(y, m)));
}

/** The first date on which `wholeMonthsBetween(from, date) >= n` (n ≥ 0). */
export function monthAnniversary(from: IsoDate, n: number): IsoDate {
  return addMonthsClamped(from, n);
}

/** 만 나이 on `on` (민법 제158조). */
export function ageOn(birth: IsoDate, on: IsoDate): number {
  return ageYmd(parseIsoDate(birth), parseIsoDate(on));
}

export function ageYmd(b: Ymd, r: Ymd): number {
  const beforeBirthday = r.m < b.m || (r.m === b.m && r.d < b.d);
  return r.y - b.y - (beforeBirthday ? 1 : 0);
}

/** The first date on which the person born on `birth` is `n` (만 나이): 29 Feb → 1 Mar in common years. */
export function dateOfAge(birth: IsoDate, n: number): IsoDate {
  const { y, m, d } = parseIsoDate(birth);
  const ty = y + n;
  if (m === 2 && d === 29 && !isLeapYear(ty)) return formatYmd(ty, 3, 1);
  return formatYmd(ty, m, d);
}

/** "2년 7개월", "3년", "6개월", "0개월" (업력 and durations in notices). */
export function formatMonthsKo(months: number): string {
  if (months < 0) return '개업 전';
  const y = Math.floor(months / 12);
  const m = months % 12;
  if (y === 0) return `${m}개월`;
  return m === 0 ? `${y}년` : `${y}년 ${m}개월`;
}

export function formatMonthsEn(months: number): string {
  if (months < 0) return 'not yet opened';
  const y = Math.floor(months / 12);
  const m = months % 12;
  const ys = y === 1 ? '1 year' : `${y} years`;
  const ms = m === 1 ? '1 month' : `${m} months`;
  if (y === 0) return ms;
  return m === 0 ? ys : `${ys} ${ms}`;
}
