import type { AppContext } from '../../web/context.ts';
import { Badge, Button, CsrfField, DataTable, ErrorSummary, Facts, LinkButton, RadioGroup, Textarea, type FieldErrors, type FormValues } from '../../web/components/index.ts';
import { formatDateTime } from '../../web/format.ts';
import { Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { DELETION_ON_REQUEST, type RetentionPeriod } from '../../domain/retention/retention.rules.ts';
import type { RetentionService } from './retention.service.ts';
import type { DataRequestsService } from './data-requests.service.ts';

type Ledger = Awaited<ReturnType<RetentionService['ledger']>>;

function periodText(c: AppContext, p: RetentionPeriod): string {
  const t = c.var.t;
  const parts = [
    p.years ? t('retention.period.years', { n: p.years }) : null,
    p.months ? t('retention.period.months', { n: p.months }) : null,
    p.days ? t('retention.period.days', { n: p.days }) : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' ') : t('retention.period.perRow');
}

/** /admin/retention: the rules with their bases, the last run, the 파기 대장 and its export. */
export function RetentionPage({ c, data }: { c: AppContext; data: Ledger }) {
  const t = c.var.t;
  const notice = c.req.query('notice');
  return (
    <Layout c={c} title={t('retention.title')}>
      <PageHeader title={t('retention.title')} lead={t('retention.lead')} />
      {notice === 'ran' && <Notice kind="success">{t('retention.ranNotice')}</Notice>}
      <section aria-labelledby="ret-ledger">
        <h2 class="itda-h2" id="ret-ledger">
          {t('retention.ledger.title')}
        </h2>
        <p>
          {data.lastRun
            ? t('retention.lastRun', { at: formatDateTime(data.lastRun.startedAt, c.var.locale), total: data.lastRun.total, trigger: t(`retention.trigger.run.${data.lastRun.trigger}`) })
            : t('retention.neverRun')}
        </p>
        <div class="itda-ledger-actions">
          <LinkButton href="/admin/retention/export.xlsx" variant="secondary">
            {t('retention.export')}
          </LinkButton>
          <form method="post" action="/admin/retention/run">
            <CsrfField token={c.var.csrfToken} />
            <Button variant="tertiary">{t('retention.runNow')}</Button>
          </form>
        </div>
        <DataTable
          caption={t('retention.ledger.title')}
          captionHidden
          id="destruction-records"
          rows={data.records}
          empty={t('retention.ledger.empty')}
          columns={[
            { header: t('retention.col.at'), cell: (r) => formatDateTime(r.at, c.var.locale) },
            { header: t('retention.col.kind'), cell: (r) => t(`retention.kind.${r.kind}`), rowHeader: true },
            { header: t('retention.col.count'), cell: (r) => r.count.toLocaleString('ko-KR'), numeric: true },
            { header: t('retention.col.method'), cell: (r) => t(`retention.method.${r.method}`) },
            { header: t('retention.col.rule'), cell: (r) => <code>{r.ruleId}</code> },
          ]}
        />
      </section>
      <section aria-labelledby="ret-rules">
        <h2 class="itda-h2" id="ret-rules">
          {t('retention.rules.title')}
        </h2>
        <ul class="itda-programme-list">
          {data.rules.map((r) => (
            <li class="itda-card">
              <h3 class="itda-h3">
                {t(`retention.kind.${r.kind}`)} <Badge tone={r.action === 'destroy' ? 'danger' : 'warning'}>{t(`retention.method.${r.action}`)}</Badge>
              </h3>
              <Facts
                compact
                items={[
                  [t('retention.rules.period'), periodText(c, r.period)],
                  [t('retention.rules.trigger'), t(r.trigger)],
                  [t('retention.rules.basis'), r.basis],
                  [t('retention.rules.source'), t(`retention.source.${r.source}`)],
                  [t('retention.rules.id'), <code>{r.id}</code>],
                ]}
              />
            </li>
          ))}
          <li class="itda-card">
            <h3 class="itda-h3">
              {t('retention.kind.business')} — {t('retention.onRequest')} <Badge tone="warning">{t(`retention.method.${DELETION_ON_REQUEST.action}`)}</Badge>
            </h3>
            <Facts
              compact
              items={[
                [t('retention.rules.period'), t('retention.onRequestPeriod')],
                [t('retention.rules.basis'), DELETION_ON_REQUEST.basis],
                [t('retention.rules.id'), <code>{DELETION_ON_REQUEST.id}</code>],
              ]}
            />
          </li>
        </ul>
      </section>
    </Layout>
  );
}

type Open = Awaited<ReturnType<DataRequestsService['open']>>;

/** The clerk's home: owners' requests due within 10 days, overdue first and marked. */
export function DataRequestsCard({ c, data }: { c: AppContext; data: Open }) {
  const t = c.var.t;
  return (
    <section class="itda-card" aria-labelledby="t-data-requests">
      <h2 class="itda-h3" id="t-data-requests">
        {t('rights.home.title')} ({data.rows.length})
      </h2>
      {data.rows.length === 0 ? (
        <p>{t('rights.home.none')}</p>
      ) : (
        <ul class="itda-list">
          {data.rows.map((r) => (
            <li>
              <Badge tone={r.dueOn < data.today ? 'danger' : r.dueOn === data.today ? 'warning' : 'success'}>
                {r.dueOn < data.today ? t('rights.overdue', { date: r.dueOn }) : t('rights.due', { date: r.dueOn })}
              </Badge>{' '}
              <a href={`/data-requests/${r.id}`}>
                {r.businessName}: {t(`rights.kind.${r.kind}`)}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type One = Awaited<ReturnType<DataRequestsService['get']>>;

/** One request: what the owner asked, by when, and the office's answer. */
export function DataRequestPage({ c, data, values, errors, message }: { c: AppContext; data: One; values?: FormValues; errors?: FieldErrors; message?: string }) {
  const t = c.var.t;
  const r = data.request;
  const outcomes = (r.kind === 'correction' ? ['corrected', 'refused'] : ['deleted', 'refused']).map((o) => ({ value: o, label: t(`rights.status.${o}`) }));
  return (
    <Layout c={c} title={t('rights.title')}>
      <PageHeader title={t('rights.title')} lead={t('rights.lead')} />
      <ErrorSummary errors={errors} t={t} message={message} />
      <Facts
        items={[
          [t('rights.business'), data.business.anonymisedAt ? data.business.name : <a href={`/businesses/${data.business.id}`}>{data.business.name}</a>],
          [t('rights.kindLabel'), t(`rights.kind.${r.kind}`)],
          [t('rights.reason'), r.reason],
          [t('rights.requestedAt'), formatDateTime(r.requestedAt, c.var.locale)],
          [
            t('rights.dueOn'),
            <Badge tone={r.status === 'open' && r.dueOn < data.today ? 'danger' : 'success'}>{r.dueOn}</Badge>,
          ],
          [t('rights.statusLabel'), t(`rights.status.${r.status}`)],
          ...(r.outcomeNote ? ([[t('rights.note'), r.outcomeNote]] as [string, string][]) : []),
          ...(r.decidedAt ? ([[t('rights.decidedAt'), formatDateTime(r.decidedAt, c.var.locale)]] as [string, string][]) : []),
        ]}
      />
      {r.status === 'open' && (
        <form method="post" action={`/data-requests/${r.id}`} novalidate>
          <CsrfField token={c.var.csrfToken} />
          {r.kind === 'deletion' && <Notice kind="warning">{t('rights.deleteWarning')}</Notice>}
          <RadioGroup t={t} name="outcome" label={t('rights.outcome')} options={outcomes} values={values} errors={errors} required />
          <Textarea t={t} name="note" label={t('rights.note')} hint={t('rights.noteHint')} values={values} errors={errors} rows={3} />
          <Button>{t('rights.record')}</Button>
        </form>
      )}
    </Layout>
  );
}
