/**
 * The compiled rule tree and the walks over it that are not on the hot path: the facts an unknown
 * verdict needs, and the near-miss costs ("what is the least that would have to change").
 */
import type { EvalContext } from './eligibility.context.ts';
import { MET, NOT_MET, UNKNOWN, type CompiledCriterion } from './eligibility.criteria.ts';
import type { Tri } from './eligibility.ksic.ts';
import type { FactName, Rule, Verdict } from './eligibility.types.ts';

export interface LeafNode {
  readonly kind: 'leaf';
  /** Position of the criterion in the rule, depth-first from 0. */
  readonly index: number;
  /** The compiled criterion (shared between programmes that state the same criterion). */
  readonly c: CompiledCriterion;
  readonly v: (ctx: EvalContext) => Tri;
}

export interface GroupNode {
  readonly kind: 'all' | 'any' | 'not';
  readonly kids: readonly RuleNode[];
  readonly v: (ctx: EvalContext) => Tri;
}

export type RuleNode = LeafNode | GroupNode;

export interface CompiledRule {
  readonly rule: Rule;
  /** Compiled tree (engine-internal: read by the catalogue, explanations and tests). */
  readonly root: RuleNode;
  /** Criterion leaves in depth-first order; `leaves[i].index === i`. */
  readonly leaves: readonly LeafNode[];
  readonly leafCount: number;
  /** Facts any criterion reads. */
  readonly factsUsed: readonly FactName[];
  /** Criteria whose answer changes with time by itself (업력, 나이, 수혜 제한 기간, 폐업 후 기간, 서류). */
  readonly timeCriteria: readonly LeafNode[];
}

export const VERDICTS: readonly Verdict[] = ['ineligible', 'unknown', 'eligible'];

export function toVerdict(t: Tri): Verdict {
  return t === MET ? 'eligible' : t === NOT_MET ? 'ineligible' : 'unknown';
}

export function fromVerdict(v: Verdict): Tri {
  return v === 'eligible' ? MET : v === 'ineligible' ? NOT_MET : UNKNOWN;
}

/** Facts whose absence makes `node` unknown (call only when it is unknown). */
export function missingMask(node: RuleNode, ctx: EvalContext): number {
  if (node.kind === 'leaf') return node.c.need(ctx);
  let m = 0;
  for (const k of node.kids) if (k.v(ctx) === UNKNOWN) m |= missingMask(k, ctx);
  return m;
}

/**
 * Near-miss costs. A cost packs (criteria to flip, unknown criteria that must turn out right) as
 * flips·COST_UNIT + unknowns, so sums add both parts and `min` compares flips first.
 */
export const COST_UNIT = 4096;

/** Least cost to make `node` met. */
export function costToMeet(node: RuleNode, ctx: EvalContext): number {
  switch (node.kind) {
    case 'leaf': {
      const v = node.v(ctx);
      return v === MET ? 0 : v === NOT_MET ? COST_UNIT : 1;
    }
    case 'all': {
      let s = 0;
      for (const k of node.kids) s += costToMeet(k, ctx);
      return s;
    }
    case 'any': {
      let m = Infinity;
      for (const k of node.kids) m = Math.min(m, costToMeet(k, ctx));
      return m;
    }
    case 'not':
      return costToFail(node.kids[0]!, ctx);
  }
}

/** Least cost to make `node` not met. */
export function costToFail(node: RuleNode, ctx: EvalContext): number {
  switch (node.kind) {
    case 'leaf': {
      const v = node.v(ctx);
      return v === NOT_MET ? 0 : v === MET ? COST_UNIT : 1;
    }
    case 'all': {
      let m = Infinity;
      for (const k of node.kids) m = Math.min(m, costToFail(k, ctx));
      return m;
    }
    case 'any': {
      let s = 0;
      for (const k of node.kids) s += costToFail(k, ctx);
      return s;
    }
    case 'not':
      return costToMeet(node.kids[0]!, ctx);
  }
}

/** The criteria behind `costToMeet` (want = MET) or `costToFail` (want = NOT_MET): one cheapest choice. */
export function witness(node: RuleNode, ctx: EvalContext, want: Tri, out: LeafNode[]): void {
  switch (node.kind) {
    case 'leaf':
      if (node.v(ctx) !== want) out.push(node);
      return;
    case 'not':
      witness(node.kids[0]!, ctx, want === MET ? NOT_MET : MET, out);
      return;
    case 'all':
    case 'any': {
      const every = (node.kind === 'all') === (want === MET);
      if (every) {
        for (const k of node.kids) witness(k, ctx, want, out);
        return;
      }
      let best: RuleNode | undefined;
      let bestCost = Infinity;
      for (const k of node.kids) {
        const c = want === MET ? costToMeet(k, ctx) : costToFail(k, ctx);
        if (c < bestCost) {
          bestCost = c;
          best = k;
        }
      }
      if (best) witness(best, ctx, want, out);
      return;
    }
  }
}

