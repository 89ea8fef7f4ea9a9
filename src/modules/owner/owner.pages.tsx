import type { Hono } from 'hono';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { formatDateTime, formatWon } from '../../web/format.ts';
import type { OwnerService } from './owner.service.ts';
import { uuidParam } from '../../web/params.ts';

type View = Awaited<ReturnType<OwnerService['forOwnerAccount']>>[number];

/** Large, plain Korean for owners who are not at ease with IT: status, what to bring, by when, whom to call. */
export function OwnerCase({ c, v }: { c: AppContext; v: View }) {
  const t = c.var.t;
  return (
    <section class="itda-owner" aria-labelledby={`own-${v.business.id}`}>
      <h2 class="itda-h2" id={`own-${v.business.id}`}>
        {v.business.name}
      </h2>
      {v.participations.length === 0 && <p>{t('owner.none')}</p>}
      <ul class="itda-programme-list">
        {v.participations.map((p) => (
          <li class="itda-card">
            <h3>{p.title}</h3>
            <p class="itda-owner-status">{t(`owner.status.${p.status}`)}</p>
            {p.status === 'benefited' && p.benefitAmount && <p>{t('owner.benefit', { amount: formatWon(p.benefitAmount, c.var.locale), date: p.benefitedOn ?? '' })}</p>}
            {p.needed.length > 0 && (
              <>
                <p>
                  <strong>{t('owner.bring')}</strong>
                </p>
                <ul>
                  {p.needed.map((d) => (
                    <li>{d.name}</li>
                  ))}
                </ul>
              </>
            )}
            {p.deadline && p.deadline >= v.today && !['submitted', 'selected', 'rejected', 'withdrawn', 'benefited'].includes(p.status) && (
              <p class="itda-ask">{t('owner.deadline', { date: p.deadline })}</p>
            )}
          </li>
        ))}
      </ul>
      <div class="itda-card">
        <h3>{t('owner.contact')}</h3>
        <p>
          {v.business.clerkName ?? t('owner.noClerk')}
          {v.business.clerkPhone && (
            <>
              {' '}
              · <a href={`tel:${v.business.clerkPhone}`}>{v.business.clerkPhone}</a>
            </>
          )}
        </p>
        {v.business.officeName && (
          <p>
            {v.business.officeName}
            {v.business.officePhone && (
              <>
                {' '}
                · <a href={`tel:${v.business.officePhone}`}>{v.business.officePhone}</a>
              </>
            )}
          </p>
        )}
      </div>
    </section>
  );
}

export function ownerPages(app: Hono<AppEnv>, deps: { owner: OwnerService }) {
  app.get('/o/:token', async (c) => {
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    const v = await deps.owner.byLink(c.req.param('token'), requestMeta(c));
    const t = c.var.t;
    return c.html(
      <Layout c={c} title={t('owner.title')}>
        <div class="itda-large">
          <PageHeader title={t('owner.title')} lead={t('owner.lead')} />
          <Notice kind="info">{t('owner.linkReusable', { until: formatDateTime(v.linkExpiresAt, c.var.locale) })}</Notice>
          <OwnerCase c={c} v={v} />
        </div>
      </Layout>,
    );
  });

  app.post('/businesses/:id/owner-link', async (c) => {
    const id = uuidParam(c);
    await deps.owner.sendLink(c.var.actor, id, requestMeta(c));
    return c.redirect(`/businesses/${id}?notice=ownerLink`, 303);
  });
}

export function OwnerHome({ c, views }: { c: AppContext; views: View[] }) {
  const t = c.var.t;
  return (
    <div class="itda-large">
      {views.length === 0 && <Notice kind="info">{t('owner.noBusiness')}</Notice>}
      {views.map((v) => (
        <OwnerCase c={c} v={v} />
      ))}
    </div>
  );
}
