import type { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { MAX_FILE_BYTES } from '../../domain/recruitment/files.ts';
import { OUTSIDE_GYEONGGI, type Question } from '../../domain/recruitment/screening.ts';
import type { Translate } from '../../i18n/i18n.ts';
import {
  Button,
  CsrfField,
  ErrorSummary,
  LinkButton,
  Select,
  TextInput,
  type FieldErrors,
  type FormValues,
} from '../../web/components/form.tsx';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { DemoBadge, Layout, Notice, PageHeader } from '../../web/layout.tsx';
import type { RecruitmentApplicantService } from './recruitment.applicant.service.ts';
import { APPLICANT_SESSION_MINUTES, COLLECTED_ITEMS } from './recruitment.core.ts';
import { addMonths, formatDate, formatDateTime, kstDate } from './recruitment.time.ts';
import { Facts, Fieldset, FileInput, Input, Paragraphs, RadioGroup, Steps, Textarea } from './views/ui.tsx';

/**
 * Public recruitment pages (no account): the notice, the application with a saved-and-resumed
 * draft, certificates, the receipt and the status. Plain Korean, phone-first, no JavaScript
 * needed. The applicant's page session is an HttpOnly cookie holding a random token whose
 * SHA-256 is stored with the application; it is limited to /recruit.
 */
export const APPLICANT_COOKIE = 'itda_applicant';

type MyApplication = NonNullable<Awaited<ReturnType<RecruitmentApplicantService['myApplication']>>>;
type PublicRound = Awaited<ReturnType<RecruitmentApplicantService['publicRound']>>;

function idParam(c: AppContext, name = 'id'): number {
  const id = Number(c.req.param(name));
  return Number.isInteger(id) && id > 0 ? id : -1;
}

function noStore(c: AppContext) {
  c.header('Cache-Control', 'no-store');
}

function PhaseBadge({ phase, t }: { phase: 'before' | 'open' | 'closed'; t: Translate }) {
  return <span class={`krds-badge itda-phase itda-phase-${phase}`}>{t(`recruitment.phase.${phase}`)}</span>;
}

function RoundsPage({ c, rounds }: { c: AppContext; rounds: Awaited<ReturnType<RecruitmentApplicantService['publicRounds']>> }) {
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

function QuestionList({ questions, t }: { questions: Question[]; t: Translate }) {
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

function NoticePage({ c, data }: { c: AppContext; data: PublicRound }) {
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
function ConsentBox({ c, data }: { c: AppContext; data: PublicRound }) {
  const t = c.var.t;
  const retainUntil = addMonths(kstDate(data.round.closesAt), data.round.retentionMonths);
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

function StartPage(props: { c: AppContext; data: PublicRound; values: FormValues; errors?: FieldErrors; message?: string }) {
  const { c, data } = props;
  const t = c.var.t;
  noStore(c);
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
          <TextInput
            t={t}
            name="name"
            label={t('recruitment.name')}
            values={props.values}
            errors={props.errors}
            autocomplete="name"
            required
          />
          <TextInput
            t={t}
            name="email"
            type="email"
            label={t('recruitment.email')}
            hint={t('recruitment.contactHint')}
            values={props.values}
            errors={props.errors}
            autocomplete="email"
          />
          <TextInput
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

function ResumePage(props: { c: AppContext; values: FormValues; errors?: FieldErrors; message?: string }) {
  const { c } = props;
  const t = c.var.t;
  noStore(c);
  const notice = c.req.query('notice');
  return (
    <Layout c={c} title={t('recruitment.resume.title')}>
      {notice === 'codeSent' && <Notice kind="info">{t('recruitment.resume.codeSent')}</Notice>}
      {notice === 'ended' && <Notice kind="info">{t('recruitment.resume.ended')}</Notice>}
      <PageHeader title={t('recruitment.resume.title')} lead={t('recruitment.resume.lead')} />
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      <form method="post" action="/recruit/resume" class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <TextInput
          t={t}
          name="contact"
          label={t('recruitment.resume.contact')}
          hint={t('recruitment.resume.contactHint')}
          values={props.values}
          errors={props.errors}
          autocomplete="email"
          required
        />
        <TextInput
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

function residenceOptions(data: MyApplication, t: Translate) {
  return [
    ...data.municipalities.map((m) => ({ value: m.code, label: m.name })),
    { value: OUTSIDE_GYEONGGI, label: t('recruitment.outsideGyeonggi') },
  ];
}

function QuestionField(props: { q: Question; data: MyApplication; values: FormValues; errors?: FieldErrors; t: Translate }) {
  const { q, t } = props;
  const name = `a_${q.code}`;
  switch (q.kind) {
    case 'residence':
      return (
        <Select
          t={t}
          name={name}
          label={q.text}
          values={props.values}
          errors={props.errors}
          placeholder={t('common.choose')}
          options={residenceOptions(props.data, t)}
          required
        />
      );
    case 'min_years':
      return (
        <Input
          t={t}
          type="number"
          name={name}
          label={q.text}
          hint={t('recruitment.yearsHint')}
          min="0"
          max="60"
          step="0.5"
          inputmode="decimal"
          values={props.values}
          errors={props.errors}
          required
        />
      );
    case 'yes':
      return (
        <RadioGroup
          t={t}
          name={name}
          label={q.text}
          values={props.values}
          errors={props.errors}
          options={[
            { value: 'yes', label: t('recruitment.yes') },
            { value: 'no', label: t('recruitment.no') },
          ]}
          required
        />
      );
  }
}

function fileSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

function DraftPage(props: { c: AppContext; data: MyApplication; values: FormValues; errors?: FieldErrors; message?: string }) {
  const { c, data } = props;
  const t = c.var.t;
  const a = data.applicant;
  noStore(c);
  const notice = c.req.query('notice');
  const steps = [t('recruitment.steps.start'), t('recruitment.steps.write'), t('recruitment.steps.submit')];
  const closed = data.phase !== 'open';
  return (
    <Layout c={c} title={t('recruitment.draft.title')}>
      {notice === 'started' && <Notice kind="success">{t('recruitment.draft.started', { contact: a.email ?? a.phone ?? '' })}</Notice>}
      {notice === 'saved' && <Notice kind="success">{t('recruitment.draft.saved')}</Notice>}
      {notice === 'uploaded' && <Notice kind="success">{t('recruitment.draft.uploaded')}</Notice>}
      {notice === 'deleted' && <Notice kind="success">{t('recruitment.draft.deleted')}</Notice>}
      <PageHeader title={t('recruitment.draft.title')} lead={data.round.title} />
      <Steps steps={steps} current={1} t={t} />
      {closed && (
        <Notice kind="danger" role="alert">
          {t('recruitment.public.closed', {
            from: formatDateTime(data.round.opensAt, c.var.locale),
            to: formatDateTime(data.round.closesAt, c.var.locale),
          })}
        </Notice>
      )}
      <p>{t('recruitment.draft.lead', { until: formatDateTime(data.round.closesAt, c.var.locale) })}</p>
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      <form method="post" action="/recruit/application" enctype="multipart/form-data" class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <Facts
          items={[
            [t('recruitment.name'), a.name],
            [t('recruitment.contact'), [a.email, a.phone].filter(Boolean).join(' / ')],
          ]}
        />
        <h2 class="itda-h2">{t('recruitment.draft.officeSection')}</h2>
        <Select
          t={t}
          name="officeId"
          label={t('recruitment.preferredOffice')}
          hint={t('recruitment.preferredOfficeHint')}
          values={props.values}
          errors={props.errors}
          placeholder={t('common.choose')}
          options={data.quotas.map((q) => ({
            value: String(q.officeId),
            label: `${q.officeName} (${t('recruitment.people', { n: q.posts })})`,
          }))}
          required
        />
        {data.config.questions.length > 0 && <h2 class="itda-h2">{t('recruitment.draft.questionsSection')}</h2>}
        {data.config.questions.map((q) => (
          <QuestionField q={q} data={data} values={props.values} errors={props.errors} t={t} />
        ))}
        <h2 class="itda-h2">{t('recruitment.draft.careerSection')}</h2>
        <Textarea
          t={t}
          name="careerSummary"
          label={t('recruitment.careerSummary')}
          hint={t('recruitment.careerSummaryHint')}
          values={props.values}
          errors={props.errors}
          maxlength={3000}
          rows={6}
          required
        />
        <Textarea
          t={t}
          name="motivation"
          label={t('recruitment.motivation')}
          hint={t('recruitment.motivationHint')}
          values={props.values}
          errors={props.errors}
          maxlength={3000}
          rows={6}
          required
        />

        <h2 class="itda-h2" id="documents">
          {t('recruitment.draft.documentsSection')}
        </h2>
        <p class="form-hint">{t('recruitment.fileRule')}</p>
        {data.config.documents.length === 0 ? (
          <p>{t('recruitment.noDocuments')}</p>
        ) : (
          <>
            <ul class="itda-file-list">
              {data.config.documents.map((d) => {
                const files = data.files.filter((f) => f.documentCode === d.code);
                const err = props.errors?.[`file_${d.code}`];
                return (
                  <li id={`f-file_${d.code}`}>
                    <strong>{d.name}</strong> {d.required ? `(${t('form.required')})` : `(${t('recruitment.optional')})`}
                    {err && <p class="form-hint-invalid">{err}</p>}
                    {files.length === 0 ? (
                      <p class="form-hint">{t('recruitment.draft.noFile')}</p>
                    ) : (
                      <ul>
                        {files.map((f) => (
                          <li>
                            {f.fileName} ({fileSize(f.sizeBytes)}){' '}
                            <Button variant="text" size="small" name="deleteFile" value={String(f.id)}>
                              {t('recruitment.draft.deleteFile')}
                              <span class="sr-only"> {f.fileName}</span>
                            </Button>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ul>
            <Fieldset title={t('recruitment.draft.addFile')}>
              <Select
                t={t}
                name="documentCode"
                label={t('recruitment.draft.documentKind')}
                values={props.values}
                errors={props.errors}
                options={data.config.documents.map((d) => ({ value: d.code, label: d.name }))}
              />
              <FileInput
                t={t}
                name="file"
                label={t('recruitment.draft.file')}
                hint={t('recruitment.draft.fileHint', { mb: MAX_FILE_BYTES / 1024 / 1024 })}
                errors={props.errors}
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              />
              <Button variant="secondary" name="intent" value="upload">
                {t('recruitment.draft.upload')}
              </Button>
            </Fieldset>
          </>
        )}
        <div class="itda-form-actions">
          <Button variant="secondary" name="intent" value="save">
            {t('recruitment.draft.save')}
          </Button>
          <Button name="intent" value="submit">
            {t('recruitment.draft.submit')}
          </Button>
        </div>
        <p class="form-hint">{t('recruitment.draft.submitHint')}</p>
      </form>
      <LeaveForm c={c} />
    </Layout>
  );
}

function LeaveForm({ c }: { c: AppContext }) {
  return (
    <form method="post" action="/recruit/leave" class="itda-leave">
      <CsrfField token={c.var.csrfToken} />
      <Button variant="tertiary" size="small">
        {c.var.t('recruitment.leave')}
      </Button>
    </form>
  );
}

function statusText(
  a: MyApplication['applicant'],
  t: Translate,
): { title: string; kind: 'info' | 'success' | 'warning' | 'danger'; text: string } {
  switch (a.decision) {
    case 'selected':
      return {
        title: t('recruitment.status.selected'),
        kind: 'success',
        text: a.clerkUserId ? t('recruitment.status.hiredText') : t('recruitment.status.selectedText'),
      };
    case 'waiting':
      return { title: t('recruitment.status.waiting'), kind: 'info', text: t('recruitment.status.waitingText') };
    case 'rejected':
      return { title: t('recruitment.status.rejected'), kind: 'info', text: t('recruitment.status.rejectedText') };
    case 'declined':
      return { title: t('recruitment.status.declined'), kind: 'info', text: t('recruitment.status.declinedText') };
    case 'withdrawn':
      return { title: t('recruitment.status.withdrawn'), kind: 'info', text: t('recruitment.status.withdrawnText') };
    case null:
      return a.status === 'withdrawn'
        ? { title: t('recruitment.status.withdrawn'), kind: 'info', text: t('recruitment.status.withdrawnText') }
        : { title: t('recruitment.status.reviewing'), kind: 'info', text: t('recruitment.status.reviewingText') };
  }
}

function StatusPage(props: { c: AppContext; data: MyApplication; errors?: FieldErrors; values?: FormValues }) {
  const { c, data } = props;
  const t = c.var.t;
  const a = data.applicant;
  const locale = c.var.locale;
  noStore(c);
  const notice = c.req.query('notice');
  const s = statusText(a, t);
  const office = data.quotas.find((q) => q.officeId === a.officeId)?.officeName ?? '—';
  const canDecline = (a.decision === 'selected' || a.decision === 'waiting') && !a.clerkUserId;
  return (
    <Layout c={c} title={t('recruitment.status.title')}>
      {notice === 'submitted' && (
        <Notice kind="success">
          {t('recruitment.status.submittedNotice')} <strong id="receipt-no">{a.receiptNo}</strong>
        </Notice>
      )}
      {notice === 'declined' && <Notice kind="success">{t('recruitment.status.declineDone')}</Notice>}
      <PageHeader title={t('recruitment.status.title')} lead={data.round.title} />
      {notice === 'submitted' && (
        <Steps steps={[t('recruitment.steps.start'), t('recruitment.steps.write'), t('recruitment.steps.submit')]} current={3} t={t} />
      )}
      <div class={`itda-notice itda-notice-${s.kind}`} role="status">
        <h2 class="itda-status-title">{s.title}</h2>
        <p>{s.text}</p>
      </div>
      <Facts
        items={[
          [t('recruitment.receiptNo'), <span class="itda-receipt">{a.receiptNo}</span>],
          [t('recruitment.submittedAt'), formatDateTime(a.submittedAt, locale)],
          [t('recruitment.preferredOffice'), office],
          ...(a.interviewAt && !a.decision
            ? ([[t('recruitment.interview'), `${formatDateTime(a.interviewAt, locale)} · ${a.interviewPlace ?? ''}`]] as [string, string][])
            : []),
          [t('recruitment.retainUntil'), formatDate(a.retainUntil, locale)],
        ]}
      />
      <p class="form-hint">{t('recruitment.status.keepReceipt')}</p>
      {canDecline && (
        <section aria-labelledby="decline-title">
          <h2 id="decline-title" class="itda-h2">
            {t('recruitment.status.declineTitle')}
          </h2>
          <p>{t('recruitment.status.declineLead')}</p>
          <ErrorSummary t={t} errors={props.errors} />
          <form method="post" action="/recruit/application/decline" class="itda-form" novalidate>
            <CsrfField token={c.var.csrfToken} />
            <TextInput
              t={t}
              name="reason"
              label={t('recruitment.status.declineReason')}
              values={props.values}
              errors={props.errors}
              required
            />
            <Button variant="secondary">{t('recruitment.status.declineSubmit')}</Button>
          </form>
        </section>
      )}
      <LeaveForm c={c} />
    </Layout>
  );
}

/** The draft form's values from the stored application. */
function draftValues(a: MyApplication['applicant']): FormValues {
  const v: FormValues = {
    officeId: a.officeId ? String(a.officeId) : '',
    careerSummary: a.careerSummary ?? '',
    motivation: a.motivation ?? '',
  };
  for (const [k, val] of Object.entries(a.answers ?? {})) v[`a_${k}`] = val;
  return v;
}

export function recruitmentApplyPages(app: Hono<AppEnv>, deps: { applicant: RecruitmentApplicantService; cookieSecure: boolean }) {
  const rec = deps.applicant;
  const cookie = { httpOnly: true, sameSite: 'Lax' as const, secure: deps.cookieSecure, path: '/recruit' };
  const token = (c: AppContext) => getCookie(c, APPLICANT_COOKIE) ?? null;
  const setSession = (c: AppContext, value: string) =>
    setCookie(c, APPLICANT_COOKIE, value, { ...cookie, maxAge: APPLICANT_SESSION_MINUTES * 60 });

  app.get('/recruit', async (c) => c.html(<RoundsPage c={c} rounds={await rec.publicRounds()} />));

  app.get('/recruit/rounds/:id', async (c) => c.html(<NoticePage c={c} data={await rec.publicRound(idParam(c))} />));

  app.get('/recruit/rounds/:id/apply', async (c) => c.html(<StartPage c={c} data={await rec.publicRound(idParam(c))} values={{}} />));

  app.post('/recruit/rounds/:id/apply', async (c) => {
    const id = idParam(c);
    const data = await rec.publicRound(id);
    const values = await readForm(c);
    const result = await handleForm(c, () => rec.startApplication(id, values, requestMeta(c)));
    if (!result.ok) return c.html(<StartPage c={c} data={data} values={values} errors={result.errors} message={result.message} />, 400);
    if (result.value.kind === 'codeResent') return c.redirect('/recruit/resume?notice=codeSent', 303);
    setSession(c, result.value.sessionToken);
    return c.redirect('/recruit/application?notice=started', 303);
  });

  app.get('/recruit/resume', (c) => c.html(<ResumePage c={c} values={{}} />));

  app.post('/recruit/resume', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => rec.resume(values, requestMeta(c)));
    if (!result.ok)
      return c.html(<ResumePage c={c} values={{ contact: values.contact }} errors={result.errors} message={result.message} />, 400);
    setSession(c, result.value);
    return c.redirect('/recruit/application', 303);
  });

  app.get('/recruit/application', async (c) => {
    const data = await rec.myApplication(token(c));
    if (!data) return c.redirect('/recruit/resume?notice=ended', 303);
    if (data.applicant.status === 'draft') return c.html(<DraftPage c={c} data={data} values={draftValues(data.applicant)} />);
    return c.html(<StatusPage c={c} data={data} />);
  });

  // Save, upload or delete a certificate, or submit: one multipart form, so nothing typed is lost
  // when a file is added. Its body limit is raised for this route only (app.ts).
  app.post('/recruit/application', async (c) => {
    const tk = token(c);
    const data = await rec.myApplication(tk);
    if (!data) return c.redirect('/recruit/resume?notice=ended', 303);
    const body = await c.req.parseBody({ all: true });
    const values = await readForm(c);
    const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
    const deleteFileId = typeof values.deleteFile === 'string' ? Number(values.deleteFile) : null;
    const intent = values.intent === 'submit' ? 'submit' : values.intent === 'upload' ? 'upload' : 'save';
    const result = await handleForm(c, () => rec.updateApplication(tk, { values, file, deleteFileId, intent }, requestMeta(c)));
    if (!result.ok) {
      const fresh = (await rec.myApplication(tk)) ?? data;
      return c.html(<DraftPage c={c} data={fresh} values={values} errors={result.errors} message={result.message} />, 400);
    }
    if (result.value === 'noFile') {
      const fresh = (await rec.myApplication(tk)) ?? data;
      return c.html(<DraftPage c={c} data={fresh} values={values} errors={{ file: c.var.t('recruitment.fileRequired') }} />, 400);
    }
    if (result.value === 'status') return c.redirect('/recruit/application', 303);
    const anchor = result.value === 'uploaded' || result.value === 'deleted' ? '#documents' : '';
    return c.redirect(`/recruit/application?notice=${result.value}${anchor}`, 303);
  });

  app.post('/recruit/application/decline', async (c) => {
    const tk = token(c);
    const data = await rec.myApplication(tk);
    if (!data) return c.redirect('/recruit/resume?notice=ended', 303);
    const values = await readForm(c);
    const result = await handleForm(c, () => rec.declineByApplicant(tk, values, requestMeta(c)));
    if (!result.ok) return c.html(<StatusPage c={c} data={data} errors={result.errors} values={values} />, 400);
    return c.redirect('/recruit/application?notice=declined', 303);
  });

  app.post('/recruit/leave', async (c) => {
    await rec.endSession(token(c));
    setCookie(c, APPLICANT_COOKIE, '', { ...cookie, maxAge: 0 });
    return c.redirect('/recruit?notice=left', 303);
  });
}

/** The one public route that receives files (the application form), and its body limit: one file plus the form. */
export const APPLICATION_ROUTE = '/recruit/application';
export const APPLICATION_MAX_BYTES = MAX_FILE_BYTES + 256 * 1024;
