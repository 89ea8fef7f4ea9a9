/**
 * Stored verdicts (issue 12 §2, §4): every tracked business's verdict for every current programme,
 * kept in `business_verdict` (migration 20261206030000) so that /home and /businesses/:id read
 * verdicts instead of evaluating 2,000 programmes with explanations on every view. The cells are
 * the per-business engine's own verdicts (src/domain/eligibility, the oracle), explanations off; a
 * programme's explanation is evaluated when the clerk opens it (`explain`).
 *
 * Freshness (docs/architecture.md, "Stored verdicts"):
 * - a business whose facts, participations or documents changed has its row nulled by a trigger:
 *   the next read recomputes that one row (under a row lock, so a concurrent change waits or is seen);
 * - a row of an earlier Korean day is recomputed on read (업력, 나이, 서류 유효기간 move with the date),
 *   and the nightly job rebuilds them all first (`rebuild`, also `itda verdicts rebuild`);
 * - a programme whose current version changed (published, reviewed, region set, withdrawn, dates) is
 *   marked dirty by a trigger: readers evaluate that programme live for the rows they show, and
 *   `refreshDirty` recomputes its column (one column) and removes the mark;
 * - application windows (마감 임박, 접수 예정) are never stored: they are compared with today on read.
 * Several processes share all of it through PostgreSQL; each keeps only the compiled catalogue in
 * memory, reloaded when the catalogue epoch (bumped by the same triggers) moves.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB, VerdictCell } from '../../db/schema.ts';
import type { Db } from '../../db/db.ts';
import {
  evaluateCatalogue,
  FACT_LABELS,
  FACT_NAMES,
  type AskNextItem,
  type BusinessFacts,
  type CompiledProgramme,
  type FactName,
} from '../../domain/eligibility/index.ts';
import { FACT_BIT, factsOfMask, maskOfFacts } from '../../domain/eligibility/eligibility.context.ts';
import { unknownSummary } from '../../domain/eligibility/eligibility.explain.ts';
import { kstDate } from '../../domain/korean-time.ts';
import { NotFoundError } from '../../errors.ts';
import { memoized } from '../../request-memo.ts';
import { createVersionCompiler } from '../eligibility/eligibility.compile.ts';
import type { EligibilityRepository } from '../eligibility/eligibility.repository.ts';
import type { ProgramsRepository } from '../programs/programs.repository.ts';
import type { VerdictsRepository } from './verdicts.repository.ts';

type RuleRow = Awaited<ReturnType<ProgramsRepository['currentRules']>>[number];
export interface CatalogueEntry {
  readonly row: RuleRow;
  /** The reviewed rule with its region, or null: then only `screen` applies (awaiting review). */
  readonly judge: CompiledProgramme | null;
  readonly screen: CompiledProgramme | null;
}
interface Catalogue {
  readonly epoch: number;
  readonly entries: readonly CatalogueEntry[];
  readonly byId: ReadonlyMap<number, CatalogueEntry>;
  readonly judged: readonly CompiledProgramme[];
  readonly judgedIds: readonly number[];
  readonly screens: readonly CompiledProgramme[];
  readonly screenIds: readonly number[];
  /** Entry indexes by title in Korean order (equal titles in catalogue order), computed when first asked. */
  byTitle?: Int32Array;
  /** Entry indexes by urgency for one Korean day (see `urgencyOrder`), computed when first asked that day. */
  byUrgency?: { day: string; order: Int32Array };
  /** Each entry as the business page lists it (see `viewsOf`), made when first asked. */
  views?: {
    rows: readonly VerdictRow[];
    eligible: readonly (VerdictRow & { verdict: 'eligible'; missing: readonly FactName[] })[];
  };
  /** Entry indexes by deadline (none last), then title, and each entry's place by title (see `deadlineOrder`). */
  byDeadline?: { order: Int32Array; titleRank: Int32Array };
  /** The entries closing in one window (see `closingIn`), kept for the last window asked. */
  closing?: { from: string; until: string; entries: readonly CatalogueEntry[]; ids: readonly number[]; idSet: ReadonlySet<number> };
}
type Cells = Record<string, VerdictCell>;
/** One business under a closing programme on the clerk home. */
interface ClosingRow {
  programmeId: number;
  title: string;
  periodEnd: string;
  businessId: string;
  businessName: string;
  verdict: 'eligible' | 'unreviewed' | 'unknown';
  missing: readonly string[];
}
/** The clerk home's "곧 마감": one group per closing programme, and how many rows (business × programme) in all. */
export interface ClosingGroups {
  rows: number;
  groups: { programmeId: number; title: string; periodEnd: string; total: number; first: ClosingRow[] }[];
}
/** A programme as the business page lists a verdict for it. */
interface VerdictRow {
  readonly programmeId: number;
  readonly programmeKey: string;
  readonly title: string;
  readonly periodEnd: string | null;
}

const PLAIN = { nearMisses: false, timeChanges: false, askNext: false } as const;
/** Korean collation for titles: one collator, not one per `localeCompare(…, 'ko')` call. */
const KO = new Intl.Collator('ko');
/** The engine's summary of an unknown depends only on what is missing: one string per mask. */
const SUMMARIES = new Map<number, string>();
function summaryOfMask(mask: number): string {
  let s = SUMMARIES.get(mask);
  if (s === undefined) SUMMARIES.set(mask, (s = unknownSummary(factsOfMask(mask))));
  return s;
}
/** The default locale's collation, as `String.prototype.localeCompare()` without arguments. */
const NAMES = new Intl.Collator();
/** At most this many clerk-home groupings kept per process (one per clerk's caseload and window). */
const GROUPINGS_MAX = 500;
/** At most this many lists' name orders kept per process (one list per clerk's caseload). */
const NAME_ORDERS_MAX = 1_000;
/** At most this many businesses' subsets kept per process (a few hundred bytes each); oldest go first. */
const SUBSETS_MAX = 50_000;

export function createStoredVerdicts(deps: {
  db: Kysely<DB>;
  programs: ProgramsRepository;
  facts: EligibilityRepository;
  repo: VerdictsRepository;
  now: () => Date;
  logger?: Logger;
}) {
  const { db, programs, facts, repo, now } = deps;
  const compiler = createVersionCompiler();
  let cached: Catalogue | null = null;
  /** Subsets of stored rows read for a few programmes, by business: valid while the row's version is. */
  const subsets = new Map<string, { version: string; keys: string; cells: Cells }>();

  /**
   * Stored cells laid out in the order of one list of programme ids (the closing ones), by cells
   * object: the clerk home walks arrays instead of 200 businesses × 100 programmes keyed lookups in
   * the cells objects (~4 ms a view, profiled). A cells object kept for the next view (`subsets`)
   * keeps its layout with it; a fresh one is laid out again.
   */
  const layouts = new WeakMap<Cells, { ids: readonly number[]; vec: readonly (VerdictCell | undefined)[] }>();
  function laidOut(c: Cells, ids: readonly number[]) {
    const hit = layouts.get(c);
    if (hit && hit.ids === ids) return hit.vec;
    const vec = ids.map((id) => c[id]);
    layouts.set(c, { ids, vec });
    return vec;
  }

  /** The catalogue's programmes whose application period ends between `from` and `until` (kept per catalogue for the last window). */
  function closingIn(cat: Catalogue, from: string, until: string) {
    if (cat.closing?.from === from && cat.closing.until === until) return cat.closing;
    const entries = cat.entries.filter((e) => e.row.periodKind === 'range' && e.row.periodEnd && e.row.periodEnd >= from && e.row.periodEnd <= until);
    const ids = entries.map((e) => e.row.id);
    const closing = { from, until, entries, ids, idSet: new Set(ids) };
    (cat as { closing?: typeof closing }).closing = closing;
    return closing;
  }

  /**
   * The clerk home's groups as last built, by everything they are built from: the catalogue epoch,
   * the day, the window, the group size, and the businesses' ids, names and stored row versions
   * (`xmin`, read on every view). Kept only when every row was fresh and no closing programme was
   * dirty (then nothing else goes in); any change to a row, a name or the catalogue makes a new key.
   */
  const groupings = new Map<string, ClosingGroups>();

  /** Name orders of business lists, by the list (ids and names): see `nameOrder`. */
  const nameOrders = new Map<string, { byName: readonly { id: string; name: string }[]; rank: ReadonlyMap<string, number> }>();

  /**
   * These businesses by name (a stable sort: equal names in the order given) and each one's place
   * (equal names share the first one's). The collator compares Hangul names at a few µs each, so
   * sorting a clerk's 200 businesses cost ~6 ms of every clerk-home view (profiled, issue 12 §4):
   * the order is kept per list and reused while the same businesses have the same names.
   */
  function nameOrder(businesses: readonly { id: string; name: string }[]) {
    let key = '';
    for (const b of businesses) key += `${b.id}\u0001${b.name}\u0002`;
    const hit = nameOrders.get(key);
    if (hit) {
      // Most recently used last, so the oldest goes first when the map is full.
      nameOrders.delete(key);
      nameOrders.set(key, hit);
      return hit;
    }
    const byName = businesses
      .map((b, i) => ({ b: { id: b.id, name: b.name }, i }))
      .sort((x, y) => NAMES.compare(x.b.name, y.b.name) || x.i - y.i)
      .map((x) => x.b);
    const rank = new Map<string, number>();
    byName.forEach((b, i) => rank.set(b.id, i > 0 && NAMES.compare(byName[i - 1]!.name, b.name) === 0 ? rank.get(byName[i - 1]!.id)! : i));
    const order = { byName, rank };
    if (nameOrders.size >= NAME_ORDERS_MAX) nameOrders.delete(nameOrders.keys().next().value!);
    nameOrders.set(key, order);
    return order;
  }

  /** The compiled current catalogue as of `epoch` (read first, so a later change moves it on). */
  async function catalogueAt(d: Db, epoch: number): Promise<Catalogue> {
    if (cached && cached.epoch === epoch) return cached;
    const rows = await programs.currentRules(d);
    const entries: CatalogueEntry[] = [];
    const judged: CompiledProgramme[] = [];
    const judgedIds: number[] = [];
    const screens: CompiledProgramme[] = [];
    const screenIds: number[] = [];
    for (const r of rows) {
      const judge = compiler.compileVersion(r);
      const screen = judge ? null : compiler.compileScreen(r);
      entries.push({ row: r, judge, screen });
      if (judge) {
        judged.push(judge);
        judgedIds.push(r.id);
      } else {
        screens.push(screen!);
        screenIds.push(r.id);
      }
    }
    const c: Catalogue = { epoch, entries, byId: new Map(entries.map((e) => [e.row.id, e])), judged, judgedIds, screens, screenIds };
    if (!cached || cached.epoch <= epoch) cached = c;
    return c;
  }

  /** One business's cells for the whole catalogue (the oracle, explanations off). */
  function cellsFor(cat: Catalogue, f: BusinessFacts, refDate: string): Cells {
    const cells: Cells = {};
    const judged = evaluateCatalogue(cat.judged, f, refDate, PLAIN).results;
    for (let i = 0; i < judged.length; i++) {
      const r = judged[i]!;
      if (r.verdict === 'eligible') cells[cat.judgedIds[i]!] = 'e';
      else if (r.verdict === 'unknown') cells[cat.judgedIds[i]!] = maskOfFacts(r.missing);
    }
    const screened = evaluateCatalogue(cat.screens, f, refDate, PLAIN).results;
    for (let i = 0; i < screened.length; i++) if (screened[i]!.verdict !== 'ineligible') cells[cat.screenIds[i]!] = 'p';
    return cells;
  }

  /** One programme's cell for one business, or null (ineligible, or ruled out by the screen). */
  function cellOf(e: CatalogueEntry, f: BusinessFacts, refDate: string): VerdictCell | null {
    const r = evaluateCatalogue([e.judge ?? e.screen!], f, refDate, PLAIN).results[0]!;
    if (!e.judge) return r.verdict === 'ineligible' ? null : 'p';
    return r.verdict === 'eligible' ? 'e' : r.verdict === 'unknown' ? maskOfFacts(r.missing) : null;
  }

  /** Recomputes and stores these businesses' rows for `refDate` (locked: see lockRows). */
  async function computeRows(ids: readonly string[], refDate: string): Promise<Map<string, Cells>> {
    const out = new Map<string, Cells>();
    if (!ids.length) return out;
    await db.transaction().execute(async (trx) => {
      await repo.lockRows(trx, ids, refDate);
      // The epoch is read after the lock: a column recomputed meanwhile has either waited for this
      // row or was computed from the catalogue read here (stored-verdicts test, "column and row").
      const cat = await catalogueAt(trx, (await repo.state(trx)).epoch);
      const rows = (await facts.businessFacts(trx, { ids: [...ids] })).map((b) => ({
        businessId: b.id,
        refDate,
        cells: cellsFor(cat, b.facts, refDate),
      }));
      await repo.writeRows(trx, rows);
      for (const r of rows) out.set(r.businessId, r.cells);
    });
    return out;
  }

  let refreshing: Promise<number> | null = null;

  /** Recomputes the columns of the programmes marked dirty, one at a time; returns how many. */
  async function refreshDirty(): Promise<number> {
    let done = 0;
    for (;;) {
      const took = await db.transaction().execute(async (trx) => {
        const [mark] = await repo.takeDirty(trx, 1);
        if (!mark) return false;
        const refDate = kstDate(now());
        const cat = await catalogueAt(trx, (await repo.state(trx)).epoch);
        const e = cat.byId.get(mark.programmeId);
        let after: string | null = null;
        for (;;) {
          const page = await repo.businessIdsAfter(trx, after, 2000);
          if (!page.length) break;
          after = page[page.length - 1]!.id;
          const fs = await facts.businessFacts(trx, { ids: page.map((p) => p.id) });
          await repo.writeColumn(
            trx,
            mark.programmeId,
            refDate,
            fs.map((b) => ({ businessId: b.id, cell: e ? cellOf(e, b.facts, refDate) : null })),
          );
        }
        await repo.clearDirty(trx, mark.programmeId);
        return true;
      });
      if (!took) return done;
      done++;
    }
  }

  /** Starts recomputing dirty columns in the background unless this process already is. */
  function kick() {
    if (refreshing) return;
    refreshing = refreshDirty()
      .catch((err: unknown) => {
        deps.logger?.warn({ err }, 'stored verdicts: recomputing a programme column failed; readers keep evaluating it live');
        return 0;
      })
      .finally(() => (refreshing = null));
  }

  /**
   * The stored cells of these businesses for today: stale or missing rows recomputed first, dirty
   * programmes evaluated live over them.
   */
  async function read(
    ids: readonly string[],
    only?: readonly number[],
    known?: { state: { epoch: number; dirty: number[] }; versions: Awaited<ReturnType<VerdictsRepository['versionsOf']>> },
  ) {
    const today = kstDate(now());
    // A caller that has just read the state and the rows' versions (to choose `only`) passes them;
    // otherwise the state comes with the rows: one round trip less either way.
    const whole = known || only ? null : await repo.stateAndRows(db, ids);
    const st = known?.state ?? whole?.state ?? (await repo.state(db));
    const cat = await catalogueAt(db, st.epoch);
    const cells = new Map<string, Cells>();
    if (only) {
      // The clerk home asks for the same few programmes of the same businesses on every view: the
      // subsets read are kept per process while their row's version (xmin) is the one stored.
      const keys = only.join(',');
      const stale = new Set<string>();
      const fetch: string[] = [];
      for (const r of known?.versions ?? (await repo.versionsOf(db, ids))) {
        const hit = subsets.get(r.businessId);
        if (r.stale || r.refDate !== today) stale.add(r.businessId);
        else if (hit && hit.version === r.version && hit.keys === keys) cells.set(r.businessId, hit.cells);
        else fetch.push(r.businessId);
      }
      for (const r of await repo.cellsOf(db, fetch, only)) {
        if (r.stale || !r.cells || r.refDate !== today) stale.add(r.businessId);
        else {
          if (subsets.size >= SUBSETS_MAX) subsets.delete(subsets.keys().next().value!);
          subsets.set(r.businessId, { version: r.version, keys, cells: r.cells });
          cells.set(r.businessId, r.cells);
        }
      }
      for (const id of ids) if (!cells.has(id)) stale.add(id);
      for (const [id, c] of await computeRows([...stale], today)) cells.set(id, c);
    } else {
      const rows = whole?.rows ?? (await repo.rows(db, ids));
      for (const r of rows) if (r.cells && String(r.refDate).slice(0, 10) === today) cells.set(r.businessId, r.cells);
      const stale = ids.filter((id) => !cells.has(id));
      for (const [id, c] of await computeRows(stale, today)) cells.set(id, c);
    }
    const dirty = st.dirty.filter((p) => !only || only.includes(p));
    if (dirty.length) {
      kick();
      const fs = await facts.businessFacts(db, { ids: [...ids] });
      for (const b of fs) {
        const kept = cells.get(b.id);
        if (!kept) continue;
        // A copy: the cells may be the subsets kept for the next view (above).
        const c = { ...kept };
        cells.set(b.id, c);
        for (const p of dirty) {
          const e = cat.byId.get(p);
          const v = e ? cellOf(e, b.facts, today) : null;
          if (v === null) delete c[p];
          else c[p] = v;
        }
      }
    }
    return { cat, cells, today };
  }

  /** The catalogue's entries by title (Korean collation; a stable sort keeps equal titles in catalogue order). */
  function titleOrder(cat: Catalogue): Int32Array {
    if (!cat.byTitle) {
      const order = cat.entries.map((_, i) => i).sort((a, b) => KO.compare(cat.entries[a]!.row.title, cat.entries[b]!.row.title));
      (cat as { byTitle?: Int32Array }).byTitle = Int32Array.from(order);
    }
    return cat.byTitle!;
  }

  /**
   * The catalogue's entries by the end of their application period as text (none last, as the
   * participation picker has always ordered "closing soonest"), equal ones by title; and each entry's
   * place by title. Once per catalogue.
   */
  function deadlineOrder(cat: Catalogue) {
    if (!cat.byDeadline) {
      const byTitle = titleOrder(cat);
      const titleRank = new Int32Array(cat.entries.length);
      byTitle.forEach((e, i) => (titleRank[e] = i));
      const end = (i: number) => cat.entries[i]!.row.periodEnd ?? '9999';
      const order = Int32Array.from([...byTitle].sort((a, b) => (end(a) < end(b) ? -1 : end(a) > end(b) ? 1 : 0)));
      (cat as { byDeadline?: Catalogue['byDeadline'] }).byDeadline = { order, titleRank };
    }
    return cat.byDeadline!;
  }

  /**
   * The catalogue's entries in the order the business page lists verdicts: those a clerk can still
   * apply for, closing soonest first, then those without a deadline, then those not open yet, then
   * those closed; catalogue order within a rank. It moves only with the day: computed once per day
   * and catalogue, so a page view walks it instead of sorting.
   */
  function urgencyOrder(cat: Catalogue, today: string): Int32Array {
    if (cat.byUrgency?.day === today) return cat.byUrgency.order;
    // As a number (rank × 10⁸ + the deadline's YYYYMMDD).
    const key = cat.entries.map(({ row: e }) => {
      if (e.periodKind !== 'range') return 1e8;
      if (e.periodEnd && e.periodEnd < today) return 3e8;
      if (e.periodStart && e.periodStart > today) return 2e8;
      return e.periodEnd ? Number(e.periodEnd.slice(0, 4) + e.periodEnd.slice(5, 7) + e.periodEnd.slice(8, 10)) : 99_999_999;
    });
    const order = Int32Array.from(cat.entries.map((_, i) => i).sort((a, b) => key[a]! - key[b]! || a - b));
    (cat as { byUrgency?: { day: string; order: Int32Array } }).byUrgency = { day: today, order };
    return order;
  }

  /**
   * Each catalogue entry as the business page lists it (`forBusiness`), and as an eligible verdict:
   * made once per catalogue and shared by every view (frozen: read-only), instead of two objects per
   * programme per view.
   */
  function viewsOf(cat: Catalogue) {
    if (!cat.views) {
      const rows = cat.entries.map(({ row: e }) =>
        Object.freeze({ programmeId: e.id, programmeKey: e.key, title: e.title, periodEnd: e.periodKind === 'range' ? e.periodEnd : null }),
      );
      const eligible = rows.map((r) => Object.freeze({ ...r, verdict: 'eligible' as const, missing: [] as readonly FactName[] }));
      (cat as { views?: Catalogue['views'] }).views = { rows, eligible };
    }
    return cat.views!;
  }

  /** One programme as the participation picker offers it, with the business's verdict from its stored cell. */
  function choiceOf(e: CatalogueEntry, v: VerdictCell | undefined): {
    id: number;
    title: string;
    isSample: boolean;
    periodEnd: string | null;
    verdict: 'eligible' | 'unknown' | 'unreviewed' | 'ineligible';
    note: string | null;
  } {
    return {
      id: e.row.id,
      title: e.row.title,
      isSample: e.row.isSample,
      periodEnd: e.row.periodEnd,
      verdict: v === undefined ? 'ineligible' : v === 'p' ? 'unreviewed' : v === 'e' ? 'eligible' : 'unknown',
      /** What to ask the owner when the verdict is unknown (the engine's summary sentence). */
      note: typeof v === 'number' ? summaryOfMask(v) : null,
    };
  }

  /** One business's cells, read once per request (the business page and its sections both ask). */
  function readOne(businessId: string) {
    return memoized(`stored-verdicts:${businessId}`, () => read([businessId]));
  }

  return {
    /**
     * The business page's verdicts (issue 12 §4): every current programme that is not ruled out,
     * in catalogue order — eligible, unknown with what is missing, awaiting review — and which facts
     * to ask for first (the same ranking as the engine's askNext, from the stored masks).
     */
    async forBusiness(businessId: string) {
      const { cat, cells, today } = await readOne(businessId);
      const c = cells.get(businessId);
      if (!c) throw new NotFoundError();
      const views = viewsOf(cat);
      const results: (VerdictRow & { verdict: 'eligible' | 'unknown'; missing: readonly FactName[] })[] = [];
      const pending: VerdictRow[] = [];
      // Masks of the unknown verdicts, counted (a few distinct ones): what to ask next is read off them.
      const masks = new Map<number, number>();
      // Walked in the page's order (urgencyOrder), so nothing is sorted per view; the rows of
      // pending and eligible verdicts are made once per catalogue (viewsOf), only unknown ones per view.
      for (const i of urgencyOrder(cat, today)) {
        const v = c[cat.entries[i]!.row.id];
        if (v === undefined) continue;
        if (v === 'p') pending.push(views.rows[i]!);
        else if (v === 'e') results.push(views.eligible[i]!);
        else {
          const row = views.rows[i]!;
          results.push({ programmeId: row.programmeId, programmeKey: row.programmeKey, title: row.title, periodEnd: row.periodEnd, verdict: 'unknown', missing: factsOfMask(v) });
          masks.set(v, (masks.get(v) ?? 0) + 1);
        }
      }
      const decides = new Map<number, number>();
      const involved = new Map<number, number>();
      for (const [v, n] of masks) {
        if ((v & (v - 1)) === 0) decides.set(v, (decides.get(v) ?? 0) + n);
        for (let m = v; m; m &= m - 1) {
          const bit = m & -m;
          involved.set(bit, (involved.get(bit) ?? 0) + n);
        }
      }
      const askNext: Omit<AskNextItem, 'programmeKeys'>[] = [];
      for (const f of FACT_NAMES) {
        const n = involved.get(FACT_BIT[f]);
        if (n) askNext.push({ fact: f, label: FACT_LABELS[f], decides: decides.get(FACT_BIT[f]) ?? 0, involved: n });
      }
      askNext.sort((a, b) => b.decides - a.decides || b.involved - a.involved || FACT_NAMES.indexOf(a.fact) - FACT_NAMES.indexOf(b.fact));
      // The page shows the first few of each group (a 2,000-programme catalogue gives hundreds),
      // most urgent first: already in that order (urgencyOrder).
      return { results, pending, askNext };
    },

    /**
     * Every current programme's verdict for one business from the stored cells (the "새 참여 만들기"
     * choice): the same verdicts as the engine — eligible, unknown with what is missing (and the
     * engine's summary sentence, which depends only on that), awaiting review and not ruled out
     * ('unreviewed'), and ineligible (ruled out by its rule, or by the screen while awaiting review).
     */
    async verdictsOf(businessId: string) {
      const { cat, cells } = await readOne(businessId);
      const c = cells.get(businessId);
      if (!c) throw new NotFoundError();
      const out = new Map<
        number,
        { verdict: 'eligible' | 'unknown' | 'unreviewed' | 'ineligible'; missing: readonly FactName[]; summary: string | null }
      >();
      for (const e of cat.entries) {
        const v = c[e.row.id];
        if (v === undefined) out.set(e.row.id, { verdict: 'ineligible', missing: [], summary: null });
        else if (v === 'p') out.set(e.row.id, { verdict: 'unreviewed', missing: [], summary: null });
        else if (v === 'e') out.set(e.row.id, { verdict: 'eligible', missing: [], summary: null });
        else {
          const missing = factsOfMask(v);
          out.set(e.row.id, { verdict: 'unknown', missing, summary: unknownSummary(missing) });
        }
      }
      return out;
    },

    /**
     * The "새 참여 만들기" choice, straight from the catalogue in memory (no query for the 2,000
     * programmes on every business page): every current published programme by title in Korean
     * order (equal titles in catalogue order; the order is computed once per catalogue, so a view
     * sorts nothing) with its verdict as `verdictsOf` gives it.
     */
    async choicesOf(businessId: string) {
      const { cat, cells } = await readOne(businessId);
      const c = cells.get(businessId);
      if (!c) throw new NotFoundError();
      const out: ReturnType<typeof choiceOf>[] = [];
      for (const i of titleOrder(cat)) {
        const e = cat.entries[i]!;
        if (e.row.status !== 'published') continue;
        out.push(choiceOf(e, c[e.row.id]));
      }
      return out;
    },

    /**
     * The business page's short "새 참여 만들기" choice: of the published programmes not in
     * `exclude` (those the business already takes part in), at most `perVerdict` eligible, unknown
     * and awaiting review each — those closing soonest (by deadline, then title) — listed by verdict,
     * then title; and how many others the full choice (`choicesOf`) has. The same as taking them
     * from `choicesOf`, without making its 2,000 choices on every business page view (~3 ms a
     * view with the grouping and sorting, profiled).
     */
    async compactChoicesOf(businessId: string, perVerdict: number, exclude: ReadonlySet<number>) {
      const { cat, cells } = await readOne(businessId);
      const c = cells.get(businessId);
      if (!c) throw new NotFoundError();
      const { order, titleRank } = deadlineOrder(cat);
      const picked = { eligible: [] as number[], unknown: [] as number[], unreviewed: [] as number[] };
      let others = 0;
      for (const i of order) {
        const e = cat.entries[i]!;
        if (e.row.status !== 'published' || exclude.has(e.row.id)) continue;
        const v = c[e.row.id];
        const group = v === undefined ? null : v === 'p' ? picked.unreviewed : v === 'e' ? picked.eligible : picked.unknown;
        if (group && group.length < perVerdict) group.push(i);
        else others++;
      }
      const offered = [picked.eligible, picked.unknown, picked.unreviewed].flatMap((g) =>
        g.sort((a, b) => titleRank[a]! - titleRank[b]!).map((i) => choiceOf(cat.entries[i]!, c[cat.entries[i]!.row.id])),
      );
      return { offered, others };
    },

    /**
     * Clerk home (오늘 할 일): programmes closing between `from` and `until` (their dates read now,
     * never stored) for which some of these businesses are eligible, unknown (with what is missing)
     * or awaiting review and not ruled out. Reads only those programmes' cells.
     */
    async closingSoonFor(businesses: readonly { id: string; name: string }[], from: string, until: string) {
      if (!businesses.length) return [];
      const known = await repo.stateAndVersions(
        db,
        businesses.map((b) => b.id),
      );
      const cat = await catalogueAt(db, known.state.epoch);
      const { entries: closing, ids } = closingIn(cat, from, until);
      if (!closing.length) return [];
      const { cells } = await read(
        businesses.map((b) => b.id),
        ids,
        known,
      );
      // Sorted by deadline, then business name, as one number per row: each business's place by
      // name is computed once (equal names share it), so ~8,000 rows of a clerk with 200 businesses
      // and 100 closing programmes sort without a collator or a lookup in the comparator.
      const nameRank = nameOrder(businesses).rank;
      const rows: {
        k: number;
        r: {
          programmeId: number;
          title: string;
          periodEnd: string;
          businessId: string;
          businessName: string;
          verdict: 'eligible' | 'unknown' | 'unreviewed';
          missing: readonly string[];
        };
      }[] = [];
      for (const e of closing) {
        const end = e.row.periodEnd!;
        const day = Number(end.slice(0, 4) + end.slice(5, 7) + end.slice(8, 10)) * 1e6;
        for (const b of businesses) {
          const v = cells.get(b.id)?.[e.row.id];
          if (v === undefined) continue;
          rows.push({
            k: day + nameRank.get(b.id)!,
            r: {
              programmeId: e.row.id,
              title: e.row.title,
              periodEnd: end,
              businessId: b.id,
              businessName: b.name,
              verdict: v === 'e' ? 'eligible' : v === 'p' ? 'unreviewed' : 'unknown',
              missing: typeof v === 'number' ? factsOfMask(v) : [],
            },
          });
        }
      }
      return rows.sort((a, b) => a.k - b.k).map((x) => x.r);
    },

    /**
     * The clerk home's "곧 마감" as the page shows it: one group per closing programme (deadline
     * first), each with how many of these businesses it has and the first `perGroup` by name — the
     * same groups and order as grouping `closingSoonFor`'s rows, without making a row per business ×
     * programme (200 businesses × 100 closing programmes are 20,000 rows a view) or sorting them.
     */
    async closingSoonGroups(businesses: readonly { id: string; name: string }[], from: string, until: string, perGroup: number): Promise<ClosingGroups> {
      type Row = ClosingRow;
      const rowOf = (e: CatalogueEntry, b: { id: string; name: string }, v: VerdictCell): ClosingRow => ({
        programmeId: e.row.id,
        title: e.row.title,
        periodEnd: e.row.periodEnd!,
        businessId: b.id,
        businessName: b.name,
        verdict: v === 'e' ? 'eligible' : v === 'p' ? 'unreviewed' : 'unknown',
        missing: typeof v === 'number' ? factsOfMask(v) : ([] as readonly string[]),
      });
      const out: ClosingGroups = { rows: 0, groups: [] };
      if (!businesses.length) return out;
      const known = await repo.stateAndVersions(
        db,
        businesses.map((b) => b.id),
      );
      const cat = await catalogueAt(db, known.state.epoch);
      const { entries: closing, ids, idSet } = closingIn(cat, from, until);
      if (!closing.length) return out;
      const today = kstDate(now());
      let kept: string | null = null;
      if (known.versions.length === businesses.length && known.versions.every((v) => !v.stale && v.refDate === today) && !known.state.dirty.some((p) => idSet.has(p))) {
        const version = new Map(known.versions.map((v) => [v.businessId, v.version]));
        kept = `${cat.epoch}\u0003${today}\u0003${from}\u0003${until}\u0003${perGroup}\u0003`;
        for (const b of businesses) kept += `${b.id}\u0001${b.name}\u0001${version.get(b.id) ?? ''}\u0002`;
        const hit = groupings.get(kept);
        if (hit) {
          groupings.delete(kept);
          groupings.set(kept, hit);
          return hit;
        }
      }
      const { cells } = await read(
        businesses.map((b) => b.id),
        ids,
        known,
      );
      // Businesses by name (a stable sort: equal names in the order given), as closingSoonFor ranks them.
      const { byName, rank: nameRank } = nameOrder(businesses);
      const rows = byName.map((b) => {
        const c = cells.get(b.id);
        return c ? laidOut(c, ids) : null;
      });
      const groups: { k: number; i: number; g: (typeof out.groups)[number] }[] = [];
      closing.forEach((e, i) => {
        const first: Row[] = [];
        let total = 0;
        let best = -1;
        for (let j = 0; j < byName.length; j++) {
          const v = rows[j]?.[i];
          if (v === undefined) continue;
          if (best < 0) best = j;
          total++;
          if (first.length < perGroup) first.push(rowOf(e, byName[j]!, v));
        }
        if (best >= 0) best = nameRank.get(byName[best]!.id)!;
        if (!total) return;
        out.rows += total;
        const end = e.row.periodEnd!;
        // Deadline, then where its first business comes by name, then catalogue order.
        groups.push({ k: Number(end.slice(0, 4) + end.slice(5, 7) + end.slice(8, 10)) * 1e6 + best, i, g: { programmeId: e.row.id, title: e.row.title, periodEnd: end, total, first } });
      });
      out.groups = groups.sort((a, b) => a.k - b.k || a.i - b.i).map((x) => x.g);
      if (kept) {
        if (groupings.size >= GROUPINGS_MAX) groupings.delete(groupings.keys().next().value!);
        groupings.set(kept, out);
      }
      return out;
    },

    /** One programme's verdict for one business with its explanation (evaluated when opened). */
    async explain(businessId: string, programmeId: number) {
      const today = kstDate(now());
      const cat = await catalogueAt(db, (await repo.state(db)).epoch);
      const e = cat.byId.get(programmeId);
      const [b] = await facts.businessFacts(db, { ids: [businessId] });
      if (!e || !b) throw new NotFoundError();
      const r = evaluateCatalogue([e.judge ?? e.screen!], b.facts, today, { explain: true, ...PLAIN }).results[0]!;
      return { programme: e.row, judged: !!e.judge, result: r, refDate: today };
    },

    /** Verdicts for every business in the stored form (tests: the oracle comparison). */
    async cellsOf(ids: readonly string[]) {
      const { cat, cells } = await read(ids);
      return { cells, keyOf: (id: number) => cat.byId.get(id)?.row.key };
    },

    /** Every row recomputed for today (nightly, and `itda verdicts rebuild`), then the dirty columns. */
    async rebuild(opts: { batch?: number } = {}) {
      const today = kstDate(now());
      // Marks committed before the first row is computed are covered by this rebuild (their
      // catalogue change committed with them); marks made later stay for refreshDirty.
      const marks = await repo.dirtyMarks(db);
      let after: string | null = null;
      let rows = 0;
      for (;;) {
        const page = await repo.businessIdsAfter(db, after, opts.batch ?? 500);
        if (!page.length) break;
        after = page[page.length - 1]!.id;
        rows += (
          await computeRows(
            page.map((p) => p.id),
            today,
          )
        ).size;
      }
      await repo.clearMarks(db, marks);
      const columns = await refreshDirty();
      return { rows, columns, refDate: today };
    },

    /** Recomputes the dirty columns now (the job; tests). */
    refreshDirty,

    /** Waits for a background column recompute this process started (tests, shutdown). */
    async settled() {
      while (refreshing) await refreshing;
    },
  };
}
export type StoredVerdicts = ReturnType<typeof createStoredVerdicts>;
