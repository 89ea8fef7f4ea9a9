import type ExcelJS from 'exceljs';
import { excel } from '../../heavy-libs.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { Cell, CellType, TableSpec } from './reports.tables.ts';

/**
 * .xlsx files (exceljs), the format offices live in: Korean headers, numbers stored as numbers with
 * a display format (천 단위 쉼표, 원, %, 일), dates as Excel dates, the header row frozen and
 * filterable. A value the province may not see is written as the words the page shows
 * ("5 미만", "비공개"), never as a number. A second sheet "정보" says what the file is: title,
 * period, scope, when and by whom it was made, and the definitions and the suppression rule.
 */
const NUM_FMT: Record<CellType, string | undefined> = {
  text: undefined,
  int: '#,##0',
  decimal: '#,##0.0',
  won: '#,##0"원"',
  rate: '0.0%',
  days: '#,##0.0"일"',
  score: '0.0',
  date: 'yyyy-mm-dd',
  month: undefined,
};

export interface WorkbookMeta {
  title: string;
  /** Lines for the 정보 sheet: [label, value]. */
  info: [string, string][];
}

function cellValue(cell: Cell, t: Translate, publicView: boolean): ExcelJS.CellValue {
  const { value, type } = cell;
  if (value === 'lt5') return t('reports.lt5');
  if (value === null) return publicView ? t('reports.withheld') : null;
  if (type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  return value;
}

function sheetName(title: string, used: Set<string>): string {
  // Excel: at most 31 characters, none of : \ / ? * [ ].
  let base = title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 28).trim() || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base} ${i}`;
  used.add(name);
  base = name;
  return base;
}

export function addTableSheet(wb: ExcelJS.Workbook, spec: TableSpec, opts: { t: Translate; publicView: boolean; used: Set<string>; sampleSuffix: string }) {
  const ws = wb.addWorksheet(sheetName(spec.title, opts.used), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((col, i) => ({
    header: col.header,
    key: `c${i}`,
    width: col.type === 'text' ? Math.max(14, Math.min(40, Math.max(...spec.rows.map((r) => String(r[i]?.value ?? '').length), col.header.length) * 1.8)) : Math.max(10, col.header.length * 2 + 2),
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF4F5F6' } };
  const write = (cells: Cell[], sample: boolean, bold: boolean) => {
    const values = cells.map((cell, i) => {
      const v = cellValue(cell, opts.t, opts.publicView);
      return i === (spec.labelColumn ?? 0) && sample && typeof v === 'string' ? `${v} ${opts.sampleSuffix}` : v;
    });
    const row = ws.addRow(values);
    cells.forEach((cell, i) => {
      const x = row.getCell(i + 1);
      const fmt = NUM_FMT[cell.type];
      if (fmt && (typeof x.value === 'number' || x.value instanceof Date)) x.numFmt = fmt;
      if (typeof x.value === 'string' && cell.type !== 'text' && cell.type !== 'month') x.alignment = { horizontal: 'right' };
    });
    if (bold) row.font = { bold: true };
  };
  spec.rows.forEach((r, i) => write(r, spec.sampleRows[i] ?? false, false));
  spec.foot.forEach((r) => write(r, false, true));
  if (spec.rows.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + spec.rows.length, column: spec.columns.length } };
  return ws;
}

export function addInfoSheet(wb: ExcelJS.Workbook, meta: WorkbookMeta, used: Set<string>, infoTitle: string) {
  const ws = wb.addWorksheet(sheetName(infoTitle, used));
  ws.columns = [
    { header: '', key: 'k', width: 22 },
    { header: '', key: 'v', width: 100 },
  ];
  ws.getRow(1).values = [meta.title];
  ws.getRow(1).font = { bold: true, size: 14 };
  meta.info.forEach(([k, v], i) => {
    const row = ws.getRow(i + 3);
    row.values = [k, v];
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  });
}

export async function workbookBytes(specs: TableSpec[], meta: WorkbookMeta, opts: { t: Translate; publicView: boolean; creator: string; now: Date }): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  wb.creator = opts.creator;
  wb.created = opts.now;
  wb.modified = opts.now;
  wb.title = meta.title;
  const used = new Set<string>();
  for (const s of specs) addTableSheet(wb, s, { t: opts.t, publicView: opts.publicView, used, sampleSuffix: opts.t('reports.sampleSuffix') });
  addInfoSheet(wb, meta, used, opts.t('reports.infoSheet'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
