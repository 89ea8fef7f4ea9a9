import { Button, CsrfField, ErrorSummary, Facts, type FieldErrors } from '../../../web/components/index.ts';
import { type AppContext } from '../../../web/context.ts';
import { Layout, Notice, PageHeader } from '../../../web/layout.tsx';
import { formatDate, formatDateTime } from '../../../web/format.ts';
import { EMPLOYMENT_CONSENT_VERSION, type EmploymentService } from '../employment.service.ts';
import { outcomeText, Record } from './employment.shared.tsx';

/** The clerk's own page: 새일센터 consent and what came of the referral. */

export function MyEmploymentPage(props: { c: AppContext; data: Awaited<ReturnType<EmploymentService['mine']>>; errors?: FieldErrors }) {
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
