import { createContext } from '../eligibility/eligibility.context.ts';
import { evaluateContext } from '../eligibility/eligibility.engine.ts';
import type { FactName, Verdict } from '../eligibility/eligibility.types.ts';
import { FactColumns, VerdictMatrix, compilePlan, type VersionPlan } from '../matching/index.ts';
import { storeFacts } from '../stores/store-facts.ts';

/**
 * Which registry shops may qualify for some programmes (issue 12 §3), by the verdict matrix
 * (src/domain/matching). A shop's facts are only 시·도, 시·군 and KSIC, so shops sharing those three
 * are the same row for every rule: the matrix is built over the distinct triples (a 시·군 of 30,000
 * shops has a few hundred), each shop reads its triple's verdicts. The missing facts of an unknown
 * verdict come from the per-business engine (the oracle, eligibility.engine.ts `missing`), once per
 * triple and programme.
 *
 * Only versions that judge (reviewed rule, region set: matching.version.ts) count: a drafted version
 * is never eligible and its "unknown" means "요건 확인 전", not "ask these questions", so it is left
 * out here and the page names it apart (as the business page shows drafted notices apart).
 */
export interface OutreachShop {
  readonly id: string;
  readonly sidoCode: string;
  readonly municipalityCode: string;
  readonly ksicCode: string | null;
}

export type OutreachStatus = 'eligible' | 'unknown';

export interface ShopVerdict {
  readonly status: OutreachStatus;
  /** Programme keys the shop is eligible for (from the file alone). */
  readonly eligible: readonly string[];
  /** Programme keys still unknown for it. */
  readonly unknown: readonly string[];
  /** Facts missing over its unknown programmes. */
  readonly missing: readonly FactName[];
}

export interface OutreachMatch {
  /** Shop index → verdict; shops ineligible for every programme are absent. */
  readonly verdicts: Map<number, ShopVerdict>;
  /** Distinct (시·도, 시·군, KSIC) rows the matrix was built over. */
  readonly rows: number;
  /** Per programme: shops eligible and unknown (a shop counts once per programme). */
  readonly perProgramme: Map<string, { eligible: number; unknown: number }>;
}

const tripleKey = (s: OutreachShop) => `${s.sidoCode}|${s.municipalityCode}|${s.ksicCode ?? ''}`;

export function matchShops(shops: readonly OutreachShop[], plans: readonly VersionPlan[], refDate: string): OutreachMatch {
  const judged = plans.filter((p) => p.judged);
  const rowOfTriple = new Map<string, number>();
  const rowOfShop = new Int32Array(shops.length);
  const firstShopOfRow: number[] = [];
  for (let i = 0; i < shops.length; i++) {
    const k = tripleKey(shops[i]!);
    let r = rowOfTriple.get(k);
    if (r === undefined) {
      r = rowOfTriple.size;
      rowOfTriple.set(k, r);
      firstShopOfRow.push(i);
    }
    rowOfShop[i] = r;
  }
  const rows = firstShopOfRow.length;
  const cols = new FactColumns(refDate, Math.max(32, rows));
  const facts = firstShopOfRow.map((i) => storeFacts(shops[i]!));
  for (const f of facts) cols.append(f);
  const matrix = new VerdictMatrix(cols);
  // One evaluation context per row (the oracle reads the same facts for every programme).
  const contexts = facts.map((f) => createContext(f, refDate));
  // Per row: verdict per judged programme, and the missing facts of the unknown ones (oracle).
  const rowVerdicts: { eligible: string[]; unknown: string[]; missing: Set<FactName> }[] = Array.from({ length: rows }, () => ({ eligible: [], unknown: [], missing: new Set() }));
  for (const plan of judged) {
    matrix.setProgramme(plan);
    let compiled: ReturnType<typeof compilePlan> | null = null;
    for (let r = 0; r < rows; r++) {
      const v: Verdict = matrix.verdict(r, plan.key);
      if (v === 'eligible') rowVerdicts[r]!.eligible.push(plan.key);
      else if (v === 'unknown') {
        rowVerdicts[r]!.unknown.push(plan.key);
        compiled ??= compilePlan(plan);
        for (const f of evaluateContext(compiled.compiled, contexts[r]!).missing) rowVerdicts[r]!.missing.add(f);
      }
    }
  }
  const verdicts = new Map<number, ShopVerdict>();
  const perProgramme = new Map<string, { eligible: number; unknown: number }>(judged.map((p) => [p.key, { eligible: 0, unknown: 0 }]));
  const frozen = rowVerdicts.map((rv) =>
    rv.eligible.length || rv.unknown.length
      ? ({ status: rv.eligible.length ? 'eligible' : 'unknown', eligible: rv.eligible, unknown: rv.unknown, missing: [...rv.missing] } satisfies ShopVerdict)
      : null,
  );
  // Shops per row, then per programme by row (not by shop: 30,000 shops × 2,000 programmes would be
  // 60 million increments for a few hundred distinct answers).
  const shopsOfRow = new Int32Array(rows);
  for (let i = 0; i < shops.length; i++) {
    const v = frozen[rowOfShop[i]!];
    if (!v) continue;
    verdicts.set(i, v);
    shopsOfRow[rowOfShop[i]!]!++;
  }
  for (let r = 0; r < rows; r++) {
    const v = frozen[r];
    if (!v) continue;
    for (const k of v.eligible) perProgramme.get(k)!.eligible += shopsOfRow[r]!;
    for (const k of v.unknown) perProgramme.get(k)!.unknown += shopsOfRow[r]!;
  }
  return { verdicts, rows, perProgramme };
}
