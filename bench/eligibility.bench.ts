/**
 * Eligibility engine benchmark — `npm run bench:eligibility` (full) or `BENCH_SHORT=1 npm run
 * bench:eligibility` (CI, < 20 s).
 *
 * SAMPLE DATA only (generateCatalogue / generateBusinesses). Machines are noisy, so every baseline
 * runs in the same process and the table prints ratios:
 * - the compiled engine (compileRule once per programme, closures over pre-derived facts);
 * - the straightforward interpreter (interpretRule: re-walks the rule JSON for every criterion);
 * - json-rules-engine 7 on the subset of each rule it can express (region / revenue / workers /
 *   business age as precomputed facts), against our engine on exactly the same projected rules.
 *
 * Targets (issue): one business × 2,000 programmes under 2 ms p50 without explanations, under 20 ms
 * with explanations.
 */
import { Bench } from 'tinybench';
import { Engine, type NestedCondition, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import {
  compileProgramme,
  compileRule,
  createContext,
  evaluate,
  evaluateCatalogue,
  generateBusinesses,
  generateCatalogue,
  interpretRule,
  type BusinessFacts,
  type CompiledProgramme,
  type Rule,
} from '../src/domain/eligibility/index.ts';

const SHORT = process.env.BENCH_SHORT === '1';
const N_PROGRAMMES = SHORT ? 200 : 2_000;
const N_BUSINESSES = SHORT ? 5_000 : 100_000;
const TASK_MS = SHORT ? 250 : 3_000;
const REF = '2026-05-01';
const SEED = 20260501;

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));
const t0 = performance.now();

// ── Data ───────────────────────────────────────────────────────────────────────────────────────
let t = performance.now();
const catalogue = generateCatalogue(N_PROGRAMMES, SEED);
const businesses = generateBusinesses(N_BUSINESSES, SEED);
const genMs = performance.now() - t;
t = performance.now();
const compiled: CompiledProgramme[] = catalogue.map((p) => compileProgramme(p));
const compileMs = performance.now() - t;
const leaves = compiled.reduce((s, p) => s + p.compiled.leafCount, 0);
// The same catalogue with every criterion compiled on its own (no sharing between programmes).
const unshared: CompiledProgramme[] = catalogue.map((p) => compileProgramme(p, { share: false }));
const distinct = new Set(compiled.flatMap((p) => p.compiled.leaves.map((l) => l.c))).size;

console.log(`eligibility benchmark ${SHORT ? '(SHORT)' : '(full)'} — SAMPLE DATA, seed ${SEED}, reference date ${REF}`);
console.log(`  ${N_PROGRAMMES} programmes (${leaves} criteria, ${(leaves / N_PROGRAMMES).toFixed(1)} per programme, ${distinct} distinct), ${N_BUSINESSES} businesses`);
console.log(`  generated in ${fmt(genMs)} ms; compiled ${N_PROGRAMMES} rules in ${fmt(compileMs)} ms (${fmt((compileMs / N_PROGRAMMES) * 1000)} µs each)`);

// Sanity: the compiled engine and the interpreter agree on a sample (they are property-tested too).
for (const b of businesses.slice(0, 50)) {
  for (const [k, p] of catalogue.slice(0, 200).entries()) {
    const a = evaluate(compiled[k]!.compiled, b.facts, REF);
    const i = interpretRule(p.rule, b.facts, REF);
    if (a.verdict !== i.verdict) throw new Error(`engine and interpreter disagree on ${p.key} × ${b.id}`);
  }
}

// ── json-rules-engine projection ─────────────────────────────────────────────────────────────
/** The part of a rule json-rules-engine can express with precomputed facts (null if nothing). */
function project(rule: Rule): Rule | null {
  if ('all' in rule || 'any' in rule) {
    const kids = ('all' in rule ? rule.all : rule.any).map(project).filter((r): r is Rule => r !== null);
    if (kids.length === 0) return null;
    return 'all' in rule ? { all: kids } : { any: kids };
  }
  if ('not' in rule) {
    const kid = project(rule.not);
    return kid ? { not: kid } : null;
  }
  return rule.type === 'region' || rule.type === 'revenue' || rule.type === 'workers' || rule.type === 'businessAge' ? rule : null;
}

function toJre(rule: Rule): NestedCondition {
  if ('all' in rule) return { all: rule.all.map(toJre) };
  if ('any' in rule) return { any: rule.any.map(toJre) };
  if ('not' in rule) return { not: toJre(rule.not) };
  const c: NestedCondition[] = [];
  const always: NestedCondition = { fact: 'always', operator: 'equal', value: true };
  if (rule.type === 'region') {
    const places: NestedCondition[] = [];
    if (rule.sido?.length) places.push({ fact: 'sido', operator: 'in', value: rule.sido });
    if (rule.municipalities?.length) places.push({ fact: 'municipality', operator: 'in', value: rule.municipalities });
    return places.length ? { any: places } : { all: [always] };
  } else if (rule.type === 'revenue') {
    if (rule.min !== undefined) c.push({ fact: 'revenue', operator: 'greaterThanInclusive', value: rule.min });
    if (rule.max !== undefined) c.push({ fact: 'revenue', operator: 'lessThanInclusive', value: rule.max });
  } else if (rule.type === 'workers') {
    if (rule.min !== undefined) c.push({ fact: 'workers', operator: 'greaterThanInclusive', value: rule.min });
    if (rule.maxExclusive !== undefined) c.push({ fact: 'workers', operator: 'lessThan', value: rule.maxExclusive });
  } else if (rule.type === 'businessAge') {
    if (rule.minMonths !== undefined) c.push({ fact: 'ageMonths', operator: 'greaterThanInclusive', value: rule.minMonths });
    if (rule.maxMonths !== undefined) c.push({ fact: 'ageMonths', operator: 'lessThan', value: rule.maxMonths });
  } else {
    throw new Error(`not projected: ${rule.type}`);
  }
  return { all: c.length ? c : [always] };
}

const projected = catalogue.flatMap((p) => {
  const r = project(p.rule);
  return r ? [{ key: p.key, title: p.title, rule: r }] : [];
});
// Compiled WITHOUT sharing criteria between programmes, so the ratio is not flattered by reuse.
const projectedCompiled = projected.map((p) => compileProgramme(p, { share: false }));
const jre = new Engine([], { allowUndefinedFacts: true });
for (const p of projected) {
  const conditions = toJre(p.rule) as TopLevelCondition;
  const rule: RuleProperties = { name: p.key, conditions, event: { type: p.key } };
  jre.addRule(rule);
}
/** json-rules-engine gets the derived facts precomputed (our engine derives them itself). */
function jreFacts(f: BusinessFacts): Record<string, unknown> {
  const ctx = createContext(f, REF);
  return { sido: ctx.sido ?? undefined, municipality: ctx.municipality ?? undefined, revenue: f.annualRevenue ?? undefined, workers: f.workers ?? undefined, ageMonths: ctx.ageMonths ?? undefined, always: true };
}
const jreFactsAll = businesses.slice(0, 5_000).map((b) => jreFacts(b.facts));

// ── Tasks: one business × the whole catalogue ───────────────────────────────────────────────
let cursor = 0;
const nextFacts = () => businesses[cursor++ % businesses.length]!.facts;
let sink = 0;

const bench = new Bench({ time: TASK_MS, warmupTime: SHORT ? 50 : 500, iterations: 20 });
bench
  .add('compiled: verdicts (+missing facts), no explanations', () => {
    const r = evaluateCatalogue(compiled, nextFacts(), REF, { nearMisses: false, timeChanges: false, askNext: false });
    sink += r.counts.eligible;
  })
  .add('compiled, criteria not shared: verdicts', () => {
    const r = evaluateCatalogue(unshared, nextFacts(), REF, { nearMisses: false, timeChanges: false, askNext: false });
    sink += r.counts.eligible;
  })
  .add('compiled: + near-misses, openings, ask-next', () => {
    const r = evaluateCatalogue(compiled, nextFacts(), REF);
    sink += r.nearMisses.length + r.openings.length;
  })
  .add('compiled: + explanations (everything on)', () => {
    const r = evaluateCatalogue(compiled, nextFacts(), REF, { explain: true });
    sink += r.results.length;
  })
  .add('interpreter: re-walks the JSON (verdicts + missing)', () => {
    const f = nextFacts();
    for (const p of catalogue) sink += interpretRule(p.rule, f, REF).verdict.length;
  })
  .add(`compiled, not shared, json-rules-engine subset (${projected.length} rules)`, () => {
    const f = nextFacts();
    const ctx = createContext(f, REF);
    for (const p of projectedCompiled) sink += p.compiled.root.v(ctx);
  })
  .add(`json-rules-engine 7 on that subset (${projected.length} rules)`, async () => {
    const r = await jre.run(jreFactsAll[cursor++ % jreFactsAll.length]);
    sink += r.events.length;
  });

await bench.run();

interface Row {
  name: string;
  p50: number;
  p99: number;
  mean: number;
  samples: number;
}
const rows: Row[] = bench.tasks.map((task) => {
  const r = task.result;
  if (r.state !== 'completed') throw new Error(`${task.name}: ${r.state}`);
  return { name: task.name, p50: r.latency.p50, p99: r.latency.p99, mean: r.latency.mean, samples: r.latency.samplesCount };
});
const row = (prefix: string) => rows.find((r) => r.name.startsWith(prefix))!;
const base = row('compiled: verdicts');
const full = row('compiled: + near');
const ex = row('compiled: + explanations');
const interp = row('interpreter');
const noShare = row('compiled, criteria not shared');
const subset = row('compiled, not shared, json');
const jr = row('json-rules-engine');

/** Terminal columns: Hangul and other wide characters take two. */
const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(1, n - width(s)));
const lpad = (s: string, n: number) => ' '.repeat(Math.max(1, n - width(s))) + s;
console.log(`\nOne business × the whole catalogue (${N_PROGRAMMES} programmes), latency per business`);
console.log(`${pad('task', 58)}${lpad('p50 ms', 10)}${lpad('p99 ms', 10)}${lpad('mean ms', 10)}${lpad('p50 vs compiled', 17)}`);
const ratioTo: Record<string, Row> = { [interp.name]: base, [jr.name]: subset };
for (const r of rows) {
  const against = ratioTo[r.name];
  const ratio = against ? `${(r.p50 / against.p50).toFixed(1)}× slower` : r === base || r === subset ? '1.0×' : `${(r.p50 / base.p50).toFixed(1)}×`;
  console.log(`${pad(r.name, 58)}${lpad(fmt(r.p50), 10)}${lpad(fmt(r.p99), 10)}${lpad(fmt(r.mean), 10)}${lpad(ratio, 17)}`);
}

// ── One programme × all businesses ────────────────────────────────────────────────────────────
console.log(`\nOne programme × all ${N_BUSINESSES} businesses (evaluate(), context built per business)`);
console.log(`${pad('programme', 58)}${lpad('compiled', 11)}${lpad('interp.', 11)}${lpad('ratio', 9)}`);
const picks = [...new Map(catalogue.map((p) => [p.title.replace(/ #\d+$/, ''), p])).values()].slice(0, SHORT ? 3 : 8);
for (const p of picks) {
  const c = compileRule(p.rule);
  const time = (fn: () => void) => {
    fn(); // warm
    const s = performance.now();
    fn();
    return performance.now() - s;
  };
  const compiledMs = time(() => {
    for (const b of businesses) sink += evaluate(c, b.facts, REF).missing.length;
  });
  const interpMs = time(() => {
    for (const b of businesses) sink += interpretRule(p.rule, b.facts, REF).missing.length;
  });
  console.log(`${pad(`${p.title.replace('(예시) ', '')} [${c.leafCount}]`, 58)}${lpad(`${fmt(compiledMs)} ms`, 11)}${lpad(`${fmt(interpMs)} ms`, 11)}${lpad(`${(interpMs / compiledMs).toFixed(1)}×`, 9)}`);
}

// ── Targets ───────────────────────────────────────────────────────────────────────────────────
const scale = 2_000 / N_PROGRAMMES;
const ok = (v: boolean) => (v ? 'PASS' : 'FAIL');
const target = (label: string, p50: number, limit: number) =>
  console.log(`  ${pad(label, 56)}${lpad(`${fmt(p50 * scale)} ms`, 10)}   < ${limit} ms  ${ok(p50 * scale < limit)}`);
console.log(`\nTargets: one business × 2,000 programmes, p50${SHORT ? ` (SHORT mode: ${N_PROGRAMMES}-programme figures × ${scale}, an estimate)` : ''}`);
target('without explanations: verdicts + missing facts', base.p50, 2);
target('without explanations, + near-misses, openings, ask-next', full.p50, 2);
target('with explanations (everything on)', ex.p50, 20);
console.log(`  interpreter ÷ compiled: ${(interp.p50 / base.p50).toFixed(1)}× (p50), ÷ compiled without sharing: ${(interp.p50 / noShare.p50).toFixed(1)}×;  json-rules-engine ÷ compiled on the same ${projected.length} projected rules: ${(jr.p50 / subset.p50).toFixed(1)}×`);
console.log(`\nTotal ${((performance.now() - t0) / 1000).toFixed(1)} s (checksum ${sink % 1000})`);
