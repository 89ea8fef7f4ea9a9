import type { Kysely } from 'kysely';
import { CATEGORY_LABELS, type CategoryCode } from '../../domain/catalog/catalog.types.ts';
import type { DB } from '../../db/schema.ts';
import { caseloadBalance, inactiveClerks, DEFAULT_INACTIVE_DAYS } from '../../domain/metrics/caseload.ts';
import {
  breakdown,
  figures,
  funnel,
  monthlyTrend,
  mostApplied,
  mostSuccessful,
  statusDistribution,
  type BreakdownRow,
  type Dimension,
  type Figures,
  type MonthFacts,
} from '../../domain/metrics/figures.ts';
import { kstDate } from '../../domain/korean-time.ts';
import { daysBetween, lastDayOfMonth, monthOf, monthPeriod, trendMonths, yearToDate, type Period } from '../../domain/metrics/period.ts';
import { EMPTY_SATISFACTION, publicSatisfaction, satisfaction, type Satisfaction } from '../../domain/metrics/satisfaction.ts';
import { protectGroup, protectMonths, protectTable, protectTotal, publicCount, publicMonth, type PublicFigures, type PublicMonth } from '../../domain/metrics/suppression.ts';
import { InvalidError, NotFoundError } from '../../errors.ts';
import { translator } from '../../i18n/i18n.ts';
import { parseInput } from '../../validation.ts';
import type { PersonalDataGate } from '../access-log/personal-data.gate.ts';
import type { RequestMeta } from '../audit/audit.service.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import { figuresScope, scopeOf } from '../../domain/scope.ts';
import { groupFacts, type Filters, type Query, type ReportsRepository } from './reports.repository.ts';
import { DashboardQuery, ExportReasonInput, MAX_PERIOD_DAYS } from './reports.schemas.ts';
import { dashboardTables, isTableId } from './reports.tables.ts';
import type { Dashboard, DisplayRow, MonthFigures, ReportOptions, Viewer } from './reports.types.ts';
import { workbookBytes } from './reports.xlsx.ts';

/**
 * The dashboards: who sees what (issue 5), and the figures of src/domain/metrics for them.
 *
 * | viewer | scope | breakdowns |
 * |---|---|---|
 * | 운영기관 (operator, admin) | everything | 권역, 사무소, 공공사무원, 지원사업, 분야 |
 * | 사무소 팀장 (office_lead) | businesses of their office | 공공사무원, 지원사업, 분야 |
 * | 공공사무원 (clerk) | businesses assigned to them | 지원사업, 분야 |
 * | 경기도 (province) | everything, aggregates only: "5 미만", withheld figures; no clerk | 권역, 사무소, 지원사업, 분야 |
 *
 * Figures are attributed to the business's office and clerk now (a reassigned business takes its
 * history along: the caseload is what a clerk answers for).
 */
export function viewerOf(actor: Actor): Viewer {
  // Whose figures: derived from the one scope policy (src/domain/scope.ts). The province has no
  // business rows in its scope; as the programme's principal it reads everything, as public
  // aggregates only. Anyone else without a scope (an office lead with no office) sees nothing.
  const figures = figuresScope(scopeOf(actor));
  if (!figures) {
    return actor.role === 'province'
      ? { kind: 'province', scope: { officeId: null, clerkId: null }, public: true, dimensions: ['region', 'office', 'programme', 'category'] }
      : { kind: 'clerk', scope: { officeId: -1, clerkId: '00000000-0000-0000-0000-000000000000' }, public: true, dimensions: [] };
  }
  if (figures.clerkId !== null) return { kind: 'clerk', scope: figures, public: false, dimensions: ['programme', 'category'] };
  if (figures.officeId !== null) return { kind: 'office', scope: figures, public: false, dimensions: ['clerk', 'programme', 'category'] };
  return { kind: 'operator', scope: figures, public: false, dimensions: ['office', 'region', 'clerk', 'programme', 'category'] };
}

/**
 * A clerk (or her office lead) knows which owners she helped: a score from fewer than 5 answers,
 * narrowed to a few days, would be one owner's rating of her. They see the number of answers and,
 * from 5 on, the score (the operator, who does not meet the owners, sees every score).
 */
function satisfactionFor(viewer: Viewer, s: Satisfaction): Satisfaction {
  if (viewer.kind === 'operator' || s.responses >= 5) return s;
  return { responses: s.responses, score100: null, perQuestion: { q1: null, q2: null, q3: null } };
}

export function categoryLabel(code: string | null): string | null {
  if (!code) return null;
  return CATEGORY_LABELS[code as CategoryCode] ?? code;
}

export function createReportsService(deps: { db: Kysely<DB>; repo: ReportsRepository; gate: PersonalDataGate; now: () => Date }) {
  const { db, repo, now } = deps;

  async function options(viewer: Viewer): Promise<ReportOptions> {
    const [regions, offices, clerks, programmes, categories] = await Promise.all([
      repo.regions(db),
      repo.offices(db),
      viewer.public ? Promise.resolve([]) : repo.clerks(db, viewer.scope),
      repo.programmes(db),
      repo.categories(db),
    ]);
    return {
      regions,
      offices: viewer.scope.officeId !== null ? offices.filter((o) => o.id === viewer.scope.officeId) : offices,
      clerks,
      programmes,
      categories: categories.map((code) => ({ code, label: categoryLabel(code) ?? code })),
      /** Look-ups for labelling breakdown rows (600 clerks at 10×: a map, not a search per row). */
      byId: {
        region: new Map(regions.map((r) => [String(r.id), { label: r.name, sample: false }])),
        office: new Map(offices.map((r) => [String(r.id), { label: r.name, sample: r.isDemo }])),
        clerk: new Map(clerks.map((r) => [r.id, { label: r.displayName, sample: false }])),
        programme: new Map(programmes.map((r) => [String(r.id), { label: r.title, sample: r.isSample }])),
      },
    };
  }
  type Options = ReportOptions;

  function labelOf(dim: Dimension, key: string | null, o: Options): { label: string | null; sample: boolean } {
    if (key === null || key === '') return { label: null, sample: false };
    if (dim === 'category') return { label: categoryLabel(key), sample: false };
    return o.byId[dim].get(key) ?? { label: key, sample: false };
  }

  /**
   * The facts of the total and of each key of the given breakdowns (one scan per kind of fact),
   * turned into figures. "No key" (unassigned office or clerk, unknown 권역, no 분야) is ''.
   */
  async function computeBreakdowns(q: Query, dims: readonly Dimension[], opts: { programmes?: boolean } = {}) {
    const [p, b] = await Promise.all([repo.participationFacts(db, q, dims, opts), repo.businessesSupported(db, q, dims)]);
    const by = {} as Record<Dimension, (BreakdownRow & { satisfaction: Satisfaction })[]>;
    for (const dim of dims) {
      const [pk, bk] = [p.by[dim]!, b.by[dim]!];
      const keys = new Set<string>([...pk.keys(), ...bk.keys()]);
      const rows = breakdown([...keys].map((key) => ({ key, label: key, facts: groupFacts(pk.get(key), pk.get(key), bk.get(key)) })));
      by[dim] = rows.map((r) => ({ ...r, satisfaction: satisfaction(pk.get(r.key) ?? EMPTY_SATISFACTION) }));
    }
    return { total: figures(groupFacts(p.total, p.total, b.total)), satisfaction: satisfaction(p.total), statuses: p.total.statuses, by, programmes: p.programmes };
  }

  /** Everything one dashboard shows, for one viewer and query (facts → figures → visibility). */
  async function compute(viewer: Viewer, q: Query, dim: Dimension) {
    const today = kstDate(now());
    const withOps = !viewer.public;
    const months = trendMonths(q.period);
    // The rankings need only applications and their outcome per programme. By programme they are
    // the breakdown itself; with a breakdown of few keys (사무소, 권역, 분야) they come from the
    // breakdown's own counts scan, one more key; by clerk (600 clerks × 30 programmes of cells at
    // 10×) a light scan of their own is cheaper.
    const programmesInMain = dim !== 'programme' && dim !== 'clerk';
    const [main, programmeScan, monthRows, loads, activity, opts] = await Promise.all([
      computeBreakdowns(q, [dim], { programmes: programmesInMain }),
      dim === 'programme' || programmesInMain ? Promise.resolve(null) : repo.programmeFacts(db, q),
      repo.monthFacts(db, q, months),
      withOps ? repo.caseloads(db, viewer.scope) : Promise.resolve(null),
      withOps ? repo.clerkActivity(db, viewer.scope) : Promise.resolve(null),
      options(viewer),
    ]);
    const programmes = programmeScan ?? main.programmes;
    const programmeRows = programmes
      ? breakdown([...programmes].map(([key, f]) => ({ key, label: key, facts: groupFacts(f, f, 0) }))).map((r) => ({ ...r, satisfaction: satisfaction(EMPTY_SATISFACTION) }))
      : main.by.programme;
    return { today, main, rows: main.by[dim], programmeRows, statuses: main.statuses, loads, activity, opts, trend: monthlyTrend(months, monthRows) };
  }

  /**
   * Rows as the viewer sees them, in the same order. For the province the whole table is protected
   * against its total (src/domain/metrics/suppression.ts protectTable).
   */
  function display(viewer: Viewer, dim: Dimension, rows: (BreakdownRow & { satisfaction: Satisfaction })[], o: Options, total: Figures): DisplayRow[] {
    const protectedFigures = viewer.public ? protectTable(rows.map((r) => r.figures), total) : null;
    return rows.map((r, i) => {
      const key = r.key === '' ? null : r.key;
      const { label, sample } = labelOf(dim, key, o);
      const sat = viewer.public ? publicSatisfaction(r.satisfaction).score100 : satisfactionFor(viewer, r.satisfaction).score100;
      return { key, label, sample, figures: protectedFigures ? protectedFigures[i]! : r.figures, satisfaction: sat };
    });
  }

  /**
   * Rankings (a top 10) shown with the values their rows have in the whole protected table, so the
   * ranking and the table of one page cannot be played off against each other.
   */
  function ranked(viewer: Viewer, rows: (BreakdownRow & { satisfaction: Satisfaction })[], o: Options, total: Figures) {
    const shown = display(viewer, 'programme', rows, o, total);
    const byKey = new Map(rows.map((r, i) => [r.key, shown[i]!]));
    return (picked: readonly BreakdownRow[]) => picked.map((r) => byKey.get(r.key)!);
  }

  /** Parses the query (the page's, the export's or the API's) into a period, filters and a breakdown. */
  function resolve(actor: Actor | null, raw: unknown) {
      authorize(actor, 'reports.dashboard');
      const viewer = viewerOf(actor);
      const input = parseInput(DashboardQuery, raw);
      const today = kstDate(now());
      const ytd = yearToDate(today);
      const period: Period = { from: input.from ?? (input.to ? `${input.to.slice(0, 4)}-01-01` : ytd.from), to: input.to ?? (input.from && input.from > today ? input.from : today) };
      if (period.from > period.to) period.to = period.from;
      // With one end given the other is filled in: a far-away date alone still makes a period too long.
      if (daysBetween(period.from, period.to) >= MAX_PERIOD_DAYS) throw new InvalidError('validation.summary', [{ path: input.from ? 'from' : 'to', messageKey: 'reports.periodTooLong' }]);
      // The province reads whole calendar months: two periods a day apart, subtracted, would show
      // one day's benefit (one business's amount) however the cells are suppressed.
      if (viewer.public) {
        period.from = `${monthOf(period.from)}-01`;
        period.to = lastDayOfMonth(monthOf(period.to));
      }
      const filters: Filters = {
        regionId: input.region ?? null,
        officeId: viewer.kind === 'office' ? null : (input.office ?? null),
        clerkId: viewer.public || viewer.kind === 'clerk' ? null : (input.clerk ?? null),
        programmeId: input.programme ?? null,
        category: input.category ?? null,
      };
      const dimension: Dimension = input.by && viewer.dimensions.includes(input.by) ? input.by : viewer.dimensions[0]!;
      return { viewer, query: { scope: viewer.scope, filters, period } satisfies Query, dimension, idleDays: input.idleDays ?? DEFAULT_INACTIVE_DAYS, input };
  }

  /** The dashboard of the signed-in viewer. */
  async function dashboard(actor: Actor | null, raw: unknown): Promise<Dashboard> {
      const r = resolve(actor, raw);
      const { viewer, query, dimension, idleDays } = r;
      const c = await compute(viewer, query, dimension);
      const pub = viewer.public;
      const total = pub ? protectTotal(c.main.total) : (c.main.total as PublicFigures);
      // Status counts add up to the participations found (발굴) in the period: protected against it.
      const dist = statusDistribution(c.statuses);
      const statusShown = pub
        ? protectGroup(
            dist.map((s) => s.count),
            dist.map((s) => publicCount(s.count)),
            { exact: c.main.total.identified, shown: total.identified },
            'count',
          )
        : dist.map((s) => s.count);
      const statuses = dist.map((s, i) => ({ status: s.status, count: statusShown[i]!, share: pub ? (typeof statusShown[i] === 'number' && s.count >= 5 ? s.share : null) : s.share }));
      const f = funnel(c.main.total);
      const pf = total;
      const funnelShown = f.map((s) => ({
        step: s.step,
        count: pub ? (s.step === 'applied' ? pf.applications : s.step === 'selected' ? pf.selected : pf.benefitedOfApplications) : s.count,
        rateFromPrevious: pub ? (s.step === 'selected' ? pf.selectionRate : s.step === 'benefited' ? pf.benefitRate : null) : s.rateFromPrevious,
        rateFromApplied: pub ? (s.step === 'applied' ? (c.main.total.applications > 0 ? 1 : null) : s.step === 'selected' ? pf.selectionRate : pf.conversionRate) : s.rateFromApplied,
      }));
      const top = ranked(viewer, c.programmeRows, c.opts, c.main.total);
      const loads = c.loads;
      return {
        viewer,
        period: query.period,
        filters: query.filters,
        dimension,
        idleDays,
        asOf: c.today,
        total,
        funnel: funnelShown,
        statuses,
        rows: display(viewer, dimension, c.rows, c.opts, c.main.total),
        trend: pub ? publicTrend(c.trend, query.period, c.main.total, total) : (c.trend),
        satisfaction: pub ? publicSatisfaction(c.main.satisfaction) : satisfactionFor(viewer, c.main.satisfaction),
        topApplied: top(mostApplied(c.programmeRows)),
        topSuccessful: top(mostSuccessful(c.programmeRows)),
        caseload: loads ? { loads, balance: caseloadBalance(loads) } : null,
        inactive: c.activity ? inactiveClerks(c.activity, c.today, idleDays) : null,
        options: c.opts,
      };
  }

  /** Clerks a dashboard names (their caseload, their idle days, their row of a by-clerk breakdown). */
  function namedClerks(d: Dashboard): string[] {
    const ids = new Set<string>();
    for (const l of d.caseload?.loads ?? []) ids.add(l.clerkId);
    for (const x of d.inactive ?? []) ids.add(x.clerkId);
    if (d.dimension === 'clerk') for (const r of d.rows) if (r.key) ids.add(r.key);
    return [...ids];
  }

  return {
    viewerOf,
    options,
    resolve,
    dashboard,

    /**
     * The dashboard page. Operator and office-lead dashboards name clerks with their figures
     * (staff personal data): the view is recorded in the access records (안전성 확보조치 기준 §8),
     * once per page, with how many clerks it named. A clerk's own figures are about herself.
     */
    async view(actor: Actor | null, raw: unknown, meta: RequestMeta): Promise<Dashboard> {
      const d = await dashboard(actor, raw);
      const clerkIds = d.viewer.kind === 'clerk' ? [] : namedClerks(d);
      if (clerkIds.length) {
        await deps.gate.open(db, actor, meta, { permission: 'reports.dashboard',
          subjectType: 'clerk_list',
          subjectId: 'reports:dashboard',
          action: 'view',
          detail: { period: d.period, filters: d.filters, dimension: d.dimension, clerks: clerkIds.length },
        });
      }
      return d;
    },

    /**
     * The API's breakdown. By clerk it is a machine-readable copy of staff figures: like the .xlsx
     * it needs a purpose (query `purpose`, `note`), recorded with the download.
     */
    async apiBreakdown(actor: Actor | null, raw: Record<string, string>, meta: RequestMeta): Promise<Dashboard> {
      const d = await dashboard(actor, raw);
      if (d.dimension !== 'clerk' || d.viewer.kind === 'clerk') return d;
      const reason = parseInput(ExportReasonInput, { purpose: raw.purpose, note: raw.note });
      const clerkIds = d.rows.map((r) => r.key).filter((k): k is string => !!k);
      await deps.gate.open(db, actor, meta, { permission: 'reports.dashboard',
        subjectType: 'clerk_list',
        subjectId: 'api:reports:breakdown',
        action: 'download',
        reason: reasonText(reason, translator('ko')),
        detail: { period: d.period, filters: d.filters, clerks: clerkIds.length, clerkIds },
      });
      return d;
    },

    /**
     * One table of the dashboard as .xlsx, computed exactly as the page shows it. Tables naming
     * clerks (their figures, caseloads, idle days) are personal data of staff: they need a reason,
     * recorded with the download in the access records (안전성 확보조치 기준 §8).
     */
    async exportTable(actor: Actor | null, id: string, raw: unknown, reasonRaw: unknown, meta: RequestMeta, locale: string) {
      authorize(actor, 'reports.dashboard');
      if (!isTableId(id)) throw new NotFoundError();
      const d = await dashboard(actor, raw);
      const t = translator(locale);
      const spec = dashboardTables(d, t)[id];
      if (!spec) throw new NotFoundError();
      const reason = spec.personal ? parseInput(ExportReasonInput, reasonRaw) : null;
      const bytes = await workbookBytes([spec], exportMeta(d, t, spec.title, actor, reason), { t, publicView: d.viewer.public, creator: actor.login, now: now() });
      if (reason) {
        const clerkIds = id === 'breakdown' ? d.rows.map((r) => r.key).filter((k): k is string => !!k) : id === 'caseload' ? (d.caseload?.loads ?? []).map((l) => l.clerkId) : (d.inactive ?? []).map((x) => x.clerkId);
        await deps.gate.open(db, actor, meta, { permission: 'reports.dashboard',
          subjectType: 'clerk_list',
          subjectId: `reports:${id}`,
          action: 'download',
          reason: reasonText(reason, t),
          detail: { table: id, period: d.period, filters: d.filters, clerks: clerkIds.length, clerkIds },
        });
      }
      return { fileName: `잇다_${spec.title}_${d.period.from}_${d.period.to}.xlsx`, bytes, personal: spec.personal };
    },

    /**
     * The figures of one month for the monthly report to the province: the month, the year to the
     * end of that month, by 권역, 사무소, 분야 and the programmes; public values (the province is
     * the reader). No actor: the job and the on-demand generation share it.
     */
    async monthFigures(month: string): Promise<MonthFigures> {
      const viewer: Viewer = { kind: 'province', scope: { officeId: null, clerkId: null }, public: true, dimensions: ['region', 'office', 'programme', 'category'] };
      const period = monthPeriod(month);
      const ytd: Period = { from: `${month.slice(0, 4)}-01-01`, to: period.to };
      const q = (p: Period): Query => ({ scope: viewer.scope, filters: {}, period: p });
      const monthsOfYear = Array.from({ length: Number(month.slice(5, 7)) }, (_, i) => `${month.slice(0, 4)}-${String(i + 1).padStart(2, '0')}`);
      const [m, y, months, opts] = await Promise.all([
        computeBreakdowns(q(period), ['region', 'office', 'category']),
        computeBreakdowns(q(ytd), ['programme']),
        repo.monthFacts(db, q(ytd), monthsOfYear),
        options(viewer),
      ]);
      return {
        month,
        period,
        ytd,
        generatedOn: kstDate(now()),
        thisMonth: { figures: protectTotal(m.total), satisfaction: publicSatisfaction(m.satisfaction) },
        year: { figures: protectTotal(y.total), satisfaction: publicSatisfaction(y.satisfaction) },
        byRegion: display(viewer, 'region', m.by.region, opts, m.total),
        byOffice: display(viewer, 'office', m.by.office, opts, m.total),
        byCategory: display(viewer, 'category', m.by.category, opts, m.total),
        topProgrammes: ranked(viewer, y.by.programme, opts, y.total)(mostApplied(y.by.programme, 15)),
        trend: publicTrend(monthlyTrend(monthsOfYear, months), ytd, y.total, protectTotal(y.total)),
      };
    },
  };
}

/**
 * The trend as the province sees it: the months inside the period add up to the period's total,
 * so they are protected against it; the months before the period only against themselves.
 */
function publicTrend(months: readonly MonthFacts[], period: Period, total: Figures, totalShown: PublicFigures): PublicMonth[] {
  const inside = months.filter((m) => m.month >= monthOf(period.from) && m.month <= monthOf(period.to));
  const shownInside = protectMonths(
    inside,
    { applied: total.applications, benefited: total.benefited, benefitTotal: total.benefitTotal },
    { applied: totalShown.applications, benefited: totalShown.benefited, benefitTotal: totalShown.benefitTotal },
  );
  const byMonth = new Map(shownInside.map((m) => [m.month, m]));
  return months.map((m) => byMonth.get(m.month) ?? publicMonth(m));
}

export function reasonText(r: ExportReasonInput, t: (k: string) => string): string {
  const purpose = t(`reports.purpose.${r.purpose}`);
  return r.note ? `${purpose}: ${r.note}` : purpose;
}

function exportMeta(d: Dashboard, t: ReturnType<typeof translator>, title: string, actor: Actor, reason: ExportReasonInput | null) {
  const info: [string, string][] = [
    [t('reports.info.table'), title],
    [t('reports.info.period'), `${d.period.from} ~ ${d.period.to}`],
    [t('reports.info.scope'), t(`reports.scope.${d.viewer.kind}`)],
    // The filters the table was made with: a file of one programme must not read as the whole programme.
    [t('reports.info.filters'), filterText(d, t)],
    [t('reports.info.madeBy'), `${actor.displayName} (${actor.login}), ${d.asOf}`],
    [t('reports.info.definitions'), t('reports.definitionsShort')],
  ];
  if (d.viewer.public) info.push([t('reports.info.suppression'), t('reports.suppressionNote')]);
  if (reason) info.push([t('reports.info.reason'), reasonText(reason, t)]);
  return { title: `${t('app.name')} — ${title}`, info };
}
function filterText(d: Dashboard, t: ReturnType<typeof translator>): string {
  const o = d.options;
  const f = d.filters;
  const parts: string[] = [];
  if (f.regionId) parts.push(`${t('reports.dim.region')}: ${o.regions.find((r) => r.id === f.regionId)?.name ?? f.regionId}`);
  if (f.officeId) parts.push(`${t('reports.dim.office')}: ${o.offices.find((r) => r.id === f.officeId)?.name ?? f.officeId}`);
  if (f.clerkId) parts.push(`${t('reports.dim.clerk')}: ${o.clerks.find((r) => r.id === f.clerkId)?.displayName ?? f.clerkId}`);
  if (f.programmeId) parts.push(`${t('reports.dim.programme')}: ${o.programmes.find((r) => r.id === f.programmeId)?.title ?? f.programmeId}`);
  if (f.category) parts.push(`${t('reports.dim.category')}: ${categoryLabel(f.category) ?? f.category}`);
  return parts.length ? parts.join(' · ') : t('reports.info.noFilters');
}
export type ReportsService = ReturnType<typeof createReportsService>;
export type { Dashboard, DisplayRow, MonthFigures, Viewer, ViewerKind } from './reports.types.ts';
export type { Figures, MonthFacts };
