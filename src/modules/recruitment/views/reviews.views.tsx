import { maskName } from '../../../domain/masking.ts';
import { SCORE_MAX } from '../../../domain/recruitment/scoring.ts';
import { Button, CsrfField, ErrorSummary, Facts, Input, Paragraphs, Textarea, valueOf, type FieldErrors, type FormValues } from '../../../web/components/index.ts';
import { type AppContext } from '../../../web/context.ts';
import { Layout, Notice, PageHeader } from '../../../web/layout.tsx';
import type { RecruitmentReviewsService } from '../recruitment.reviews.service.ts';
import { formatDateTime } from '../../../web/format.ts';
import { type AssignmentData, answerText } from './operator.shared.tsx';

/** The reviewers' own pages: their assignments and the scoring form of one. */

export function MyReviewsPage({ c, rows }: { c: AppContext; rows: Awaited<ReturnType<RecruitmentReviewsService['myAssignments']>> }) {
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

export function ReviewPage(props: { c: AppContext; data: AssignmentData; values?: FormValues; errors?: FieldErrors; form?: string }) {
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
              <Input
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
