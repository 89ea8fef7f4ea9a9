import {
  compileProgramme,
  effectiveRule,
  screeningRule,
  RuleSchema,
  type CompiledProgramme,
  type RegionColumns,
} from '../../domain/eligibility/index.ts';

/** Programmes without a written rule have no criteria: the engine would call them eligible to all. */
const NO_RULE = { all: [] } as const;

export type VersionInput = { versionId: number; key: string; title: string; rule: unknown; ruleReview: string } & RegionColumns;

/**
 * How a programme version is judged, shared by the per-view engine (eligibility.service.ts) and the
 * stored verdicts (matching/stored-verdicts.service.ts) so that both judge alike. Rules are compiled
 * once per version (a version's rule, review and region are only changed by writing a new version —
 * or, for review and region, in place, which the cache key below includes).
 */
export function createVersionCompiler() {
  const cache = new Map<string, CompiledProgramme>();
  const keyOf = (kind: string, v: VersionInput) => `${kind}:${v.versionId}:${v.ruleReview}:${v.nationwide}:${v.sido.join(',')}:${v.municipalities.join(',')}:${v.title}`;

  /**
   * A version's rule conjoined with its region (issue 11 §1): what every verdict evaluates — the
   * business page, the clerk home, the quick check and the editor's impact preview. Null when the
   * rule does not parse, the version's region is unset (not judged until an editor sets it), or the
   * rule is not reviewed (issue 11 §2: a drafted rule never makes anyone "신청 가능").
   */
  function compileVersion(v: VersionInput): CompiledProgramme | null {
    if (v.ruleReview !== 'reviewed') return null;
    const k = keyOf('v', v);
    const hit = cache.get(k);
    if (hit) return hit;
    const parsed = RuleSchema.safeParse(v.rule ?? NO_RULE);
    if (!parsed.success) return null;
    const rule = effectiveRule(parsed.data, v);
    if (!rule) return null;
    const compiled = compileProgramme({ key: v.key, title: v.title, rule });
    cache.set(k, compiled);
    return compiled;
  }

  /** A version awaiting review: only what is known to rule a business out (region, 휴·폐업). */
  function compileScreen(v: VersionInput): CompiledProgramme {
    const k = keyOf('s', v);
    const hit = cache.get(k);
    if (hit) return hit;
    const parsed = v.rule === null ? null : RuleSchema.safeParse(v.rule);
    const compiled = compileProgramme({ key: v.key, title: v.title, rule: screeningRule(parsed?.success ? parsed.data : null, v) });
    cache.set(k, compiled);
    return compiled;
  }

  return { compileVersion, compileScreen };
}
