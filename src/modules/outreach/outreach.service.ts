import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { VisitListFilter, VisitOutcome } from '../../db/schema.outreach.ts';
import { kstDate } from '../../domain/korean-time.ts';
import { planVersion, type VersionPlan } from '../../domain/matching/index.ts';
import { publicCount, type PublicValue } from '../../domain/metrics/index.ts';
import { askCounts, askSummary } from '../../domain/outreach/outreach.unknowns.ts';
import { matchShops, type ShopVerdict } from '../../domain/outreach/outreach.match.ts';
import { planVisitDay } from '../../domain/outreach/outreach.walk.ts';
import { outreachViewOf, scopeOf, visitListPermits } from '../../domain/scope.ts';
import { storeAreaOf } from '../../domain/stores/store-area.ts';
import { ForbiddenError, InvalidError, NotFoundError } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import type { ProgramsRepository } from '../programs/programs.repository.ts';
import type { StoresRepository } from '../stores/stores.repository.ts';
import type { OutreachRepository } from './outreach.repository.ts';
import { OutreachQuery, VisitListInput, VisitOutcomeInput } from './outreach.schemas.ts';

/**
 * Outreach for clerks and offices (issue 12 §3): for some programmes, the registry shops of the
 * office's 시·군 that may qualify — eligible and unknown apart, grouped by 행정동, with what to ask —
 * without the shops already tracked or visited recently; a map of them; a day's visit list with an
 * outcome per shop. The province gets counts by 시·군 and programme only.
 *
 * Computed per request with the verdict matrix over the distinct (시·도, 시·군, KSIC) triples of the
 * area (src/domain/outreach/outreach.match.ts): measured, not cached (README, 벤치마크: 30,000 shops
 * of a 시·군 × the catalogue). Registry shops are public data, so nothing here goes through the
 * personal-data gate; a visit list and its outcomes are the offices' work, audited (who, when).
 */

/** Shops shown by name under the table (the map and the counts cover all). */
export const LIST_LIMIT = 100;
/** Candidates a visit list is chosen among (planVisitDay is quadratic). */
const VISIT_CANDIDATES = 1200;

/** Rows in the outreach workbook at most (a large 시·군 has about 30,000 shops; Excel takes 1 M). */
export const EXPORT_LIMIT = 200_000;

type Candidate = { id: string; dong: string | null; lon: number | null; lat: number | null; verdict: ShopVerdict };

type RuleRow = Awaited<ReturnType<ProgramsRepository['currentRules']>>[number];

export interface OutreachProgramme {
  key: string;
  title: string;
  category: string | null;
  periodEnd: string | null;
  judged: boolean;
}

export interface OutreachGroup {
  dong: string | null;
  eligible: number;
  unknown: number;
  ask: { word: string; shops: number }[];
  summary: string;
}

export interface OutreachPoint {
  lon: number;
  lat: number;
  status: 'eligible' | 'unknown';
  dong: string | null;
}

export interface OutreachShopRow {
  id: string;
  name: string;
  industry: string | null;
  address: string | null;
  dong: string | null;
  status: 'eligible' | 'unknown';
  eligible: string[];
  unknown: string[];
  ask: string;
}

export interface OutreachResult {
  filter: OutreachQuery;
  refDate: string;
  areaCodes: string[];
  programmes: OutreachProgramme[];
  drafted: OutreachProgramme[];
  totals: { candidates: number; eligible: number; unknown: number; tracked: number; visited: number };
  groups: OutreachGroup[];
  points: OutreachPoint[];
  shops: OutreachShopRow[];
  perProgramme: { key: string; title: string; eligible: number; unknown: number }[];
  timing: { rows: number; shops: number; ms: number };
}

export interface ProvinceCounts {
  filter: OutreachQuery;
  programmes: OutreachProgramme[];
  rows: { municipalityCode: string; municipalityName: string; programme: string; title: string; eligible: PublicValue; unknown: PublicValue }[];
}

const versionInput = (r: RuleRow) => ({ key: r.key, rule: r.rule, ruleReview: r.ruleReview, nationwide: r.nationwide, sido: r.sido ?? [], municipalities: r.municipalities ?? [] });

const addDays = (ymd: string, n: number) => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

export function createOutreachService(deps: {
  db: Kysely<DB>;
  repo: OutreachRepository;
  stores: StoresRepository;
  programs: ProgramsRepository;
  audit: AuditService;
  municipalities: () => Promise<{ code: string; name: string }[]>;
  now: () => Date;
}) {
  const { db, repo, now } = deps;

  /** The programmes of a filter: the ones picked, else the open ones of the 분야 closing within N days. */
  async function programmesOf(f: OutreachQuery, today: string): Promise<{ rows: RuleRow[]; all: RuleRow[] }> {
    const all = (await deps.programs.currentRules(db)).sort((a, b) => (a.periodEnd ?? '9999').localeCompare(b.periodEnd ?? '9999') || a.title.localeCompare(b.title));
    const open = (r: RuleRow) => !(r.periodKind === 'range' && r.periodEnd !== null && r.periodEnd < today);
    let rows = all.filter(open);
    if (f.category) rows = rows.filter((r) => r.category === f.category);
    if (f.closingWithin !== undefined) {
      const until = addDays(today, f.closingWithin);
      rows = rows.filter((r) => r.periodEnd !== null && r.periodEnd >= today && r.periodEnd <= until);
    }
    if (f.programme.length) rows = rows.filter((r) => f.programme.includes(r.key));
    return { rows, all: all.filter(open) };
  }

  const describe = (r: RuleRow, plan: VersionPlan): OutreachProgramme => ({ key: r.key, title: r.title, category: r.category, periodEnd: r.periodEnd, judged: plan.judged });

  /** The 시·군 codes a person works in (null: every 시·군, the operator). */
  async function areaOf(actor: Actor): Promise<string[] | null> {
    const area = storeAreaOf(scopeOf(actor));
    if (area.kind === 'all') return null;
    if (area.kind === 'none') return [];
    return deps.stores.officeMunicipalities(db, area.officeId);
  }

  /** The named rows of some candidates (details read in chunks: a whole 시·군 for the workbook). */
  async function shopRows(listed: readonly Candidate[]): Promise<OutreachShopRow[]> {
    const out: OutreachShopRow[] = [];
    for (let i = 0; i < listed.length; i += 5_000) {
      const chunk = listed.slice(i, i + 5_000);
      const details = new Map((await repo.shopDetails(db, chunk.map((c) => c.id))).map((d) => [d.id, d]));
      for (const c of chunk) {
        const d = details.get(c.id);
        out.push({
          id: c.id,
          name: d ? (d.branchName ? `${d.name} ${d.branchName}` : d.name) : c.id,
          industry: d?.industrySmallName ?? d?.ksicName ?? null,
          address: d?.roadAddress ?? d?.jibunAddress ?? null,
          dong: c.dong,
          status: c.verdict.status,
          eligible: [...c.verdict.eligible],
          unknown: [...c.verdict.unknown],
          ask: askSummary(c.verdict.missing),
        });
      }
    }
    return out;
  }

  async function compute(actor: Actor, f: OutreachQuery): Promise<OutreachResult & { candidates: Candidate[] }> {
    const started = performance.now();
    const today = kstDate(now());
    const area = await areaOf(actor);
    const all = await deps.municipalities();
    let codes = area ?? all.map((m) => m.code);
    if (f.municipality) codes = codes.filter((c) => c === f.municipality);
    // 0 days: leave no visited shop out.
    const visitedSince = f.visitedWithin > 0 ? new Date(now().getTime() - f.visitedWithin * 86_400_000) : null;
    const { rows: progRows } = await programmesOf(f, today);
    const plans = progRows.map((r) => planVersion(versionInput(r)));
    const programmes = progRows.map((r, i) => describe(r, plans[i]!));
    const [shops, excluded] = await Promise.all([repo.candidates(db, { municipalityCodes: codes, visitedSince }), repo.excluded(db, { municipalityCodes: codes, visitedSince })]);
    const m = matchShops(shops, plans, today);
    const candidates: Candidate[] = [];
    for (const [i, v] of m.verdicts) {
      const s = shops[i]!;
      candidates.push({ id: s.id, dong: s.adongName, lon: s.lon, lat: s.lat, verdict: v });
    }
    candidates.sort((a, b) => a.id.localeCompare(b.id));
    // Groups by 행정동: eligible and unknown apart, what to ask over the group's shops.
    const byDong = new Map<string | null, typeof candidates>();
    for (const c of candidates) {
      const g = byDong.get(c.dong);
      if (g) g.push(c);
      else byDong.set(c.dong, [c]);
    }
    const groups: OutreachGroup[] = [...byDong.entries()]
      .map(([dong, cs]) => {
        const ask = askCounts(cs.map((c) => c.verdict.missing));
        const missing = new Set(cs.flatMap((c) => c.verdict.missing));
        return { dong, eligible: cs.filter((c) => c.verdict.status === 'eligible').length, unknown: cs.filter((c) => c.verdict.status === 'unknown').length, ask, summary: askSummary(missing) };
      })
      .sort((a, b) => b.eligible - a.eligible || b.unknown - a.unknown || (a.dong ?? '\uffff').localeCompare(b.dong ?? '\uffff'));
    const points: OutreachPoint[] = candidates.filter((c) => c.lon !== null && c.lat !== null).map((c) => ({ lon: c.lon!, lat: c.lat!, status: c.verdict.status, dong: c.dong }));
    // The named list: the chosen 행정동's (or all), eligible first.
    const listed = candidates
      .filter((c) => !f.dong || (c.dong ?? '') === f.dong)
      .sort((a, b) => (a.verdict.status === b.verdict.status ? 0 : a.verdict.status === 'eligible' ? -1 : 1) || (a.dong ?? '').localeCompare(b.dong ?? '') || a.id.localeCompare(b.id))
      .slice(0, LIST_LIMIT);
    const shopsOut = await shopRows(listed);
    const title = new Map(progRows.map((r) => [r.key, r.title]));
    return {
      filter: f,
      refDate: today,
      areaCodes: codes,
      programmes: programmes.filter((p) => p.judged),
      drafted: programmes.filter((p) => !p.judged),
      totals: {
        candidates: shops.length,
        eligible: candidates.filter((c) => c.verdict.status === 'eligible').length,
        unknown: candidates.filter((c) => c.verdict.status === 'unknown').length,
        tracked: excluded.tracked,
        visited: excluded.visited,
      },
      groups,
      points,
      shops: shopsOut,
      perProgramme: [...m.perProgramme.entries()].map(([key, v]) => ({ key, title: title.get(key) ?? key, ...v })),
      timing: { rows: m.rows, shops: shops.length, ms: Math.round(performance.now() - started) },
      candidates,
    };
  }

  return {
    /** What this person sees on the outreach page: shops, counts only, or nothing. */
    view(actor: Actor | null) {
      authorize(actor, 'outreach.view');
      return outreachViewOf(actor);
    },

    /** Every current open programme (the filter's choices). */
    async programmeChoices(actor: Actor | null) {
      authorize(actor, 'outreach.view');
      const today = kstDate(now());
      const { all } = await programmesOf(OutreachQuery.parse({}), today);
      return all.map((r) => describe(r, planVersion(versionInput(r))));
    },

    /** Staff: the shops of their area that may qualify, grouped, with the map's points. */
    async search(actor: Actor | null, raw: unknown): Promise<OutreachResult> {
      authorize(actor, 'outreach.view');
      if (outreachViewOf(actor) !== 'shops') throw new ForbiddenError();
      const f = parseInput(OutreachQuery, raw);
      const { candidates: _c, ...r } = await compute(actor, f);
      return r;
    },

    /**
     * Staff: every shop of the result for the workbook — the page names only the first LIST_LIMIT.
     * Public registry data (no personal data): same authority as the page, no 접속기록.
     */
    async exportShops(actor: Actor | null, raw: unknown): Promise<{ result: OutreachResult; rows: OutreachShopRow[]; truncated: boolean }> {
      authorize(actor, 'outreach.view');
      if (outreachViewOf(actor) !== 'shops') throw new ForbiddenError();
      const f = parseInput(OutreachQuery, raw);
      const { candidates, ...result } = await compute(actor, f);
      const ordered = candidates
        .filter((c) => !f.dong || (c.dong ?? '') === f.dong)
        .sort((a, b) => (a.dong ?? '\uffff').localeCompare(b.dong ?? '\uffff') || (a.verdict.status === b.verdict.status ? 0 : a.verdict.status === 'eligible' ? -1 : 1) || a.id.localeCompare(b.id));
      return { result, rows: await shopRows(ordered.slice(0, EXPORT_LIMIT)), truncated: ordered.length > EXPORT_LIMIT };
    },

    /**
     * The province: counts by 시·군 and programme only, each count as the province sees counts
     * ("5 미만" for 1–4; no totals are shown, so no cell can be recovered by subtraction).
     */
    async provinceCounts(actor: Actor | null, raw: unknown): Promise<ProvinceCounts> {
      authorize(actor, 'outreach.view');
      if (outreachViewOf(actor) === 'none') throw new ForbiddenError();
      const f = parseInput(OutreachQuery, raw);
      const today = kstDate(now());
      const { rows: progRows } = await programmesOf(f, today);
      const plans = progRows.map((r) => planVersion(versionInput(r))).filter((p) => p.judged);
      const names = new Map((await deps.municipalities()).map((m) => [m.code, m.name]));
      // 0 days: leave no visited shop out.
    const visitedSince = f.visitedWithin > 0 ? new Date(now().getTime() - f.visitedWithin * 86_400_000) : null;
      const shops = await repo.provinceShops(db, { visitedSince });
      const m = matchShops(shops, plans, today);
      // Shops sharing a triple share one verdict object: count shops per (시·군, verdict), then spread
      // each over its programmes (not shop by shop: 600,000 shops × the catalogue).
      const perVerdict = new Map<string, Map<ShopVerdict, number>>();
      for (const [i, v] of m.verdicts) {
        const code = shops[i]!.municipalityCode;
        const byV = perVerdict.get(code) ?? new Map<ShopVerdict, number>();
        byV.set(v, (byV.get(v) ?? 0) + 1);
        perVerdict.set(code, byV);
      }
      const counts = new Map<string, { eligible: number; unknown: number }>();
      const add = (key: string, field: 'eligible' | 'unknown', n: number) => {
        const c = counts.get(key) ?? { eligible: 0, unknown: 0 };
        c[field] += n;
        counts.set(key, c);
      };
      for (const [code, byV] of perVerdict)
        for (const [v, n] of byV) {
          for (const k of v.eligible) add(`${code}|${k}`, 'eligible', n);
          for (const k of v.unknown) add(`${code}|${k}`, 'unknown', n);
        }
      const title = new Map(progRows.map((r) => [r.key, r.title]));
      const rows = [...counts.entries()]
        .map(([k, c]) => {
          const [code, programme] = k.split('|') as [string, string];
          return { municipalityCode: code, municipalityName: names.get(code) ?? code, programme, title: title.get(programme) ?? programme, eligible: publicCount(c.eligible), unknown: publicCount(c.unknown) };
        })
        .sort((a, b) => a.municipalityCode.localeCompare(b.municipalityCode) || a.title.localeCompare(b.title));
      return { filter: f, programmes: progRows.map((r) => describe(r, planVersion(versionInput(r)))), rows };
    },

    /** Makes a day's visit list: N shops near each other from the outreach result, walked. */
    async createVisitList(actor: Actor | null, raw: unknown, meta: RequestMeta): Promise<number> {
      authorize(actor, 'outreach.visit');
      if (outreachViewOf(actor) !== 'shops') throw new ForbiddenError();
      const input = parseInput(VisitListInput, raw);
      const r = await compute(actor, input);
      let pool = r.candidates.filter((c) => !input.dong || (c.dong ?? '') === input.dong);
      // Eligible shops first: the day is spent on them when there are enough.
      const eligible = pool.filter((c) => c.verdict.status === 'eligible');
      if (eligible.length >= input.size) pool = eligible;
      if (pool.length > VISIT_CANDIDATES) {
        // Too many to compare pairwise: the 행정동 with the most candidates.
        const count = new Map<string | null, number>();
        for (const c of pool) count.set(c.dong, (count.get(c.dong) ?? 0) + 1);
        const top = [...count.entries()].sort((a, b) => b[1] - a[1])[0]![0];
        pool = pool.filter((c) => c.dong === top).slice(0, VISIT_CANDIDATES);
      }
      if (pool.length === 0) throw new InvalidError('validation.summary', [{ path: 'size', messageKey: 'outreach.visit.noShops' }]);
      const day = planVisitDay(pool, input.size);
      const items = day.flatMap((g) => g.stops.map((s) => ({ storeId: s.id, adongName: s.dong, status: s.verdict.status, ask: askSummary(s.verdict.missing) })));
      const area = storeAreaOf(scopeOf(actor));
      const officeId = area.kind === 'office' ? area.officeId : null;
      const filter: VisitListFilter = {
        programmes: input.programme.length ? input.programme : undefined,
        category: input.category,
        closingWithin: input.closingWithin,
        dong: input.dong,
        municipality: input.municipality,
      };
      const dongs = [...new Set(day.map((g) => g.dong).filter(Boolean))];
      const title = `${input.day} 방문 ${items.length}곳${dongs.length ? ` (${dongs.slice(0, 3).join(', ')}${dongs.length > 3 ? ' 외' : ''})` : ''}`;
      return db.transaction().execute(async (trx) => {
        const id = await repo.createVisitList(trx, { officeId, day: input.day, title, filter, createdBy: actor.userId }, items);
        await deps.audit.record(trx, meta, { action: 'outreach.visit_list', actor, subjectType: 'visit_list', subjectId: String(id), detail: { shops: items.length, day: input.day } });
        return id;
      });
    },

    async recentVisitLists(actor: Actor | null, limit = 10) {
      authorize(actor, 'outreach.visit');
      const scope = scopeOf(actor);
      if (scope.kind === 'all') return repo.recentVisitLists(db, { officeId: 'all', limit });
      const area = storeAreaOf(scope);
      return area.kind === 'office' ? repo.recentVisitLists(db, { officeId: area.officeId, limit }) : [];
    },

    async getVisitList(actor: Actor | null, id: number) {
      authorize(actor, 'outreach.visit');
      const list = await repo.findVisitList(db, id);
      if (!list || !visitListPermits(scopeOf(actor), list.officeId)) throw new NotFoundError();
      const items = await repo.visitItems(db, id);
      return { list, items };
    },

    /**
     * One visit's outcome (who and when kept on the item, and an audit row). 'interested' sends the
     * clerk on to the intake pre-filled from the shop (the page does: /businesses/new?store=…).
     */
    async recordOutcome(actor: Actor | null, id: number, storeId: string, raw: unknown, meta: RequestMeta): Promise<VisitOutcome> {
      authorize(actor, 'outreach.visit');
      const list = await repo.findVisitList(db, id);
      if (!list || !visitListPermits(scopeOf(actor), list.officeId)) throw new NotFoundError();
      const { outcome } = parseInput(VisitOutcomeInput, raw);
      await db.transaction().execute(async (trx) => {
        const ok = await repo.setOutcome(trx, { listId: id, storeId, outcome, by: actor.userId, at: now() });
        if (!ok) throw new NotFoundError();
        await deps.audit.record(trx, meta, { action: 'outreach.visit_outcome', actor, subjectType: 'visit_list', subjectId: String(id), detail: { storeId, outcome } });
      });
      return outcome;
    },
  };
}
export type OutreachService = ReturnType<typeof createOutreachService>;
