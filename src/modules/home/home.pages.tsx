import type { Hono } from 'hono';
import type { Role } from '../../domain/roles.ts';
import { UnauthenticatedError } from '../../errors.ts';
import type { AppContext, AppEnv } from '../../web/context.ts';
import { Badge, CsrfField } from '../../web/components/index.ts';
import type { BusinessesService } from '../businesses/businesses.service.ts';
import { can } from '../auth/auth.policy.ts';
import type { EligibilityService } from '../eligibility/eligibility.service.ts';
import type { StoredVerdicts } from '../matching/stored-verdicts.service.ts';
import { OwnerHome } from '../owner/owner.pages.tsx';
import type { OwnerService } from '../owner/owner.service.ts';
import { requestMeta } from '../../web/context.ts';
import { Layout, Notice, PageHeader, pageResponse } from '../../web/layout.tsx';
import { navigationFor } from '../../web/navigation.ts';
import type { DataRequestsService } from '../retention/data-requests.service.ts';
import { DataRequestsCard } from '../retention/retention.views.tsx';
import { pageKey, renderHtml, type PageCache } from '../../web/page-cache.ts';

/**
 * Each role lands on its own home: what the role is for in the programme (docs/domain.md, "People"),
 * what it can see, and where to go. Features arrive with later issues; only working links appear.
 */
const ROLE_POINTS: Record<Role, string[]> = {
  owner: ['home.owner.1', 'home.owner.2', 'home.owner.3'],
  clerk: ['home.clerk.1', 'home.clerk.2', 'home.clerk.3'],
  office_lead: ['home.office_lead.1', 'home.office_lead.2', 'home.office_lead.3'],
  operator: ['home.operator.1', 'home.operator.2', 'home.operator.3'],
  province: ['home.province.1', 'home.province.2', 'home.province.3'],
  saeil_counsellor: ['home.saeil_counsellor.1', 'home.saeil_counsellor.2', 'home.saeil_counsellor.3'],
  catalog_editor: ['home.catalog_editor.1', 'home.catalog_editor.2', 'home.catalog_editor.3'],
  admin: ['home.admin.1', 'home.admin.2', 'home.admin.3'],
};

type Today = Awaited<ReturnType<BusinessesService['clerkToday']>>;
type Closing = Awaited<ReturnType<StoredVerdicts['closingSoonGroups']>>;

/**
 * Programmes shown under "곧 마감" before "전체 보기": with a 2,000-programme catalogue a hundred
 * may close within 14 days, and a page of a hundred groups is neither read nor fast (issue 12 §4).
 */
const CLOSING_GROUPS = 20;
/** Businesses named under each programme; the rest are counted ("외 N곳"). */
const CLOSING_PER_GROUP = 5;

/** "오늘 할 일": tasks due, programmes closing within 14 days that fit, expiring documents, quiet businesses. */
function ClerkToday({ c, today, closing, allClosing }: { c: AppContext; today: Today; closing: Closing; allClosing: boolean }) {
  const t = c.var.t;
  const groups = closing.groups;
  const shown = allClosing ? groups : groups.slice(0, CLOSING_GROUPS);
  return (
    <div class="itda-today">
      <p class="itda-result-count">{t('today.summary', { n: today.mine.length, tasks: today.tasks.length, closing: groups.length })}</p>
      <section class="itda-card" aria-labelledby="t-tasks">
        <h2 class="itda-h3" id="t-tasks">
          {t('today.tasks')} ({today.tasks.length})
        </h2>
        {today.tasks.length === 0 ? (
          <p>{t('today.noTasks')}</p>
        ) : (
          <ul class="itda-list">
            {today.tasks.map((k) => (
              <li>
                <Badge tone={k.dueOn < today.today ? 'danger' : k.dueOn === today.today ? 'warning' : 'success'}>{k.dueOn}</Badge>{' '}
                <a href={`/businesses/${k.businessId}`}>{k.businessName}</a>: {k.title}
                <form method="post" action={`/tasks/${k.id}/done`} class="itda-inline-form">
                  <CsrfField token={c.var.csrfToken} />
                  <button type="submit" class="krds-btn small text">
                    {t('today.done')}
                    <span class="sr-only"> {k.title}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="itda-card" aria-labelledby="t-closing">
        <h2 class="itda-h3" id="t-closing">
          {t('today.closing')} ({closing.rows})
        </h2>
        {closing.rows === 0 ? (
          <p>{t('today.noClosing')}</p>
        ) : (
          <ul class="itda-list">
            {shown.map((g) => (
              <li>
                <Badge tone="danger">{g.periodEnd}</Badge> <a href={`/programmes/${g.programmeId}`}>{g.title}</a>
                <ul class="itda-sublist">
                  {g.first.map((x) => (
                    <li>
                      <a href={`/businesses/${x.businessId}`}>{x.businessName}</a>:{' '}
                      {x.verdict === 'eligible'
                        ? t('verdict.eligible')
                        : x.verdict === 'unreviewed'
                          ? t('verdict.unreviewed')
                          : `${t('verdict.unknown')} (${x.missing.map((f) => t(`eligibility.fact.${f}`)).join(', ')})`}
                    </li>
                  ))}
                  {g.total > g.first.length && <li>{t('today.andMore', { n: g.total - g.first.length })}</li>}
                </ul>
              </li>
            ))}
          </ul>
        )}
        {shown.length < groups.length && (
          <p>
            <a href="/home?closing=all#t-closing">{t('today.closingAll', { n: groups.length - shown.length })}</a>
          </p>
        )}
      </section>
      <section class="itda-card" aria-labelledby="t-docs">
        <h2 class="itda-h3" id="t-docs">
          {t('today.expiring')} ({today.expiring.length})
        </h2>
        {today.expiring.length === 0 ? (
          <p>{t('today.noExpiring')}</p>
        ) : (
          <ul class="itda-list">
            {today.expiring.map((d) => (
              <li>
                <a href={`/businesses/${d.businessId}`}>{d.businessName}</a>: {d.typeName} (
                {t('today.validUntil', { date: d.validUntil ?? '' })})
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="itda-card" aria-labelledby="t-quiet">
        <h2 class="itda-h3" id="t-quiet">
          {t('today.quiet', { days: 30 })} ({today.quiet.length})
        </h2>
        <ul class="itda-list">
          {today.quiet.slice(0, 10).map((b) => (
            <li>
              <a href={`/businesses/${b.id}`}>{b.name}</a> —{' '}
              {b.lastContactAt ? t('today.lastContact', { date: b.lastContactAt.toISOString().slice(0, 10) }) : t('today.neverContacted')}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/** Issue 11 §2: how many imported notices wait for their rule to be reviewed, and for how long. */
function ReviewQueueCard({ c, queue }: { c: AppContext; queue: { count: number; oldestDays: number } }) {
  const t = c.var.t;
  return (
    <section class="itda-card" aria-labelledby="review-queue">
      <h2 class="itda-h3" id="review-queue">
        {t('review.home.title')}
      </h2>
      <p>{queue.count ? t('review.home.summary', { n: queue.count, days: queue.oldestDays }) : t('review.home.none')}</p>
      {queue.count > 0 && can(c.var.actor, 'programmes.edit') && (
        <p>
          <a href="/catalogue/review-queue">{t('review.queue.title')}</a>
        </p>
      )}
    </section>
  );
}

interface HomeProps {
  c: AppContext;
  requests?: Awaited<ReturnType<DataRequestsService['open']>>;
  owner?: Awaited<ReturnType<OwnerService['forOwnerAccount']>>;
  queue?: { count: number; oldestDays: number };
}

/** The home above the clerk's "오늘 할 일": notices, the greeting, the data-request card. */
function HomeTop({ c, requests }: HomeProps) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  const notice = c.req.query('notice');
  return (
    <>
      {notice === 'passwordChanged' && <Notice kind="success">{t('password.changed')}</Notice>}
      {notice === 'recoveryCodeUsed' && (
        <Notice kind="warning">{t('secondFactor.recoveryUsed', { n: Number(c.req.query('left')) || 0 })}</Notice>
      )}
      <PageHeader
        title={t(`home.${actor.role}.title`)}
        lead={t('home.greeting', { name: actor.displayName, role: t(`role.${actor.role}`) })}
      />
      {requests && <DataRequestsCard c={c} data={requests} />}
    </>
  );
}

/** The home below it: the owner's own page, the review queue, what the role is for, where to go. */
function HomeBottom({ c, owner, queue }: HomeProps) {
  const t = c.get('t');
  const actor = c.get('actor')!;
  const links = navigationFor(actor).filter((n) => n.href !== '/home');
  return (
    <>
      {owner && <OwnerHome c={c} views={owner} />}
      {queue && <ReviewQueueCard c={c} queue={queue} />}
      <section aria-labelledby="role-scope">
        <h2 id="role-scope" class="itda-h2">
          {t('home.scopeTitle')}
        </h2>
        <ul class="itda-card-grid">
          {ROLE_POINTS[actor.role].map((k) => (
            <li class="itda-card">
              <p>{t(k)}</p>
            </li>
          ))}
        </ul>
      </section>
      {links.length > 0 && (
        <section aria-labelledby="role-links">
          <h2 id="role-links" class="itda-h2">
            {t('home.linksTitle')}
          </h2>
          <ul class="itda-card-grid">
            {links.map((l) => (
              <li class="itda-card">
                <a href={l.href}>{t(l.labelKey)}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function HomePage(props: HomeProps) {
  const { c } = props;
  return (
    <Layout c={c} title={c.get('t')(`home.${c.get('actor')!.role}.title`)}>
      <HomeTop {...props} />
      <HomeBottom {...props} />
    </Layout>
  );
}

function PrivacyPage({ c }: { c: AppContext }) {
  const t = c.var.t;
  return (
    <Layout c={c} title={t('privacy.title')}>
      <PageHeader title={t('privacy.title')} lead={t('privacy.lead')} />
      <ul>
        <li>{t('privacy.controller')}</li>
        <li>{t('privacy.processor')}</li>
        <li>{t('privacy.noRrn')}</li>
        <li>{t('privacy.records')}</li>
      </ul>
    </Layout>
  );
}

export function homePages(
  app: Hono<AppEnv>,
  deps: {
    businesses: BusinessesService;
    eligibility: EligibilityService;
    storedVerdicts: StoredVerdicts;
    owner: OwnerService;
    dataRequests: DataRequestsService;
    /** Rendered bodies kept per fingerprint (absent: every view renders). */
    pageCache?: PageCache;
  },
) {
  app.get('/home', async (c) => {
    const actor = c.get('actor');
    if (!actor) throw new UnauthenticatedError();
    // Owners' correction / deletion requests with their 10-day due date (개인정보 보호법 §36, 시행령 §43).
    const openRequests = () =>
      can(actor, 'dataRequests.handle') ? deps.dataRequests.open(actor, requestMeta(c)) : Promise.resolve(undefined);
    if (actor.role === 'clerk') {
      // The clerk's home is rendered once per fingerprint of what it shows and kept (issue 12 §4,
      // src/web/page-cache.ts): her businesses, tasks and documents for "오늘 할 일", and the open
      // data requests the card lists (businesses.repository.ts `homeFingerprint`); keyed also by
      // who she is (the greeting and the links), the language, the day and the "전체 보기" switch.
      // Not kept when some of her verdicts were evaluated live, nor with a notice (?notice=…). A
      // view of a kept home records the card's view as reading it would (`openShown`).
      const view = await deps.businesses.clerkTodayView(actor, { notContactedDays: 30 });
      const allClosing = c.req.query('closing') === 'all';
      const title = c.get('t')('home.clerk.title');
      const cache = view.keepable && c.req.query('notice') === undefined ? deps.pageCache : undefined;
      const slot = pageKey('home', actor.userId, actor.displayName, c.get('locale'), allClosing);
      const key = pageKey(slot, view.fingerprint, view.today);
      const kept = cache?.get(key, c.get('csrfToken'));
      if (kept) {
        await deps.dataRequests.openShown(actor, requestMeta(c), kept.shown ?? 0);
        return pageResponse(c, title, kept.chunks);
      }
      const [requests, today] = await Promise.all([openRequests(), view.load()]);
      // From the stored verdicts (issue 12 §4): only the closing programmes' cells of her businesses.
      const closing = await deps.storedVerdicts.closingSoonGroups(today.mine, today.today, today.in14, CLOSING_PER_GROUP);
      const props = { c, requests };
      const html = await renderHtml(
        <>
          <HomeTop {...props} />
          <ClerkToday c={c} today={today} closing={closing} allClosing={allClosing} />
          <HomeBottom {...props} />
        </>,
      );
      // Not across midnight: a body of the new day is not kept under the old day's key.
      if (today.today === view.today) cache?.set(key, { title, html, shown: requests?.rows.length ?? 0 }, c.get('csrfToken'), slot);
      return pageResponse(c, title, [html]);
    }
    const requests = await openRequests();
    if (actor.role === 'owner') return c.html(<HomePage c={c} owner={await deps.owner.forOwnerAccount(actor, requestMeta(c))} />);
    if (can(actor, 'programmes.import'))
      return c.html(<HomePage c={c} queue={await deps.eligibility.reviewQueueSummary(actor)} requests={requests} />);
    return c.html(<HomePage c={c} requests={requests} />);
  });
  app.get('/privacy', (c) => c.html(<PrivacyPage c={c} />));
}
