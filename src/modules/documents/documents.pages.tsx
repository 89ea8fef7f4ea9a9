import type { Hono } from 'hono';
import { findDocumentType } from '../../domain/documents/document-types.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { Badge, Button, ConfirmField, CsrfField, ErrorSummary, FileField, Input, RadioGroup, type FieldErrors, type FormValues } from '../../web/components/index.ts';
import { formatBytes, formatDateTime } from '../../web/format.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { checklistSummary, type ChecklistItem, type ChecklistStatus } from './documents.checklist.ts';
import { contentDisposition, DOCUMENT_MAX_BYTES } from './documents.files.ts';
import { DOWNLOAD_PURPOSES } from './documents.schemas.ts';
import type { DocumentsService } from './documents.service.ts';
import { uuidParam } from '../../web/params.ts';

/**
 * The one route that receives document files, and its body limit (app.ts raises the app-wide
 * 1 MB limit for it only): one file of at most 10 MB plus the form fields. A larger body is
 * refused with 413 before it is read; up to this limit the service explains the 10 MB rule.
 */
export const DOCUMENT_UPLOAD_ROUTE = /^\/participations\/[^/]+\/documents$/;
export const DOCUMENT_UPLOAD_MAX_BYTES = DOCUMENT_MAX_BYTES + 256 * 1024;

const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

const STATUS_TONE: Record<ChecklistStatus, 'danger' | 'primary' | 'success' | 'warning' | 'gray'> = {
  missing: 'gray',
  submitted: 'primary',
  valid: 'success',
  expiring: 'warning',
  expired: 'danger',
};

function ChecklistBadge(props: { status: ChecklistStatus; t: Translate }) {
  return <Badge tone={STATUS_TONE[props.status]}>{props.t(`documents.status.${props.status}`)}</Badge>;
}

function validityLine(t: Translate, item: ChecklistItem): string | null {
  if (!item.document) return null;
  const issued = t('documents.issuedOn', { date: item.document.issuedOn });
  if (item.validUntil === null) return `${issued} · ${t('documents.noExpiry')}`;
  const left =
    item.daysLeft === null
      ? ''
      : item.daysLeft < 0
        ? t('documents.expiredAgo', { n: -item.daysLeft })
        : item.daysLeft === 0
          ? t('documents.lastDay')
          : t('documents.daysLeft', { n: item.daysLeft });
  return `${issued} · ${t('documents.validUntil', { date: item.validUntil })}${left ? ` (${left})` : ''}`;
}

function UploadForm(props: {
  c: AppContext;
  participationId: string;
  item: ChecklistItem;
  active: boolean;
  values?: FormValues;
  errors?: FieldErrors;
  today: string;
}) {
  const { c, item } = props;
  const t = c.var.t;
  const prefix = props.active ? 'f' : `u-${item.code}`;
  const type = findDocumentType(item.code);
  const errors = props.active ? props.errors : undefined;
  return (
    <details class="itda-upload" open={props.active}>
      <summary>{item.document ? t('documents.uploadNewer') : t('documents.upload')}</summary>
      <form
        method="post"
        action={`/participations/${props.participationId}/documents`}
        enctype="multipart/form-data"
        class="itda-form"
        novalidate
      >
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="documentType" value={item.code} />
        <p class="itda-rrn-reminder">
          <strong>{t('documents.rrnReminderTitle')}</strong> {t('documents.rrnReminder')}
        </p>
        <Input
          t={t}
          prefix={prefix}
          name="issuedOn"
          type="date"
          max={props.today}
          label={t('documents.issuedOnLabel')}
          hint={t('documents.issuedOnHint')}
          values={props.active ? props.values : undefined}
          errors={errors}
          required
        />
        <Input
          t={t}
          prefix={prefix}
          name="validUntil"
          type="date"
          label={t('documents.validUntilLabel')}
          hint={type?.validity.note ? t('documents.validUntilHintRule', { rule: type.validity.note }) : t('documents.validUntilHint')}
          values={props.active ? props.values : undefined}
          errors={errors}
        />
        <FileField
          t={t}
          prefix={prefix}
          name="file"
          accept={ACCEPT}
          label={t('documents.file')}
          hint={t('documents.fileHint', { mb: DOCUMENT_MAX_BYTES / 1024 / 1024 })}
          errors={errors}
          required
        />
        <ConfirmField
          t={t}
          prefix={prefix}
          name="rrnMasked"
          label={t('documents.rrnConfirmLabel')}
          checked={props.active && props.values?.rrnMasked === 'on'}
          errors={errors}
          required
        />
        <div class="itda-form-actions">
          <Button>
            {t('documents.uploadButton')}
            <span class="sr-only"> ({item.name ?? item.code})</span>
          </Button>
        </div>
      </form>
    </details>
  );
}

/**
 * 구비서류 checklist of a participation, with an upload form per item (rendered on the
 * participation page). The form in error, if any, is `active` (its code) and opens.
 */
export function ChecklistSection(props: {
  c: AppContext;
  participationId: string;
  items: readonly ChecklistItem[];
  canUpload: boolean;
  today: string;
  active?: string;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { c, items } = props;
  const t = c.var.t;
  const summary = checklistSummary(items);
  return (
    <section aria-labelledby="checklist-title" class="itda-checklist-section">
      <h2 class="itda-h2" id="checklist-title">
        {t('documents.checklistTitle')}
      </h2>
      {items.length === 0 ? (
        <p>{t('documents.noneRequired')}</p>
      ) : (
        <>
          <p class="itda-result-count">{t('documents.summary', { ready: summary.ready, total: summary.total })}</p>
          {props.canUpload && (
            <Notice kind="warning">
              <strong>{t('documents.rrnReminderTitle')}</strong> {t('documents.rrnReminderLong')}
            </Notice>
          )}
          <ul class="itda-checklist">
            {items.map((item) => (
              <li class={`itda-checklist-item itda-checklist-${item.status}`} id={`doc-${item.code}`}>
                <div class="itda-checklist-head">
                  <h3 class="itda-checklist-name">{item.name ?? t('documents.unknownType', { code: item.code })}</h3>
                  <span class="itda-meta">
                    <ChecklistBadge status={item.status} t={t} />
                    {item.reused && item.status !== 'missing' && item.status !== 'expired' && (
                      <span class="itda-tag">{t('documents.reused')}</span>
                    )}
                  </span>
                </div>
                {item.document ? (
                  <>
                    <p class="itda-checklist-validity">{validityLine(t, item)}</p>
                    {item.document.files.length > 0 && (
                      <ul class="itda-file-list">
                        {item.document.files.map((f) => (
                          <li>
                            <a href={`/documents/files/${f.id}`}>{f.fileName}</a>{' '}
                            <span class="form-hint">({formatBytes(f.sizeBytes)})</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </>
                ) : (
                  <p class="itda-checklist-validity">{t('documents.missingHint')}</p>
                )}
                {item.status === 'expired' && <p class="form-hint-invalid">{t('documents.expiredHint')}</p>}
                {props.canUpload && item.name !== null && (
                  <UploadForm
                    c={c}
                    participationId={props.participationId}
                    item={item}
                    active={props.active === item.code}
                    values={props.values}
                    errors={props.errors}
                    today={props.today}
                  />
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

type FileMeta = Awaited<ReturnType<DocumentsService['fileForPrompt']>>;

function DownloadPage(props: { c: AppContext; file: FileMeta; values?: FormValues; errors?: FieldErrors; message?: string }) {
  const { c, file } = props;
  const t = c.var.t;
  return (
    <Layout c={c} title={t('documents.downloadTitle')}>
      {file.participationId && (
        <p class="itda-backlink">
          <a href={`/participations/${file.participationId}#doc-${file.documentType ?? ''}`}>{t('documents.backToParticipation')}</a>
        </p>
      )}
      <PageHeader title={t('documents.downloadTitle')} lead={t('documents.downloadLead')} />
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      <dl class="itda-dl itda-download-facts">
        <dt>{t('participations.business')}</dt>
        <dd>{file.businessName}</dd>
        <dt>{t('documents.type')}</dt>
        <dd>{file.documentTypeName ?? '—'}</dd>
        <dt>{t('documents.file')}</dt>
        <dd>
          {file.fileName} ({formatBytes(file.sizeBytes)})
        </dd>
        <dt>{t('documents.uploaded')}</dt>
        <dd>
          {file.uploadedByName ?? '—'} · {formatDateTime(file.uploadedAt, c.var.locale)}
        </dd>
        <dt>{t('documents.sha256')}</dt>
        <dd>
          <code class="itda-detail">{file.sha256}</code>
        </dd>
      </dl>
      <form method="post" action={`/documents/files/${file.id}`} class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <RadioGroup
          t={t}
          prefix="f"
          name="purpose"
          label={t('documents.purpose')}
          hint={t('documents.purposeHint')}
          values={props.values}
          errors={props.errors}
          options={DOWNLOAD_PURPOSES.map((p) => ({ value: p, label: t(`documents.purpose.${p}`) }))}
          required
        />
        <Input
          t={t}
          prefix="f"
          name="note"
          label={t('documents.note')}
          hint={t('documents.noteHint')}
          values={props.values}
          errors={props.errors}
          maxlength={200}
        />
        <div class="itda-form-actions">
          <Button>{t('documents.downloadButton')}</Button>
        </div>
      </form>
    </Layout>
  );
}

export function documentPages(app: Hono<AppEnv>, deps: { documents: DocumentsService }) {
  const { documents } = deps;
  const fileId = (c: AppContext) => uuidParam(c);

  // Downloads ask why first (안전성 확보조치 기준 §8: the reason is recorded with the download).
  app.get('/documents/files/:id', async (c) => {
    const file = await documents.fileForPrompt(c.var.actor, fileId(c), requestMeta(c));
    return c.html(<DownloadPage c={c} file={file} />);
  });

  app.post('/documents/files/:id', async (c) => {
    const id = fileId(c);
    const values = await readForm(c);
    const result = await handleForm(c, () => documents.download(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok) {
      const file = await documents.fileForPrompt(c.var.actor, id, requestMeta(c));
      return c.html(<DownloadPage c={c} file={file} values={values} errors={result.errors} message={result.message} />, 400);
    }
    const f = result.value;
    c.header('Content-Type', f.mediaType);
    c.header('Content-Disposition', contentDisposition(f.fileName));
    c.header('Content-Length', String(f.content.byteLength));
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'no-store');
    return c.body(new Uint8Array(f.content));
  });
}
