/**
 * The eligibility engine: rules (data, `RuleSchema`) compiled once per programme version into
 * closures; evaluation is pure, three-valued (Kleene) and explains itself.
 *
 * - all: not met if any child is not met, else unknown if any is unknown, else met; all([]) = met.
 * - any: the dual; any([]) = not met.   - not: swaps met / not met, keeps unknown.
 * - A missing fact is never read as "no" or zero: the criterion answers unknown and says which fact
 *   it needs (DOMAIN.md: "Unknown is not no").
 * - Every criterion is evaluated, no short-circuit, so explanations and missing-fact lists are
 *   complete (and because criteria are pure, the verdict does not depend on child order).
 */
import { createContext, factsOfMask, type EvalContext } from './eligibility.context.ts';
import { compileCriterion, MET, NOT_MET, UNKNOWN, type CompiledCriterion } from './eligibility.criteria.ts';
import { explainNode, summarise } from './eligibility.explain.ts';
import type { Tri } from './eligibility.ksic.ts';
import { missingMask, toVerdict, type CompiledRule, type RuleNode } from './eligibility.tree.ts';
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
}

/**
 * Compiles a rule once per programme version. Throws on a rule that does not match `RuleSchema`
 * or that names an unknown KSIC set.
 */
export function compileRule(rule: Rule, opts: CompileOptions = {}): CompiledRule {
  const parsed = opts.validate === false ? rule : RuleSchema.parse(rule);
  const criteria: CompiledCriterion[] = [];
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
    const c = compileCriterion(r, criteria.length);
    criteria.push(c);
    return { kind: 'leaf', c, v: c.v };
  };
  const root = build(parsed);
  let reads = 0;
  for (const c of criteria) reads |= c.reads;
  return {
    rule: parsed,
    root,
    criteria,
    leafCount: criteria.length,
    factsUsed: factsOfMask(reads),
    timeCriteria: criteria.filter((c) => c.changes !== undefined),
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
