/**
 * Automatic eligibility screening of an application against the round's questions (자격 요건).
 * Pure: no I/O. The operator sees the reason for every outcome, and "no answer" is never read as
 * "no": a missing answer makes the application `incomplete`, not `ineligible` (docs/domain.md: unknown
 * is not "no").
 */

/** 경기도 시·군 codes start with 41 (행정표준코드). */
export const GYEONGGI_PREFIX = '41';
/** The answer for "I live outside Gyeonggi-do" in the residence question. */
export const OUTSIDE_GYEONGGI = 'outside';

export type Question =
  /** 경기도 거주: the answer is a 시·군 code, or `outside`. */
  | { code: string; kind: 'residence'; text: string }
  /** e.g. 회계·사무 경력 N년 이상: the answer is a number of years. */
  | { code: string; kind: 'min_years'; text: string; min: number }
  /** A yes/no question whose required answer is yes (e.g. 경력단절 여성에 해당합니까?). */
  | { code: string; kind: 'yes'; text: string };

export type QuestionKind = Question['kind'];
export type Answers = Record<string, string | undefined>;

export type Outcome = 'pass' | 'fail' | 'missing';
export interface QuestionResult {
  code: string;
  text: string;
  kind: QuestionKind;
  outcome: Outcome;
  /** The answer as given (for the reason shown to the operator). */
  answer: string | null;
  /** For min_years: the minimum asked for. */
  min?: number;
}
export type Verdict = 'eligible' | 'ineligible' | 'incomplete';
export interface Screening {
  verdict: Verdict;
  results: QuestionResult[];
}

function judge(q: Question, raw: string | undefined): Outcome {
  const a = raw?.trim() ?? '';
  if (a === '') return 'missing';
  switch (q.kind) {
    case 'residence':
      return a !== OUTSIDE_GYEONGGI && a.startsWith(GYEONGGI_PREFIX) && /^\d{5}$/.test(a) ? 'pass' : 'fail';
    case 'min_years': {
      const n = Number(a);
      if (!Number.isFinite(n) || n < 0) return 'missing';
      return n >= q.min ? 'pass' : 'fail';
    }
    case 'yes':
      return a === 'yes' ? 'pass' : a === 'no' ? 'fail' : 'missing';
  }
}

/** Screens answers: any fail → ineligible; otherwise any missing → incomplete; else eligible. */
export function screen(questions: readonly Question[], answers: Answers): Screening {
  const results = questions.map((q): QuestionResult => {
    const answer = answers[q.code]?.trim() || null;
    return {
      code: q.code,
      text: q.text,
      kind: q.kind,
      outcome: judge(q, answers[q.code]),
      answer,
      ...(q.kind === 'min_years' ? { min: q.min } : {}),
    };
  });
  const verdict: Verdict = results.some((r) => r.outcome === 'fail')
    ? 'ineligible'
    : results.some((r) => r.outcome === 'missing')
      ? 'incomplete'
      : 'eligible';
  return { verdict, results };
}

/** The questions of the 2023 round, as a default for a new round (editable per round). */
export function defaultQuestions(): Question[] {
  return [
    { code: 'residence', kind: 'residence', text: '경기도에 살고 있습니까? (사는 시·군)' },
    { code: 'career', kind: 'min_years', text: '회계·사무 분야 경력은 몇 년입니까?', min: 1 },
    { code: 'careerBreak', kind: 'yes', text: '경력이 끊긴 적이 있는 여성(경력단절 여성)에 해당합니까?' },
  ];
}

/** Checks a question list for the round form: unique codes, sane minimums. */
export function validQuestions(qs: readonly Question[]): boolean {
  const codes = new Set(qs.map((q) => q.code));
  return (
    codes.size === qs.length &&
    qs.every((q) => q.code.length > 0 && q.text.trim().length > 0 && (q.kind !== 'min_years' || (q.min >= 0 && q.min <= 50)))
  );
}
