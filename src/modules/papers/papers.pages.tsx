import type { Hono } from 'hono';
import { LOCALES } from '../../i18n/i18n.ts';
import type { Child } from 'hono/jsx';
import { Button, ConfirmField, CsrfField, ErrorSummary, FileField, Input, RadioGroup, type FieldErrors, type FormValues } from '../../web/components/index.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { formatBytes, formatDateTime } from '../../web/format.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { Layout, PageHeader } from '../../web/layout.tsx';
import { uuidParam } from '../../web/params.ts';
import { contentDisposition } from '../documents/documents.files.ts';
import type { PaperKind, PapersService } from './papers.service.ts';

/**
 * Papers ready to sign (issue 13 §3): the PDFs open in the browser's viewer (inline), from where the
 * clerk prints them; the scan of a signed one comes back through a small form of its own, so a
 * failed upload re-renders just that form with what was chosen kept (a file input cannot be kept:
 * the page says so).
 */
export function paperPages(app: Hono<AppEnv>, deps: { papers: PapersService }) {
  const { papers } = deps;

  const pdf = async (c: AppContext, kind: PaperKind, id: string) => {
    const out = await papers.print(c.var.actor, kind, id, requestMeta(c), { language: c.req.query('language') });
    c.header('content-type', 'application/pdf');
    c.header('content-disposition', contentDisposition(out.fileName).replace(/^attachment/, 'inline'));
    c.header('cache-control', 'no-store');
    return c.body(new Uint8Array(out.bytes));
  };

  app.get('/participations/:id/papers/power-of-attorney', (c) => pdf(c, 'power-of-attorney', uuidParam(c)));
  app.get('/participations/:id/papers/summary', (c) => pdf(c, 'summary', uuidParam(c)));
  app.get('/businesses/:id/papers/consent', (c) => pdf(c, 'consent', uuidParam(c)));
  app.get('/businesses/:id/papers/handout', (c) => pdf(c, 'handout', uuidParam(c)));

  app.get('/businesses/:id/papers/signed', async (c) => {
    const id = uuidParam(c);
    const values: FormValues = { kind: c.req.query('kind') === 'consent' ? 'consent' : 'power_of_attorney', participationId: c.req.query('participationId') ?? '' };
    await papers.assertCanUpload(c.var.actor, id);
    return c.html(<SignedForm c={c} businessId={id} values={values} />);
  });

  app.post('/businesses/:id/papers/signed', async (c) => {
    const id = uuidParam(c);
    const body = await c.req.parseBody({ all: true });
    const values = await readForm(c);
    const raw = Array.isArray(body.file) ? body.file[0] : body.file;
    const file = raw instanceof File ? raw : null;
    const result = await handleForm(c, () => papers.uploadSigned(c.var.actor, id, values, file, requestMeta(c)));
    if (!result.ok) return c.html(<SignedForm c={c} businessId={id} values={values} errors={result.errors} message={result.message} />, 400);
    const back = result.value.participationId ? `/participations/${result.value.participationId}` : `/businesses/${id}`;
    return c.redirect(`${back}?notice=signedUploaded#papers`, 303);
  });
}

function SignedForm(props: { c: AppContext; businessId: string; values: FormValues; errors?: FieldErrors; message?: string }) {
  const { c, values, errors } = props;
  const t = c.var.t;
  const title = t('papers.signedTitle');
  return (
    <Layout c={c} title={title}>
      <PageHeader title={title} lead={t('papers.signedLead')} />
      <ErrorSummary errors={errors} t={t} message={props.message} />
      {errors && <p class="form-hint">{t('papers.fileAgain')}</p>}
      <form method="post" action={`/businesses/${props.businessId}/papers/signed`} enctype="multipart/form-data" class="itda-form">
        <CsrfField token={c.var.csrfToken} />
        <RadioGroup
          name="kind"
          label={t('papers.kind')}
          values={values}
          errors={errors}
          required
          t={t}
          options={[
            { value: 'power_of_attorney', label: t('papers.kind.power_of_attorney') },
            { value: 'consent', label: t('papers.kind.consent') },
          ]}
        />
        <input type="hidden" name="participationId" value={typeof values.participationId === 'string' ? values.participationId : ''} />
        {errors?.participationId && <p class="form-hint">{t('papers.participationRequired')}</p>}
        <Input name="docNo" label={t('papers.docNo')} hint={t('papers.docNoHint')} values={values} errors={errors} t={t} />
        <FileField name="file" label={t('papers.file')} hint={t('documents.fileHint')} accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" errors={errors} required t={t} />
        <ConfirmField name="rrnMasked" label={t('documents.rrnConfirmLabel')} checked={values.rrnMasked === 'on'} errors={errors} t={t} />
        <Button>{t('papers.upload')}</Button>
      </form>
    </Layout>
  );
}

type Signed = Awaited<ReturnType<PapersService['signedOf']>>[number];

function SignedList(props: { c: AppContext; rows: Signed[] }) {
  const t = props.c.var.t;
  if (!props.rows.length) return null;
  return (
    <ul class="itda-list">
      {props.rows.map((s) => (
        <li>
          <a href={`/documents/files/${s.fileId}`}>{s.fileName}</a> · {t(`papers.kind.${s.kind}`)} · {formatBytes(s.sizeBytes)} · {formatDateTime(s.uploadedAt, props.c.var.locale)}
          {s.uploadedByName ? ` · ${s.uploadedByName}` : ''}
          {s.docNo ? ` · ${s.docNo}` : ''}
        </li>
      ))}
    </ul>
  );
}

/** The business page's "출력할 서류" section (BusinessPageExtras['sections']). */
export function businessPaperSection(papers: PapersService) {
  return async (c: AppContext, businessId: string): Promise<Child[]> => {
    const t = c.var.t;
    const [all, canUpload] = await Promise.all([papers.signedOf(c.var.actor, businessId), papers.canUpload(c.var.actor, businessId)]);
    const signed = all.filter((s) => s.kind === 'consent');
    return [
      <section aria-labelledby="papers-title" id="papers" class="itda-card">
        <h2 class="itda-h2" id="papers-title">
          {t('papers.title')}
        </h2>
        <p class="form-hint">{t('papers.lead')}</p>
        <ul class="itda-list">
          <li>
            <a href={`/businesses/${businessId}/papers/handout`} target="_blank" rel="noopener">
              {t('papers.handout')}
            </a>{' '}
            — {t('papers.handoutHint')}
            <br />
            {/* Issue 13 §4: the handout opens in the owner's language; these print it in any of the four. */}
            <span class="form-hint">{t('papers.handoutIn')}</span>{' '}
            {LOCALES.map((l, i) => (
              <>
                {i > 0 && ' · '}
                <a href={`/businesses/${businessId}/papers/handout?language=${l.code}`} target="_blank" rel="noopener" lang={l.htmlLang}>
                  {l.label}
                </a>
              </>
            ))}
          </li>
          <li>
            <a href={`/businesses/${businessId}/papers/consent`} target="_blank" rel="noopener">
              {t('papers.consent')}
            </a>{' '}
            — {t('papers.consentHint')}
          </li>
          {canUpload && (
            <li>
              <a href={`/businesses/${businessId}/papers/signed?kind=consent`}>{t('papers.uploadConsent')}</a>
            </li>
          )}
        </ul>
        <SignedList c={c} rows={signed} />
      </section>,
    ];
  };
}

/** The participation page's papers: 위임장 and 신청 요약, and the signed 위임장 uploaded back. */
export function participationPaperSection(papers: PapersService) {
  return async (c: AppContext, participationId: string, businessId: string): Promise<Child> => {
    const t = c.var.t;
    const [all, canUpload] = await Promise.all([papers.signedOf(c.var.actor, businessId), papers.canUpload(c.var.actor, businessId)]);
    const signed = all.filter((s) => s.participationId === participationId);
    return (
      <section aria-labelledby="papers-title" id="papers">
        <h2 class="itda-h2" id="papers-title">
          {t('papers.title')}
        </h2>
        <ul class="itda-list">
          <li>
            <a href={`/participations/${participationId}/papers/power-of-attorney`} target="_blank" rel="noopener">
              {t('papers.powerOfAttorney')}
            </a>{' '}
            — {t('papers.powerOfAttorneyHint')}
          </li>
          <li>
            <a href={`/participations/${participationId}/papers/summary`} target="_blank" rel="noopener">
              {t('papers.summary')}
            </a>{' '}
            — {t('papers.summaryHint')}
          </li>
          {canUpload && (
            <li>
              <a href={`/businesses/${businessId}/papers/signed?kind=power_of_attorney&participationId=${participationId}`}>{t('papers.uploadPowerOfAttorney')}</a>
            </li>
          )}
        </ul>
        <SignedList c={c} rows={signed} />
      </section>
    );
  };
}
