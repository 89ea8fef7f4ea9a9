/**
 * Finds the parts of a notice's text that say who may apply: 지원대상, 신청자격, 지원 제외 (제외대상),
 * and 제출서류. Korean public notices are written 개조식 (outline style): headings carry a marker —
 * "Ⅰ.", "1.", "1)", "(1)", "가.", "□", "○", "-", "①", "[ ]", "< >" — and a deeper level uses another
 * marker. Which marker is deeper is not fixed (one notice nests "□ > ○ > -", another "1. > □ > ○"),
 * so we read the outline of each text: walking its lines, a marker not seen on the way down opens
 * a level; a marker already open closes the levels below it. A section runs from its heading to
 * the next line at its own level or above.
 *
 * Tables come flattened as "cell | cell" rows (notice.text-builder.ts); a row whose first cell is
 * a heading ("지원대상 | 도내 소상공인") is a section of its own, continued by the rows after it whose
 * first cell is empty (merged cells).
 *
 * Pure: text in, sections out, with offsets into the text (UTF-16 code units).
 */
export const SECTION_KINDS = ['target', 'qualification', 'exclusion', 'documents'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export const SECTION_LABELS: Readonly<Record<SectionKind, string>> = {
  target: '지원대상',
  qualification: '신청자격',
  exclusion: '지원 제외',
  documents: '제출서류',
};

export interface NoticeSection {
  kind: SectionKind;
  /** The heading as written ("3. 지원 제외 대상"). */
  heading: string;
  /** The section's content (what follows the heading on its line, then the lines under it). */
  text: string;
  /** Offsets of the whole section (heading included) in the input, [start, end). */
  start: number;
  end: number;
}

/** At most this much is taken into one section: a heading we misread must not swallow the notice. */
const MAX_SECTION_LINES = 80;
const MAX_TITLE_LENGTH = 24;

type Marker =
  | 'roman'
  | 'num'
  | 'num-paren'
  | 'paren-num'
  | 'hangul'
  | 'hangul-paren'
  | 'paren-hangul'
  | 'circled'
  | 'square'
  | 'circle'
  | 'dash'
  | 'note'
  | 'bracket'
  | 'bare';

const MARKERS: readonly [Marker, RegExp][] = [
  ['roman', /^(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3}))\s*[.)]\s*/],
  ['paren-num', /^[(（]\s*\d{1,2}\s*[)）]\s*/],
  ['num-paren', /^\d{1,2}\s*[)）]\s*/],
  // "1." but not a date "2026.5.1" or an amount "1.5억".
  ['num', /^\d{1,2}\s*\.(?!\s*\d)\s*/],
  ['paren-hangul', /^[(（]\s*[가나다라마바사아자차카타파하]\s*[)）]\s*/],
  ['hangul-paren', /^[가나다라마바사아자차카타파하]\s*[)）]\s*/],
  ['hangul', /^[가나다라마바사아자차카타파하]\s*\.\s*/],
  // A symbol doubled is a placeholder, not a marker ("○○시 공고", "□□ 지원사업").
  ['circled', /^[①-⑳㉠-㉭㉮-㉻](?![①-⑳㉠-㉭㉮-㉻])\s*/],
  ['square', /^[□■▣◆◇❏❑](?![□■▣◆◇❏❑])\s*/],
  ['circle', /^[○●◎◯❍](?![○●◎◯❍])\s*/],
  ['dash', /^[-–—·•▪∙ㆍ*](?![-–—·•▪∙ㆍ*])\s*/],
  ['note', /^[※▶▷►☞](?![※▶▷►☞])\s*/],
];

/** "[지원대상]", "【 신청자격 】", "< 제출서류 >": the whole title is bracketed. */
const BRACKETED = /^[[【〔<〈《]\s*([^\]】〕>〉》]{1,30}?)\s*[\]】〕>〉》]\s*(.*)$/;

// Anchored at the start of the title: a list item that merely mentions "제외" ("○ 휴·폐업 업체 제외")
// is content, not a heading. Checked in this order ("지원 제외 대상" is not 지원대상).
// The title is the keyword phrase alone or joined to another ("지원대상 및 자격"), never a sentence.
const END = String.raw`\s*(?:(?:및|[·,/])\s*.{1,15})?$`;
const KIND_PATTERNS: readonly [SectionKind, RegExp][] = [
  [
    'exclusion',
    new RegExp(
      String.raw`^(?:(?:지원|신청|참여|사업|선정|접수|참가)\s*)?(?:제외|제한|불가)\s*(?:대상자?|업종|기준|요건|사항|업체|기업|자)?${END}|^(?:지원|신청|참여)\s*대상\s*(?:에서\s*)?제외(?:\s*(?:대상|기준|업종))?${END}`,
    ),
  ],
  [
    'qualification',
    new RegExp(
      String.raw`^(?:(?:신청|지원|참여|응모|참가)\s*자격|자격\s*(?:요건|조건|기준)|(?:신청|지원|참여)\s*(?:요건|조건))(?:\s*(?:요건|기준|조건))?${END}`,
    ),
  ],
  ['documents', new RegExp(String.raw`^(?:제출|구비|신청|증빙|필요|첨부)\s*서류(?:\s*(?:목록|안내))?${END}`)],
  ['target', new RegExp(String.raw`^(?:(?:지원|신청|참여|모집|사업|교육|선정|참가)\s*)?대상(?:자|업체|기업)?${END}`)],
];

/** Headings of other parts of a notice: they end a section even where the outline is flat. */
const OTHER_HEADING =
  /^(?:사업\s*(?:개요|목적|기간|내용|규모|예산|개요\s*및\s*목적)|추진\s*(?:배경|목적|일정|절차|체계|방법)|지원\s*(?:내용|규모|금액|한도|기간|방법|절차|분야|조건|항목|사항|계획)|신청\s*(?:기간|방법|절차|접수|및\s*접수)|접수\s*(?:기간|방법|처|장소)|모집\s*(?:기간|규모|인원|분야)|선정\s*(?:방법|기준|절차|평가|결과|발표|규모)|평가\s*(?:방법|기준|절차)?|심사\s*(?:방법|기준|절차)?|문의(?:처|사항)?|기타(?:\s*사항)?|유의\s*사항|주의\s*사항|협약|사후\s*관리|지급\s*(?:방법|절차)|정산|개인정보|공고\s*개요|행정\s*사항)/;

interface Line {
  text: string;
  start: number;
  end: number;
}

interface Heading {
  marker: Marker;
  /** Title without marker, e.g. "지원 제외 대상". */
  title: string;
  /** What follows the title on the same line ("○ 지원대상: 도내 소상공인" → "도내 소상공인"). */
  inline: string;
  kind?: SectionKind;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    out.push({ text: raw, start, end: start + raw.length });
    start += raw.length + 1;
  }
  return out;
}

function markerOf(line: string): { marker: Marker; rest: string } | undefined {
  const t = line.trim();
  for (const [marker, re] of MARKERS) {
    const m = re.exec(t);
    if (m && m[0].length > 0 && t.length > m[0].length) return { marker, rest: t.slice(m[0].length) };
  }
  return undefined;
}

function kindOf(title: string): SectionKind | undefined {
  const compact = title.replace(/\s+/g, ' ').trim();
  if (compact.replace(/\s/g, '').length > MAX_TITLE_LENGTH) return undefined;
  for (const [kind, re] of KIND_PATTERNS) if (re.test(compact)) return kind;
  return undefined;
}

function isOtherHeading(title: string): boolean {
  const compact = title.replace(/\s+/g, ' ').trim();
  return compact.replace(/\s/g, '').length <= MAX_TITLE_LENGTH && OTHER_HEADING.test(compact);
}

/** Title and inline content of a heading-shaped text ("지원대상 : 도내 …", "지원대상(공통)"). */
function titleOf(rest: string): { title: string; inline: string } {
  const m = /^([^:：|]{1,40}?)\s*[:：|]\s*(.*)$/.exec(rest);
  if (m) return { title: stripParen(m[1]!), inline: m[2]!.trim() };
  return { title: stripParen(rest), inline: '' };
}

function stripParen(s: string): string {
  return s.replace(/\s*[(（][^)）]*[)）]\s*$/, '').trim();
}

function headingOf(line: string): Heading | undefined {
  const t = line.trim();
  if (!t) return undefined;
  const br = BRACKETED.exec(t);
  if (br) {
    const title = stripParen(br[1]!);
    const inline = br[2]!.replace(/^[:：]\s*/, '').trim();
    const kind = kindOf(title);
    if (kind || isOtherHeading(title)) return { marker: 'bracket', title, inline, kind };
  }
  const mk = markerOf(t);
  const { title, inline } = titleOf(mk ? mk.rest : t);
  const kind = kindOf(title);
  if (!kind && !isOtherHeading(title)) return undefined;
  // A marked line is a heading when its title is short; an unmarked one only when it is nothing
  // else but the title ("지원대상" alone, or "지원대상: …" with a colon): a sentence starting with
  // "지원대상은 …" is content.
  if (!mk && !(inline || title === t || /[:：]/.test(t))) return undefined;
  return { marker: mk?.marker ?? 'bare', title, inline, kind };
}

function tableCells(line: string): string[] | undefined {
  if (!line.includes(' | ')) return undefined;
  return line.split(' | ').map((c) => c.trim());
}

/** Sections of one text, in order. Nested sections are kept; an outer one ends where an inner one starts. */
export function findSections(text: string): NoticeSection[] {
  const lines = splitLines(text);
  const found: NoticeSection[] = [];
  /** The outline: open levels' markers, outermost first. */
  const stack: Marker[] = [];
  const levelAt: number[] = [];
  const headings: (Heading | undefined)[] = [];

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.text;
    const cells = tableCells(line);
    const h = cells ? undefined : headingOf(line);
    headings.push(h);
    const marker = h?.marker ?? markerOf(line)?.marker;
    if (!marker) {
      levelAt.push(-1);
      continue;
    }
    const at = stack.indexOf(marker);
    if (at >= 0) stack.length = at + 1;
    else stack.push(marker);
    levelAt.push(stack.length - 1);
  }

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const cells = tableCells(line.text);
    if (cells) {
      const first = cells[0] ?? '';
      const kind = kindOf(stripParen(first.replace(/^[□■○●◎\-·※]\s*/, '')));
      if (!kind || cells.length < 2) continue;
      const parts = [cells.slice(1).filter(Boolean).join(' | ')];
      let j = i + 1;
      for (; j < lines.length && j < i + MAX_SECTION_LINES; j++) {
        const next = tableCells(lines[j]!.text);
        if (!next || (next[0] ?? '') !== '') break;
        parts.push(next.slice(1).filter(Boolean).join(' | '));
      }
      found.push({ kind, heading: first, text: parts.filter(Boolean).join('\n'), start: line.start, end: lines[j - 1]!.end });
      continue;
    }
    const h = headings[i];
    if (!h?.kind) continue;
    const level = levelAt[i]!;
    const content: string[] = h.inline ? [h.inline] : [];
    let j = i + 1;
    for (; j < lines.length && j <= i + MAX_SECTION_LINES; j++) {
      const lv = levelAt[j]!;
      if (lv >= 0 && lv <= level) break;
      // A bare heading ("신청방법") ends a section whatever the outline says.
      const other = headings[j];
      if (other && other.marker === 'bare') break;
      content.push(lines[j]!.text);
    }
    while (content.length && content[content.length - 1]!.trim() === '') content.pop();
    const last = j - 1;
    found.push({ kind: h.kind, heading: line.text.trim(), text: content.join('\n').trim(), start: line.start, end: lines[last]!.end });
  }

  // An outer section ("Ⅱ. 지원대상 및 자격") that contains others ends where the first one starts.
  const trimmed: NoticeSection[] = [];
  for (const s of found) {
    const inner = found.filter((o) => o !== s && o.start > s.start && o.start < s.end);
    if (inner.length === 0) {
      trimmed.push(s);
      continue;
    }
    const cut = Math.min(...inner.map((o) => o.start));
    const headingEnd = s.start + text.slice(s.start).indexOf('\n');
    const body = text.slice(headingEnd + 1, cut).trim();
    const inline = headingOf(s.heading)?.inline ?? '';
    const keep = [inline, body].filter(Boolean).join('\n').trim();
    if (keep) trimmed.push({ ...s, text: keep, end: cut - 1 });
  }
  return trimmed.filter((s) => s.text !== '');
}

/** Sections of the kinds that decide who may apply (지원대상, 신청자격, 지원 제외), in text order. */
export const ELIGIBILITY_KINDS: ReadonlySet<SectionKind> = new Set(['target', 'qualification', 'exclusion']);
