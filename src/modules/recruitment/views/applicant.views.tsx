import type { Screening } from '../../../domain/recruitment/screening.ts';
import { Button, CsrfField, ErrorSummary, Facts, Input, LinkButton, Paragraphs, RadioGroup, type FieldErrors, type FormValues } from '../../../web/components/index.ts';
import { type AppContext } from '../../../web/context.ts';
import { Layout, Notice, PageHeader } from '../../../web/layout.tsx';
import { kstDateTimeLocal } from '../../../domain/korean-time.ts';
import { formatDate, formatDateTime } from '../../../web/format.ts';
import { type ApplicantData, score, decisionLabel, eligibleLabel, ScreeningReasons, answerText } from './operator.shared.tsx';

/** One application for the operator (screening, interview, decline, withdrawal, hiring) and the one-time password page. */

export function ApplicantPage(props: { c: AppContext; data: ApplicantData; errors?: FieldErrors; values?: FormValues; form?: string }) {
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
              <Input
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
                  values={vals('interview') ?? { at: kstDateTimeLocal(a.interviewAt) }}
                  errors={errs('interview')}
                  required
                />
                <Input
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
            <Input t={t} name="reason" label={t('recruitment.reason')} values={vals('withdraw')} errors={errs('withdraw')} required />
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

export function SecretPage(props: { c: AppContext; login: string; secret: string; back: string }) {
  const { c } = props;
  const t = c.var.t;
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
