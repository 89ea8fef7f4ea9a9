import { Button, ConfirmField, CsrfField, ErrorSummary, Input, LinkButton, RadioGroup, Select, type FieldErrors, type FormValues } from '../../web/components/index.ts';
import type { AppContext } from '../../web/context.ts';
import { htmlLang, LOCALES } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../web/format.ts';
import { Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { CHECK_FIELDS } from '../check/check.schemas.ts';
import { answersQuery } from '../check/check.views.tsx';
import { industryName } from '../../domain/eligibility/industry-words.ts';
import { valueOf } from '../../web/components/index.ts';
import { CONSENT_TEXT_VERSION } from '../../domain/consent-texts.ts';
import { HELP_CONSENT_VERSION, HELP_RETENTION_DAYS, type HelpRequestsService } from './help-requests.service.ts';

const TIMES = ['morning', 'afternoon', 'evening', 'any'] as const;

/** "공공사무원의 도움 받기": the contact, a time, the consent; the self-check answers ride along hidden. */
export function HelpForm(props: {
  c: AppContext;
  values: FormValues;
  errors?: FieldErrors;
  message?: string;
  municipalities: { code: string; name: string }[];
}) {
  const { c, values, errors } = props;
  const t = c.var.t;
  return (
    <Layout c={c} title={t('help.title')}>
      <div class="itda-check">
        <h1 class="itda-check-title">{t('help.title')}</h1>
        <p class="itda-check-lead">{t('help.lead')}</p>
        <ErrorSummary t={t} errors={errors} message={props.message} />
        <form method="post" action="/check/help" class="itda-form itda-check-form" novalidate>
          <CsrfField token={c.var.csrfToken} />
          {CHECK_FIELDS.filter((f) => f !== 'municipalityCode').map((f) => {
            const v = valueOf(values, f);
            return v ? <input type="hidden" name={f} value={v} /> : null;
          })}
          <Notice kind="warning">{t('help.noRrn')}</Notice>
          <Input t={t} name="name" label={t('help.name')} hint={t('help.nameHint')} autocomplete="name" values={values} errors={errors} required />
          <Input t={t} name="phone" type="tel" label={t('help.phone')} hint="010-1234-5678" autocomplete="tel" inputmode="tel" values={values} errors={errors} required />
          <Select
            t={t}
            name="municipalityCode"
            label={t('help.municipality')}
            values={values}
            errors={errors}
            placeholder={t('check.choose')}
            options={props.municipalities.map((m) => ({ value: m.code, label: m.name }))}
            required
          />
          <RadioGroup
            t={t}
            name="preferredTime"
            label={t('help.preferredTime')}
            values={values}
            errors={errors}
            options={TIMES.map((k) => ({ value: k, label: t(`help.time.${k}`) }))}
            required
          />
          {/* Honeypot: hidden from people (and screen readers); a bot fills every field. */}
          <div class="itda-hp" aria-hidden="true">
            <label for="f-website">Website</label>
            <input type="text" id="f-website" name="website" value="" tabindex={-1} autocomplete="off" />
          </div>
          <section class="itda-card" aria-labelledby="consent-title">
            <h2 class="itda-h3" id="consent-title">
              {t('help.consentTitle')}
            </h2>
            <ul class="itda-consent-text">
              <li>{t('help.consent.purpose')}</li>
              <li>{t('help.consent.items')}</li>
              <li>{t('help.consent.retention', { days: HELP_RETENTION_DAYS })}</li>
              <li>{t('help.consent.refuse')}</li>
            </ul>
            <p class="form-hint">{t('help.consentVersion', { version: HELP_CONSENT_VERSION })}</p>
            <ConfirmField t={t} name="consent" label={t('help.consentAgree')} errors={errors} checked={valueOf(values, 'consent') === 'on'} required />
          </section>
          {/* Optional and apart (개인정보 보호법 §22 ①): SMS about her case, the reminders text of
              src/domain/consent-texts.ts in her language; the full text is printed on the 동의서. */}
          <section class="itda-card" aria-labelledby="reminders-title">
            <h2 class="itda-h3" id="reminders-title">
              {t('help.reminders.title')}
            </h2>
            <ul class="itda-consent-text">
              <li>{t('help.reminders.what')}</li>
              <li>{t('help.reminders.when')}</li>
              <li>{t('help.reminders.stop')}</li>
              <li>{t('help.reminders.refuse')}</li>
            </ul>
            <p class="form-hint">{t('help.consentVersion', { version: `reminders ${CONSENT_TEXT_VERSION.reminders}` })}</p>
            <ConfirmField t={t} name="reminders" label={t('help.reminders.agree')} errors={errors} checked={valueOf(values, 'reminders') === 'on'} />
          </section>
          <div class="itda-check-actions">
            <Button size="large">{t('help.submit')}</Button>
          </div>
        </form>
        <p class="itda-check-back">
          <a href={`/check?${answersQuery(values, { step: 'result' })}`}>← {t('help.backToResult')}</a>
        </p>
      </div>
    </Layout>
  );
}

export function HelpSent(props: { c: AppContext; office: string | null }) {
  const t = props.c.var.t;
  return (
    <Layout c={props.c} title={t('help.sentTitle')}>
      <div class="itda-check">
        <h1 class="itda-check-title">{t('help.sentTitle')}</h1>
        <p role="status" class="itda-check-lead">
          {props.office ? t('help.sentLead', { office: props.office }) : t('help.sentLeadNoOffice')}
        </p>
        <p>{t('help.sentSms')}</p>
        <LinkButton href="/check">{t('help.again')}</LinkButton>
      </div>
    </Layout>
  );
}

type Row = Awaited<ReturnType<HelpRequestsService['queue']>>[number];

/** The office's queue of help requests (staff). */
export function HelpQueue(props: { c: AppContext; rows: Row[]; all: boolean }) {
  const { c, rows } = props;
  const t = c.var.t;
  return (
    <Layout c={c} title={t('help.queueTitle')}>
      <PageHeader title={t('help.queueTitle')} lead={t('help.queueLead', { days: HELP_RETENTION_DAYS })} />
      <p>
        {props.all ? <a href="/help-requests">{t('help.showOpen')}</a> : <a href="/help-requests?status=all">{t('help.showAll')}</a>}
      </p>
      {!rows.length && <p>{t('help.queueEmpty')}</p>}
      <ul class="itda-programme-list">
        {rows.map((r) => {
          const a = r.answers as { ksicCode?: string | null; openedMonth?: string | null; revenueBand?: string | null; workers?: number | null };
          return (
            <li class="itda-card">
              <h2 class="itda-h3">
                {r.name} · {r.phone}
              </h2>
              <p>
                {formatDateTime(r.createdAt, c.var.locale)} · {r.municipalityName} · {t(`help.time.${r.preferredTime}`)} · {t(`help.status.${r.status}`)}
                {r.officeName ? ` · ${r.officeName}` : ''}
              </p>
              {r.language !== 'ko' && (
                <p>
                  {t('help.language')}: <strong lang={htmlLang(r.language)}>{LOCALES.find((l) => l.code === r.language)?.label ?? r.language}</strong>
                </p>
              )}
              <p class="form-hint">
                {[
                  a.ksicCode ? `${t('check.fact.ksicCode')}: ${industryName(a.ksicCode)}` : null,
                  a.openedMonth ? `${t('check.q.openedMonth').replace(/\?.*$/, '')}: ${a.openedMonth}` : null,
                  a.revenueBand ? t(`check.revenue.${a.revenueBand}`) : null,
                  a.workers !== null && a.workers !== undefined ? `${t('check.fact.workers')}: ${a.workers}` : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {r.status === 'open' && (
                <div class="itda-check-actions">
                  <LinkButton href={`/businesses/new?helpRequest=${r.id}`} variant="primary">
                    {t('help.convert')}
                  </LinkButton>
                  <form method="post" action={`/help-requests/${r.id}/close`}>
                    <CsrfField token={c.var.csrfToken} />
                    <Button variant="secondary">{t('help.close')}</Button>
                  </form>
                </div>
              )}
              {r.businessId && (
                <p>
                  <a href={`/businesses/${r.businessId}`}>{t('help.openBusiness')}</a>
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </Layout>
  );
}
