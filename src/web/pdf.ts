import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type PDFDocument from 'pdfkit';
import { pdfkit } from '../heavy-libs.ts';

/**
 * The printed papers' kit (A4, Korean): one place for the fonts and the few shapes every paper uses
 * — title, a table of facts, paragraphs, signature boxes, the footer with the document number.
 * pdfkit with Pretendard (OFL) OTF from the `pretendard` npm package: pdfkit embeds a subset of the
 * glyphs used, so Hangul reads (and copies, and is found by pdftotext) in any viewer; WOFF/WOFF2
 * (KRDS's web fonts) cannot be embedded in a PDF (docs/architecture.md, documents).
 */
const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('pretendard/package.json')), 'dist', 'public', 'static');
export const FONT_REGULAR = path.join(FONT_DIR, 'Pretendard-Regular.otf');
export const FONT_BOLD = path.join(FONT_DIR, 'Pretendard-Bold.otf');
/**
 * Simplified Chinese (issue 13 §4: the handout in the owner's language): Pretendard has no Han
 * characters, so runs of them are set in Droid Sans Fallback (Apache-2.0, src/web/fonts/README.md).
 * It has no bold: a bold Chinese run is set in the same weight.
 */
export const FONT_HAN = fileURLToPath(new URL('./fonts/DroidSansFallbackFull.ttf', import.meta.url));
const withHan = new WeakSet<object>();
const HAN_RUN = /([\p{Script=Han}\u3000-\u303f\uff00-\uffef]+)/u;

export type Doc = InstanceType<typeof PDFDocument>;

export const A4_MARGIN = 56;
const INK = '#1e2124';
const GREY = '#464c53';
const RULE = '#b1b8be';
const SHADE = '#f4f5f6';

export interface PaperInfo {
  title: string;
  /** Shown at the foot of every page: e.g. "잇다 · 출력 2026. 12. 2. · 문서번호 …". */
  footer: string;
  /** Demo data is labelled on every page it is printed on. */
  sample?: boolean;
  author?: string;
  /** BCP 47 language of the paper (the PDF's /Lang, read by screen readers); Korean by default. */
  lang?: string;
}

/** Runs `draw` on a new A4 document with the Korean fonts registered; resolves with the PDF bytes. */
export function renderPaper(info: PaperInfo, draw: (doc: Doc) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new (pdfkit())({
      size: 'A4',
      margins: { top: A4_MARGIN, bottom: A4_MARGIN, left: A4_MARGIN, right: A4_MARGIN },
      info: { Title: info.title, Author: info.author ?? '잇다 (Itda)', Creator: '잇다 (Itda)' },
      lang: info.lang ?? 'ko-KR',
      pdfVersion: '1.7',
      displayTitle: true,
      bufferPages: true,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('regular', FONT_REGULAR);
    doc.registerFont('bold', FONT_BOLD);
    if (info.lang?.startsWith('zh')) {
      doc.registerFont('han', FONT_HAN);
      withHan.add(doc);
    }
    try {
      draw(doc);
      // Footer (and the sample label) on every page, drawn last so the page count is known.
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        const y = doc.page.height - A4_MARGIN + 18;
        const width = doc.page.width - A4_MARGIN * 2;
        // Writing below the bottom margin would start a new page: lift the margin for the footer.
        const bottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        doc
          .font('regular')
          .fontSize(8)
          .fillColor(GREY)
          .text(`${info.footer} · ${i - range.start + 1}/${range.count}`, A4_MARGIN, y, { width, align: 'left', lineBreak: false });
        if (info.sample) doc.font('bold').fontSize(8).fillColor('#8a5a00').text('예시(데모) 데이터 — 실제 사람이 아닙니다', A4_MARGIN, y, { width, align: 'right', lineBreak: false });
        doc.page.margins.bottom = bottom;
      }
      doc.end();
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - A4_MARGIN * 2;
}

/** Starts a new page when fewer than `height` points are left above the bottom margin. */
export function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > doc.page.height - A4_MARGIN) doc.addPage();
}

/**
 * One block of text at the left margin. On a Chinese paper, runs of Han characters (and CJK
 * punctuation) are set in the Han font and the rest (Hangul terms, Latin, digits) in Pretendard, as
 * one flowing paragraph (pdfkit's `continued`).
 */
function block(doc: Doc, text: string, font: 'regular' | 'bold', opts: { width: number; align?: 'left' | 'center'; lineGap?: number }) {
  const runs = withHan.has(doc) ? text.split(HAN_RUN).filter((r) => r !== '') : [text];
  if (runs.length <= 1) {
    doc.font(runs[0] !== undefined && HAN_RUN.test(runs[0]) ? 'han' : font).text(text, A4_MARGIN, doc.y, opts);
    return;
  }
  // pdfkit cannot centre a line made of several runs: centre it by hand when it fits on one line.
  const fontOf = (run: string) => (HAN_RUN.test(run) ? 'han' : font);
  let x = A4_MARGIN;
  let rest = opts;
  if (opts.align === 'center') {
    const total = runs.reduce((w, run) => w + doc.font(fontOf(run)).widthOfString(run), 0);
    if (total < opts.width) x = A4_MARGIN + (opts.width - total) / 2;
    rest = { ...opts, align: 'left', width: opts.width - (x - A4_MARGIN) };
  }
  runs.forEach((run, i) => {
    doc.font(fontOf(run));
    const last = i === runs.length - 1;
    if (i === 0) doc.text(run, x, doc.y, { ...rest, continued: !last });
    else doc.text(run, { continued: !last });
  });
  doc.x = A4_MARGIN;
}

/** The paper's title, centred, with an optional line under it (e.g. the programme). */
export function paperTitle(doc: Doc, title: string, subtitle?: string, size = 20) {
  doc.fontSize(size).fillColor(INK);
  block(doc, title, 'bold', { width: contentWidth(doc), align: 'center' });
  if (subtitle) {
    doc.moveDown(0.2).fontSize(11).fillColor(GREY);
    block(doc, subtitle, 'regular', { width: contentWidth(doc), align: 'center' });
  }
  doc.moveDown(1);
}

export function sectionHeading(doc: Doc, text: string, size = 12.5) {
  ensureSpace(doc, 48);
  doc.moveDown(0.5);
  doc.fontSize(size).fillColor(INK);
  block(doc, text, 'bold', { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

export function paragraph(doc: Doc, text: string, opts: { size?: number; color?: string; bold?: boolean } = {}) {
  doc.fontSize(opts.size ?? 10.5).fillColor(opts.color ?? INK);
  block(doc, text, opts.bold ? 'bold' : 'regular', { width: contentWidth(doc), lineGap: 2 });
  doc.moveDown(0.3);
}

/**
 * Label | value rows in ruled boxes, the way Korean forms are printed. A value that is not known is
 * left as an empty box to be filled in by hand (never a made-up value).
 */
export function factTable(doc: Doc, rows: readonly (readonly [string, string | null | undefined])[], opts: { labelWidth?: number; size?: number } = {}) {
  const width = contentWidth(doc);
  const lw = opts.labelWidth ?? 120;
  const size = opts.size ?? 10.5;
  for (const [label, value] of rows) {
    doc.font('regular').fontSize(size);
    const h = Math.max(24, doc.heightOfString(value ?? ' ', { width: width - lw - 16 }) + 12, doc.font('bold').heightOfString(label, { width: lw - 12 }) + 12);
    ensureSpace(doc, h);
    const y = doc.y;
    doc.rect(A4_MARGIN, y, lw, h).fillAndStroke(SHADE, RULE);
    doc.rect(A4_MARGIN + lw, y, width - lw, h).strokeColor(RULE).stroke();
    doc.font('bold').fontSize(size).fillColor(INK).text(label, A4_MARGIN + 6, y + 6, { width: lw - 12 });
    doc.font('regular').fontSize(size).fillColor(INK).text(value ?? '', A4_MARGIN + lw + 8, y + 6, { width: width - lw - 16 });
    doc.y = y + h;
  }
  doc.x = A4_MARGIN;
  doc.moveDown(0.6);
}

/** A simple table with a shaded header; columns as fractions of the width. */
export function gridTable(doc: Doc, headers: readonly string[], rows: readonly (readonly string[])[], fractions: readonly number[], size = 9.5) {
  const width = contentWidth(doc);
  const widths = fractions.map((f) => f * width);
  const draw = (cells: readonly string[], header: boolean) => {
    doc.font(header ? 'bold' : 'regular').fontSize(size);
    const h = Math.max(20, ...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 10 }) + 10));
    if (doc.y + h > doc.page.height - A4_MARGIN) {
      doc.addPage();
      if (!header) draw(headers, true);
    }
    const y = doc.y;
    let x = A4_MARGIN;
    cells.forEach((c, i) => {
      if (header) doc.rect(x, y, widths[i]!, h).fillAndStroke(SHADE, RULE);
      else doc.rect(x, y, widths[i]!, h).strokeColor(RULE).stroke();
      doc.font(header ? 'bold' : 'regular').fontSize(size).fillColor(INK).text(c, x + 5, y + 5, { width: widths[i]! - 10 });
      x += widths[i]!;
    });
    doc.y = y + h;
  };
  draw(headers, true);
  for (const r of rows) draw(r, false);
  doc.x = A4_MARGIN;
  doc.moveDown(0.6);
}

/** "20  년   월   일" and, for each signer, a line with the name printed and a box for 서명 또는 인. */
export function signatureBlock(doc: Doc, signers: readonly { role: string; name: string | null }[], dateLine = '20      년      월      일') {
  ensureSpace(doc, 60 + signers.length * 44);
  doc.moveDown(0.8);
  doc.font('regular').fontSize(11).fillColor(INK).text(dateLine, A4_MARGIN, doc.y, { width: contentWidth(doc), align: 'center' });
  doc.moveDown(1.2);
  const width = contentWidth(doc);
  for (const s of signers) {
    const y = doc.y;
    const boxW = 90;
    const boxX = A4_MARGIN + width - boxW;
    doc.font('bold').fontSize(11).fillColor(INK).text(s.role, A4_MARGIN + width * 0.25, y + 12, { width: 90 });
    doc.font('regular').fontSize(11).text(`성명  ${s.name ?? ''}`, A4_MARGIN + width * 0.25 + 95, y + 12, { width: boxX - (A4_MARGIN + width * 0.25 + 105) });
    doc.rect(boxX, y, boxW, 36).strokeColor(RULE).stroke();
    doc.font('regular').fontSize(8).fillColor(GREY).text('(서명 또는 인)', boxX, y + 38, { width: boxW, align: 'center' });
    doc.y = y + 54;
  }
  doc.x = A4_MARGIN;
}

/** Tick boxes on one line, each followed by its label (the owner ticks one by hand). */
export function tickChoices(doc: Doc, labels: readonly string[], size = 10.5) {
  ensureSpace(doc, 22);
  const y = doc.y;
  let x = A4_MARGIN;
  doc.font('regular').fontSize(size).fillColor(INK);
  for (const label of labels) {
    doc.rect(x, y + 2, 11, 11).strokeColor(INK).stroke();
    doc.text(label, x + 17, y, { lineBreak: false });
    x += 17 + doc.widthOfString(label) + 36;
  }
  doc.x = A4_MARGIN;
  doc.y = y + size + 8;
}
