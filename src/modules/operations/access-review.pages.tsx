import type { Hono } from 'hono';
import { FLAG_KINDS } from '../../domain/metrics/access-review.ts';
import { InvalidError } from '../../errors.ts';
import { Button, CsrfField, ErrorSummary, Input, RadioGroup, Textarea, type FieldErrors, type FormValues } from '../../web/components/index.ts';
import { formatDateTime } from '../../web/format.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { ChainNotice } from '../audit/audit.pages.tsx';
import type { ChainCheckService, ChainStatus } from '../audit/chain-check.service.ts';
import { contentDisposition } from '../documents/documents.files.ts';
import { XLSX_TYPE } from '../reports/reports.pages.tsx';
import { EXPORT_PURPOSES } from '../reports/reports.schemas.ts';
import { formatMonth } from '../reports/reports.tables.ts';
import { ACCESS_ACTIONS } from './operations.schemas.ts';
import type { OperationsService } from './operations.service.ts';

type Review = Awaited<ReturnType<OperationsService['review']>>;

/** The filters of the page as a query string (for paging, exports and flag links). */
function reviewQs(r: Review, over: Record<string, string | null> = {}): string {
  const q = new URLSearchParams();
  const base: Record<string, string | null | undefined> = {
    month: r.month,
    from: r.month ? null : r.period.from,
    to: r.month ? null : r.period.to,
    account: r.query.account,
    subject: r.query.subject,
    action: r.query.action,
    offHours: r.query.offHours,
  };
  for (const [k, v] of Object.entries({ ...base, ...over })) if (v) q.set(k, v);
  return q.toString();
}

function ReviewPage(props: { c: AppContext; r: Review; chain: ChainStatus; values?: FormValues; errors?: FieldErrors; message?: string }) {
  const { c, r } = props;
  const t = c.var.t;
  const locale = c.var.locale;
  const monthLabel = r.month ? formatMonth(r.month, locale) : `${r.period.from} ~ ${r.period.to}`;
  const sel = (name: string, label: string, current: string | undefined, options: { value: string; label: string }[]) => (
    <div class="form-group">
      <div class="form-tit">
        <label for={`q-${name}`}>{label}</label>
      </div>
      <div class="form-conts">
        <select id={`q-${name}`} name={name} class="krds-form-select">
          <option value="">{t('common.all')}</option>
          {options.map((o) => (
            <option value={o.value} selected={o.value === current}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
  const input = (name: string, label: string, value: string | undefined, type = 'text') => (
    <div class="form-group">
      <div class="form-tit">
        <label for={`q-${name}`}>{label}</label>
      </div>
      <div class="form-conts">
        <input type={type} id={`q-${name}`} name={name} class="krds-input" value={value ?? ''} />
      </div>
    </div>
  );
  return (
    <Layout c={c} title={t('operations.review.title')}>
      {c.req.query('notice') === 'signed' && <Notice kind="success">{t('operations.review.signed')}</Notice>}
      <PageHeader title={t('operations.review.title')} lead={t('operations.review.lead')} />
      <ChainNotice c={c} status={props.chain} />
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      <form method="get" action="/admin/access-review" class="itda-report-filters">
        <div class="itda-filters-wide">
          {input('month', t('reports.monthly.month'), r.month ?? undefined, 'month')}
          {input('from', t('reports.filter.from'), r.month ? undefined : r.period.from, 'date')}
          {input('to', t('reports.filter.to'), r.month ? undefined : r.period.to, 'date')}
          {input('account', t('operations.review.account'), r.query.account)}
          {input('subject', t('operations.review.subject'), r.query.subject)}
          {sel('action', t('operations.review.actionLabel'), r.query.action, ACCESS_ACTIONS.map((a) => ({ value: a, label: t(`operations.review.action.${a}`) })))}
          {sel('offHours', t('operations.review.offHours'), r.query.offHours, [{ value: '1', label: t('operations.review.offHoursOnly') }])}
        </div>
        <p class="form-hint">{t('operations.review.filterHint')}</p>
        <div class="itda-form-actions">
          <Button variant="primary">{t('reports.apply')}</Button>
          <a href="/admin/access-review" class="krds-btn medium tertiary">
            {t('reports.reset')}
          </a>
        </div>
      </form>

      <section class="itda-report-section" aria-labelledby="flags-h">
        <h2 class="itda-h2" id="flags-h">
          {t('operations.review.flagsOf', { month: monthLabel })}
        </h2>
        <p>{t('operations.review.summary', { total: r.total, bulk: r.summary.bulkView, download: r.summary.download, off: r.summary.offHours })}</p>
        <p class="form-hint">{t('operations.review.flagRules')}</p>
        {r.flags.length === 0 ? (
          <p>{t('operations.review.noFlags')}</p>
        ) : (
          <div class="krds-table-wrap">
            <table class="itda-table itda-table-compact">
              <caption class="sr-only">{t('operations.review.flags')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('operations.review.col.flag')}</th>
                  <th scope="col">{t('operations.review.col.account')}</th>
                  <th scope="col">{t('operations.review.col.day')}</th>
                  <th scope="col" class="itda-num">{t('operations.review.col.count')}</th>
                  <th scope="col">{t('operations.review.col.look')}</th>
                </tr>
              </thead>
              <tbody>
                {r.flags.slice(0, 200).map((f) => (
                  <tr>
                    <td>
                      <span class="itda-flag">{t(`operations.flag.${f.kind}`)}</span>
                    </td>
                    <th scope="row">{f.login ?? '—'}</th>
                    <td>
                      {f.day}
                      {f.holiday ? ` (${f.holiday})` : f.weekend ? ` (${t('operations.review.weekend')})` : ''}
                    </td>
                    <td class="itda-num">{f.count}</td>
                    <td>
                      <a
                        href={`/admin/access-review?${reviewQs(r, { month: null, from: f.day, to: f.day, account: f.login, action: f.kind === 'download' ? 'download' : f.kind === 'bulkView' ? 'view' : null, offHours: f.kind === 'offHours' ? '1' : null })}`}
                      >
                        {t('operations.review.look')}
                        <span class="sr-only">
                          {' '}
                          ({f.login} {f.day})
                        </span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section class="itda-report-section" aria-labelledby="records-h">
        <h2 class="itda-h2" id="records-h">
          {t('operations.review.records')}
        </h2>
        <div class="krds-table-wrap">
          <table class="itda-table itda-table-compact">
            <caption class="sr-only">{t('operations.review.records')}</caption>
            <thead>
              <tr>
                {['at', 'account', 'ip', 'subject', 'action', 'reason'].map((k) => (
                  <th scope="col">{t(`operations.review.col.${k}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.rows.length === 0 && (
                <tr>
                  <td colspan={6}>{t('reports.noRows')}</td>
                </tr>
              )}
              {r.rows.map((x) => (
                <tr>
                  <td>{formatDateTime(x.at, locale)}</td>
                  <th scope="row">{x.accountLogin ?? '—'}</th>
                  <td>{x.ip ?? '—'}</td>
                  <td>{x.businessName ? <a href={`/admin/access-review?${reviewQs(r, { subject: x.subjectId })}`}>{x.businessName}</a> : `${x.subjectType} ${x.subjectId}`}</td>
                  <td>{t(`operations.review.action.${x.action}`)}</td>
                  <td>{x.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <nav class="itda-pager" aria-label={t('common.pagination')}>
          {r.page > 1 && <a href={`/admin/access-review?${reviewQs(r, { page: String(r.page - 1) })}`}>{t('common.prev')}</a>}
          {r.hasNext && <a href={`/admin/access-review?${reviewQs(r, { page: String(r.page + 1) })}`}>{t('common.next')}</a>}
        </nav>
        <p class="itda-export-link">
          <a href={`/admin/access-review/export?${reviewQs(r)}`} class="krds-btn small secondary">
            {t('reports.exportWithReason')}
          </a>
        </p>
      </section>

      <section class="itda-report-section" aria-labelledby="signoff-h">
        <h2 class="itda-h2" id="signoff-h">
          {t('operations.review.signoff')}
        </h2>
        <p>{t('operations.review.signoffLead')}</p>
        <form method="post" action="/admin/access-review/signoff" class="itda-form" novalidate>
          <CsrfField token={c.var.csrfToken} />
          <Input t={t} prefix="f" name="month" label={t('operations.review.signMonth')} hint={t('reports.monthly.monthHint')} values={props.values ?? { month: r.month ?? '' }} errors={props.errors} maxlength={7} required />
          <Textarea t={t} prefix="f" name="note" label={t('operations.review.note')} hint={t('operations.review.noteHint')} values={props.values} errors={props.errors} rows={3} maxlength={1000} required />
          <div class="itda-form-actions">
            <Button>{t('operations.review.sign')}</Button>
          </div>
        </form>
        <div class="krds-table-wrap itda-after-form">
          <table class="itda-table itda-table-compact">
            <caption>{t('operations.review.history')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.monthly.month')}</th>
                <th scope="col">{t('operations.review.reviewer')}</th>
                <th scope="col">{t('operations.review.signedAt')}</th>
                <th scope="col">{t('operations.review.flagsSeen')}</th>
                <th scope="col">{t('operations.review.note')}</th>
              </tr>
            </thead>
            <tbody>
              {r.signoffs.length === 0 && (
                <tr>
                  <td colspan={5}>{t('operations.review.noSignoffs')}</td>
                </tr>
              )}
              {r.signoffs.map((s) => {
                const f = s.flags as Record<string, number>;
                return (
                  <tr>
                    <th scope="row">{formatMonth(s.month, locale)}</th>
                    <td>{s.reviewerLogin}</td>
                    <td>{formatDateTime(s.signedAt, locale)}</td>
                    <td>{FLAG_KINDS.map((k) => `${t(`operations.flag.${k}`)} ${f[k] ?? 0}`).join(' · ')}</td>
                    <td>{s.note}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </Layout>
  );
}

function ExportPage(props: { c: AppContext; qs: string; values?: FormValues; errors?: FieldErrors; message?: string }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <Layout c={c} title={t('reports.exportTitle')}>
      <p class="itda-backlink">
        <a href={`/admin/access-review?${props.qs}`}>{t('operations.review.back')}</a>
      </p>
      <PageHeader title={t('reports.exportTitle')} lead={t('operations.review.exportLead')} />
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      <form method="post" action={`/admin/access-review/export?${props.qs}`} class="itda-form" novalidate>
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

export function accessReviewPages(app: Hono<AppEnv>, deps: { operations: OperationsService; chains: ChainCheckService }) {
  const { operations, chains } = deps;
  const page = async (c: AppContext, extra: { values?: FormValues; errors?: FieldErrors; message?: string } = {}, status: 200 | 400 = 200) => {
    try {
      const r = await operations.review(c.var.actor, c.req.query(), requestMeta(c));
      return c.html(<ReviewPage c={c} r={r} chain={await chains.accessStatus(c.var.actor)} {...extra} />, status);
    } catch (e) {
      if (!(e instanceof InvalidError)) throw e;
      const errors: FieldErrors = {};
      for (const i of e.issues) errors[i.path] ??= c.var.t(i.messageKey, i.params);
      const r = await operations.review(c.var.actor, {}, requestMeta(c));
      return c.html(<ReviewPage c={c} r={r} chain={await chains.accessStatus(c.var.actor)} errors={errors} />, 400);
    }
  };
  app.get('/admin/access-review', (c) => page(c));
  app.post('/admin/access-review/signoff', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => operations.signoff(c.var.actor, values, requestMeta(c)));
    if (!result.ok) return page(c, { values, errors: result.errors, message: result.message }, 400);
    return c.redirect(`/admin/access-review?month=${typeof values.month === 'string' ? encodeURIComponent(values.month) : ''}&notice=signed`, 303);
  });
  const qsOf = (c: AppContext) => new URLSearchParams(c.req.query()).toString();
  app.get('/admin/access-review/export', async (c) => {
    // Authorized like the page; the form asks why (the reason is recorded with the download).
    operations.assertCanReview(c.var.actor);
    return c.html(<ExportPage c={c} qs={qsOf(c)} />);
  });
  app.post('/admin/access-review/export', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => operations.exportReview(c.var.actor, c.req.query(), values, requestMeta(c), c.var.locale));
    if (!result.ok) return c.html(<ExportPage c={c} qs={qsOf(c)} values={values} errors={result.errors} message={result.message} />, 400);
    c.header('Content-Type', XLSX_TYPE);
    c.header('Content-Disposition', contentDisposition(result.value.fileName));
    c.header('Cache-Control', 'no-store');
    return c.body(new Uint8Array(result.value.bytes));
  });
}
