import { defaultCriteria, SCORE_MAX, type Criterion } from '../../../domain/recruitment/scoring.ts';
import { Button, Checkbox, CsrfField, ErrorSummary, Fieldset, Input, LinkButton, Select, Textarea, valueOf, type FieldErrors, type FormValues } from '../../../web/components/index.ts';
import { type AppContext } from '../../../web/context.ts';
import { DemoBadge, Layout, Notice, PageHeader } from '../../../web/layout.tsx';
import { CRITERION_ROWS } from '../recruitment.schemas.ts';
import type { DocumentAsk } from '../recruitment.core.ts';
import type { RecruitmentRoundsService } from '../recruitment.rounds.service.ts';
import { kstDateTimeLocal } from '../../../domain/korean-time.ts';
import { formatDateTime } from '../../../web/format.ts';
import { type RoundData } from './operator.shared.tsx';

/** The operator's list of rounds and the round form (notice, questions, documents, criteria, quotas). */

export function RoundsPage({ c, rounds }: { c: AppContext; rounds: Awaited<ReturnType<RecruitmentRoundsService['listRounds']>> }) {
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
export function roundValues(data: RoundData | null): FormValues {
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
    opensAt: kstDateTimeLocal(round.opensAt),
    closesAt: kstDateTimeLocal(round.closesAt),
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

export function RoundForm(props: {
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
        <Input t={t} name="title" label={t('recruitment.roundTitle')} values={values} errors={errors} required />
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
              <Input t={t} name={`c${i}_name`} label={t('recruitment.admin.criterionN', { n: i })} values={values} errors={errors} />
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
