/**
 * What one programme version asks of every row, for the matrix and for its oracle alike — the
 * semantics of the eligibility service (src/modules/eligibility/eligibility.service.ts) in one pure
 * place:
 * - a reviewed version whose rule parses and whose region is set judges: its rule conjoined with its
 *   region (`effectiveRule`, issue 11 §1);
 * - any other version (drafted, region unset, rule not parsing) does not judge (issue 11 §2): only
 *   its screen (region, 휴·폐업 — `screeningRule`) may rule a row out, and it is never eligible:
 *   what the screen lets through is *unknown* ("요건 확인 전 공고 — 공고문을 직접 확인하세요").
 */
import { compileRule } from '../eligibility/eligibility.engine.ts';
import { createContext, type EvalContext } from '../eligibility/eligibility.context.ts';
import { effectiveRule, screeningRule, type RegionColumns } from '../eligibility/eligibility.programme.ts';
import { toVerdict, type CompiledRule } from '../eligibility/eligibility.tree.ts';
import { RuleSchema, type BusinessFacts, type Rule, type Verdict } from '../eligibility/eligibility.types.ts';

export interface VersionInput extends RegionColumns {
  /** The column's key (`programme.key`: a new version of the programme replaces its column). */
  readonly key: string;
  /** The rule JSON as stored (null = none written). */
  readonly rule: unknown;
  /** `rule_review`: 'drafted' | 'reviewed'. */
  readonly ruleReview: string;
}

export interface VersionPlan {
  readonly key: string;
  /** True when the version judges; false when only its screen applies (never eligible). */
  readonly judged: boolean;
  /** The rule evaluated: the effective rule, or the screen. */
  readonly rule: Rule;
}

/** Programmes without a written rule have no criteria (as the service: `{ all: [] }`). */
const NO_RULE: Rule = { all: [] };

export function planVersion(v: VersionInput): VersionPlan {
  if (v.ruleReview === 'reviewed') {
    const parsed = RuleSchema.safeParse(v.rule ?? NO_RULE);
    if (parsed.success) {
      const rule = effectiveRule(parsed.data, v);
      if (rule) return { key: v.key, judged: true, rule };
    }
  }
  const parsed = v.rule == null ? null : RuleSchema.safeParse(v.rule);
  return { key: v.key, judged: false, rule: screeningRule(parsed?.success ? parsed.data : null, v) };
}

/** The plan compiled by the per-business engine (the oracle: explained, one business at a time). */
export interface CompiledPlan {
  readonly plan: VersionPlan;
  readonly compiled: CompiledRule;
}

export function compilePlan(plan: VersionPlan): CompiledPlan {
  return { plan, compiled: compileRule(plan.rule, { validate: false }) };
}

/** The verdict of one version for one business, by the per-business engine. */
export function oracleVerdictContext(p: CompiledPlan, ctx: EvalContext): Verdict {
  const v = toVerdict(p.compiled.root.v(ctx));
  return !p.plan.judged && v === 'eligible' ? 'unknown' : v;
}

export function oracleVerdict(p: CompiledPlan, facts: BusinessFacts, refDate: string): Verdict {
  return oracleVerdictContext(p, createContext(facts, refDate));
}
