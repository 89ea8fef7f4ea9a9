import type { z } from 'zod';
import { InvalidError, type FieldIssue } from './errors.ts';

const KEY = /^[a-z]+\.[A-Za-z0-9_.]+$/;

/**
 * Validates input with its one zod schema, inside the service and after authorization, so a
 * caller without the right never learns anything from validation messages. zod messages in our
 * schemas are catalogue keys; the edge translates them.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const i of r.error.issues) {
    const path = String(i.path[0] ?? '_form');
    if (seen.has(path)) continue;
    seen.add(path);
    issues.push({ path, messageKey: KEY.test(i.message) ? i.message : 'validation.invalid' });
  }
  throw new InvalidError('validation.summary', issues);
}
