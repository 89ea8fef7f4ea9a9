import type { Hono } from 'hono';
import { EMPLOYER_TYPES, OUTCOMES, type AggregateFigures, type Figures, type PublicCount } from '../../domain/recruitment/reemployment.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { Button, CsrfField, ErrorSummary, Facts, Fieldset, Input, Paragraphs, RadioGroup, Select, Textarea, type FieldErrors, type FormValues } from '../../web/components/index.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { kstDate } from '../../domain/korean-time.ts';
import { formatDate, formatDateTime } from '../../web/format.ts';
import { CLOSE, type ContractsService } from './contracts.service.ts';
import { EMPLOYMENT_CONSENT_VERSION, type EmploymentService } from './employment.service.ts';
import { idParam } from '../../web/params.ts';

/** Contract periods and hand-over (operator); 새일센터 linkage (operator, clerk, counsellor); re-employment figures (province). */


function outcomeText(t: Translate, r: { outcome: string | null; employerType: string | null; employedOn: string | null }, locale: string) {
  if (!r.outcome) return t('employment.outcome.none');
  if (r.outcome === 'employed')
    return t('employment.outcome.employedOn', {
      type: t(`employment.employer.${r.employerType ?? 'other'}`),
      date: formatDate(r.employedOn, locale),
    });
  return t(`employment.outcome.${r.outcome}`);
}

// ── contracts ──

function ContractsPage(props: {
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

function HandoverPage(props: {
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

function FiguresTable({ t, f, title }: { t: Translate; f: Figures | AggregateFigures; title: string }) {
  const show = (n: PublicCount) => (n === 'lt5' ? t('employment.lessThan5') : String(n));
  const rate = f.rate === null ? t('employment.withheld') : `${(f.rate * 100).toFixed(1)}%`;
  const median = f.medianDaysToJob === null ? t('employment.withheld') : t('employment.days', { n: f.medianDaysToJob });
  return (
    <div class="krds-table-wrap">
      <table class="itda-table">
        <caption>{title}</caption>
        <tbody>
          <tr>
            <th scope="row">{t('employment.fig.referred')}</th>
            <td>{show(f.referred)}</td>
          </tr>
          <tr>
            <th scope="row">{t('employment.fig.employed')}</th>
            <td>{show(f.employed)}</td>
          </tr>
          <tr>
            <th scope="row">{t('employment.fig.seeking')}</th>
            <td>{show(f.seeking)}</td>
          </tr>
          <tr>
            <th scope="row">{t('employment.fig.notSeeking')}</th>
            <td>{show(f.notSeeking)}</td>
          </tr>
          <tr>
            <th scope="row">{t('employment.fig.open')}</th>
            <td>{show(f.open)}</td>
          </tr>
          <tr>
            <th scope="row">{t('employment.fig.rate')}</th>
            <td>{rate}</td>
          </tr>
          <tr>
            <th scope="row">{t('employment.fig.median')}</th>
            <td>{median}</td>
          </tr>
          {EMPLOYER_TYPES.map((e) => (
            <tr>
              <th scope="row">{t('employment.fig.byType', { type: t(`employment.employer.${e}`) })}</th>
              <td>{show(f.byEmployerType[e])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EmploymentAdminPage(props: {
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

function ReportPage({ c, f }: { c: AppContext; f: AggregateFigures }) {
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

function Record(props: {
  c: AppContext;
  data: {
    sessions: { heldOn: string; mode: string; summary: string }[];
    jobs: { employer: string; jobTitle: string; referredOn: string; result: string }[];
  };
}) {
  const { c, data } = props;
  const t = c.var.t;
  return (
    <>
      <h2 class="itda-h2">{t('employment.sessions')}</h2>
      {data.sessions.length === 0 ? (
        <p>{t('employment.noSessions')}</p>
      ) : (
        <ul>
          {data.sessions.map((s) => (
            <li>
              {formatDate(s.heldOn, c.var.locale)} · {t(`employment.mode.${s.mode}`)} — {s.summary}
            </li>
          ))}
        </ul>
      )}
      <h2 class="itda-h2">{t('employment.jobs')}</h2>
      {data.jobs.length === 0 ? (
        <p>{t('employment.noJobs')}</p>
      ) : (
        <div class="krds-table-wrap">
          <table class="itda-table">
            <caption class="sr-only">{t('employment.jobs')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('employment.employer')}</th>
                <th scope="col">{t('employment.jobTitle')}</th>
                <th scope="col">{t('employment.referredOn')}</th>
                <th scope="col">{t('employment.jobResult')}</th>
              </tr>
            </thead>
            <tbody>
              {data.jobs.map((j) => (
                <tr>
                  <th scope="row">{j.employer}</th>
                  <td>{j.jobTitle}</td>
                  <td>{formatDate(j.referredOn, c.var.locale)}</td>
                  <td>{t(`employment.result.${j.result}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function MyEmploymentPage(props: { c: AppContext; data: Awaited<ReturnType<EmploymentService['mine']>>; errors?: FieldErrors }) {
  const { c, data } = props;
  const t = c.var.t;
  const notice = c.req.query('notice');
  const r = data.referral;
  return (
    <Layout c={c} title={t('employment.mine.title')}>
      {notice && <Notice kind="success">{t(`employment.mine.done.${notice}`)}</Notice>}
      <PageHeader title={t('employment.mine.title')} lead={t('employment.mine.lead')} />
      <section aria-labelledby="consent-title">
        <h2 id="consent-title" class="itda-h2">
          {t('employment.mine.consentTitle')}
        </h2>
        <Facts
          items={[
            [t('recruitment.consent.purpose'), t('employment.consent.purpose')],
            [t('employment.consent.recipient'), t('employment.consent.recipientText')],
            [t('recruitment.consent.items'), t('employment.consent.items')],
            [t('recruitment.consent.retention'), t('employment.consent.retention')],
            [t('recruitment.consent.refuse'), t('employment.consent.refuse')],
          ]}
        />
        {data.consent ? (
          <>
            <Notice kind="info">
              {t('employment.mine.consented', {
                at: formatDateTime(data.consent.givenAt, c.var.locale),
                version: data.consent.consentVersion,
              })}
            </Notice>
            <form method="post" action="/my/employment/consent/withdraw">
              <CsrfField token={c.var.csrfToken} />
              <Button variant="secondary">{t('employment.mine.withdraw')}</Button>
            </form>
          </>
        ) : (
          <>
            <ErrorSummary t={t} errors={props.errors} />
            <form method="post" action="/my/employment/consent" class="itda-form" novalidate>
              <CsrfField token={c.var.csrfToken} />
              <input type="hidden" name="version" value={EMPLOYMENT_CONSENT_VERSION} />
              <div class={props.errors?.agree ? 'form-group is-error' : 'form-group'}>
                <div class="krds-form-check">
                  <input
                    type="checkbox"
                    name="agree"
                    id="f-agree"
                    value="on"
                    aria-describedby={props.errors?.agree ? 'e-agree' : undefined}
                  />
                  <label for="f-agree">{t('employment.mine.agree')}</label>
                </div>
                {props.errors?.agree && (
                  <p class="form-hint-invalid" id="e-agree">
                    {props.errors.agree}
                  </p>
                )}
              </div>
              <Button>{t('employment.mine.consentButton')}</Button>
            </form>
          </>
        )}
      </section>
      <h2 class="itda-h2">{t('employment.mine.recordTitle')}</h2>
      {!r ? (
        <p>{t('employment.mine.notReferred')}</p>
      ) : (
        <>
          <Facts
            items={[
              [t('employment.counsellor'), r.counsellorName],
              [t('employment.referredOn'), formatDate(r.referredOn, c.var.locale)],
              [t('employment.outcomeLabel'), <strong id="outcome">{outcomeText(t, r, c.var.locale)}</strong>],
              ...(r.closedAt ? ([[t('employment.closed'), formatDateTime(r.closedAt, c.var.locale)]] as [string, string][]) : []),
            ]}
          />
          <Record c={c} data={data} />
        </>
      )}
    </Layout>
  );
}

// ── employment: the counsellor ──

function SaeilListPage({ c, rows }: { c: AppContext; rows: Awaited<ReturnType<EmploymentService['myReferrals']>> }) {
  const t = c.var.t;
  return (
    <Layout c={c} title={t('employment.saeil.title')}>
      <PageHeader title={t('employment.saeil.title')} lead={t('employment.saeil.lead')} />
      {rows.length === 0 ? (
        <p>{t('employment.saeil.none')}</p>
      ) : (
        <div class="krds-table-wrap">
          <table class="itda-table">
            <caption>{t('recruitment.admin.count', { n: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('contracts.clerk')}</th>
                <th scope="col">{t('recruitment.office')}</th>
                <th scope="col">{t('employment.contractEnd')}</th>
                <th scope="col">{t('employment.referredOn')}</th>
                <th scope="col">{t('employment.outcomeLabel')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`/saeil/referrals/${r.id}`}>{r.clerkName}</a>
                  </th>
                  <td>{r.officeName ?? '—'}</td>
                  <td>{formatDate(r.contractEnd ?? null, c.var.locale)}</td>
                  <td>{formatDate(r.referredOn, c.var.locale)}</td>
                  <td>{outcomeText(t, r, c.var.locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

function SaeilReferralPage(props: {
  c: AppContext;
  data: Awaited<ReturnType<EmploymentService['referral']>>;
  form?: string;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { c, data } = props;
  const t = c.var.t;
  const r = data.referral;
  const notice = c.req.query('notice');
  const errs = (f: string) => (props.form === f ? props.errors : undefined);
  const vals = (f: string) => (props.form === f ? props.values : undefined);
  const today = kstDate(new Date());
  const outcomeValues = vals('outcome') ?? { outcome: r.outcome ?? '', employerType: r.employerType ?? '', employedOn: r.employedOn ?? '' };
  return (
    <Layout c={c} title={t('employment.saeil.referralTitle', { name: r.clerkName })}>
      {notice && <Notice kind="success">{t(`employment.saeil.done.${notice}`)}</Notice>}
      <PageHeader title={t('employment.saeil.referralTitle', { name: r.clerkName })} />
      <p>
        <a href="/saeil">{t('employment.saeil.back')}</a>
      </p>
      <Facts
        items={[
          [t('recruitment.contact'), [r.clerkEmail, r.clerkPhone].filter(Boolean).join(' / ') || '—'],
          [t('recruitment.office'), r.officeName ?? '—'],
          [t('employment.contractEnd'), formatDate(r.contractEnd ?? null, c.var.locale)],
          [t('employment.referredOn'), formatDate(r.referredOn, c.var.locale)],
          [t('employment.outcomeLabel'), outcomeText(t, r, c.var.locale)],
        ]}
      />
      {r.note && (
        <>
          <h2 class="itda-h2">{t('employment.admin.note')}</h2>
          <Paragraphs text={r.note} />
        </>
      )}
      <Record c={c} data={data} />

      <h2 class="itda-h2">{t('employment.saeil.outcomeTitle')}</h2>
      <ErrorSummary t={t} errors={errs('outcome')} />
      <form method="post" action={`/saeil/referrals/${r.id}/outcome`} class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="version" value={String(r.version)} />
        <RadioGroup
          t={t}
          name="outcome"
          label={t('employment.outcomeLabel')}
          values={outcomeValues}
          errors={errs('outcome')}
          options={OUTCOMES.map((o) => ({ value: o, label: t(`employment.outcome.${o}`) }))}
          required
        />
        <Select
          t={t}
          name="employerType"
          label={t('employment.employerType')}
          hint={t('employment.saeil.employedOnly')}
          values={outcomeValues}
          errors={errs('outcome')}
          placeholder={t('common.choose')}
          options={EMPLOYER_TYPES.map((e) => ({ value: e, label: t(`employment.employer.${e}`) }))}
        />
        <Input
          t={t}
          type="date"
          name="employedOn"
          label={t('employment.employedOn')}
          hint={t('employment.saeil.employedOnly')}
          max={today}
          values={outcomeValues}
          errors={errs('outcome')}
        />
        <Button>{t('employment.saeil.saveOutcome')}</Button>
      </form>

      <h2 class="itda-h2">{t('employment.saeil.addSession')}</h2>
      <ErrorSummary t={t} errors={errs('session')} />
      <form method="post" action={`/saeil/referrals/${r.id}/sessions`} class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <Input
          t={t}
          type="date"
          name="heldOn"
          label={t('employment.heldOn')}
          values={vals('session') ?? { heldOn: today }}
          errors={errs('session')}
          required
        />
        <Select
          t={t}
          name="mode"
          label={t('employment.modeLabel')}
          values={vals('session')}
          errors={errs('session')}
          options={['visit', 'phone', 'online'].map((m) => ({ value: m, label: t(`employment.mode.${m}`) }))}
          required
        />
        <Textarea
          t={t}
          name="summary"
          label={t('employment.summary')}
          hint={t('employment.saeil.summaryHint')}
          values={vals('session')}
          errors={errs('session')}
          rows={4}
          required
        />
        <Button variant="secondary">{t('employment.saeil.saveSession')}</Button>
      </form>

      <h2 class="itda-h2">{t('employment.saeil.addJob')}</h2>
      <ErrorSummary t={t} errors={errs('job')} />
      <form method="post" action={`/saeil/referrals/${r.id}/jobs`} class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <Input t={t} name="employer" label={t('employment.employer')} values={vals('job')} errors={errs('job')} required />
        <Input t={t} name="jobTitle" label={t('employment.jobTitle')} values={vals('job')} errors={errs('job')} required />
        <Input
          t={t}
          type="date"
          name="referredOn"
          label={t('employment.referredOn')}
          values={vals('job') ?? { referredOn: today }}
          errors={errs('job')}
          required
        />
        <Select
          t={t}
          name="result"
          label={t('employment.jobResult')}
          values={vals('job') ?? { result: 'pending' }}
          errors={errs('job')}
          options={['pending', 'hired', 'not_hired', 'declined'].map((m) => ({ value: m, label: t(`employment.result.${m}`) }))}
          required
        />
        <Button variant="secondary">{t('employment.saeil.saveJob')}</Button>
      </form>
    </Layout>
  );
}

export function employmentPages(app: Hono<AppEnv>, deps: { contracts: ContractsService; employment: EmploymentService }) {
  const { contracts, employment } = deps;

  app.get('/admin/contracts', async (c) => c.html(<ContractsPage c={c} data={await contracts.list(c.var.actor)} />));
  app.post('/admin/contracts', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => contracts.create(c.var.actor, values, requestMeta(c)));
    if (!result.ok)
      return c.html(<ContractsPage c={c} data={await contracts.list(c.var.actor)} values={values} errors={result.errors} />, 400);
    return c.redirect('/admin/contracts?notice=created', 303);
  });
  app.get('/admin/contracts/:id', async (c) =>
    c.html(<HandoverPage c={c} data={await contracts.handoverForm(c.var.actor, idParam(c), requestMeta(c))} />),
  );
  app.post('/admin/contracts/:id/end', async (c) => {
    const id = idParam(c);
    const values = await readForm(c);
    const result = await handleForm(c, () => contracts.endContract(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok)
      return c.html(
        <HandoverPage
          c={c}
          data={await contracts.handoverForm(c.var.actor, id, requestMeta(c))}
          values={values}
          errors={result.errors}
          message={result.message}
        />,
        400,
      );
    return c.redirect('/admin/contracts?notice=ended', 303);
  });

  app.get('/admin/employment', async (c) =>
    c.html(<EmploymentAdminPage c={c} data={await employment.overview(c.var.actor, requestMeta(c))} />),
  );
  app.post('/admin/employment/referrals', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => employment.refer(c.var.actor, values, requestMeta(c)));
    if (!result.ok)
      return c.html(
        <EmploymentAdminPage c={c} data={await employment.overview(c.var.actor, requestMeta(c))} values={values} errors={result.errors} />,
        400,
      );
    return c.redirect('/admin/employment?notice=referred', 303);
  });
  app.get('/reemployment', async (c) => c.html(<ReportPage c={c} f={await employment.aggregateFigures(c.var.actor)} />));

  app.get('/my/employment', async (c) => c.html(<MyEmploymentPage c={c} data={await employment.mine(c.var.actor)} />));
  app.post('/my/employment/consent', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => employment.giveConsent(c.var.actor, values, requestMeta(c)));
    if (!result.ok) return c.html(<MyEmploymentPage c={c} data={await employment.mine(c.var.actor)} errors={result.errors} />, 400);
    return c.redirect('/my/employment?notice=consented', 303);
  });
  app.post('/my/employment/consent/withdraw', async (c) => {
    await employment.withdrawConsent(c.var.actor, requestMeta(c));
    return c.redirect('/my/employment?notice=withdrawn', 303);
  });

  app.get('/saeil', async (c) => c.html(<SaeilListPage c={c} rows={await employment.myReferrals(c.var.actor)} />));
  app.get('/saeil/referrals/:id', async (c) =>
    c.html(<SaeilReferralPage c={c} data={await employment.referral(c.var.actor, idParam(c), requestMeta(c))} />),
  );
  const counsellorForm = (path: string, form: string, run: (c: AppContext, id: number, v: FormValues) => Promise<unknown>) =>
    app.post(`/saeil/referrals/:id/${path}`, async (c) => {
      const id = idParam(c);
      const values = await readForm(c);
      const result = await handleForm(c, () => run(c, id, values));
      if (!result.ok)
        return c.html(
          <SaeilReferralPage
            c={c}
            data={await employment.referral(c.var.actor, id, requestMeta(c))}
            form={form}
            values={values}
            errors={result.errors}
          />,
          400,
        );
      return c.redirect(`/saeil/referrals/${id}?notice=${form}`, 303);
    });
  counsellorForm('sessions', 'session', (c, id, v) => employment.addSession(c.var.actor, id, v, requestMeta(c)));
  counsellorForm('jobs', 'job', (c, id, v) => employment.addJob(c.var.actor, id, v, requestMeta(c)));
  counsellorForm('outcome', 'outcome', (c, id, v) => employment.recordOutcome(c.var.actor, id, v, requestMeta(c)));
}
