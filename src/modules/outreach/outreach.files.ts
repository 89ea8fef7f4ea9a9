import type ExcelJS from 'exceljs';
import { excel } from '../../heavy-libs.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { formatDate, formatDateTime } from '../../domain/format.ts';
import { factTable, gridTable, paperTitle, paragraph, renderPaper, sectionHeading } from '../../web/pdf.ts';
import { describePublic } from '../../domain/metrics/index.ts';
import type { OutreachService, ProvinceCounts } from './outreach.service.ts';

/**
 * A visit list on paper (A4 PDF, Korean fonts: src/web/pdf.ts) and as a workbook (.xlsx, exceljs) —
 * the clerk takes one or the other on the day. Registry shops are public data, so these files carry
 * no personal data; the outcome boxes are ticked by hand and recorded in Itda afterwards.
 */
type VisitData = Awaited<ReturnType<OutreachService['getVisitList']>>;

/** A workbook of ours: a first sheet with a bold, frozen, filterable header row. */
function workbook(sheet: string, columns: Partial<ExcelJS.Column>[]): { wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet } {
  const wb: ExcelJS.Workbook = new (excel().Workbook)();
  wb.creator = '잇다 (Itda)';
  const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return { wb, ws };
}

const shopName = (it: VisitData['items'][number]) => (it.branchName ? `${it.name} ${it.branchName}` : it.name);
const address = (it: VisitData['items'][number]) => `${it.roadAddress ?? it.jibunAddress ?? ''}${it.floorInfo ? ` ${it.floorInfo}층` : ''}`;

export function visitListPdf(data: VisitData, t: Translate, locale: string, printedAt: Date): Promise<Buffer> {
  const { list, items } = data;
  return renderPaper({ title: `${t('outreach.pdf.title')} — ${list.title}`, footer: `잇다 · ${t('outreach.pdf.title')} ${list.id} · ${formatDateTime(printedAt, locale)}` }, (doc) => {
    paperTitle(doc, t('outreach.pdf.title'), list.title);
    factTable(doc, [
      [t('outreach.visit.day'), formatDate(list.day, locale, 'long')],
      [t('outreach.visit.madeBy', { name: '' }).trim(), list.createdByName],
    ]);
    paragraph(doc, t('outreach.pdf.note'), { size: 9.5 });
    const groups: { dong: string | null; items: typeof items }[] = [];
    for (const it of items) {
      const last = groups.at(-1);
      if (last && last.dong === it.adongName) last.items.push(it);
      else groups.push({ dong: it.adongName, items: [it] });
    }
    for (const g of groups) {
      sectionHeading(doc, g.dong ?? t('outreach.noDong'));
      gridTable(
        doc,
        [t('outreach.visit.stop'), t('outreach.shops.name'), t('outreach.shops.address'), t('outreach.shops.ask'), t('outreach.visit.outcome')],
        g.items.map((it) => [
          String(it.position),
          `${shopName(it)}\n${it.industrySmallName ?? ''}\n${t(`outreach.status.${it.status}`)}`,
          address(it),
          it.ask || '—',
          it.outcome ? `■ ${t(`outreach.outcome.${it.outcome}`)}` : t('outreach.pdf.outcomeBoxes').replace(/ {2}/g, '\n'),
        ]),
        [0.07, 0.25, 0.28, 0.2, 0.2],
        9,
      );
    }
  });
}

export async function visitListXlsx(data: VisitData, t: Translate, locale: string): Promise<Buffer> {
  const { list, items } = data;
  const { wb, ws } = workbook(t('outreach.pdf.title'), [
    { header: t('outreach.visit.stop'), key: 'position', width: 6 },
    { header: t('outreach.groups.dong'), key: 'dong', width: 14 },
    { header: t('outreach.shops.name'), key: 'name', width: 28 },
    { header: t('stores.col.industry'), key: 'industry', width: 18 },
    { header: t('outreach.shops.address'), key: 'address', width: 40 },
    { header: t('outreach.shops.status'), key: 'status', width: 10 },
    { header: t('outreach.shops.ask'), key: 'ask', width: 32 },
    { header: t('outreach.visit.outcome'), key: 'outcome', width: 16 },
    { header: t('stores.detail.id'), key: 'storeId', width: 24 },
    { header: 'lon', key: 'lon', width: 12 },
    { header: 'lat', key: 'lat', width: 12 },
  ]);
  for (const it of items) {
    ws.addRow({
      position: it.position,
      dong: it.adongName ?? t('outreach.noDong'),
      name: shopName(it),
      industry: it.industrySmallName ?? '',
      address: address(it),
      status: t(`outreach.status.${it.status}`),
      ask: it.ask,
      outcome: it.outcome ? t(`outreach.outcome.${it.outcome}`) : '',
      storeId: it.storeId,
      lon: it.lon,
      lat: it.lat,
    });
  }
  const info = wb.addWorksheet('정보');
  info.addRows([
    [t('outreach.pdf.title'), list.title],
    [t('outreach.visit.day'), formatDate(list.day, locale, 'long')],
    [t('outreach.visit.madeBy', { name: '' }).trim(), list.createdByName],
    ['', t('outreach.pdf.note')],
  ]);
  info.getColumn(1).width = 14;
  info.getColumn(2).width = 80;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type ShopsExport = Awaited<ReturnType<OutreachService['exportShops']>>;

/**
 * Every shop of an outreach search as a workbook (the page names the first 100): one row per shop
 * with its 행정동, verdict, the programmes it fits or may fit and what to ask; a second sheet says
 * what the search was. Registry shops are public data: no personal data in it.
 */
export async function outreachShopsXlsx(data: ShopsExport, t: Translate, locale: string, generatedAt: Date): Promise<Buffer> {
  const { result, rows } = data;
  const title = new Map([...result.programmes, ...result.drafted].map((p) => [p.key, p.title]));
  const { wb, ws } = workbook(t('outreach.export.sheetShops'), [
    { header: t('outreach.groups.dong'), key: 'dong', width: 14 },
    { header: t('outreach.shops.name'), key: 'name', width: 28 },
    { header: t('stores.col.industry'), key: 'industry', width: 18 },
    { header: t('outreach.shops.address'), key: 'address', width: 40 },
    { header: t('outreach.shops.status'), key: 'status', width: 10 },
    { header: t('outreach.export.eligibleFor'), key: 'eligible', width: 40 },
    { header: t('outreach.export.mayFit'), key: 'unknown', width: 40 },
    { header: t('outreach.shops.ask'), key: 'ask', width: 32 },
    { header: t('stores.detail.id'), key: 'storeId', width: 24 },
  ]);
  for (const r of rows) {
    ws.addRow({
      dong: r.dong ?? t('outreach.noDong'),
      name: r.name,
      industry: r.industry ?? '',
      address: r.address ?? '',
      status: t(`outreach.status.${r.status}`),
      eligible: r.eligible.map((k) => title.get(k) ?? k).join(', '),
      unknown: r.unknown.map((k) => title.get(k) ?? k).join(', '),
      ask: r.ask,
      storeId: r.id,
    });
  }
  const info = wb.addWorksheet(t('outreach.export.sheetInfo'));
  info.addRows([
    [t('outreach.export.generated'), formatDateTime(generatedAt, locale)],
    [t('outreach.export.refDate'), formatDate(result.refDate, locale, 'long')],
    [t('outreach.summary.eligible'), result.totals.eligible],
    [t('outreach.summary.unknown'), result.totals.unknown],
    [t('outreach.export.rows'), rows.length],
    ...(data.truncated ? [['', t('outreach.export.truncated', { n: rows.length })]] : []),
    ['', t('outreach.export.note')],
    [],
    [t('outreach.programmes.title')],
    ...result.programmes.map((p) => [p.title, p.periodEnd ?? '']),
  ]);
  info.getColumn(1).width = 28;
  info.getColumn(2).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The province's counts by 시·군 × programme as a workbook, with the same "5 미만" the page shows. */
export async function provinceCountsXlsx(data: ProvinceCounts, t: Translate, locale: string, generatedAt: Date): Promise<Buffer> {
  const { wb, ws } = workbook(t('outreach.export.sheetCounts'), [
    { header: t('outreach.province.municipality'), key: 'municipality', width: 14 },
    { header: t('outreach.programmes.name'), key: 'programme', width: 44 },
    { header: t('outreach.summary.eligible'), key: 'eligible', width: 14 },
    { header: t('outreach.summary.unknown'), key: 'unknown', width: 14 },
  ]);
  // A number stays a number (sortable, summable in Excel); a suppressed cell is the words the page shows.
  const cell = (v: ProvinceCounts['rows'][number]['eligible']) => (typeof v === 'number' ? v : describePublic(v, String));
  for (const r of data.rows) ws.addRow({ municipality: r.municipalityName, programme: r.title, eligible: cell(r.eligible), unknown: cell(r.unknown) });
  ws.getColumn('eligible').alignment = { horizontal: 'right' };
  ws.getColumn('unknown').alignment = { horizontal: 'right' };
  const info = wb.addWorksheet(t('outreach.export.sheetInfo'));
  info.addRows([
    [t('outreach.export.generated'), formatDateTime(generatedAt, locale)],
    ['', t('outreach.province.lead')],
    ['', t('outreach.export.suppressed')],
  ]);
  info.getColumn(1).width = 20;
  info.getColumn(2).width = 90;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
