/**
 * Stored verdicts (issue 12 §2): the verdict matrix of every tracked business × the current
 * catalogue, kept in process for one reference date (KST today), so that pages and reports read
 * verdicts instead of evaluating the catalogue per view. The per-business engine
 * (eligibility.service.ts) stays the oracle and gives the explanations; this service gives the
 * same verdicts (src/domain/matching, matching.properties.test.ts; test/integration/verdict-store.test.ts).
 *
 * Invalidation hooks — call them after the change commits:
 * - `programmePublished(key)`: a new current version (or review state, or region) of one programme →
 *   its column is re-evaluated, nothing else;
 * - `businessChanged(id)`: a business created or its facts, participations (수혜 이력) or documents
 *   changed → its row is re-answered, nothing else;
 * - `invalidate()`: anything else (a bulk import); the next read rebuilds.
 * A new day rebuilds by itself (verdicts depend on the reference date: 업력, 나이, 서류 유효기간).
 *
 * Not yet: the registry shops (store) as rows. The pages (/home, /businesses/:id) read the stored
 * verdicts of business_verdict instead (stored-verdicts.service.ts, shared by several processes).
 * Deliberately not in the app's composition (src/compose.ts): its hooks are called by nobody and its
 * copy lives in one process, so with several processes (ITDA_WORKERS) a change made through one would
 * never reach another's copy. Used by its own test only (test/integration/verdict-store.test.ts).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { kstDate } from '../../domain/korean-time.ts';
import { FactColumns, VerdictMatrix, planVersion, type VersionInput } from '../../domain/matching/index.ts';
import type { Verdict } from '../../domain/eligibility/index.ts';
import type { EligibilityRepository } from '../eligibility/eligibility.repository.ts';
import type { ProgramsRepository } from '../programs/programs.repository.ts';

interface Loaded {
  readonly refDate: string;
  readonly matrix: VerdictMatrix;
  readonly rowOf: Map<string, number>;
}

type RuleRow = Awaited<ReturnType<ProgramsRepository['currentRules']>>[number];

const versionOf = (r: RuleRow): VersionInput => ({
  key: r.key,
  rule: r.rule,
  ruleReview: r.ruleReview,
  nationwide: r.nationwide,
  sido: r.sido ?? [],
  municipalities: r.municipalities ?? [],
});

export function createVerdictStore(deps: { db: Kysely<DB>; programs: ProgramsRepository; repo: EligibilityRepository; now: () => Date }) {
  const { db, programs, repo, now } = deps;
  let loaded: Promise<Loaded> | null = null;

  async function build(refDate: string): Promise<Loaded> {
    const [businesses, rules] = await Promise.all([repo.businessFacts(db), programs.currentRules(db)]);
    const cols = new FactColumns(refDate, Math.max(32, businesses.length));
    const rowOf = new Map<string, number>();
    for (const b of businesses) rowOf.set(b.id, cols.append(b.facts));
    const matrix = new VerdictMatrix(cols);
    for (const r of rules) matrix.setProgramme(planVersion(versionOf(r)));
    return { refDate, matrix, rowOf };
  }

  async function current(): Promise<Loaded> {
    const today = kstDate(now());
    if (loaded) {
      const l = await loaded;
      if (l.refDate === today) return l;
    }
    loaded = build(today);
    loaded.catch(() => (loaded = null));
    return loaded;
  }

  return {
    /** Every current programme's verdict for one tracked business (programme key → verdict). */
    async verdictsOf(businessId: string): Promise<Map<string, Verdict> | undefined> {
      const l = await current();
      const i = l.rowOf.get(businessId);
      return i === undefined ? undefined : l.matrix.row(i);
    },

    /** How many tracked businesses are eligible, unknown, ineligible for a programme (reports). */
    async countsOf(programmeKey: string): Promise<Record<Verdict, number> | undefined> {
      const l = await current();
      return l.matrix.column(programmeKey) ? l.matrix.counts(programmeKey) : undefined;
    },

    /** Whether a programme's current version judges (reviewed, region set) or only screens. */
    async judges(programmeKey: string): Promise<boolean | undefined> {
      return (await current()).matrix.column(programmeKey)?.plan.judged;
    },

    /** Hook: a programme's current version changed (published, reviewed, region set, withdrawn). */
    async programmePublished(programmeKey: string): Promise<void> {
      if (!loaded) return;
      const l = await loaded;
      const row = (await programs.currentRules(db)).find((r) => r.key === programmeKey);
      if (row) l.matrix.setProgramme(planVersion(versionOf(row)));
      else l.matrix.removeProgramme(programmeKey);
    },

    /** Hook: a business was created or its facts, receipts or documents changed. */
    async businessChanged(businessId: string): Promise<void> {
      if (!loaded) return;
      const l = await loaded;
      const [b] = await repo.businessFacts(db, { ids: [businessId] });
      if (!b) {
        // deleted (retention): rebuild on the next read rather than leave a row behind
        loaded = null;
        return;
      }
      const i = l.rowOf.get(businessId);
      if (i === undefined) l.rowOf.set(businessId, l.matrix.appendRow(b.facts));
      else l.matrix.updateRow(i, b.facts);
    },

    /** Hook: drop everything; the next read rebuilds. */
    invalidate(): void {
      loaded = null;
    },
  };
}
export type VerdictStore = ReturnType<typeof createVerdictStore>;
