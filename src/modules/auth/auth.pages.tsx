import type { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { isLocale } from '../../i18n/i18n.ts';
import { Button, CsrfField, ErrorSummary, Input, valueOf, type FieldErrors, type FormValues } from '../../web/components/index.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { DemoBadge, Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { homePath } from '../../web/navigation.ts';
import { csrfTokenFor } from './auth.crypto.ts';
import { LocaleInput } from './auth.schemas.ts';
import type { AuthService } from './auth.service.ts';

interface Deps {
  auth: AuthService;
  demo: boolean;
  cookies: {
    session: string;
    locale: string;
    csrf: string;
    base: { httpOnly: boolean; sameSite: 'Lax'; secure: boolean; path: string };
  };
}

/** Only same-site relative paths are followed after sign-in (no open redirect). */
/**
 * Where to go after signing in: a path of this site only (issue 14 §1: `/%09/evil.example` became
 * `Location: /<TAB>/evil.example`, which browsers read as another host, and `%0A` broke the header).
 * Control characters and backslashes are refused outright (browsers drop the first and read the
 * second as '/'); what remains must resolve to this origin and is given back normalised.
 */
export function safeNext(next: unknown): string | null {
  if (typeof next !== 'string' || next.length > 500 || !next.startsWith('/') || next.startsWith('//')) return null;
  if ([...next].some((ch) => ch.charCodeAt(0) < 0x20 || ch === '\u007f' || ch === '\\')) return null;
  const base = 'http://itda.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  const path = url.pathname + url.search + url.hash;
  return path.startsWith('//') ? null : path;
}

function LoginPage(props: { c: AppContext; values?: FormValues; errors?: FieldErrors; message?: string; demo: boolean; notice?: string }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <Layout c={c} title={t('auth.signIn')} bare>
      <div class="itda-login">
        <PageHeader title={t('auth.signInTitle')} lead={t('auth.signInLead')} />
        {props.notice && <Notice kind="info">{props.notice}</Notice>}
        <ErrorSummary t={t} errors={props.errors} message={props.message} />
        <form method="post" action="/login" class="itda-form" novalidate>
          <CsrfField token={c.var.csrfToken} />
          <input type="hidden" name="next" value={valueOf(props.values, 'next')} />
          <Input t={t} name="login" label={t('auth.login')} values={props.values} errors={props.errors} autocomplete="username" required />
          <Input
            t={t}
            name="password"
            type="password"
            label={t('auth.password')}
            errors={props.errors}
            autocomplete="current-password"
            required
          />
          <p class="form-hint">{t('auth.lockoutHint')}</p>
          <div class="itda-form-actions">
            <Button size="large">{t('auth.signIn')}</Button>
          </div>
        </form>
        <p class="itda-recruit-link">
          <a href="/check">{t('auth.checkLink')}</a>
        </p>
        <p class="itda-recruit-link">
          <a href="/recruit">{t('auth.recruitLink')}</a>
        </p>
        {props.demo && (
          <Notice kind="warning">
            <p>
              <DemoBadge label={t('demo.badge')} /> {t('demo.loginHint')}
            </p>
          </Notice>
        )}
      </div>
    </Layout>
  );
}

function PasswordPage(props: { c: AppContext; errors?: FieldErrors; message?: string; forced: boolean }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <Layout c={c} title={t('password.title')} bare={props.forced}>
      <PageHeader title={t('password.title')} lead={props.forced ? t('password.forcedLead') : t('password.lead')} />
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      <form method="post" action="/password" class="itda-form" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <Input t={t} name="currentPassword" type="password" label={t('password.current')} errors={props.errors} autocomplete="current-password" required />
        <Input
          t={t}
          name="newPassword"
          type="password"
          label={t('password.new')}
          hint={t('password.policyHint')}
          errors={props.errors}
          autocomplete="new-password"
          required
        />
        <Input t={t} name="confirmPassword" type="password" label={t('password.confirm')} errors={props.errors} autocomplete="new-password" required />
        <div class="itda-form-actions">
          <Button>{t('password.submit')}</Button>
        </div>
      </form>
    </Layout>
  );
}

export function authPages(app: Hono<AppEnv>, deps: Deps) {
  const { auth, cookies } = deps;

  app.get('/', (c) => c.redirect(c.var.actor ? homePath(c.var.actor.role) : '/login', 303));

  app.get('/login', (c) => {
    if (c.var.actor) return c.redirect(homePath(c.var.actor.role), 303);
    const reason = c.req.query('reason');
    const notice =
      reason === 'signedOut'
        ? c.var.t('auth.signedOut')
        : reason === 'expired'
          ? c.var.t('auth.expired')
          : reason === 'locked'
            ? c.var.t('auth.locked')
            : undefined;
    return c.html(<LoginPage c={c} demo={deps.demo} values={{ next: safeNext(c.req.query('next')) ?? '' }} notice={notice} />);
  });

  app.post('/login', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => auth.signIn(values, requestMeta(c), c.var.sessionToken ?? undefined));
    if (!result.ok) {
      // Wrong credentials: one message, no field pointing at which part was wrong.
      const message = Object.keys(result.errors).length ? undefined : result.message;
      return c.html(<LoginPage c={c} demo={deps.demo} values={{ login: values.login, next: values.next }} errors={result.errors} message={message} />, 400);
    }
    const { sessionToken, actor, mustChangePassword, secondFactor } = result.value;
    setCookie(c, cookies.session, sessionToken, cookies.base);
    // The new session's CSRF token (a pre-login token may have been planted): derived from the session.
    setCookie(c, cookies.csrf, csrfTokenFor(sessionToken), cookies.base);
    // Past the password only: the second step (issue 14 §2) before anything else.
    if (secondFactor) {
      const next = safeNext(values.next);
      const query = next ? `?next=${encodeURIComponent(next)}` : '';
      return c.redirect(`${secondFactor === 'enrol' ? '/login/second-factor/enrol' : '/login/second-factor'}${query}`, 303);
    }
    if (mustChangePassword) return c.redirect('/password', 303);
    return c.redirect(safeNext(values.next) ?? homePath(actor.role), 303);
  });

  app.post('/logout', async (c) => {
    if (c.var.sessionToken) await auth.signOut(c.var.sessionToken, c.var.actor, requestMeta(c));
    setCookie(c, cookies.session, '', { ...cookies.base, maxAge: 0 });
    return c.redirect('/login?reason=signedOut', 303);
  });

  app.get('/password', (c) => {
    if (!c.var.actor) return c.redirect('/login?next=/password', 303);
    return c.html(<PasswordPage c={c} forced={c.var.mustChangePassword} />);
  });

  app.post('/password', async (c) => {
    if (!c.var.actor) return c.redirect('/login?next=/password', 303);
    const values = await readForm(c);
    const result = await handleForm(c, () => auth.changePassword(c.var.actor, values, requestMeta(c), c.var.sessionToken));
    if (!result.ok) {
      return c.html(<PasswordPage c={c} forced={c.var.mustChangePassword} errors={result.errors} message={result.message} />, 400);
    }
    return c.redirect(`${homePath(c.var.actor.role)}?notice=passwordChanged`, 303);
  });

  app.post('/locale', async (c) => {
    const parsed = LocaleInput.safeParse(await readForm(c));
    const locale = parsed.success && isLocale(parsed.data.locale) ? parsed.data.locale : 'ko';
    setCookie(c, cookies.locale, locale, { ...cookies.base, maxAge: 365 * 86_400 });
    await auth.setLocale(c.var.actor, locale);
    return c.redirect((parsed.success && safeNext(parsed.data.returnTo)) || '/', 303);
  });
}
