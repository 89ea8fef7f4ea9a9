import type { Hono } from 'hono';
import type { Dimension } from '../../domain/metrics/figures.ts';
import { addMonths, monthOf, monthPeriod, yearToDate } from '../../domain/metrics/period.ts';
import type { PublicValue } from '../../domain/metrics/suppression.ts';
import { InvalidError } from '../../errors.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { Button, CsrfField, ErrorSummary, Input, RadioGroup, type FieldErrors, type FormValues } from '../../web/components/index.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { can } from '../auth/auth.policy.ts';
import { contentDisposition } from '../documents/documents.files.ts';
import { formatWon } from '../../web/format.ts';
import { barChart, funnelChart, type ChartValue } from './reports.charts.ts';
import { EXPORT_PURPOSES } from './reports.schemas.ts';
import type { ReportsService } from './reports.service.ts';
import type { Dashboard } from './reports.types.ts';
import { dashboardTables, formatCell, formatMonth, isTableId, type Cell, type TableId, type TableSpec } from './reports.tables.ts';
import { ChartFigure, DataTable } from './reports.views.tsx';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const num = (v: PublicValue): ChartValue => (typeof v === 'number' ? v : null);
/** True when every value of every series is withheld ("5 미만"/비공개): there is nothing to draw. */
const allWithheld = (...series: PublicValue[][]): boolean => series.every((vs) => vs.every((v) => typeof v !== 'number'));

/** The dashboard's query string (period, filters, breakdown), for links and exports. */
export function dashboardQs(d: Pick<Dashboard, 'period' | 'filters' | 'dimension' | 'idleDays'>, over: Record<string, string | number | null | undefined> = {}): string {
  const q = new URLSearchParams();
  const put = (k: string, v: string | number | null | undefined) => {
    if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  };
  put('from', d.period.from);
  put('to', d.period.to);
  put('region', d.filters.regionId);
  put('office', d.filters.officeId);
  put('clerk', d.filters.clerkId);
  put('programme', d.filters.programmeId);
  put('category', d.filters.category);
  put('by', d.dimension);
  put('idleDays', d.idleDays);
  for (const [k, v] of Object.entries(over)) {
    q.delete(k);
    put(k, v);
  }
  return q.toString();
}

function titleOf(d: Dashboard, t: Translate): string {
  return t(`reports.title.${d.viewer.kind}`);
}

function FilterForm({ c, d }: { c: AppContext; d: Dashboard }) {
  const t = c.var.t;
  const o = d.options;
  const sel = (name: string, label: string, current: string | number | null | undefined, options: { value: string; label: string }[], placeholder = t('common.all')) => (
    <div class="form-group">
      <div class="form-tit">
        <label for={`f-${name}`}>{label}</label>
      </div>
      <div class="form-conts">
        <select id={`f-${name}`} name={name} class="krds-form-select">
          {placeholder && <option value="">{placeholder}</option>}
          {options.map((x) => (
            <option value={x.value} selected={String(current ?? '') === x.value}>
              {x.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
  const date = (name: 'from' | 'to') => (
    <div class="form-group">
      <div class="form-tit">
        <label for={`f-${name}`}>{t(`reports.filter.${name}`)}</label>
      </div>
      <div class="form-conts">
        <input type="date" id={`f-${name}`} name={name} class="krds-input" value={d.period[name]} />
      </div>
    </div>
  );
  const today = d.asOf;
  const thisMonth = monthPeriod(monthOf(today));
  const lastMonth = monthPeriod(addMonths(monthOf(today), -1));
  const ytd = yearToDate(today);
  const quick = (label: string, p: { from: string; to: string }) => (
    <li>
      <a href={`/reports?${dashboardQs(d, { from: p.from, to: p.to })}`} aria-current={d.period.from === p.from && d.period.to === p.to ? 'true' : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <form method="get" action="/reports" class="itda-report-filters" aria-labelledby="filters-h">
      <h2 class="sr-only" id="filters-h">
        {t('reports.filters')}
      </h2>
      <ul class="itda-quick-periods" aria-label={t('reports.quickPeriods')}>
        {quick(t('reports.period.thisMonth'), { from: thisMonth.from, to: today < thisMonth.to ? today : thisMonth.to })}
        {quick(t('reports.period.lastMonth'), lastMonth)}
        {quick(t('reports.period.ytd'), ytd)}
      </ul>
      <div class="itda-filters-wide">
        {date('from')}
        {date('to')}
        {sel('region', t('reports.dim.region'), d.filters.regionId, o.regions.map((r) => ({ value: String(r.id), label: r.name })))}
        {d.viewer.kind !== 'office' && d.viewer.kind !== 'clerk' && sel('office', t('reports.dim.office'), d.filters.officeId, o.offices.map((r) => ({ value: String(r.id), label: r.name })))}
        {(d.viewer.kind === 'operator' || d.viewer.kind === 'office') && sel('clerk', t('reports.dim.clerk'), d.filters.clerkId, o.clerks.map((r) => ({ value: r.id, label: r.active ? r.displayName : `${r.displayName} (${t('reports.inactiveAccount')})` })))}
        {sel('programme', t('reports.dim.programme'), d.filters.programmeId, o.programmes.map((r) => ({ value: String(r.id), label: r.isSample ? `${r.title} ${t('reports.sampleSuffix')}` : r.title })))}
        {sel('category', t('reports.dim.category'), d.filters.category, o.categories.map((r) => ({ value: r.code, label: r.label })))}
        {sel('by', t('reports.filter.by'), d.dimension, d.viewer.dimensions.map((x) => ({ value: x, label: t(`reports.dim.${x}`) })), '')}
        {!d.viewer.public && (
          <div class="form-group">
            <div class="form-tit">
              <label for="f-idleDays">{t('reports.filter.idleDays')}</label>
            </div>
            <div class="form-conts">
              <input type="number" id="f-idleDays" name="idleDays" class="krds-input" min="1" max="365" value={String(d.idleDays)} inputmode="numeric" />
            </div>
          </div>
        )}
      </div>
      <div class="itda-form-actions">
        <Button variant="primary">{t('reports.apply')}</Button>
        <a href="/reports" class="krds-btn medium tertiary">
          {t('reports.reset')}
        </a>
      </div>
    </form>
  );
}

function Kpis({ c, d }: { c: AppContext; d: Dashboard }) {
  const t = c.var.t;
  // Amounts read in Korean units on the cards (3,725만 원), exact to the won; tables keep full numbers.
  const fmt = (cell: Cell) => (cell.type === 'won' && typeof cell.value === 'number' ? formatWon(cell.value, c.var.locale) : formatCell(cell, { locale: c.var.locale, publicView: d.viewer.public, t }));
  const cards: [string, Cell, string?][] = [
    ['businessesSupported', { value: d.total.businessesSupported, type: 'int' }],
    ['applications', { value: d.total.applications, type: 'int' }],
    ['benefited', { value: d.total.benefited, type: 'int' }],
    ['benefitTotal', { value: d.total.benefitTotal, type: 'won' }],
    ['satisfaction', { value: d.satisfaction.score100, type: 'score' }, t('reports.kpi.satisfactionSub', { n: fmt({ value: d.satisfaction.responses, type: 'int' }) })],
    ['medianDaysToSubmit', { value: d.total.medianDaysToSubmit, type: 'days' }, t('reports.kpi.toBenefit', { days: fmt({ value: d.total.medianDaysToBenefit, type: 'days' }) })],
  ];
  return (
    <ul class="itda-kpis" aria-label={t('reports.kpis')}>
      {cards.map(([key, cell, sub]) => (
        <li class="itda-kpi">
          <span class="itda-kpi-label">{t(`reports.kpi.${key}`)}</span>
          <strong class="itda-kpi-value">{fmt(cell)}</strong>
          {sub && <span class="itda-kpi-sub">{sub}</span>}
        </li>
      ))}
    </ul>
  );
}

function DashboardPage({ c, d, errors }: { c: AppContext; d: Dashboard; errors?: FieldErrors }) {
  const t = c.var.t;
  const locale = c.var.locale;
  const tables = dashboardTables(d, t);
  const qs = dashboardQs(d);
  const pub = d.viewer.public;
  const exp = (id: TableId) => `/reports/export/${id}?${qs}`;
  const table = (id: TableId, caption = true, rows?: (spec: TableSpec) => TableSpec['rows']) => {
    const spec = tables[id];
    if (!spec) return null;
    const shown = rows ? { ...spec, rows: rows(spec), sampleRows: spec.sampleRows.slice(0, rows(spec).length) } : spec;
    return <DataTable spec={shown} t={t} locale={locale} publicView={pub} caption={caption} exportHref={exp(id)} />;
  };
  // Long staff lists (10× has 600 clerks) stay whole in the .xlsx; the page shows what needs a look.
  const LONG = 40;
  const BREAKDOWN_ROWS = 100;
  const longCaseload = (d.caseload?.loads.length ?? 0) > LONG;
  const longInactive = (d.inactive?.length ?? 0) > LONG;
  const label = (r: Dashboard['rows'][number], dim: Dimension = d.dimension) => r.label ?? t(`reports.none.${dim}`);
  const rowsForChart = d.rows.slice(0, 15);
  const horizontal = rowsForChart.length > 6;
  const charts = {
    funnel: funnelChart(
      d.funnel.map((s) => ({ label: t(`reports.step.${s.step}`), count: num(s.count) })),
      { labelledBy: 'funnel-cap' },
    ),
    breakdown: rowsForChart.length && !allWithheld(rowsForChart.map((r) => r.figures.applications), rowsForChart.map((r) => r.figures.benefited))
      ? barChart(
          rowsForChart.map((r) => label(r)),
          [
            { name: t('reports.col.applications'), values: rowsForChart.map((r) => num(r.figures.applications)) },
            { name: t('reports.col.benefited'), values: rowsForChart.map((r) => num(r.figures.benefited)) },
          ],
          { labelledBy: 'breakdown-cap', horizontal },
        )
      : null,
    trend: barChart(
      d.trend.map((m) => formatMonth(m.month, locale).replace(/^\d{4}년 /, '')),
      [
        { name: t('reports.col.applications'), values: d.trend.map((m) => num(m.applied)) },
        { name: t('reports.col.benefited'), values: d.trend.map((m) => num(m.benefited)) },
        { name: t('reports.chart.benefitTotalMan'), values: d.trend.map((m) => num(m.benefitTotal)), kind: 'line', secondAxis: true, format: 'won' },
      ],
      { labelledBy: 'trend-cap' },
    ),
    status: barChart(
      d.statuses.map((s) => t(`reports.status.${s.status}`)),
      [{ name: t('reports.col.count'), values: d.statuses.map((s) => num(s.count)) }],
      { labelledBy: 'status-cap', height: 260 },
    ),
    caseload:
      d.caseload && d.caseload.loads.length && d.caseload.loads.length <= 40
        ? barChart(
            d.caseload.loads.map((l) => l.name),
            [
              { name: t('reports.col.caseload'), values: d.caseload.loads.map((l) => l.businesses) },
              { name: t('reports.col.open'), values: d.caseload.loads.map((l) => l.open) },
            ],
            { labelledBy: 'caseload-cap', horizontal: true },
          )
        : null,
  };
  const dimLinks = (
    <p class="itda-dim-links">
      {t('reports.breakdownBy')}{' '}
      {d.viewer.dimensions.map((x) =>
        x === d.dimension ? (
          <strong aria-current="true">{t(`reports.dim.${x}`)}</strong>
        ) : (
          <a href={`/reports?${dashboardQs(d, { by: x })}#breakdown-h`}>{t(`reports.dim.${x}`)}</a>
        ),
      )}
    </p>
  );
  const actor = c.var.actor;
  return (
    <Layout c={c} title={titleOf(d, t)}>
      <PageHeader title={titleOf(d, t)} lead={t(`reports.lead.${d.viewer.kind}`)}>
        <p class="itda-report-period">
          {t('reports.periodLine', { from: d.period.from, to: d.period.to, asOf: d.asOf })}
        </p>
      </PageHeader>
      <ErrorSummary t={t} errors={errors} />
      {pub && <Notice kind="info">{t('reports.suppressionNote')}</Notice>}
      <FilterForm c={c} d={d} />
      <nav class="itda-report-links" aria-label={t('reports.related')}>
        <ul>
          {actor && can(actor, 'reports.monthly') && (
            <li>
              <a href="/reports/monthly">{t('reports.monthly.title')}</a>
            </li>
          )}
          {actor && can(actor, 'surveys.manage') && (
            <li>
              <a href="/surveys">{t('surveys.title')}</a>
            </li>
          )}
          {actor && can(actor, 'operations.manage') && (
            <li>
              <a href="/operations">{t('operations.title')}</a>
            </li>
          )}
        </ul>
      </nav>
      <section aria-labelledby="kpi-h" class="itda-report-section">
        <h2 class="itda-h2" id="kpi-h">
          {t('reports.table.summary')}
        </h2>
        <Kpis c={c} d={d} />
        <details class="itda-details">
          <summary>{t('reports.summaryTable')}</summary>
          {table('summary', false)}
        </details>
      </section>
      <ChartFigure id="funnel" title={t('reports.table.funnel')} svg={charts.funnel} lead={t('reports.funnelLead')}>
        {table('funnel', false)}
      </ChartFigure>
      <ChartFigure
        id="breakdown"
        title={t('reports.table.breakdown', { dim: t(`reports.dim.${d.dimension}`) })}
        svg={charts.breakdown}
        lead={!charts.breakdown && d.rows.length ? t('reports.chartWithheld') : d.rows.length > 15 ? t('reports.chartTop15') : undefined}
      >
        {dimLinks}
        {d.rows.length > BREAKDOWN_ROWS && <p class="form-hint">{t('reports.longBreakdown', { n: d.rows.length, shown: BREAKDOWN_ROWS })}</p>}
        {table('breakdown', false, d.rows.length > BREAKDOWN_ROWS ? (spec) => spec.rows.slice(0, BREAKDOWN_ROWS) : undefined)}
      </ChartFigure>
      <ChartFigure id="trend" title={t('reports.table.trend')} svg={charts.trend} lead={t('reports.trendLead')}>
        {table('trend', false)}
      </ChartFigure>
      <section class="itda-report-section" aria-labelledby="top-h">
        <h2 class="itda-h2" id="top-h">
          {t('reports.topProgrammes')}
        </h2>
        <p class="form-hint">{t('reports.topLead', { n: 5 })}</p>
        <div class="itda-report-pair">
          {table('topApplied')}
          {table('topSuccessful')}
        </div>
      </section>
      <ChartFigure id="status" title={t('reports.table.status')} svg={charts.status} lead={t('reports.statusLead')}>
        {table('status', false)}
      </ChartFigure>
      <section class="itda-report-section" aria-labelledby="sat-h">
        <h2 class="itda-h2" id="sat-h">
          {t('reports.table.satisfaction')}
        </h2>
        <p class="form-hint">{t('reports.satisfactionLead')}</p>
        {table('satisfaction', false)}
      </section>
      {d.caseload && (
        <ChartFigure id="caseload" title={t('reports.table.caseload')} svg={charts.caseload} lead={t('reports.caseloadLead', { mean: String(d.caseload.balance.mean ?? '—'), cv: String(d.caseload.balance.cv ?? '—') })}>
          {longCaseload && <p class="form-hint">{t('reports.longList', { n: d.caseload.loads.length })}</p>}
          {table('caseload', false, longCaseload ? (spec) => spec.rows.filter((r) => r[4]!.value !== '') : undefined)}
        </ChartFigure>
      )}
      {d.inactive && (
        <section class="itda-report-section" aria-labelledby="inactive-h">
          <h2 class="itda-h2" id="inactive-h">
            {t('reports.table.inactive', { n: d.idleDays })}
          </h2>
          {longInactive && <p class="form-hint">{t('reports.longInactive', { n: d.inactive.length, shown: LONG })}</p>}
          {table('inactive', false, longInactive ? (spec) => spec.rows.slice(0, LONG) : undefined)}
        </section>
      )}
      <section class="itda-report-section" aria-labelledby="def-h">
        <h2 class="itda-h2" id="def-h">
          {t('reports.definitions')}
        </h2>
        <dl class="itda-dl itda-definitions">
          {['businessesSupported', 'applications', 'selected', 'benefitedOfApplications', 'benefited', 'benefitTotal', 'identified', 'medianDaysToSubmit', 'satisfaction', 'attribution'].map((k) => (
            <>
              <dt>{t(`reports.def.${k}.term`)}</dt>
              <dd>{t(`reports.def.${k}`)}</dd>
            </>
          ))}
        </dl>
      </section>
    </Layout>
  );
}

function ExportReasonPage(props: { c: AppContext; id: string; title: string; qs: string; values?: FormValues; errors?: FieldErrors; message?: string }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <Layout c={c} title={t('reports.exportTitle')}>
      <p class="itda-backlink">
        <a href={`/reports?${props.qs}`}>{t('reports.back')}</a>
      </p>
      <PageHeader title={t('reports.exportTitle')} lead={t('reports.exportLead')} />
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      <dl class="itda-dl">
        <dt>{t('reports.info.table')}</dt>
        <dd>{props.title}</dd>
      </dl>
      <form method="post" action={`/reports/export/${props.id}?${props.qs}`} class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <RadioGroup t={t} prefix="f" name="purpose" label={t('reports.purpose')} values={props.values} errors={props.errors} options={EXPORT_PURPOSES.map((p) => ({ value: p, label: t(`reports.purpose.${p}`) }))} required />
        <Input t={t} prefix="f" name="note" label={t('reports.note')} hint={t('reports.noteHint')} values={props.values} errors={props.errors} maxlength={200} />
        <div class="itda-form-actions">
          <Button>{t('reports.download')}</Button>
        </div>
      </form>
    </Layout>
  );
}

export function reportPages(app: Hono<AppEnv>, deps: { reports: ReportsService }) {
  const { reports } = deps;

  app.get('/reports', async (c) => {
    const q = c.req.query();
    try {
      return c.html(<DashboardPage c={c} d={await reports.view(c.var.actor, q, requestMeta(c))} />);
    } catch (e) {
      // A bad filter (a date typed by hand) shows the dashboard with the defaults and the error.
      if (!(e instanceof InvalidError)) throw e;
      const errors: FieldErrors = {};
      for (const i of e.issues) errors[i.path] ??= c.var.t(i.messageKey, i.params);
      const d = await reports.dashboard(c.var.actor, {});
      return c.html(<DashboardPage c={c} d={d} errors={errors} />, 400);
    }
  });

  const send = (c: AppContext, file: { fileName: string; bytes: Buffer }) => {
    c.header('Content-Type', XLSX_TYPE);
    c.header('Content-Disposition', contentDisposition(file.fileName));
    c.header('Cache-Control', 'no-store');
    return c.body(new Uint8Array(file.bytes));
  };

  app.get('/reports/export/:table', async (c) => {
    const id = c.req.param('table');
    const q = c.req.query();
    const d = await reports.dashboard(c.var.actor, q);
    const spec = isTableId(id) ? dashboardTables(d, c.var.t)[id] : null;
    if (!spec) return c.notFound();
    // Tables that name clerks ask why first; the others download at once.
    if (spec.personal) return c.html(<ExportReasonPage c={c} id={spec.id} title={spec.title} qs={dashboardQs(d)} />);
    return send(c, await reports.exportTable(c.var.actor, id, q, undefined, requestMeta(c), c.var.locale));
  });

  app.post('/reports/export/:table', async (c) => {
    const id = c.req.param('table');
    const q = c.req.query();
    const values = await readForm(c);
    const result = await handleForm(c, () => reports.exportTable(c.var.actor, id, q, values, requestMeta(c), c.var.locale));
    if (!result.ok) {
      const d = await reports.dashboard(c.var.actor, q);
      const spec = isTableId(id) ? dashboardTables(d, c.var.t)[id] : null;
      if (!spec) return c.notFound();
      return c.html(<ExportReasonPage c={c} id={spec.id} title={spec.title} qs={dashboardQs(d)} values={values} errors={result.errors} message={result.message} />, 400);
    }
    return send(c, result.value);
  });
}
