import { MAX_FILE_BYTES } from '../../../domain/recruitment/files.ts';
import { OUTSIDE_GYEONGGI, type Question } from '../../../domain/recruitment/screening.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { Button, CsrfField, ErrorSummary, Facts, Fieldset, FileField, Input, RadioGroup, Select, Steps, Textarea, type FieldErrors, type FormValues } from '../../../web/components/index.ts';
import { type AppContext } from '../../../web/context.ts';
import { Layout, Notice, PageHeader } from '../../../web/layout.tsx';
import type { RecruitmentApplicantService } from '../recruitment.applicant.service.ts';
import { formatDate, formatDateTime } from '../../../web/format.ts';

/** The applicant's own application: the draft form with its certificates, and the status page after submission. */

export type MyApplication = NonNullable<Awaited<ReturnType<RecruitmentApplicantService['myApplication']>>>;

export function residenceOptions(data: MyApplication, t: Translate) {
  return [
    ...data.municipalities.map((m) => ({ value: m.code, label: m.name })),
    { value: OUTSIDE_GYEONGGI, label: t('recruitment.outsideGyeonggi') },
  ];
}

export function QuestionField(props: { q: Question; data: MyApplication; values: FormValues; errors?: FieldErrors; t: Translate }) {
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

export function fileSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

export function DraftPage(props: { c: AppContext; data: MyApplication; values: FormValues; errors?: FieldErrors; message?: string }) {
  const { c, data } = props;
  const t = c.var.t;
  const a = data.applicant;
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
              <FileField
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

export function LeaveForm({ c }: { c: AppContext }) {
  return (
    <form method="post" action="/recruit/leave" class="itda-leave">
      <CsrfField token={c.var.csrfToken} />
      <Button variant="tertiary" size="small">
        {c.var.t('recruitment.leave')}
      </Button>
    </form>
  );
}

export function statusText(
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

export function StatusPage(props: { c: AppContext; data: MyApplication; errors?: FieldErrors; values?: FormValues }) {
  const { c, data } = props;
  const t = c.var.t;
  const a = data.applicant;
  const locale = c.var.locale;
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
            <Input
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
