import type { Hono } from 'hono';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { formatDateTime, formatWon } from '../../web/format.ts';
import type { OwnerService } from './owner.service.ts';
import { formatBrn } from '../../domain/identifiers.ts';
import { uuidParam } from '../../web/params.ts';
import { Badge, Button, CsrfField, ErrorSummary, Facts, RadioGroup, Select, Textarea, type FieldErrors, type FormValues } from '../../web/components/index.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { OWNER_LANGUAGES } from '../../domain/reminders.ts';

type View = Awaited<ReturnType<OwnerService['forOwnerAccount']>>[number];

/** Large, plain Korean for owners who are not at ease with IT: status, what to bring, by when, whom to call. */
export function OwnerCase({ c, v }: { c: AppContext; v: View }) {
  const t = c.var.t;
  return (
    <section class="itda-owner" aria-labelledby={`own-${v.business.id}`}>
      <h2 class="itda-h2" id={`own-${v.business.id}`}>
        {v.business.name}
      </h2>
      {v.participations.length === 0 && <p>{t('owner.none')}</p>}
      <ul class="itda-programme-list">
        {v.participations.map((p) => (
          <li class="itda-card">
            <h3>{p.title}</h3>
            <p class="itda-owner-status">{t(`owner.status.${p.status}`)}</p>
            {p.status === 'benefited' && p.benefitAmount && <p>{t('owner.benefit', { amount: formatWon(p.benefitAmount, c.var.locale), date: p.benefitedOn ?? '' })}</p>}
            {p.needed.length > 0 && (
              <>
                <p>
                  <strong>{t('owner.bring')}</strong>
                </p>
                <ul>
                  {p.needed.map((d) => (
                    <li>{d.name}</li>
                  ))}
                </ul>
              </>
            )}
            {p.deadline && p.deadline >= v.today && !['submitted', 'selected', 'rejected', 'withdrawn', 'benefited'].includes(p.status) && (
              <p class="itda-ask">{t('owner.deadline', { date: p.deadline })}</p>
            )}
          </li>
        ))}
      </ul>
      <div class="itda-card">
        <h3>{t('owner.contact')}</h3>
        <p>
          {v.business.clerkName ?? t('owner.noClerk')}
          {v.business.clerkPhone && (
            <>
              {' '}
              · <a href={`tel:${v.business.clerkPhone}`}>{v.business.clerkPhone}</a>
            </>
          )}
        </p>
        {v.business.officeName && (
          <p>
            {v.business.officeName}
            {v.business.officePhone && (
              <>
                {' '}
                · <a href={`tel:${v.business.officePhone}`}>{v.business.officePhone}</a>
              </>
            )}
          </p>
        )}
      </div>
    </section>
  );
}

/**
 * 내 정보 보기 (개인정보 보호법 §35): everything Itda holds about the business and its owner, and the
 * owner's correction / deletion requests with their state (§36; the office answers within 10 days).
 */
export function OwnerHeld({ c, v }: { c: AppContext; v: View }) {
  const t = c.var.t;
  const f = v.held.facts;
  const dash = (x: string | number | null | undefined) => (x === null || x === undefined || x === '' ? '—' : String(x));
  return (
    <section class="itda-card" aria-labelledby={`held-${v.business.id}`}>
      <h2 class="itda-h3" id={`held-${v.business.id}`}>
        {t('owner.held.title')}
      </h2>
      {f.anonymisedAt && <Notice kind="info">{t('owner.held.anonymised')}</Notice>}
      <Facts
        compact
        items={[
          [t('owner.held.name'), dash(f.name)],
          [t('owner.held.brn'), dash(f.brn ? formatBrn(f.brn) : f.brn)],
          [t('owner.held.ownerName'), dash(f.ownerName)],
          [t('owner.held.phone'), dash(f.phone)],
          [t('owner.held.address'), dash([f.municipalityName, f.address].filter(Boolean).join(' '))],
          [t('owner.held.openedOn'), dash(f.openedOn)],
          [t('owner.held.ksic'), dash(f.ksicCode)],
          [t('owner.held.revenue'), f.annualRevenue === null ? '—' : formatWon(f.annualRevenue, c.var.locale)],
          [t('owner.held.workers'), dash(f.workers)],
          [t('owner.held.birth'), dash(f.ownerBirthDate)],
          [t('owner.held.since'), formatDateTime(f.createdAt, c.var.locale)],
          [t('owner.held.participations'), v.participations.length ? v.participations.map((p) => `${p.title} (${t(`owner.status.${p.status}`)})`).join(', ') : '—'],
          [t('owner.held.documents'), v.held.documents.length ? v.held.documents.map((d) => `${d.name} (${d.issuedOn})`).join(', ') : '—'],
          [t('owner.held.files'), v.held.files.length ? v.held.files.map((x) => x.fileName).join(', ') : '—'],
          [
            t('owner.held.consents'),
            v.held.consents.length
              ? v.held.consents.map((x) => `${t(`owner.held.consent.${x.kind}`)} ${x.givenOn} (${x.textVersion})${x.withdrawnAt ? ` — ${t('owner.held.withdrawn')}` : ''}`).join(', ')
              : '—',
          ],
        ]}
      />
      <p class="form-hint">{t('owner.held.retention')}</p>
      {v.held.requests.length > 0 && (
        <>
          <h3 class="itda-h3">{t('owner.requests.title')}</h3>
          <ul class="itda-list" id="owner-requests">
            {v.held.requests.map((r) => (
              <li>
                <Badge tone={r.status === 'open' ? 'warning' : r.status === 'refused' ? 'danger' : 'success'}>{t(`rights.status.${r.status}`)}</Badge>{' '}
                {t(`rights.kind.${r.kind}`)} · {formatDateTime(r.requestedAt, c.var.locale)} ·{' '}
                {r.status === 'open' ? t('owner.requests.due', { date: r.dueOn }) : r.outcomeNote ? `${t('rights.note')}: ${r.outcomeNote}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * 알림 (issue 13 §2): what she agreed to, in plain words, and two things she can do herself — stop
 * every reminder (one button; 개인정보 보호법 §37) or change their language. Starting them again needs
 * her clerk, who records the consent with her.
 */
function OwnerReminders({ c, v, action, businessId }: { c: AppContext; v: View; action: string; businessId?: string }) {
  const t = c.var.t;
  const r = v.reminders;
  if (!r) return null;
  const channels = (['sms', 'alimtalk', 'email'] as const).filter((k) => r[k]).map((k) => t(`reminders.channel.${k}`));
  return (
    <section class="itda-card" aria-labelledby={`rem-${v.business.id}`} id="owner-reminders">
      <h2 class="itda-h3" id={`rem-${v.business.id}`}>
        {t('reminders.owner.title')}
      </h2>
      {r.consented ? (
        <>
          <p>{t('reminders.owner.on', { channels: channels.join(', ') || '—', date: r.consentedAt ? formatDateTime(r.consentedAt, c.var.locale) : '' })}</p>
          <p class="form-hint">{t('reminders.owner.quiet', { n: r.weeklyLimit })}</p>
          <form method="post" action={action}>
            <CsrfField token={c.var.csrfToken} />
            {businessId && <input type="hidden" name="businessId" value={businessId} />}
            <input type="hidden" name="action" value="withdraw" />
            <Button size="large" variant="secondary">
              {t('reminders.owner.stop')}
            </Button>
          </form>
        </>
      ) : (
        <p>{t('reminders.owner.off')}</p>
      )}
      <form method="post" action={action} class="itda-form">
        <CsrfField token={c.var.csrfToken} />
        {businessId && <input type="hidden" name="businessId" value={businessId} />}
        <input type="hidden" name="action" value="language" />
        <Select t={t} name="language" prefix={`lang-${v.business.id}`} label={t('reminders.owner.language')} options={OWNER_LANGUAGES.map((l) => ({ value: l, label: t(`reminders.lang.${l}`) }))} values={{ language: r.language }} />
        <Button variant="secondary">{t('reminders.owner.languageSave')}</Button>
      </form>
    </section>
  );
}

/** 정정 요청 / 삭제 요청 with a reason, on the page behind the owner's link. */
function OwnerRequestForm({ c, action, businessId, values, errors }: { c: AppContext; action: string; businessId?: string; values?: FormValues; errors?: FieldErrors }) {
  const t = c.var.t;
  return (
    <section class="itda-card" aria-labelledby="owner-request">
      <h2 class="itda-h3" id="owner-request">
        {t('owner.requests.ask')}
      </h2>
      <p>{t('owner.requests.lead')}</p>
      <form method="post" action={action} novalidate>
        <CsrfField token={c.var.csrfToken} />
        {businessId && <input type="hidden" name="businessId" value={businessId} />}
        <RadioGroup
          t={t}
          name="kind"
          label={t('rights.kindLabel')}
          options={[
            { value: 'correction', label: t('rights.kind.correction') },
            { value: 'deletion', label: t('rights.kind.deletion') },
          ]}
          values={values}
          errors={errors}
          required
        />
        <Textarea t={t} name="reason" label={t('owner.requests.reason')} hint={t('owner.requests.reasonHint')} values={values} errors={errors} rows={4} required />
        <Button size="large">{t('owner.requests.submit')}</Button>
      </form>
    </section>
  );
}

export function ownerPages(app: Hono<AppEnv>, deps: { owner: OwnerService }) {
  const linkPage = async (c: AppContext, form: { values?: FormValues; errors?: FieldErrors; message?: string } = {}, status: 200 | 400 = 200) => {
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    const token = c.req.param('token') ?? '';
    const v = await deps.owner.byLink(token, requestMeta(c));
    const t = c.var.t;
    return c.html(
      <Layout c={c} title={t('owner.title')}>
        <div class="itda-large">
          <PageHeader title={t('owner.title')} lead={t('owner.lead')} />
          {c.req.query('notice') === 'requested' && <Notice kind="success">{t('owner.requests.sent')}</Notice>}
          {c.req.query('notice') === 'reminders' && <Notice kind="success">{t('reminders.owner.saved')}</Notice>}
          <ErrorSummary errors={form.errors} t={t} message={form.message} />
          <Notice kind="info">{t('owner.linkReusable', { until: formatDateTime(v.linkExpiresAt, c.var.locale) })}</Notice>
          <OwnerCase c={c} v={v} />
          <OwnerReminders c={c} v={v} action={`/o/${token}/reminders`} />
          <OwnerHeld c={c} v={v} />
          {!v.held.facts.anonymisedAt && <OwnerRequestForm c={c} action={`/o/${token}/requests`} values={form.values} errors={form.errors} />}
        </div>
      </Layout>,
      status,
    );
  };
  app.get('/o/:token', (c) => linkPage(c));

  app.post('/o/:token/requests', async (c) => {
    const values = await readForm(c);
    const token = c.req.param('token');
    const result = await handleForm(c, () => deps.owner.requestByLink(token, values, requestMeta(c)));
    if (!result.ok) return linkPage(c, { values, errors: result.errors, message: result.message }, 400);
    c.header('referrer-policy', 'no-referrer');
    return c.redirect(`/o/${token}?notice=requested`, 303);
  });

  app.post('/o/:token/reminders', async (c) => {
    const token = c.req.param('token');
    await deps.owner.remindersByLink(token, await readForm(c), requestMeta(c));
    c.header('referrer-policy', 'no-referrer');
    return c.redirect(`/o/${token}?notice=reminders#owner-reminders`, 303);
  });

  app.post('/my/reminders', async (c) => {
    const values = await readForm(c);
    const businessId = typeof values.businessId === 'string' ? values.businessId : '';
    await deps.owner.remindersByAccount(c.var.actor, businessId, values, requestMeta(c));
    return c.redirect('/home?notice=reminders#owner-reminders', 303);
  });

  // An owner signed in with an account asks from her home; a refused form comes back on its own page.
  app.post('/my/data-requests', async (c) => {
    const values = await readForm(c);
    const businessId = typeof values.businessId === 'string' ? values.businessId : '';
    const result = await handleForm(c, () => deps.owner.requestByAccount(c.var.actor, businessId, values, requestMeta(c)));
    if (!result.ok) {
      const t = c.var.t;
      return c.html(
        <Layout c={c} title={t('owner.requests.ask')}>
          <div class="itda-large">
            <PageHeader title={t('owner.requests.ask')} />
            <ErrorSummary errors={result.errors} t={t} message={result.message} />
            <OwnerRequestForm c={c} action="/my/data-requests" businessId={businessId} values={values} errors={result.errors} />
          </div>
        </Layout>,
        400,
      );
    }
    return c.redirect('/home?notice=requested', 303);
  });

  app.post('/businesses/:id/owner-link', async (c) => {
    const id = uuidParam(c);
    await deps.owner.sendLink(c.var.actor, id, requestMeta(c));
    return c.redirect(`/businesses/${id}?notice=ownerLink`, 303);
  });
}

export function OwnerHome({ c, views }: { c: AppContext; views: View[] }) {
  const t = c.var.t;
  return (
    <div class="itda-large">
      {views.length === 0 && <Notice kind="info">{t('owner.noBusiness')}</Notice>}
      {c.req.query('notice') === 'requested' && <Notice kind="success">{t('owner.requests.sent')}</Notice>}
      {c.req.query('notice') === 'reminders' && <Notice kind="success">{t('reminders.owner.saved')}</Notice>}
      {views.map((v) => (
        <>
          <OwnerCase c={c} v={v} />
          <OwnerReminders c={c} v={v} action="/my/reminders" businessId={v.business.id} />
          <OwnerHeld c={c} v={v} />
          {!v.held.facts.anonymisedAt && <OwnerRequestForm c={c} action="/my/data-requests" businessId={v.business.id} />}
        </>
      ))}
    </div>
  );
}
