/**
 * `npm run eval:drafter` — precision and recall of the rule drafter (issue 11 §4) on the annotated
 * development set test/fixtures/drafter/eligibility-texts.ts (texts written for development in the
 * style of real notices), printed per criterion type and overall, for DEV and for HELD_OUT.
 *
 * Matching rule. A criterion is compared as a set of ATOMS, so a notice that lists 유흥·사행 in one line
 * and 부동산 in another scores the same however the drafter groups them:
 * - region: one atom per 시·도 code and per 시·군 code;
 * - ksic: one atom for the include list (it is one condition: in any of them), one per exclude prefix
 *   and per named exclusion set (each is a condition of its own);
 * - noTaxArrears: one atom per tax kind, with its allowDeferral;
 * - `{ any: [...] }` (alternatives): one atom for the whole group (its members' atoms, sorted);
 * - every other type: one atom = the type and all its parameters (same type, equal parameters:
 *   revenue min/max in KRW, businessAge months, workers bounds, operatingStatus set, years, codes…).
 * Notes and sources are ignored. Atoms are a set per text (a criterion repeated is counted once).
 * Precision = matched / drafted atoms, recall = matched / expected atoms, per type (of the atom) and
 * overall. Expected criteria of a type the RuleSchema does not have yet are reported as "pending" and
 * left out of the figures (the drafter cannot emit them until the schema knows them).
 *
 * Options: --set dev|held-out|all (default all), --verbose (lists misses and false drafts per text).
 * Exit 0 whenever it ran: the figures are for reading (CI prints them), not a gate.
 */
import { draftRule } from '../src/domain/drafter/index.ts';
import { CriterionSchema } from '../src/domain/eligibility/eligibility.types.ts';
import { DEV, HELD_OUT, type AnnotatedText } from '../test/fixtures/drafter/eligibility-texts.ts';

type Obj = Record<string, unknown>;

function key(c: Obj): string {
  const clean = Object.fromEntries(
    Object.entries(c)
      .filter(([k]) => k !== 'note' && k !== 'source')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, Array.isArray(v) ? [...(v as unknown[])].map(String).sort() : v]),
  );
  return JSON.stringify(clean);
}

/** Atoms of one criterion (already parsed by the schema, so defaults such as allowDeferral are set). */
function atoms(c: Obj): string[] {
  const type = String(c.type);
  const list = (k: string) => (Array.isArray(c[k]) ? (c[k] as unknown[]).map(String) : []);
  switch (type) {
    case 'region':
      return [...list('sido').map((x) => `region|sido:${x}`), ...list('municipalities').map((x) => `region|municipality:${x}`)];
    case 'ksic':
      // An include list is ONE condition (the code is in one of them); exclusions each exclude.
      return [...(list('include').length ? [`ksic|include:${list('include').sort().join(',')}`] : []), ...list('exclude').map((x) => `ksic|exclude:${x}`), ...list('excludeSets').map((x) => `ksic|set:${x}`)];
    case 'noTaxArrears':
      return list('kinds').map((k) => `noTaxArrears|${k}:deferral=${c.allowDeferral === true ? 'true' : 'false'}`);
    default:
      return [`${type}|${key(c)}`];
  }
}

function anyAtom(members: Obj[]): string {
  return `any|${members.map((m) => atoms(m).join('+')).sort().join(' OR ')}`;
}

interface Counts {
  expected: number;
  drafted: number;
  matched: number;
}

interface TextResult {
  id: string;
  missed: string[];
  wrong: string[];
  pending: string[];
}

function parseExpected(t: AnnotatedText): { atoms: Set<string>; pending: string[] } {
  const out = new Set<string>();
  const pending: string[] = [];
  const parse = (c: Obj): Obj | undefined => {
    const r = CriterionSchema.safeParse(c);
    if (r.success) return r.data;
    const knownType = (CriterionSchema.options as readonly { shape: { type: { value: string } } }[]).some((o) => o.shape.type.value === c.type);
    if (knownType) throw new Error(`${t.id}: annotation is not a valid criterion: ${JSON.stringify(c)}`);
    pending.push(String(c.type));
    return undefined;
  };
  for (const e of t.expected) {
    if (Array.isArray(e.any)) {
      const members = (e.any as Obj[]).map(parse);
      if (members.some((m) => m === undefined)) continue;
      out.add(anyAtom(members as Obj[]));
    } else {
      const c = parse(e);
      if (c) for (const a of atoms(c)) out.add(a);
    }
  }
  return { atoms: out, pending };
}

function draftedAtoms(text: string): Set<string> {
  const d = draftRule(text);
  const out = new Set<string>();
  const groups = new Map<number, Obj[]>();
  for (const c of d.criteria) {
    if (c.anyGroup !== undefined) {
      const g = groups.get(c.anyGroup) ?? [];
      g.push(c.rule);
      groups.set(c.anyGroup, g);
    } else for (const a of atoms(c.rule)) out.add(a);
  }
  for (const g of groups.values()) out.add(anyAtom(g));
  return out;
}

function evaluateSet(texts: readonly AnnotatedText[]): { byType: Map<string, Counts>; total: Counts; results: TextResult[]; pending: Map<string, number> } {
  const byType = new Map<string, Counts>();
  const total: Counts = { expected: 0, drafted: 0, matched: 0 };
  const pending = new Map<string, number>();
  const results: TextResult[] = [];
  const bump = (type: string, k: keyof Counts) => {
    const c = byType.get(type) ?? { expected: 0, drafted: 0, matched: 0 };
    c[k]++;
    byType.set(type, c);
    total[k]++;
  };
  for (const t of texts) {
    const exp = parseExpected(t);
    for (const p of exp.pending) pending.set(p, (pending.get(p) ?? 0) + 1);
    const got = draftedAtoms(t.text);
    const r: TextResult = { id: t.id, missed: [], wrong: [], pending: exp.pending };
    for (const a of exp.atoms) {
      bump(a.split('|')[0]!, 'expected');
      if (got.has(a)) bump(a.split('|')[0]!, 'matched');
      else r.missed.push(a);
    }
    for (const a of got) {
      bump(a.split('|')[0]!, 'drafted');
      if (!exp.atoms.has(a)) r.wrong.push(a);
    }
    results.push(r);
  }
  return { byType, total, results, pending };
}

const fmt = (n: number, d: number) => (d === 0 ? '   —  ' : (n / d).toFixed(3).padStart(6));

function print(name: string, texts: readonly AnnotatedText[], verbose: boolean): void {
  const { byType, total, results, pending } = evaluateSet(texts);
  console.log(`\n━━ ${name}: ${texts.length} texts ━━`);
  console.log(`${'type'.padEnd(20)} ${'expected'.padStart(8)} ${'drafted'.padStart(8)} ${'matched'.padStart(8)}  precision  recall`);
  for (const [type, c] of [...byType.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`${type.padEnd(20)} ${String(c.expected).padStart(8)} ${String(c.drafted).padStart(8)} ${String(c.matched).padStart(8)}     ${fmt(c.matched, c.drafted)}  ${fmt(c.matched, c.expected)}`);
  }
  console.log(
    `${'OVERALL'.padEnd(20)} ${String(total.expected).padStart(8)} ${String(total.drafted).padStart(8)} ${String(total.matched).padStart(8)}     ${fmt(total.matched, total.drafted)}  ${fmt(total.matched, total.expected)}`,
  );
  if (pending.size) console.log(`pending (type not in the RuleSchema yet, not counted): ${[...pending.entries()].map(([t, n]) => `${t}×${n}`).join(', ')}`);
  if (verbose) {
    for (const r of results) {
      if (!r.missed.length && !r.wrong.length) continue;
      console.log(`  ${r.id}`);
      for (const m of r.missed) console.log(`    missed  ${m}`);
      for (const w of r.wrong) console.log(`    wrong   ${w}`);
    }
  }
}

const args = process.argv.slice(2);
const setArg = args.includes('--set') ? args[args.indexOf('--set') + 1] : 'all';
const verbose = args.includes('--verbose');
console.log('Rule drafter evaluation (issue 11 §4) — texts written for development in the style of real notices');
if (setArg === 'dev' || setArg === 'all') print('DEV', DEV, verbose);
if (setArg === 'held-out' || setArg === 'all') print('HELD-OUT (not used for tuning)', HELD_OUT, verbose);
