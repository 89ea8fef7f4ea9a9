import { sql, type RawBuilder } from 'kysely';
import type { ParticipationStatus } from '../../db/schema.ts';
import { WORKING_HOURS, type AccessCell } from '../../domain/metrics/access-review.ts';
import type { ClerkActivity, ClerkLoad } from '../../domain/metrics/caseload.ts';
import type { DayHistogram, Dimension, GroupFacts, MonthFacts, ParticipationFacts } from '../../domain/metrics/figures.ts';
import { daysBetween, monthPeriod, type Period } from '../../domain/metrics/period.ts';
import type { SatisfactionFacts } from '../../domain/metrics/satisfaction.ts';
import { OPEN_STATUSES, PARTICIPATION_STATUSES } from '../../domain/participation-workflow.ts';
import type { Db } from '../../db/db.ts';

/**
 * The only SQL of the reports. It counts FACTS (src/domain/metrics/figures.ts names each one) and
 * never computes a figure (a rate, a median, a suppression: those are the metric functions').
 *
 * It reads the fact tables of migration 20261127170000 (kept current by triggers):
 * `report_participation` (one narrow row per participation: keys and milestones) and
 * `report_business_activity` (상담일지 days per business and year, as a bit string), so that a
 * dashboard is a few scans of narrow tables instead of joins over the history (issue 5: < 300 ms
 * at 10×; see bench/reports.bench.ts).
 *
 * Every query applies the viewer's scope and the filters (`factWhere` / `businessWhere`), and
 * groups by `grouping sets ((k0), (k1), …, ())`: the total and several breakdowns in one pass.
 */
export interface Scope {
  /** null = every office */
  officeId: number | null;
  /** null = every clerk */
  clerkId: string | null;
}

export interface Filters {
  regionId?: number | null;
  officeId?: number | null;
  clerkId?: string | null;
  programmeId?: number | null;
  category?: string | null;
}

export interface Query {
  scope: Scope;
  filters: Filters;
  period: Period;
}

/** Facts per key for each requested breakdown, and in total. Key '' = none (미배정, 미분류 …). */
export interface Grouped<T> {
  total: T;
  by: Partial<Record<Dimension, Map<string, T>>>;
}

/** The key of each breakdown over the facts (alias rp) or the businesses (alias b). */
const FACT_KEY: Record<Dimension, RawBuilder<unknown>> = {
  region: sql`coalesce(m.region_id, o.region_id)`,
  office: sql`rp.office_id`,
  clerk: sql`rp.clerk_id`,
  programme: sql`rp.programme_id`,
  category: sql`rp.category`,
};
const BD_KEY: Partial<Record<Dimension, RawBuilder<unknown>>> = {
  region: sql`coalesce(m.region_id, o.region_id)`,
  office: sql`bd.office_id`,
  clerk: sql`bd.clerk_id`,
};
const PARTICIPATION_DIMS: readonly Dimension[] = ['programme', 'category'];

/** The facts, joined to the 시·군 and office tables (31 and a few rows) only when 권역 is asked for. */
function fromFacts(q: Query, dims: readonly Dimension[] = []) {
  return q.filters.regionId || dims.includes('region')
    ? sql`report_participation rp left join municipality m on m.code = rp.municipality_code left join office o on o.id = rp.office_id`
    : sql`report_participation rp`;
}

const sqlList = (xs: readonly string[]) => sql.join(xs.map((x) => sql.lit(x)));

function scoped(alias: 'rp' | 'b' | 'bd', q: Query): RawBuilder<unknown>[] {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const c: RawBuilder<unknown>[] = [];
  if (q.scope.officeId !== null) c.push(sql`${col('office_id')} = ${q.scope.officeId}`);
  if (q.scope.clerkId !== null) c.push(sql`${col('clerk_id')} = ${q.scope.clerkId}`);
  if (q.filters.officeId) c.push(sql`${col('office_id')} = ${q.filters.officeId}`);
  if (q.filters.clerkId) c.push(sql`${col('clerk_id')} = ${q.filters.clerkId}`);
  if (q.filters.regionId) c.push(sql`coalesce(m.region_id, o.region_id) = ${q.filters.regionId}`);
  return c;
}
const hasProgrammeFilter = (q: Query) => !!q.filters.programmeId || (q.filters.category !== undefined && q.filters.category !== null);
function programmeConds(q: Query): RawBuilder<unknown>[] {
  const c: RawBuilder<unknown>[] = [];
  if (q.filters.programmeId) c.push(sql`rp.programme_id = ${q.filters.programmeId}`);
  if (q.filters.category !== undefined && q.filters.category !== null) c.push(sql`rp.category = ${q.filters.category}`);
  return c;
}
const and = (c: RawBuilder<unknown>[]) => (c.length ? sql.join(c, sql` and `) : sql`true`);
const factWhere = (q: Query) => and([...scoped('rp', q), ...programmeConds(q)]);
const businessWhere = (q: Query) => and(scoped('b', q));

function between(col: string, p: Period) {
  return sql`${sql.ref(col)} between ${p.from}::date and ${p.to}::date`;
}
/** A milestone of the participation (발굴, 신청일, 결정일, 수혜일) falls in the period. */
function anyMilestone(p: Period) {
  return sql`(${between('rp.identified_on', p)} or ${between('rp.submitted_on', p)} or ${between('rp.decided_on', p)} or ${between('rp.benefited_on', p)})`;
}

// ── Day masks (bit d−1 = day d of the year, as in report_business_day.days) ──
const ZERO = '0'.repeat(366);
function dayMask(year: number, p: Period): string | null {
  const from = p.from > `${year}-01-01` ? p.from : `${year}-01-01`;
  const to = p.to < `${year}-12-31` ? p.to : `${year}-12-31`;
  if (from > to) return null;
  const a = daysBetween(`${year}-01-01`, from);
  const b = daysBetween(`${year}-01-01`, to);
  return `${'0'.repeat(a)}${'1'.repeat(b - a + 1)}${'0'.repeat(365 - b)}`;
}
/** report_business_day rows (alias bd) with a support day in the period. */
function supportIn(p: Period) {
  const parts: RawBuilder<unknown>[] = [];
  for (let y = Number(p.from.slice(0, 4)); y <= Number(p.to.slice(0, 4)); y++) {
    const mask = dayMask(y, p);
    if (mask) parts.push(sql`(bd.year = ${y}::int and bd.days & ${mask}::bit(366) <> ${ZERO}::bit(366))`);
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/** `grouping sets ((k0), (k1), …, ())` over the given key columns, and how to read `g` back. */
function groupingSets(n: number, extra: RawBuilder<unknown>[] = []) {
  const keys = Array.from({ length: n }, (_, i) => sql.ref(`k${i}`));
  const tail = extra.length ? sql`, ${sql.join(extra)}` : sql``;
  if (n === 0) return { select: sql`0 as g`, group: sql`group by grouping sets ((${extra.length ? sql.join(extra) : sql``}))`, keys };
  const sets = [...keys.map((k) => sql`(${k}${tail})`), sql`(${extra.length ? sql.join(extra) : sql``})`];
  return { select: sql`grouping(${sql.join(keys)}) as g, ${sql.join(keys)}`, group: sql`group by grouping sets (${sql.join(sets)})`, keys };
}
/** Which breakdown a row belongs to: -1 = the total, i = dims[i]. */
function setOf(g: number, n: number): number {
  const all = (1 << n) - 1;
  if (n === 0 || g === all) return -1;
  for (let i = 0; i < n; i++) if (g === all - (1 << (n - 1 - i))) return i;
  return -1;
}

/** A breakdown key from the database (an id, a uuid or a code) as text; none = ''. */
function keyText(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : '';
}

function collect<T>(rows: readonly Record<string, unknown>[], dims: readonly Dimension[], init: () => T, add: (acc: T, row: Record<string, unknown>) => T): Grouped<T> {
  const out: Grouped<T> = { total: init(), by: {} };
  for (const d of dims) out.by[d] = new Map();
  for (const r of rows) {
    const i = setOf(Number(r.g), dims.length);
    if (i < 0) out.total = add(out.total, r);
    else {
      const m = out.by[dims[i]!]!;
      const key = keyText(r[`k${i}`]);
      m.set(key, add(m.get(key) ?? init(), r));
    }
  }
  return out;
}

/**
 * Durations from the database ("3,0,12,…") as a histogram of [days, count] pairs. Read digit by
 * digit: by clerk at 10× that is 600 strings and 57,000 numbers per page, and split + Number made
 * a string per number.
 */
function histogram(v: unknown): [number, number][] {
  if (typeof v !== 'string' || v === '') return [];
  const m = new Map<number, number>();
  let n = 0;
  let negative = false;
  for (let i = 0; i <= v.length; i++) {
    const c = i < v.length ? v.charCodeAt(i) : 44;
    if (c === 44) {
      // ','
      const d = negative ? -n : n;
      m.set(d, (m.get(d) ?? 0) + 1);
      n = 0;
      negative = false;
    } else if (c === 45) negative = true;
    else n = n * 10 + (c - 48);
  }
  return [...m.entries()];
}

const EMPTY_PARTICIPATION: ParticipationFacts = { applied: 0, appliedSelected: 0, appliedRejected: 0, appliedWithdrawnUnselected: 0, appliedBenefited: 0, benefited: 0, benefitTotal: 0, identified: 0 };
type Durations = { daysToSubmit: [number, number][]; daysToBenefit: [number, number][] };
/** Everything the facts scan returns for one group. */
export type Facts = ParticipationFacts & Durations & SatisfactionFacts & { statuses: Partial<Record<ParticipationStatus, number>> };

function emptyFacts(): Facts {
  return { ...EMPTY_PARTICIPATION, daysToSubmit: [], daysToBenefit: [], responses: 0, sumQ1: 0, sumQ2: 0, sumQ3: 0, statuses: {} };
}
/** The facts the programme rankings use (applications and their outcome), the rest empty. */
function lightFacts(x: Record<string, unknown>): Facts {
  return { ...emptyFacts(), applied: Number(x.applied), appliedSelected: Number(x.appliedSelected), appliedBenefited: Number(x.appliedBenefited), benefited: Number(x.benefited), benefitTotal: Number(x.benefitTotal) };
}

/**
 * Adds the facts of a disjoint group into `acc`, in place (counts and sums add, histograms merge
 * by day): building a total over 600 clerks by copying arrays would be quadratic.
 */
function addInto(acc: Facts, b: Facts, days: { s: Map<number, number>; b: Map<number, number> }): void {
  acc.applied += b.applied;
  acc.appliedSelected += b.appliedSelected;
  acc.appliedRejected += b.appliedRejected;
  acc.appliedWithdrawnUnselected += b.appliedWithdrawnUnselected;
  acc.appliedBenefited += b.appliedBenefited;
  acc.benefited += b.benefited;
  acc.benefitTotal += b.benefitTotal;
  acc.identified += b.identified;
  acc.responses += b.responses;
  acc.sumQ1 += b.sumQ1;
  acc.sumQ2 += b.sumQ2;
  acc.sumQ3 += b.sumQ3;
  for (const [d, n] of b.daysToSubmit) days.s.set(d, (days.s.get(d) ?? 0) + n);
  for (const [d, n] of b.daysToBenefit) days.b.set(d, (days.b.get(d) ?? 0) + n);
  for (const [k, v] of Object.entries(b.statuses) as [ParticipationStatus, number][]) acc.statuses[k] = (acc.statuses[k] ?? 0) + v;
}

export function createReportsRepository() {
  return {
    /**
     * Participation facts (figures.ts: applied … identified, the durations of the applications and
     * of the benefits as histograms, the survey answers, and 발굴 by status now), per key of each
     * breakdown, in one scan. Each participation has exactly one key per breakdown, so the total
     * is the sum over the keys of the first one (exact; no extra grouping set).
     */
    async participationFacts(db: Db, q: Query, dims: readonly Dimension[], opts: { programmes?: boolean } = {}): Promise<Grouped<Facts> & { programmes?: Map<string, Facts> }> {
      const p = q.period;
      const keyed = dims.length > 0;
      const keys = dims.map((_, i) => sql.ref(`k${i}`));
      const keySelect = keyed ? sql`${dims.length > 1 ? sql`grouping(${sql.join(keys)})` : sql`0`} as g, ${sql.join(keys)},` : sql`0 as g,`;
      const keyGroup = keyed ? sql`group by ${dims.length > 1 ? sql`grouping sets (${sql.join(keys.map((k) => sql`(${k})`))})` : keys[0]!}` : sql``;
      // With `programmes`, the counts are also grouped by programme (one more key, k{n}) for the
      // rankings: their cells come from the same scan (a few thousand cells when the breakdown has
      // few keys), instead of a scan of their own (programmeFacts).
      const withProgrammes = keyed && !!opts.programmes;
      const cKeys = withProgrammes ? [...keys, sql.ref(`k${dims.length}`)] : keys;
      const cSelect = withProgrammes ? sql`grouping(${sql.join(cKeys)}) as g, ${sql.join(cKeys)},` : keySelect;
      const cGroup = withProgrammes ? sql`group by grouping sets (${sql.join(cKeys.map((k) => sql`(${k})`))})` : keyGroup;
      const programmeKey = withProgrammes ? [sql`rp.programme_id as ${sql.ref(`k${dims.length}`)}`] : [];
      const inner = (extra: RawBuilder<unknown>[] = []) => sql`
          select ${sql.join([...dims.map((d, i) => sql`${FACT_KEY[d]} as ${sql.ref(`k${i}`)}`), ...extra, sql`rp.status`])}, rp.ever_selected, rp.benefit_amount, rp.days_to_submit, rp.days_to_benefit,
            rp.survey_q1, rp.survey_q2, rp.survey_q3,
            coalesce(${between('rp.submitted_on', p)}, false) as sub,
            coalesce(${between('rp.benefited_on', p)}, false) as ben,
            ${between('rp.identified_on', p)} as ide,
            coalesce(${between('rp.survey_answered_on', p)}, false) as ans
          from ${fromFacts(q, dims)}
          where ${factWhere(q)} and (${between('rp.submitted_on', p)} or ${between('rp.benefited_on', p)} or ${between('rp.identified_on', p)} or ${between('rp.survey_answered_on', p)})`;
      // Two scans in parallel (each a fraction of one scan with every aggregate): the counts,
      // two-level (cells of equal flags first, then the filtered sums over the few cells), and the
      // durations.
      const cellKeys = sql.join([...cKeys, sql`status`, sql`ever_selected`, sql`sub`, sql`ben`, sql`ide`, sql`ans`]);
      const [counts, durations] = await Promise.all([
        sql<Record<string, unknown>>`
          select ${cSelect}
            coalesce(sum(n) filter (where sub), 0)::bigint as applied,
            coalesce(sum(n) filter (where sub and ever_selected), 0)::bigint as applied_selected,
            coalesce(sum(n) filter (where sub and status = 'rejected'), 0)::bigint as applied_rejected,
            coalesce(sum(n) filter (where sub and status = 'withdrawn' and not ever_selected), 0)::bigint as applied_withdrawn_unselected,
            coalesce(sum(n) filter (where sub and status = 'benefited'), 0)::bigint as applied_benefited,
            coalesce(sum(n) filter (where ben), 0)::bigint as benefited,
            coalesce(sum(amount) filter (where ben), 0)::bigint as benefit_total,
            coalesce(sum(n) filter (where ide), 0)::bigint as identified,
            coalesce(sum(n) filter (where ans), 0)::bigint as responses,
            coalesce(sum(q1) filter (where ans), 0)::bigint as sum_q1,
            coalesce(sum(q2) filter (where ans), 0)::bigint as sum_q2,
            coalesce(sum(q3) filter (where ans), 0)::bigint as sum_q3,
            ${sql.join(PARTICIPATION_STATUSES.map((st, i) => sql`coalesce(sum(n) filter (where ide and status = ${sql.lit(st)}), 0)::bigint as ${sql.ref(`st${i}`)}`))}
          from (
            select ${cellKeys}, count(*) as n, sum(benefit_amount) as amount, sum(survey_q1) as q1, sum(survey_q2) as q2, sum(survey_q3) as q3
            from (${inner(programmeKey)}) f group by ${cellKeys}
          ) c
          ${cGroup}`.execute(db),
        // Durations per key as comma-separated text (string_agg): one string per key to parse,
        // instead of an int[] per key through the array parser (less garbage at 600 keys).
        sql<Record<string, unknown>>`
          select ${keySelect}
            string_agg(days_to_submit::text, ',') filter (where sub and days_to_submit is not null) as s,
            string_agg(days_to_benefit::text, ',') filter (where ben and days_to_benefit is not null) as b
          from (${inner()}) f where (sub and days_to_submit is not null) or (ben and days_to_benefit is not null)
          ${keyGroup}`.execute(db),
      ]);
      const read = (x: Record<string, unknown>, d: Record<string, unknown> | undefined): Facts => ({
        applied: Number(x.applied),
        appliedSelected: Number(x.appliedSelected),
        appliedRejected: Number(x.appliedRejected),
        appliedWithdrawnUnselected: Number(x.appliedWithdrawnUnselected),
        appliedBenefited: Number(x.appliedBenefited),
        benefited: Number(x.benefited),
        benefitTotal: Number(x.benefitTotal),
        identified: Number(x.identified),
        daysToSubmit: histogram(d?.s),
        daysToBenefit: histogram(d?.b),
        responses: Number(x.responses),
        sumQ1: Number(x.sumQ1),
        sumQ2: Number(x.sumQ2),
        sumQ3: Number(x.sumQ3),
        statuses: Object.fromEntries(PARTICIPATION_STATUSES.map((st, i) => [st, Number(x[`st${i}`] ?? 0)])),
      });
      const setIndex = (row: Record<string, unknown>) => (dims.length > 1 ? setOf(Number(row.g), dims.length) : 0);
      const cSetIndex = (row: Record<string, unknown>) => (withProgrammes ? setOf(Number(row.g), cKeys.length) : setIndex(row));
      const rowKey = (row: Record<string, unknown>, i: number) => `${i}|${keyText(row[`k${i}`])}`;
      const dur = new Map(durations.rows.map((row) => [keyed ? rowKey(row, setIndex(row)) : 'total', row]));
      if (!keyed) return { total: counts.rows[0] ? read(counts.rows[0], dur.get('total')) : emptyFacts(), by: {} };
      const out: Grouped<Facts> & { programmes?: Map<string, Facts> } = { total: emptyFacts(), by: {} };
      if (withProgrammes) out.programmes = new Map();
      const totalDays = { s: new Map<number, number>(), b: new Map<number, number>() };
      for (const d of dims) out.by[d] = new Map();
      for (const row of counts.rows) {
        const i = cSetIndex(row);
        if (i < 0) continue;
        if (i === dims.length) {
          // The programmes' light facts, as programmeFacts reads them: only programmes with an
          // application or a benefit in the period.
          const f = lightFacts(row);
          if (f.applied > 0 || f.benefited > 0) out.programmes!.set(keyText(row[`k${i}`]), f);
          continue;
        }
        const f = read(row, dur.get(rowKey(row, i)));
        out.by[dims[i]!]!.set(keyText(row[`k${i}`]), f);
        if (i === 0) addInto(out.total, f, totalDays);
      }
      out.total.daysToSubmit = [...totalDays.s];
      out.total.daysToBenefit = [...totalDays.b];
      return out;
    },

    /** The light version for the programme rankings: applications and their outcome per programme. */
    async programmeFacts(db: Db, q: Query): Promise<Map<string, Facts>> {
      const p = q.period;
      const r = await sql<Record<string, unknown>>`
        select rp.programme_id as k,
          count(*) filter (where sub) as applied,
          count(*) filter (where sub and ever_selected) as applied_selected,
          count(*) filter (where sub and status = 'benefited') as applied_benefited,
          count(*) filter (where ben) as benefited,
          coalesce(sum(benefit_amount) filter (where ben), 0)::bigint as benefit_total
        from (
          select rp.programme_id, rp.status, rp.ever_selected, rp.benefit_amount,
            coalesce(${between('rp.submitted_on', p)}, false) as sub,
            coalesce(${between('rp.benefited_on', p)}, false) as ben
          from ${fromFacts(q)}
          where ${factWhere(q)} and (${between('rp.submitted_on', p)} or ${between('rp.benefited_on', p)})
        ) rp
        group by rp.programme_id`.execute(db);
      return new Map(r.rows.map((x) => [keyText(x.k), lightFacts(x)]));
    },

    /**
     * 지원 사업체: distinct businesses with a 상담일지 in the period or a participation milestone in it
     * (report_business_day), per key and in total. With a programme or category filter, and per
     * programme / category, only that programme's participations count (a 상담일지 is not about one
     * programme).
     */
    async businessesSupported(db: Db, q: Query, dims: readonly Dimension[]): Promise<Grouped<number>> {
      const p = q.period;
      const bDims = dims.filter((d) => !PARTICIPATION_DIMS.includes(d));
      const pDims = dims.filter((d) => PARTICIPATION_DIMS.includes(d));
      let out: Grouped<number>;
      if (hasProgrammeFilter(q)) {
        const gs = groupingSets(bDims.length);
        const r = await sql<Record<string, unknown>>`
          select ${gs.select}, count(*) as n from (
            select ${sql.join([...bDims.map((d, i) => sql`${FACT_KEY[d]} as ${sql.ref(`k${i}`)}`), sql`rp.business_id`])}
            from (select distinct on (rp.business_id) rp.* from ${fromFacts(q)} where ${factWhere(q)} and ${anyMilestone(p)}) rp
            ${q.filters.regionId || bDims.includes('region') ? sql`left join municipality m on m.code = rp.municipality_code left join office o on o.id = rp.office_id` : sql``}
          ) x
          ${gs.group}`.execute(db);
        out = collect(r.rows, bDims, () => 0, (_a, x) => Number(x.n));
      } else {
        // One row per business and year: a period within one year counts rows, across years distinct businesses.
        const oneYear = p.from.slice(0, 4) === p.to.slice(0, 4);
        const gs = groupingSets(bDims.length);
        const r = await sql<Record<string, unknown>>`
          select ${gs.select}, ${oneYear ? sql`count(*)` : sql`count(distinct business_id)`} as n from (
            select ${sql.join([...bDims.map((d, i) => sql`${BD_KEY[d]!} as ${sql.ref(`k${i}`)}`), sql`bd.business_id`])}
            from report_business_day bd
            ${q.filters.regionId || bDims.includes('region') ? sql`left join municipality m on m.code = bd.municipality_code left join office o on o.id = bd.office_id` : sql``}
            where ${and(scoped('bd', q))} and ${supportIn(p)}
          ) x
          ${gs.group}`.execute(db);
        out = collect(r.rows, bDims, () => 0, (_a, x) => Number(x.n));
      }
      // Per programme or category: distinct (key, business) pairs first (a hash, no sort), then counted.
      for (const d of pDims) {
        const rp = await sql<{ k: unknown; n: number }>`
          select k, count(*) as n from (
            select distinct ${FACT_KEY[d]} as k, rp.business_id from ${fromFacts(q)} where ${factWhere(q)} and ${anyMilestone(p)}
          ) x group by k`.execute(db);
        out.by[d] = new Map(rp.rows.map((x) => [keyText(x.k), Number(x.n)]));
      }
      return out;
    },

    /**
     * Per month of `months`: applications (신청일), benefits (수혜일) and amount, and businesses
     * supported (a 상담일지 or a milestone in that month).
     */
    async monthFacts(db: Db, q: Query, months: readonly string[]): Promise<MonthFacts[]> {
      if (!months.length) return [];
      const range: Period = { from: `${months[0]!}-01`, to: monthPeriod(months.at(-1)!).to };
      // One scan for both flows: a row counts under the month of its 신청일 and of its 수혜일. Grouped
      // by the day itself (a year is a few hundred groups) and added up into months below: a month
      // key per row (to_char) was 40 % of this scan at 10×.
      const flowsQuery = sql<{ g: number; sday: string | null; bday: string | null; n: number; amount: number }>`
        select grouping(sday, bday) as g, sday::text as sday, bday::text as bday, count(*) as n, coalesce(sum(benefit_amount), 0)::bigint as amount from (
          select case when ${between('rp.submitted_on', range)} then rp.submitted_on end as sday,
                 case when ${between('rp.benefited_on', range)} then rp.benefited_on end as bday,
                 rp.benefit_amount
          from ${fromFacts(q)} where ${factWhere(q)} and (${between('rp.submitted_on', range)} or ${between('rp.benefited_on', range)})
        ) x group by grouping sets ((sday), (bday))`.execute(db);
      // Businesses supported per month: bit m−1 of report_business_day.months (상담일지 ∪ milestones),
      // or with a programme filter the milestones of that programme's participations.
      const supportedQuery = hasProgrammeFilter(q)
        ? sql<{ month: string; n: number }>`
            select y.month, count(distinct y.business_id) as n from (
              select rp.business_id, to_char(x.d, 'YYYY-MM') as month from report_participation rp
              cross join lateral unnest(array[rp.identified_on, rp.submitted_on, rp.decided_on, rp.benefited_on]) as x(d)
              join business b on b.id = rp.business_id
              left join municipality m on m.code = b.municipality_code
              left join office o on o.id = b.office_id
              where ${and(programmeConds(q))} and ${businessWhere(q)} and x.d between ${range.from}::date and ${range.to}::date
            ) y group by y.month`.execute(db)
        : (async () => {
            // One row per business and year: sum bit m−1 of `months` for each month asked for.
            const cols = months.map((mo, i) => sql`sum(case when bd.year = ${Number(mo.slice(0, 4))}::int then (bd.months >> ${Number(mo.slice(5, 7)) - 1}::int) & 1 else 0 end)::bigint as ${sql.ref(`m${i}`)}`);
            const r = await sql<Record<string, unknown>>`
              select ${sql.join(cols)} from report_business_day bd
              ${q.filters.regionId ? sql`left join municipality m on m.code = bd.municipality_code left join office o on o.id = bd.office_id` : sql``}
              where bd.year between ${Number(months[0]!.slice(0, 4))}::int and ${Number(months.at(-1)!.slice(0, 4))}::int and ${and(scoped('bd', q))}`.execute(db);
            const row = r.rows[0] ?? {};
            return { rows: months.map((month, i) => ({ month, n: Number(row[`m${i}`] ?? 0) })) };
          })();
      const [flows, supported] = await Promise.all([flowsQuery, supportedQuery]);
      const n = new Map(supported.rows.map((x) => [x.month, Number(x.n)]));
      const out = new Map<string, MonthFacts>();
      const at = (month: string) => {
        let m = out.get(month);
        if (!m) out.set(month, (m = { month, applied: 0, benefited: 0, benefitTotal: 0, businessesSupported: n.get(month) ?? 0 }));
        return m;
      };
      // g = 1: grouped by 신청일 (bday aggregated away); g = 2: by 수혜일. Null = outside the range.
      for (const f of flows.rows) {
        if (Number(f.g) === 1 && f.sday) at(f.sday.slice(0, 7)).applied += Number(f.n);
        if (Number(f.g) === 2 && f.bday) {
          const m = at(f.bday.slice(0, 7));
          m.benefited += Number(f.n);
          m.benefitTotal += Number(f.amount);
        }
      }
      for (const month of n.keys()) at(month);
      return [...out.values()];
    },

    /** Caseload per active clerk in scope: businesses assigned now, and their participations in progress. */
    async caseloads(db: Db, scope: Scope): Promise<ClerkLoad[]> {
      const c: RawBuilder<unknown>[] = [sql`u.role = 'clerk'`, sql`u.active`];
      if (scope.officeId !== null) c.push(sql`u.office_id = ${scope.officeId}`);
      if (scope.clerkId !== null) c.push(sql`u.id = ${scope.clerkId}`);
      const r = await sql<{ clerkId: string; name: string; officeId: number | null; officeName: string | null; businesses: number; open: number }>`
        select u.id as clerk_id, u.display_name as name, u.office_id, o.name as office_name,
          coalesce(bc.n, 0) as businesses, coalesce(pc.n, 0) as open
        from app_user u
        left join office o on o.id = u.office_id
        left join (select clerk_id, count(*) as n from business where clerk_id is not null group by clerk_id) bc on bc.clerk_id = u.id
        left join (select clerk_id, count(*) as n from report_participation where clerk_id is not null and status in (${sqlList(OPEN_STATUSES)}) group by clerk_id) pc on pc.clerk_id = u.id
        where ${and(c)}
        order by o.name nulls last, u.display_name`.execute(db);
      return r.rows.map((x) => ({ ...x, businesses: Number(x.businesses), open: Number(x.open) }));
    },

    /** Latest 상담일지 date of each active clerk in scope. */
    async clerkActivity(db: Db, scope: Scope): Promise<ClerkActivity[]> {
      const c: RawBuilder<unknown>[] = [sql`u.role = 'clerk'`, sql`u.active`];
      if (scope.officeId !== null) c.push(sql`u.office_id = ${scope.officeId}`);
      if (scope.clerkId !== null) c.push(sql`u.id = ${scope.clerkId}`);
      const r = await sql<ClerkActivity>`
        select u.id as clerk_id, u.display_name as name, o.name as office_name,
          (select max(a.occurred_on) from activity a where a.clerk_id = u.id)::text as last_activity_on
        from app_user u left join office o on o.id = u.office_id
        where ${and(c)}`.execute(db);
      return r.rows;
    },

    // ── Labels and filter options ──
    regions(db: Db) {
      return db.selectFrom('region').select(['id', 'name']).orderBy('id').execute();
    },
    offices(db: Db) {
      return db.selectFrom('office').select(['id', 'name', 'regionId', 'isDemo']).orderBy('name').execute();
    },
    clerks(db: Db, scope: Scope) {
      let q = db.selectFrom('appUser').select(['id', 'displayName', 'officeId', 'active']).where('role', '=', 'clerk');
      if (scope.officeId !== null) q = q.where('officeId', '=', scope.officeId);
      if (scope.clerkId !== null) q = q.where('id', '=', scope.clerkId);
      return q.orderBy('displayName').execute();
    },
    programmes(db: Db) {
      return db
        .selectFrom('programme as p')
        .innerJoin('programmeVersion as v', 'v.id', 'p.currentVersionId')
        .select(['p.id', 'v.title', 'v.category', 'p.isSample'])
        .orderBy('v.title')
        .execute();
    },
    async categories(db: Db): Promise<string[]> {
      const r = await db.selectFrom('programmeVersion').select('category').distinct().where('category', 'is not', null).execute();
      return r.map((x) => x.category!).sort((a, b) => a.localeCompare(b, 'ko'));
    },

    // ── Operations ──
    /** 상담일지 per day and clerk in a period (Korean dates), for one clerk or a scope. */
    async activityDays(db: Db, scope: Scope, clerkId: string | null, period: Period) {
      let q = db
        .selectFrom('activity as a')
        .innerJoin('appUser as u', 'u.id', 'a.clerkId')
        .select((eb) => [sql<string>`a.occurred_on::text`.as('date'), 'a.clerkId', eb.fn.countAll<number>().as('n')])
        .where('a.occurredOn', '>=', period.from)
        .where('a.occurredOn', '<=', period.to)
        .groupBy(['a.occurredOn', 'a.clerkId']);
      if (scope.officeId !== null) q = q.where('u.officeId', '=', scope.officeId);
      if (scope.clerkId !== null) q = q.where('a.clerkId', '=', scope.clerkId);
      if (clerkId) q = q.where('a.clerkId', '=', clerkId);
      const rows = await q.execute();
      return rows.map((r) => ({ date: r.date, clerkId: r.clerkId, n: Number(r.n) }));
    },

    /** Access records per account, Korean day and hour, and action (facts for access-review.ts). */
    /**
     * Counts per account, Korean day and action for the access review, inside and outside working
     * hours, from the counts the triggers of migration 20261204030100_access_record_day.sql keep (not
     * a scan of the month's records). As cells: the in-hours count at the first working hour, the
     * off-hours count at 0 — the hour is all src/domain/metrics/access-review.ts reads of it.
     */
    async accessCells(db: Db, period: Period): Promise<AccessCell[]> {
      const rows = await db
        .selectFrom('accessRecordDay')
        .select(['accountId', 'login', 'day', 'action', 'inHours', 'offHours'])
        .where('day', '>=', period.from)
        .where('day', '<=', period.to)
        .execute();
      const cells: AccessCell[] = [];
      for (const r of rows) {
        const base = { accountId: r.accountId, login: r.login, day: r.day, action: r.action };
        if (Number(r.inHours) > 0) cells.push({ ...base, hour: WORKING_HOURS.start, n: Number(r.inHours) });
        if (Number(r.offHours) > 0) cells.push({ ...base, hour: 0, n: Number(r.offHours) });
      }
      return cells;
    },
  };
}
export type ReportsRepository = ReturnType<typeof createReportsRepository>;

/** Combines the facts of one group into GroupFacts (used for the total and each key). */
export function groupFacts(p: ParticipationFacts | undefined, d: Durations | { daysToSubmit: DayHistogram; daysToBenefit: DayHistogram } | undefined, businesses: number | undefined): GroupFacts {
  return { ...EMPTY_PARTICIPATION, ...p, businessesSupported: businesses ?? 0, daysToSubmit: d?.daysToSubmit ?? [], daysToBenefit: d?.daysToBenefit ?? [] };
}
