import { type Question } from '../../../domain/recruitment/screening.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { Button, CsrfField, ErrorSummary, Facts, Input, LinkButton, Paragraphs, Steps, type FieldErrors, type FormValues } from '../../../web/components/index.ts';
import { type AppContext } from '../../../web/context.ts';
import { DemoBadge, Layout, Notice, PageHeader } from '../../../web/layout.tsx';
import type { RecruitmentApplicantService } from '../recruitment.applicant.service.ts';
import { COLLECTED_ITEMS } from '../recruitment.core.ts';
import { addMonthsClamped } from '../../../domain/eligibility/eligibility.dates.ts';
import { kstDate } from '../../../domain/korean-time.ts';
import { formatDate, formatDateTime } from '../../../web/format.ts';

/** The public recruitment pages before an application exists: the open rounds, a round's notice, consent and start, and resuming with the code. */

export type PublicRound = Awaited<ReturnType<RecruitmentApplicantService['publicRound']>>;

export function PhaseBadge({ phase, t }: { phase: 'before' | 'open' | 'closed'; t: Translate }) {
  return <span class={`krds-badge itda-phase itda-phase-${phase}`}>{t(`recruitment.phase.${phase}`)}</span>;
}

export function RoundsPage({ c, rounds }: { c: AppContext; rounds: Awaited<ReturnType<RecruitmentApplicantService['publicRounds']>> }) {
  const t = c.var.t;
  const notice = c.req.query('notice');
  return (
    <Layout c={c} title={t('recruitment.public.title')}>
      {notice === 'left' && <Notice kind="info">{t('recruitment.public.left')}</Notice>}
      <PageHeader title={t('recruitment.public.title')} lead={t('recruitment.public.lead')} />
      {rounds.length === 0 ? (
        <p>{t('recruitment.public.none')}</p>
      ) : (
        <ul class="itda-card-grid">
          {rounds.map((r) => (
            <li class="itda-card">
              <h2>
                <a href={`/recruit/rounds/${r.id}`}>{r.title}</a>
              </h2>
              <p>
                <PhaseBadge phase={r.phase} t={t} /> {r.isSample && <DemoBadge label={t('demo.badge')} />}
              </p>
              <p>
                {t('recruitment.period', { from: formatDateTime(r.opensAt, c.var.locale), to: formatDateTime(r.closesAt, c.var.locale) })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <h2 class="itda-h2">{t('recruitment.public.already')}</h2>
      <p>{t('recruitment.public.alreadyLead')}</p>
      <p>
        <LinkButton href="/recruit/resume">{t('recruitment.resume.title')}</LinkButton>
      </p>
    </Layout>
  );
}

export function QuestionList({ questions, t }: { questions: Question[]; t: Translate }) {
  return (
    <ul>
      {questions.map((q) => (
        <li>
          {q.kind === 'min_years'
            ? t('recruitment.question.minYears', { text: q.text, min: q.min })
            : q.kind === 'residence'
              ? t('recruitment.question.residence')
              : q.text}
        </li>
      ))}
    </ul>
  );
}

export function NoticePage({ c, data }: { c: AppContext; data: PublicRound }) {
  const t = c.var.t;
  const { round, config, quotas, phase } = data;
  const locale = c.var.locale;
  return (
    <Layout c={c} title={round.title}>
      <PageHeader title={round.title}>
        <p>
          <PhaseBadge phase={phase} t={t} /> {round.isSample && <DemoBadge label={t('demo.badge')} />}
        </p>
      </PageHeader>
      {phase === 'open' ? (
        <p>
          <LinkButton href={`/recruit/rounds/${round.id}/apply`} variant="primary">
            {t('recruitment.apply.startButton')}
          </LinkButton>
        </p>
      ) : (
        <Notice kind="warning">
          {t(phase === 'before' ? 'recruitment.public.notYet' : 'recruitment.public.closed', {
            from: formatDateTime(round.opensAt, locale),
            to: formatDateTime(round.closesAt, locale),
          })}
        </Notice>
      )}
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
          [t('recruitment.totalPosts'), t('recruitment.people', { n: quotas.reduce((s, q) => s + q.posts, 0) })],
        ]}
      />
      <h2 class="itda-h2">{t('recruitment.noticeText')}</h2>
      <Paragraphs text={round.notice} />
      <h2 class="itda-h2">{t('recruitment.postsByOffice')}</h2>
      <div class="krds-table-wrap">
        <table class="itda-table">
          <caption class="sr-only">{t('recruitment.postsByOffice')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('recruitment.office')}</th>
              <th scope="col">{t('recruitment.posts')}</th>
            </tr>
          </thead>
          <tbody>
            {quotas.map((q) => (
              <tr>
                <th scope="row">{q.officeName}</th>
                <td>{t('recruitment.people', { n: q.posts })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 class="itda-h2">{t('recruitment.eligibility')}</h2>
      <QuestionList questions={config.questions} t={t} />
      <h2 class="itda-h2">{t('recruitment.documentsAsked')}</h2>
      {config.documents.length ? (
        <ul>
          {config.documents.map((d) => (
            <li>
              {d.name} {d.required ? `(${t('form.required')})` : `(${t('recruitment.optional')})`}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('recruitment.noDocuments')}</p>
      )}
      <p class="form-hint">{t('recruitment.fileRule')}</p>
      <h2 class="itda-h2">{t('recruitment.criteria')}</h2>
      <div class="krds-table-wrap">
        <table class="itda-table">
          <caption class="sr-only">{t('recruitment.criteria')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('recruitment.stage')}</th>
              <th scope="col">{t('recruitment.criterion')}</th>
              <th scope="col">{t('recruitment.weight')}</th>
            </tr>
          </thead>
          <tbody>
            {config.criteria.map((cr) => (
              <tr>
                <td>{t(`recruitment.stage.${cr.stage}`)}</td>
                <th scope="row">{cr.name}</th>
                <td>{t('recruitment.points', { n: cr.weight })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href="/recruit/resume">{t('recruitment.public.alreadyLink')}</a>
      </p>
    </Layout>
  );
}

/** Consent (개인정보 보호법 §15 ②): purpose, items, retention period, the right to refuse and its effect. */
export function ConsentBox({ c, data }: { c: AppContext; data: PublicRound }) {
  const t = c.var.t;
  const retainUntil = addMonthsClamped(kstDate(data.round.closesAt), data.round.retentionMonths);
  return (
    <section class="itda-consent" aria-labelledby="consent-title">
      <h2 id="consent-title" class="itda-h2">
        {t('recruitment.consent.title')}
      </h2>
      <Facts
        items={[
          [t('recruitment.consent.purpose'), t('recruitment.consent.purposeText')],
          [t('recruitment.consent.items'), COLLECTED_ITEMS.map((i) => t(`recruitment.consent.item.${i}`)).join(', ')],
          [
            t('recruitment.consent.retention'),
            t('recruitment.consent.retentionText', { months: data.round.retentionMonths, until: formatDate(retainUntil, c.var.locale) }),
          ],
          [t('recruitment.consent.refuse'), t('recruitment.consent.refuseText')],
        ]}
      />
      <p class="form-hint">{t('recruitment.consent.noRrn')}</p>
    </section>
  );
}

export function StartPage(props: { c: AppContext; data: PublicRound; values: FormValues; errors?: FieldErrors; message?: string }) {
  const { c, data } = props;
  const t = c.var.t;
  const steps = [t('recruitment.steps.start'), t('recruitment.steps.write'), t('recruitment.steps.submit')];
  return (
    <Layout c={c} title={t('recruitment.apply.title', { round: data.round.title })}>
      <PageHeader title={t('recruitment.apply.title', { round: data.round.title })} lead={t('recruitment.apply.lead')} />
      <Steps steps={steps} current={0} t={t} />
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      {data.phase !== 'open' ? (
        <Notice kind="warning">
          {t(data.phase === 'before' ? 'recruitment.public.notYet' : 'recruitment.public.closed', {
            from: formatDateTime(data.round.opensAt, c.var.locale),
            to: formatDateTime(data.round.closesAt, c.var.locale),
          })}
        </Notice>
      ) : (
        <form method="post" action={`/recruit/rounds/${data.round.id}/apply`} class="itda-form" novalidate>
          <CsrfField token={c.var.csrfToken} />
          <Input
            t={t}
            name="name"
            label={t('recruitment.name')}
            values={props.values}
            errors={props.errors}
            autocomplete="name"
            required
          />
          <Input
            t={t}
            name="email"
            type="email"
            label={t('recruitment.email')}
            hint={t('recruitment.contactHint')}
            values={props.values}
            errors={props.errors}
            autocomplete="email"
          />
          <Input
            t={t}
            name="phone"
            type="tel"
            label={t('recruitment.phone')}
            hint={t('recruitment.phoneHint')}
            values={props.values}
            errors={props.errors}
            autocomplete="tel"
          />
          <ConsentBox c={c} data={data} />
          <div class={props.errors?.consent ? 'form-group is-error' : 'form-group'} id="f-consent-group">
            <div class="krds-form-check">
              <input
                type="checkbox"
                name="consent"
                id="f-consent"
                value="on"
                checked={props.values.consent === 'on'}
                aria-describedby={props.errors?.consent ? 'e-consent' : undefined}
              />
              <label for="f-consent">{t('recruitment.consent.agree')}</label>
            </div>
            {props.errors?.consent && (
              <p class="form-hint-invalid" id="e-consent">
                {props.errors.consent}
              </p>
            )}
          </div>
          <div class="itda-form-actions">
            <Button>{t('recruitment.apply.startSubmit')}</Button>
            <LinkButton href={`/recruit/rounds/${data.round.id}`}>{t('common.cancel')}</LinkButton>
          </div>
        </form>
      )}
    </Layout>
  );
}

export function ResumePage(props: { c: AppContext; values: FormValues; errors?: FieldErrors; message?: string }) {
  const { c } = props;
  const t = c.var.t;
  const notice = c.req.query('notice');
  return (
    <Layout c={c} title={t('recruitment.resume.title')}>
      {notice === 'codeSent' && <Notice kind="info">{t('recruitment.resume.codeSent')}</Notice>}
      {notice === 'ended' && <Notice kind="info">{t('recruitment.resume.ended')}</Notice>}
      <PageHeader title={t('recruitment.resume.title')} lead={t('recruitment.resume.lead')} />
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      <form method="post" action="/recruit/resume" class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <Input
          t={t}
          name="contact"
          label={t('recruitment.resume.contact')}
          hint={t('recruitment.resume.contactHint')}
          values={props.values}
          errors={props.errors}
          autocomplete="email"
          required
        />
        <Input
          t={t}
          name="code"
          label={t('recruitment.resume.code')}
          hint={t('recruitment.resume.codeHint')}
          values={props.values}
          errors={props.errors}
          autocomplete="one-time-code"
          required
        />
        <div class="itda-form-actions">
          <Button>{t('recruitment.resume.submit')}</Button>
        </div>
      </form>
      <p class="form-hint">{t('recruitment.resume.lost')}</p>
    </Layout>
  );
}
