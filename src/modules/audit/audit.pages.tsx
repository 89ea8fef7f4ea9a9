import type { Hono } from 'hono';
import { Button, Select } from '../../web/components/index.ts';
import type { AppContext, AppEnv } from '../../web/context.ts';
import { Layout, Notice, PageHeader } from '../../web/layout.tsx';
import type { AuditService } from './audit.service.ts';
import type { ChainCheckService, ChainStatus } from './chain-check.service.ts';
import { formatDateTime } from '../../web/format.ts';

type Rows = Awaited<ReturnType<AuditService['list']>>['rows'];

/**
 * The state of a hash chain (audit trail or access records): the check of the rows since the last
 * view, and the nightly full recomputation that also covers older rows.
 */
export function ChainNotice({ c, status }: { c: AppContext; status: ChainStatus }) {
  const t = c.var.t;
  const fmt = (d: Date | string) => formatDateTime(d, c.var.locale, { dateStyle: 'short' });
  const brokenAt = status.brokenAt ?? status.fullBrokenAt;
  const full = status.fullAt
    ? status.fullBrokenAt === null
      ? t('audit.fullOk', { at: fmt(status.fullAt) })
      : t('audit.fullBroken', { at: fmt(status.fullAt), id: status.fullBrokenAt })
    : t('audit.fullNone');
  return brokenAt === null ? (
    <Notice kind="success">
      {status.checked === 'all' ? t('audit.chainOk') : `${t('audit.chainOkSince')} ${full}`}
    </Notice>
  ) : (
    <Notice kind="danger" role="alert">
      {t('audit.chainBroken', { id: brokenAt })} {status.checked === 'new' ? full : ''}
    </Notice>
  );
}

function AuditPage(props: { c: AppContext; rows: Rows; hasNext: boolean; page: number; category: string; target?: string; chain: ChainStatus }) {
  const { c, rows } = props;
  const t = c.var.t;
  const qs = (page: number) => `/admin/audit?category=${props.category}&page=${page}${props.target ? `&target=${props.target}` : ''}`;
  return (
    <Layout c={c} title={t('audit.title')}>
      <PageHeader title={t('audit.title')} lead={t('audit.lead')} />
      <ChainNotice c={c} status={props.chain} />
      <form method="get" action="/admin/audit" class="itda-filters">
        <Select
          t={t}
          name="category"
          label={t('audit.category')}
          values={{ category: props.category }}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'permission', label: t('audit.cat.permission') },
            { value: 'auth', label: t('audit.cat.auth') },
          ]}
        />
        {props.target && <input type="hidden" name="target" value={props.target} />}
        <Button variant="secondary">{t('common.filter')}</Button>
      </form>
      <div class="krds-table-wrap">
        <table class="itda-table">
          <caption class="sr-only">{t('audit.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.target')}</th>
              <th scope="col">{t('audit.detail')}</th>
              <th scope="col">IP</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{formatDateTime(r.at, c.var.locale, { dateStyle: 'short', seconds: true })}</td>
                <th scope="row">{t(`audit.action.${r.action}`)}</th>
                <td>{r.actorLogin ?? '—'}</td>
                <td>{r.targetLogin ?? (r.subjectType ? `${r.subjectType} ${r.subjectId}` : '—')}</td>
                <td>
                  <code class="itda-detail">{JSON.stringify(r.detail)}</code>
                </td>
                <td>{r.ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav class="itda-pager" aria-label={t('common.pagination')}>
        {props.page > 1 && <a href={qs(props.page - 1)}>{t('common.prev')}</a>}
        {props.hasNext && <a href={qs(props.page + 1)}>{t('common.next')}</a>}
      </nav>
    </Layout>
  );
}

export function auditPages(app: Hono<AppEnv>, deps: { audit: AuditService; chains: ChainCheckService }) {
  app.get('/admin/audit', async (c) => {
    const q = c.req.query();
    const category = q.category === 'auth' || q.category === 'permission' ? q.category : 'all';
    const page = Math.max(1, Math.min(10_000, Number(q.page) || 1));
    const target = q.target && /^[0-9a-f-]{36}$/i.test(q.target) ? q.target : undefined;
    const { rows, hasNext } = await deps.audit.list(c.var.actor, { category, targetUserId: target, page });
    const chain = await deps.chains.auditStatus(c.var.actor);
    return c.html(<AuditPage c={c} rows={rows} hasNext={hasNext} page={page} category={category} target={target} chain={chain} />);
  });
}
