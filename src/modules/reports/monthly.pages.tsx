import type { Hono } from 'hono';
import { Button, CsrfField, ErrorSummary, Input, type FieldErrors, type FormValues } from '../../web/components/index.ts';
import { formatBytes, formatDateTime } from '../../web/format.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { contentDisposition } from '../documents/documents.files.ts';
import type { MonthlyReportsService } from './monthly.service.ts';
import { formatMonth } from './reports.tables.ts';
import { idParam } from '../../web/params.ts';

type List = Awaited<ReturnType<MonthlyReportsService['list']>>;


function MonthlyPage(props: { c: AppContext; list: List; values?: FormValues; errors?: FieldErrors; message?: string }) {
  const { c, list } = props;
  const t = c.var.t;
  const locale = c.var.locale;
  const created = c.req.query('notice') === 'generated';
  return (
    <Layout c={c} title={t('reports.monthly.title')}>
      <p class="itda-backlink">
        <a href="/reports">{t('reports.back')}</a>
      </p>
      {created && <Notice kind="success">{t('reports.monthly.generated')}</Notice>}
      <PageHeader title={t('reports.monthly.title')} lead={t('reports.monthly.lead')} />
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      {list.canGenerate && (
        <form method="post" action="/reports/monthly" class="itda-form" novalidate>
          <CsrfField token={c.var.csrfToken} />
          <Input t={t} prefix="f" name="month" label={t('reports.monthly.month')} hint={t('reports.monthly.monthHint')} values={props.values ?? { month: list.defaultMonth }} errors={props.errors} maxlength={7} required />
          <div class="itda-form-actions">
            <Button>{t('reports.monthly.generate')}</Button>
          </div>
        </form>
      )}
      <div class="krds-table-wrap">
        <table class="itda-table">
          <caption>{t('reports.monthly.kept')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.monthly.month')}</th>
              <th scope="col">{t('reports.monthly.generatedAt')}</th>
              <th scope="col">{t('reports.monthly.how')}</th>
              <th scope="col">{t('reports.monthly.files')}</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.length === 0 && (
              <tr>
                <td colspan={4}>{t('reports.monthly.none')}</td>
              </tr>
            )}
            {list.rows.map((r) => (
              <tr>
                <th scope="row">{formatMonth(r.month, locale)}</th>
                <td>{formatDateTime(r.generatedAt, locale)}</td>
                <td>{r.trigger === 'schedule' ? t('reports.monthly.bySchedule') : t('reports.monthly.byHand', { name: r.generatedByName ?? '—' })}</td>
                <td>
                  <a href={`/reports/monthly/${r.id}/pdf`}>
                    PDF ({formatBytes(r.pdfBytes)})<span class="sr-only"> {formatMonth(r.month, locale)}</span>
                  </a>
                  {' · '}
                  <a href={`/reports/monthly/${r.id}/xlsx`}>
                    Excel ({formatBytes(r.xlsxBytes)})<span class="sr-only"> {formatMonth(r.month, locale)}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="form-hint">{t('reports.monthly.scheduleNote')}</p>
    </Layout>
  );
}

export function monthlyReportPages(app: Hono<AppEnv>, deps: { monthly: MonthlyReportsService }) {
  const { monthly } = deps;
  app.get('/reports/monthly', async (c) => c.html(<MonthlyPage c={c} list={await monthly.list(c.var.actor)} />));
  app.post('/reports/monthly', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => monthly.generate(c.var.actor, values, requestMeta(c)));
    if (!result.ok) return c.html(<MonthlyPage c={c} list={await monthly.list(c.var.actor)} values={values} errors={result.errors} message={result.message} />, 400);
    return c.redirect('/reports/monthly?notice=generated', 303);
  });
  const file = (kind: 'xlsx' | 'pdf') => async (c: AppContext) => {
    const f = await monthly.download(c.var.actor, String(idParam(c)), kind, requestMeta(c));
    c.header('Content-Type', f.type);
    c.header('Content-Disposition', contentDisposition(f.fileName));
    c.header('Cache-Control', 'no-store');
    return c.body(new Uint8Array(f.bytes));
  };
  app.get('/reports/monthly/:id/xlsx', file('xlsx'));
  app.get('/reports/monthly/:id/pdf', file('pdf'));
}
