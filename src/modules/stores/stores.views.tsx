import type { Translate } from '../../i18n/i18n.ts';
import type { Store, StoreImport } from '../../db/schema.stores.ts';
import { kstDate } from '../../domain/korean-time.ts';
import { Badge, Button, Checkbox, CsrfField, DataTable, ErrorSummary, Facts, FileField, Input, LinkButton, Select, type FieldErrors, type FormValues } from '../../web/components/index.ts';
import type { AppContext } from '../../web/context.ts';
import { formatDateTime } from '../../web/format.ts';
import { Layout, PageHeader } from '../../web/layout.tsx';

/** Registry list row (stores.repository.ts list). */
export interface StoreListRow {
  id: string;
  name: string;
  branchName: string | null;
  industrySmallName: string | null;
  ksicCode: string | null;
  ksicName: string | null;
  roadAddress: string | null;
  jibunAddress: string | null;
  adongName: string | null;
  closedAt: Date | null;
  municipalityName: string | null;
}

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));

function importError(t: Translate, error: string | null): string {
  if (!error) return '';
  const i = error.indexOf(': ');
  return i < 0 ? t(error, { detail: '' }) : t(error.slice(0, i), { detail: error.slice(i + 2) });
}

export function StoreListPage(props: {
  c: AppContext;
  rows: StoreListRow[];
  values: FormValues;
  page: number;
  hasMore: boolean;
  municipalities: { code: string; name: string }[];
  noArea: boolean;
  canIntake: boolean;
}) {
  const { c, values } = props;
  const t = c.var.t;
  const query = (page: number) => {
    const p = new URLSearchParams();
    for (const k of ['q', 'municipality', 'closed'] as const) {
      const v = values[k];
      if (typeof v === 'string' && v) p.set(k, v);
    }
    p.set('page', String(page));
    return `/stores?${p.toString()}`;
  };
  return (
    <Layout c={c} title={t('stores.title')}>
      <PageHeader title={t('stores.title')} lead={t('stores.lead')} />
      {props.noArea ? (
        <p class="form-hint">{t('stores.noArea')}</p>
      ) : (
        <>
          <form method="get" action="/stores" class="itda-filters" role="search">
            <Input t={t} name="q" label={t('stores.search')} values={values} />
            {props.municipalities.length > 1 && (
              <Select t={t} name="municipality" label={t('stores.municipality')} values={values} placeholder={t('stores.allMunicipalities')} options={props.municipalities.map((m) => ({ value: m.code, label: m.name }))} />
            )}
            <Checkbox name="closed" label={t('stores.includeClosed')} value="1" checked={values.closed === '1'} />
            <Button variant="secondary">{t('stores.submitSearch')}</Button>
          </form>
          <DataTable
            caption={t('stores.title')}
            captionHidden
            empty={t('stores.empty')}
            rows={props.rows}
            columns={[
              {
                header: t('stores.col.name'),
                rowHeader: true,
                cell: (r) => (
                  <>
                    <a href={`/stores/${encodeURIComponent(r.id)}`}>{r.branchName ? `${r.name} ${r.branchName}` : r.name}</a> {r.closedAt && <Badge tone="gray">{t('stores.closedBadge')}</Badge>}
                  </>
                ),
              },
              {
                header: t('stores.col.industry'),
                cell: (r) => (
                  <>
                    {dash(r.industrySmallName)}
                    {r.ksicCode && (
                      <>
                        <br />
                        {`KSIC ${r.ksicCode}`}
                      </>
                    )}
                  </>
                ),
              },
              { header: t('stores.col.dong'), cell: (r) => [r.municipalityName, r.adongName].filter(Boolean).join(' ') || '—' },
              { header: t('stores.col.address'), cell: (r) => dash(r.roadAddress ?? r.jibunAddress) },
            ]}
          />
          <nav class="itda-pager" aria-label={t('common.pagination')}>
            {props.page > 1 && <a href={query(props.page - 1)}>{t('common.prev')}</a>}
            {props.hasMore && <a href={query(props.page + 1)}>{t('common.next')}</a>}
          </nav>
        </>
      )}
    </Layout>
  );
}

export function StoreDetailPage(props: { c: AppContext; s: Store & { municipalityName: string | null }; canIntake: boolean }) {
  const { c, s } = props;
  const t = c.var.t;
  const title = s.branchName ? `${s.name} ${s.branchName}` : s.name;
  return (
    <Layout c={c} title={title}>
      <PageHeader title={title} lead={s.closedAt ? t('stores.closedSince', { date: kstDate(s.closedAt) }) : undefined}>
        {s.closedAt && <Badge tone="gray">{t('stores.closedBadge')}</Badge>}
      </PageHeader>
      <section class="itda-card" aria-labelledby="facts">
        <h2 id="facts" class="itda-h3">
          {t('stores.detail.facts')}
        </h2>
        <Facts
          items={[
            [t('stores.detail.id'), s.id],
            [t('stores.col.municipality'), `${dash(s.municipalityName)} (${s.sigunguName ?? s.sigunguCode})`],
            [t('stores.col.dong'), dash(s.adongName)],
            [t('stores.detail.road'), dash(s.roadAddress)],
            [t('stores.detail.jibun'), dash(s.jibunAddress)],
            [t('stores.detail.floor'), [s.floorInfo && `${s.floorInfo}층`, s.unitInfo && `${s.unitInfo}호`].filter(Boolean).join(' ') || '—'],
            [t('stores.col.industry'), [s.industryLargeName, s.industryMidName, s.industrySmallName].filter(Boolean).join(' › ') || '—'],
            [t('stores.col.ksic'), s.ksicCode ? `${s.ksicCode} ${s.ksicName ?? ''}` : '—'],
            [t('stores.detail.location'), s.lon !== null && s.lat !== null ? `${s.lon.toFixed(6)}, ${s.lat.toFixed(6)}` : t('stores.detail.noLocation')],
          ]}
        />
        <p class="form-hint">{t('stores.detail.unknown')}</p>
        <p class="form-hint">{t('stores.detail.source', { date: kstDate(s.updatedAt) })}</p>
      </section>
      {props.canIntake && (
        <div class="itda-form-actions">
          <LinkButton href={`/businesses/new?store=${encodeURIComponent(s.id)}`} variant="primary">
            {t('stores.openIntake')}
          </LinkButton>
        </div>
      )}
    </Layout>
  );
}

function counts(t: Translate, r: StoreImport) {
  return t('stores.import.counts', {
    total: r.totalRows.toLocaleString('en'),
    created: r.created.toLocaleString('en'),
    updated: r.updated.toLocaleString('en'),
    unchanged: r.unchanged.toLocaleString('en'),
    closed: r.closed.toLocaleString('en'),
    rejected: r.rejected.toLocaleString('en'),
    withoutCoordinates: r.withoutCoordinates.toLocaleString('en'),
    outside: r.outside.toLocaleString('en'),
  });
}

const STATUS_TONE = { running: 'information', done: 'success', failed: 'danger' } as const;

export function StoreImportPage(props: { c: AppContext; imports: StoreImport[]; errors?: FieldErrors; maxMb: number }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <Layout c={c} title={t('stores.import.title')}>
      <PageHeader title={t('stores.import.title')} lead={t('stores.import.lead')} />
      <ErrorSummary t={t} errors={props.errors} />
      <form method="post" action="/admin/stores" enctype="multipart/form-data" class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <FileField t={t} name="file" label={t('stores.import.file')} hint={t('stores.import.fileHint', { mb: props.maxMb })} accept=".csv,text/csv" errors={props.errors} required />
        <div class="itda-form-actions">
          <Button>{t('stores.import.submit')}</Button>
        </div>
      </form>
      <section aria-labelledby="recent">
        <h2 id="recent" class="itda-h2">
          {t('stores.import.recent')}
        </h2>
        <DataTable
          caption={t('stores.import.recent')}
          captionHidden
          empty={t('stores.import.none')}
          rows={props.imports}
          columns={[
            { header: t('stores.import.col.when'), rowHeader: true, cell: (r) => <a href={`/admin/stores/imports/${r.id}`}>{formatDateTime(r.startedAt, c.var.locale)}</a> },
            { header: t('stores.import.col.file'), cell: (r) => r.fileName },
            { header: t('stores.import.col.by'), cell: (r) => r.startedByLogin },
            { header: t('stores.import.col.status'), cell: (r) => <Badge tone={STATUS_TONE[r.status]}>{t(`stores.import.status.${r.status}`)}</Badge> },
            { header: t('stores.import.col.counts'), cell: (r) => (r.status === 'failed' ? importError(t, r.error) : counts(t, r)) },
          ]}
        />
      </section>
    </Layout>
  );
}

export function StoreImportDetailPage(props: { c: AppContext; r: StoreImport; justDone: boolean }) {
  const { c, r } = props;
  const t = c.var.t;
  const title = `${t('stores.import.title')} — ${r.fileName}`;
  return (
    <Layout c={c} title={title}>
      <PageHeader title={title} lead={`${formatDateTime(r.startedAt, c.var.locale)} · ${r.startedByLogin}`}>
        <Badge tone={STATUS_TONE[r.status]}>{t(`stores.import.status.${r.status}`)}</Badge>
      </PageHeader>
      <section class="itda-card" aria-labelledby="summary">
        <h2 id="summary" class="itda-h3">
          {t('stores.import.col.counts')}
        </h2>
        {r.status === 'failed' ? <p role="alert">{importError(t, r.error)}</p> : <p role={props.justDone ? 'status' : undefined}>{counts(t, r)}</p>}
        {r.rowsPerSecond !== null && r.finishedAt && (
          <p class="form-hint">
            {t('stores.import.speed', { seconds: ((new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime()) / 1000).toFixed(1), rate: r.rowsPerSecond.toLocaleString('en'), encoding: r.encoding ?? '?' })}
          </p>
        )}
        {!!r.notes.missingOptional?.length && <p class="form-hint">{t('stores.import.missingColumns', { columns: r.notes.missingOptional.join(', ') })}</p>}
        {!!r.notes.unknown?.length && <p class="form-hint">{t('stores.import.unknownColumns', { columns: r.notes.unknown.join(', ') })}</p>}
      </section>
      <DataTable
        caption={t('stores.import.issues')}
        rows={r.issues}
        empty=""
        compact
        columns={[
          { header: t('stores.import.col.line'), numeric: true, cell: (i) => i.line },
          { header: t('stores.import.col.id'), cell: (i) => dash(i.storeId) },
          { header: t('stores.import.col.result'), cell: (i) => (i.kept ? <Badge tone="warning">{t('stores.import.kept')}</Badge> : <Badge tone="danger">{t('stores.import.rejectedOne')}</Badge>) },
          { header: t('stores.import.col.reason'), cell: (i) => t(`stores.reason.${i.reason}`, { detail: i.detail }) },
        ]}
      />
      {r.issuesTruncated && <p class="form-hint">{t('stores.import.issuesTruncated')}</p>}
      <p>
        <a href="/admin/stores">{t('stores.import.recent')}</a>
      </p>
    </Layout>
  );
}
