import type { Hono } from 'hono';
import type { AppEnv } from '../../web/context.ts';

/** Liveness/readiness for the load balancer: answers 200 only when the database answers. */
export function systemRoutes(app: Hono<AppEnv>, deps: { health: () => Promise<boolean>; dbKind: string }) {
  app.get('/healthz', async (c) => {
    let ok = false;
    try {
      ok = await deps.health();
    } catch {
      ok = false;
    }
    c.header('cache-control', 'no-store');
    return c.json({ status: ok ? 'ok' : 'unavailable', database: deps.dbKind }, ok ? 200 : 503);
  });
}
