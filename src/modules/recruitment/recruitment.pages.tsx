import type { Hono } from 'hono';
import { maskName } from '../../domain/masking.ts';
import { defaultCriteria, SCORE_MAX, type Criterion } from '../../domain/recruitment/scoring.ts';
import type { Question, QuestionResult, Screening } from '../../domain/recruitment/screening.ts';
import type { Translate } from '../../i18n/i18n.ts';
import {
  Button,
  Checkbox,
  CsrfField,
  ErrorSummary,
  LinkButton,
  Select,
  TextInput,
  valueOf,
  type FieldErrors,
  type FormValues,
} from '../../web/components/form.tsx';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { DemoBadge, Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { CRITERION_ROWS } from './recruitment.schemas.ts';
import type { DocumentAsk } from './recruitment.core.ts';
import type { RecruitmentReviewsService } from './recruitment.reviews.service.ts';
import type { RecruitmentRoundsService } from './recruitment.rounds.service.ts';
import type { RecruitmentSelectionService } from './recruitment.selection.service.ts';
import { formatDate, formatDateTime, toKstInput } from './recruitment.time.ts';
import { CheckGroup, Facts, Fieldset, Input, Paragraphs, RadioGroup, Textarea } from './views/ui.tsx';

/** Operator pages (운영기관): rounds, applications, screening, reviewers, ranking, selection, hiring; and the reviewers' own pages. */

type RoundData = Awaited<ReturnType<RecruitmentRoundsService['getRound']>>;
type ApplicantData = Awaited<ReturnType<RecruitmentRoundsService['getApplicant']>>;
type RankingData = Awaited<ReturnType<RecruitmentSelectionService['ranking']>>;
type AssignmentData = Awaited<ReturnType<RecruitmentReviewsService['getAssignment']>>;

/** Invalid ids become -1: the service authorizes first, then answers "not found". */
function idParam(c: AppContext, name = 'id'): number {
  const id = Number(c.req.param(name));
  return Number.isInteger(id) && id > 0 ? id : -1;
}

const score = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(2).replace(/\.?0+$/, ''));

function decisionLabel(t: Translate, d: string | null, status: string) {
  if (d) return t(`recruitment.decision.${d}`);
  return t(`recruitment.applicantStatus.${status}`);
}

function eligibleLabel(t: Translate, e: boolean | null) {
  return e === true ? t('recruitment.eligible.yes') : e === false ? t('recruitment.eligible.no') : t('recruitment.eligible.unknown');
}

function RoundsPage({ c, rounds }: { c: AppContext; rounds: Awaited<ReturnType<RecruitmentRoundsService['listRounds']>> }) {
  const t = c.var.t;
  const notice = c.req.query('notice');
  return (
    <Layout c={c} title={t('recruitment.admin.title')}>
      {notice === 'saved' && <Notice kind="success">{t('recruitment.admin.saved')}</Notice>}
      <PageHeader title={t('recruitment.admin.title')} lead={t('recruitment.admin.lead')} />
      <p class="itda-form-actions">
        <LinkButton href="/admin/recruitment/rounds/new" variant="primary">
          {t('recruitment.admin.newRound')}
        </LinkButton>
        <LinkButton href="/review">{t('recruitment.review.mine')}</LinkButton>
        <LinkButton href="/recruit">{t('recruitment.admin.publicPage')}</LinkButton>
      </p>
      <div class="krds-table-wrap">
        <table class="itda-table">
          <caption>{t('recruitment.admin.rounds')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('recruitment.roundTitle')}</th>
              <th scope="col">{t('recruitment.applicationPeriod')}</th>
              <th scope="col">{t('recruitment.phaseLabel')}</th>
              <th scope="col">{t('recruitment.totalPosts')}</th>
              <th scope="col">{t('recruitment.admin.submitted')}</th>
              <th scope="col">{t('recruitment.admin.selection')}</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/recruitment/rounds/${r.id}`}>{r.title}</a> {r.isSample && <DemoBadge label={t('demo.badge')} />}
                  {!r.published && <span class="form-hint"> ({t('recruitment.admin.unpublished')})</span>}
                </th>
                <td>
                  {t('recruitment.period', { from: formatDateTime(r.opensAt, c.var.locale), to: formatDateTime(r.closesAt, c.var.locale) })}
                </td>
                <td>{t(`recruitment.phase.${r.phase}`)}</td>
                <td>{r.posts ?? 0}</td>
                <td>
                  {r.submitted ?? 0} <span class="form-hint">({t('recruitment.admin.drafts', { n: r.drafts ?? 0 })})</span>
                </td>
                <td>{r.selectionDoneAt ? formatDateTime(r.selectionDoneAt, c.var.locale) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

/** Form values of a round (or the defaults of a new one: the 2023 round's shape). */
function roundValues(data: RoundData | null): FormValues {
  if (!data) {
    const v: FormValues = {
      retentionMonths: '12',
      qResidence: 'on',
      qCareer: 'on',
      qCareerMin: '1',
      qCareerBreak: 'on',
      documents: '경력증명서 (필수)\n자격증 사본',
      version: '0',
    };
    defaultCriteria().forEach((cr, i) =>
      Object.assign(v, { [`c${i + 1}_name`]: cr.name, [`c${i + 1}_stage`]: cr.stage, [`c${i + 1}_weight`]: String(cr.weight) }),
    );
    return v;
  }
  const { round, config, quotas } = data;
  const q = (code: string) => config.questions.find((x) => x.code === code);
  const career = q('career');
  const v: FormValues = {
    title: round.title,
    notice: round.notice,
    opensAt: toKstInput(round.opensAt),
    closesAt: toKstInput(round.closesAt),
    activityStart: round.activityStart ?? '',
    activityEnd: round.activityEnd ?? '',
    retentionMonths: String(round.retentionMonths),
    published: round.published ? 'on' : '',
    qResidence: q('residence') ? 'on' : '',
    qCareer: career ? 'on' : '',
    qCareerMin: career?.kind === 'min_years' ? String(career.min) : '1',
    qCareerBreak: q('careerBreak') ? 'on' : '',
    customQuestions: config.questions
      .filter((x) => /^q\d+$/.test(x.code))
      .map((x) => x.text)
      .join('\n'),
    documents: config.documents.map((d: DocumentAsk) => (d.required ? `${d.name} (필수)` : d.name)).join('\n'),
    version: String(round.version),
  };
  config.criteria.forEach((cr: Criterion) =>
    Object.assign(v, { [`${cr.code}_name`]: cr.name, [`${cr.code}_stage`]: cr.stage, [`${cr.code}_weight`]: String(cr.weight) }),
  );
  for (const qu of quotas) v[`quota_${qu.officeId}`] = String(qu.posts);
  return v;
}

function RoundForm(props: {
  c: AppContext;
  id: number | null;
  offices: { id: number; name: string }[];
  values: FormValues;
  errors?: FieldErrors;
  message?: string;
}) {
  const { c, values, errors } = props;
  const t = c.var.t;
  const title = props.id ? t('recruitment.admin.editRound') : t('recruitment.admin.newRound');
  return (
    <Layout c={c} title={title}>
      <PageHeader title={title} lead={t('recruitment.admin.formLead')} />
      <ErrorSummary t={t} errors={errors} message={props.message} />
      <form
        method="post"
        action={props.id ? `/admin/recruitment/rounds/${props.id}/edit` : '/admin/recruitment/rounds/new'}
        class="itda-form"
        novalidate
      >
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="version" value={valueOf(values, 'version') || '0'} />
        <TextInput t={t} name="title" label={t('recruitment.roundTitle')} values={values} errors={errors} required />
        <Textarea
          t={t}
          name="notice"
          label={t('recruitment.noticeText')}
          hint={t('recruitment.admin.noticeHint')}
          values={values}
          errors={errors}
          rows={10}
          required
        />
        <Input
          t={t}
          type="datetime-local"
          name="opensAt"
          label={t('recruitment.opensAt')}
          hint={t('recruitment.kstHint')}
          values={values}
          errors={errors}
          required
        />
        <Input
          t={t}
          type="datetime-local"
          name="closesAt"
          label={t('recruitment.closesAt')}
          hint={t('recruitment.kstHint')}
          values={values}
          errors={errors}
          required
        />
        <Input
          t={t}
          type="date"
          name="activityStart"
          label={t('recruitment.activityStart')}
          hint={t('recruitment.admin.activityHint')}
          values={values}
          errors={errors}
        />
        <Input t={t} type="date" name="activityEnd" label={t('recruitment.activityEnd')} values={values} errors={errors} />
        <Input
          t={t}
          type="number"
          name="retentionMonths"
          label={t('recruitment.retentionMonths')}
          hint={t('recruitment.admin.retentionHint')}
          min="1"
          max="60"
          values={values}
          errors={errors}
          required
        />

        <Fieldset title={t('recruitment.postsByOffice')}>
          <p class="form-hint">{t('recruitment.admin.quotaHint')}</p>
          {props.offices.map((o) => (
            <Input t={t} type="number" name={`quota_${o.id}`} label={o.name} min="0" max="500" values={values} errors={errors} />
          ))}
        </Fieldset>

        <Fieldset title={t('recruitment.eligibility')}>
          <p class="form-hint">{t('recruitment.admin.questionsHint')}</p>
          <Checkbox name="qResidence" label={t('recruitment.question.residence')} checked={values.qResidence === 'on'} />
          <Checkbox name="qCareer" label={t('recruitment.admin.qCareer')} checked={values.qCareer === 'on'} />
          <Input
            t={t}
            type="number"
            name="qCareerMin"
            label={t('recruitment.admin.qCareerMin')}
            min="0"
            max="50"
            step="0.5"
            values={values}
            errors={errors}
          />
          <Checkbox name="qCareerBreak" label={t('recruitment.admin.qCareerBreak')} checked={values.qCareerBreak === 'on'} />
          <Textarea
            t={t}
            name="customQuestions"
            label={t('recruitment.admin.customQuestions')}
            hint={t('recruitment.admin.customQuestionsHint')}
            values={values}
            errors={errors}
            rows={3}
          />
        </Fieldset>

        <Textarea
          t={t}
          name="documents"
          label={t('recruitment.documentsAsked')}
          hint={t('recruitment.admin.documentsHint')}
          values={values}
          errors={errors}
          rows={4}
        />

        <Fieldset title={t('recruitment.criteria')}>
          <p class="form-hint">{t('recruitment.admin.criteriaHint', { max: SCORE_MAX })}</p>
          {Array.from({ length: CRITERION_ROWS }, (_, i) => i + 1).map((i) => (
            <div class="itda-criterion-row">
              <TextInput t={t} name={`c${i}_name`} label={t('recruitment.admin.criterionN', { n: i })} values={values} errors={errors} />
              <Select
                t={t}
                name={`c${i}_stage`}
                label={t('recruitment.stage')}
                values={values}
                errors={errors}
                placeholder={t('common.choose')}
                options={[
                  { value: 'document', label: t('recruitment.stage.document') },
                  { value: 'interview', label: t('recruitment.stage.interview') },
                ]}
              />
              <Input
                t={t}
                type="number"
                name={`c${i}_weight`}
                label={t('recruitment.weight')}
                min="1"
                max="100"
                values={values}
                errors={errors}
              />
            </div>
          ))}
        </Fieldset>
        <Checkbox name="published" label={t('recruitment.admin.published')} checked={values.published === 'on'} />
        <div class="itda-form-actions">
          <Button>{t('common.save')}</Button>
          <LinkButton href={props.id ? `/admin/recruitment/rounds/${props.id}` : '/admin/recruitment'}>{t('common.cancel')}</LinkButton>
        </div>
      </form>
    </Layout>
  );
}

function RoundPage(props: {
  c: AppContext;
  data: RoundData;
  rows: Awaited<ReturnType<RecruitmentRoundsService['listApplicants']>>;
  filters: FormValues;
  errors?: FieldErrors;
  values?: FormValues;
}) {
  const { c, data, rows } = props;
  const t = c.var.t;
  const { round, quotas, config } = data;
  const locale = c.var.locale;
  const notice = c.req.query('notice');
  const n = c.req.query('n');
  return (
    <Layout c={c} title={round.title}>
      {notice === 'saved' && <Notice kind="success">{t('recruitment.admin.saved')}</Notice>}
      {notice === 'assigned' && <Notice kind="success">{t('recruitment.admin.assigned', { n: n ?? '0' })}</Notice>}
      {notice === 'selected' && <Notice kind="success">{t('recruitment.admin.selectedDone')}</Notice>}
      <PageHeader title={round.title} lead={t(`recruitment.phase.${data.phase}`)} />
      <p class="itda-form-actions">
        <LinkButton href={`/admin/recruitment/rounds/${round.id}/edit`}>{t('recruitment.admin.editRound')}</LinkButton>
        <LinkButton href={`/admin/recruitment/rounds/${round.id}/ranking`} variant="primary">
          {t('recruitment.admin.ranking')}
        </LinkButton>
        <LinkButton href={`/recruit/rounds/${round.id}`}>{t('recruitment.admin.publicPage')}</LinkButton>
      </p>
      <Facts
        items={[
          [
            t('recruitment.applicationPeriod'),
            t('recruitment.period', { from: formatDateTime(round.opensAt, locale), to: formatDateTime(round.closesAt, locale) }),
          ],
          [
            t('recruitment.activityPeriod'),
            round.activityStart && round.activityEnd
              ? `${formatDate(round.activityStart, locale)} ~ ${formatDate(round.activityEnd, locale)}`
              : '—',
          ],
          [t('recruitment.postsByOffice'), quotas.map((q) => `${q.officeName} ${t('recruitment.people', { n: q.posts })}`).join(', ')],
          [t('recruitment.criteria'), config.criteria.map((cr) => `${cr.name} ${cr.weight}`).join(' · ')],
          [t('recruitment.admin.published'), round.published ? t('recruitment.yes') : t('recruitment.no')],
        ]}
      />
      <h2 class="itda-h2">{t('recruitment.admin.applicants')}</h2>
      <form method="get" action={`/admin/recruitment/rounds/${round.id}`} class="itda-filters" role="search">
        <TextInput t={t} name="q" label={t('recruitment.admin.search')} values={props.filters} />
        <Select
          t={t}
          name="officeId"
          label={t('recruitment.office')}
          values={props.filters}
          placeholder={t('common.all')}
          options={quotas.map((q) => ({ value: String(q.officeId), label: q.officeName }))}
        />
        <Select
          t={t}
          name="eligible"
          label={t('recruitment.screening')}
          values={props.filters}
          placeholder={t('common.all')}
          options={['yes', 'no', 'unknown'].map((v) => ({ value: v, label: t(`recruitment.eligible.${v}`) }))}
        />
        <Select
          t={t}
          name="decision"
          label={t('recruitment.result')}
          values={props.filters}
          placeholder={t('common.all')}
          options={['selected', 'waiting', 'rejected', 'declined', 'withdrawn'].map((v) => ({
            value: v,
            label: t(`recruitment.decision.${v}`),
          }))}
        />
        <Select
          t={t}
          name="status"
          label={t('recruitment.admin.applicationStatus')}
          values={props.filters}
          placeholder={t('recruitment.admin.notDrafts')}
          options={['submitted', 'draft', 'withdrawn'].map((v) => ({ value: v, label: t(`recruitment.applicantStatus.${v}`) }))}
        />
        <Button variant="secondary">{t('common.filter')}</Button>
      </form>
      <div class="krds-table-wrap">
        <table class="itda-table">
          <caption>{t('recruitment.admin.count', { n: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('recruitment.receiptNo')}</th>
              <th scope="col">{t('recruitment.name')}</th>
              <th scope="col">{t('recruitment.preferredOffice')}</th>
              <th scope="col">{t('recruitment.screening')}</th>
              <th scope="col">{t('recruitment.admin.reviews')}</th>
              <th scope="col">{t('recruitment.result')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/recruitment/applicants/${r.id}`}>{r.receiptNo ?? t('recruitment.applicantStatus.draft')}</a>
                </th>
                <td>{r.name}</td>
                <td>{r.officeName ?? '—'}</td>
                <td>
                  {eligibleLabel(t, r.eligible)}
                  {r.eligible === false && <ScreeningReasons t={t} screening={r.screening as Screening | null} brief />}
                </td>
                <td>{t('recruitment.admin.reviewCount', { scored: r.scored ?? 0, assigned: r.assigned ?? 0 })}</td>
                <td>
                  {decisionLabel(t, r.decision, r.status)}
                  {r.rank !== null && ` (${t('recruitment.rankN', { n: r.rank })})`}
                  {r.clerkUserId && ` · ${t('recruitment.admin.hired')}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!round.selectionDoneAt && (
        <section aria-labelledby="assign-title">
          <h2 id="assign-title" class="itda-h2">
            {t('recruitment.admin.assignTitle')}
          </h2>
          <p class="form-hint">{t('recruitment.admin.assignLead')}</p>
          <ErrorSummary t={t} errors={props.errors} />
          <form method="post" action={`/admin/recruitment/rounds/${round.id}/assign`} class="itda-form" novalidate>
            <CsrfField token={c.var.csrfToken} />
            <RadioGroup
              t={t}
              name="stage"
              label={t('recruitment.stage')}
              values={props.values ?? { stage: 'document' }}
              errors={props.errors}
              options={[
                { value: 'document', label: t('recruitment.stage.document') },
                { value: 'interview', label: t('recruitment.stage.interview') },
              ]}
              required
            />
            <CheckGroup
              t={t}
              name="reviewers"
              label={t('recruitment.admin.reviewers')}
              hint={t('recruitment.admin.reviewersHint')}
              values={props.values}
              errors={props.errors}
              options={data.reviewers.map((r) => ({ value: r.id, label: `${r.displayName} (${r.login})` }))}
            />
            <Select
              t={t}
              name="officeId"
              label={t('recruitment.office')}
              values={props.values}
              errors={props.errors}
              placeholder={t('recruitment.admin.allOffices')}
              options={quotas.map((q) => ({ value: String(q.officeId), label: q.officeName }))}
            />
            <Button variant="secondary">{t('recruitment.admin.assign')}</Button>
          </form>
        </section>
      )}
    </Layout>
  );
}

function ScreeningReasons({ t, screening, brief }: { t: Translate; screening: Screening | null; brief?: boolean }) {
  if (!screening) return null;
  const shown = brief ? screening.results.filter((r) => r.outcome !== 'pass') : screening.results;
  return (
    <ul class={brief ? 'itda-reasons form-hint' : 'itda-reasons'}>
      {shown.map((r: QuestionResult) => (
        <li>
          {t(`recruitment.outcome.${r.outcome}`)}:{' '}
          {r.kind === 'min_years' ? t('recruitment.question.minYears', { text: r.text, min: r.min ?? 0 }) : r.text}
          {!brief &&
            r.answer !== null &&
            ` — ${t('recruitment.answer')}: ${r.answer === 'yes' ? t('recruitment.yes') : r.answer === 'no' ? t('recruitment.no') : r.answer}`}
        </li>
      ))}
    </ul>
  );
}

function answerText(t: Translate, q: Question, v: string | undefined, municipalities?: Map<string, string>): string {
  if (v === undefined) return '—';
  if (q.kind === 'yes') return v === 'yes' ? t('recruitment.yes') : t('recruitment.no');
  if (q.kind === 'residence') return v === 'outside' ? t('recruitment.outsideGyeonggi') : (municipalities?.get(v) ?? v);
  return t('recruitment.years', { n: v });
}

function ApplicantPage(props: { c: AppContext; data: ApplicantData; errors?: FieldErrors; values?: FormValues; form?: string }) {
  const { c, data } = props;
  const t = c.var.t;
  const a = data.applicant;
  const locale = c.var.locale;
  const notice = c.req.query('notice');
  const selectionDone = data.round.selectionDoneAt !== null;
  const errs = (form: string) => (props.form === form ? props.errors : undefined);
  const vals = (form: string) => (props.form === form ? props.values : undefined);
  return (
    <Layout c={c} title={t('recruitment.admin.applicantTitle', { receipt: a.receiptNo ?? t('recruitment.applicantStatus.draft') })}>
      {notice && <Notice kind="success">{t(`recruitment.admin.done.${notice}`)}</Notice>}
      <PageHeader
        title={t('recruitment.admin.applicantTitle', { receipt: a.receiptNo ?? t('recruitment.applicantStatus.draft') })}
        lead={data.round.title}
      />
      <p>
        <a href={`/admin/recruitment/rounds/${data.round.id}`}>{t('recruitment.admin.backToRound')}</a>
      </p>
      <Facts
        items={[
          [t('recruitment.name'), a.name],
          [t('recruitment.contact'), [a.email, a.phone].filter(Boolean).join(' / ')],
          [t('recruitment.preferredOffice'), data.officeName ?? '—'],
          [t('recruitment.submittedAt'), formatDateTime(a.submittedAt, locale)],
          [t('recruitment.screening'), eligibleLabel(t, a.eligible)],
          [
            t('recruitment.result'),
            `${decisionLabel(t, a.decision, a.status)}${a.rank !== null ? ` (${t('recruitment.rankN', { n: a.rank })})` : ''}`,
          ],
          [t('recruitment.interview'), a.interviewAt ? `${formatDateTime(a.interviewAt, locale)} · ${a.interviewPlace ?? ''}` : '—'],
          [t('recruitment.consentRecorded'), `${formatDateTime(a.consentedAt, locale)} (${a.consentVersion})`],
          [t('recruitment.retainUntil'), formatDate(a.retainUntil, locale)],
        ]}
      />
      <h2 class="itda-h2">{t('recruitment.admin.screeningReasons')}</h2>
      <ScreeningReasons t={t} screening={a.screening as Screening | null} />
      {a.screeningOverride !== null && (
        <p class="form-hint">
          {t('recruitment.admin.overridden', {
            by: String((a.screeningOverride as { by?: string }).by ?? ''),
            reason: String((a.screeningOverride as { reason?: string }).reason ?? ''),
          })}
        </p>
      )}
      <h2 class="itda-h2">{t('recruitment.draft.questionsSection')}</h2>
      <Facts items={data.config.questions.map((q): [string, string] => [q.text, answerText(t, q, a.answers[q.code])])} />
      <h2 class="itda-h2">{t('recruitment.careerSummary')}</h2>
      <Paragraphs text={a.careerSummary} />
      <h2 class="itda-h2">{t('recruitment.motivation')}</h2>
      <Paragraphs text={a.motivation} />
      <h2 class="itda-h2">{t('recruitment.draft.documentsSection')}</h2>
      {data.files.length === 0 ? (
        <p>{t('recruitment.draft.noFile')}</p>
      ) : (
        <ul>
          {data.files.map((f) => (
            <li>
              <a href={`/admin/recruitment/files/${f.id}`}>{f.fileName}</a> (
              {data.config.documents.find((d) => d.code === f.documentCode)?.name ?? f.documentCode}, {Math.ceil(f.sizeBytes / 1024)} KB){' '}
              <span class="form-hint">SHA-256 {f.sha256.slice(0, 12)}…</span>
            </li>
          ))}
        </ul>
      )}
      <h2 class="itda-h2">{t('recruitment.admin.reviews')}</h2>
      {data.blind && <Notice kind="info">{t('recruitment.admin.blind')}</Notice>}
      {data.summary && (
        <p>
          {t('recruitment.admin.scoreSummary', {
            document: score(data.summary.document),
            interview: score(data.summary.interview),
            total: score(data.summary.total),
          })}
        </p>
      )}
      <div class="krds-table-wrap">
        <table class="itda-table">
          <caption class="sr-only">{t('recruitment.admin.reviews')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('recruitment.stage')}</th>
              <th scope="col">{t('recruitment.admin.reviewer')}</th>
              <th scope="col">{t('recruitment.admin.reviewStatus')}</th>
              <th scope="col">{t('recruitment.admin.scores')}</th>
            </tr>
          </thead>
          <tbody>
            {data.assignments.map((x) => (
              <tr>
                <td>{t(`recruitment.stage.${x.stage}`)}</td>
                <th scope="row">{x.reviewerName}</th>
                <td>
                  {t(`recruitment.reviewStatus.${x.status}`)}
                  {x.conflictReason && <span class="form-hint"> — {x.conflictReason}</span>}
                </td>
                <td>
                  {x.scores
                    ? data.config.criteria
                        .filter((cr) => cr.stage === x.stage)
                        .map((cr) => `${cr.name} ${(x.scores as Record<string, number>)[cr.code] ?? '—'}`)
                        .join(' · ')
                    : '—'}
                  {x.comment && <p class="form-hint">{x.comment}</p>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {a.status === 'submitted' && !selectionDone && (
        <>
          <section aria-labelledby="override-title">
            <h2 id="override-title" class="itda-h2">
              {t('recruitment.admin.overrideTitle')}
            </h2>
            <ErrorSummary t={t} errors={errs('screening')} />
            <form method="post" action={`/admin/recruitment/applicants/${a.id}/screening`} class="itda-form" novalidate>
              <CsrfField token={c.var.csrfToken} />
              <RadioGroup
                t={t}
                name="eligible"
                label={t('recruitment.screening')}
                values={vals('screening') ?? { eligible: a.eligible === false ? 'no' : 'yes' }}
                errors={errs('screening')}
                options={[
                  { value: 'yes', label: t('recruitment.eligible.yes') },
                  { value: 'no', label: t('recruitment.eligible.no') },
                ]}
                required
              />
              <TextInput
                t={t}
                name="reason"
                label={t('recruitment.reason')}
                values={vals('screening')}
                errors={errs('screening')}
                required
              />
              <Button variant="secondary">{t('recruitment.admin.override')}</Button>
            </form>
          </section>
          {a.eligible === true && (
            <section aria-labelledby="interview-title">
              <h2 id="interview-title" class="itda-h2">
                {t('recruitment.admin.interviewTitle')}
              </h2>
              <ErrorSummary t={t} errors={errs('interview')} />
              <form method="post" action={`/admin/recruitment/applicants/${a.id}/interview`} class="itda-form" novalidate>
                <CsrfField token={c.var.csrfToken} />
                <Input
                  t={t}
                  type="datetime-local"
                  name="at"
                  label={t('recruitment.admin.interviewAt')}
                  hint={t('recruitment.kstHint')}
                  values={vals('interview') ?? { at: toKstInput(a.interviewAt) }}
                  errors={errs('interview')}
                  required
                />
                <TextInput
                  t={t}
                  name="place"
                  label={t('recruitment.admin.interviewPlace')}
                  values={vals('interview') ?? { place: a.interviewPlace ?? '' }}
                  errors={errs('interview')}
                  required
                />
                <Button variant="secondary">{t('recruitment.admin.scheduleInterview')}</Button>
              </form>
            </section>
          )}
        </>
      )}
      {a.decision === 'selected' && !a.clerkUserId && (
        <section aria-labelledby="hire-title">
          <h2 id="hire-title" class="itda-h2">
            {t('recruitment.admin.hireTitle')}
          </h2>
          <p>{t('recruitment.admin.hireLead', { login: `clerk-${(a.receiptNo ?? '').toLowerCase()}`, office: data.officeName ?? '—' })}</p>
          <form method="post" action={`/admin/recruitment/applicants/${a.id}/hire`}>
            <CsrfField token={c.var.csrfToken} />
            <Button>{t('recruitment.admin.hire')}</Button>
          </form>
        </section>
      )}
      {a.clerkUserId && (
        <p>
          <a href={`/admin/users/${a.clerkUserId}`}>{t('recruitment.admin.clerkAccount')}</a>
        </p>
      )}
      {a.status === 'submitted' && !a.clerkUserId && (a.decision === null || a.decision === 'selected' || a.decision === 'waiting') && (
        <section aria-labelledby="withdraw-title">
          <h2 id="withdraw-title" class="itda-h2">
            {a.decision ? t('recruitment.admin.declineTitle') : t('recruitment.admin.withdrawTitle')}
          </h2>
          <p class="form-hint">{a.decision ? t('recruitment.admin.declineLead') : t('recruitment.admin.withdrawLead')}</p>
          <ErrorSummary t={t} errors={errs('withdraw')} />
          <form
            method="post"
            action={`/admin/recruitment/applicants/${a.id}/${a.decision ? 'decline' : 'withdraw'}`}
            class="itda-form"
            novalidate
          >
            <CsrfField token={c.var.csrfToken} />
            <TextInput t={t} name="reason" label={t('recruitment.reason')} values={vals('withdraw')} errors={errs('withdraw')} required />
            <Button variant="secondary">{a.decision ? t('recruitment.admin.decline') : t('recruitment.admin.withdraw')}</Button>
          </form>
        </section>
      )}
      <h2 class="itda-h2">{t('recruitment.admin.history')}</h2>
      <div class="krds-table-wrap">
        <table class="itda-table">
          <caption class="sr-only">{t('recruitment.admin.history')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('recruitment.admin.when')}</th>
              <th scope="col">{t('recruitment.admin.what')}</th>
              <th scope="col">{t('recruitment.admin.who')}</th>
              <th scope="col">{t('recruitment.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {data.events.map((e) => (
              <tr>
                <td>{formatDateTime(e.at, locale)}</td>
                <th scope="row">{t(`recruitment.event.${e.action}`)}</th>
                <td>{e.actorLogin === 'applicant' ? t('recruitment.admin.theApplicant') : (e.actorLogin ?? '—')}</td>
                <td>{e.reason ? (/^[a-z]+\.[A-Za-z.]+$/.test(e.reason) ? t(e.reason) : e.reason) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

function RankingPage({ c, data, error }: { c: AppContext; data: RankingData; error?: string }) {
  const t = c.var.t;
  const done = data.round.selectionDoneAt !== null;
  return (
    <Layout c={c} title={t('recruitment.admin.rankingTitle', { round: data.round.title })}>
      <PageHeader title={t('recruitment.admin.rankingTitle', { round: data.round.title })} lead={t('recruitment.admin.rankingLead')} />
      {error && (
        <Notice kind="danger" role="alert">
          {error}
        </Notice>
      )}
      <p>
        <a href={`/admin/recruitment/rounds/${data.round.id}`}>{t('recruitment.admin.backToRound')}</a>
      </p>
      <h2 class="itda-h2">{t('recruitment.admin.tieRuleTitle')}</h2>
      <ol>
        {data.tieRule.map((r) => (
          <li>{t(`recruitment.tie.${r}`)}</li>
        ))}
      </ol>
      {data.unscored.length > 0 && (
        <Notice kind="warning">
          {t('recruitment.admin.unscored', { n: data.unscored.length })} {data.unscored.map((u) => u.receiptNo).join(', ')}
        </Notice>
      )}
      {data.offices.map((o) => (
        <section aria-labelledby={`office-${o.officeId}`}>
          <h2 class="itda-h2" id={`office-${o.officeId}`}>
            {t('recruitment.admin.officeRanking', { office: o.officeName, quota: o.quota })}
          </h2>
          <div class="krds-table-wrap">
            <table class="itda-table">
              <caption class="sr-only">{o.officeName}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('recruitment.rank')}</th>
                  <th scope="col">{t('recruitment.receiptNo')}</th>
                  <th scope="col">{t('recruitment.name')}</th>
                  <th scope="col">{t('recruitment.stage.document')}</th>
                  <th scope="col">{t('recruitment.stage.interview')}</th>
                  <th scope="col">{t('recruitment.total')}</th>
                  <th scope="col">{t('recruitment.result')}</th>
                </tr>
              </thead>
              <tbody>
                {[...o.selected.map((x) => [x, 'selected'] as const), ...o.waiting.map((x) => [x, 'waiting'] as const)].map(
                  ([x, kind], i) => (
                    <tr>
                      <td>{i + 1}</td>
                      <th scope="row">
                        <a href={`/admin/recruitment/applicants/${x.id}`}>{x.receiptNo}</a>
                      </th>
                      <td>{x.name}</td>
                      <td>{score(x.document)}</td>
                      <td>{score(x.interview)}</td>
                      <td>{score(x.total)}</td>
                      <td>{t(done ? `recruitment.decision.${kind}` : `recruitment.admin.would.${kind}`)}</td>
                    </tr>
                  ),
                )}
                {o.notRanked.map((x) => (
                  <tr>
                    <td>—</td>
                    <th scope="row">
                      <a href={`/admin/recruitment/applicants/${x.id}`}>{x.receiptNo}</a>
                    </th>
                    <td>{x.name}</td>
                    <td>{score(x.document)}</td>
                    <td>{score(x.interview)}</td>
                    <td>{score(x.total)}</td>
                    <td>{x.eligible ? t('recruitment.admin.notScored') : t('recruitment.eligible.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      {done ? (
        <Notice kind="info">
          {t('recruitment.admin.selectionDone', { at: formatDateTime(data.round.selectionDoneAt, c.var.locale) })}
        </Notice>
      ) : data.phase !== 'closed' ? (
        <Notice kind="info">{t('recruitment.selectBeforeClose')}</Notice>
      ) : (
        <form method="post" action={`/admin/recruitment/rounds/${data.round.id}/select`}>
          <CsrfField token={c.var.csrfToken} />
          <p>{t('recruitment.admin.selectLead')}</p>
          <Button>{t('recruitment.admin.select')}</Button>
        </form>
      )}
    </Layout>
  );
}

function SecretPage(props: { c: AppContext; login: string; secret: string; back: string }) {
  const { c } = props;
  const t = c.var.t;
  c.header('Cache-Control', 'no-store');
  return (
    <Layout c={c} title={t('recruitment.admin.hiredTitle', { login: props.login })}>
      <PageHeader title={t('recruitment.admin.hiredTitle', { login: props.login })} />
      <Notice kind="success">{t('users.createdLead')}</Notice>
      <Facts
        items={[
          [t('users.login'), <code id="login">{props.login}</code>],
          [
            t('recruitment.admin.oneTimePassword'),
            <span class="itda-secret" id="secret">
              {props.secret}
            </span>,
          ],
        ]}
      />
      <p class="form-hint">{t('secret.onceHint')}</p>
      <p>
        <LinkButton href={props.back} variant="primary">
          {t('common.continue')}
        </LinkButton>
      </p>
    </Layout>
  );
}

// ── reviewers ──

function MyReviewsPage({ c, rows }: { c: AppContext; rows: Awaited<ReturnType<RecruitmentReviewsService['myAssignments']>> }) {
  const t = c.var.t;
  const notice = c.req.query('notice');
  return (
    <Layout c={c} title={t('recruitment.review.mine')}>
      {notice === 'scored' && <Notice kind="success">{t('recruitment.review.scoredNotice')}</Notice>}
      {notice === 'conflict' && <Notice kind="success">{t('recruitment.review.conflictNotice')}</Notice>}
      <PageHeader title={t('recruitment.review.mine')} lead={t('recruitment.review.lead')} />
      <div class="krds-table-wrap">
        <table class="itda-table">
          <caption>{t('recruitment.admin.count', { n: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('recruitment.receiptNo')}</th>
              <th scope="col">{t('recruitment.name')}</th>
              <th scope="col">{t('recruitment.roundTitle')}</th>
              <th scope="col">{t('recruitment.stage')}</th>
              <th scope="col">{t('recruitment.admin.reviewStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/review/${r.id}`}>{r.receiptNo}</a>
                </th>
                <td>{maskName(r.name)}</td>
                <td>{r.roundTitle}</td>
                <td>{t(`recruitment.stage.${r.stage}`)}</td>
                <td>{t(`recruitment.reviewStatus.${r.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

function ReviewPage(props: { c: AppContext; data: AssignmentData; values?: FormValues; errors?: FieldErrors; form?: string }) {
  const { c, data } = props;
  const t = c.var.t;
  const a = data.applicant;
  const asg = data.assignment;
  const initial: FormValues = { version: String(asg.version), comment: asg.comment ?? '' };
  for (const cr of data.criteria) initial[`s_${cr.code}`] = asg.scores ? String(asg.scores[cr.code] ?? '') : '';
  const values = props.form === 'score' ? { ...props.values, version: String(asg.version) } : initial;
  const errs = (form: string) => (props.form === form ? props.errors : undefined);
  return (
    <Layout c={c} title={t('recruitment.review.title', { receipt: a.receiptNo ?? '' })}>
      <PageHeader
        title={t('recruitment.review.title', { receipt: a.receiptNo ?? '' })}
        lead={`${data.round.title} · ${t(`recruitment.stage.${asg.stage}`)}`}
      />
      <p>
        <a href="/review">{t('recruitment.review.back')}</a>
      </p>
      <Facts
        items={[
          [t('recruitment.name'), a.name],
          [t('recruitment.preferredOffice'), data.officeName ?? '—'],
          ...(asg.stage === 'interview'
            ? ([
                [
                  t('recruitment.interview'),
                  a.interviewAt ? `${formatDateTime(a.interviewAt, c.var.locale)} · ${a.interviewPlace ?? ''}` : '—',
                ],
              ] as [string, string][])
            : []),
        ]}
      />
      <h2 class="itda-h2">{t('recruitment.draft.questionsSection')}</h2>
      <Facts items={data.config.questions.map((q): [string, string] => [q.text, answerText(t, q, a.answers[q.code])])} />
      <h2 class="itda-h2">{t('recruitment.careerSummary')}</h2>
      <Paragraphs text={a.careerSummary} />
      <h2 class="itda-h2">{t('recruitment.motivation')}</h2>
      <Paragraphs text={a.motivation} />
      <h2 class="itda-h2">{t('recruitment.draft.documentsSection')}</h2>
      <ul>
        {data.files.map((f) => (
          <li>
            <a href={`/review/${asg.id}/files/${f.id}`}>{f.fileName}</a>
          </li>
        ))}
      </ul>
      <h2 class="itda-h2">{t('recruitment.review.scoreTitle')}</h2>
      {data.locked ? (
        <Notice kind="info">{t('recruitment.alreadySelected')}</Notice>
      ) : (
        <>
          <ErrorSummary t={t} errors={errs('score')} />
          <form method="post" action={`/review/${asg.id}`} class="itda-form" novalidate>
            <CsrfField token={c.var.csrfToken} />
            <input type="hidden" name="version" value={valueOf(values, 'version')} />
            <p class="form-hint">{t('recruitment.review.scaleHint', { max: SCORE_MAX })}</p>
            {data.criteria.map((cr) => (
              <Input
                t={t}
                type="number"
                name={`s_${cr.code}`}
                label={t('recruitment.review.criterionLabel', { name: cr.name, weight: cr.weight })}
                min="0"
                max={String(SCORE_MAX)}
                step="0.5"
                inputmode="decimal"
                values={values}
                errors={errs('score')}
                required
              />
            ))}
            <Textarea t={t} name="comment" label={t('recruitment.review.comment')} values={values} errors={errs('score')} rows={3} />
            <Button>{t('recruitment.review.save')}</Button>
          </form>
          <section aria-labelledby="conflict-title">
            <h2 id="conflict-title" class="itda-h2">
              {t('recruitment.review.conflictTitle')}
            </h2>
            <p>{t('recruitment.review.conflictLead')}</p>
            <ErrorSummary t={t} errors={errs('conflict')} />
            <form method="post" action={`/review/${asg.id}/conflict`} class="itda-form" novalidate>
              <CsrfField token={c.var.csrfToken} />
              <TextInput
                t={t}
                name="reason"
                label={t('recruitment.review.conflictReason')}
                values={props.form === 'conflict' ? props.values : undefined}
                errors={errs('conflict')}
                required
              />
              <Button variant="secondary">{t('recruitment.review.declare')}</Button>
            </form>
          </section>
        </>
      )}
    </Layout>
  );
}

function fileResponse(c: AppContext, file: { content: Buffer; mediaType: string; fileName: string }) {
  c.header('Content-Type', file.mediaType);
  c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  c.header('Cache-Control', 'no-store');
  return c.body(new Uint8Array(file.content));
}

export function recruitmentPages(
  app: Hono<AppEnv>,
  deps: { rounds: RecruitmentRoundsService; selection: RecruitmentSelectionService; reviews: RecruitmentReviewsService },
) {
  const { rounds, selection, reviews } = deps;

  app.get('/admin/recruitment', async (c) => c.html(<RoundsPage c={c} rounds={await rounds.listRounds(c.var.actor)} />));

  app.get('/admin/recruitment/rounds/new', async (c) => {
    const { offices } = await rounds.roundFormOptions(c.var.actor);
    return c.html(<RoundForm c={c} id={null} offices={offices} values={roundValues(null)} />);
  });

  app.post('/admin/recruitment/rounds/new', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => rounds.saveRound(c.var.actor, null, values, requestMeta(c)));
    if (!result.ok) {
      const { offices } = await rounds.roundFormOptions(c.var.actor);
      return c.html(<RoundForm c={c} id={null} offices={offices} values={values} errors={result.errors} message={result.message} />, 400);
    }
    return c.redirect(`/admin/recruitment/rounds/${result.value}?notice=saved`, 303);
  });

  app.get('/admin/recruitment/rounds/:id', async (c) => {
    const id = idParam(c);
    const data = await rounds.getRound(c.var.actor, id);
    const q = c.req.query();
    const rows = await rounds.listApplicants(c.var.actor, id, { ...q, officeId: Number(q.officeId) || undefined }, requestMeta(c));
    return c.html(<RoundPage c={c} data={data} rows={rows} filters={q} />);
  });

  app.get('/admin/recruitment/rounds/:id/edit', async (c) => {
    const data = await rounds.getRound(c.var.actor, idParam(c));
    return c.html(<RoundForm c={c} id={data.round.id} offices={data.offices} values={roundValues(data)} />);
  });

  app.post('/admin/recruitment/rounds/:id/edit', async (c) => {
    const id = idParam(c);
    const data = await rounds.getRound(c.var.actor, id);
    const values = await readForm(c);
    const result = await handleForm(c, () => rounds.saveRound(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok)
      return c.html(
        <RoundForm c={c} id={id} offices={data.offices} values={values} errors={result.errors} message={result.message} />,
        400,
      );
    return c.redirect(`/admin/recruitment/rounds/${id}?notice=saved`, 303);
  });

  app.post('/admin/recruitment/rounds/:id/assign', async (c) => {
    const id = idParam(c);
    const data = await rounds.getRound(c.var.actor, id);
    const values = await readForm(c);
    const result = await handleForm(c, () => rounds.assignReviewers(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok) {
      const rows = await rounds.listApplicants(c.var.actor, id, {}, requestMeta(c));
      return c.html(<RoundPage c={c} data={data} rows={rows} filters={{}} values={values} errors={result.errors} />, 400);
    }
    return c.redirect(`/admin/recruitment/rounds/${id}?notice=assigned&n=${result.value.created}`, 303);
  });

  app.get('/admin/recruitment/rounds/:id/ranking', async (c) =>
    c.html(<RankingPage c={c} data={await selection.ranking(c.var.actor, idParam(c), requestMeta(c))} />),
  );

  app.post('/admin/recruitment/rounds/:id/select', async (c) => {
    const id = idParam(c);
    await selection.select(c.var.actor, id, requestMeta(c));
    return c.redirect(`/admin/recruitment/rounds/${id}?notice=selected`, 303);
  });

  app.get('/admin/recruitment/applicants/:id', async (c) =>
    c.html(<ApplicantPage c={c} data={await rounds.getApplicant(c.var.actor, idParam(c), requestMeta(c))} />),
  );

  const applicantAction = (
    path: string,
    form: string,
    notice: string,
    run: (c: AppContext, id: number, values: FormValues) => Promise<unknown>,
  ) => {
    app.post(`/admin/recruitment/applicants/:id/${path}`, async (c) => {
      const id = idParam(c);
      const values = await readForm(c);
      const result = await handleForm(c, () => run(c, id, values));
      if (!result.ok)
        return c.html(
          <ApplicantPage
            c={c}
            data={await rounds.getApplicant(c.var.actor, id, requestMeta(c))}
            values={values}
            errors={result.errors}
            form={form}
          />,
          400,
        );
      return c.redirect(`/admin/recruitment/applicants/${id}?notice=${notice}`, 303);
    });
  };
  applicantAction('screening', 'screening', 'screening', (c, id, v) => selection.overrideScreening(c.var.actor, id, v, requestMeta(c)));
  applicantAction('interview', 'interview', 'interview', (c, id, v) => selection.scheduleInterview(c.var.actor, id, v, requestMeta(c)));
  applicantAction('decline', 'withdraw', 'declined', (c, id, v) => selection.decline(c.var.actor, id, v, requestMeta(c)));
  applicantAction('withdraw', 'withdraw', 'withdrawn', (c, id, v) => selection.withdraw(c.var.actor, id, v, requestMeta(c)));

  app.post('/admin/recruitment/applicants/:id/hire', async (c) => {
    const id = idParam(c);
    const { user, oneTimePassword } = await selection.hire(c.var.actor, id, requestMeta(c));
    return c.html(
      <SecretPage c={c} login={user.login} secret={oneTimePassword} back={`/admin/recruitment/applicants/${id}?notice=hired`} />,
      201,
    );
  });

  app.get('/admin/recruitment/files/:id', async (c) => fileResponse(c, await rounds.downloadFile(c.var.actor, idParam(c), requestMeta(c))));

  app.get('/review', async (c) => c.html(<MyReviewsPage c={c} rows={await reviews.myAssignments(c.var.actor)} />));

  app.get('/review/:id', async (c) =>
    c.html(<ReviewPage c={c} data={await reviews.getAssignment(c.var.actor, idParam(c), requestMeta(c))} />),
  );

  app.post('/review/:id', async (c) => {
    const id = idParam(c);
    const values = await readForm(c);
    const result = await handleForm(c, () => reviews.score(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok)
      return c.html(
        <ReviewPage
          c={c}
          data={await reviews.getAssignment(c.var.actor, id, requestMeta(c))}
          values={values}
          errors={result.errors}
          form="score"
        />,
        400,
      );
    return c.redirect('/review?notice=scored', 303);
  });

  app.post('/review/:id/conflict', async (c) => {
    const id = idParam(c);
    const values = await readForm(c);
    const result = await handleForm(c, () => reviews.declareConflict(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok)
      return c.html(
        <ReviewPage
          c={c}
          data={await reviews.getAssignment(c.var.actor, id, requestMeta(c))}
          values={values}
          errors={result.errors}
          form="conflict"
        />,
        400,
      );
    return c.redirect('/review?notice=conflict', 303);
  });

  app.get('/review/:id/files/:fileId', async (c) =>
    fileResponse(c, await reviews.downloadFile(c.var.actor, idParam(c), idParam(c, 'fileId'), requestMeta(c))),
  );
}
