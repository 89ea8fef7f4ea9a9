import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type PDFDocument from 'pdfkit';
import { pdfkit } from '../../heavy-libs.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { MonthFigures } from './reports.types.ts';
import { formatCell, formatMonth, type Cell, type TableSpec } from './reports.tables.ts';

/**
 * 월간 실적 보고 as a PDF (A4 portrait) for the province. pdfkit with Pretendard (OFL) OTF from the
 * `pretendard` npm package: pdfkit embeds a subset of the glyphs used, so Hangul reads correctly in
 * any viewer; WOFF/WOFF2 (KRDS's fonts) cannot be embedded in a PDF (docs/architecture.md, documents).
 * The tables are the same TableSpecs as the .xlsx (reports.tables.ts), formatted as the page formats
 * them, so the PDF, the workbook and the screen cannot disagree. Aggregates only (province).
 */
const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('pretendard/package.json')), 'dist', 'public', 'static');
const FONT_REGULAR = path.join(FONT_DIR, 'Pretendard-Regular.otf');
const FONT_BOLD = path.join(FONT_DIR, 'Pretendard-Bold.otf');

/**
 * The fonts, parsed once per process and shared by every monthly PDF. Given a file, pdfkit parses
 * the OTF again for each document (its GSUB tables lazily, word by word) and shapes every word
 * anew: that was 180 ms of a 10× monthly report's 320 ms (bench/reports.bench.ts). pdfkit accepts
 * a parsed fontkit font instead of a file (its own fontkit, so the glyph objects are the ones it
 * expects) and keeps each document's shaped words in `layoutCache`; the words of one font shape
 * the same in every document, so that cache is shared too (each document still embeds its own
 * subset of the glyphs it used). Bounded: numbers make new words every month.
 */
const LAYOUT_CACHE_MAX = 5_000; // words (a report has a few hundred); about 1 KB each
type SharedFont = { font: object; layout: Record<string, unknown> };
const sharedFonts = new Map<string, SharedFont>();
function sharedFont(file: string): SharedFont {
  let f = sharedFonts.get(file);
  if (!f) {
    const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(buffer: Uint8Array): object };
    f = { font: fontkit.create(readFileSync(file)), layout: Object.create(null) as Record<string, unknown> };
    sharedFonts.set(file, f);
  }
  if (Object.keys(f.layout).length > LAYOUT_CACHE_MAX) f.layout = Object.create(null) as Record<string, unknown>;
  return f;
}
/** Registers `name` as the shared font of `file` on this document, with the shared shaped words. */
function useSharedFont(doc: Doc, name: string, file: string) {
  const f = sharedFont(file);
  doc.registerFont(name, f.font as Buffer);
  // pdfkit's per-document font object (internal): made by the first use of the name.
  const embedded = (doc.font(name) as unknown as { _font: { layoutCache?: Record<string, unknown> } })._font;
  if (embedded.layoutCache) embedded.layoutCache = f.layout;
}

const MARGIN = 48;
const BLUE = '#0b50d0';
const GREY = '#464c53';
const LINE = '#cdd1d5';

type Doc = InstanceType<typeof PDFDocument>;

/** The axis top: the next 1, 2, 2.5 or 5 × 10ⁿ at or above the value, so the 4 gridlines read round. */
/**
 * The value axis in four equal whole-number steps (1, 2, 5 × 10ⁿ), so every gridline's label is the
 * value at that line: the largest value 5 gives 0·2·4·6·8, not 0·1.25·2.5… rounded to wrong labels.
 */
export function axisScale(largest: number): { max: number; step: number } {
  const raw = Math.max(1, largest) / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => Math.max(1, f * p)).find((x) => x >= raw) ?? 10 * p;
  return { max: step * 4, step };
}

function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > doc.page.height - MARGIN - 24) doc.addPage();
}

function heading(doc: Doc, text: string) {
  ensureSpace(doc, 60);
  doc.moveDown(0.6);
  doc.font('bold').fontSize(13).fillColor('#1e2124').text(text, MARGIN, doc.y);
  doc.moveDown(0.3);
}

/** A table: header row on grey, numbers right-aligned, thin rules; repeats the header on a new page. */
function table(doc: Doc, spec: TableSpec, t: Translate, widths?: number[]) {
  const fmt = (cell: Cell) => formatCell(cell, { locale: 'ko', publicView: true, t });
  const total = doc.page.width - MARGIN * 2;
  // Column widths by what they hold: names widest, amounts wider than counts.
  const weight: Record<string, number> = { text: 2.2, month: 1.4, won: 1.9, int: 1, decimal: 1, rate: 1, days: 1, score: 0.9, date: 1.3 };
  const weights = spec.columns.map((c, i) => (i === 0 ? Math.max(weight[c.type] ?? 1, 2.2) : (weight[c.type] ?? 1)));
  const sum = weights.reduce((a, b) => a + b, 0);
  const w = widths ?? weights.map((x) => (total * x) / sum);
  const rowH = 17;
  const drawRow = (cells: string[], opts: { header?: boolean; bold?: boolean }) => {
    const lines = Math.max(...cells.map((text, i) => Math.ceil(doc.font(opts.header || opts.bold ? 'bold' : 'regular').fontSize(8.5).widthOfString(text) / (w[i]! - 8)) || 1));
    const h = Math.max(rowH, lines * 11 + 6);
    if (doc.y + h > doc.page.height - MARGIN - 24) {
      doc.addPage();
      if (!opts.header) drawRow(spec.columns.map((c) => c.header), { header: true });
    }
    const y = doc.y;
    if (opts.header) doc.rect(MARGIN, y, total, h).fill('#f4f5f6');
    let x = MARGIN;
    cells.forEach((text, i) => {
      const numeric = i > 0 && spec.columns[i]!.type !== 'text' && spec.columns[i]!.type !== 'month';
      doc
        .font(opts.header || opts.bold ? 'bold' : 'regular')
        .fontSize(8.5)
        .fillColor(opts.header ? '#1e2124' : '#1e2124')
        .text(text, x + 4, y + 4, { width: w[i]! - 8, align: numeric ? 'right' : 'left' });
      x += w[i]!;
    });
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + total, y + h)
      .lineWidth(opts.header || opts.bold ? 0.9 : 0.4)
      .strokeColor(opts.header ? '#1e2124' : LINE)
      .stroke();
    doc.y = y + h;
    doc.x = MARGIN;
  };
  ensureSpace(doc, rowH * 3);
  drawRow(
    spec.columns.map((c) => c.header),
    { header: true },
  );
  if (!spec.rows.length) drawRow([t('reports.noRows'), ...spec.columns.slice(1).map(() => '')], {});
  spec.rows.forEach((r, i) => drawRow(r.map((cell, j) => (j === (spec.labelColumn ?? 0) && spec.sampleRows[i] ? `${fmt(cell)} ${t('reports.sampleSuffix')}` : fmt(cell))), {}));
  spec.foot.forEach((r) => drawRow(r.map(fmt), { bold: true }));
  doc.moveDown(0.4);
}

/** Monthly applications and benefits as bars, drawn with pdfkit (no script, no raster). */
function trendChart(doc: Doc, m: MonthFigures, t: Translate) {
  const h = 150;
  ensureSpace(doc, h + 40);
  const x0 = MARGIN + 30;
  const y0 = doc.y + 10;
  const width = doc.page.width - MARGIN * 2 - 40;
  const vals = m.trend.flatMap((x) => [x.applied, x.benefited]).map((v) => (typeof v === 'number' ? v : 0));
  const { max, step: tick } = axisScale(Math.max(...vals));
  const step = width / Math.max(1, m.trend.length);
  const bar = Math.min(14, step / 3);
  doc.lineWidth(0.5).strokeColor(LINE);
  for (let i = 0; i <= 4; i++) {
    const y = y0 + h - (h * i) / 4;
    doc.moveTo(x0, y).lineTo(x0 + width, y).stroke();
    doc.font('regular').fontSize(7).fillColor(GREY).text((tick * i).toLocaleString('ko-KR'), MARGIN - 4, y - 4, { width: 30, align: 'right' });
  }
  m.trend.forEach((x, i) => {
    const cx = x0 + step * i + step / 2;
    const a = typeof x.applied === 'number' ? x.applied : 0;
    const b = typeof x.benefited === 'number' ? x.benefited : 0;
    doc.rect(cx - bar - 1, y0 + h - (h * a) / max, bar, (h * a) / max).fill('#256ef4');
    doc.rect(cx + 1, y0 + h - (h * b) / max, bar, (h * b) / max).fill('#1a8754');
    doc.font('regular').fontSize(7.5).fillColor(GREY).text(`${Number(x.month.slice(5, 7))}월`, cx - step / 2, y0 + h + 4, { width: step, align: 'center' });
  });
  const ly = y0 + h + 18;
  doc.rect(x0, ly, 8, 8).fill('#256ef4');
  doc.font('regular').fontSize(8).fillColor('#1e2124').text(t('reports.col.applications'), x0 + 12, ly - 1);
  doc.rect(x0 + 90, ly, 8, 8).fill('#1a8754');
  doc.fillColor('#1e2124').text(t('reports.col.benefited'), x0 + 102, ly - 1);
  doc.font('regular').fontSize(7.5).fillColor(GREY).text(t('reports.monthly.chartNote'), x0 + 220, ly - 1, { width: width - 220 });
  doc.y = ly + 18;
  doc.x = MARGIN;
}

export interface MonthlyPdfMeta {
  generatedAt: string;
  generatedBy: string;
  sample: boolean;
  /** 접속기록·감사기록 일별 해시 (issue 14 §4; reports.tables.ts chainHeadsTable). */
  chainHeads?: TableSpec;
}

/**
 * The daily chain heads: a 64-digit hash per row in Courier (a PDF standard font, every digit the
 * same width) so each hash stays on one line and pdftotext reads it back whole.
 */
function chainHeadsSection(doc: Doc, spec: TableSpec, t: Translate) {
  const width = doc.page.width - MARGIN * 2;
  heading(doc, spec.title);
  doc.font('regular').fontSize(8).fillColor(GREY).text(t('reports.monthly.chainHeadsLead'), MARGIN, doc.y, { width });
  doc.moveDown(0.4);
  if (!spec.rows.length) {
    doc.font('regular').fontSize(8.5).fillColor('#1e2124').text(t('reports.monthly.chainHeadsNone'), MARGIN, doc.y, { width });
    return;
  }
  const cols = [58, 46, 48, 58];
  const xs = cols.reduce<number[]>((acc, w, i) => [...acc, (acc[i] ?? MARGIN) + w], [MARGIN]);
  const rowH = 13;
  const header = () => {
    const y = doc.y;
    doc.rect(MARGIN, y, width, rowH).fill('#f4f5f6');
    spec.columns.forEach((c, i) => doc.font('bold').fontSize(7.5).fillColor('#1e2124').text(c.header, xs[i]! + 2, y + 3, { width: (cols[i] ?? width - (xs[i]! - MARGIN)) - 4, lineBreak: false }));
    doc.y = y + rowH;
  };
  header();
  for (const r of spec.rows) {
    if (doc.y + rowH > doc.page.height - MARGIN - 24) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    r.forEach((cell, i) => {
      const text = typeof cell.value === 'number' ? cell.value.toLocaleString('ko-KR') : String(cell.value ?? '');
      if (i === 4) doc.font('Courier').fontSize(7).fillColor('#1e2124').text(text, xs[i]! + 4, y + 3, { lineBreak: false });
      else doc.font('regular').fontSize(7.5).fillColor('#1e2124').text(text, xs[i]! + 2, y + 3, { width: cols[i]! - 6, lineBreak: false, align: i === 2 || i === 3 ? 'right' : 'left' });
    });
    doc.moveTo(MARGIN, y + rowH).lineTo(MARGIN + width, y + rowH).lineWidth(0.3).strokeColor(LINE).stroke();
    doc.y = y + rowH;
  }
  doc.x = MARGIN;
}

export function renderMonthlyPdf(m: MonthFigures, specs: TableSpec[], t: Translate, meta: MonthlyPdfMeta): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const month = formatMonth(m.month, 'ko');
    const doc = new (pdfkit())({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      info: { Title: `${t('reports.monthly.docTitle')} ${month}`, Author: t('reports.monthly.author'), Subject: t('reports.monthly.subject'), Creator: '잇다 (Itda)' },
      lang: 'ko-KR',
      pdfVersion: '1.7',
      displayTitle: true,
      bufferPages: true,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    useSharedFont(doc, 'regular', FONT_REGULAR);
    useSharedFont(doc, 'bold', FONT_BOLD);

    const width = doc.page.width - MARGIN * 2;
    doc.font('regular').fontSize(9).fillColor(GREY).text(t('reports.monthly.subject'), MARGIN, MARGIN, { width });
    doc.moveDown(0.3);
    doc.font('bold').fontSize(20).fillColor('#1e2124').text(`${t('reports.monthly.docTitle')} — ${month}`, { width });
    doc.moveDown(0.3);
    doc
      .font('regular')
      .fontSize(9.5)
      .fillColor(GREY)
      .text(t('reports.monthly.meta', { from: m.period.from, to: m.period.to, at: meta.generatedAt, by: meta.generatedBy }), { width });
    if (meta.sample) doc.font('bold').fillColor('#8a5a00').text(t('reports.monthly.sampleNote'), { width });
    doc.moveTo(MARGIN, doc.y + 6).lineTo(MARGIN + width, doc.y + 6).lineWidth(1.5).strokeColor(BLUE).stroke();
    doc.moveDown(1);

    const [summary, ...rest] = specs;
    heading(doc, summary!.title);
    table(doc, summary!, t, [width * 0.44, width * 0.28, width * 0.28]);
    heading(doc, t('reports.monthly.trend', { year: m.month.slice(0, 4) }));
    trendChart(doc, m, t);
    for (const spec of rest) {
      heading(doc, spec.title);
      table(doc, spec, t);
    }
    if (meta.chainHeads) chainHeadsSection(doc, meta.chainHeads, t);
    heading(doc, t('reports.monthly.notes'));
    for (const key of ['reports.definitionsShort', 'reports.suppressionNote', 'reports.satisfactionLead']) {
      ensureSpace(doc, 40);
      doc.font('regular').fontSize(8.5).fillColor('#1e2124').text(`• ${t(key)}`, MARGIN, doc.y, { width });
      doc.moveDown(0.3);
    }
    // Page numbers: "n / N" at the foot of every page.
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Writing below the bottom margin would start a new page: the footer sits in the margin.
      doc.page.margins.bottom = 0;
      doc
        .font('regular')
        .fontSize(8)
        .fillColor(GREY)
        .text(`${t('reports.monthly.docTitle')} ${month} · ${i + 1} / ${range.count}`, MARGIN, doc.page.height - MARGIN + 12, { width, align: 'center', lineBreak: false });
    }
    doc.end();
  });
}
