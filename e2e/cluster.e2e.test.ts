/**
 * The real server with ITDA_WORKERS=2 (issue 12 §4) on PostgreSQL, as `node src/main.ts` runs it:
 * the primary migrates and forks two workers on one port; a sign-in made through one worker holds on
 * the other (each request on a new connection, which the primary hands out in turn); SIGTERM stops
 * both and the primary exits 0. No browser: plain HTTP on fresh connections. Needs E2E_DATABASE_URL
 * (PGlite refuses ITDA_WORKERS > 1).
 */
import http from 'node:http';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/modules/auth/auth.crypto.ts';
import { createStore, startServer, storeKind, type RunningServer, type Store } from './server.ts';

const SKIP = 'ITDA_WORKERS > 1 is PostgreSQL-only (PGlite is opened by one process): run with E2E_DATABASE_URL for this test.';

/** One request on its own connection (no keep-alive), so that the cluster may give it to either worker. */
function request(origin: string, path: string, opts: { method?: string; cookie?: string; form?: Record<string, string> } = {}) {
  const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
  return new Promise<{ status: number; location: string | undefined; cookies: string[]; text: string }>((resolve, reject) => {
    const req = http.request(
      `${origin}${path}`,
      {
        method: opts.method ?? 'GET',
        agent: false,
        headers: {
          connection: 'close',
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), origin } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, cookies: res.headers['set-cookie'] ?? [], text }));
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

const cookieValue = (cookies: string[], name: string) => cookies.map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${name}=`))?.slice(name.length + 1);

describe('ITDA_WORKERS=2: two processes on one port over one PostgreSQL database', () => {
  let store: Store | undefined;
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop().catch(() => undefined);
    await store?.dispose();
  });

  it('serves a sign-in from either worker and stops cleanly on SIGTERM', async (ctx) => {
    ctx.skip(storeKind() !== 'postgres', SKIP);
    store = await createStore();
    server = await startServer({ store, env: { ITDA_WORKERS: '2', ITDA_LOG_LEVEL: 'info' } });
    const deadline = Date.now() + 60_000;
    while (!server.output().includes('"msg":"all workers listening"') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(server.output()).toContain('"workers":2,"msg":"all workers listening"');
    // Migrations ran once, in the primary (its lines carry no worker number).
    expect(server.output().match(/"msg":"migrations applied"/g)).toHaveLength(1);

    // A clerk, as the admin pages would make one (the server has migrated the database).
    const client = new pg.Client({ connectionString: store.databaseUrl });
    await client.connect();
    try {
      const region = (await client.query<{ id: number }>('select id from region order by id limit 1')).rows[0]!.id;
      const office = (await client.query<{ id: number }>(`insert into office (name, region_id) values ('시험 사무소', $1) returning id`, [region])).rows[0]!.id;
      await client.query(
        `insert into app_user (login, display_name, role, office_id, password_hash, must_change_password, active) values ('cluster-clerk', '클러스터 사무원', 'clerk', $1, $2, false, true)`,
        [office, await hashPassword('Test-password-1')],
      );
    } finally {
      await client.end();
    }

    const origin = server.origin;
    const page = await request(origin, '/login');
    const csrf = cookieValue(page.cookies, 'itda_csrf')!;
    const signIn = await request(origin, '/login', { method: 'POST', cookie: `itda_csrf=${csrf}`, form: { login: 'cluster-clerk', password: 'Test-password-1', _csrf: csrf } });
    expect(signIn.status).toBe(303);
    expect(signIn.location).toBe('/home');
    const sid = cookieValue(signIn.cookies, 'itda_sid')!;
    const csrfSigned = cookieValue(signIn.cookies, 'itda_csrf') ?? csrf;
    const cookie = `itda_sid=${sid}; itda_csrf=${csrfSigned}`;

    const before = server.output().length;
    for (let i = 0; i < 10; i++) {
      const home = await request(origin, '/home', { cookie });
      expect(home.status).toBe(200);
      expect(home.text).toContain('클러스터 사무원');
    }
    // Both workers answered some of them, each from the session in the database.
    const served = [...server.output().slice(before).matchAll(/"worker":(\d+),[^\n]*"path":"\/home","status":200/g)].map((m) => m[1]);
    expect(served).toHaveLength(10);
    expect(new Set(served).size).toBe(2);

    // Signed out through one worker: the cookie opens nothing on any of them.
    expect((await request(origin, '/logout', { method: 'POST', cookie, form: { _csrf: csrfSigned } })).location).toBe('/login?reason=signedOut');
    for (let i = 0; i < 4; i++) expect((await request(origin, '/home', { cookie })).status).toBe(303);

    expect(await server.stop()).toBe(0);
    expect(server.output()).toContain('"msg":"all workers stopped"');
    expect(server.output().match(/"msg":"stopped cleanly"/g)).toHaveLength(2);
  });
});
