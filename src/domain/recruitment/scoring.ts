/**
 * Weighted scoring of 서류 심사 and 면접 (pure).
 *
 * Every criterion has a stage and a weight (배점); the weights of a round add up to 100. A
 * reviewer gives each criterion of their stage a score from 0 to 10. A criterion contributes
 * weight × (mean score of the reviewers of its stage) / 10, so the total is out of 100.
 * Reviews of reviewers who declared a conflict of interest are excluded by the caller.
 *
 * Totals are rounded to 4 decimals before they are compared, so that two totals that are equal
 * on paper are equal in the ranking too (binary floating point would otherwise split them).
 */
export type Stage = 'document' | 'interview';
export const STAGES: readonly Stage[] = ['document', 'interview'];
export const SCORE_MIN = 0;
export const SCORE_MAX = 10;

export interface Criterion {
  code: string;
  name: string;
  stage: Stage;
  weight: number;
}

export interface Review {
  stage: Stage;
  /** criterion code → 0..10 */
  scores: Record<string, number>;
}

export interface ScoreSummary {
  document: number | null;
  interview: number | null;
  /** null until every stage that has criteria has at least one review. */
  total: number | null;
  /** How many reviews count per stage. */
  reviews: Record<Stage, number>;
}

export function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

export function weightsValid(criteria: readonly Criterion[]): boolean {
  const codes = new Set(criteria.map((c) => c.code));
  return (
    criteria.length > 0 &&
    codes.size === criteria.length &&
    criteria.every((c) => Number.isInteger(c.weight) && c.weight > 0 && c.weight <= 100) &&
    criteria.reduce((s, c) => s + c.weight, 0) === 100
  );
}

/** True when a review gives every criterion of its stage a whole or half score within 0..10. */
export function reviewComplete(criteria: readonly Criterion[], review: Review): boolean {
  return criteria
    .filter((c) => c.stage === review.stage)
    .every((c) => {
      const v = review.scores[c.code];
      return typeof v === 'number' && Number.isFinite(v) && v >= SCORE_MIN && v <= SCORE_MAX;
    });
}

export function summarize(criteria: readonly Criterion[], reviews: readonly Review[]): ScoreSummary {
  const out: ScoreSummary = { document: null, interview: null, total: null, reviews: { document: 0, interview: 0 } };
  for (const stage of STAGES) {
    const own = criteria.filter((c) => c.stage === stage);
    const rs = reviews.filter((r) => r.stage === stage && reviewComplete(criteria, r));
    out.reviews[stage] = rs.length;
    if (!own.length || !rs.length) continue;
    let sum = 0;
    for (const c of own) {
      const mean = rs.reduce((s, r) => s + r.scores[c.code]!, 0) / rs.length;
      sum += (c.weight * mean) / SCORE_MAX;
    }
    out[stage] = round4(sum);
  }
  const stagesUsed = STAGES.filter((s) => criteria.some((c) => c.stage === s));
  if (stagesUsed.length && stagesUsed.every((s) => out[s] !== null)) {
    out.total = round4(stagesUsed.reduce((s, st) => s + (out[st] ?? 0), 0));
  }
  return out;
}

/** The default criteria (editable per round): 서류 60, 면접 40. */
export function defaultCriteria(): Criterion[] {
  return [
    { code: 'career', name: '회계·사무 경력의 관련성', stage: 'document', weight: 30 },
    { code: 'certificates', name: '자격증·교육 이수', stage: 'document', weight: 15 },
    { code: 'motivation', name: '지원 동기·활동 계획', stage: 'document', weight: 15 },
    { code: 'understanding', name: '직무 이해도', stage: 'interview', weight: 20 },
    { code: 'communication', name: '소상공인 응대·소통 능력', stage: 'interview', weight: 20 },
  ];
}
