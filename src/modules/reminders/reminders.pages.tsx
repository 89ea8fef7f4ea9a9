import type { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { Badge, Button, Checkbox, CsrfField, ErrorSummary, Fieldset, Input, RadioGroup, Select, type BadgeTone, type FieldErrors, type FormValues } from '../../web/components/index.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { formatDateTime } from '../../web/format.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { uuidParam } from '../../web/params.ts';
import { maskEmail, maskPhone } from '../../domain/masking.ts';
import { OWNER_LANGUAGES } from '../../domain/reminders.ts';
import { isLocale, translator } from '../../i18n/i18n.ts';
import type { RemindersService } from './reminders.service.ts';

type PageData = Awaited<ReturnType<RemindersService['forBusinessPage']>>;

/** The outbox states as the clerk reads them: 대기 / 보냄 / 받음 / 실패 / 취소. */
const STATE_TONE: Record<string, BadgeTone> = { pending: 'information', sending: 'information', sent: 'success', delivered: 'success', failed: 'danger', cancelled: 'warning' };
const stateKey = (s: string | null) => (s === 'pending' || s === 'sending' || s === null ? 'queued' : s);

function PreferenceForm({ c, businessId, d, values, errors, message }: { c: AppContext; businessId: string; d: PageData; values?: FormValues; errors?: FieldErrors; message?: string }) {
  const t = c.var.t;
  const p = d.prefs;
  const v: FormValues = values ?? {
    sms: p.sms ? 'on' : '',
    email: p.email ? 'on' : '',
    alimtalk: p.alimtalk ? 'on' : '',
    phone: p.phone ?? '',
    emailAddress: p.emailAddress ?? '',
    language: p.language,
    weeklyLimit: String(p.weeklyLimit),
    consent: p.consented ? 'on' : '',
    consentMethod: p.consentMethod ?? '',
    version: String(p.version),
  };
  const on = (k: string) => v[k] === 'on';
  return (
    <form method="post" action={`/businesses/${businessId}/reminders`} class="itda-form" novalidate id="reminders-form">
      <ErrorSummary t={t} errors={errors} message={message} />
      <CsrfField token={c.var.csrfToken} />
      <input type="hidden" name="version" value={typeof v.version === 'string' ? v.version : '0'} />
      <Fieldset title={t('reminders.consentLegend')}>
        <p class="form-hint">{t('reminders.consentHint')}</p>
        <Checkbox name="consent" label={t('reminders.consentLabel')} checked={on('consent')} />
        <RadioGroup
          t={t}
          name="consentMethod"
          label={t('reminders.consentMethod')}
          options={(['written', 'verbal', 'electronic'] as const).map((m) => ({ value: m, label: t(`businesses.consentMethod.${m}`) }))}
          values={v}
          errors={errors}
        />
      </Fieldset>
      <Fieldset title={t('reminders.channels')}>
        <Checkbox name="sms" label={t('reminders.channel.sms')} checked={on('sms')} />
        <Checkbox name="alimtalk" label={t('reminders.channel.alimtalk')} checked={on('alimtalk')} />
        <Checkbox name="email" label={t('reminders.channel.email')} checked={on('email')} />
      </Fieldset>
      <Input t={t} name="phone" type="tel" inputmode="tel" autocomplete="off" label={t('reminders.phone')} hint={t('reminders.phoneHint')} values={v} errors={errors} />
      <Input t={t} name="emailAddress" type="email" autocomplete="off" label={t('reminders.email')} values={v} errors={errors} />
      <Select t={t} name="language" label={t('reminders.language')} options={OWNER_LANGUAGES.map((l) => ({ value: l, label: t(`reminders.lang.${l}`) }))} values={v} errors={errors} />
      <Input t={t} name="weeklyLimit" type="number" inputmode="numeric" min="0" max="14" label={t('reminders.weeklyLimit')} hint={t('reminders.weeklyLimitHint')} values={v} errors={errors} />
      <Button>{t('reminders.save')}</Button>
    </form>
  );
}

function consentLine(c: AppContext, p: PageData['prefs']): string {
  const t = c.var.t;
  if (p.consented && p.consentedAt)
    return t('reminders.consented', { date: formatDateTime(p.consentedAt, c.var.locale), version: p.consentTextVersion ?? '', method: p.consentMethod ? t(`businesses.consentMethod.${p.consentMethod}`) : '' });
  if (p.withdrawnAt) return t('reminders.withdrawn', { date: formatDateTime(p.withdrawnAt, c.var.locale), via: t(`reminders.via.${p.withdrawnVia ?? 'staff'}`) });
  return t('reminders.noConsent');
}

/** The business page's section: the owner's preferences and what was sent to her, with its state. */
export function RemindersSection({ c, businessId, d, values, errors, message }: { c: AppContext; businessId: string; d: PageData; values?: FormValues; errors?: FieldErrors; message?: string }) {
  const t = c.var.t;
  const p = d.prefs;
  return (
    <section aria-labelledby="reminders-title" id="reminders" class="itda-card">
      <h2 class="itda-h2" id="reminders-title">
        {t('reminders.title')}
      </h2>
      {c.req.query('notice') === 'reminders' && <Notice kind="success">{t('reminders.saved')}</Notice>}
      <p id="reminders-consent">
        <Badge tone={p.consented ? 'success' : 'warning'}>{p.consented ? t('reminders.on') : t('reminders.off')}</Badge> {consentLine(c, p)}
      </p>
      {d.canWrite ? <PreferenceForm c={c} businessId={businessId} d={d} values={values} errors={errors} message={message} /> : null}
      <h3 class="itda-h3">{t('reminders.sentTitle')}</h3>
      {d.sent.length === 0 ? (
        <p>{t('reminders.noneSent')}</p>
      ) : (
        <div class="krds-table-wrap">
          <table class="itda-table" id="reminders-sent">
            <caption class="sr-only">{t('reminders.sentTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reminders.col.at')}</th>
                <th scope="col">{t('reminders.col.event')}</th>
                <th scope="col">{t('reminders.col.channel')}</th>
                <th scope="col">{t('reminders.col.to')}</th>
                <th scope="col">{t('reminders.col.state')}</th>
              </tr>
            </thead>
            <tbody>
              {d.sent.map((r) => (
                <tr>
                  <td>{formatDateTime(r.sentAt ?? r.createdAt, c.var.locale)}</td>
                  <td>{t(`reminders.event.${r.event}`)}</td>
                  <td>{t(`reminders.channel.${r.channel}`)}</td>
                  <td>{r.recipient ? (r.channel === 'email' ? maskEmail(r.recipient) : maskPhone(r.recipient)) : '—'}</td>
                  <td>
                    <Badge tone={STATE_TONE[r.status ?? 'pending'] ?? 'information'}>{t(`reminders.state.${stateKey(r.status)}`)}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function remindersSection(reminders: RemindersService) {
  return async (c: AppContext, businessId: string): Promise<Child[]> => [<RemindersSection c={c} businessId={businessId} d={await reminders.forBusinessPage(c.var.actor, businessId)} />];
}

/** A plain page for the opt-out link: large type, one sentence, one button (no JavaScript). */
function OptOutPage({ c, token, state }: { c: AppContext; token: string; state: 'ask' | 'done' | 'already' }) {
  const t = c.var.t;
  return (
    <Layout c={c} title={t('reminders.optOut.title')}>
      <div class="itda-large">
        <PageHeader title={t('reminders.optOut.title')} />
        {state === 'ask' && (
          <>
            <p>{t('reminders.optOut.ask')}</p>
            <form method="post" action={`/u/${token}`}>
              <CsrfField token={c.var.csrfToken} />
              <Button size="large">{t('reminders.optOut.confirm')}</Button>
            </form>
            <p class="form-hint">{t('reminders.optOut.free')}</p>
          </>
        )}
        {state === 'done' && <Notice kind="success">{t('reminders.optOut.done')}</Notice>}
        {state === 'already' && <Notice kind="info">{t('reminders.optOut.already')}</Notice>}
        {state !== 'ask' && <p>{t('reminders.optOut.again')}</p>}
      </div>
    </Layout>
  );
}

export function reminderPages(app: Hono<AppEnv>, deps: { reminders: RemindersService }) {
  const { reminders } = deps;

  app.post('/businesses/:id/reminders', async (c) => {
    const id = uuidParam(c);
    const values = await readForm(c);
    const result = await handleForm(c, () => reminders.savePreferences(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok) {
      // A refused form comes back on its own page, with what was typed and the errors.
      const t = c.var.t;
      const d = await reminders.forBusinessPage(c.var.actor, id);
      return c.html(
        <Layout c={c} title={t('reminders.title')}>
          <PageHeader title={t('reminders.title')} />
          <p>
            <a href={`/businesses/${id}`}>{t('reminders.back')}</a>
          </p>
          <RemindersSection c={c} businessId={id} d={d} values={values} errors={result.errors} message={result.message} />
        </Layout>,
        400,
      );
    }
    return c.redirect(`/businesses/${id}?notice=reminders#reminders`, 303);
  });

  // The opt-out link in every reminder (정보통신망법 §50 ⑧). GET shows the question and changes nothing
  // — a messaging app's link preview or a mail scanner opens links — and only the POST of its one
  // button withdraws. No sign-in: the token is the key. Not indexed, no referrer.
  app.get('/u/:token', async (c) => {
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    c.header('x-robots-tag', 'noindex');
    const token = c.req.param('token');
    const s = await reminders.optOutState(token);
    // In the language of her messages, unless she picked another one on the page (?lang=).
    if (!isLocale(c.req.query('lang')) && isLocale(s.language)) {
      c.set('locale', s.language);
      c.set('t', translator(s.language));
    }
    return c.html(<OptOutPage c={c} token={token} state={c.req.query('done') === '1' ? 'done' : s.alreadyWithdrawn ? 'already' : 'ask'} />);
  });

  app.post('/u/:token', async (c) => {
    c.header('referrer-policy', 'no-referrer');
    const token = c.req.param('token');
    await reminders.optOut(token, requestMeta(c));
    return c.redirect(`/u/${token}?done=1`, 303);
  });
}
