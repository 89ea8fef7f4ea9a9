import type { Translate } from '../../i18n/i18n.ts';
import { FORMAT_LABELS, type NoticeFormat } from '../../domain/notices/notice.format.ts';
import { SECTION_KINDS } from '../../domain/notices/notice.sections.ts';
import { Button, CsrfField } from '../../web/components/index.ts';
import type { NoticeDocumentView } from './notices.service.ts';

function formatLabel(format: string | null): string {
  return format && format in FORMAT_LABELS ? FORMAT_LABELS[format as NoticeFormat] : '—';
}

/**
 * The programme page's "공고문에서 읽은 내용": each 지원대상 / 신청자격 / 지원 제외 / 제출서류 section found
 * in the attachments, with the file it came from, then every file with what happened to it and a
 * link to the original (a file we could not read says why). Exported for the review page.
 */
export function NoticeDocumentsSection(props: {
  t: Translate;
  programmeId: number;
  docs: NoticeDocumentView[];
  canRead: boolean;
  csrfToken?: string;
  /** Attachments the version lists (the feed's file fields): before the first read there are no document rows yet. */
  attachmentCount?: number;
}) {
  const { t, docs } = props;
  const read = docs.filter((d) => d.status === 'extracted');
  const problems = docs.filter((d) => !['extracted', 'pending'].includes(d.status));
  const found = SECTION_KINDS.map((kind) => ({
    kind,
    items: read.flatMap((d) => d.sections.filter((s) => s.kind === kind).map((s) => ({ doc: d, section: s }))),
  })).filter((k) => k.items.length > 0);
  return (
    <section id="notice-documents" aria-labelledby="notice-documents-title">
      <h2 class="itda-h2" id="notice-documents-title">
        {t('notices.title')}
      </h2>
      {docs.length === 0 && (props.attachmentCount ?? 0) > 0 ? (
        <p>{t('notices.notReadYet')}</p>
      ) : docs.length === 0 ? (
        <p>{t('notices.noFiles')}</p>
      ) : (
        <>
          <p class="form-hint">{t('notices.lead')}</p>
          {docs.every((d) => d.status === 'pending') && <p>{t('notices.notReadYet')}</p>}
          {read.length > 0 && found.length === 0 && <p>{t('notices.sectionsNotFound')}</p>}
          {found.map(({ kind, items }) => (
            <div class="itda-notice-section" data-kind={kind}>
              <h3 class="itda-h3">{t(`notices.kind.${kind}`)}</h3>
              {items.map(({ doc, section }) => (
                <figure class="itda-notice-excerpt">
                  <blockquote class="itda-pre">
                    {section.heading}
                    {'\n'}
                    {section.text}
                  </blockquote>
                  <figcaption class="form-hint">
                    {t('notices.from', { name: doc.fileName })} ·{' '}
                    <a href={doc.url} rel="noopener noreferrer">
                      {t('notices.openOriginal', { name: formatLabel(doc.format) })}
                    </a>
                  </figcaption>
                </figure>
              ))}
            </div>
          ))}
          <h3 class="itda-h3">{t('notices.files')}</h3>
          {problems.length > 0 && <p role="note">{t('notices.unreadable')}</p>}
          <ul class="itda-notice-files">
            {docs.map((d) => (
              <li data-status={d.status}>
                <a href={d.url} rel="noopener noreferrer">
                  {d.fileName}
                </a>{' '}
                <span class="form-hint">({formatLabel(d.format)})</span> — <strong>{t(`notices.status.${d.status}`)}</strong>
                {d.error && <span>: {d.error}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {props.canRead && (docs.length > 0 || (props.attachmentCount ?? 0) > 0) && (
        <form method="post" action={`/programmes/${props.programmeId}/notices/read`}>
          <CsrfField token={props.csrfToken ?? ''} />
          <Button variant="secondary">{t('notices.readNow')}</Button>
        </form>
      )}
    </section>
  );
}
