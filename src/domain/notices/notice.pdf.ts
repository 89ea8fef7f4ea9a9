import { createRequire } from 'node:module';
import path from 'node:path';
import { normalizeWhitespace } from '../catalog/catalog.text.ts';
import { EXTRACT_LIMITS, ExtractError } from './notice.types.ts';

/**
 * Text of a PDF with Mozilla's pdf.js (`pdfjs-dist`, legacy build: the one meant for Node). We pin
 * 5.6.x, the last line whose engines include Node 20.19 (5.7 and `unpdf` 1.x need Node 22). The
 * predefined CJK CMaps (Adobe-Korea1: KSC-EUC-H, UniKS-UCS2-H… used by PDFs whose Korean font is not
 * embedded) and the standard font metrics ship inside the package and are read from disk: no
 * network. Scripting and eval are off; no worker thread (pdf.js runs its "fake worker" in-process).
 *
 * Lines are rebuilt from the glyph runs' positions: runs on the same baseline form one line, left to
 * right, with a space where there is a visible gap (table cells of a flattened table stay apart).
 */
const require = createRequire(import.meta.url);
const PDFJS_DIR = path.dirname(require.resolve('pdfjs-dist/package.json'));
const CMAP_URL = `${path.join(PDFJS_DIR, 'cmaps')}${path.sep}`;
const STANDARD_FONTS_URL = `${path.join(PDFJS_DIR, 'standard_fonts')}${path.sep}`;

interface Run {
  str: string;
  x: number;
  y: number;
  w: number;
  h: number;
  eol: boolean;
}

export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: CMAP_URL,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONTS_URL,
    isEvalSupported: false,
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    const name = e instanceof Error ? e.name : '';
    if (name === 'PasswordException') throw new ExtractError('encrypted', '암호가 걸린 PDF입니다');
    throw new ExtractError('failed', `PDF를 열 수 없습니다: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    if (doc.numPages > EXTRACT_LIMITS.maxPdfPages)
      throw new ExtractError('failed', `PDF가 너무 깁니다 (${doc.numPages}쪽, 최대 ${EXTRACT_LIMITS.maxPdfPages}쪽)`);
    const pages: string[] = [];
    let size = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [, , , , x, y] = item.transform as number[];
        runs.push({
          str: item.str,
          x: x ?? 0,
          y: y ?? 0,
          w: item.width,
          h: item.height || Math.abs((item.transform as number[])[3] ?? 0),
          eol: item.hasEOL,
        });
      }
      const text = linesOf(runs);
      size += text.length;
      if (size > EXTRACT_LIMITS.maxTextChars)
        throw new ExtractError('failed', `본문이 너무 깁니다 (${EXTRACT_LIMITS.maxTextChars.toLocaleString('ko-KR')}자 초과)`);
      pages.push(text);
      page.cleanup();
    }
    return normalizeWhitespace(pages.join('\n'));
  } finally {
    await doc.destroy();
  }
}

function linesOf(runs: Run[]): string {
  const lines: Run[][] = [];
  let current: Run[] = [];
  let lineY = 0;
  let lineH = 0;
  let brokeAfter = false;
  for (const r of runs) {
    if (r.str === '' && !r.eol) continue;
    const tolerance = Math.max(r.h, lineH, 1) * 0.5;
    if (current.length && (brokeAfter || Math.abs(r.y - lineY) > tolerance)) {
      lines.push(current);
      current = [];
    }
    if (current.length === 0) {
      lineY = r.y;
      lineH = r.h;
    }
    if (r.str !== '') current.push(r);
    brokeAfter = r.eol;
  }
  if (current.length) lines.push(current);
  return lines
    .map((line) => {
      const sorted = [...line].sort((a, b) => a.x - b.x);
      let s = '';
      let end = -Infinity;
      for (const r of sorted) {
        const gap = r.x - end;
        if (s && gap > Math.max(r.h, 1) * 0.2 && !s.endsWith(' ') && !r.str.startsWith(' ')) s += ' ';
        s += r.str;
        end = r.x + r.w;
      }
      return s;
    })
    .join('\n');
}
