/**
 * The eligibility engine: rules (data, `RuleSchema`) compiled once per programme version into
 * closures; evaluation is pure, three-valued (Kleene) and explains itself.
 *
 * - all: not met if any child is not met, else unknown if any is unknown, else met; all([]) = met.
 * - any: the dual; any([]) = not met.   - not: swaps met / not met, keeps unknown.
 * - A missing fact is never read as "no" or zero: the criterion answers unknown and says which fact
 *   it needs (docs/domain.md: "Unknown is not no").
 * - Every criterion is evaluated, no short-circuit, so explanations and missing-fact lists are
 *   complete (and because criteria are pure, the verdict does not depend on child order).
 *
 * Speed: a rule compiles to nested closures; each criterion's data (sets, KSIC tries, labels) is
 * prepared at compile time; derived facts (업력, 만 나이, KSIC prefixes, 소상공인 status) are computed
 * once per business and date (`EvalContext`); and a criterion stated identically by several
 * programmes is compiled once and answered once per business (`sharedCriterion`).
 */
import { createContext, factsOfMask, type EvalContext } from './eligibility.context.ts';
import { MET, NOT_MET, UNKNOWN, compileCriterion, sharedCriterion } from './eligibility.criteria.ts';
import { explainNode, summarise } from './eligibility.explain.ts';
import type { Tri } from './eligibility.ksic.ts';
import { missingMask, toVerdict, type CompiledRule, type LeafNode, type RuleNode } from './eligibility.tree.ts';
import { RuleSchema, type BusinessFacts, type Evaluation, type Rule } from './eligibility.types.ts';

function allOf(vs: readonly ((ctx: EvalContext) => Tri)[]): (ctx: EvalContext) => Tri {
  const n = vs.length;
  if (n === 0) return () => MET;
  if (n === 1) return vs[0]!;
  return (ctx) => {
    let r: Tri = MET;
    for (let i = 0; i < n; i++) {
      const x = vs[i]!(ctx);
      if (x < r) r = x;
    }
    return r;
  };
}

function anyOf(vs: readonly ((ctx: EvalContext) => Tri)[]): (ctx: EvalContext) => Tri {
  const n = vs.length;
  if (n === 0) return () => NOT_MET;
  if (n === 1) return vs[0]!;
  return (ctx) => {
    let r: Tri = NOT_MET;
    for (let i = 0; i < n; i++) {
      const x = vs[i]!(ctx);
      if (x > r) r = x;
    }
    return r;
  };
}

export interface CompileOptions {
  /** Validate with `RuleSchema` first (default true; turn off only for rules already parsed). */
  readonly validate?: boolean;
  /**
   * Share compiled criteria with other programmes that state the same criterion (default true):
   * each is then evaluated once per business for the whole catalogue. Off only to measure.
   */
  readonly share?: boolean;
}

/**
 * Compiles a rule once per programme version. Throws on a rule that does not match `RuleSchema`
 * or that names an unknown KSIC set.
 */
export function compileRule(rule: Rule, opts: CompileOptions = {}): CompiledRule {
  const parsed = opts.validate === false ? rule : RuleSchema.parse(rule);
  const leaves: LeafNode[] = [];
  const build = (r: Rule): RuleNode => {
    if ('all' in r) {
      const kids = r.all.map(build);
      return { kind: 'all', kids, v: allOf(kids.map((k) => k.v)) };
    }
    if ('any' in r) {
      const kids = r.any.map(build);
      return { kind: 'any', kids, v: anyOf(kids.map((k) => k.v)) };
    }
    if ('not' in r) {
      const kid = build(r.not);
      const inner = kid.v;
      return { kind: 'not', kids: [kid], v: (ctx) => (2 - inner(ctx)) as Tri };
    }
    const c = opts.share === false ? compileCriterion(r) : sharedCriterion(r);
    const leaf: LeafNode = { kind: 'leaf', index: leaves.length, c, v: c.v };
    leaves.push(leaf);
    return leaf;
  };
  const root = build(parsed);
  let reads = 0;
  for (const l of leaves) reads |= l.c.reads;
  return {
    rule: parsed,
    root,
    leaves,
    leafCount: leaves.length,
    factsUsed: factsOfMask(reads),
    timeCriteria: leaves.filter((l) => l.c.timeChanges !== undefined),
  };
}

export interface EvaluateOptions {
  /** Build the per-criterion explanation tree and a summary sentence. */
  readonly explain?: boolean;
}

/** Evaluates a compiled rule against an already prepared context (see `createContext`). */
export function evaluateContext(compiled: CompiledRule, ctx: EvalContext, opts: EvaluateOptions = {}): Evaluation {
  const t = compiled.root.v(ctx);
  const verdict = toVerdict(t);
  const missing = t === UNKNOWN ? factsOfMask(missingMask(compiled.root, ctx)) : [];
  if (!opts.explain) return { verdict, missing };
  const explanation = explainNode(compiled.root, ctx);
  return { verdict, missing, explanation, summary: summarise(compiled, ctx, t, missing) };
}

/** Evaluates one programme's compiled rule for one business on `refDate` ('YYYY-MM-DD'). */
export function evaluate(compiled: CompiledRule, facts: BusinessFacts, refDate: string, opts: EvaluateOptions = {}): Evaluation {
  return evaluateContext(compiled, createContext(facts, refDate), opts);
}

/** Number of criteria (leaves) in a rule. */
export function countCriteria(rule: Rule): number {
  if ('all' in rule) return rule.all.reduce((s, r) => s + countCriteria(r), 0);
  if ('any' in rule) return rule.any.reduce((s, r) => s + countCriteria(r), 0);
  if ('not' in rule) return countCriteria(rule.not);
  return 1;
}
