import type { ApplicationPeriod, PeriodKind } from './catalog.types.ts';

/**
 * 신청기간 text → { kind, start, end, raw }. The sources write it in many ways (bizinfo
 * reqstBeginEndDe, K-Startup YYYYMMDD pairs, 보조금24 신청기한):
 *   "2026-04-24 ~ 2026-05-15", "2026.04.24 ~ 2026.05.15", "20260424 ~ 20260515",
 *   "2026-04-24 09:00 ~ 2026-05-15 18:00", "~ 2026-05-15", "2026년 4월 24일 ~ 5월 15일",
 *   "2026-04-24 ~ 예산 소진시까지", "상시", "예산 소진시까지", "사업별 상이", "2026.04.24(목)부터 …까지".
 *
 * Lenient about the writing, strict about the calendar: a date-looking token that is not a real day
 * (2026-02-30, 2026-13-01, 00000000) or a range ending before it starts is an error, so the record
 * is rejected rather than stored with a wrong deadline. Text with no date and no known phrase
 * ("추후 공지", "-") is kind 'unknown', not an error. Never throws; `raw` is kept verbatim.
 */
export type PeriodParse = { ok: true; period: ApplicationPeriod } | { ok: false; reason: string; raw: string };

interface DateToken {
  index: number;
  end: number;
  text: string;
  /** YYYY-MM-DD when the token is a real calendar day. */
  iso?: string;
}

/** 2026-04-24, 2026.4.24., 2026/04/24, 2026년 4월 24일, 2026. 04. 24 */
const FULL_DATE = /(?<!\d)(\d{4})\s*(?:[.\-/]|년)\s*(\d{1,2})\s*(?:[.\-/]|월)\s*(\d{1,2})(?!\d)\s*(?:일|\.(?!\d))?/g;
/** 20260424, or a 14-digit timestamp 20260424090000. */
const COMPACT_DATE = /(?<!\d)(\d{4})(\d{2})(\d{2})(?:\d{4}(?:\d{2})?)?(?!\d)/g;
/** 5월 15일, 05.15, 5/15 — only on the right of a range whose left side has a year. */
const MONTH_DAY = /(?<![\d.\-/])(\d{1,2})\s*(?:월|[.\-/])\s*(\d{1,2})(?!\d)\s*(?:일|\.(?!\d))?/;

const ALWAYS = /상시|연중\s*(?:접수|모집|신청)|수시\s*(?:접수|모집|신청)|연중\s*수시/;
const UNTIL_BUDGET = /소진/;
const VARIES = /상이|별로\s*다름|마다\s*다름/;

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

/** A real calendar day → YYYY-MM-DD; otherwise undefined. Years outside 1990–2100 are not dates here. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return undefined;
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!Number.isInteger(day) || day < 1 || day > days) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function normalize(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[∼〜～⁓˜]/g, '~')
    .replace(/\((?:월|화|수|목|금|토|일)(?:요일)?\)/g, ' ') // 2026.04.24(목)
    .replace(/\s+/g, ' ')
    .trim();
}

function findDates(s: string): DateToken[] {
  const tokens: DateToken[] = [];
  for (const m of s.matchAll(FULL_DATE)) {
    tokens.push({ index: m.index, end: m.index + m[0].length, text: m[0].trim(), iso: isoDate(Number(m[1]), Number(m[2]), Number(m[3])) });
  }
  for (const m of s.matchAll(COMPACT_DATE)) {
    const overlaps = tokens.some((t) => m.index < t.end && m.index + m[0].length > t.index);
    if (!overlaps)
      tokens.push({ index: m.index, end: m.index + m[0].length, text: m[0], iso: isoDate(Number(m[1]), Number(m[2]), Number(m[3])) });
  }
  return tokens.sort((a, b) => a.index - b.index);
}

function keywordKind(s: string): PeriodKind | undefined {
  if (VARIES.test(s)) return 'varies';
  if (UNTIL_BUDGET.test(s)) return 'untilBudget';
  if (ALWAYS.test(s)) return 'always';
  return undefined;
}

/** Where the range splits: the first "~", else "부터", else a dash with spaces around it. */
function splitAt(s: string): number {
  const tilde = s.indexOf('~');
  if (tilde >= 0) return tilde;
  const from = s.search(/부터/);
  if (from >= 0) return from;
  const dash = s.search(/\s[-–—]\s/);
  return dash >= 0 ? dash + 1 : -1;
}

export function parsePeriod(raw: string): PeriodParse {
  const s = normalize(raw);
  const fail = (reason: string): PeriodParse => ({ ok: false, reason, raw });
  if (s === '' || /^[-–—.·~\s]*$/.test(s)) return { ok: true, period: { kind: 'unknown', raw } };

  const dates = findDates(s);
  const bad = dates.find((d) => !d.iso);
  if (bad) return fail(`신청기간의 '${bad.text}'는 달력에 없는 날짜입니다`);

  const kw = keywordKind(s);
  const cut = splitAt(s);
  const isos = dates.map((d) => d.iso as string);
  let start: string | undefined;
  let end: string | undefined;
  let kind: PeriodKind;

  const rounds = (s.match(/~/g) ?? []).length;
  if (dates.length > 2 || rounds > 1) {
    // Several rounds (1차 …, 2차 …): the span from the first to the last day; raw tells the rounds.
    const sorted = [...isos].sort();
    start = sorted[0];
    end = sorted[sorted.length - 1];
    return { ok: true, period: { kind: 'varies', ...(start ? { start } : {}), ...(end ? { end } : {}), raw } };
  }

  if (cut >= 0) {
    const left = dates.filter((d) => d.index < cut);
    const right = dates.filter((d) => d.index > cut);
    start = left[0]?.iso;
    end = right[0]?.iso;
    if (start && !end && right.length === 0) {
      // "2026년 4월 24일 ~ 5월 15일": the end inherits the start's year (the next year if it would
      // fall before the start: "2026.12.01 ~ 01.15").
      const m = MONTH_DAY.exec(s.slice(cut + 1));
      if (m) {
        const year = Number(start.slice(0, 4));
        const month = Number(m[1]);
        const day = Number(m[2]);
        const same = isoDate(year, month, day);
        if (!same) return fail(`신청기간의 '${m[0].trim()}'는 달력에 없는 날짜입니다`);
        end = same < start ? isoDate(year + 1, month, day) : same;
      }
    }
  } else if (dates.length === 2) {
    start = isos[0];
    end = isos[1];
  } else if (dates.length === 1) {
    // One date alone is a deadline (보조금24 신청기한 "2026-04-30", "2026.05.15까지") unless the text
    // says it is where the period starts ("2026.04.24부터", "… 이후").
    if (/이후|부터|시작/.test(s.slice(dates[0]!.end))) start = isos[0];
    else end = isos[0];
  }

  if (start && end && end < start) return fail(`신청 종료일(${end})이 시작일(${start})보다 빠릅니다`);

  if (kw === 'varies') kind = 'varies';
  else if (end) kind = 'range';
  else if (kw) kind = kw;
  else kind = start ? 'range' : 'unknown';

  return { ok: true, period: { kind, ...(start ? { start } : {}), ...(end ? { end } : {}), raw } };
}

/**
 * A timestamp as the sources write it ("2026-04-24 15:39:08", "20260101120000", "2026.04.24",
 * "2026-04-24") → ISO 8601 with the KST offset. Korean public APIs write local (KST) time.
 */
export function parseKstTimestamp(raw: string): string | undefined {
  const s = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})$/.test(s)) {
    // Already carries its offset: keep the instant.
    const t = Date.parse(s);
    return Number.isNaN(t) ? undefined : new Date(t).toISOString();
  }
  const m = /^(\d{4})[-./]?(\d{2})[-./]?(\d{2})(?:[ T]?(\d{2}):?(\d{2})(?::?(\d{2}))?(?:\.\d+)?)?$/.exec(s);
  if (!m) return undefined;
  const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (!date) return undefined;
  const hh = Number(m[4] ?? '0');
  const mi = Number(m[5] ?? '0');
  const ss = Number(m[6] ?? '0');
  if (hh > 23 || mi > 59 || ss > 59) return undefined;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date}T${two(hh)}:${two(mi)}:${two(ss)}+09:00`;
}
