import type { Hono } from 'hono';
import { Button, Select } from '../../web/components/index.ts';
import type { AppContext, AppEnv } from '../../web/context.ts';
import { Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { NOTIFICATION_STATUSES, type NotificationChannelKind, type NotificationService, type NotificationStatus } from './notifications.service.ts';
import { maskRecipient, smsKind } from './notifications.templates.ts';
import { formatDateTime } from '../../web/format.ts';

type Listing = Awaited<ReturnType<NotificationService['list']>>;
const CHANNELS: readonly NotificationChannelKind[] = ['email', 'sms', 'alimtalk'];

interface Filter {
  status?: NotificationStatus;
  channel?: NotificationChannelKind;
  page: number;
}

function href(f: Filter): string {
  const q = new URLSearchParams();
  if (f.status) q.set('status', f.status);
  if (f.channel) q.set('channel', f.channel);
  if (f.page > 1) q.set('page', String(f.page));
  const s = q.toString();
  return s ? `/admin/notifications?${s}` : '/admin/notifications';
}

function NotificationsPage(props: { c: AppContext; listing: Listing; filter: Filter }) {
  const { c, listing, filter } = props;
  const t = c.var.t;
  // Times in Korean time whatever the server's TZ: that is when the recipients read them.
  const fmt = (d: Date) => formatDateTime(d, c.var.locale, { dateStyle: 'short' });
  return (
    <Layout c={c} title={t('notifications.title')}>
      <PageHeader title={t('notifications.title')} lead={t('notifications.lead')} />
      {listing.counts.failed > 0 && (
        <Notice kind="warning">
          <a href={href({ status: 'failed', page: 1 })}>{t('notifications.failedNotice', { n: listing.counts.failed })}</a>
        </Notice>
      )}
      <nav class="itda-filters" aria-label={t('notifications.counts')}>
        {NOTIFICATION_STATUSES.map((s) => (
          <a href={href({ status: s, channel: filter.channel, page: 1 })} aria-current={filter.status === s ? 'true' : undefined}>
            {t(`notifications.status.${s}`)} {listing.counts[s]}
          </a>
        ))}
      </nav>
      <form method="get" action="/admin/notifications" class="itda-filters">
        <Select
          t={t}
          name="status"
          label={t('notifications.statusLabel')}
          values={{ status: filter.status ?? '' }}
          options={[{ value: '', label: t('common.all') }, ...NOTIFICATION_STATUSES.map((s) => ({ value: s, label: t(`notifications.status.${s}`) }))]}
        />
        <Select
          t={t}
          name="channel"
          label={t('notifications.channel')}
          values={{ channel: filter.channel ?? '' }}
          options={[{ value: '', label: t('common.all') }, ...CHANNELS.map((ch) => ({ value: ch, label: t(`notifications.channel.${ch}`) }))]}
        />
        <Button variant="secondary">{t('common.filter')}</Button>
      </form>
      {listing.rows.length === 0 ? (
        <p>{t('notifications.empty')}</p>
      ) : (
        <div class="krds-table-wrap">
          <table class="itda-table">
            <caption class="sr-only">{t('notifications.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('notifications.createdAt')}</th>
                <th scope="col">{t('notifications.channel')}</th>
                <th scope="col">{t('notifications.recipient')}</th>
                <th scope="col">{t('notifications.message')}</th>
                <th scope="col">{t('notifications.statusLabel')}</th>
                <th scope="col">{t('notifications.attempts')}</th>
                <th scope="col">{t('notifications.when')}</th>
              </tr>
            </thead>
            <tbody>
              {listing.rows.map((r) => (
                <tr>
                  <td>{fmt(r.createdAt)}</td>
                  <td>
                    {t(`notifications.channel.${r.channel}`)}
                    {r.channel === 'sms' && smsKind(r.body) === 'LMS' && ` (${t('notifications.lms')})`}
                  </td>
                  <td>{maskRecipient(r.channel, r.recipient)}</td>
                  <th scope="row">
                    <details>
                      <summary>{r.subject ?? t(`notifications.template.${r.template}`)}</summary>
                      <p class="itda-detail">
                        {r.body.split('\n').map((line, i) => (
                          <>
                            {i > 0 && <br />}
                            {line}
                          </>
                        ))}
                      </p>
                    </details>
                  </th>
                  <td>
                    {t(`notifications.status.${r.status}`)}
                    {r.provider && <span class="form-hint"> ({r.provider === 'log' ? t('notifications.providerLog') : r.provider})</span>}
                    {r.lastError && <p class="form-hint">{r.lastError}</p>}
                  </td>
                  <td>{r.attempts}</td>
                  <td>
                    {r.status === 'sent' && r.sentAt
                      ? t('notifications.sentAt', { at: fmt(r.sentAt) })
                      : r.status === 'pending'
                        ? t('notifications.nextAttemptAt', { at: fmt(r.nextAttemptAt) })
                        : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="itda-pager" aria-label={t('common.pagination')}>
        {filter.page > 1 && <a href={href({ ...filter, page: filter.page - 1 })}>{t('common.prev')}</a>}
        {listing.hasNext && <a href={href({ ...filter, page: filter.page + 1 })}>{t('common.next')}</a>}
      </nav>
    </Layout>
  );
}

/** The outbox for operators and administrators (notifications.read). */
export function notificationPages(app: Hono<AppEnv>, deps: { notifications: NotificationService }) {
  app.get('/admin/notifications', async (c) => {
    const q = c.req.query();
    const filter: Filter = {
      status: (NOTIFICATION_STATUSES as readonly string[]).includes(q.status ?? '') ? (q.status as NotificationStatus) : undefined,
      channel: (CHANNELS as readonly string[]).includes(q.channel ?? '') ? (q.channel as NotificationChannelKind) : undefined,
      page: Math.max(1, Math.min(10_000, Number(q.page) || 1)),
    };
    const listing = await deps.notifications.list(c.var.actor, filter);
    return c.html(<NotificationsPage c={c} listing={listing} filter={filter} />);
  });
}
