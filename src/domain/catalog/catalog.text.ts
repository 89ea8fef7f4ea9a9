import { compile, type HtmlToTextOptions } from 'html-to-text';

/**
 * HTML → plain text for notice fields (bizinfo bsnsSumryCn carries HTML; other fields are plain
 * text with \r\n). We use `html-to-text` (htmlparser2 underneath, a real HTML tokenizer with the
 * full entity table) instead of regular expressions: nested or broken tags, comments, CDATA and
 * numeric/named entities are handled the way a browser would.
 *
 * The result is TEXT, not HTML: `&lt;b&gt;` becomes the characters `<b>`, which the page layer
 * escapes when it renders (hono/jsx does). Scripts, styles, images, forms and embedded content are
 * dropped; link targets are dropped (only the link text stays); headings are not upper-cased.
 */
const OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  preserveNewlines: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
    { selector: 'template', format: 'skip' },
    { selector: 'iframe', format: 'skip' },
    { selector: 'object', format: 'skip' },
    { selector: 'embed', format: 'skip' },
    { selector: 'svg', format: 'skip' },
    { selector: 'button', format: 'skip' },
    { selector: 'select', format: 'skip' },
    { selector: 'input', format: 'skip' },
    { selector: 'textarea', format: 'skip' },
    { selector: 'head', format: 'skip' },
    { selector: 'ul', options: { itemPrefix: '- ' } },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'h4', options: { uppercase: false } },
    { selector: 'h5', options: { uppercase: false } },
    { selector: 'h6', options: { uppercase: false } },
    // Notices use tables for layout (항목 | 내용): one row per line, cells separated by " | ".
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false, maxColumnWidth: 10_000, colSpacing: 1 } },
  ],
};

const OPTIONS_PLAIN: HtmlToTextOptions = { ...OPTIONS, preserveNewlines: true };

// Compiled once: `convert(html, options)` would rebuild the selector tree on every call.
const fromHtml = compile(OPTIONS);
const fromPlain = compile(OPTIONS_PLAIN);

/** A tag, comment or doctype opener: `<p`, `</p`, `<!--`, `<!DOCTYPE`. */
const LOOKS_LIKE_HTML = /<(?:[a-z][a-z0-9]*[\s/>]|\/[a-z]|!)/i;
/** A character reference: `&amp;`, `&#45800;`, `&#x1F600;`. */
const HAS_ENTITY = /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;

/**
 * Plain text from an HTML (or plain) string: entities decoded; <br>, <p>, <li>, <div>, headings and
 * table rows become line breaks; script/style dropped; spaces collapsed within lines; at most one
 * empty line in a row; control characters removed. Plain text input (no tags) keeps its own line
 * breaks. Never throws.
 */
export function htmlToPlainText(input: string): string {
  let text: string;
  if (LOOKS_LIKE_HTML.test(input)) text = fromHtml(input);
  else if (HAS_ENTITY.test(input)) text = fromPlain(input);
  else text = input;
  return normalizeWhitespace(text);
}

/** Collapse spaces within lines, trim lines, keep at most one blank line, drop control characters. */
export function normalizeWhitespace(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    // C0/C1 controls (not \n, \t), the Unicode replacement character left by invalid references,
    // zero-width characters and BOM.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[\u2028\u2029]/g, '\n')
    .split('\n')
    .map((l) => l.replace(/ {2,}/g, ' ').trim());
  const out: string[] = [];
  for (const l of lines) {
    if (l === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(l);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/** Same as `htmlToPlainText`, but one line (titles, agency names). */
export function htmlToOneLine(input: string): string {
  return htmlToPlainText(input)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
