import { publicCount, SMALL_COUNT, type PublicValue } from './suppression.ts';

/**
 * 만족도 (satisfaction), one of the programme's official measures. The 2022 programme reported
 * 95/100; Itda shows the same kind of 100-point figure, defined here.
 *
 * The survey (offered when a participation ends: 선정·탈락·취소·수혜) has three questions on a
 * 1–5 scale (1 매우 불만족 … 5 매우 만족) and an optional comment:
 *   q1 설명: the clerk's explanations were easy to understand
 *   q2 도움: the help with documents and the application
 *   q3 전반: overall satisfaction with the 공공사무원 support
 *
 * Conversion to 100 points: each answer a ∈ {1..5} counts (a − 1) / 4 × 100 (1 → 0, 3 → 50,
 * 5 → 100); one response scores the mean of its three answers; the figure is the mean over the
 * responses answered in the period, rounded to one decimal. It is linear, so it is computed from
 * sums. (The other common conversion, a × 20, maps 1 → 20 and reads 4 points higher at the top
 * of the scale; the 2022 report does not say which it used, so a 95 then and a 95 here are close
 * but not the same measurement — the export states the conversion.)
 */
export const SURVEY_QUESTIONS = ['q1', 'q2', 'q3'] as const;
export type SurveyQuestion = (typeof SURVEY_QUESTIONS)[number];
export type SurveyAnswers = Record<SurveyQuestion, number>;

export function answerPoints(a: number): number {
  if (!Number.isInteger(a) || a < 1 || a > 5) throw new RangeError(`answer out of range: ${a}`);
  return ((a - 1) / 4) * 100;
}

/** The 100-point score of one response. */
export function responseScore(r: SurveyAnswers): number {
  return SURVEY_QUESTIONS.reduce((s, q) => s + answerPoints(r[q]), 0) / SURVEY_QUESTIONS.length;
}

/** Facts the database sums: the number of responses and the sum of each question's answers. */
export interface SatisfactionFacts {
  responses: number;
  sumQ1: number;
  sumQ2: number;
  sumQ3: number;
}

export const EMPTY_SATISFACTION: SatisfactionFacts = { responses: 0, sumQ1: 0, sumQ2: 0, sumQ3: 0 };

export interface Satisfaction {
  responses: number;
  /** 100-point figure, one decimal; null without responses. */
  score100: number | null;
  /** Per question, 100-point, one decimal. */
  perQuestion: Record<SurveyQuestion, number | null>;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const points = (sum: number, n: number) => (n > 0 ? round1(((sum / n - 1) / 4) * 100) : null);

export function satisfaction(f: SatisfactionFacts): Satisfaction {
  const n = f.responses;
  return {
    responses: n,
    score100: points((f.sumQ1 + f.sumQ2 + f.sumQ3) / 3, n),
    perQuestion: { q1: points(f.sumQ1, n), q2: points(f.sumQ2, n), q3: points(f.sumQ3, n) },
  };
}

/** The facts of a list of responses (tests, small callers). */
export function satisfactionFacts(rs: readonly SurveyAnswers[]): SatisfactionFacts {
  return rs.reduce<SatisfactionFacts>((f, r) => ({ responses: f.responses + 1, sumQ1: f.sumQ1 + r.q1, sumQ2: f.sumQ2 + r.q2, sumQ3: f.sumQ3 + r.q3 }), EMPTY_SATISFACTION);
}

/** The province sees the figure only over at least 5 responses (see suppression.ts). */
export function publicSatisfaction(s: Satisfaction): Omit<Satisfaction, 'responses'> & { responses: PublicValue } {
  if (s.responses >= SMALL_COUNT) return s;
  return { responses: publicCount(s.responses), score100: null, perQuestion: { q1: null, q2: null, q3: null } };
}
