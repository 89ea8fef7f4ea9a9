/**
 * Korean identifiers (docs/domain.md "Identifiers").
 *
 * 사업자등록번호 AAA-BB-CCCCD: weights 1,3,7,1,3,7,1,3,5 over the first 9 digits; add ⌊d9·5/10⌋;
 * check digit = (10 − sum mod 10) mod 10. A valid checksum does not prove the business is active
 * (국세청 사업자 상태조회 does that).
 */
const BRN_WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5] as const;

export function normalizeBrn(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export function isValidBrn(input: string): boolean {
  const d = normalizeBrn(input);
  if (!/^\d{10}$/.test(d)) return false;
  const n = [...d].map(Number);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += n[i]! * BRN_WEIGHTS[i]!;
  sum += Math.floor((n[8]! * 5) / 10);
  return (10 - (sum % 10)) % 10 === n[9];
}

export function formatBrn(input: string): string {
  const d = normalizeBrn(input);
  return d.length === 10 ? `${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}` : input;
}

/** The middle part tells the kind of business (docs/domain.md). */
export function brnKind(input: string): 'individual_taxable' | 'corporation' | 'non_profit' | 'branch' | 'individual_exempt' | 'other' {
  const mid = Number(normalizeBrn(input).slice(3, 5));
  if (mid >= 1 && mid <= 79) return 'individual_taxable';
  if ([81, 86, 87, 88].includes(mid)) return 'corporation';
  if (mid === 82) return 'non_profit';
  if (mid === 85) return 'branch';
  if (mid >= 90 && mid <= 99) return 'individual_exempt';
  return 'other';
}

/** 법인등록번호 (13 digits): weights 1,2,1,2,… over 12 digits, plain sum, check = (10 − sum mod 10) mod 10. */
export function isValidCorporateNumber(input: string): boolean {
  const d = input.replace(/[\s-]/g, '');
  if (!/^\d{13}$/.test(d)) return false;
  const n = [...d].map(Number);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += n[i]! * (i % 2 === 0 ? 1 : 2);
  return (10 - (sum % 10)) % 10 === n[12];
}

/**
 * Something that looks like a 주민등록번호. Itda never collects it (개인정보 보호법 제24조의2:
 * processing it needs a specific legal basis, and consent does not make it lawful), so any input
 * containing one is refused before anything is stored — one rule for every form (casework,
 * recruitment, documents, surveys, reports).
 *
 * Recognised: `YYMMDD-NNNNNNN` with a plausible date and a 1–8 sex/century digit (a dash, `.`,
 * `/`, `_` or spaces between); 13 digits in a row of the same shape; and the loose "6 digits -
 * 7 digits" shape whatever the date (a mistyped or partly masked number is still one). A
 * 법인등록번호 has the same shape and is refused in free text too: it has its own field.
 * Phone numbers (3-4-4) and 사업자등록번호 (3-2-5) do not match. The text is normalised first
 * (normalizeForRrn), so full-width digits, other dashes and zero-width characters do not hide one.
 */
const SEP = '[-./_]';
const RRN_WITH_SEPARATOR = new RegExp(`(?<!\\d)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\s*${SEP}?\\s*[1-8]\\d{6}(?!\\d)`);
const RRN_SHAPE = new RegExp(`(?<!\\d)\\d{6}\\s*${SEP}\\s*\\d{7}(?!\\d)`);

/** Zero-width and invisible formatting characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen). */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
/** Dashes that NFKC leaves as they are (hyphen, non-breaking hyphen, figure dash, en/em dash, minus…). */
const DASHES = /[\u2010-\u2015\u2212\u30FC\uFE58\uFE63]/g;

/**
 * The text as the 주민등록번호 check reads it: NFKC (full-width ０-９ and － become ASCII), invisible
 * characters removed, every kind of dash made '-'. Only for checking, never for storing.
 */
export function normalizeForRrn(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(DASHES, '-');
}

export function containsRrn(text: string | null | undefined): boolean {
  if (!text) return false;
  const s = normalizeForRrn(text);
  return RRN_WITH_SEPARATOR.test(s) || RRN_SHAPE.test(s);
}

/** The names of the fields (of a flat record of strings or string arrays) that contain something like a 주민등록번호. */
export function fieldsWithRrn(values: Record<string, unknown>): string[] {
  return Object.entries(values)
    .filter(([, v]) => (typeof v === 'string' ? containsRrn(v) : Array.isArray(v) && v.some((x) => typeof x === 'string' && containsRrn(x))))
    .map(([k]) => k);
}
