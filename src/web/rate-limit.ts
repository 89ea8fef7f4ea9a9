import type { Context, MiddlewareHandler } from 'hono';
import { TooManyRequestsError } from '../errors.ts';
import type { AppEnv } from './context.ts';

/**
 * A per-address limit for the public forms and API (issue 13 §1: the help request, the eligibility
 * API): at most `max` requests per `windowMs` from one client address (`clientIp`, which honours
 * ITDA_TRUST_PROXY). Sign-in is protected by the per-account lock-out instead; this one is for routes
 * without an account. Counters live in memory, per process: with several processes the limit is per
 * process, which is enough against a script hammering one form. Answers 429 with Retry-After.
 */
export function createRateLimiter(opts: { name: string; max: number; windowMs: number; now?: () => number }) {
  const now = opts.now ?? Date.now;
  const hits = new Map<string, { start: number; count: number }>();
  /** Counts one request of `key`; returns 0 when allowed, else the seconds to wait. */
  function hit(key: string): number {
    const t = now();
    let e = hits.get(key);
    if (!e || t - e.start >= opts.windowMs) {
      e = { start: t, count: 0 };
      hits.set(key, e);
      // Forget old windows now and then, so the map does not grow with every address ever seen.
      if (hits.size > 10_000) for (const [k, v] of hits) if (t - v.start >= opts.windowMs) hits.delete(k);
    }
    e.count += 1;
    return e.count > opts.max ? Math.max(1, Math.ceil((e.start + opts.windowMs - t) / 1000)) : 0;
  }
  return {
    /** For a form that re-renders with the input kept: 0, or the seconds to wait (Retry-After set). */
    check(c: Context<AppEnv>): number {
      const retry = hit(c.var.clientIp ?? 'unknown');
      if (retry) {
        c.header('Retry-After', String(retry));
        c.var.log?.warn({ limiter: opts.name, ip: c.var.clientIp }, 'rate limited');
      }
      return retry;
    },
    /** For an API route: 429 through the one error handler. */
    middleware(): MiddlewareHandler<AppEnv> {
      return async (c, next) => {
        const retry = this.check(c);
        if (retry) throw new TooManyRequestsError(retry);
        await next();
      };
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
