import type { Hono } from 'hono';
import type { AppEnv } from '../../web/context.ts';

/** How long readiness waits for the database before answering 503 (a busy PGlite queues every query). */
const READY_TIMEOUT_MS = 2_000;

/**
 * Liveness and readiness (issue 14 §6). `/healthz` says the process is alive and serving: it never
 * touches the database, so a slow page holding the embedded database (PGlite runs one query at a
 * time) does not make a supervisor or load balancer think the process is dead. `/readyz` says the
 * database answers, within 2 s: what a load balancer should send traffic on.
 */
export function systemRoutes(app: Hono<AppEnv>, deps: { health: () => Promise<boolean>; dbKind: string }) {
  app.get('/healthz', (c) => {
    c.header('cache-control', 'no-store');
    return c.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });

  app.get('/readyz', async (c) => {
    let ok = false;
    let timer: NodeJS.Timeout | undefined;
    try {
      ok = await Promise.race([
        deps.health(),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
        }),
      ]);
    } catch {
      ok = false;
    } finally {
      clearTimeout(timer);
    }
    c.header('cache-control', 'no-store');
    return c.json({ status: ok ? 'ok' : 'unavailable', database: deps.dbKind }, ok ? 200 : 503);
  });
}
