import { z } from 'zod';
import { containsRrn, fieldsWithRrn } from './domain/identifiers.ts';
import { InvalidError, type FieldIssue } from './errors.ts';

const KEY = /^[a-z]+\.[A-Za-z0-9_.]+$/;

/** PostgreSQL `integer` (int4): the range of every serial id, version and count column. */
export const INT4_MAX = 2_147_483_647;

/**
 * A row id as the edge receives it (path, query or form: a string of digits): an integer
 * 1..2147483647, so a number beyond PostgreSQL's `integer` never reaches a query (issue 14 §1).
 */
export const DB_ID = z.coerce
  .string()
  .regex(/^[1-9]\d{0,9}$/, 'validation.invalid')
  .transform(Number)
  .pipe(z.number().int().min(1).max(INT4_MAX, 'validation.invalid'));

/**
 * Validates input with its one zod schema, inside the service and after authorization, so a
 * caller without the right never learns anything from validation messages. zod messages in our
 * schemas are catalogue keys; the edge translates them.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  // Every service input refuses a 주민등록번호 in any text field (issue 14 §1: one refusal for every
  // free-text field, whatever route or schema brings it), together with the schema's own issues.
  const rrn = rrnIssues(raw);
  const r = schema.safeParse(raw);
  if (r.success && !rrn.length) return r.data;
  const issues: FieldIssue[] = [...rrn];
  const seen = new Set<string>(rrn.map((i) => i.path));
  for (const i of r.success ? [] : r.error.issues) {
    const path = String(i.path[0] ?? '_form');
    if (seen.has(path)) continue;
    seen.add(path);
    issues.push({ path, messageKey: KEY.test(i.message) ? i.message : 'validation.invalid' });
  }
  throw new InvalidError('validation.summary', issues);
}

/**
 * 주민등록번호 is never collected (개인정보 보호법 제24조의2; docs/domain.md "Personal data"): one
 * message key for every form, and one check (containsRrn, which normalises full-width digits,
 * dashes and zero-width characters first).
 */
export const RRN_REFUSED = 'validation.rrnRefused';

/** The zod refinement for every free-text field: `z.string().trim().max(200).refine(...noRrn)`. */
export const noRrn = [(v: string | null | undefined) => !containsRrn(v), RRN_REFUSED] as const;

/** Fields never read for a 주민등록번호: passwords (hashed, never shown or stored as typed) and the CSRF token. */
const NOT_READ_FOR_RRN = /password|^_csrf$/i;

/** One issue for each field of a raw form (strings or string arrays) that holds something like a 주민등록번호. */
export function rrnIssues(raw: unknown): FieldIssue[] {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
  return fieldsWithRrn(raw as Record<string, unknown>)
    .filter((path) => !NOT_READ_FOR_RRN.test(path))
    .map((path) => ({ path, messageKey: RRN_REFUSED }));
}

/** Refuses a whole raw form (every free-text field, including those without a fixed schema). */
export function refuseRrn(raw: unknown): void {
  const issues = rrnIssues(raw);
  if (issues.length) throw new InvalidError('validation.summary', issues);
}

/** Kept for the call sites that say so explicitly: `parseInput` itself refuses 주민등록번호 in any field. */
export const parseInputWithoutRrn = parseInput;
