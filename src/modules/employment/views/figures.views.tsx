import { type AggregateFigures } from '../../../domain/recruitment/reemployment.ts';
import { Button, CsrfField, ErrorSummary, Select, Textarea, type FieldErrors, type FormValues } from '../../../web/components/index.ts';
import { type AppContext } from '../../../web/context.ts';
import { Layout, Notice, PageHeader } from '../../../web/layout.tsx';
import { kstDate } from '../../../domain/korean-time.ts';
import { formatDate } from '../../../web/format.ts';
import { type EmploymentService } from '../employment.service.ts';
import { FiguresTable, outcomeText } from './employment.shared.tsx';

/** Re-employment figures: the operator's overview and referrals, the province's report. */

export function EmploymentAdminPage(props: {
  c: AppContext;
  data: Awaited<ReturnType<EmploymentService['overview']>>;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { c, data } = props;
  const t = c.var.t;
  const notice = c.req.query('notice');
  return (
    <Layout c={c} title={t('employment.admin.title')}>
      {notice === 'referred' && <Notice kind="success">{t('employment.admin.referred')}</Notice>}
      <PageHeader title={t('employment.admin.title')} lead={t('employment.admin.lead')} />
      <h2 class="itda-h2">{t('employment.figuresExact')}</h2>
      <FiguresTable t={t} f={data.figures} title={t('employment.figuresExact')} />
      <p class="form-hint">{t('employment.figuresNote')}</p>
      <h2 class="itda-h2">{t('employment.admin.refer')}</h2>
      <ErrorSummary t={t} errors={props.errors} />
      {data.referable.length === 0 ? (
        <p>{t('employment.admin.noneReferable')}</p>
      ) : (
        <>
          <form method="post" action="/admin/employment/referrals" class="itda-form" novalidate>
            <CsrfField token={c.var.csrfToken} />
            <Select
              t={t}
              name="clerkId"
              label={t('contracts.clerk')}
              hint={t('employment.admin.clerkHint')}
              values={props.values}
              errors={props.errors}
              placeholder={t('common.choose')}
              options={data.referable.map((k) => ({ value: k.id, label: `${k.displayName} (${k.officeName ?? '—'})` }))}
              required
            />
            <Select
              t={t}
              name="counsellorId"
              label={t('employment.counsellor')}
              values={props.values}
              errors={props.errors}
              placeholder={t('common.choose')}
              options={data.counsellors.map((k) => ({ value: k.id, label: `${k.displayName} (${k.login})` }))}
              required
            />
            <Textarea t={t} name="note" label={t('employment.admin.note')} values={props.values} errors={props.errors} rows={3} />
            <Button>{t('employment.admin.referButton')}</Button>
          </form>
        </>
      )}
      <h2 class="itda-h2">{t('employment.admin.referrals')}</h2>
      <div class="krds-table-wrap">
        <table class="itda-table">
          <caption class="sr-only">{t('employment.admin.referrals')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('contracts.clerk')}</th>
              <th scope="col">{t('recruitment.office')}</th>
              <th scope="col">{t('employment.counsellor')}</th>
              <th scope="col">{t('employment.referredOn')}</th>
              <th scope="col">{t('employment.outcomeLabel')}</th>
            </tr>
          </thead>
          <tbody>
            {data.referrals.map((r) => (
              <tr>
                <th scope="row">
                  {r.clerkName} {r.closedAt && <span class="form-hint">({t('employment.closed')})</span>}
                </th>
                <td>{r.officeName ?? '—'}</td>
                <td>{r.counsellorName}</td>
                <td>{formatDate(r.referredOn, c.var.locale)}</td>
                <td>{outcomeText(t, r, c.var.locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function ReportPage({ c, f }: { c: AppContext; f: AggregateFigures }) {
  const t = c.var.t;
  return (
    <Layout c={c} title={t('employment.report.title')}>
      <PageHeader title={t('employment.report.title')} lead={t('employment.report.lead')} />
      <h2 class="itda-h2">{t('employment.report.caption', { date: formatDate(kstDate(new Date()), c.var.locale) })}</h2>
      <FiguresTable t={t} f={f} title={t('employment.report.caption', { date: formatDate(kstDate(new Date()), c.var.locale) })} />
      <p class="form-hint">{t('employment.report.suppression')}</p>
      <p class="form-hint">{t('employment.figuresNote')}</p>
    </Layout>
  );
}

// ── employment: the clerk ──
