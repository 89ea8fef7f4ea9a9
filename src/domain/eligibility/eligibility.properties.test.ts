/**
 * Laws of the engine, checked on random rules × random facts (fast-check):
 * - the compiled evaluator equals the straightforward interpreter (verdict and missing facts);
 * - Kleene logic: not(not r) ≡ r, all([]) = eligible, any([]) = ineligible, and/or/not truth tables;
 * - unknown propagation: unknown ⇔ some fact is missing; a decided verdict never changes when facts
 *   are filled in; filling in exactly the reported missing facts decides the verdict;
 * - deterministic and independent of criterion order inside all/any;
 * - the explanation lists every criterion once;
 * - near-misses are minimal and openings are the first day the verdict changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateCatalogue, compileProgramme } from './eligibility.catalogue.ts';
import { createContext } from './eligibility.context.ts';
import { MET, NOT_MET, UNKNOWN } from './eligibility.criteria.ts';
import { addDays, fromDayNumber, toDayNumber } from './eligibility.dates.ts';
import { compileRule, countCriteria, evaluate } from './eligibility.engine.ts';
import { interpretRule } from './eligibility.interpreter.ts';
import type { Tri } from './eligibility.ksic.ts';
import { FACT_NAMES, GYEONGGI_MUNICIPALITIES, KSIC_SETS, ksicSectionOf } from './eligibility.reference.ts';
import type { LeafNode, RuleNode } from './eligibility.tree.ts';
import type { BusinessFacts, Criterion, Explanation, FactName, Rule, Verdict } from './eligibility.types.ts';

const RUNS = 300;

// ── Arbitraries ───────────────────────────────────────────────────────────────────────────────
const day = (s: string) => toDayNumber(s);
const dateBetween = (a: string, b: string) => fc.integer({ min: day(a), max: day(b) }).map(fromDayNumber);
/** Reference dates: boundaries we care about, plus random days. */
const refDateArb = fc.oneof(fc.constantFrom('2024-02-29', '2025-02-28', '2026-05-01', '2027-03-02', '2026-12-31'), dateBetween('2022-01-01', '2030-12-31'));

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const sub = <T>(xs: readonly T[]) => fc.subarray([...xs]);
const nonEmptySub = <T>(xs: readonly T[]) => fc.subarray([...xs], { minLength: 1 });

const KSIC_PREFIXES = ['56', '47', 'I', '5621', '56211', '96', 'C', '10', '68', '6821', '47811', 'G', '4'];
const SET_NAMES = KSIC_SETS.map((s) => s.name);
const PROGRAMME_KEYS = ['p-a', 'p-b', 'p-c'];
const CATS = ['01', '05', '07'];
const DOC_TYPES = ['local_tax_certificate', 'small_business_cert', 'women_business_cert', 'good_price_store_designation'];
/** Absolute bounds for openedBetween / closedBetween (the facts' dates straddle them). */
const BOUNDS = ['2019-12-31', '2023-12-31', '2024-01-01', '2025-06-30', '2026-12-31'];
const MARKETS = ['traditional_market', 'shopping_street', 'alley_shopping_street', 'none'] as const;

const criterionArb: fc.Arbitrary<Criterion> = fc.oneof(
  fc.record({ type: fc.constant('region' as const), sido: opt(sub(['41', '11'])), municipalities: opt(sub(['41110', '41460', '11110'])) }),
  fc.record({ type: fc.constant('businessAge' as const), minMonths: opt(fc.integer({ min: 0, max: 120 })), maxMonths: opt(fc.integer({ min: 1, max: 200 })) }),
  fc.record({ type: fc.constant('revenue' as const), min: opt(fc.constantFrom(0, 1e8, 3e8)), max: opt(fc.constantFrom(1e8, 3e8, 1e9, 5e9)) }),
  fc.record({ type: fc.constant('workers' as const), min: opt(fc.constantFrom(0, 1, 5)), maxExclusive: opt(fc.constantFrom(1, 5, 10)) }),
  fc.constant({ type: 'smallBusiness' as const }),
  fc.record({ type: fc.constant('ksic' as const), include: opt(sub(KSIC_PREFIXES)), exclude: opt(sub(KSIC_PREFIXES)), excludeSets: opt(sub(SET_NAMES)) }),
  fc.record({ type: fc.constant('ownerAge' as const), min: opt(fc.constantFrom(19, 40, 60)), max: opt(fc.constantFrom(39, 64)) }),
  fc.record({ type: fc.constant('ownerGender' as const), gender: fc.constantFrom('female' as const, 'male' as const) }),
  fc.constantFrom<Criterion>({ type: 'ownerDisabled' }, { type: 'ownerVeteran' }, { type: 'noCreditDelinquency' }, { type: 'mailOrderRegistered' }),
  fc.record({ type: fc.constant('noTaxArrears' as const), kinds: nonEmptySub(['national', 'local'] as const), allowDeferral: fc.boolean() }),
  fc.record({ type: fc.constant('operatingStatus' as const), allowed: nonEmptySub(['preparing', 'active', 'suspended', 'closed'] as const) }),
  fc.record({ type: fc.constant('premises' as const), allowed: nonEmptySub(['leased', 'owned'] as const) }),
  fc.record({ type: fc.constant('noPriorReceipt' as const), programmeKeys: opt(sub(PROGRAMME_KEYS)), categories: opt(sub(CATS)), years: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ type: fc.constant('documentValid' as const), documentType: fc.constantFrom(...DOC_TYPES) }),
  fc.record({ type: fc.constant('closedWithin' as const), months: fc.integer({ min: 1, max: 36 }) }),
  // issue 11 §5
  fc.record({ type: fc.constant('legalForm' as const), allowed: nonEmptySub(['individual', 'corporation'] as const) }),
  fc.record({ type: fc.constant('openedBetween' as const), from: opt(fc.constantFrom(...BOUNDS)), to: opt(fc.constantFrom(...BOUNDS)) }),
  fc.record({ type: fc.constant('closedBetween' as const), from: opt(fc.constantFrom(...BOUNDS)), to: opt(fc.constantFrom(...BOUNDS)) }),
  fc.record({ type: fc.constant('operatingDays' as const), minDays: fc.constantFrom(1, 30, 60, 365, 2000) }),
  fc.record({ type: fc.constant('marketLocation' as const), allowed: nonEmptySub(MARKETS) }),
  fc.record({ type: fc.constant('closurePlanned' as const), withinMonths: opt(fc.integer({ min: 1, max: 12 })) }),
  fc.constant({ type: 'restart' as const }),
  fc.record({ type: fc.constant('revenueDecline' as const), minPercent: fc.constantFrom(0, 10, 20, 33.3, 100) }),
).map((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as Criterion);

const ruleArb: fc.Arbitrary<Rule> = fc.letrec<{ rule: Rule }>((tie) => ({
  rule: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'rule' },
    criterionArb,
    fc.record({ all: fc.array(tie('rule'), { maxLength: 4 }) }),
    fc.record({ any: fc.array(tie('rule'), { maxLength: 4 }) }),
    fc.record({ not: tie('rule') }),
  ),
})).rule;

/** Sample 5-digit KSIC codes: plain shops, excluded ones, exceptions, manufacturing, 협회. */
const KSIC_CODES = ['56111', '56211', '56219', '56221', '47121', '47811', '96112', '96122', '96992', '10712', '42411', '49231', '68111', '68211', '68221', '64110', '71202', '86201', '86902', '91242', '94110'];

/** A COMPLETE, consistent business (every fact known). */
const fullFactsArb: fc.Arbitrary<BusinessFacts> = fc
  .record({
    muni: fc.constantFrom(...GYEONGGI_MUNICIPALITIES.map((m) => m.code), '11110', '11680'),
    openedOn: dateBetween('2015-01-01', '2029-12-31'),
    closed: fc.boolean(),
    closedOn: dateBetween('2020-01-01', '2029-12-31'),
    status: fc.constantFrom('preparing' as const, 'active' as const, 'suspended' as const),
    annualRevenue: fc.oneof(fc.constantFrom(0, 1e8, 3e8, 3e8 + 1, 1e9, 5e9, 1.2e10 + 1), fc.integer({ min: 0, max: 2e10 })),
    workers: fc.oneof(fc.constantFrom(0, 4, 4.9, 5, 9, 10), fc.integer({ min: 0, max: 15 })),
    ksicCode: fc.constantFrom(...KSIC_CODES),
    ownerBirthDate: dateBetween('1950-01-01', '2010-12-31'),
    ownerGender: fc.constantFrom('female' as const, 'male' as const),
    ownerDisabled: fc.boolean(),
    ownerVeteran: fc.boolean(),
    nationalTaxArrears: fc.boolean(),
    localTaxArrears: fc.boolean(),
    taxArrearsDeferred: fc.boolean(),
    creditDelinquent: fc.boolean(),
    premises: fc.constantFrom('leased' as const, 'owned' as const),
    mailOrderRegistered: fc.boolean(),
    priorReceipts: fc.array(fc.record({ programmeKey: fc.constantFrom(...PROGRAMME_KEYS), category: fc.constantFrom(...CATS), receivedOn: dateBetween('2018-01-01', '2029-12-31') }), { maxLength: 3 }),
    documents: fc.array(
      fc.record({ type: fc.constantFrom(...DOC_TYPES), issuedOn: dateBetween('2024-01-01', '2029-12-31'), validFor: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }) }),
      { maxLength: 3 },
    ),
    legalForm: fc.constantFrom('individual' as const, 'corporation' as const),
    marketLocation: fc.constantFrom(...MARKETS),
    closing: fc.boolean(),
    plannedClosureOn: dateBetween('2022-01-01', '2031-12-31'),
    restart: fc.boolean(),
    annualRevenueYear: fc.integer({ min: 2020, max: 2029 }),
    previousAnnualRevenue: fc.oneof(fc.constantFrom(0, 1e8, 3e8, 9e8), fc.integer({ min: 0, max: 2e10 })),
    /** 'free': independent; 'cut10'/'cut20': revenue exactly 10 % / 20 % below; 'same': no change. */
    revenueMode: fc.constantFrom('free' as const, 'free' as const, 'cut10' as const, 'cut20' as const, 'same' as const),
  })
  .map((g) => ({
    sidoCode: g.muni.slice(0, 2),
    municipalityCode: g.muni,
    openedOn: g.openedOn,
    // Consistent: a 폐업일 only for closed businesses, and a closed status only with a 폐업일.
    closedOn: g.closed ? g.closedOn : null,
    operatingStatus: g.closed ? ('closed' as const) : g.status,
    annualRevenue:
      g.revenueMode === 'cut10' ? g.previousAnnualRevenue - g.previousAnnualRevenue / 10 : g.revenueMode === 'cut20' ? g.previousAnnualRevenue - g.previousAnnualRevenue / 5 : g.revenueMode === 'same' ? g.previousAnnualRevenue : g.annualRevenue,
    workers: g.workers,
    ksicCode: g.ksicCode,
    ownerBirthDate: g.ownerBirthDate,
    ownerGender: g.ownerGender,
    ownerDisabled: g.ownerDisabled,
    ownerVeteran: g.ownerVeteran,
    nationalTaxArrears: g.nationalTaxArrears,
    localTaxArrears: g.localTaxArrears,
    taxArrearsDeferred: g.taxArrearsDeferred,
    creditDelinquent: g.creditDelinquent,
    premises: g.premises,
    mailOrderRegistered: g.mailOrderRegistered,
    priorReceipts: g.priorReceipts,
    documents: g.documents.map((d) => ({ type: d.type, issuedOn: d.issuedOn, validUntil: d.validFor === null ? null : addDays(d.issuedOn, d.validFor) })),
    legalForm: g.legalForm,
    marketLocation: g.marketLocation,
    // Consistent: only an open business plans a closure, and a plan has its date.
    closurePlanned: !g.closed && g.closing,
    plannedClosureOn: !g.closed && g.closing ? g.plannedClosureOn : null,
    restart: g.restart,
    annualRevenueYear: g.annualRevenueYear,
    previousAnnualRevenue: g.previousAnnualRevenue,
  }));

const FACT_KEYS: readonly FactName[] = FACT_NAMES;

/** The same business with less information: facts forgotten (null) and the KSIC code coarsened. */
function forget(full: BusinessFacts, drop: readonly boolean[], coarsen: number): BusinessFacts {
  const out: Record<string, unknown> = { ...full };
  FACT_KEYS.forEach((k, i) => {
    if (drop[i]) out[k] = i % 2 === 0 ? null : undefined;
  });
  if (typeof out.ksicCode === 'string' && coarsen > 0) {
    const code = out.ksicCode;
    out.ksicCode = coarsen >= 4 ? (ksicSectionOf(code) ?? null) : code.slice(0, 1 + coarsen);
  }
  return out;
}

/** About a quarter of the facts forgotten, the KSIC code sometimes coarsened to 2–4 digits or its section. */
const partialArb = fc
  .tuple(fullFactsArb, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: FACT_NAMES.length, maxLength: FACT_NAMES.length }), fc.constantFrom(0, 0, 0, 1, 2, 3, 4))
  .map(([full, drop, coarsen]) => ({ full, facts: forget(full, drop.map((d) => d === 0), coarsen) }));
const factsArb = partialArb.map((p) => p.facts);

// ── Helpers ───────────────────────────────────────────────────────────────────────────────────
const tri = (v: Verdict): number => (v === 'eligible' ? 2 : v === 'unknown' ? 1 : 0);
const verdictOf = (t: number): Verdict => (t === 2 ? 'eligible' : t === 1 ? 'unknown' : 'ineligible');

function run(rule: Rule, facts: BusinessFacts, ref: string) {
  return evaluate(compileRule(rule), facts, ref);
}

function shuffleRule(rule: Rule, rnd: () => number): Rule {
  const shuffle = (xs: Rule[]) => {
    const a = xs.map((x) => shuffleRule(x, rnd));
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  if ('all' in rule) return { all: shuffle(rule.all) };
  if ('any' in rule) return { any: shuffle(rule.any) };
  if ('not' in rule) return { not: shuffleRule(rule.not, rnd) };
  return rule;
}

function explanationLeaves(e: Explanation): number[] {
  return e.kind === 'criterion' ? [e.index] : e.children.flatMap(explanationLeaves);
}

// ── Properties ────────────────────────────────────────────────────────────────────────────────
describe('compiled evaluator = reference interpreter', () => {
  it('gives the same verdict and the same missing facts', () => {
    const seen: Record<Verdict, number> = { eligible: 0, ineligible: 0, unknown: 0 };
    fc.assert(
      fc.property(ruleArb, factsArb, refDateArb, (rule, facts, ref) => {
        const e = run(rule, facts, ref);
        seen[e.verdict]++;
        expect(interpretRule(rule, facts, ref)).toEqual({ verdict: e.verdict, missing: e.missing });
      }),
      { numRuns: 1000, seed: 20261202 },
    );
    // Not vacuous: every verdict occurs often.
    expect(Math.min(seen.eligible, seen.ineligible, seen.unknown)).toBeGreaterThan(100);
  });
});

describe('Kleene logic', () => {
  it('not(not r) ≡ r', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, refDateArb, (rule, facts, ref) => {
        expect(run({ not: { not: rule } }, facts, ref)).toEqual(run(rule, facts, ref));
      }),
      { numRuns: RUNS },
    );
  });

  it('all([]) = eligible and any([]) = ineligible, whatever the facts', () => {
    fc.assert(
      fc.property(factsArb, refDateArb, (facts, ref) => {
        expect(run({ all: [] }, facts, ref).verdict).toBe('eligible');
        expect(run({ any: [] }, facts, ref).verdict).toBe('ineligible');
        expect(run({ not: { all: [] } }, facts, ref).verdict).toBe('ineligible');
      }),
      { numRuns: 50 },
    );
  });

  it('all = min, any = max, not = swap (ineligible < unknown < eligible)', () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 4 }), factsArb, refDateArb, (rules, facts, ref) => {
        const vs = rules.map((r) => tri(run(r, facts, ref).verdict));
        expect(run({ all: rules }, facts, ref).verdict).toBe(verdictOf(Math.min(2, ...vs)));
        expect(run({ any: rules }, facts, ref).verdict).toBe(verdictOf(Math.max(0, ...vs)));
        for (const r of rules) expect(tri(run({ not: r }, facts, ref).verdict)).toBe(2 - tri(run(r, facts, ref).verdict));
      }),
      { numRuns: RUNS },
    );
  });

  it('missing facts of a group are the union of its unknown members', () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { minLength: 1, maxLength: 4 }), factsArb, refDateArb, (rules, facts, ref) => {
        for (const group of [{ all: rules }, { any: rules }]) {
          const g = run(group, facts, ref);
          if (g.verdict !== 'unknown') {
            expect(g.missing).toEqual([]);
            continue;
          }
          const union = new Set(rules.map((r) => run(r, facts, ref)).flatMap((e) => (e.verdict === 'unknown' ? e.missing : [])));
          expect(new Set(g.missing)).toEqual(union);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('unknown propagation', () => {
  it('unknown ⇔ some fact is reported missing', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, refDateArb, (rule, facts, ref) => {
        const e = run(rule, facts, ref);
        expect(e.verdict === 'unknown').toBe(e.missing.length > 0);
      }),
      { numRuns: RUNS },
    );
  });

  it('a decided verdict stays the same when forgotten facts are filled in (unknown is never read as "no")', () => {
    let decidedPartial = 0;
    fc.assert(
      fc.property(ruleArb, partialArb, refDateArb, (rule, { full, facts }, ref) => {
        const partial = run(rule, facts, ref);
        const complete = run(rule, full, ref);
        expect(complete.verdict).not.toBe('unknown');
        if (partial.verdict !== 'unknown') {
          decidedPartial++;
          expect(complete.verdict).toBe(partial.verdict);
        }
      }),
      { numRuns: 600, seed: 20261202 },
    );
    expect(decidedPartial).toBeGreaterThan(120);
  });

  it('asking for the reported missing facts, round after round, always reaches the complete verdict', () => {
    // `missing` names the facts to ask for NEXT: e.g. 체납 여부 first, and the 유예 only if there are
    // arrears. Each round must ask for at least one fact still unknown, so it ends.
    let resolved = 0;
    fc.assert(
      fc.property(ruleArb, partialArb, refDateArb, (rule, { full, facts }, ref) => {
        const target = run(rule, full, ref).verdict;
        let current: Record<string, unknown> = { ...facts };
        for (let round = 0; round <= FACT_NAMES.length; round++) {
          const e = run(rule, current, ref);
          if (e.verdict !== 'unknown') {
            expect(e.verdict).toBe(target);
            if (round > 0) resolved++;
            return;
          }
          expect(e.missing.some((f) => current[f] == null || f === 'ksicCode')).toBe(true);
          current = { ...current, ...Object.fromEntries(e.missing.map((f) => [f, full[f]])) };
        }
        throw new Error('still unknown after asking for every fact');
      }),
      { numRuns: 600, seed: 20261202 },
    );
    expect(resolved).toBeGreaterThan(60);
  });
});

describe('determinism and order independence', () => {
  it('same input, same output, also from a fresh compile', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, refDateArb, (rule, facts, ref) => {
        const c = compileRule(rule);
        const a = evaluate(c, facts, ref, { explain: true });
        const b = evaluate(c, facts, ref, { explain: true });
        expect(b).toEqual(a);
        expect(evaluate(compileRule(structuredClone(rule)), structuredClone(facts), ref, { explain: true })).toEqual(a);
      }),
      { numRuns: RUNS },
    );
  });

  it('criterion order inside all/any does not matter', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, refDateArb, fc.integer(), (rule, facts, ref, seed) => {
        let s = seed >>> 0;
        const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
        const a = run(rule, facts, ref);
        const b = run(shuffleRule(rule, rnd), facts, ref);
        expect(b.verdict).toBe(a.verdict);
        expect(new Set(b.missing)).toEqual(new Set(a.missing));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('explanations', () => {
  it('list every criterion exactly once, with the same verdict as without explain', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, refDateArb, (rule, facts, ref) => {
        const c = compileRule(rule);
        const withEx = evaluate(c, facts, ref, { explain: true });
        const without = evaluate(c, facts, ref);
        expect(withEx.verdict).toBe(without.verdict);
        expect(withEx.missing).toEqual(without.missing);
        const leaves = explanationLeaves(withEx.explanation!);
        expect(leaves.length).toBe(countCriteria(rule));
        expect(leaves.length).toBe(c.leafCount);
        expect([...leaves].sort((x, y) => x - y)).toEqual(Array.from({ length: c.leafCount }, (_, i) => i));
        expect(withEx.explanation!.verdict).toBe(withEx.verdict);
        expect(withEx.summary).toMatch(/^(신청 가능|신청 불가|확인 필요)/);
      }),
      { numRuns: RUNS },
    );
  });
});

// ── Near-misses and openings against brute force ──────────────────────────────────────────────
/** Evaluates the compiled tree with some criteria forced (the near-miss "what if"). */
function forced(node: RuleNode, ctx: ReturnType<typeof createContext>, force: ReadonlyMap<number, Tri>): Tri {
  switch (node.kind) {
    case 'leaf':
      return force.get(node.index) ?? node.v(ctx);
    case 'not':
      return (2 - forced(node.kids[0]!, ctx, force)) as Tri;
    case 'all':
      return node.kids.reduce<Tri>((m, k) => Math.min(m, forced(k, ctx, force)) as Tri, MET);
    case 'any':
      return node.kids.reduce<Tri>((m, k) => Math.max(m, forced(k, ctx, force)) as Tri, NOT_MET);
  }
}

function subsets<T>(xs: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  return xs.flatMap((x, i) => subsets(xs.slice(i + 1), k - 1).map((s) => [x, ...s]));
}

describe('near-misses', () => {
  it('are minimal: the reported criteria suffice and no fewer do (unknown criteria may turn out either way)', () => {
    let found = 0;
    fc.assert(
      fc.property(ruleArb, factsArb, refDateArb, (rule, facts, ref) => {
        const compiled = compileRule(rule);
        if (compiled.leafCount > 8) return;
        const ctx = createContext(facts, ref);
        if (compiled.root.v(ctx) !== NOT_MET) return;
        const cat = evaluateCatalogue([{ key: 'p', title: 'p', compiled }], facts, ref, { maxUnmet: 8, timeChanges: false, askNext: false });
        const decided = compiled.leaves.filter((l) => l.v(ctx) !== UNKNOWN);
        const unknown = compiled.leaves.filter((l) => l.v(ctx) === UNKNOWN);
        /** Can the unknown criteria turn out (each met or not) so that the rule is met, with `flip` changed? */
        const possible = (flip: readonly LeafNode[]) => {
          for (let mask = 0; mask < 1 << unknown.length; mask++) {
            const force = new Map<number, Tri>(unknown.map((c, i) => [c.index, mask & (1 << i) ? MET : NOT_MET]));
            for (const c of flip) force.set(c.index, (2 - c.v(ctx)) as Tri);
            if (forced(compiled.root, ctx, force) === MET) return true;
          }
          return false;
        };
        // The smallest number of decided criteria whose change makes it eligible (for some outcome of the unknowns).
        let best = Infinity;
        for (let k = 1; k <= decided.length && best === Infinity; k++) {
          if (subsets(decided, k).some(possible)) best = k;
        }
        const nm = cat.nearMisses[0];
        if (best === Infinity) {
          expect(nm).toBeUndefined();
          return;
        }
        expect(nm).toBeDefined();
        expect(nm!.unmet.length).toBe(best);
        // Changing exactly the reported criteria suffices.
        expect(possible(nm!.unmet.map((u) => compiled.leaves[u.index]!))).toBe(true);
        expect(nm!.verdictIfMet).toBe(nm!.alsoNeeds.length ? 'unknown' : 'eligible');
        found++;
        expect(nm!.text).toMatch(new RegExp(`^${best}개 조건 미충족: `));
      }),
      { numRuns: 800, seed: 20261202 },
    );
    expect(found).toBeGreaterThan(50);
  });
});

describe('time-based openings and closings', () => {
  it('report exactly the first day the verdict changes (brute force, day by day)', () => {
    let changes = 0;
    const timeCriterion = fc.oneof(
      fc.record({ type: fc.constant('businessAge' as const), minMonths: fc.integer({ min: 0, max: 60 }) }),
      fc.record({ type: fc.constant('businessAge' as const), maxMonths: fc.integer({ min: 1, max: 60 }) }),
      fc.record({ type: fc.constant('ownerAge' as const), min: fc.constantFrom(19, 40, 60) }),
      fc.record({ type: fc.constant('ownerAge' as const), max: fc.constantFrom(39, 64) }),
      fc.record({ type: fc.constant('noPriorReceipt' as const), years: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ type: fc.constant('closedWithin' as const), months: fc.integer({ min: 1, max: 12 }) }),
      fc.record({ type: fc.constant('documentValid' as const), documentType: fc.constantFrom(...DOC_TYPES) }),
      fc.record({ type: fc.constant('closurePlanned' as const), withinMonths: opt(fc.integer({ min: 1, max: 12 })) }),
      fc.record({ type: fc.constant('closedBetween' as const), from: opt(fc.constantFrom(...BOUNDS)), to: opt(fc.constantFrom(...BOUNDS)) }),
    ).map((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as Criterion);
    const rule = fc.oneof(
      fc.tuple(fc.array(timeCriterion, { minLength: 1, maxLength: 3 }), fc.option(criterionArb, { nil: undefined })).map(([ts, c]): Rule => ({ all: c ? [...ts, c] : ts })),
      fc.array(timeCriterion, { minLength: 1, maxLength: 3 }).map((any): Rule => ({ any })),
    );
    fc.assert(
      fc.property(rule, fc.oneof(fullFactsArb, factsArb), fc.constantFrom('2025-02-28', '2026-05-01'), (r, facts, ref) => {
        const p = compileProgramme({ key: 'p', title: 'p', rule: r });
        const cat = evaluateCatalogue([p], facts, ref, { horizonYears: 3, nearMisses: false, askNext: false });
        const now = cat.results[0]!.verdict;
        const last = day(ref) + Math.round(3 * 365.2425);
        let first: { date: string; v: Verdict } | undefined;
        for (let d = day(ref) + 1; d <= last && !first; d++) {
          const v = evaluate(p.compiled, facts, fromDayNumber(d)).verdict;
          if (v !== now) first = { date: fromDayNumber(d), v };
        }
        const reported = now === 'ineligible' ? cat.openings[0] : now === 'eligible' ? cat.closings[0] : undefined;
        if (now === 'unknown') return;
        if (!first) {
          expect(reported).toBeUndefined();
          return;
        }
        changes++;
        expect(reported?.date).toBe(first.date);
        expect(reported?.verdictThen).toBe(first.v);
        expect(reported?.text).toContain(first.date);
      }),
      // A fixed seed, as for every property here whose count checks coverage (that the generated
      // cases really exercise what is tested): with a random seed this one was once exactly at its
      // bound (CI failed with 12 > 12). The properties without a coverage count keep random seeds.
      { numRuns: 300, seed: 20261202 },
    );
    // About one case in ten changes within the horizon; the others check that none is reported.
    expect(changes).toBeGreaterThan(12);
  });
});
