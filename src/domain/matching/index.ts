/**
 * The verdict matrix (issue 12 §2): the whole catalogue × every shop and business, column-wise,
 * three-valued; the per-business engine (src/domain/eligibility) stays the oracle and explains.
 */
export { FactColumns, NONE } from './matching.columns.ts';
export { VerdictMatrix, canonicalKey, type MatrixColumn, type MatrixStats } from './matching.engine.ts';
export { cardinality, bitGet, type Bits, type TriBits } from './matching.bitset.ts';
export {
  compilePlan,
  oracleVerdict,
  oracleVerdictContext,
  planVersion,
  type CompiledPlan,
  type VersionInput,
  type VersionPlan,
} from './matching.version.ts';
