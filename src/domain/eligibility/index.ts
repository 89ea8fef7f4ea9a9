/**
 * The eligibility engine's public API (pure, no I/O). See eligibility.engine.ts for the logic,
 * eligibility.dates.ts for how 업력 and 만 나이 are counted, eligibility.reference.ts for the data
 * (KSIC sets, 소기업 caps) and its sources.
 */
export * from './eligibility.types.ts';
export { compileRule, evaluate, evaluateContext, countCriteria, type CompileOptions, type EvaluateOptions } from './eligibility.engine.ts';
export type { CompiledRule, RuleNode } from './eligibility.tree.ts';
export { createContext, type EvalContext } from './eligibility.context.ts';
export {
  evaluateCatalogue,
  compileProgramme,
  diffVerdicts,
  labelFacts,
  type CompiledProgramme,
  type CatalogueOptions,
  type BusinessRecord,
} from './eligibility.catalogue.ts';
export { describeRule, describeCriterion, type Lang } from './eligibility.describe.ts';
export { formatExplanation } from './eligibility.explain.ts';
export { interpretRule, type Interpretation } from './eligibility.interpreter.ts';
export { generateBusinesses, generateCatalogue, type GeneratedBusiness, type GeneratedProgramme } from './eligibility.generate.ts';
export {
  FACT_LABELS,
  FACT_LABELS_EN,
  FACT_NAMES,
  KSIC_SETS,
  SMALL_ENTERPRISE_REVENUE_CAPS,
  SMALL_BUSINESS_WORKER_LIMITS,
  getKsicSet,
  type KsicSet,
  type ReviewStatus,
} from './eligibility.reference.ts';
export { wholeMonthsBetween, monthAnniversary, ageOn, dateOfAge, addMonthsClamped } from './eligibility.dates.ts';
export { formatKrw } from './eligibility.format.ts';
export {
  effectiveRule,
  regionCriterionOf,
  regionState,
  screeningRule,
  type RegionColumns,
  type RegionState,
  type RuleReviewState,
} from './eligibility.programme.ts';
