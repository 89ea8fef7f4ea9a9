import { Button, CsrfField, ErrorSummary, Facts, Fieldset, Input, Select, type FieldErrors, type FormValues } from '../../../web/components/index.ts';
import { type AppContext } from '../../../web/context.ts';
import { Layout, Notice, PageHeader } from '../../../web/layout.tsx';
import { formatDate, formatDateTime } from '../../../web/format.ts';
import { CLOSE, type ContractsService } from '../contracts.service.ts';

/** The operator's contract periods and hand-over (운영기관). */

export function ContractsPage(props: {
  c: AppContext;
  data: Awaited<ReturnType<ContractsService['list']>>;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { c, data } = props;
  const t = c.var.t;
  const notice = c.req.query('notice');
  return (
    <Layout c={c} title={t('contracts.title')}>
      {notice && <Notice kind="success">{t(`contracts.done.${notice}`)}</Notice>}
      <PageHeader title={t('contracts.title')} lead={t('contracts.lead')} />
      <div class="krds-table-wrap">
        <table class="itda-table">
          <caption>{t('contracts.list')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('contracts.clerk')}</th>
              <th scope="col">{t('recruitment.office')}</th>
              <th scope="col">{t('contracts.period')}</th>
              <th scope="col">{t('contracts.state')}</th>
              <th scope="col">{t('contracts.caseload')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr>
                <th scope="row">{r.displayName}</th>
                <td>{r.officeName ?? '—'}</td>
                <td>
                  {formatDate(r.startsOn, c.var.locale)} ~ {formatDate(r.endsOn, c.var.locale)}
                </td>
                <td>{t(`contracts.stateLabel.${r.state}`)}</td>
                <td>{t('contracts.businesses', { n: r.caseload })}</td>
                <td>
                  <a href={`/admin/contracts/${r.id}`}>
                    {r.endedAt ? t('contracts.view') : t('contracts.endAndHandover')}
                    <span class="sr-only"> {r.displayName}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 class="itda-h2">{t('contracts.new')}</h2>
      <ErrorSummary t={t} errors={props.errors} />
      <form method="post" action="/admin/contracts" class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <Select
          t={t}
          name="clerkId"
          label={t('contracts.clerk')}
          values={props.values}
          errors={props.errors}
          placeholder={t('common.choose')}
          options={data.clerks.map((k) => ({ value: k.id, label: `${k.displayName} (${k.officeName ?? '—'})` }))}
          required
        />
        <Input t={t} type="date" name="startsOn" label={t('contracts.startsOn')} values={props.values} errors={props.errors} required />
        <Input t={t} type="date" name="endsOn" label={t('contracts.endsOn')} values={props.values} errors={props.errors} required />
        <Button variant="secondary">{t('contracts.create')}</Button>
      </form>
    </Layout>
  );
}

export function HandoverPage(props: {
  c: AppContext;
  data: Awaited<ReturnType<ContractsService['handoverForm']>>;
  values?: FormValues;
  errors?: FieldErrors;
  message?: string;
}) {
  const { c, data } = props;
  const t = c.var.t;
  const k = data.contract;
  const options = [
    ...data.targets.map((x) => ({
      value: x.id,
      label: `${x.displayName} (${x.officeName ?? '—'})${x.gate.ok ? '' : ` — ${t('contracts.notTrained')}`}`,
    })),
    { value: CLOSE, label: t('contracts.closeCase') },
  ];
  return (
    <Layout c={c} title={t('contracts.handoverTitle', { name: k.displayName })}>
      <PageHeader title={t('contracts.handoverTitle', { name: k.displayName })} lead={t('contracts.handoverLead')} />
      <p>
        <a href="/admin/contracts">{t('contracts.back')}</a>
      </p>
      <Facts
        items={[
          [t('recruitment.office'), k.officeName ?? '—'],
          [t('contracts.period'), `${formatDate(k.startsOn, c.var.locale)} ~ ${formatDate(k.endsOn, c.var.locale)}`],
          [t('contracts.caseload'), t('contracts.businesses', { n: data.caseload.length })],
        ]}
      />
      {k.endedAt ? (
        <>
          <Notice kind="info">{t('contracts.endedAt', { at: formatDateTime(k.endedAt, c.var.locale), note: k.endNote ?? '' })}</Notice>
          <div class="krds-table-wrap">
            <table class="itda-table">
              <caption>{t('contracts.handovers')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('contracts.business')}</th>
                  <th scope="col">{t('contracts.handedTo')}</th>
                </tr>
              </thead>
              <tbody>
                {data.handovers.map((h) => (
                  <tr>
                    <th scope="row">{h.businessName}</th>
                    <td>{h.action === 'closed' ? t('contracts.closeCase') : h.toName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <>
          <ErrorSummary t={t} errors={props.errors} message={props.message} />
          <form method="post" action={`/admin/contracts/${k.id}/end`} class="itda-form" novalidate>
            <CsrfField token={c.var.csrfToken} />
            <input type="hidden" name="version" value={String(k.version)} />
            {data.caseload.length > 0 && (
              <>
                <Select
                  t={t}
                  name="defaultTarget"
                  label={t('contracts.defaultTarget')}
                  hint={t('contracts.defaultTargetHint')}
                  values={props.values}
                  errors={props.errors}
                  placeholder={t('contracts.choosePerRow')}
                  options={options}
                />
                <Fieldset title={t('contracts.perBusiness')}>
                  {data.caseload.map((b) => (
                    <Select
                      t={t}
                      name={`b_${b.id}`}
                      label={`${b.name}${b.municipalityName ? ` (${b.municipalityName})` : ''}${b.isSample ? ` · ${t('demo.badge')}` : ''}`}
                      values={props.values}
                      errors={props.errors}
                      placeholder={t('contracts.useDefault')}
                      options={options}
                    />
                  ))}
                </Fieldset>
              </>
            )}
            {data.caseload.length === 0 && <p>{t('contracts.noCaseload')}</p>}
            <Input
              t={t}
              name="note"
              label={t('contracts.note')}
              hint={t('contracts.noteHint')}
              values={props.values}
              errors={props.errors}
              required
            />
            <Button>{t('contracts.endButton')}</Button>
          </form>
        </>
      )}
    </Layout>
  );
}

// ── employment: operator ──
