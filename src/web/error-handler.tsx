import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import { DomainError, InvalidError } from '../errors.ts';
import type { AppContext, AppEnv } from './context.ts';
import { Layout, PageHeader } from './layout.tsx';

function wantsJson(c: AppContext): boolean {
  return c.req.path.startsWith('/api/') || (c.req.header('accept') ?? '').startsWith('application/json');
}

const TITLE_KEYS: Record<number, string> = {
  400: 'error.400.title',
  401: 'error.401.title',
  403: 'error.403.title',
  404: 'error.404.title',
  409: 'error.409.title',
  413: 'error.413.title',
  500: 'error.500.title',
};

export function ErrorPage(props: { c: AppContext; status: number; message: string }) {
  const { c, status } = props;
  const t = c.var.t;
  const title = t(TITLE_KEYS[status] ?? 'error.500.title');
  return (
    <Layout c={c} title={title}>
      <PageHeader title={title} lead={props.message} />
      {status === 409 && (
        <p>
          <a href={c.req.path} class="krds-btn medium primary">
            {t('error.409.reload')}
          </a>
        </p>
      )}
      {status === 401 && (
        <p>
          <a href={`/login?next=${encodeURIComponent(c.req.path)}`} class="krds-btn medium primary">
            {t('auth.signIn')}
          </a>
        </p>
      )}
      <p>
        <a href="/" class="krds-btn medium secondary">
          {t('error.goHome')}
        </a>
      </p>
      <p class="form-hint">
        {t('error.requestId')}: <code>{c.var.requestId}</code>
      </p>
    </Layout>
  );
}

/** PostgreSQL data exceptions caused by a value (SQLSTATE 22003 out of range, 22P02 bad text, 22021 NUL, 22001 too long, 22007/22008 date). */
const BAD_VALUE = new Set(['22003', '22P02', '22021', '22001', '22007', '22008']);
const sqlState = (err: unknown) => (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? err.code : null);
const isBadValue = (err: unknown) => BAD_VALUE.has(sqlState(err) ?? '');
const isUniqueViolation = (err: unknown) => sqlState(err) === '23505';

/** One place maps every error to a Korean (or the user's language) page or the API's JSON shape. */
export const onError: ErrorHandler<AppEnv> = (err, c) => {
  const t = c.var.t ?? ((k: string) => k);
  let status = 500;
  let code = 'internal';
  let message = t('error.500.message');
  let issues: { path: string; message: string }[] = [];
  if (err instanceof DomainError) {
    status = err.status;
    code = err.code;
    message = t(err.messageKey, err.params);
    if (err instanceof InvalidError) issues = err.issues.map((i) => ({ path: i.path, message: t(i.messageKey, i.params) }));
  } else if (err instanceof ZodError) {
    status = 400;
    code = 'invalid';
    message = t('validation.summary');
    issues = err.issues.map((i) => ({ path: i.path.join('.'), message: t(i.message) }));
  } else if (isBadValue(err)) {
    // A value the database refuses (beyond integer range, not a number, NUL, too long): the edge
    // should have refused it (issue 14 §1); if one slips through it is the request's fault, not a 500.
    status = 400;
    code = 'invalid';
    message = t('error.invalidValue');
    c.var.log?.warn({ err }, 'database refused a value the edge let through');
  } else if (isUniqueViolation(err)) {
    // Two requests inserting the same key at once; the repositories answer the known duplicates.
    status = 409;
    code = 'conflict';
    message = t('error.duplicate');
    c.var.log?.warn({ err }, 'unique violation reached the error handler');
  } else if (err instanceof HTTPException) {
    status = err.status;
    code = status === 413 ? 'payload_too_large' : status === 403 ? 'forbidden' : 'http_error';
    message = t(TITLE_KEYS[status] ? `error.${status}.message` : 'error.500.message');
  }
  if (status >= 500) c.var.log?.error({ err }, 'request failed');
  else c.var.log?.info({ status, code }, 'request refused');
  if (status === 401 && !wantsJson(c)) {
    return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
  }
  if (wantsJson(c)) {
    return c.json({ error: { code, message, issues, requestId: c.var.requestId } }, status as 400);
  }
  return c.html(<ErrorPage c={c} status={status} message={message} />, status as 400);
};

export const notFound: NotFoundHandler<AppEnv> = (c) => {
  const t = c.var.t;
  if (wantsJson(c)) {
    return c.json({ error: { code: 'not_found', message: t('error.404.message'), issues: [], requestId: c.var.requestId } }, 404);
  }
  return c.html(<ErrorPage c={c} status={404} message={t('error.404.message')} />, 404);
};
