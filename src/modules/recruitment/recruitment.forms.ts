import { weightsValid, type Criterion, type Stage } from '../../domain/recruitment/scoring.ts';
import { OUTSIDE_GYEONGGI, type Question } from '../../domain/recruitment/screening.ts';
import { InvalidError, type FieldIssue } from '../../errors.ts';
import { parseInput, parseInputWithoutRrn, refuseRrn } from '../../validation.ts';
import type { DocumentAsk, RoundConfig } from './recruitment.core.ts';
import { CRITERION_ROWS, DraftInput, SubmitInput, type RoundInput } from './recruitment.schemas.ts';

/**
 * The recruitment forms whose fields are not fixed (criterion rows, quotas per office, the round's
 * own questions and documents) and the 주민등록번호 refusal: parsed here, beside the fixed-field zod
 * schemas (recruitment.schemas.ts), so the services only decide.
 */

export function invalid(issues: FieldIssue[]): never {
  throw new InvalidError('validation.summary', issues);
}

/** 주민등록번호 is refused in every field (src/validation.ts, one rule and message for every form). */
export { refuseRrn, parseInputWithoutRrn as parseNoRrn };

/** A form field as text ('' for anything else, e.g. a repeated field). */
export function field(raw: Record<string, unknown>, name: string): string {
  const v = raw[name];
  return typeof v === 'string' ? v : '';
}

// ── The round form (operator) ──

/** Parses the round form's criterion rows `c1_name`, `c1_stage`, `c1_weight` … */
export function parseCriteria(raw: Record<string, unknown>): { criteria: Criterion[]; issues: FieldIssue[] } {
  const criteria: Criterion[] = [];
  const issues: FieldIssue[] = [];
  for (let i = 1; i <= CRITERION_ROWS; i++) {
    const name = field(raw, `c${i}_name`).trim();
    const stage = field(raw, `c${i}_stage`);
    const weightText = field(raw, `c${i}_weight`).trim();
    if (!name && !weightText) continue;
    const weight = Number(weightText);
    if (!name || name.length > 100) issues.push({ path: `c${i}_name`, messageKey: 'recruitment.criterionName' });
    if (stage !== 'document' && stage !== 'interview') issues.push({ path: `c${i}_stage`, messageKey: 'recruitment.stageRequired' });
    if (!Number.isInteger(weight) || weight <= 0 || weight > 100)
      issues.push({ path: `c${i}_weight`, messageKey: 'recruitment.weightRange' });
    criteria.push({ code: `c${i}`, name, stage: stage as Stage, weight });
  }
  if (!issues.length && !weightsValid(criteria)) issues.push({ path: 'c1_weight', messageKey: 'recruitment.weightsSum' });
  return { criteria, issues };
}

/** The posts per office (`quota_<officeId>`): blank boxes are skipped; at least one office needs posts. */
export function parseQuotas(
  raw: Record<string, unknown>,
  offices: readonly { id: number }[],
): { quotas: { officeId: number; posts: number }[]; issues: FieldIssue[] } {
  const quotas: { officeId: number; posts: number }[] = [];
  const issues: FieldIssue[] = [];
  for (const o of offices) {
    const v = field(raw, `quota_${o.id}`).trim();
    if (v === '') continue;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 500) issues.push({ path: `quota_${o.id}`, messageKey: 'recruitment.quotaRange' });
    else quotas.push({ officeId: o.id, posts: n });
  }
  if (!quotas.some((q) => q.posts > 0) && !issues.length)
    issues.push({ path: `quota_${offices[0]?.id ?? 0}`, messageKey: 'recruitment.quotaNeeded' });
  return { quotas, issues };
}

export function parseQuestions(input: RoundInput): Question[] {
  const qs: Question[] = [];
  if (input.qResidence) qs.push({ code: 'residence', kind: 'residence', text: '경기도에 살고 있습니까? (사는 시·군)' });
  if (input.qCareer) qs.push({ code: 'career', kind: 'min_years', text: '회계·사무 분야 경력은 몇 년입니까?', min: input.qCareerMin });
  if (input.qCareerBreak) qs.push({ code: 'careerBreak', kind: 'yes', text: '경력이 끊긴 적이 있는 여성(경력단절 여성)에 해당합니까?' });
  input.customQuestions
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 10)
    .forEach((text, i) => qs.push({ code: `q${i + 1}`, kind: 'yes', text: text.slice(0, 300) }));
  return qs;
}

export function parseDocuments(text: string): DocumentAsk[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 10)
    .map((line, i) => {
      const required = /\(필수\)\s*$|\(required\)\s*$/i.test(line);
      return {
        code: `d${i + 1}`,
        name: line
          .replace(/\((필수|required)\)\s*$/i, '')
          .trim()
          .slice(0, 100),
        required,
      };
    });
}

// ── The application form (applicant) ──

/** Answers from the form's `a_<question>` fields: short strings, numbers checked for min_years. */
export function parseAnswers(
  questions: readonly Question[],
  raw: Record<string, unknown>,
): { answers: Record<string, string>; issues: FieldIssue[] } {
  const answers: Record<string, string> = {};
  const issues: FieldIssue[] = [];
  for (const q of questions) {
    const v = raw[`a_${q.code}`];
    const s = typeof v === 'string' ? v.trim().slice(0, 50) : '';
    if (!s) continue;
    if (q.kind === 'min_years' && !(Number.isFinite(Number(s)) && Number(s) >= 0 && Number(s) <= 60)) {
      issues.push({ path: `a_${q.code}`, messageKey: 'recruitment.yearsFormat' });
      continue;
    }
    if (q.kind === 'yes' && s !== 'yes' && s !== 'no') continue;
    if (q.kind === 'residence' && s !== OUTSIDE_GYEONGGI && !/^\d{5}$/.test(s)) continue;
    answers[q.code] = s;
  }
  return { answers, issues };
}

/**
 * The part of the application form every post saves (a draft: everything optional, lengths and
 * formats checked, 주민등록번호 refused), with its problems. Throws only for a 주민등록번호.
 */
export function parseDraftForm(raw: unknown, config: RoundConfig, offices: readonly { officeId: number }[]) {
  refuseRrn(raw);
  const values = (raw ?? {}) as Record<string, unknown>;
  const draft = parseInput(DraftInput, raw);
  const { answers, issues } = parseAnswers(config.questions, values);
  if (draft.officeId !== null && !offices.some((q) => q.officeId === draft.officeId))
    issues.push({ path: 'officeId', messageKey: 'recruitment.officeRequired' });
  return { draft, answers, issues };
}

/** What a submission needs beyond the draft: the required fields, an answer to every question, the required certificates. */
export function submissionIssues(
  raw: unknown,
  config: RoundConfig,
  answers: Record<string, string>,
  files: readonly { documentCode: string }[],
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const strict = SubmitInput.safeParse(raw);
  if (!strict.success) {
    for (const i of strict.error.issues) {
      const path = String(i.path[0]);
      if (!issues.some((x) => x.path === path))
        issues.push({ path, messageKey: /^[a-z]+\.[A-Za-z0-9_.]+$/.test(i.message) ? i.message : 'validation.required' });
    }
  }
  for (const q of config.questions) {
    if (answers[q.code] === undefined && !issues.some((x) => x.path === `a_${q.code}`))
      issues.push({ path: `a_${q.code}`, messageKey: 'recruitment.answerRequired' });
  }
  for (const d of config.documents) {
    if (d.required && !files.some((f) => f.documentCode === d.code))
      issues.push({ path: `file_${d.code}`, messageKey: 'recruitment.documentMissing' });
  }
  return issues;
}
