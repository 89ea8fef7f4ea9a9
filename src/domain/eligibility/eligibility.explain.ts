/**
 * Verdicts that explain themselves in plain Korean: per criterion the rule in words, the business's
 * value, met / not met / unknown, the facts to ask for, and the notice's own words and source.
 */
import type { EvalContext } from './eligibility.context.ts';
import { MET, STATUS_KO, UNKNOWN } from './eligibility.criteria.ts';
import { groupHeading } from './eligibility.describe.ts';
import type { Tri } from './eligibility.ksic.ts';
import { FACT_LABELS } from './eligibility.reference.ts';
import { COST_UNIT, costToMeet, toVerdict, witness, type CompiledRule, type LeafNode, type RuleNode } from './eligibility.tree.ts';
import type { CriterionExplanation, Explanation, FactName } from './eligibility.types.ts';

export { STATUS_KO };

/** '연매출, 상시근로자 수' */
export function factLabels(facts: readonly FactName[]): string {
  return facts.map((f) => FACT_LABELS[f]).join(', ');
}

/** The summary of an unknown verdict: it depends only on the missing facts (stored verdicts rebuild it). */
export function unknownSummary(missing: readonly FactName[]): string {
  return `확인 필요 — ${factLabels(missing)} 정보가 있어야 판단할 수 있습니다`;
}

export function explainCriterion(leaf: LeafNode, ctx: EvalContext): CriterionExplanation {
  const k = leaf.c.core(ctx);
  const crit = leaf.c.criterion;
  // One literal with every field: the same object shape for every criterion keeps this fast.
  return {
    kind: 'criterion',
    index: leaf.index,
    type: crit.type,
    criterion: crit,
    verdict: toVerdict(k.v),
    rule: leaf.c.ruleText,
    value: k.value,
    status: STATUS_KO[k.v],
    gap: k.gap,
    needs: k.needs,
    note: crit.note,
    source: crit.source,
    remarks: k.remarks,
    text: k.text,
  };
}

/** The explanation tree: every criterion is evaluated and listed (no short-circuit). */
export function explainNode(node: RuleNode, ctx: EvalContext): Explanation {
  if (node.kind === 'leaf') return explainCriterion(node, ctx);
  const v = node.v(ctx);
  const children = node.kids.map((k) => explainNode(k, ctx));
  const heading = groupHeading(node.kind, 'ko');
  const shown =
    node.kind !== 'not' && children.length === 0 ? (node.kind === 'all' ? '조건 없음 (누구나)' : '충족할 수 있는 조건 없음') : heading;
  return { kind: node.kind, verdict: toVerdict(v), heading, text: `${shown}: ${STATUS_KO[v]}`, children };
}

/** The criteria that would have to change for `compiled` to become eligible, and what else it needs. */
export function nearestChange(
  compiled: CompiledRule,
  ctx: EvalContext,
  maxFlips = Infinity,
): { flips: number; unknowns: number; unmet: LeafNode[]; pending: LeafNode[] } {
  const cost = costToMeet(compiled.root, ctx);
  if (!Number.isFinite(cost)) return { flips: Infinity, unknowns: 0, unmet: [], pending: [] };
  if (Math.floor(cost / COST_UNIT) > maxFlips)
    return { flips: Math.floor(cost / COST_UNIT), unknowns: cost % COST_UNIT, unmet: [], pending: [] };
  const out: LeafNode[] = [];
  witness(compiled.root, ctx, MET, out);
  // Decided criteria to change (usually not met → met; under a "not", met → not met) and unknown
  // criteria that would also have to turn out right.
  const unmet: LeafNode[] = [];
  const pending: LeafNode[] = [];
  for (const l of out) (l.v(ctx) === UNKNOWN ? pending : unmet).push(l);
  return { flips: Math.floor(cost / COST_UNIT), unknowns: cost % COST_UNIT, unmet, pending };
}

/** "연매출 3.2억 원 > 기준 3억 원" — the gap of a criterion, or its rule when it has none. */
export function gapOf(leaf: LeafNode, ctx: EvalContext): string {
  const k = leaf.c.core(ctx);
  if (k.v === MET) return `${leaf.c.ruleText}에 해당하지 않아야 함 (${k.value})`;
  return k.gap ?? `${leaf.c.ruleText} — ${k.value}`;
}

/** One sentence for a programme verdict. */
export function summarise(compiled: CompiledRule, ctx: EvalContext, t: Tri, missing: readonly FactName[]): string {
  const n = compiled.leafCount;
  if (t === MET) {
    let met = 0;
    for (const l of compiled.leaves) if (l.v(ctx) === MET) met++;
    return met === n ? `신청 가능 — 조건 ${n}개 모두 충족` : `신청 가능 — 조건 ${n}개 중 필요한 조건 충족`;
  }
  if (t === UNKNOWN) return unknownSummary(missing);
  const { flips, unmet } = nearestChange(compiled, ctx);
  if (!Number.isFinite(flips) || unmet.length === 0) return '신청 불가 — 충족할 수 있는 조건 없음';
  return `신청 불가 — ${flips}개 조건 미충족: ${unmet.map((l) => gapOf(l, ctx)).join('; ')}`;
}

/** The explanation as indented plain text (for print, SMS drafts and logs). */
export function formatExplanation(e: Explanation, depth = 0): string {
  const pad = '  '.repeat(depth);
  if (e.kind === 'criterion') return `${pad}- ${e.text}`;
  return [`${pad}${depth === 0 ? '' : '- '}${e.text}`, ...e.children.map((c) => formatExplanation(c, depth + 1))].join('\n');
}
