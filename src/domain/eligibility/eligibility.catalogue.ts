/**
 * One business against a whole catalogue: verdicts, near-misses, the dates on which verdicts change
 * by themselves, and which missing facts to ask for first. Also the editor's impact preview
 * (`diffVerdicts`).
 *
 * The business's derived facts are computed once (one context per reference date), so a catalogue
 * of 2,000 programmes costs 2,000 closure walks, not 2,000 re-parses.
 */
import { FACT_BIT, createContext, factsOfMask, type EvalContext } from './eligibility.context.ts';
import { MET, NOT_MET, UNKNOWN, type TimeCandidate } from './eligibility.criteria.ts';
import { addDays } from './eligibility.dates.ts';
import { compileRule, type CompileOptions } from './eligibility.engine.ts';
import { explainNode, factLabels, gapOf, nearestChange, summarise } from './eligibility.explain.ts';
import type { Tri } from './eligibility.ksic.ts';
import { FACT_LABELS, FACT_NAMES } from './eligibility.reference.ts';
import { missingMask, toVerdict, type CompiledRule } from './eligibility.tree.ts';
import type {
  AskNextItem,
  BusinessFacts,
  CatalogueEvaluation,
  FactName,
  NearMiss,
  ProgrammeVerdict,
  Rule,
  TimeChange,
  Verdict,
  VerdictDiff,
} from './eligibility.types.ts';

export interface CompiledProgramme {
  /** `programme.key` (stable across versions). */
  readonly key: string;
  readonly title: string;
  readonly compiled: CompiledRule;
}

export function compileProgramme(p: { readonly key: string; readonly title: string; readonly rule: Rule }, opts?: CompileOptions): CompiledProgramme {
  return { key: p.key, title: p.title, compiled: compileRule(p.rule, opts) };
}

export interface CatalogueOptions {
  /** Per-programme explanation trees and summaries (default false). */
  readonly explain?: boolean;
  /** Near-misses (default true). */
  readonly nearMisses?: boolean;
  /** At most this many criteria to change for a near-miss (default 1). */
  readonly maxUnmet?: number;
  /** Openings and closings in time (default true). */
  readonly timeChanges?: boolean;
  /** How far ahead to look for time changes, in years (default 10). */
  readonly horizonYears?: number;
  /** The ask-next ranking (default true). */
  readonly askNext?: boolean;
}

function popcount(x: number): number {
  let n = 0;
  while (x) {
    x &= x - 1;
    n++;
  }
  return n;
}

/**
 * The first date after the reference date on which the programme's verdict leaves `now`, looking
 * only at the dates on which one of its time-dependent criteria changes (nothing else changes with
 * time: facts are taken as they are today).
 */
function nextChange(p: CompiledProgramme, ctx: EvalContext, now: Tri, horizonDay: number, at: (date: string) => EvalContext): TimeChange | undefined {
  const time = p.compiled.timeCriteria;
  let cands: readonly TimeCandidate[];
  if (time.length === 1) {
    cands = time[0]!.c.timeChanges!(ctx);
  } else {
    const all: TimeCandidate[] = [];
    for (const l of time) for (const c of l.c.timeChanges!(ctx)) all.push(c);
    cands = all.sort((a, b) => a.day - b.day);
  }
  for (let i = 0; i < cands.length; i++) {
    const day = cands[i]!.day;
    if (day > horizonDay) break;
    if (i > 0 && cands[i - 1]!.day === day) continue;
    const then = at(cands[i]!.date);
    const v = p.compiled.root.v(then);
    if (v === now) continue;
    const triggers = cands.filter((c) => c.day === day).map((c) => c.phrase);
    const needs = v === UNKNOWN ? factsOfMask(missingMask(p.compiled.root, then)) : [];
    const date = cands[i]!.date;
    const when = triggers.join(', ');
    let text: string;
    if (now === NOT_MET) {
      text = v === MET ? `${when}부터 신청 가능` : `${when}부터 신청 가능할 수 있음 — 확인 필요: ${factLabels(needs)}`;
    } else {
      const last = addDays(date, -1);
      text = v === NOT_MET ? `${last}까지 신청 가능 (${when}부터 조건 미충족)` : `${last}까지 신청 가능 (${when}부터 확인 필요: ${factLabels(needs)})`;
    }
    return { programmeKey: p.key, title: p.title, date, verdictThen: toVerdict(v), triggers, needs, text };
  }
  return undefined;
}

function nearMiss(p: CompiledProgramme, ctx: EvalContext, maxUnmet: number): NearMiss | undefined {
  const { flips, unmet, pending } = nearestChange(p.compiled, ctx, maxUnmet);
  if (!(flips >= 1 && flips <= maxUnmet)) return undefined;
  const gaps = unmet.map((l) => ({ index: l.index, type: l.c.criterion.type, rule: l.c.ruleText, gap: gapOf(l, ctx) }));
  let alsoNeeds = 0;
  for (const l of pending) alsoNeeds |= l.c.need(ctx);
  const alsoFacts = factsOfMask(alsoNeeds);
  const text = `${flips}개 조건 미충족: ${gaps.length === 1 ? gaps[0]!.gap : gaps.map((g) => g.gap).join('; ')}${alsoFacts.length ? ` (그 밖에 확인 필요: ${factLabels(alsoFacts)})` : ''}`;
  return { programmeKey: p.key, title: p.title, unmet: gaps, alsoNeeds: alsoFacts, verdictIfMet: pending.length ? 'unknown' : 'eligible', text };
}

/** Evaluates one business against every programme of a catalogue on `refDate`. */
export function evaluateCatalogue(programmes: readonly CompiledProgramme[], facts: BusinessFacts, refDate: string, opts: CatalogueOptions = {}): CatalogueEvaluation {
  const ctx = createContext(facts, refDate);
  const wantNear = opts.nearMisses ?? true;
  const wantTime = opts.timeChanges ?? true;
  const wantAsk = opts.askNext ?? true;
  const maxUnmet = opts.maxUnmet ?? 1;
  const horizonDay = ctx.refDay + Math.round((opts.horizonYears ?? 10) * 365.2425);
  const contexts = new Map<string, EvalContext>();
  const at = (date: string): EvalContext => {
    let c = contexts.get(date);
    if (!c) {
      c = createContext(facts, date);
      contexts.set(date, c);
    }
    return c;
  };

  const results: ProgrammeVerdict[] = new Array<ProgrammeVerdict>(programmes.length);
  const counts: Record<Verdict, number> = { eligible: 0, ineligible: 0, unknown: 0 };
  const nearMisses: NearMiss[] = [];
  const openings: TimeChange[] = [];
  const closings: TimeChange[] = [];
  const decides = new Map<number, number>();
  const involved = new Map<number, string[]>();

  for (let i = 0; i < programmes.length; i++) {
    const p = programmes[i]!;
    const root = p.compiled.root;
    const t = root.v(ctx);
    const mask = t === UNKNOWN ? missingMask(root, ctx) : 0;
    const verdict = toVerdict(t);
    if (opts.explain) {
      const missing = factsOfMask(mask);
      results[i] = { programmeKey: p.key, title: p.title, verdict, missing, summary: summarise(p.compiled, ctx, t, missing), explanation: explainNode(root, ctx) };
    } else {
      results[i] = { programmeKey: p.key, title: p.title, verdict, missing: factsOfMask(mask) };
    }
    counts[verdict]++;

    if (t === UNKNOWN && wantAsk) {
      if (popcount(mask) === 1) decides.set(mask, (decides.get(mask) ?? 0) + 1);
      for (let m = mask; m; m &= m - 1) {
        const bit = m & -m;
        let list = involved.get(bit);
        if (!list) involved.set(bit, (list = []));
        list.push(p.key);
      }
    } else if (t === NOT_MET) {
      if (wantNear) {
        const nm = nearMiss(p, ctx, maxUnmet);
        if (nm) nearMisses.push(nm);
      }
      if (wantTime && p.compiled.timeCriteria.length) {
        const ch = nextChange(p, ctx, NOT_MET, horizonDay, at);
        if (ch) openings.push(ch);
      }
    } else if (t === MET && wantTime && p.compiled.timeCriteria.length) {
      const ch = nextChange(p, ctx, MET, horizonDay, at);
      if (ch) closings.push(ch);
    }
  }

  const askNext: AskNextItem[] = [];
  if (wantAsk) {
    for (const f of FACT_NAMES) {
      const bit = FACT_BIT[f];
      const keys = involved.get(bit);
      if (!keys) continue;
      askNext.push({ fact: f, label: FACT_LABELS[f], decides: decides.get(bit) ?? 0, involved: keys.length, programmeKeys: keys });
    }
    askNext.sort((a, b) => b.decides - a.decides || b.involved - a.involved || FACT_NAMES.indexOf(a.fact) - FACT_NAMES.indexOf(b.fact));
  }
  nearMisses.sort((a, b) => a.unmet.length - b.unmet.length || a.alsoNeeds.length - b.alsoNeeds.length);
  openings.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  closings.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { refDate, results, counts, nearMisses, openings, closings, askNext };
}

export interface BusinessRecord {
  readonly id: string;
  readonly facts: BusinessFacts;
}

/** Which businesses gain or lose eligibility when a programme's rule changes (editor's preview). */
export function diffVerdicts(oldCompiled: CompiledRule, newCompiled: CompiledRule, businesses: readonly BusinessRecord[], refDate: string): VerdictDiff {
  const gained: { id: string; from: Verdict; to: Verdict }[] = [];
  const lost: { id: string; from: Verdict; to: Verdict }[] = [];
  const otherChanges: { id: string; from: Verdict; to: Verdict }[] = [];
  const verdicts: readonly Verdict[] = ['eligible', 'ineligible', 'unknown'];
  const counts = Object.fromEntries(verdicts.flatMap((a) => verdicts.map((b) => [`${a}→${b}`, 0]))) as Record<`${Verdict}→${Verdict}`, number>;
  for (const b of businesses) {
    const ctx = createContext(b.facts, refDate);
    const from = toVerdict(oldCompiled.root.v(ctx));
    const to = toVerdict(newCompiled.root.v(ctx));
    counts[`${from}→${to}`]++;
    if (from === to) continue;
    const row = { id: b.id, from, to };
    if (to === 'eligible') gained.push(row);
    else if (from === 'eligible') lost.push(row);
    else otherChanges.push(row);
  }
  return { refDate, total: businesses.length, gained, lost, otherChanges, counts };
}

/** Fact names with their Korean labels, for forms that ask for the missing ones. */
export function labelFacts(facts: readonly FactName[]): { fact: FactName; label: string }[] {
  return facts.map((fact) => ({ fact, label: FACT_LABELS[fact] }));
}
