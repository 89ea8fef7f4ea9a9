import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { Translate } from '../i18n/i18n.ts';
import type { Actor } from '../modules/auth/auth.policy.ts';
import type { PendingSecondFactor } from '../modules/auth/auth.service.ts';
import type { RequestMeta } from '../modules/audit/audit.service.ts';

/** Per-request values set by the middleware in app.ts, in this order. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    locale: string;
    t: Translate;
    actor: Actor | null;
    mustChangePassword: boolean;
    /** Past the password, before the second factor (issue 14 §2): no actor until it is given. */
    pendingSecondFactor: PendingSecondFactor | null;
    sessionToken: string | null;
    csrfToken: string;
    clientIp: string | null;
  };
}

export type AppContext = Context<AppEnv>;

// Hot paths read variables with c.get('…'), not c.var.…: Hono's c.var builds a new object of every
// variable on each access (hono/dist/context.js), which showed in the signed-in pages' profile.
export function requestMeta(c: AppContext): RequestMeta {
  return {
    ip: c.get('clientIp'),
    requestId: c.get('requestId'),
    userAgent: c.req.header('user-agent') ?? null,
  };
}
