import { InvalidError } from '../errors.ts';
import type { FieldErrors, FormValues } from './components/index.ts';
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

/**
 * Runs a service call with the raw form values. The service authorizes first, then validates
 * with the input's zod schema (src/validation.ts); an InvalidError becomes translated field
 * errors so the page re-renders with 400, the error summary and the user's values kept.
 * Any other error (403, 404, 409…) goes to the one error handler.
 */
export async function handleForm<R>(c: AppContext, action: () => Promise<R>): Promise<FormResult<R>> {
  const t = c.var.t;
  try {
    return { ok: true, value: await action() };
  } catch (e) {
    if (e instanceof InvalidError) {
      const errors: FieldErrors = {};
      for (const i of e.issues) errors[i.path] ??= t(i.messageKey, i.params);
      return { ok: false, errors, message: e.issues.length ? undefined : t(e.messageKey, e.params) };
    }
    throw e;
  }
}
