import type { Hono } from 'hono';
import { ConflictError } from '../../errors.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { Button, CsrfField, ErrorSummary, Input, RadioGroup, Textarea, type FieldErrors, type FormValues } from '../../web/components/index.ts';
import { formatDateTime } from '../../web/format.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { DemoBadge, Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { can } from '../auth/auth.policy.ts';
import { SURVEY_QUESTIONS } from '../../domain/metrics/satisfaction.ts';
import type { SurveysService } from './surveys.service.ts';
import { uuidParam } from '../../web/params.ts';

type List = Awaited<ReturnType<SurveysService['list']>>;
type Slip = Awaited<ReturnType<SurveysService['slip']>>;

/** Five large radio buttons per question (KRDS radio), worded in plain Korean for owners. */
function Scale(props: { t: Translate; q: string; values?: FormValues; errors?: FieldErrors }) {
  const { t, q } = props;
  const options = [5, 4, 3, 2, 1].map((v) => ({ value: String(v), label: t(`surveys.scale.${v}`) }));
  return <RadioGroup t={t} name={q} label={t(`surveys.question.${q}`)} options={options} values={props.values} errors={props.errors} />;
}

function SurveyForm(props: { c: AppContext; title: string; action: string; hidden?: Record<string, string>; values?: FormValues; errors?: FieldErrors; message?: string }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <Layout c={c} title={t('surveys.publicTitle')}>
      <div class="itda-survey">
        <PageHeader title={t('surveys.publicTitle')} lead={t('surveys.publicLead', { programme: props.title })} />
        <ErrorSummary t={t} errors={props.errors} message={props.message} />
        <form method="post" action={props.action} class="itda-form" novalidate>
          <CsrfField token={c.var.csrfToken} />
          {Object.entries(props.hidden ?? {}).map(([k, v]) => (
            <input type="hidden" name={k} value={v} />
          ))}
          {SURVEY_QUESTIONS.map((q) => (
            <Scale t={t} q={q} values={props.values} errors={props.errors} />
          ))}
          <Textarea t={t} prefix="f" name="comment" label={t('surveys.comment')} hint={t('surveys.commentHint')} values={props.values} errors={props.errors} rows={4} maxlength={500} />
          <div class="itda-form-actions">
            <Button size="large">{t('surveys.submit')}</Button>
          </div>
        </form>
        <p class="form-hint">{t('surveys.privacy')}</p>
      </div>
    </Layout>
  );
}

function CodePage(props: { c: AppContext; values?: FormValues; errors?: FieldErrors; message?: string }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <Layout c={c} title={t('surveys.publicTitle')}>
      <div class="itda-survey">
        <PageHeader title={t('surveys.publicTitle')} lead={t('surveys.codeLead')} />
        <ErrorSummary t={t} errors={props.errors} message={props.message} />
        <form method="get" action="/s" class="itda-form" novalidate>
          <Input t={t} prefix="f" name="code" label={t('surveys.code')} hint={t('surveys.codeHint')} values={props.values} errors={props.errors} maxlength={12} autocomplete="one-time-code" required />
          <div class="itda-form-actions">
            <Button size="large">{t('surveys.start')}</Button>
          </div>
        </form>
      </div>
    </Layout>
  );
}

function Message(props: { c: AppContext; title: string; text: string }) {
  return (
    <Layout c={props.c} title={props.title}>
      <div class="itda-survey">
        <PageHeader title={props.title} lead={props.text} />
      </div>
    </Layout>
  );
}

function ListPage({ c, list, state }: { c: AppContext; list: List; state: string }) {
  const t = c.var.t;
  const locale = c.var.locale;
  const status = (r: List['rows'][number]) => (r.answeredAt ? t('surveys.state.answered') : r.expiresAt <= list.now ? t('surveys.state.expired') : t('surveys.state.open'));
  return (
    <Layout c={c} title={t('surveys.title')}>
      <p class="itda-backlink">
        <a href="/reports">{t('reports.back')}</a>
      </p>
      {c.req.query('notice') === 'swept' && <Notice kind="success">{t('surveys.swept', { n: c.req.query('n') ?? '0' })}</Notice>}
      <PageHeader title={t('surveys.title')} lead={t('surveys.lead')} />
      <p class="itda-dim-links">
        {(['', 'open', 'answered'] as const).map((s) =>
          s === state ? <strong aria-current="true">{t(`surveys.filter.${s || 'all'}`)}</strong> : <a href={s ? `/surveys?state=${s}` : '/surveys'}>{t(`surveys.filter.${s || 'all'}`)}</a>,
        )}
      </p>
      {c.var.actor && can(c.var.actor, 'reports.generate') && (
        <form method="post" action="/surveys/sweep" class="itda-inline-form itda-no-print">
          <CsrfField token={c.var.csrfToken} />
          <Button variant="secondary" size="small">
            {t('surveys.sweep')}
          </Button>
        </form>
      )}
      <div class="krds-table-wrap">
        <table class="itda-table itda-table-compact">
          <caption class="sr-only">{t('surveys.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('surveys.business')}</th>
              <th scope="col">{t('reports.dim.programme')}</th>
              <th scope="col">{t('surveys.outcome')}</th>
              <th scope="col">{t('surveys.offered')}</th>
              <th scope="col">{t('surveys.stateLabel')}</th>
              <th scope="col">{t('surveys.slip')}</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.length === 0 && (
              <tr>
                <td colspan={6}>{t('surveys.none')}</td>
              </tr>
            )}
            {list.rows.map((r) => (
              <tr>
                <th scope="row">
                  {r.businessName} {r.isSample && <DemoBadge label={t('demo.badge')} />}
                </th>
                <td>{r.title}</td>
                <td>{t(`reports.status.${r.outcome}`)}</td>
                <td>
                  {formatDateTime(r.createdAt, locale)} · {t(`surveys.via.${r.createdVia}`)}
                  {r.smsQueued ? ` · ${t('surveys.smsQueued')}` : ''}
                </td>
                <td>{status(r)}</td>
                <td>{!r.answeredAt && r.expiresAt > list.now ? <a href={`/surveys/${r.id}/slip`}>{t('surveys.printSlip')}<span class="sr-only"> ({r.businessName})</span></a> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

function SlipPage({ c, s }: { c: AppContext; s: Slip }) {
  const t = c.var.t;
  return (
    <Layout c={c} title={t('surveys.slipTitle')}>
      <p class="itda-backlink itda-no-print">
        <a href="/surveys">{t('surveys.back')}</a>
      </p>
      <div class="itda-slip">
        <h1 class="itda-h2">{t('surveys.publicTitle')}</h1>
        <p>{t('surveys.slipFor', { business: s.businessName, programme: s.title })} {s.isSample && <DemoBadge label={t('demo.badge')} />}</p>
        <p>{t('surveys.slipHow', { url: s.url })}</p>
        <p class="itda-slip-code">{s.code}</p>
        <p>{t('surveys.slipUntil', { date: formatDateTime(s.expiresAt, c.var.locale) })}</p>
        <p class="form-hint">{t('surveys.privacy')}</p>
      </div>
      <p class="form-hint itda-no-print">{t('surveys.printHint')}</p>
    </Layout>
  );
}

export function surveyPages(app: Hono<AppEnv>, deps: { surveys: SurveysService }) {
  const { surveys } = deps;

  // ── Staff ──
  app.get('/surveys', async (c) => {
    const q = c.req.query();
    const state = q.state === 'open' || q.state === 'answered' ? q.state : '';
    const page = Math.max(1, Math.min(10_000, Number(q.page) || 1));
    return c.html(<ListPage c={c} list={await surveys.list(c.var.actor, { page, state: state || undefined }, requestMeta(c))} state={state} />);
  });
  app.get('/surveys/:id/slip', async (c) => c.html(<SlipPage c={c} s={await surveys.slip(c.var.actor, uuidParam(c), requestMeta(c))} />));
  app.post('/surveys/offer', async (c) => {
    const values = await readForm(c);
    await surveys.offer(c.var.actor, values, requestMeta(c));
    const back = typeof values.returnTo === 'string' && /^\/participations\/[0-9a-f-]{36}$/.test(values.returnTo) ? values.returnTo : '/surveys';
    return c.redirect(`${back}?notice=surveyOffered`, 303);
  });
  app.post('/surveys/sweep', async (c) => {
    const r = await surveys.sweep(c.var.actor, requestMeta(c));
    return c.redirect(`/surveys?notice=swept&n=${r.created}`, 303);
  });

  // ── The owner (no account): by code or by the SMS link ──
  app.get('/s', async (c) => {
    const raw = c.req.query('code');
    if (raw === undefined) return c.html(<CodePage c={c} />);
    const result = await handleForm(c, () => surveys.byCode({ code: raw }));
    if (!result.ok) return c.html(<CodePage c={c} values={{ code: raw }} errors={result.errors} message={result.message} />, 400);
    if (result.value.answeredAt) return c.html(<Message c={c} title={c.var.t('surveys.publicTitle')} text={c.var.t('surveys.alreadyAnswered')} />, 409);
    return c.html(<SurveyForm c={c} title={result.value.title} action="/s" hidden={{ code: result.value.code }} />);
  });
  app.post('/s', async (c) => {
    const values = await readForm(c);
    return answer(c, { code: values.code }, values, '/s');
  });
  app.get('/s/thanks', (c) => c.html(<Message c={c} title={c.var.t('surveys.thanksTitle')} text={c.var.t('surveys.thanks')} />));
  app.get('/s/:token', async (c) => {
    const inv = await surveys.byToken(c.req.param('token'));
    if (inv.answeredAt) return c.html(<Message c={c} title={c.var.t('surveys.publicTitle')} text={c.var.t('surveys.alreadyAnswered')} />, 409);
    return c.html(<SurveyForm c={c} title={inv.title} action={`/s/${c.req.param('token')}`} />);
  });
  app.post('/s/:token', async (c) => {
    const values = await readForm(c);
    return answer(c, { token: c.req.param('token') }, values, `/s/${c.req.param('token')}`);
  });

  async function answer(c: AppContext, by: { token: string } | { code: unknown }, values: FormValues, action: string) {
    try {
      const result = await handleForm(c, () => surveys.answer(by, values));
      if (result.ok) return c.redirect('/s/thanks', 303);
      const inv = 'token' in by ? await surveys.byToken(by.token) : await surveys.byCode({ code: by.code });
      const hidden = 'code' in by && typeof by.code === 'string' ? { code: by.code } : undefined;
      return c.html(<SurveyForm c={c} title={inv.title} action={action} hidden={hidden} values={values} errors={result.errors} message={result.message} />, 400);
    } catch (e) {
      if (e instanceof ConflictError) return c.html(<Message c={c} title={c.var.t('surveys.publicTitle')} text={c.var.t('surveys.alreadyAnswered')} />, 409);
      throw e;
    }
  }
}
