/**
 * 주민등록번호 is never collected (개인정보 보호법 제24조의2: processing it needs a specific legal
 * basis, which recruitment does not have, and consent does not make it lawful). Inputs that look
 * like one are refused before anything is stored.
 *
 * Recognised: `YYMMDD-NNNNNNN` (hyphen, en dash or spaces between), and 13 digits in a row whose
 * first six are a plausible date and whose seventh is 1–8 (sex/century digit). Phone numbers
 * (3-4-4) and 사업자등록번호 (3-2-5) do not match.
 */
const WITH_SEPARATOR = /(?<!\d)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\s*[-–—]\s*[1-8]\d{6}(?!\d)/;
const RUN_OF_13 = /(?<!\d)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[1-8]\d{6}(?!\d)/;
/** The loose "6 digits - 7 digits" shape, whatever the date: also refused (a masked or mistyped number is still one). */
const SHAPE = /(?<!\d)\d{6}\s*[-–—]\s*\d{7}(?!\d)/;

export function looksLikeRrn(text: string | null | undefined): boolean {
  if (!text) return false;
  return WITH_SEPARATOR.test(text) || RUN_OF_13.test(text) || SHAPE.test(text);
}

/** The names of the fields (of a flat record of strings) that contain something like a 주민등록번호. */
export function fieldsWithRrn(values: Record<string, unknown>): string[] {
  return Object.entries(values)
    .filter(([, v]) =>
      typeof v === 'string' ? looksLikeRrn(v) : Array.isArray(v) && v.some((x) => typeof x === 'string' && looksLikeRrn(x)),
    )
    .map(([k]) => k);
}

/**
 * Masking by one consistent rule (DOMAIN.md): name 김*용 (first and last character kept; two
 * characters → 김*), phone 010-****-5678.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
