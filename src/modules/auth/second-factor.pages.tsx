import type { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { raw } from 'hono/html';
import QRCode from 'qrcode';
import { Button, CsrfField, ErrorSummary, Input, LinkButton, Steps, valueOf, type FieldErrors, type FormValues } from '../../web/components/index.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { DemoBadge, Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { homePath } from '../../web/navigation.ts';
import { csrfTokenFor } from './auth.crypto.ts';
import { safeNext } from './auth.pages.tsx';
import type { AuthService, PendingSecondFactor, SecondFactorResult } from './auth.service.ts';

/**
 * The second step of sign-in for staff (issue 14 §2; 개인정보의 안전성 확보조치 기준 §6): a code
 * from the authenticator app or a recovery code, and the first-time enrolment (QR code drawn on the
 * server as SVG, the key as text for typing, a first code to confirm, the recovery codes shown once).
 * Works without JavaScript, like every page.
 */
export const SECOND_FACTOR_PATH = '/login/second-factor';
export const ENROL_PATH = '/login/second-factor/enrol';

interface Deps {
  auth: AuthService;
  demo: boolean;
  cookies: {
    session: string;
    csrf: string;
    base: { httpOnly: boolean; sameSite: 'Lax'; secure: boolean; path: string };
  };
}

/** `ABCDEFGH…` → `ABCD EFGH …`: easier to type into an app. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

function SignOutForm(props: { c: AppContext }) {
  const t = props.c.var.t;
  return (
    <form method="post" action="/logout" class="itda-inline-form">
      <CsrfField token={props.c.var.csrfToken} />
      <Button variant="tertiary">{t('secondFactor.startOver')}</Button>
    </form>
  );
}

function VerifyPage(props: { c: AppContext; next: string; errors?: FieldErrors; message?: string; demoCode: string | null }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <Layout c={c} title={t('secondFactor.title')} bare>
      <div class="itda-login">
        <PageHeader title={t('secondFactor.title')} lead={t('secondFactor.lead')} />
        <ErrorSummary t={t} errors={props.errors} message={props.message} />
        <form method="post" action={SECOND_FACTOR_PATH} class="itda-form" novalidate>
          <CsrfField token={c.var.csrfToken} />
          <input type="hidden" name="next" value={props.next} />
          <Input
            t={t}
            name="code"
            label={t('secondFactor.code')}
            hint={t('secondFactor.codeHint')}
            errors={props.errors}
            autocomplete="one-time-code"
            maxlength={40}
            required
          />
          <p class="form-hint">{t('secondFactor.lockoutHint')}</p>
          <div class="itda-form-actions">
            <Button size="large">{t('secondFactor.verify')}</Button>
          </div>
        </form>
        <SignOutForm c={c} />
        {props.demoCode && (
          <Notice kind="warning">
            <p>
              <DemoBadge label={t('demo.badge')} /> {t('secondFactor.demoCode', { code: props.demoCode })}
            </p>
          </Notice>
        )}
      </div>
    </Layout>
  );
}

function EnrolPage(props: {
  c: AppContext;
  next: string;
  login: string;
  secret: string;
  qrSvg: string;
  values?: FormValues;
  errors?: FieldErrors;
  message?: string;
}) {
  const { c } = props;
  const t = c.var.t;
  c.header('cache-control', 'no-store');
  return (
    <Layout c={c} title={t('secondFactor.enrolTitle')} bare>
      <div class="itda-login">
        <PageHeader title={t('secondFactor.enrolTitle')} lead={t('secondFactor.enrolLead')} />
        <Steps t={t} current={1} steps={[t('secondFactor.stepPassword'), t('secondFactor.stepApp'), t('secondFactor.stepCodes')]} />
        <ErrorSummary t={t} errors={props.errors} message={props.message} />
        <ol class="itda-enrol-steps">
          <li>{t('secondFactor.enrolInstall')}</li>
          <li>
            {t('secondFactor.enrolScan')}
            <div class="itda-qr" role="img" aria-label={t('secondFactor.qrLabel', { login: props.login })}>
              {raw(props.qrSvg)}
            </div>
            <p>{t('secondFactor.enrolKey')}</p>
            <p>
              <code class="itda-secret itda-totp-key" id="totp-key" data-key={props.secret}>
                {grouped(props.secret)}
              </code>
            </p>
            <p class="form-hint">{t('secondFactor.enrolKeyHint', { login: props.login })}</p>
          </li>
          <li>{t('secondFactor.enrolConfirm')}</li>
        </ol>
        <form method="post" action={ENROL_PATH} class="itda-form" novalidate>
          <CsrfField token={c.var.csrfToken} />
          <input type="hidden" name="next" value={props.next} />
          <Input
            t={t}
            name="code"
            label={t('secondFactor.firstCode')}
            hint={t('secondFactor.firstCodeHint')}
            values={props.values}
            errors={props.errors}
            autocomplete="one-time-code"
            inputmode="numeric"
            maxlength={10}
            required
          />
          <div class="itda-form-actions">
            <Button size="large">{t('secondFactor.enrolSubmit')}</Button>
          </div>
        </form>
        <SignOutForm c={c} />
      </div>
    </Layout>
  );
}

function RecoveryCodesPage(props: { c: AppContext; codes: string[]; continueTo: string }) {
  const { c } = props;
  const t = c.var.t;
  c.header('cache-control', 'no-store');
  return (
    <Layout c={c} title={t('secondFactor.codesTitle')}>
      <PageHeader title={t('secondFactor.codesTitle')} lead={t('secondFactor.codesLead')} />
      <Steps t={t} current={2} steps={[t('secondFactor.stepPassword'), t('secondFactor.stepApp'), t('secondFactor.stepCodes')]} />
      <Notice kind="warning">{t('secondFactor.codesOnce')}</Notice>
      <ol class="itda-recovery-codes" id="recovery-codes">
        {props.codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p id="recovery-continue">
        <LinkButton href={props.continueTo} variant="primary">
          {t('secondFactor.codesDone')}
        </LinkButton>
      </p>
    </Layout>
  );
}

export function secondFactorPages(app: Hono<AppEnv>, deps: Deps) {
  const { auth, cookies } = deps;

  /** Where the person goes when there is nothing to do here. */
  function elsewhere(c: AppContext, pending: PendingSecondFactor | null, want: PendingSecondFactor['step']): Response | null {
    if (c.var.actor) return c.redirect(homePath(c.var.actor.role), 303);
    if (!pending) return c.redirect('/login', 303);
    if (pending.step !== want) return c.redirect(pending.step === 'enrol' ? ENROL_PATH : SECOND_FACTOR_PATH, 303);
    return null;
  }

  /** Signed in: the new session's cookies (the pending one is gone), then the page the person wanted. */
  function signedIn(c: AppContext, result: Extract<SecondFactorResult, { ok: true }>) {
    setCookie(c, cookies.session, result.sessionToken, cookies.base);
    setCookie(c, cookies.csrf, csrfTokenFor(result.sessionToken), cookies.base);
  }

  function afterSignIn(result: Extract<SecondFactorResult, { ok: true }>, next: unknown): string {
    if (result.mustChangePassword) return '/password';
    const home = homePath(result.actor.role);
    if (result.recoveryLeft !== null) return `${home}?notice=recoveryCodeUsed&left=${result.recoveryLeft}`;
    return safeNext(next) ?? home;
  }

  /** A lockout ends the pending session: back to the sign-in page, which says why. */
  function lockedOut(c: AppContext) {
    setCookie(c, cookies.session, '', { ...cookies.base, maxAge: 0 });
    return c.redirect('/login?reason=locked', 303);
  }

  async function enrolPage(c: AppContext, next: string, extra: { values?: FormValues; errors?: FieldErrors; message?: string } = {}, status: 200 | 400 = 200) {
    const enrolment = await auth.enrolment(c.var.sessionToken);
    if (!enrolment) return c.redirect('/login', 303);
    const qrSvg = await QRCode.toString(enrolment.uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return c.html(<EnrolPage c={c} next={next} login={enrolment.login} secret={enrolment.secret} qrSvg={qrSvg} {...extra} />, status);
  }

  app.get(SECOND_FACTOR_PATH, async (c) => {
    const pending = c.var.pendingSecondFactor;
    const away = elsewhere(c, pending, 'verify');
    if (away || !pending) return away ?? c.redirect('/login', 303);
    const demoCode = deps.demo ? await auth.demoCode(pending) : null;
    return c.html(<VerifyPage c={c} next={safeNext(c.req.query('next')) ?? ''} demoCode={demoCode} />);
  });

  app.post(SECOND_FACTOR_PATH, async (c) => {
    const away = elsewhere(c, c.var.pendingSecondFactor, 'verify');
    if (away) return away;
    const values = await readForm(c);
    const next = safeNext(values.next) ?? '';
    const result = await handleForm(c, () => auth.verifySecondFactor(c.var.sessionToken, values, requestMeta(c)));
    if (result.ok && result.value.ok) {
      signedIn(c, result.value);
      return c.redirect(afterSignIn(result.value, next), 303);
    }
    if (result.ok && !result.value.ok && result.value.locked) return lockedOut(c);
    const errors = result.ok ? { code: c.var.t('secondFactor.codeWrong') } : result.errors;
    const pending = c.var.pendingSecondFactor;
    const demoCode = deps.demo && pending ? await auth.demoCode(pending) : null;
    return c.html(<VerifyPage c={c} next={next} errors={errors} demoCode={demoCode} />, 400);
  });

  app.get(ENROL_PATH, async (c) => {
    const away = elsewhere(c, c.var.pendingSecondFactor, 'enrol');
    if (away) return away;
    return enrolPage(c, safeNext(c.req.query('next')) ?? '');
  });

  app.post(ENROL_PATH, async (c) => {
    const away = elsewhere(c, c.var.pendingSecondFactor, 'enrol');
    if (away) return away;
    const values = await readForm(c);
    const next = safeNext(values.next) ?? '';
    const result = await handleForm(c, () => auth.confirmEnrolment(c.var.sessionToken, values, requestMeta(c)));
    if (result.ok && result.value.ok) {
      signedIn(c, result.value);
      // Shown once, in the answer to the confirming POST (never stored in clear, never shown again).
      return c.html(<RecoveryCodesPage c={c} codes={result.value.recoveryCodes ?? []} continueTo={afterSignIn(result.value, next)} />);
    }
    if (result.ok && !result.value.ok && result.value.locked) return lockedOut(c);
    const errors = result.ok ? { code: c.var.t('secondFactor.codeWrong') } : result.errors;
    return enrolPage(c, next, { errors, values: { code: valueOf(values, 'code') } }, 400);
  });
}
