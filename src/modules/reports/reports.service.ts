import type { Kysely } from 'kysely';
import { CATEGORY_LABELS, type CategoryCode } from '../../domain/catalog/catalog.types.ts';
import type { DB, ParticipationStatus } from '../../db/schema.ts';
import { caseloadBalance, inactiveClerks, DEFAULT_INACTIVE_DAYS, type Balance, type ClerkLoad } from '../../domain/metrics/caseload.ts';
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
  type FunnelStep,
  type MonthFacts,
} from '../../domain/metrics/figures.ts';
import { kstDate, monthPeriod, trendMonths, yearToDate, type Period } from '../../domain/metrics/period.ts';
import { EMPTY_SATISFACTION, publicSatisfaction, satisfaction, type Satisfaction } from '../../domain/metrics/satisfaction.ts';
import { publicCount, publicFigures, publicMonth, suppressComplements, type PublicFigures, type PublicMonth, type PublicValue } from '../../domain/metrics/suppression.ts';
import { NotFoundError } from '../../errors.ts';
import { translator } from '../../i18n/i18n.ts';
import { parseInput } from '../../validation.ts';
import type { AccessService } from '../access/access.service.ts';
import type { RequestMeta } from '../audit/audit.service.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import { groupFacts, type Filters, type Query, type ReportsRepository, type Scope } from './reports.repository.ts';
import { DashboardQuery, ExportReasonInput } from './reports.schemas.ts';
import { dashboardTables, isTableId } from './reports.tables.ts';
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
export type ViewerKind = 'operator' | 'office' | 'clerk' | 'province';

export interface Viewer {
  kind: ViewerKind;
  scope: Scope;
  /** Aggregates only, small counts hidden (the province). */
  public: boolean;
  dimensions: readonly Dimension[];
}

export function viewerOf(actor: Actor): Viewer {
  switch (actor.role) {
    case 'operator':
    case 'admin':
      return { kind: 'operator', scope: { officeId: null, clerkId: null }, public: false, dimensions: ['office', 'region', 'clerk', 'programme', 'category'] };
    case 'office_lead':
      return { kind: 'office', scope: { officeId: actor.officeId ?? -1, clerkId: null }, public: false, dimensions: ['clerk', 'programme', 'category'] };
    case 'clerk':
      return { kind: 'clerk', scope: { officeId: null, clerkId: actor.userId }, public: false, dimensions: ['programme', 'category'] };
    case 'province':
      return { kind: 'province', scope: { officeId: null, clerkId: null }, public: true, dimensions: ['region', 'office', 'programme', 'category'] };
    case 'owner':
    case 'saeil_counsellor':
    case 'catalog_editor':
      // authorize() has refused them already; this keeps the switch exhaustive.
      return { kind: 'clerk', scope: { officeId: -1, clerkId: '00000000-0000-0000-0000-000000000000' }, public: true, dimensions: [] };
  }
}

/** A row of a breakdown as shown: figures are exact for staff and public values for the province. */
export interface DisplayRow {
  key: string | null;
  /** null: the "none" label of the dimension (미배정, 미분류 …), translated by the view. */
  label: string | null;
  sample: boolean;
  figures: PublicFigures;
  satisfaction: PublicValue;
}

export interface Dashboard {
  viewer: Viewer;
  period: Period;
  filters: Filters;
  dimension: Dimension;
  idleDays: number;
  asOf: string;
  total: PublicFigures;
  funnel: { step: FunnelStep['step']; count: PublicValue; rateFromPrevious: PublicValue; rateFromApplied: PublicValue }[];
  statuses: { status: ParticipationStatus; count: PublicValue; share: PublicValue }[];
  rows: DisplayRow[];
  trend: PublicMonth[];
  satisfaction: Omit<Satisfaction, 'responses'> & { responses: PublicValue };
  topApplied: DisplayRow[];
  topSuccessful: DisplayRow[];
  caseload: { loads: ClerkLoad[]; balance: Balance } | null;
  inactive: ReturnType<typeof inactiveClerks> | null;
  options: Awaited<ReturnType<ReturnType<typeof createReportsService>['options']>>;
}

const COUNT_COLUMNS: readonly (keyof PublicFigures)[] = ['businessesSupported', 'applications', 'selected', 'rejected', 'withdrawn', 'pending', 'benefitedOfApplications', 'benefited', 'benefitTotal', 'identified'];

export function categoryLabel(code: string | null): string | null {
  if (!code) return null;
  return CATEGORY_LABELS[code as CategoryCode] ?? code;
}

export function createReportsService(deps: { db: Kysely<DB>; repo: ReportsRepository; access: AccessService; now: () => Date }) {
  const { db, repo, now } = deps;

  async function options(viewer: Viewer) {
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
  type Options = Awaited<ReturnType<typeof options>>;

  function labelOf(dim: Dimension, key: string | null, o: Options): { label: string | null; sample: boolean } {
    if (key === null || key === '') return { label: null, sample: false };
    if (dim === 'category') return { label: categoryLabel(key), sample: false };
    return o.byId[dim].get(key) ?? { label: key, sample: false };
  }

  /**
   * The facts of the total and of each key of the given breakdowns (one scan per kind of fact),
   * turned into figures. "No key" (unassigned office or clerk, unknown 권역, no 분야) is ''.
   */
  async function computeBreakdowns(q: Query, dims: readonly Dimension[]) {
    const [p, b] = await Promise.all([repo.participationFacts(db, q, dims), repo.businessesSupported(db, q, dims)]);
    const by = {} as Record<Dimension, (BreakdownRow & { satisfaction: Satisfaction })[]>;
    for (const dim of dims) {
      const [pk, bk] = [p.by[dim]!, b.by[dim]!];
      const keys = new Set<string>([...pk.keys(), ...bk.keys()]);
      const rows = breakdown([...keys].map((key) => ({ key, label: key, facts: groupFacts(pk.get(key), pk.get(key), bk.get(key)) })));
      by[dim] = rows.map((r) => ({ ...r, satisfaction: satisfaction(pk.get(r.key) ?? EMPTY_SATISFACTION) }));
    }
    return { total: figures(groupFacts(p.total, p.total, b.total)), satisfaction: satisfaction(p.total), statuses: p.total.statuses, by };
  }

  /** Everything one dashboard shows, for one viewer and query (facts → figures → visibility). */
  async function compute(viewer: Viewer, q: Query, dim: Dimension) {
    const today = kstDate(now());
    const withOps = !viewer.public;
    const months = trendMonths(q.period);
    const [main, programmes, monthRows, loads, activity, opts] = await Promise.all([
      computeBreakdowns(q, [dim]),
      dim === 'programme' ? Promise.resolve(null) : repo.programmeFacts(db, q),
      repo.monthFacts(db, q, months),
      withOps ? repo.caseloads(db, viewer.scope) : Promise.resolve(null),
      withOps ? repo.clerkActivity(db, viewer.scope) : Promise.resolve(null),
      options(viewer),
    ]);
    // The rankings need only applications and their outcome: a light query unless the breakdown is by programme already.
    const programmeRows = programmes
      ? breakdown([...programmes].map(([key, f]) => ({ key, label: key, facts: groupFacts(f, f, 0) }))).map((r) => ({ ...r, satisfaction: satisfaction(EMPTY_SATISFACTION) }))
      : main.by.programme;
    return { today, main, rows: main.by[dim], programmeRows, statuses: main.statuses, loads, activity, opts, trend: monthlyTrend(months, monthRows) };
  }

  function display(viewer: Viewer, dim: Dimension, rows: (BreakdownRow & { satisfaction: Satisfaction })[], o: Options): DisplayRow[] {
    const shown = rows.map((r) => {
      const key = r.key === '' ? null : r.key;
      const { label, sample } = labelOf(dim, key, o);
      const sat = viewer.public ? publicSatisfaction(r.satisfaction).score100 : r.satisfaction.score100;
      return { key, label, sample, figures: viewer.public ? publicFigures(r.figures) : r.figures, satisfaction: sat };
    });
    if (!viewer.public) return shown;
    const suppressed = suppressComplements(
      shown.map((r) => r.figures),
      COUNT_COLUMNS,
    );
    return shown.map((r, i) => ({ ...r, figures: suppressed[i]! }));
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
      const total = pub ? publicFigures(c.main.total) : (c.main.total as PublicFigures);
      const val = (n: number) => (pub ? publicCount(n) : n);
      const statuses = statusDistribution(c.statuses).map((s) => ({ status: s.status, count: val(s.count), share: pub ? (s.count >= 5 ? s.share : null) : s.share }));
      const f = funnel(c.main.total);
      const pf = publicFigures(c.main.total);
      const funnelShown = f.map((s) => ({
        step: s.step,
        count: pub ? (s.step === 'applied' ? pf.applications : s.step === 'selected' ? pf.selected : pf.benefitedOfApplications) : s.count,
        rateFromPrevious: pub ? (s.step === 'selected' ? pf.selectionRate : s.step === 'benefited' ? pf.benefitRate : null) : s.rateFromPrevious,
        rateFromApplied: pub ? (s.step === 'applied' ? (c.main.total.applications > 0 ? 1 : null) : s.step === 'selected' ? pf.selectionRate : pf.conversionRate) : s.rateFromApplied,
      }));
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
        rows: display(viewer, dimension, c.rows, c.opts),
        trend: c.trend.map((m) => (pub ? publicMonth(m) : (m as unknown as PublicMonth))),
        satisfaction: pub ? publicSatisfaction(c.main.satisfaction) : c.main.satisfaction,
        topApplied: display(viewer, 'programme', mostApplied(c.programmeRows), c.opts),
        topSuccessful: display(viewer, 'programme', mostSuccessful(c.programmeRows), c.opts),
        caseload: loads ? { loads, balance: caseloadBalance(loads) } : null,
        inactive: c.activity ? inactiveClerks(c.activity, c.today, idleDays) : null,
        options: c.opts,
      };
  }

  return {
    viewerOf,
    options,
    resolve,
    dashboard,

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
        await deps.access.record(db, actor, meta, {
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
    async monthFigures(month: string) {
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
        thisMonth: { figures: publicFigures(m.total), satisfaction: publicSatisfaction(m.satisfaction) },
        year: { figures: publicFigures(y.total), satisfaction: publicSatisfaction(y.satisfaction) },
        byRegion: display(viewer, 'region', m.by.region, opts),
        byOffice: display(viewer, 'office', m.by.office, opts),
        byCategory: display(viewer, 'category', m.by.category, opts),
        topProgrammes: display(viewer, 'programme', mostApplied(y.by.programme, 15), opts),
        trend: monthlyTrend(monthsOfYear, months).map(publicMonth),
      };
    },
  };
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
    [t('reports.info.madeBy'), `${actor.displayName} (${actor.login}), ${d.asOf}`],
    [t('reports.info.definitions'), t('reports.definitionsShort')],
  ];
  if (d.viewer.public) info.push([t('reports.info.suppression'), t('reports.suppressionNote')]);
  if (reason) info.push([t('reports.info.reason'), reasonText(reason, t)]);
  return { title: `${t('app.name')} — ${title}`, info };
}
export type ReportsService = ReturnType<typeof createReportsService>;
export type MonthFigures = Awaited<ReturnType<ReportsService['monthFigures']>>;
export type { Figures, MonthFacts };
