import type { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import {
  PARTICIPATION_STATUSES,
  SUBMISSION_CHANNELS,
  isTerminal,
  type ParticipationStatus,
  type TransitionField,
} from '../../domain/participation-workflow.ts';
import { ENDED_STATUSES } from '../../domain/metrics/figures.ts';
import type { Translate } from '../../i18n/i18n.ts';
import {
  Badge,
  Button,
  CsrfField,
  ErrorSummary,
  Input,
  RadioGroup,
  Select,
  Textarea,
  valueOf,
  type FieldErrors,
  type FormValues,
  type OptionGroup,
} from '../../web/components/index.ts';
import { formatDateTime, formatWonExact } from '../../web/format.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { DemoBadge, Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { ChecklistSection } from '../documents/documents.pages.tsx';
import type { ChecklistItem } from '../documents/documents.checklist.ts';
import type { DocumentsService } from '../documents/documents.service.ts';
import type { SurveysService } from '../surveys/surveys.service.ts';
import type { ParticipationsService, ProgrammeOption } from './participations.service.ts';
import { uuidParam } from '../../web/params.ts';

export type ParticipationListRow = Awaited<ReturnType<ParticipationsService['listForBusiness']>>[number];
type Detail = Awaited<ReturnType<ParticipationsService['get']>>;

/** Where the business page lives (the casework business module). */
export const businessHref = (businessId: string) => `/businesses/${businessId}`;
export const participationHref = (id: string) => `/participations/${id}`;

const STATUS_TONE: Record<ParticipationStatus, 'primary' | 'secondary' | 'gray' | 'danger' | 'warning' | 'success' | 'information'> = {
  identified: 'gray',
  informed: 'information',
  preparing: 'warning',
  submitted: 'primary',
  selected: 'success',
  rejected: 'danger',
  withdrawn: 'gray',
  benefited: 'success',
};

export function StatusBadge(props: { status: ParticipationStatus; t: Translate }) {
  return <Badge tone={STATUS_TONE[props.status]}>{props.t(`participations.status.${props.status}`)}</Badge>;
}

/** The pipeline as the KRDS step indicator (html/code/step_indicator.html); 탈락/취소 end it early. */
const PIPELINE: ParticipationStatus[] = ['identified', 'informed', 'preparing', 'submitted', 'selected', 'benefited'];
function Pipeline(props: { status: ParticipationStatus; stoppedAfter: string | null; t: Translate }) {
  const { t, status } = props;
  const stopped = status === 'rejected' || status === 'withdrawn';
  // Ended early: the steps reached before are done, none is current (the notice below says why).
  const reached = stopped ? PIPELINE.indexOf(props.stoppedAfter as ParticipationStatus) : -1;
  const at = stopped ? -1 : PIPELINE.indexOf(status);
  return (
    <ol class="krds-step-wrap itda-pipeline" aria-label={t('participations.pipeline')}>
      {PIPELINE.map((s, i) => (
        <li
          class={i < at || i <= reached || (i === at && isTerminal(s)) ? 'done' : i === at ? 'active' : undefined}
          aria-current={i === at ? 'step' : undefined}
        >
          <span>
            {i === at && <em class="sr-only">{t('participations.currentStep')}</em>}
            <i class="step">{t('participations.stepN', { n: i + 1 })}</i>
            <span class="step-tit">{t(`participations.status.${s}`)}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}

function channelLabel(t: Translate, ch: string | null): string {
  return ch && (SUBMISSION_CHANNELS as readonly string[]).includes(ch) ? t(`participations.channel.${ch}`) : '—';
}

// ── Business page section (rendered by the business page) ──────────────────────────────────

function programmeGroups(t: Translate, programmes: readonly ProgrammeOption[]): OptionGroup[] {
  const order = ['eligible', 'unknown', 'unreviewed', 'noRule', 'ineligible'] as const;
  return order
    .map((v) => ({
      label: t(`participations.verdict.${v}`),
      options: programmes
        .filter((p) => p.verdict === v)
        .map((p) => ({
          value: String(p.id),
          label: `${p.title}${p.isSample ? ` (${t('demo.badge')})` : ''}${p.periodEnd ? ` · ${t('participations.until', { date: p.periodEnd })}` : ''}`,
        })),
    }))
    .filter((g) => g.options.length > 0);
}

/**
 * 사업 참여 of one business, for the business page: the list, and (when `programmes` is given,
 * i.e. the viewer may write) the "새 참여 만들기" form. Data: `participations.forBusinessPage()`.
 * The business page's own 'view' access record covers what this section shows.
 */
export function ParticipationsSection(props: {
  c: AppContext;
  businessId: string;
  rows: readonly ParticipationListRow[];
  programmes?: { offered: readonly ProgrammeOption[]; others: number };
}) {
  const { c, rows } = props;
  const t = c.var.t;
  return (
    <section class="itda-participations" aria-labelledby="participations-title">
      <h2 class="itda-h2" id="participations-title">
        {t('participations.sectionTitle', { n: rows.length })}
      </h2>
      {rows.length === 0 ? (
        <p>{t('participations.none')}</p>
      ) : (
        <ul class="itda-participation-list">
          {rows.map((r) => (
            <li class="itda-participation-row">
              <p class="itda-participation-title">
                <a href={participationHref(r.id)}>{r.programmeTitle}</a> <StatusBadge status={r.status} t={t} />{' '}
                {r.programmeIsSample && <DemoBadge label={t('demo.badge')} />}
              </p>
              <p class="itda-participation-meta">
                {r.submittedOn && <span>{t('participations.list.submitted', { date: r.submittedOn })}</span>}
                {r.benefitAmount !== null && (
                  <span>
                    {t('participations.list.benefit', { amount: formatWonExact(r.benefitAmount, c.var.locale), date: r.benefitedOn ?? '' })}
                  </span>
                )}
                <span>{t('participations.list.updated', { at: formatDateTime(r.updatedAt, c.var.locale) })}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      {props.programmes && <CompactNewParticipation c={c} businessId={props.businessId} programmes={props.programmes} />}
    </section>
  );
}

/**
 * The business page's "새 참여 만들기": the programmes the business may qualify for, at most
 * COMPACT_PER_VERDICT of each verdict (those closing soonest; listed by title as on the full form),
 * as `participations.forBusinessPage` chose them. The others (자격 없음, no rule, the rest of a long
 * group) are on the full form, one link away.
 */
function CompactNewParticipation(props: { c: AppContext; businessId: string; programmes: { offered: readonly ProgrammeOption[]; others: number } }) {
  const { c } = props;
  const { offered, others } = props.programmes;
  const t = c.var.t;
  const full = `${businessHref(props.businessId)}/participations/new`;
  if (!offered.length && others)
    return (
      <p>
        <a href={full}>{t('participations.new')}</a> — {t('participations.otherProgrammes', { n: others })}
      </p>
    );
  return (
    <>
      <NewParticipationForm c={c} businessId={props.businessId} programmes={offered} prefix="np" compact />
      {others > 0 && (
        <p class="form-hint">
          <a href={full}>{t('participations.otherProgrammes', { n: others })}</a>
        </p>
      )}
    </>
  );
}

function NewParticipationForm(props: {
  c: AppContext;
  businessId: string;
  programmes: readonly ProgrammeOption[];
  prefix: string;
  values?: FormValues;
  errors?: FieldErrors;
  compact?: boolean;
}) {
  const { c, programmes } = props;
  const t = c.var.t;
  if (!programmes.length) return <p class="form-hint">{t('participations.noProgrammes')}</p>;
  return (
    <form method="post" action={`${businessHref(props.businessId)}/participations/new`} class="itda-form" novalidate>
      {props.compact && <h3 class="itda-h3">{t('participations.new')}</h3>}
      <CsrfField token={c.var.csrfToken} />
      <Select
        t={t}
        prefix={props.prefix}
        name="programmeId"
        label={t('participations.programme')}
        hint={t('participations.programmeHint')}
        values={props.values}
        errors={props.errors}
        placeholder={t('common.choose')}
        groups={programmeGroups(t, programmes)}
        required
      />
      {!props.compact && (
        <Textarea
          t={t}
          prefix={props.prefix}
          name="reason"
          label={t('participations.memo')}
          hint={t('participations.memoHint')}
          values={props.values}
          errors={props.errors}
          maxlength={500}
        />
      )}
      <div class="itda-form-actions">
        <Button>{t('participations.create')}</Button>
      </div>
    </form>
  );
}

function NewPage(props: {
  c: AppContext;
  data: Awaited<ReturnType<ParticipationsService['newForm']>>;
  values?: FormValues;
  errors?: FieldErrors;
  message?: string;
}) {
  const { c, data } = props;
  const t = c.var.t;
  const unknown = data.programmes.filter((p) => p.verdict === 'unknown' && p.note);
  return (
    <Layout c={c} title={t('participations.new')}>
      <p>
        <a href={businessHref(data.business.id)}>{t('participations.backToBusiness', { name: data.business.name })}</a>
      </p>
      <PageHeader title={t('participations.new')} lead={t('participations.newLead', { name: data.business.name })}>
        {data.business.isSample && <DemoBadge label={t('demo.badge')} />}
      </PageHeader>
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      <NewParticipationForm
        c={c}
        businessId={data.business.id}
        programmes={data.programmes}
        prefix="f"
        values={props.values}
        errors={props.errors}
      />
      {unknown.length > 0 && (
        <section aria-labelledby="ask-title">
          <h2 class="itda-h2" id="ask-title">
            {t('participations.askTitle')}
          </h2>
          <ul>
            {unknown.map((p) => (
              <li>
                <strong>{p.title}</strong>: {p.note}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}

// ── Detail page ──────────────────────────────────────────────────────────────────────────────

type ActiveForm = { kind: 'transition'; to: string } | { kind: 'upload'; documentType: string };

function fieldFor(props: {
  t: Translate;
  f: TransitionField;
  required: boolean;
  prefix: string;
  values: FormValues;
  errors?: FieldErrors;
  today: string;
  to: ParticipationStatus;
}) {
  const { t, f, prefix, values, errors, today } = props;
  const common = { t, prefix, name: f, values, errors, required: props.required };
  switch (f) {
    case 'submittedOn':
      return (
        <Input {...common} type="date" max={today} label={t('participations.submittedOn')} hint={t('participations.submittedOnHint')} />
      );
    case 'channel':
      return (
        <RadioGroup
          {...common}
          label={t('participations.channel')}
          options={SUBMISSION_CHANNELS.map((ch) => ({ value: ch, label: t(`participations.channel.${ch}`) }))}
        />
      );
    case 'decidedOn':
      return <Input {...common} type="date" max={today} label={t('participations.decidedOn')} hint={t('participations.decidedOnHint')} />;
    case 'amount':
      return (
        <Input {...common} inputmode="numeric" label={t('participations.amount')} hint={t('participations.amountHint')} maxlength={20} />
      );
    case 'benefitedOn':
      return <Input {...common} type="date" max={today} label={t('participations.benefitedOn')} />;
    case 'reason':
      return (
        <Textarea
          {...common}
          label={
            props.required
              ? t(props.to === 'withdrawn' || props.to === 'rejected' ? `participations.reason.${props.to}` : 'participations.reason')
              : t('participations.memo')
          }
          hint={t('participations.reasonHint')}
          maxlength={500}
        />
      );
  }
}

function TransitionForm(props: {
  c: AppContext;
  data: Detail;
  step: Detail['next'][number];
  active?: ActiveForm;
  values?: FormValues;
  errors?: FieldErrors;
  open: boolean;
}) {
  const { c, data, step } = props;
  const t = c.var.t;
  const isActive = props.active?.kind === 'transition' && props.active.to === step.to;
  const prefix = isActive ? 'f' : `t-${step.to}`;
  const today = data.today;
  const values: FormValues = isActive
    ? (props.values ?? {})
    : { submittedOn: today, decidedOn: today, benefitedOn: data.participation.benefitedOn ?? today };
  const fields = [...step.required.map((f) => ({ f, required: true })), ...step.optional.map((f) => ({ f, required: false }))];
  const quiet = step.to === 'withdrawn' || step.to === 'rejected';
  return (
    <details class="itda-action" id={`action-${step.to}`} open={props.open || isActive}>
      <summary>{t(`participations.action.${step.to}`)}</summary>
      <form method="post" action={participationHref(data.participation.id)} class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="to" value={step.to} />
        <input
          type="hidden"
          name="version"
          value={isActive ? valueOf(props.values, 'version') || String(data.participation.version) : String(data.participation.version)}
        />
        <p class="form-hint">{t(`participations.explain.${step.to}`)}</p>
        {fields.map(({ f, required }) =>
          fieldFor({ t, f, required, prefix, values, errors: isActive ? props.errors : undefined, today, to: step.to }),
        )}
        <div class="itda-form-actions">
          <Button variant={quiet ? 'secondary' : 'primary'}>{t(`participations.action.${step.to}`)}</Button>
        </div>
      </form>
    </details>
  );
}

function History(props: { c: AppContext; events: Detail['events'] }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <ol class="itda-timeline">
      {props.events.map((e) => {
        const d: Record<string, unknown> = e.detail ?? {};
        const str = (k: string) => (typeof d[k] === 'string' || typeof d[k] === 'number' ? String(d[k]) : null);
        return (
          <li>
            <p class="itda-timeline-when">
              <time datetime={new Date(e.at).toISOString()}>{formatDateTime(e.at, c.var.locale)}</time> ·{' '}
              {e.actorName ?? t('participations.unknownActor')}
              {e.actorRole && <span class="itda-role"> ({t(`role.${e.actorRole}`)})</span>}
            </p>
            <p class="itda-timeline-what">
              {e.fromStatus ? (
                <>
                  {t(`participations.status.${e.fromStatus}`)} → <strong>{t(`participations.status.${e.toStatus}`)}</strong>
                </>
              ) : (
                <strong>{t('participations.createdAs', { status: t(`participations.status.${e.toStatus}`) })}</strong>
              )}
            </p>
            {(str('submittedOn') || str('decidedOn') || str('amount')) && (
              <p class="itda-timeline-detail">
                {str('submittedOn') &&
                  t('participations.history.submitted', { date: str('submittedOn')!, channel: channelLabel(t, str('channel')) })}
                {str('decidedOn') && t('participations.history.decided', { date: str('decidedOn')! })}
                {str('amount') &&
                  t('participations.history.benefited', {
                    amount: formatWonExact(Number(str('amount')), c.var.locale),
                    date: str('benefitedOn') ?? '',
                  })}
              </p>
            )}
            {e.reason && (
              <p class="itda-timeline-reason">
                {t('participations.why')}: {e.reason}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}

const NOTICES = ['created', 'moved', 'uploaded', 'surveyOffered', 'signedUploaded'] as const;

type SurveyOfParticipation = Awaited<ReturnType<SurveysService['forParticipation']>>;

/**
 * 만족도 조사 of an ended participation (issue 5): offered automatically when it ended; here the
 * clerk sees whether the owner answered, prints the slip with the code for an owner without a
 * mobile phone, or offers it by hand for one that ended before surveys existed.
 */
function SurveySection(props: { c: AppContext; participationId: string; survey: SurveyOfParticipation; canWrite: boolean }) {
  const { c, survey } = props;
  const t = c.var.t;
  if (!survey && !props.canWrite) return null;
  return (
    <section aria-labelledby="survey-title" class="itda-report-section">
      <h2 class="itda-h2" id="survey-title">
        {t('surveys.title')}
      </h2>
      {survey ? (
        <>
          <p>
            <strong>{t(`surveys.state.${survey.state}`)}</strong>
            {' · '}
            {formatDateTime(survey.createdAt, c.var.locale)} {t(`surveys.via.${survey.createdVia}`)}
            {survey.smsQueued ? ` · ${t('surveys.smsQueued')}` : ''}
          </p>
          {survey.state === 'open' && (
            <p>
              {t('surveys.code')}: <strong class="itda-code">{survey.code}</strong>{' '}
              <a href={`/surveys/${survey.id}/slip`}>{t('surveys.printSlip')}</a>
            </p>
          )}
        </>
      ) : (
        <form method="post" action="/surveys/offer" class="itda-inline-form">
          <CsrfField token={c.var.csrfToken} />
          <input type="hidden" name="participationId" value={props.participationId} />
          <input type="hidden" name="returnTo" value={`/participations/${props.participationId}`} />
          <p class="form-hint">{t('surveys.offerHint')}</p>
          <Button variant="secondary">{t('surveys.offer')}</Button>
        </form>
      )}
    </section>
  );
}

function DetailPage(props: {
  c: AppContext;
  data: Detail;
  checklist: ChecklistItem[];
  survey?: SurveyOfParticipation;
  papers?: Child;
  active?: ActiveForm;
  values?: FormValues;
  errors?: FieldErrors;
  message?: string;
}) {
  const { c, data } = props;
  const t = c.var.t;
  const p = data.participation;
  const notice = c.req.query('notice');
  const title = p.programmeTitle;
  return (
    <Layout c={c} title={t('participations.pageTitle', { title, business: p.businessName })}>
      <p class="itda-backlink">
        <a href={businessHref(p.businessId)}>{t('participations.backToBusiness', { name: p.businessName })}</a>
      </p>
      {notice && (NOTICES as readonly string[]).includes(notice) && (
        <Notice kind="success">{t(`participations.notice.${notice}`, { status: t(`participations.status.${p.status}`) })}</Notice>
      )}
      <PageHeader title={title} lead={t('participations.lead', { business: p.businessName })}>
        <p class="itda-meta">
          <StatusBadge status={p.status} t={t} />
          <span class="itda-tag">{t('participations.versionTag', { n: p.programmeVersionNo })}</span>
          {(p.businessIsSample || p.programmeIsSample) && <DemoBadge label={t('demo.badge')} />}
        </p>
      </PageHeader>
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      <Pipeline status={p.status} stoppedAfter={data.events.find((e) => e.toStatus === p.status)?.fromStatus ?? null} t={t} />
      {(p.status === 'rejected' || p.status === 'withdrawn') && <Notice kind="warning">{t(`participations.ended.${p.status}`)}</Notice>}

      <dl class="itda-dl itda-participation-facts">
        <dt>{t('participations.business')}</dt>
        <dd>
          <a href={businessHref(p.businessId)}>{p.businessName}</a>
        </dd>
        <dt>{t('participations.programme')}</dt>
        <dd>
          <a href={`/programmes/${p.programmeId}`}>{p.programmeTitle}</a>
          {p.executingAgency || p.ministry ? ` · ${p.executingAgency ?? p.ministry}` : ''}
          {p.periodEnd ? ` · ${t('participations.until', { date: p.periodEnd })}` : p.periodRaw ? ` · ${p.periodRaw}` : ''}
        </dd>
        <dt>{t('participations.statusLabel')}</dt>
        <dd>{t(`participations.status.${p.status}`)}</dd>
        {p.submittedOn && (
          <>
            <dt>{t('participations.submittedOn')}</dt>
            <dd>
              {p.submittedOn} ({channelLabel(t, p.submissionChannel)})
            </dd>
          </>
        )}
        {p.decidedOn && (
          <>
            <dt>{t('participations.decidedOn')}</dt>
            <dd>{p.decidedOn}</dd>
          </>
        )}
        {p.benefitAmount !== null && (
          <>
            <dt>{t('participations.benefit')}</dt>
            <dd>
              <strong>{formatWonExact(p.benefitAmount, c.var.locale)}</strong> ({p.benefitedOn})
            </dd>
          </>
        )}
        <dt>{t('participations.createdBy')}</dt>
        <dd>
          {p.createdByName ?? '—'} · {formatDateTime(p.createdAt, c.var.locale)}
        </dd>
      </dl>

      {data.next.length > 0 && (
        <section aria-labelledby="next-title">
          <h2 class="itda-h2" id="next-title">
            {t('participations.nextTitle')}
          </h2>
          <div class="itda-actions">
            {data.next.map((step, i) => (
              <TransitionForm
                c={c}
                data={data}
                step={step}
                active={props.active}
                values={props.values}
                errors={props.errors}
                open={!props.active && i === 0}
              />
            ))}
          </div>
        </section>
      )}

      <ChecklistSection
        c={c}
        participationId={p.id}
        items={props.checklist}
        canUpload={data.canWrite}
        today={data.today}
        active={props.active?.kind === 'upload' ? props.active.documentType : undefined}
        values={props.active?.kind === 'upload' ? props.values : undefined}
        errors={props.active?.kind === 'upload' ? props.errors : undefined}
      />

      {props.survey !== undefined && <SurveySection c={c} participationId={p.id} survey={props.survey} canWrite={data.canWrite} />}

      {props.papers}

      <section aria-labelledby="history-title">
        <h2 class="itda-h2" id="history-title">
          {t('participations.historyTitle')}
        </h2>
        <History c={c} events={data.events} />
      </section>
    </Layout>
  );
}

export function participationPages(
  app: Hono<AppEnv>,
  deps: {
    participations: ParticipationsService;
    documents: DocumentsService;
    surveys: SurveysService;
    /** Papers to print for this participation (위임장, 신청 요약: issue 13 §3), from the papers module. */
    papers?: (c: AppContext, participationId: string, businessId: string) => Promise<Child>;
  },
) {
  const { participations, documents, surveys } = deps;

  async function renderDetail(
    c: AppContext,
    id: string,
    extra: { active?: ActiveForm; values?: FormValues; errors?: FieldErrors; message?: string } = {},
    status: 200 | 400 = 200,
  ) {
    const data = await participations.get(c.var.actor, id, requestMeta(c));
    const checklist = await documents.checklist(c.var.actor, id);
    // Only an ended participation (선정·탈락·취소·수혜) has a survey.
    const survey = (ENDED_STATUSES as readonly string[]).includes(data.participation.status)
      ? await surveys.forParticipation(c.var.actor, id)
      : undefined;
    const papers = deps.papers ? await deps.papers(c, id, data.participation.businessId) : undefined;
    return c.html(<DetailPage c={c} data={data} checklist={checklist} survey={survey} papers={papers} {...extra} />, status);
  }

  app.get('/participations/:id', (c) => renderDetail(c, uuidParam(c)));

  // A status change. Same path as the page, so the 409 page's "새로 불러오기" reloads it.
  app.post('/participations/:id', async (c) => {
    const id = uuidParam(c);
    const values = await readForm(c);
    const result = await handleForm(c, () => participations.transition(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok) {
      const to = typeof values.to === 'string' && (PARTICIPATION_STATUSES as readonly string[]).includes(values.to) ? values.to : '';
      return renderDetail(c, id, { active: { kind: 'transition', to }, values, errors: result.errors, message: result.message }, 400);
    }
    return c.redirect(`${participationHref(id)}?notice=moved`, 303);
  });

  // One document with its file for a checklist item (multipart; body limit raised in app.ts).
  app.post('/participations/:id/documents', async (c) => {
    const id = uuidParam(c);
    const body = await c.req.parseBody({ all: true });
    const values = await readForm(c);
    const raw = Array.isArray(body.file) ? body.file[0] : body.file;
    const file = raw instanceof File ? raw : null;
    const result = await handleForm(c, () => documents.upload(c.var.actor, id, values, file, requestMeta(c)));
    const code = typeof values.documentType === 'string' ? values.documentType : '';
    if (!result.ok)
      return renderDetail(
        c,
        id,
        { active: { kind: 'upload', documentType: code }, values, errors: result.errors, message: result.message },
        400,
      );
    return c.redirect(`${participationHref(id)}?notice=uploaded#doc-${encodeURIComponent(code)}`, 303);
  });

  app.get('/businesses/:id/participations/new', async (c) => {
    const data = await participations.newForm(c.var.actor, uuidParam(c), requestMeta(c));
    const pick = c.req.query('programmeId');
    return c.html(<NewPage c={c} data={data} values={pick ? { programmeId: pick } : undefined} />);
  });

  app.post('/businesses/:id/participations/new', async (c) => {
    const businessId = uuidParam(c);
    const values = await readForm(c);
    const result = await handleForm(c, () => participations.create(c.var.actor, businessId, values, requestMeta(c)));
    if (!result.ok) {
      const data = await participations.newForm(c.var.actor, businessId, requestMeta(c));
      return c.html(<NewPage c={c} data={data} values={values} errors={result.errors} message={result.message} />, 400);
    }
    return c.redirect(`${participationHref(result.value.id)}?notice=created`, 303);
  });
}

/**
 * The business page's participation section (BusinessPageExtras['sections'] in app.ts): the list
 * and, for those who may write, the "새 참여 만들기" form.
 */
export function participationSections(participations: ParticipationsService) {
  return async (c: AppContext, businessId: string) => {
    const { rows, programmes } = await participations.forBusinessPage(c.var.actor, businessId);
    return [<ParticipationsSection c={c} businessId={businessId} rows={rows} programmes={programmes} />];
  };
}
