import type { Translate } from '../../i18n/i18n.ts';
import type { VisitOutcome } from '../../db/schema.outreach.ts';
import { VISIT_OUTCOMES } from '../../db/schema.outreach.ts';
import { describePublic } from '../../domain/metrics/index.ts';
import { metresBetween } from '../../domain/outreach/outreach.walk.ts';
import { Badge, Button, CheckboxGroup, CsrfField, DataTable, ErrorSummary, Input, LinkButton, Select, type FieldErrors, type FormValues } from '../../web/components/index.ts';
import type { AppContext } from '../../web/context.ts';
import { formatDate, formatDateTime } from '../../web/format.ts';
import { Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { mapLayers, OutreachMap } from './outreach.map.tsx';
import type { OutreachProgramme, OutreachResult, ProvinceCounts } from './outreach.service.ts';

type VisitData = Awaited<ReturnType<import('./outreach.service.ts').OutreachService['getVisitList']>>;
type RecentLists = Awaited<ReturnType<import('./outreach.service.ts').OutreachService['recentVisitLists']>>;

const CATEGORIES = ['01', '02', '03', '04', '05', '06', '07', '09'] as const;

const dongName = (t: Translate, d: string | null) => d ?? t('outreach.noDong');

/** The filter as a query string (links keep it). */
export function filterQuery(f: OutreachResult['filter'], extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const k of f.programme) p.append('programme', k);
  if (f.category) p.set('category', f.category);
  if (f.closingWithin !== undefined) p.set('closingWithin', String(f.closingWithin));
  p.set('visitedWithin', String(f.visitedWithin));
  if (f.municipality) p.set('municipality', f.municipality);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}

function programmeLabel(t: Translate, p: OutreachProgramme): string {
  return `${p.title} (${p.periodEnd ? t('outreach.filter.closes', { date: p.periodEnd }) : t('outreach.filter.always')})`;
}

function FilterForm(props: { c: AppContext; values: FormValues; choices: OutreachProgramme[]; municipalities: { code: string; name: string }[] }) {
  const t = props.c.var.t;
  return (
    <form method="get" action="/outreach" class="itda-card itda-outreach-filter" aria-labelledby="outreach-filter">
      <h2 id="outreach-filter">{t('outreach.filter.title')}</h2>
      {/* The catalogue can be long: the list of programmes opens on demand (open when some are picked). */}
      <details class="itda-outreach-programmes" open={Array.isArray(props.values.programme) ? props.values.programme.length > 0 : Boolean(props.values.programme)}>
        <summary>{t('outreach.filter.pick')}</summary>
        <CheckboxGroup t={t} name="programme" label={t('outreach.filter.programmes')} values={props.values} options={props.choices.map((p) => ({ value: p.key, label: programmeLabel(t, p) }))} />
      </details>
      <div class="itda-filters">
        <Select t={t} name="category" label={t('outreach.filter.category')} values={props.values} placeholder={t('outreach.filter.allCategories')} options={CATEGORIES.map((code) => ({ value: code, label: t(`category.${code}`) }))} />
        <Input t={t} name="closingWithin" label={t('outreach.filter.closingWithin')} values={props.values} type="number" inputmode="numeric" min="0" max="365" />
        <Input t={t} name="visitedWithin" label={t('outreach.filter.visitedWithin')} values={props.values} type="number" inputmode="numeric" min="0" max="365" />
        {props.municipalities.length > 1 && (
          <Select t={t} name="municipality" label={t('outreach.filter.municipality')} values={props.values} placeholder={t('outreach.filter.allMunicipalities')} options={props.municipalities.map((m) => ({ value: m.code, label: m.name }))} />
        )}
        <Button variant="primary">{t('outreach.filter.submit')}</Button>
      </div>
    </form>
  );
}

export function OutreachPage(props: {
  c: AppContext;
  r: OutreachResult;
  values: FormValues;
  choices: OutreachProgramme[];
  municipalities: { code: string; name: string }[];
  recent: RecentLists;
  noArea: boolean;
  visitValues?: FormValues;
  visitErrors?: FieldErrors;
}) {
  const { c, r } = props;
  const t = c.var.t;
  const title = new Map([...r.programmes, ...r.drafted].map((p) => [p.key, p.title]));
  const visitValues: FormValues = props.visitValues ?? { day: r.refDate, size: '15', dong: r.filter.dong ?? '' };
  const mapDesc =
    t('outreach.map.desc', { points: r.points.length, eligible: r.points.filter((p) => p.status === 'eligible').length, unknown: r.points.filter((p) => p.status === 'unknown').length }) +
    { points: '', 'density+eligible': t('outreach.map.densityDesc'), density: t('outreach.map.densityDescNoPoints') }[mapLayers(r.points)];
  return (
    <Layout c={c} title={t('outreach.title')}>
      <PageHeader title={t('outreach.title')} lead={t('outreach.lead')} />
      {props.noArea ? (
        <p class="form-hint">{t('outreach.noArea')}</p>
      ) : (
        <>
          <FilterForm c={c} values={props.values} choices={props.choices} municipalities={props.municipalities} />
          {r.drafted.length > 0 && <Notice kind="info">{t('outreach.drafted', { n: r.drafted.length, titles: r.drafted.map((p) => p.title).join(', ') })}</Notice>}
          {r.programmes.length === 0 ? (
            <p class="form-hint">{t('outreach.noProgrammes')}</p>
          ) : (
            <>
              <section aria-labelledby="outreach-summary" class="itda-card-grid">
                <h2 id="outreach-summary" class="sr-only">
                  {t('outreach.summary.eligible')}
                </h2>
                <div class="itda-card">
                  <h3>{t('outreach.summary.eligible')}</h3>
                  <p class="itda-figure" data-figure="eligible">
                    {r.totals.eligible.toLocaleString('ko-KR')}
                  </p>
                </div>
                <div class="itda-card">
                  <h3>{t('outreach.summary.unknown')}</h3>
                  <p class="itda-figure" data-figure="unknown">
                    {r.totals.unknown.toLocaleString('ko-KR')}
                  </p>
                </div>
              </section>
              <p id="outreach-line">
                {t('outreach.summary.line', { candidates: r.totals.candidates, eligible: r.totals.eligible, unknown: r.totals.unknown, programmes: r.programmes.length, tracked: r.totals.tracked, visited: r.totals.visited })}
              </p>
              <p class="form-hint">{t('outreach.eligibleHint')}</p>

              <section aria-labelledby="outreach-map">
                <h2 id="outreach-map">{t('outreach.map.title')}</h2>
                {r.points.length ? (
                  <OutreachMap
                    points={r.points}
                    title={t('outreach.map.svgTitle')}
                    desc={mapDesc}
                    labels={{ eligible: t('outreach.status.eligible'), unknown: t('outreach.status.unknown'), density: (n) => t('outreach.map.density', { n }), densityKey: (max) => t('outreach.map.densityKey', { max }) }}
                  />
                ) : (
                  <p class="form-hint">{t('outreach.map.noPoints')}</p>
                )}
                <p class="form-hint">{t('outreach.map.source')}</p>
                <DataTable
                  id="outreach-groups"
                  caption={t('outreach.groups.title')}
                  empty={t('outreach.empty')}
                  rows={r.groups}
                  columns={[
                    {
                      header: t('outreach.groups.dong'),
                      rowHeader: true,
                      cell: (g) => <a href={`/outreach?${filterQuery(r.filter, { dong: g.dong ?? '' })}#outreach-shops`}>{dongName(t, g.dong)}</a>,
                    },
                    { header: t('outreach.summary.eligible'), numeric: true, cell: (g) => g.eligible.toLocaleString('ko-KR') },
                    { header: t('outreach.summary.unknown'), numeric: true, cell: (g) => g.unknown.toLocaleString('ko-KR') },
                    {
                      header: t('outreach.groups.ask'),
                      cell: (g) => (
                        <>
                          {g.summary}
                          {g.ask.length > 0 && (
                            <>
                              <br />
                              <span class="form-hint">{g.ask.slice(0, 4).map((a) => t('outreach.groups.askCount', { word: a.word, n: a.shops })).join(' · ')}</span>
                            </>
                          )}
                        </>
                      ),
                    },
                  ]}
                />
              </section>

              <section aria-labelledby="outreach-visit" class="itda-card">
                <h2 id="outreach-visit">{t('outreach.visit.create')}</h2>
                <p>{t('outreach.visit.createLead')}</p>
                {props.visitErrors && <ErrorSummary t={t} errors={props.visitErrors} />}
                <form method="post" action="/outreach/visits" class="itda-filters">
                  <CsrfField token={c.var.csrfToken} />
                  {r.filter.programme.map((k) => (
                    <input type="hidden" name="programme" value={k} />
                  ))}
                  {r.filter.category && <input type="hidden" name="category" value={r.filter.category} />}
                  {r.filter.closingWithin !== undefined && <input type="hidden" name="closingWithin" value={String(r.filter.closingWithin)} />}
                  <input type="hidden" name="visitedWithin" value={String(r.filter.visitedWithin)} />
                  {r.filter.municipality && <input type="hidden" name="municipality" value={r.filter.municipality} />}
                  <Input t={t} prefix="v" name="day" label={t('outreach.visit.day')} type="date" values={visitValues} errors={props.visitErrors} required />
                  <Input t={t} prefix="v" name="size" label={t('outreach.visit.size')} type="number" inputmode="numeric" min="1" max="40" values={visitValues} errors={props.visitErrors} required />
                  <Select
                    t={t}
                    prefix="v"
                    name="dong"
                    label={t('outreach.visit.dong')}
                    values={visitValues}
                    placeholder={t('outreach.visit.anyDong')}
                    options={r.groups.filter((g) => g.dong !== null).map((g) => ({ value: g.dong!, label: `${g.dong} (${g.eligible + g.unknown})` }))}
                  />
                  <Button variant="primary">{t('outreach.visit.submit')}</Button>
                </form>
              </section>

              <section aria-labelledby="outreach-shops">
                <h2 id="outreach-shops">{r.filter.dong ? t('outreach.shops.titleDong', { dong: r.filter.dong, n: r.shops.length }) : t('outreach.shops.title', { n: r.shops.length })}</h2>
                <p>
                  <a href={`/outreach/shops.xlsx${new URL(c.req.url).search}`}>{t('outreach.export.shopsLink', { n: (r.filter.dong ? (r.groups.find((g) => g.dong === r.filter.dong)?.eligible ?? 0) + (r.groups.find((g) => g.dong === r.filter.dong)?.unknown ?? 0) : r.totals.eligible + r.totals.unknown).toLocaleString('ko-KR') })}</a>
                </p>
                <DataTable
                  caption={t('outreach.shops.name')}
                  captionHidden
                  empty={t('outreach.empty')}
                  rows={r.shops}
                  columns={[
                    { header: t('outreach.shops.name'), rowHeader: true, cell: (s) => <a href={`/stores/${encodeURIComponent(s.id)}`}>{s.name}</a> },
                    { header: t('outreach.shops.status'), cell: (s) => <Badge tone={s.status === 'eligible' ? 'success' : 'warning'}>{t(`outreach.status.${s.status}`)}</Badge> },
                    { header: t('outreach.groups.dong'), cell: (s) => dongName(t, s.dong) },
                    {
                      header: t('outreach.shops.programmes'),
                      cell: (s) =>
                        [...s.eligible.map((k) => `✓ ${title.get(k) ?? k}`), ...s.unknown.slice(0, 3).map((k) => `? ${title.get(k) ?? k}`)].join(' · ') + (s.unknown.length > 3 ? ` … (+${s.unknown.length - 3})` : ''),
                    },
                    { header: t('outreach.shops.ask'), cell: (s) => s.ask || '—' },
                    { header: t('outreach.shops.address'), cell: (s) => s.address ?? '—' },
                  ]}
                />
              </section>

              <section aria-labelledby="outreach-programmes">
                <h2 id="outreach-programmes">{t('outreach.programmes.title')}</h2>
                <DataTable
                  caption={t('outreach.programmes.title')}
                  captionHidden
                  rows={r.perProgramme}
                  columns={[
                    { header: t('outreach.programmes.name'), rowHeader: true, cell: (p) => p.title },
                    { header: t('outreach.summary.eligible'), numeric: true, cell: (p) => p.eligible.toLocaleString('ko-KR') },
                    { header: t('outreach.summary.unknown'), numeric: true, cell: (p) => p.unknown.toLocaleString('ko-KR') },
                  ]}
                />
                <p class="form-hint">{t('outreach.summary.timing', { rows: r.timing.rows, ms: r.timing.ms })}</p>
              </section>
            </>
          )}
          <section aria-labelledby="outreach-recent">
            <h2 id="outreach-recent">{t('outreach.visit.recent')}</h2>
            <DataTable
              caption={t('outreach.visit.recent')}
              captionHidden
              empty={t('outreach.visit.recentEmpty')}
              rows={props.recent}
              columns={[
                { header: t('outreach.visit.listTitle'), rowHeader: true, cell: (l) => <a href={`/outreach/visits/${l.id}`}>{l.title}</a> },
                { header: t('outreach.visit.madeBy', { name: '' }).trim(), cell: (l) => l.createdByName },
                { header: t('outreach.visit.outcome'), cell: (l) => t('outreach.visit.progress', { done: Number(l.done ?? 0), items: Number(l.items ?? 0) }) },
              ]}
            />
          </section>
        </>
      )}
    </Layout>
  );
}

export function OutreachCountsPage(props: { c: AppContext; data: ProvinceCounts; values: FormValues; choices: OutreachProgramme[] }) {
  const { c, data } = props;
  const t = c.var.t;
  return (
    <Layout c={c} title={t('outreach.province.title')}>
      <PageHeader title={t('outreach.province.title')} lead={t('outreach.province.lead')} />
      <FilterForm c={c} values={props.values} choices={props.choices} municipalities={[]} />
      <p>
        <a href={`/outreach/counts.xlsx${new URL(c.req.url).search}`}>{t('outreach.export.countsLink')}</a>
      </p>
      <DataTable
        id="outreach-province"
        caption={t('outreach.province.title')}
        captionHidden
        empty={t('outreach.province.empty')}
        rows={data.rows}
        columns={[
          { header: t('outreach.province.municipality'), rowHeader: true, cell: (r) => r.municipalityName },
          { header: t('outreach.programmes.name'), cell: (r) => r.title },
          { header: t('outreach.summary.eligible'), numeric: true, cell: (r) => describePublic(r.eligible, (n) => n.toLocaleString('ko-KR')) },
          { header: t('outreach.summary.unknown'), numeric: true, cell: (r) => describePublic(r.unknown, (n) => n.toLocaleString('ko-KR')) },
        ]}
      />
    </Layout>
  );
}

export function VisitListPage(props: { c: AppContext; data: VisitData; notice?: string; errors?: FieldErrors }) {
  const { c, data } = props;
  const t = c.var.t;
  const { list, items } = data;
  const groups: { dong: string | null; items: typeof items }[] = [];
  for (const it of items) {
    const last = groups.at(-1);
    if (last && last.dong === it.adongName) last.items.push(it);
    else groups.push({ dong: it.adongName, items: [it] });
  }
  return (
    <Layout c={c} title={list.title}>
      <PageHeader title={list.title} lead={`${formatDate(list.day, c.var.locale, 'long')} · ${t('outreach.visit.madeBy', { name: list.createdByName })}`} />
      {props.notice && (
        <Notice kind="success" role="status">
          {props.notice}
        </Notice>
      )}
      {props.errors && <ErrorSummary t={t} errors={props.errors} />}
      <p class="itda-actions">
        <LinkButton href={`/outreach/visits/${list.id}/pdf`}>{t('outreach.visit.pdf')}</LinkButton> <LinkButton href={`/outreach/visits/${list.id}/xlsx`}>{t('outreach.visit.xlsx')}</LinkButton>{' '}
        <a href="/outreach">{t('outreach.visit.back')}</a>
      </p>
      {groups.map((g) => (
        <section aria-labelledby={`dong-${g.items[0]!.position}`} class="itda-visit-group">
          <h2 id={`dong-${g.items[0]!.position}`}>{dongName(t, g.dong)}</h2>
          <ol class="itda-visit-stops">
            {g.items.map((it) => {
              const prev = items.find((x) => x.position === it.position - 1);
              const m = prev && prev.lon !== null && prev.lat !== null && it.lon !== null && it.lat !== null ? Math.round(metresBetween({ lon: prev.lon, lat: prev.lat }, { lon: it.lon, lat: it.lat }) / 10) * 10 : null;
              return (
                <li class="itda-card" id={`stop-${it.storeId}`}>
                  <h3>
                    {it.position}. {it.branchName ? `${it.name} ${it.branchName}` : it.name} <Badge tone={it.status === 'eligible' ? 'success' : 'warning'}>{t(`outreach.status.${it.status}`)}</Badge>
                  </h3>
                  <p>
                    {it.roadAddress ?? it.jibunAddress ?? '—'}
                    {it.floorInfo ? ` ${it.floorInfo}층` : ''} · {it.industrySmallName ?? '—'}
                    {m !== null && (
                      <>
                        <br />
                        <span class="form-hint">{t('outreach.visit.distance', { m })}</span>
                      </>
                    )}
                  </p>
                  {it.ask && <p>{it.ask}</p>}
                  {it.outcome && (
                    <p data-outcome={it.outcome}>
                      <strong>{t('outreach.visit.recorded', { outcome: t(`outreach.outcome.${it.outcome}`), name: it.outcomeByName ?? '', at: it.outcomeAt ? formatDateTime(it.outcomeAt, c.var.locale) : '' })}</strong>
                      {it.businessId && (
                        <>
                          {' · '}
                          <a href={`/businesses/${it.businessId}`}>{t('outreach.visit.tracked')}</a>
                        </>
                      )}
                    </p>
                  )}
                  <form method="post" action={`/outreach/visits/${list.id}/outcome`} class="itda-filters">
                    <CsrfField token={c.var.csrfToken} />
                    <input type="hidden" name="storeId" value={it.storeId} />
                    <Select
                      t={t}
                      prefix={`s${it.position}`}
                      name="outcome"
                      label={`${t('outreach.visit.outcome')} — ${it.name}`}
                      values={{ outcome: it.outcome ?? '' }}
                      placeholder="—"
                      options={VISIT_OUTCOMES.map((o: VisitOutcome) => ({ value: o, label: t(`outreach.outcome.${o}`) }))}
                    />
                    <Button variant="secondary">{t('outreach.visit.record')}</Button>
                  </form>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </Layout>
  );
}
