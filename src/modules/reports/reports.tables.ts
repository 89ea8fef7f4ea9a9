import type { PublicFigures, PublicValue } from '../../domain/metrics/suppression.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { Dashboard, DisplayRow, MonthFigures } from './reports.types.ts';

/**
 * Every table of the dashboards as data: the page renders it as HTML, the export writes the same
 * cells to .xlsx (reports.xlsx.ts). One builder, so the page and the file cannot disagree.
 */
export type CellType = 'text' | 'int' | 'decimal' | 'won' | 'rate' | 'days' | 'score' | 'date' | 'month';
export interface Cell {
  /** A number, a text, or what the province sees instead of a number ('lt5', null). */
  value: number | string | null;
  type: CellType;
}
export interface Column {
  header: string;
  type: CellType;
}
export const TABLE_IDS = ['summary', 'funnel', 'status', 'breakdown', 'trend', 'topApplied', 'topSuccessful', 'satisfaction', 'caseload', 'inactive'] as const;
export type TableId = (typeof TABLE_IDS)[number];

export interface TableSpec {
  id: string;
  title: string;
  columns: Column[];
  rows: Cell[][];
  /** Rows under the body (합계). */
  foot: Cell[][];
  /** Names of clerks (personal data of staff): exporting it needs a recorded reason. */
  personal: boolean;
  /** A row label is sample (demo) data: the page shows the 예시 badge, the file "(예시)". */
  sampleRows: boolean[];
  /** The column that names the row (its header cell); 0 unless a rank comes first. */
  labelColumn?: number;
}

export function isTableId(v: string): v is TableId {
  return (TABLE_IDS as readonly string[]).includes(v);
}

const c = (value: number | string | null, type: CellType): Cell => ({ value, type });

function rowLabel(t: Translate, d: Dashboard, r: DisplayRow, dim = d.dimension): string {
  return r.label ?? t(`reports.none.${dim}`);
}

/** The columns every breakdown shares (the official measures first). */
function figureCells(f: PublicFigures, sat: PublicValue): Cell[] {
  return [
    c(f.businessesSupported, 'int'),
    c(f.applications, 'int'),
    c(f.selected, 'int'),
    c(f.rejected, 'int'),
    c(f.withdrawn, 'int'),
    c(f.pending, 'int'),
    c(f.benefitedOfApplications, 'int'),
    c(f.selectionRate, 'rate'),
    c(f.benefitRate, 'rate'),
    c(f.benefited, 'int'),
    c(f.benefitTotal, 'won'),
    c(f.identified, 'int'),
    c(f.medianDaysToSubmit, 'days'),
    c(f.medianDaysToBenefit, 'days'),
    c(sat, 'score'),
  ];
}
function figureColumns(t: Translate): Column[] {
  const k = ['businessesSupported', 'applications', 'selected', 'rejected', 'withdrawn', 'pending', 'benefitedOfApplications', 'selectionRate', 'benefitRate', 'benefited', 'benefitTotal', 'identified', 'medianDaysToSubmit', 'medianDaysToBenefit', 'satisfaction'];
  const types: CellType[] = ['int', 'int', 'int', 'int', 'int', 'int', 'int', 'rate', 'rate', 'int', 'won', 'int', 'days', 'days', 'score'];
  return k.map((key, i) => ({ header: t(`reports.col.${key}`), type: types[i]! }));
}

export function dashboardTables(d: Dashboard, t: Translate): Record<TableId, TableSpec | null> {
  const f = d.total;
  const dimHeader = t(`reports.dim.${d.dimension}`);
  const summary: TableSpec = {
    id: 'summary',
    title: t('reports.table.summary'),
    columns: [
      { header: t('reports.col.metric'), type: 'text' },
      { header: t('reports.col.value'), type: 'text' },
    ],
    rows: (
      [
        ['businessesSupported', f.businessesSupported, 'int'],
        ['applications', f.applications, 'int'],
        ['selected', f.selected, 'int'],
        ['benefitedOfApplications', f.benefitedOfApplications, 'int'],
        ['selectionRate', f.selectionRate, 'rate'],
        ['benefitRate', f.benefitRate, 'rate'],
        ['conversionRate', f.conversionRate, 'rate'],
        ['benefited', f.benefited, 'int'],
        ['benefitTotal', f.benefitTotal, 'won'],
        ['averageBenefit', f.averageBenefit, 'won'],
        ['identified', f.identified, 'int'],
        ['medianDaysToSubmit', f.medianDaysToSubmit, 'days'],
        ['medianDaysToBenefit', f.medianDaysToBenefit, 'days'],
        ['satisfaction', d.satisfaction.score100, 'score'],
        ['responses', d.satisfaction.responses, 'int'],
      ] as const
    ).map(([key, value, type]) => [c(t(`reports.col.${key}`), 'text'), c(value, type)]),
    foot: [],
    personal: false,
    sampleRows: [],
  };
  const funnel: TableSpec = {
    id: 'funnel',
    title: t('reports.table.funnel'),
    columns: [
      { header: t('reports.col.step'), type: 'text' },
      { header: t('reports.col.count'), type: 'int' },
      { header: t('reports.col.rateFromPrevious'), type: 'rate' },
      { header: t('reports.col.rateFromApplied'), type: 'rate' },
    ],
    rows: d.funnel.map((s) => [c(t(`reports.step.${s.step}`), 'text'), c(s.count, 'int'), c(s.rateFromPrevious, 'rate'), c(s.rateFromApplied, 'rate')]),
    foot: [],
    personal: false,
    sampleRows: [],
  };
  const status: TableSpec = {
    id: 'status',
    title: t('reports.table.status'),
    columns: [
      { header: t('reports.col.status'), type: 'text' },
      { header: t('reports.col.count'), type: 'int' },
      { header: t('reports.col.share'), type: 'rate' },
    ],
    rows: d.statuses.map((s) => [c(t(`reports.status.${s.status}`), 'text'), c(s.count, 'int'), c(s.share, 'rate')]),
    foot: [],
    personal: false,
    sampleRows: [],
  };
  const breakdown: TableSpec = {
    id: 'breakdown',
    title: t('reports.table.breakdown', { dim: dimHeader }),
    columns: [{ header: dimHeader, type: 'text' }, ...figureColumns(t)],
    rows: d.rows.map((r) => [c(rowLabel(t, d, r), 'text'), ...figureCells(r.figures, r.satisfaction)]),
    foot: [[c(t('reports.total'), 'text'), ...figureCells(f, d.satisfaction.score100)]],
    personal: d.dimension === 'clerk',
    sampleRows: d.rows.map((r) => r.sample),
  };
  const trend: TableSpec = {
    id: 'trend',
    title: t('reports.table.trend'),
    columns: [
      { header: t('reports.col.month'), type: 'month' },
      { header: t('reports.col.applications'), type: 'int' },
      { header: t('reports.col.benefited'), type: 'int' },
      { header: t('reports.col.benefitTotal'), type: 'won' },
      { header: t('reports.col.businessesSupported'), type: 'int' },
    ],
    rows: d.trend.map((m) => [c(m.month, 'month'), c(m.applied, 'int'), c(m.benefited, 'int'), c(m.benefitTotal, 'won'), c(m.businessesSupported, 'int')]),
    foot: [],
    personal: false,
    sampleRows: [],
  };
  const top = (id: 'topApplied' | 'topSuccessful', rows: DisplayRow[]): TableSpec => ({
    id,
    title: t(`reports.table.${id}`),
    columns: [
      { header: t('reports.col.rank'), type: 'int' },
      { header: t('reports.dim.programme'), type: 'text' },
      { header: t('reports.col.applications'), type: 'int' },
      { header: t('reports.col.selected'), type: 'int' },
      { header: t('reports.col.benefitedOfApplications'), type: 'int' },
      { header: t('reports.col.conversionRate'), type: 'rate' },
      { header: t('reports.col.benefitTotal'), type: 'won' },
    ],
    rows: rows.map((r, i) => [
      c(i + 1, 'int'),
      c(rowLabel(t, d, r, 'programme'), 'text'),
      c(r.figures.applications, 'int'),
      c(r.figures.selected, 'int'),
      c(r.figures.benefitedOfApplications, 'int'),
      c(r.figures.conversionRate, 'rate'),
      c(r.figures.benefitTotal, 'won'),
    ]),
    foot: [],
    personal: false,
    sampleRows: rows.map((r) => r.sample),
    labelColumn: 1,
  });
  const satisfaction: TableSpec = {
    id: 'satisfaction',
    title: t('reports.table.satisfaction'),
    columns: [
      { header: t('reports.col.question'), type: 'text' },
      { header: t('reports.col.score'), type: 'score' },
    ],
    rows: (['q1', 'q2', 'q3'] as const).map((q) => [c(t(`surveys.question.${q}`), 'text'), c(d.satisfaction.perQuestion[q], 'score')]),
    foot: [
      [c(t('reports.col.satisfaction'), 'text'), c(d.satisfaction.score100, 'score')],
      [c(t('reports.col.responses'), 'text'), c(d.satisfaction.responses, 'int')],
    ],
    personal: false,
    sampleRows: [],
  };
  const caseload: TableSpec | null = d.caseload && {
    id: 'caseload',
    title: t('reports.table.caseload'),
    columns: [
      { header: t('reports.dim.clerk'), type: 'text' },
      { header: t('reports.dim.office'), type: 'text' },
      { header: t('reports.col.caseload'), type: 'int' },
      { header: t('reports.col.open'), type: 'int' },
      { header: t('reports.col.balance'), type: 'text' },
    ],
    rows: d.caseload.loads.map((l) => [
      c(l.name, 'text'),
      c(l.officeName ?? '—', 'text'),
      c(l.businesses, 'int'),
      c(l.open, 'int'),
      c(d.caseload!.balance.over.includes(l) ? t('reports.over') : d.caseload!.balance.under.includes(l) ? t('reports.under') : '', 'text'),
    ]),
    foot: [[c(t('reports.meanCaseload'), 'text'), c('', 'text'), c(d.caseload.balance.mean, 'decimal'), c('', 'text'), c(d.caseload.balance.cv === null ? '' : `CV ${d.caseload.balance.cv}`, 'text')]],
    personal: true,
    sampleRows: [],
  };
  const inactive: TableSpec | null = d.inactive && {
    id: 'inactive',
    title: t('reports.table.inactive', { n: d.idleDays }),
    columns: [
      { header: t('reports.dim.clerk'), type: 'text' },
      { header: t('reports.dim.office'), type: 'text' },
      { header: t('reports.col.lastActivity'), type: 'date' },
      { header: t('reports.col.idleDays'), type: 'int' },
    ],
    rows: d.inactive.map((x) => [c(x.name, 'text'), c(x.officeName ?? '—', 'text'), c(x.lastActivityOn ?? t('reports.never'), x.lastActivityOn ? 'date' : 'text'), c(x.idleDays, 'int')]),
    foot: [],
    personal: true,
    sampleRows: [],
  };
  return {
    summary,
    funnel,
    status,
    breakdown,
    trend,
    topApplied: top('topApplied', d.topApplied),
    topSuccessful: top('topSuccessful', d.topSuccessful),
    satisfaction,
    caseload,
    inactive,
  };
}

/** Intl.NumberFormat is costly to build: one per locale and precision (a 600-row table has 10,000 cells). */
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, digits: number): Intl.NumberFormat {
  const key = `${locale}:${digits}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'ko' ? 'ko-KR' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    formats.set(key, f);
  }
  return f;
}

/** How a cell reads on the page (the .xlsx keeps numbers as numbers with a format). */
export function formatCell(cell: Cell, opts: { locale: string; publicView: boolean; t: Translate }): string {
  const { value, type } = cell;
  if (value === 'lt5') return opts.t('reports.lt5');
  if (value === null) return opts.publicView ? opts.t('reports.withheld') : '—';
  if (typeof value === 'string') return type === 'month' ? formatMonth(value, opts.locale) : value;
  const nf = (digits: number) => numberFormat(opts.locale, digits);
  switch (type) {
    case 'int':
      return nf(0).format(value);
    case 'decimal':
      return nf(1).format(value);
    case 'won':
      return opts.locale === 'ko' ? `${nf(0).format(value)}원` : `KRW ${nf(0).format(value)}`;
    case 'rate':
      return `${nf(1).format(value * 100)}%`;
    case 'days':
      return opts.t('reports.days', { n: nf(1).format(value) });
    case 'score':
      return value.toFixed(1);
    case 'date':
    case 'month':
    case 'text':
      return String(value);
  }
}

export function formatMonth(month: string, locale: string): string {
  return locale === 'ko' ? `${Number(month.slice(0, 4))}년 ${Number(month.slice(5, 7))}월` : month;
}

// ── 월간 실적 보고 (the province's monthly report): the same cells in the .xlsx and the PDF ──

const COMPACT = ['businessesSupported', 'applications', 'selected', 'benefitedOfApplications', 'benefited', 'benefitTotal', 'satisfaction'] as const;
const COMPACT_TYPES: CellType[] = ['int', 'int', 'int', 'int', 'int', 'won', 'score'];

function compactCells(f: PublicFigures, sat: PublicValue): Cell[] {
  return [c(f.businessesSupported, 'int'), c(f.applications, 'int'), c(f.selected, 'int'), c(f.benefitedOfApplications, 'int'), c(f.benefited, 'int'), c(f.benefitTotal, 'won'), c(sat, 'score')];
}

export function monthlyTables(m: MonthFigures, t: Translate): TableSpec[] {
  const month = formatMonth(m.month, 'ko');
  const f = m.thisMonth.figures;
  const y = m.year.figures;
  const summaryRows: [string, PublicValue, PublicValue, CellType][] = [
    ['businessesSupported', f.businessesSupported, y.businessesSupported, 'int'],
    ['applications', f.applications, y.applications, 'int'],
    ['selected', f.selected, y.selected, 'int'],
    ['benefitedOfApplications', f.benefitedOfApplications, y.benefitedOfApplications, 'int'],
    ['selectionRate', f.selectionRate, y.selectionRate, 'rate'],
    ['conversionRate', f.conversionRate, y.conversionRate, 'rate'],
    ['benefited', f.benefited, y.benefited, 'int'],
    ['benefitTotal', f.benefitTotal, y.benefitTotal, 'won'],
    ['averageBenefit', f.averageBenefit, y.averageBenefit, 'won'],
    ['identified', f.identified, y.identified, 'int'],
    ['medianDaysToSubmit', f.medianDaysToSubmit, y.medianDaysToSubmit, 'days'],
    ['medianDaysToBenefit', f.medianDaysToBenefit, y.medianDaysToBenefit, 'days'],
    ['satisfaction', m.thisMonth.satisfaction.score100, m.year.satisfaction.score100, 'score'],
    ['responses', m.thisMonth.satisfaction.responses, m.year.satisfaction.responses, 'int'],
  ];
  const summary: TableSpec = {
    id: 'monthlySummary',
    title: t('reports.monthly.summary'),
    columns: [
      { header: t('reports.col.metric'), type: 'text' },
      { header: month, type: 'text' },
      { header: t('reports.monthly.ytd', { month: String(Number(m.month.slice(5, 7))) }), type: 'text' },
    ],
    rows: summaryRows.map(([key, a, b, type]) => [c(t(`reports.col.${key}`), 'text'), c(a, type), c(b, type)]),
    foot: [],
    personal: false,
    sampleRows: [],
  };
  const columns = (dim: string): Column[] => [{ header: dim, type: 'text' }, ...COMPACT.map((k, i) => ({ header: t(`reports.col.${k}`), type: COMPACT_TYPES[i]! }))];
  const by = (id: string, titleKey: string, dim: 'region' | 'office' | 'category' | 'programme', rows: DisplayRow[], total: { f: PublicFigures; sat: PublicValue } | null): TableSpec => ({
    id,
    title: t(titleKey, { month }),
    columns: columns(t(`reports.dim.${dim}`)),
    rows: rows.map((r) => [c(r.label ?? t(`reports.none.${dim}`), 'text'), ...compactCells(r.figures, r.satisfaction)]),
    foot: total ? [[c(t('reports.total'), 'text'), ...compactCells(total.f, total.sat)]] : [],
    personal: false,
    sampleRows: rows.map((r) => r.sample),
  });
  const total = { f, sat: m.thisMonth.satisfaction.score100 };
  const trend: TableSpec = {
    id: 'monthlyTrend',
    title: t('reports.monthly.trend', { year: m.month.slice(0, 4) }),
    columns: [
      { header: t('reports.col.month'), type: 'month' },
      { header: t('reports.col.applications'), type: 'int' },
      { header: t('reports.col.benefited'), type: 'int' },
      { header: t('reports.col.benefitTotal'), type: 'won' },
      { header: t('reports.col.businessesSupported'), type: 'int' },
    ],
    rows: m.trend.map((x) => [c(x.month, 'month'), c(x.applied, 'int'), c(x.benefited, 'int'), c(x.benefitTotal, 'won'), c(x.businessesSupported, 'int')]),
    foot: [],
    personal: false,
    sampleRows: [],
  };
  return [
    summary,
    by('byRegion', 'reports.monthly.byRegion', 'region', m.byRegion, total),
    by('byOffice', 'reports.monthly.byOffice', 'office', m.byOffice, total),
    by('byCategory', 'reports.monthly.byCategory', 'category', m.byCategory, total),
    by('topProgrammes', 'reports.monthly.topProgrammes', 'programme', m.topProgrammes, null),
    trend,
  ];
}

/**
 * 접속기록·감사기록 일별 해시 (issue 14 §4): one row per day and chain, the head as published by the
 * job 'chains.heads' (src/modules/audit/chain-heads.service.ts). Not personal data: a hash and a row number.
 */
export function chainHeadsTable(
  heads: readonly { chain: 'audit' | 'access'; day: string; lastId: number | null; headHash: string | null; rowsThatDay: number }[],
  t: Translate,
): TableSpec {
  return {
    id: 'chainHeads',
    title: t('reports.monthly.chainHeads'),
    columns: [
      { header: t('reports.col.day'), type: 'text' },
      { header: t('reports.col.chain'), type: 'text' },
      { header: t('reports.col.rowsThatDay'), type: 'int' },
      { header: t('reports.col.lastId'), type: 'int' },
      { header: t('reports.col.headHash'), type: 'text' },
    ],
    rows: heads.map((h) => [c(h.day, 'text'), c(t(`reports.chain.${h.chain}`), 'text'), c(h.rowsThatDay, 'int'), c(h.lastId ?? '-', h.lastId === null ? 'text' : 'int'), c(h.headHash ?? '-', 'text')]),
    foot: [],
    personal: false,
    sampleRows: heads.map(() => false),
  };
}
