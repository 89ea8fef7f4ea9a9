import { EMPLOYER_TYPES, OUTCOMES } from '../../../domain/recruitment/reemployment.ts';
import { Button, CsrfField, ErrorSummary, Facts, Input, Paragraphs, RadioGroup, Select, Textarea, type FieldErrors, type FormValues } from '../../../web/components/index.ts';
import { type AppContext } from '../../../web/context.ts';
import { Layout, Notice, PageHeader } from '../../../web/layout.tsx';
import { kstDate } from '../../../domain/korean-time.ts';
import { formatDate } from '../../../web/format.ts';
import { type EmploymentService } from '../employment.service.ts';
import { outcomeText, Record } from './employment.shared.tsx';

/** The 새일센터 counsellor's referrals: sessions, job offers, outcome. */

export function SaeilListPage({ c, rows }: { c: AppContext; rows: Awaited<ReturnType<EmploymentService['myReferrals']>> }) {
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

export function SaeilReferralPage(props: {
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
