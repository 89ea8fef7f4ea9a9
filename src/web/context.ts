import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { Translate } from '../i18n/i18n.ts';
import type { Actor } from '../modules/auth/auth.policy.ts';
import type { RequestMeta } from '../modules/audit/audit.service.ts';
import type { FieldIssue } from '../errors.ts';

/** Per-request values set by the middleware in app.ts, in this order. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    locale: string;
    t: Translate;
    actor: Actor | null;
    mustChangePassword: boolean;
    sessionToken: string | null;
    csrfToken: string;
    clientIp: string | null;
    /**
     * A form whose fields the edge refused (a 주민등록번호, issue 14 §1): `handleForm` answers it with
     * the page re-rendered, the user's values kept and the error on the field, without calling the
     * service. Unset when the body was fine.
     */
    refusedInput: { issues: readonly FieldIssue[] } | undefined;
  };
}

export type AppContext = Context<AppEnv>;

export function requestMeta(c: AppContext): RequestMeta {
  return {
    ip: c.var.clientIp,
    requestId: c.var.requestId,
    userAgent: c.req.header('user-agent') ?? null,
  };
}
