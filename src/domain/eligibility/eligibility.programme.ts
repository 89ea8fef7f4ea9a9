/**
 * What the engine evaluates for one programme version: its rule AND its region.
 *
 * A version keeps its region in its own columns (`nationwide`, `sido`, `municipalities`, read from
 * the source: bizinfo `hashtags`, K-Startup `supt_regin`, 보조금24 소관기관 — docs/domain.md,
 * "Programme data sources"). Before issue 11 §1 only the catalogue search read them, so a 부산-only
 * notice imported from bizinfo came out "신청 가능" for shops in 경기도. The region is now part of
 * every verdict: the rule is conjoined with a `region` criterion built from those columns.
 *
 * A version whose source names no region is NOT nationwide: its region is `unset` and it cannot be
 * judged until a catalogue editor sets it (the review queue, issue 11 §2).
 */
import type { Criterion, Rule } from './eligibility.types.ts';

export interface RegionColumns {
  readonly nationwide: boolean;
  readonly sido: readonly string[];
  readonly municipalities: readonly string[];
}

export type RegionState = 'nationwide' | 'limited' | 'unset';

export function regionState(r: RegionColumns): RegionState {
  if (r.nationwide) return 'nationwide';
  return r.sido.length || r.municipalities.length ? 'limited' : 'unset';
}

/** The `region` criterion the columns stand for; undefined when nationwide or unset. */
export function regionCriterionOf(r: RegionColumns): Criterion | undefined {
  if (regionState(r) !== 'limited') return undefined;
  const c: Criterion = { type: 'region' };
  if (r.sido.length) c.sido = [...r.sido].sort();
  if (r.municipalities.length) c.municipalities = [...r.municipalities].sort();
  return c;
}

const sameSet = (a: readonly string[] | undefined, b: readonly string[] | undefined) => {
  const x = [...(a ?? [])].sort();
  const y = [...(b ?? [])].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/** Criteria that hold whenever the rule holds (the rule itself, or members of its top-level `all`). */
function topLevel(rule: Rule): readonly Rule[] {
  return 'all' in rule ? rule.all : [rule];
}

/**
 * The rule the engine evaluates for a version: `{ all: [region, rule] }`. A hand-written rule that
 * already states the same region at its top level (the sample 경기도 programmes do, with the
 * notice's own wording in `note`) is left as it is, so the explanation does not say it twice.
 * Returns null when the region is unset: such a version cannot be judged.
 */
export function effectiveRule(rule: Rule, region: RegionColumns): Rule | null {
  const state = regionState(region);
  if (state === 'unset') return null;
  const rc = regionCriterionOf(region);
  if (!rc || rc.type !== 'region') return rule;
  const stated = topLevel(rule).some(
    (r) => 'type' in r && r.type === 'region' && sameSet(r.sido, rc.sido) && sameSet(r.municipalities, rc.municipalities),
  );
  if (stated) return rule;
  return 'all' in rule ? { all: [rc, ...rule.all] } : { all: [rc, rule] };
}

// ── Rule review (issue 11 §2) ───────────────────────────────────────────────────────────────────
/**
 * `drafted`: written from the source (or by the drafter), not checked against the notice yet;
 * `reviewed`: a catalogue editor confirmed it. Only a reviewed rule gives verdicts.
 */
export type RuleReviewState = 'drafted' | 'reviewed';

/** Criterion types that speak of closure or of a business that is not operating (희망리턴·재도전). */
const CLOSURE_TYPES = new Set(['closedWithin', 'closedBetween', 'operatingDays', 'closurePlanned', 'restart']);

function mentionsClosure(rule: Rule): boolean {
  if ('all' in rule) return rule.all.some(mentionsClosure);
  if ('any' in rule) return rule.any.some(mentionsClosure);
  if ('not' in rule) return mentionsClosure(rule.not);
  if (CLOSURE_TYPES.has(rule.type)) return true;
  return rule.type === 'operatingStatus' && rule.allowed.some((s) => s === 'closed' || s === 'suspended');
}

/**
 * What is already known to rule a business out of a programme whose rule is not reviewed yet:
 * its region (from the version's columns, which the source or an editor gave) and 휴·폐업 — unless
 * the drafted rule itself speaks of closure (a 희망리턴 notice is for closed businesses). Nothing else
 * of a drafted rule is trusted. A business this screen does not rule out sees the programme in the
 * group "요건 확인 전 공고 — 공고문을 직접 확인하세요", never as "신청 가능".
 */
export function screeningRule(drafted: Rule | null, region: RegionColumns): Rule {
  const parts: Rule[] = [];
  const rc = regionCriterionOf(region);
  if (rc) parts.push(rc);
  if (!drafted || !mentionsClosure(drafted))
    parts.push({ type: 'operatingStatus', allowed: ['preparing', 'active'], note: '휴업·폐업 중이 아닐 것 (요건 확인 전 기본 확인)' });
  return { all: parts };
}
