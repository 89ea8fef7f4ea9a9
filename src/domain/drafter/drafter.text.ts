/**
 * Korean notice text → numbers, periods, dates and lines, keeping UTF-16 offsets of the input.
 *
 * Every function here works on a copy of the text in which look-alike characters are replaced ONE FOR
 * ONE (same length, so an index in the copy is the same index in the input): ㆍ‧･• → ·, ∼〜～ → ~,
 * full-width digits and punctuation → ASCII, no-break spaces → space. Nothing is inserted or removed.
 */

const ONE_FOR_ONE: Readonly<Record<string, string>> = {
  'ㆍ': '·',
  '‧': '·',
  '･': '·',
  '•': '·',
  '∙': '·',
  '∼': '~',
  '〜': '~',
  '～': '~',
  '：': ':',
  '，': ',',
  '．': '.',
  '（': '(',
  '）': ')',
  '％': '%',
  '\u00a0': ' ',
  '\u3000': ' ',
  '’': "'",
  '‘': "'",
  '｜': '|',
};

/** Same length as the input (asserted by the tests): one code unit in, one code unit out. */
export function normalizeChars(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - 0xff10 + 48);
    else out += ONE_FOR_ONE[ch] ?? ch;
  }
  return out;
}

// ── Amounts ──────────────────────────────────────────────────────────────────────────────────
const UNIT: Readonly<Record<string, number>> = { 억: 100_000_000, 천만: 10_000_000, 백만: 1_000_000, 천: 1_000, 만: 10_000 };

/**
 * An amount in KRW as notices write it: "10억 원", "3억원", "5천만원", "1억 400만원", "4,300만원",
 * "50백만원", "1.5억", "300,000,000원". A bare number needs "원"; with a unit, "원" is optional.
 */
export const AMOUNT_SOURCE = String.raw`(?:\d[\d,]*(?:\.\d+)?\s*(?:억|천만|백만|천|만)(?:\s*\d[\d,]*(?:\.\d+)?\s*(?:천만|백만|천|만))*\s*원?|\d{1,3}(?:,\d{3})+\s*원|\d+\s*원)`;

export function parseAmount(s: string): number | undefined {
  const compact = s.replace(/\s+/g, '').replace(/원$/, '');
  if (/^\d[\d,]*$/.test(compact)) return Number(compact.replace(/,/g, ''));
  let total = 0;
  let matched = '';
  for (const m of compact.matchAll(/(\d[\d,]*(?:\.\d+)?)(억|천만|백만|천|만)/g)) {
    total += Number(m[1]!.replace(/,/g, '')) * UNIT[m[2]!]!;
    matched += m[0];
  }
  if (matched !== compact || !Number.isFinite(total)) return undefined;
  return Math.round(total);
}

// ── Periods ──────────────────────────────────────────────────────────────────────────────────
/** "3년", "6개월", "1년 6개월", "2 년" → whole months. */
export const PERIOD_SOURCE = String.raw`(?:\d+\s*년\s*(?:\d+\s*개월)?|\d+\s*개월)`;

export function parsePeriodMonths(s: string): number | undefined {
  const m = /^(?:(\d+)\s*년)?\s*(?:(\d+)\s*개월)?$/.exec(s.trim());
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  return Number(m[1] ?? 0) * 12 + Number(m[2] ?? 0);
}

// ── Comparators ──────────────────────────────────────────────────────────────────────────────
export type Comparator = 'ge' | 'gt' | 'le' | 'lt';
export const COMPARATOR_SOURCE = '(?:이상|이하|미만|초과|이내|까지|넘는|넘지 않는|안 된|경과)';

/** 이상 ≥, 초과 >, 이하·이내·까지 ≤, 미만 <; 경과 ("1년 이상 경과", "1년 경과") is ≥. */
export function parseComparator(word: string): Comparator | undefined {
  switch (word) {
    case '이상':
    case '경과':
      return 'ge';
    case '초과':
    case '넘는':
      return 'gt';
    case '이하':
    case '이내':
    case '까지':
    case '넘지 않는':
      return 'le';
    case '미만':
    case '안 된':
      return 'lt';
    default:
      return undefined;
  }
}

/** The opposite condition: what is LEFT when "N 이상인 자" is excluded is "< N". */
export function negate(c: Comparator): Comparator {
  return c === 'ge' ? 'lt' : c === 'gt' ? 'le' : c === 'le' ? 'gt' : 'ge';
}

// ── Dates ────────────────────────────────────────────────────────────────────────────────────
/**
 * Dates: 2023.12.31(.), 2023. 12. 31., '23.12.31, 2023년 12월 31일, 2023-12-31, 2023/12/31.
 * Group 1: 4-digit year, or group 2: 2-digit year after an apostrophe; then month and day.
 */
export const DATE_SOURCE = String.raw`(?:(\d{4})|'(\d{2}))\s*(?:[./-]|년)\s*(\d{1,2})\s*(?:[./-]|월)\s*(\d{1,2})\s*(?:일|\.(?!\d))?`;

export function isoDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parseDate(m: RegExpExecArray | RegExpMatchArray, offset = 0): string | undefined {
  const y4 = m[offset + 1];
  const y2 = m[offset + 2];
  const year = y4 !== undefined ? Number(y4) : y2 !== undefined ? 2000 + Number(y2) : NaN;
  if (!Number.isFinite(year)) return undefined;
  return isoDate(year, Number(m[offset + 3]), Number(m[offset + 4]));
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ── Lines, headings, brackets ────────────────────────────────────────────────────────────────
export type Mode = 'include' | 'exclude' | 'skip';

export interface Line {
  /** Offsets of the content (after bullets and a heading) in the input. */
  readonly start: number;
  readonly end: number;
  /** The mode this line's content is read in (its own heading, or the last heading above). */
  readonly mode: Mode;
  /** The heading word of this line, if it has one ("지원대상", "업력"…). */
  readonly heading?: string;
  /** "다음에 해당하는 자는 제외": the line announces the exclusions below (read, not a condition). */
  readonly introducesExclusions?: boolean;
}

/** Bullets and numbering notices put before items: □ ○ ◎ ■ ▶ · - * ※ ① 1. 1) (1) 가. 가) [숫자]. */
const BULLET = /^(?:[\s□■○●◎◇◆▶▷►▪▫☐☞→➢⦁·*\-–—※]|\(?\d{1,2}[.)](?!\d)|\(\d{1,2}\)|[①-⑳]|[가-하][.)](?=\s))+/;

const INCLUDE_WORDS = /지원\s*대상|신청\s*대상|신청\s*자격|지원\s*자격|참여\s*자격|참가\s*자격|자격\s*요건|가입\s*대상|지원\s*요건|요건|조건|대상|자격|업력|업종|기준|연령|지역|소재지/;
const EXCLUDE_WORDS = /제외|제한|불가|배제|결격/;
const SKIP_WORDS = /^구분$|구비\s*서류|제출\s*서류|신청\s*서류|선정\s*기준|선정\s*방법|평가|우대|가점|지원\s*내용|지원\s*금액|지원\s*규모|지원\s*한도|대출\s*한도|대출\s*금리|융자\s*한도|신청\s*방법|신청\s*기간|접수|문의|유의\s*사항|사업\s*기간|사업\s*개요|추진\s*일정/;

/**
 * A heading at the start of a line: "지원대상", "[신청자격]", "지원제외 :", "대상 |", "업력\t".
 * Returns the heading word, its mode and where the content starts (relative to `s`).
 */
export function readHeading(s: string): { word: string; mode: Mode; contentAt: number } | undefined {
  // With a separator or in brackets: "지원대상 : …", "대상 | …", "업력\t…", "[신청자격] …", "[제외대상]".
  const sep = /^([가-힣][가-힣·\s]{0,14}?)\s*[:|\t]\s*/.exec(s) ?? /^[[【〔<(]\s*([가-힣][가-힣·\s]{0,14}?)\s*[\]】〕>)]\s*:?\s*/.exec(s);
  // Alone on its line ("□ 지원대상"): only a heading word itself, so an item such as "- 사치·향락 업종"
  // is not taken for a heading.
  const alone = sep ? undefined : /^\s*([가-힣][가-힣·\s]{0,14}?)\s*$/.exec(s);
  // A well-known heading followed by its text on the same line without a separator: "□ 지원제외 휴·폐업자".
  const spaced = sep || alone ? undefined : /^((?:지원|신청|참여)\s*제외\s*대상|제외\s*대상|(?:지원|신청|참여)\s*(?:제외|불가)|지원\s*대상|신청\s*(?:자격|대상)|지원\s*자격)\s+(?=\S)/.exec(s);
  const b = sep ?? alone ?? spaced;
  if (!b) return undefined;
  const word = b[1]!.trim();
  const compact = word.replace(/\s+/g, '');
  if (alone && !STANDALONE.test(compact) && !SKIP_ALONE.test(compact)) return undefined;
  let mode: Mode | undefined;
  if (SKIP_WORDS.test(word)) mode = 'skip';
  else if (EXCLUDE_WORDS.test(word)) mode = 'exclude';
  else if (INCLUDE_WORDS.test(word)) mode = 'include';
  else if (/^기타$/.test(word)) mode = 'include';
  if (!mode) return undefined;
  return { word, mode, contentAt: b[0].length };
}

/** A section that is not about eligibility, named alone on its line ("1. 사업개요", "□ 제출서류"). */
const SKIP_ALONE = new RegExp(`^(?:${SKIP_WORDS.source}|개요|사업\\s*목적|지원\\s*분야|추진\\s*절차|문의처?)$`);

/** Heading words that make a heading on their own line (compact, no spaces). */
const STANDALONE =
  /^(?:(?:지원|신청|참여|참가|가입|모집|사업)?(?:대상|자격|요건|조건)|및|·|\/|,)+$|^(?:지원|신청|참여|보증)?(?:제외|제한|불가)(?:대상|기업|업종|요건)?$|^제외대상$|^(?:구비|제출|신청)서류$|^(?:선정기준|우대사항|유의사항|지원내용|기타|업력|업종|연령|지역)$/;

/** "다만, 다음 각 호에 해당하는 자는 제외" / "아래에 해당하는 경우 지원 제외": the items below are exclusions. */
const INTRODUCES_EXCLUSIONS = /(?:다음|아래|하기)[^\n]{0,30}(?:제외|불가|배제|제한)[^\n가-힣]*(?:[가-힣]{0,6})?\s*[:.]?\s*$/;

const TITLE = /(?:모집|시행|지원사업|사업)?\s*(?:공고|공고문|안내|계획\s*공고)\s*(?:\(?제?\s*[\d-]+\s*호?\)?)?$/;

/** How an item or a sentence ends: a line ending so is not continued on the next line. */
const ITEM_END = /(?:[.:)」\]]|자|업체|기업|점포|업소|사업자|사업장|사업주|대표|것|다|음|함|됨|임|외|등|제외|불가|가능|포함|경우|이상|이하|미만|초과|이내|까지)$/;

/**
 * Lines of the text, each read in the mode of its heading. A line that a PDF or HWP extraction wrapped
 * ("…3년 이상 영업" / "중인 소상공인") is joined to the line it continues: the next line has no bullet
 * and no heading, and the line before is long and does not end an item or a sentence.
 */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let mode: Mode = 'include';
  let from = 0;
  while (from <= text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const raw = text.slice(from, to);
    const bullet = BULLET.exec(raw);
    let at = bullet ? bullet[0].length : 0;
    while (at < raw.length && /\s/.test(raw[at]!)) at++;
    const rest = raw.slice(at);
    const h = readHeading(rest);
    let end = raw.length;
    while (end > at && /\s/.test(raw[end - 1]!)) end--;
    const prev = lines[lines.length - 1];
    const bulleted = bullet !== null && /\S/.test(bullet[0]);
    if (prev && !h && !bulleted && at < end && /^[가-힣\d(]/.test(rest) && prev.end - prev.start >= 25 && prev.end === lastContentEnd(text, from)) {
      const prevText = text.slice(prev.start, prev.end);
      if (!ITEM_END.test(prevText)) {
        lines[lines.length - 1] = { ...prev, end: from + end };
        if (INTRODUCES_EXCLUSIONS.test(text.slice(prev.start, from + end))) mode = 'exclude';
        if (to === text.length) break;
        from = to + 1;
        continue;
      }
    }
    let lineMode = mode;
    let heading: string | undefined;
    if (h) {
      heading = h.word;
      lineMode = h.mode;
      mode = h.mode;
      at += h.contentAt;
      while (at < raw.length && /\s/.test(raw[at]!)) at++;
    }
    if (end < at) end = at;
    // The notice's title ("2026년 … 지원사업 참여업체 모집 공고") names the programme, not a condition.
    if (!h && TITLE.test(raw.slice(at, end))) lineMode = 'skip';
    const intro = !h && INTRODUCES_EXCLUSIONS.test(rest);
    lines.push({ start: from + at, end: from + end, mode: lineMode, ...(heading ? { heading } : {}), ...(intro ? { introducesExclusions: true } : {}) });
    if (intro) mode = 'exclude';
    if (to === text.length) break;
    from = to + 1;
  }
  return lines;
}

/** End of the content of the physical line before `lineStart` (its last non-space character + 1). */
function lastContentEnd(text: string, lineStart: number): number {
  let i = lineStart - 1; // the \n
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  return i;
}

/**
 * Bracket groups of a line: (…), 「…」, […]. Returned as [open, close] index pairs (close exclusive),
 * nested groups included. Unbalanced brackets close at the end of the line.
 */
export function bracketGroups(s: string, base: number): [number, number][] {
  const open = '(「[『<';
  const close = ')」]』>';
  const stack: number[] = [];
  const out: [number, number][] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (open.includes(ch)) stack.push(i);
    else if (close.includes(ch) && stack.length) out.push([base + stack.pop()!, base + i + 1]);
  }
  while (stack.length) out.push([base + stack.pop()!, base + s.length]);
  return out;
}

/** "단," / "다만," clauses of a line, from the word to the end of its bracket group or the line. */
export function provisoClauses(s: string, base: number, groups: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const m of s.matchAll(/(?:^|[\s(※,.])(단|다만)\s*[,，]?\s*/g)) {
    const word = m.index + m[0].indexOf(m[1]!);
    // "단란주점", "단체" are not the conjunction: require a comma or a space after 단, and 다만 anywhere.
    const after = s.slice(word + m[1]!.length, word + m[1]!.length + 1);
    if (m[1] === '단' && !/[,\s]/.test(after)) continue;
    const abs = base + word;
    let end = base + s.length;
    for (const [o, c] of groups) if (o < abs && c > abs && c - 1 < end) end = c - 1;
    out.push([abs, end]);
  }
  return out;
}
