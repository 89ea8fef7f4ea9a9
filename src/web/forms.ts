import type { z } from 'zod';
import { InvalidError } from '../errors.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { FieldErrors, FormValues } from './components/form.tsx';
import type { AppContext } from './context.ts';

/** Form body as plain values (repeated names become arrays). `_csrf` is dropped. */
export async function readForm(c: AppContext): Promise<FormValues> {
  const body = await c.req.parseBody({ all: true });
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    out[k] = Array.isArray(v) ? v.filter((x) => typeof x === 'string') : typeof v === 'string' ? v : undefined;
  }
  return out;
}

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors; message?: string };

/** zod issues → catalogue keys → translated field errors (first error per field). */
export function zodErrors(error: z.ZodError, t: Translate): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_form');
    if (errors[field]) continue;
    const key = issue.message && /^[a-z]+\.[A-Za-z.]+$/.test(issue.message) ? issue.message : 'validation.invalid';
    errors[field] = t(key);
  }
  return errors;
}

/**
 * Validate with the input's one zod schema, then run the service call. An InvalidError from the
 * service becomes field errors too, so the page re-renders with 400, the summary and the values kept.
 */
export async function handleForm<S extends z.ZodType, R>(
  c: AppContext,
  schema: S,
  values: FormValues,
  action: (input: z.infer<S>) => Promise<R>,
): Promise<FormResult<R>> {
  const t = c.var.t;
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error, t) };
  try {
    return { ok: true, value: await action(parsed.data) };
  } catch (e) {
    if (e instanceof InvalidError) {
      const errors: FieldErrors = {};
      for (const i of e.issues) errors[i.path] ??= t(i.messageKey, i.params);
      return { ok: false, errors, message: e.issues.length ? undefined : t(e.messageKey, e.params) };
    }
    throw e;
  }
}
