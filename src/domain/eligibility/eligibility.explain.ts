/**
 * Verdicts that explain themselves in plain Korean: per criterion the rule in words, the business's
 * value, met / not met / unknown, the facts to ask for, and the notice's own words and source.
 */
import { factsOfMask, type EvalContext } from './eligibility.context.ts';
import { MET, NOT_MET, UNKNOWN, type CompiledCriterion } from './eligibility.criteria.ts';
import { groupHeading } from './eligibility.describe.ts';
import type { Tri } from './eligibility.ksic.ts';
import { FACT_LABELS } from './eligibility.reference.ts';
import { COST_UNIT, costToMeet, toVerdict, witness, type CompiledRule, type RuleNode } from './eligibility.tree.ts';
import type { CriterionExplanation, CriterionStatus, Explanation, FactName } from './eligibility.types.ts';

export const STATUS_KO: Readonly<Record<Tri, CriterionStatus>> = { 2: '충족', 1: '확인 필요', 0: '미충족' };

/** '연매출, 상시근로자 수' */
export function factLabels(facts: readonly FactName[]): string {
  return facts.map((f) => FACT_LABELS[f]).join(', ');
}

export function explainCriterion(c: CompiledCriterion, ctx: EvalContext): CriterionExplanation {
  const v = c.v(ctx);
  const d = c.describe(ctx, v);
  const needs = v === UNKNOWN ? factsOfMask(c.need(ctx)) : [];
  const crit = c.criterion;
  let text = `${c.ruleText} — ${d.value}: ${STATUS_KO[v]}`;
  if (v === NOT_MET && d.gap) text += ` (${d.gap})`;
  if (v === UNKNOWN) text += needs.length ? ` (필요한 정보: ${factLabels(needs)})` : d.gap ? ` (${d.gap})` : '';
  if (crit.note) text += ` · 공고 문구: "${crit.note}"`;
  if (crit.source) text += ` · 출처: ${crit.source}`;
  if (d.remarks?.length) text += ` · ${d.remarks.join(' · ')}`;
  return {
    kind: 'criterion',
    index: c.index,
    type: crit.type,
    verdict: toVerdict(v),
    rule: c.ruleText,
    value: d.value,
    status: STATUS_KO[v],
    ...(d.gap !== undefined && v !== MET ? { gap: d.gap } : {}),
    needs,
    ...(crit.note !== undefined ? { note: crit.note } : {}),
    ...(crit.source !== undefined ? { source: crit.source } : {}),
    ...(d.remarks?.length ? { remarks: d.remarks } : {}),
    text,
  };
}

/** The explanation tree: every criterion is evaluated and listed (no short-circuit). */
export function explainNode(node: RuleNode, ctx: EvalContext): Explanation {
  if (node.kind === 'leaf') return explainCriterion(node.c, ctx);
  const v = node.v(ctx);
  const children = node.kids.map((k) => explainNode(k, ctx));
  const heading = groupHeading(node.kind, 'ko');
  const shown = node.kind !== 'not' && children.length === 0 ? (node.kind === 'all' ? '조건 없음 (누구나)' : '충족할 수 있는 조건 없음') : heading;
  return { kind: node.kind, verdict: toVerdict(v), heading, text: `${shown}: ${STATUS_KO[v]}`, children };
}

/** The criteria that would have to be met for `compiled` to become eligible, and what else it needs. */
export function nearestChange(compiled: CompiledRule, ctx: EvalContext): { flips: number; unknowns: number; unmet: CompiledCriterion[]; pending: CompiledCriterion[] } {
  const cost = costToMeet(compiled.root, ctx);
  if (!Number.isFinite(cost)) return { flips: Infinity, unknowns: 0, unmet: [], pending: [] };
  const out: CompiledCriterion[] = [];
  witness(compiled.root, ctx, MET, out);
  // Decided criteria to change (usually not met → met; under a "not", met → not met) and unknown
  // criteria that would also have to turn out right.
  const unmet = out.filter((c) => c.v(ctx) !== UNKNOWN);
  const pending = out.filter((c) => c.v(ctx) === UNKNOWN);
  return { flips: Math.floor(cost / COST_UNIT), unknowns: cost % COST_UNIT, unmet, pending };
}

/** "연매출 3.2억 원 > 기준 3억 원" — the gap of a criterion, or its rule when it has none. */
export function gapOf(c: CompiledCriterion, ctx: EvalContext): string {
  const v = c.v(ctx);
  const d = c.describe(ctx, v);
  if (v === MET) return `${c.ruleText}에 해당하지 않아야 함 (${d.value})`;
  return d.gap ?? `${c.ruleText} — ${d.value}`;
}

/** One sentence for a programme verdict. */
export function summarise(compiled: CompiledRule, ctx: EvalContext, t: Tri, missing: readonly FactName[]): string {
  const n = compiled.leafCount;
  if (t === MET) {
    const met = compiled.criteria.filter((c) => c.v(ctx) === MET).length;
    return met === n ? `신청 가능 — 조건 ${n}개 모두 충족` : `신청 가능 — 조건 ${n}개 중 필요한 조건 충족`;
  }
  if (t === UNKNOWN) return `확인 필요 — ${factLabels(missing)} 정보가 있어야 판단할 수 있습니다`;
  const { flips, unmet } = nearestChange(compiled, ctx);
  if (!Number.isFinite(flips) || unmet.length === 0) return '신청 불가 — 충족할 수 있는 조건 없음';
  return `신청 불가 — ${flips}개 조건 미충족: ${unmet.map((c) => gapOf(c, ctx)).join('; ')}`;
}

/** The explanation as indented plain text (for print, SMS drafts and logs). */
export function formatExplanation(e: Explanation, depth = 0): string {
  const pad = '  '.repeat(depth);
  if (e.kind === 'criterion') return `${pad}- ${e.text}`;
  return [`${pad}${depth === 0 ? '' : '- '}${e.text}`, ...e.children.map((c) => formatExplanation(c, depth + 1))].join('\n');
}
