import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import { containsRrn } from '../domain/identifiers.ts';
import { ForbiddenError, InvalidError, UnauthenticatedError, type FieldIssue } from '../errors.ts';
import { DEFAULT_LOCALE, isLocale, LOCALES, localeFromAcceptLanguage, translator } from '../i18n/i18n.ts';
import type { AuthService } from '../modules/auth/auth.service.ts';
import { csrfTokenFor, randomToken } from '../modules/auth/auth.crypto.ts';
import { withRequestMemo } from '../request-memo.ts';
import { RRN_REFUSED } from '../validation.ts';
import type { AppEnv } from './context.ts';

/**
 * The app's middleware, one small factory per concern (the style of Hono's own middleware): each
 * takes what it needs and returns a handler. src/app.ts lists them in the order they run.
 */
type Middleware = MiddlewareHandler<AppEnv>;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const SESSION_COOKIE = 'itda_sid';
export const CSRF_COOKIE = 'itda_csrf';
export const LOCALE_COOKIE = 'itda_lang';
/** Large-text mode (issue 13 §4): 'large' raises the base size of every page by a quarter. */
export const TEXT_SIZE_COOKIE = 'itda_text';

export interface CookieBase {
  httpOnly: true;
  sameSite: 'Lax';
  secure: boolean;
  path: '/';
}
export function cookieBase(secure: boolean): CookieBase {
  return { httpOnly: true, sameSite: 'Lax', secure, path: '/' };
}

/**
 * Request id + one log line per request (the id is in the header and in the line); the defaults
 * every later step may rely on; the client address (X-Forwarded-For only behind a trusted proxy);
 * the per-request memo of src/request-memo.ts.
 */
export function requestContext(opts: { logger: Logger; trustProxy: boolean }): Middleware {
  return async (c, next) => {
    const requestId = randomUUID();
    const log = opts.logger.child({ reqId: requestId });
    c.set('requestId', requestId);
    c.set('log', log);
    c.set('t', translator(DEFAULT_LOCALE));
    c.set('locale', DEFAULT_LOCALE);
    c.set('actor', null);
    c.set('mustChangePassword', false);
    c.set('pendingSecondFactor', null);
    c.set('sessionToken', null);
    c.set('csrfToken', '');
    let ip: string | null = null;
    try {
      ip = getConnInfo(c).remote.address ?? null;
    } catch {
      ip = null;
    }
    if (opts.trustProxy) ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || ip;
    c.set('clientIp', ip);
    const started = performance.now();
    c.header('X-Request-Id', requestId);
    await withRequestMemo(() => next(), { readOnly: c.req.method === 'GET' || c.req.method === 'HEAD' });
    // Set again only where the answer lost it (a Response built by hand, an error page): Hono's
    // c.header on a finished answer rebuilds it as a full WHATWG Response, which cost 5 % of a
    // signed-in page's CPU when done on every answer (issue 12 §4).
    if (c.res.headers.get('X-Request-Id') !== requestId) c.header('X-Request-Id', requestId);
    log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  };
}

/** CSP without inline script, no framing, nosniff, strict referrer; HSTS when cookies are secure. */
export function securityHeaders(opts: { hsts: boolean }): Middleware {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      objectSrc: ["'none'"],
    },
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'strict-origin-when-cross-origin',
    strictTransportSecurity: opts.hsts ? 'max-age=31536000; includeSubDomains' : false,
    crossOriginEmbedderPolicy: false,
  }) as Middleware;
}

/**
 * Request body size: small everywhere, larger only on the routes that take files (first match wins);
 * then the body's well-formedness (checkInput).
 */
export function bodyLimits(opts: {
  defaultBytes: number;
  uploads: readonly { matches: (c: Context<AppEnv>) => boolean; maxBytes: number }[];
}): Middleware {
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new HTTPException(413);
      },
    });
  const fallback = limit(opts.defaultBytes);
  const uploads = opts.uploads.map((u) => ({ matches: u.matches, handler: limit(u.maxBytes) }));
  return (c, next) =>
    // GET and HEAD have no body (a WHATWG Request cannot hold one), and asking the node adapter's
    // request for its body makes it build a full WHATWG Request: 4 % of a page's CPU for nothing.
    c.req.method === 'GET' || c.req.method === 'HEAD'
      ? checkInput(c, next)
      : (uploads.find((u) => u.matches(c))?.handler ?? fallback)(c, () => checkInput(c, next));
}

/** Fields the 주민등록번호 check does not read: passwords (hashed, never shown) and the CSRF token. */
const NOT_READ_FOR_RRN = /password|^_csrf$/i;
const FORM_TYPE = /^\s*(?:multipart\/form-data|application\/x-www-form-urlencoded)\b/i;
const JSON_TYPE = /^\s*application\/(?:[\w.+-]+\+)?json\b/i;

/** Every string a body holds, with the name of its field (file names included: they are stored). */
function* bodyStrings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (typeof File !== 'undefined' && value instanceof File) yield [path, value.name];
  else if (Array.isArray(value)) for (const v of value) yield* bodyStrings(v, path);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* bodyStrings(v, path ? `${path}.${k}` : k);
}

/**
 * The body's well-formedness, checked once at the edge after its size (issue 14 §1), so no route,
 * the CSRF check included, meets a body it cannot read: a form or multipart body that does not
 * parse (not multipart, no boundary, cut short) or JSON that does not parse is a 400; a NUL byte
 * (0x00, which PostgreSQL refuses in text) in the URL or in any field is a 400 naming the field.
 * And, in the same pass, the one 주민등록번호 refusal for every free-text field of every form and
 * JSON body (issue 14 §1; 개인정보 보호법 제24조의2): containsRrn normalises NFKC, dashes, invisible
 * characters and . / _ separators, so a variant is refused wherever it is typed. Passwords are not
 * read (they are never stored as typed). The services' own parseInputWithoutRrn stays as a second line.
 * The parsed form stays cached on the request for the CSRF check and the route.
 */
async function checkInput(c: Context<AppEnv>, next: () => Promise<void>): Promise<void> {
  if (c.req.url.includes('\0') || /%00/i.test(c.req.url)) throw new InvalidError('validation.nulByte');
  if (UNSAFE.has(c.req.method)) {
    const type = c.req.header('content-type') ?? '';
    let body: unknown = null;
    try {
      if (FORM_TYPE.test(type)) body = await c.req.parseBody({ all: true });
      else if (JSON_TYPE.test(type)) body = await c.req.json();
    } catch (err) {
      if (err instanceof HTTPException) throw err; // 413 from the size limit
      throw new InvalidError('error.bodyMalformed');
    }
    const nul: FieldIssue[] = [];
    const rrn: FieldIssue[] = [];
    for (const [path, text] of bodyStrings(body, '')) {
      const field = path || '_form';
      if (text.includes('\0')) nul.push({ path: field, messageKey: 'validation.nulByte' });
      else if (!NOT_READ_FOR_RRN.test(field) && containsRrn(text)) rrn.push({ path: field, messageKey: RRN_REFUSED });
    }
    if (nul.length) throw new InvalidError('validation.nulByte', nul);
    // JSON is refused here. A form goes on to its service, whose parseInput refuses the same fields
    // together with every other problem of the form (src/validation.ts), so the page re-renders once
    // with the user's values and all the errors; nothing is stored either way
    // (test/integration/rrn-everywhere.test.ts submits a variant in every text field of every form).
    if (rrn.length && !FORM_TYPE.test(type)) throw new InvalidError(RRN_REFUSED, rrn);
  }
  await next();
}

/**
 * Who is asking: a personal access token (Authorization: Bearer) or the session cookie. A bad
 * token is refused outright (an API client must know); a stale session cookie is cleared.
 */
export function authentication(opts: { auth: Pick<AuthService, 'resolveToken' | 'resolveSession'>; cookieSecure: boolean }): Middleware {
  const base = cookieBase(opts.cookieSecure);
  return async (c, next) => {
    const authz = c.req.header('authorization');
    if (authz?.startsWith('Bearer ')) {
      const actor = await opts.auth.resolveToken(authz.slice(7).trim());
      if (!actor) return c.json({ error: { code: 'unauthenticated', message: c.get('t')('error.tokenInvalid'), issues: [] } }, 401);
      c.set('actor', actor);
    } else {
      const sid = getCookie(c, SESSION_COOKIE);
      if (sid) {
        const s = await opts.auth.resolveSession(sid);
        if (s) {
          c.set('actor', s.actor);
          c.set('mustChangePassword', s.mustChangePassword);
          c.set('pendingSecondFactor', s.pending);
          c.set('sessionToken', sid);
        } else {
          setCookie(c, SESSION_COOKIE, '', { ...base, maxAge: 0 });
        }
      }
    }
    await next();
  };
}

/**
 * The language (issue 13 §4): `?lang=` (a link or the switch; remembered in the cookie for a year),
 * else a staff account's own, else the cookie's, else the browser's Accept-Language as a first guess,
 * else Korean. Staff pages (and every page outside OWNER_PATHS) are offered in full-coverage languages only: a clerk
 * whose cookie says `vi` (she tried the owner's view) still gets Korean pages there, never a page that claims `lang="vi"` and
 * shows Korean.
 */
/**
 * Owner-facing pages (offered in every language): the self-check and help request, the owner's link
 * page and her home and requests, the opt-out page of owner messages. Everything else is staff work.
 */
export const OWNER_PATHS: readonly RegExp[] = [/^\/check(?:\/|$)/, /^\/o\//, /^\/my\//, /^\/optout(?:\/|$)/, /^\/u\//];
export function ownerFacing(path: string, actor: { role: string } | null): boolean {
  return OWNER_PATHS.some((r) => r.test(path)) || (actor?.role === 'owner' && (path === '/home' || path === '/'));
}

export function locale(opts: { cookieSecure?: boolean } = {}): Middleware {
  return async (c, next) => {
    const actor = c.get('actor');
    const asked = c.req.query('lang');
    if (isLocale(asked)) setCookie(c, LOCALE_COOKIE, asked, { ...cookieBase(opts.cookieSecure ?? false), maxAge: 365 * 86_400 });
    // The large-text switch is a plain link (?text=large|normal), remembered like the language.
    const text = c.req.query('text');
    if (text === 'large' || text === 'normal') setCookie(c, TEXT_SIZE_COOKIE, text, { ...cookieBase(opts.cookieSecure ?? false), maxAge: 365 * 86_400 });
    const cookieLocale = getCookie(c, LOCALE_COOKIE);
    const staff = (actor !== null && actor.role !== 'owner') || !ownerFacing(c.req.path, actor);
    let chosen = isLocale(asked)
      ? asked
      : actor && isLocale(actor.locale)
        ? actor.locale
        : isLocale(cookieLocale)
          ? cookieLocale
          : (localeFromAcceptLanguage(c.req.header('accept-language')) ?? DEFAULT_LOCALE);
    if (staff && LOCALES.find((l) => l.code === chosen)?.coverage !== 'all') chosen = DEFAULT_LOCALE;
    c.set('locale', chosen);
    c.set('t', translator(chosen));
    await next();
  };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * CSRF: Origin check + a synchronizer token on every state-changing request that a browser could
 * send with our cookies. Signed in, the token is derived from the session (csrfTokenFor) and checked
 * against that, never against the cookie, so a planted cookie with a matching field fails (issue 14
 * §1); the cookie only carries it to the forms. Before sign-in there is no session to bind to: the
 * token is a random HttpOnly cookie (with the Origin check and SameSite=Lax). Token-authenticated
 * API clients send no cookies, so they are not exposed to CSRF.
 *
 * `exempt`: paths that read nothing personal and change nothing for anyone (the public self-check
 * API, issue 13 §1), called by partner sites' servers without cookies: a forged request there gains
 * nothing, so no token is asked for.
 */
export function csrfProtection(opts: { cookieSecure: boolean; exempt?: readonly RegExp[] }): Middleware {
  const base = cookieBase(opts.cookieSecure);
  return async (c, next) => {
    if (opts.exempt?.some((re) => re.test(c.req.path))) {
      c.set('csrfToken', getCookie(c, CSRF_COOKIE) ?? '');
      await next();
      return;
    }
    const sessionToken = c.get('sessionToken');
    const cookie = getCookie(c, CSRF_COOKIE);
    const csrfToken = sessionToken ? csrfTokenFor(sessionToken) : cookie && cookie.length >= 32 ? cookie : randomToken();
    if (cookie !== csrfToken) setCookie(c, CSRF_COOKIE, csrfToken, base);
    c.set('csrfToken', csrfToken);
    if (UNSAFE.has(c.req.method) && c.get('actor')?.via !== 'token') {
      const origin = c.req.header('origin');
      if (origin && origin !== new URL(c.req.url).origin) throw new ForbiddenError('error.csrf');
      let sent = c.req.header('x-csrf-token');
      const type = c.req.header('content-type') ?? '';
      if (!sent && (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))) {
        const body = await c.req.parseBody();
        sent = typeof body._csrf === 'string' ? body._csrf : undefined;
      }
      const expected = sessionToken ? csrfToken : cookie;
      if (!sent || !expected || !safeEqual(sent, expected)) throw new ForbiddenError('error.csrf');
    }
    await next();
  };
}

/** Paths a session waiting for its second factor may reach: the step itself, signing out, the language. */
const SECOND_FACTOR_ALLOWED = [/^\/login\/second-factor(?:\/enrol)?$/, /^\/logout$/, /^\/locale$/, /^\/static\//, /^\/healthz$/];

/**
 * A session past the password but not past the second factor (issue 14 §2; 안전성 확보조치 기준
 * §6) reaches nothing else: it has no actor, so every page would refuse it anyway; this gate sends
 * the person to the step they are on (the API answers 401).
 */
export function secondFactorGate(): Middleware {
  return async (c, next) => {
    const pending = c.get('pendingSecondFactor');
    if (pending && !SECOND_FACTOR_ALLOWED.some((r) => r.test(c.req.path))) {
      if (c.req.path.startsWith('/api/')) throw new UnauthenticatedError();
      return c.redirect(pending.step === 'enrol' ? '/login/second-factor/enrol' : '/login/second-factor', 303);
    }
    await next();
  };
}

/** Paths a user who must change the one-time password may still reach. */
const PASSWORD_CHANGE_ALLOWED = [/^\/password$/, /^\/logout$/, /^\/locale$/, /^\/static\//, /^\/healthz$/];

/** A one-time password must be replaced before anything else (pages redirect, the API refuses). */
export function passwordChangeGate(): Middleware {
  return async (c, next) => {
    if (c.get('actor') && c.get('mustChangePassword') && !PASSWORD_CHANGE_ALLOWED.some((r) => r.test(c.req.path))) {
      if (c.req.path.startsWith('/api/')) throw new ForbiddenError('auth.mustChangePassword');
      return c.redirect('/password', 303);
    }
    await next();
  };
}
