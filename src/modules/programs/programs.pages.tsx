import type { Hono } from 'hono';
import type { Translate } from '../../i18n/i18n.ts';
import { Badge, Button, Checkbox, Input, Select, type FormValues } from '../../web/components/index.ts';
import type { AppContext, AppEnv } from '../../web/context.ts';
import { DemoBadge, Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { can } from '../auth/auth.policy.ts';
import { formatDateTime, formatWon } from '../../web/format.ts';
import { describePeriod, PERIOD_BADGE_TONE } from './programs.format.ts';
import type { ProgramsService } from './programs.service.ts';
import { RuleView } from './programs.rule-view.tsx';
import type { NoticeDocumentView, NoticesService } from '../notices/notices.service.ts';
import { NoticeDocumentsSection } from '../notices/notices.views.tsx';
import { requestMeta } from '../../web/context.ts';
import { idParam } from '../../web/params.ts';

const CATEGORIES = ['01', '02', '03', '04', '05', '06', '07', '09'] as const;

/** 시·도 and the 31 시·군 of Gyeonggi for the region filter. */
export function regionOptions(t: Translate, municipalities: { code: string; name: string }[]) {
  return [
    { value: '41', label: t('programmes.regionGyeonggi') },
    ...municipalities.map((m) => ({ value: m.code, label: `경기 ${m.name}` })),
  ];
}


function benefitText(t: Translate, locale: string, type: string | null, amount: number | null): string {
  const kind = type ? t(`programmes.benefit.${type}`) : '';
  const max = amount ? t('programmes.upTo', { amount: formatWon(amount, locale) }) : '';
  return [kind, max].filter(Boolean).join(' · ');
}

type SearchResult = Awaited<ReturnType<ProgramsService['search']>>;

function ListPage(props: {
  c: AppContext;
  result: SearchResult;
  values: FormValues;
  agencies: string[];
  municipalities: { code: string; name: string }[];
}) {
  const { c, result } = props;
  const t = c.var.t;
  const locale = c.var.locale;
  const qs = (page: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(props.values)) if (typeof v === 'string' && v && k !== 'page') p.set(k, v);
    p.set('page', String(page));
    return `/programmes?${p.toString()}`;
  };
  const from = result.total === 0 ? 0 : (result.page - 1) * result.pageSize + 1;
  const to = Math.min(result.total, result.page * result.pageSize);
  return (
    <Layout c={c} title={t('programmes.title')}>
      <PageHeader title={t('programmes.title')} lead={t('programmes.lead')} />
      <form method="get" action="/programmes" class="itda-filters itda-filters-wide" role="search">
        <Input t={t} name="q" label={t('programmes.search')} values={props.values} />
        <Select
          t={t}
          name="category"
          label={t('programmes.category')}
          values={props.values}
          placeholder={t('common.all')}
          options={CATEGORIES.map((k) => ({ value: k, label: t(`category.${k}`) }))}
        />
        <Select
          t={t}
          name="region"
          label={t('programmes.region')}
          values={props.values}
          placeholder={t('programmes.regionAll')}
          options={regionOptions(t, props.municipalities)}
        />
        <Select
          t={t}
          name="agency"
          label={t('programmes.agency')}
          values={props.values}
          placeholder={t('common.all')}
          options={props.agencies.map((a) => ({ value: a, label: a }))}
        />
        <Input t={t} name="closingWithin" type="number" label={t('programmes.closingWithin')} values={props.values} />
        <Select
          t={t}
          name="sort"
          label={t('programmes.sort')}
          values={props.values}
          options={(['deadline', 'title', 'recent'] as const).map((s) => ({ value: s, label: t(`programmes.sort.${s}`) }))}
        />
        <Checkbox name="open" label={t('programmes.openNow')} checked={props.values.open === 'on'} />
        <Button variant="primary">{t('common.filter')}</Button>
      </form>
      <p role="status" class="itda-result-count">
        {result.total ? t('programmes.results', { total: result.total, from, to }) : t('programmes.none')}
      </p>
      <ul class="itda-programme-list">
        {result.rows.map((r) => {
          const period = describePeriod(r, result.today, t, locale);
          return (
            <li class="itda-card itda-programme">
              <h2>
                <a href={`/programmes/${r.id}`}>{r.title}</a>
              </h2>
              <p class="itda-meta">
                {r.category && <span class="itda-tag">{t(`category.${r.category}`)}</span>}
                {period.badge && <Badge tone={PERIOD_BADGE_TONE[period.badge.kind]}>{period.badge.text}</Badge>}
                {r.isSample && <DemoBadge label={t('programmes.sample')} />}
              </p>
              <dl class="itda-dl itda-dl-compact">
                <dt>{t('programmes.ministry')}</dt>
                <dd>{[r.ministry, r.executingAgency].filter(Boolean).join(' · ') || '—'}</dd>
                <dt>{t('programmes.period')}</dt>
                <dd>{period.text}</dd>
                {(r.benefitType || r.benefitMaxAmount) && (
                  <>
                    <dt>{t('programmes.benefit')}</dt>
                    <dd>{benefitText(t, locale, r.benefitType, r.benefitMaxAmount)}</dd>
                  </>
                )}
              </dl>
            </li>
          );
        })}
      </ul>
      <nav class="itda-pager" aria-label={t('common.pagination')}>
        {result.page > 1 && <a href={qs(result.page - 1)}>{t('common.prev')}</a>}
        {to < result.total && <a href={qs(result.page + 1)}>{t('common.next')}</a>}
      </nav>
    </Layout>
  );
}

type Detail = Awaited<ReturnType<ProgramsService['get']>>;

function DetailPage({ c, d, noticeDocs }: { c: AppContext; d: Detail; noticeDocs: NoticeDocumentView[] }) {
  const t = c.var.t;
  const locale = c.var.locale;
  const v = d.shown;
  const old = v.id !== d.current.id;
  const period = describePeriod(v, d.today, t, locale);
  const docNames = new Map(d.documentTypes.map((x) => [x.code, locale === 'ko' ? x.name : (x.nameEn ?? x.name)]));
  const docs = [...v.requiredDocuments.map((code) => docNames.get(code) ?? code), ...v.documentNames];
  return (
    <Layout c={c} title={v.title}>
      {c.req.query('notice') === 'published' && <Notice kind="success">{t('programmes.draft.published')}</Notice>}
      {c.req.query('notice') === 'noticesRead' && (
        <Notice kind="success">
          {t('notices.readDone', {
            extracted: Number(c.req.query('e') ?? 0) || 0,
            unreadable: Number(c.req.query('u') ?? 0) || 0,
            notFetched: Number(c.req.query('n') ?? 0) || 0,
          })}
        </Notice>
      )}
      {old && (
        <Notice kind="warning">
          {t('programmes.viewingOld', { version: v.version })} <a href={`/programmes/${d.programme.id}`}>{t('programmes.viewCurrent')}</a>
        </Notice>
      )}
      <PageHeader title={v.title}>
        <p class="itda-meta">
          {v.category && <span class="itda-tag">{t(`category.${v.category}`)}</span>}
          {period.badge && <Badge tone={PERIOD_BADGE_TONE[period.badge.kind]}>{period.badge.text}</Badge>}
          {d.programme.isSample && <DemoBadge label={t('programmes.sample')} />}
        </p>
      </PageHeader>
      {d.programme.isSample && <Notice kind="warning">{t('programmes.sampleNotice')}</Notice>}
      {v.reviewStatus !== '확인됨' && <Notice kind="info">{t('programmes.reviewNeeded')}</Notice>}
      {v.ruleReview !== 'reviewed' && <Notice kind="warning">{t('review.needsReview')}</Notice>}
      <dl class="itda-dl">
        <dt>{t('programmes.period')}</dt>
        <dd>
          {period.text}
          {v.periodRaw && v.periodRaw !== period.text && <span class="form-hint"> ({v.periodRaw})</span>}
        </dd>
        <dt>{t('programmes.benefit')}</dt>
        <dd>{benefitText(t, locale, v.benefitType, v.benefitMaxAmount) || '—'}</dd>
        <dt>{t('programmes.ministry')}</dt>
        <dd>{v.ministry ?? '—'}</dd>
        <dt>{t('programmes.executingAgency')}</dt>
        <dd>{v.executingAgency ?? '—'}</dd>
        <dt>{t('programmes.region')}</dt>
        <dd>
          {v.nationwide
            ? t('programmes.nationwide')
            : [...v.sido.map((s) => (s === '41' ? '경기도' : s)), ...v.municipalities].join(', ') || '—'}
        </dd>
      </dl>
      {v.summary && (
        <section>
          <h2 class="itda-h2">{t('programmes.summary')}</h2>
          <p class="itda-pre">{v.summary}</p>
        </section>
      )}
      {v.targetText && (
        <section>
          <h2 class="itda-h2">{t('programmes.target')}</h2>
          <p class="itda-pre">{v.targetText}</p>
        </section>
      )}
      <NoticeDocumentsSection
        t={t}
        programmeId={d.programme.id}
        docs={noticeDocs}
        canRead={can(c.var.actor, 'programmes.edit') && !old}
        csrfToken={c.var.csrfToken}
        attachmentCount={Array.isArray(v.attachments) ? v.attachments.length : 0}
      />
      <section>
        <h2 class="itda-h2">{t('programmes.criteria')}</h2>
        <p class="itda-meta">
          <span class={`itda-badge ${v.ruleReview === 'reviewed' ? 'itda-badge-open' : 'itda-badge-future'}`}>
            {t(`review.state.${v.ruleReview}`)}
          </span>{' '}
          {v.ruleReview === 'reviewed' && v.ruleReviewedByName && v.ruleReviewedAt && (
            <span class="form-hint">
              {t('review.reviewedBy', { name: v.ruleReviewedByName, at: v.ruleReviewedAt.toISOString().slice(0, 10) })}
            </span>
          )}
        </p>
        {v.rule ? <RuleView rule={v.rule} locale={locale} titles={d.titles} /> : <p>{t('programmes.noRule')}</p>}
        {can(c.var.actor, 'programmes.edit') && !old && (
          <p class="itda-form-actions">
            <a class="krds-btn medium primary" href={`/programmes/${d.programme.id}/review`}>
              {t('review.startReview')}
            </a>
            <a class="krds-btn medium secondary" href={`/programmes/${d.programme.id}/edit`}>
              {t('programmes.editRule')}
            </a>
          </p>
        )}
      </section>
      <section>
        <h2 class="itda-h2">{t('programmes.documents')}</h2>
        {docs.length ? (
          <ul>
            {docs.map((n) => (
              <li>{n}</li>
            ))}
          </ul>
        ) : (
          <p>{t('programmes.noDocuments')}</p>
        )}
      </section>
      {v.howToApply && (
        <section>
          <h2 class="itda-h2">{t('programmes.howToApply')}</h2>
          <p class="itda-pre">{v.howToApply}</p>
        </section>
      )}
      <section>
        <h2 class="itda-h2">{t('programmes.source')}</h2>
        <ul>
          {v.detailUrl && (
            <li>
              <a href={v.detailUrl} rel="noopener noreferrer">
                {t('programmes.source')}: {v.detailUrl}
              </a>
            </li>
          )}
          {v.applyUrl && (
            <li>
              <a href={v.applyUrl} rel="noopener noreferrer">
                {t('programmes.applyOnline')}: {v.applyUrl}
              </a>
            </li>
          )}
          {v.attachments.map((a) => (
            <li>
              <a href={a.url} rel="noopener noreferrer">
                {t('programmes.attachments')}: {a.name}
              </a>
            </li>
          ))}
          {v.contact && (
            <li>
              {t('programmes.contact')}: {v.contact}
            </li>
          )}
        </ul>
      </section>
      <section>
        <h2 class="itda-h2">{t('programmes.versions')}</h2>
        <div class="krds-table-wrap">
          <table class="itda-table">
            <caption class="sr-only">{t('programmes.versions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('programmes.version')}</th>
                <th scope="col">{t('programmes.changeReason')}</th>
                <th scope="col">{t('programmes.changedBy')}</th>
                <th scope="col">{t('programmes.changedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {d.versions
                .filter((x) => x.status === 'published')
                .map((x) => (
                  <tr>
                    <th scope="row">
                      {x.id === v.id ? (
                        <span aria-current="true">v{x.version}</span>
                      ) : (
                        <a href={`/programmes/${d.programme.id}/versions/${x.id}`}>v{x.version}</a>
                      )}
                    </th>
                    <td>{x.changeReason}</td>
                    <td>{x.createdByLogin ?? '—'}</td>
                    <td>{formatDateTime(x.publishedAt ?? x.createdAt, locale)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </section>
    </Layout>
  );
}

export function programmePages(
  app: Hono<AppEnv>,
  deps: { programs: ProgramsService; notices: NoticesService; municipalities: () => Promise<{ code: string; name: string }[]> },
) {
  const { programs, notices } = deps;
  const detail = async (c: AppContext, versionId?: number) => {
    const d = await programs.get(c.var.actor, idParam(c), versionId);
    const noticeDocs = await notices.documents(c.var.actor, d.shown.id);
    return c.html(<DetailPage c={c} d={d} noticeDocs={noticeDocs} />);
  };

  app.get('/programmes', async (c) => {
    const values = c.req.query();
    const [result, agencies, municipalities] = await Promise.all([
      programs.search(c.var.actor, values),
      programs.agencies(c.var.actor),
      deps.municipalities(),
    ]);
    return c.html(<ListPage c={c} result={result} values={values} agencies={agencies} municipalities={municipalities} />);
  });

  app.get('/programmes/:id', async (c) => detail(c));

  app.get('/programmes/:id/versions/:versionId', async (c) => detail(c, idParam(c, 'versionId')));

  /** The editor reads the current version's attachments now (and again those that failed). */
  app.post('/programmes/:id/notices/read', async (c) => {
    const id = idParam(c);
    const r = await notices.requestRead(c.var.actor, id, requestMeta(c));
    return c.redirect(`/programmes/${id}?notice=noticesRead&e=${r.extracted}&u=${r.unreadable}&n=${r.notFetched}#notice-documents`, 303);
  });
}
