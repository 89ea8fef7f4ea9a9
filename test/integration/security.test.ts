import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createHarness, TestClient, type Harness } from '../harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ ITDA_BODY_LIMIT_BYTES: '20000' });
});
afterAll(async () => {
  await h?.close();
});

describe('CSRF', () => {
  it('refuses a state-changing form post without the token, with a wrong token, and from another origin', async () => {
    const u = await h.createUser('operator');
    const c = h.client();
    await c.login(u.login);
    const form = { name: '새 사무소', regionId: '1', version: '0' };
    expect((await c.post('/admin/offices/new', form, { csrf: false })).status).toBe(403);
    expect((await c.post('/admin/offices/new', form, { csrf: 'x'.repeat(43) })).status).toBe(403);
    expect((await c.post('/admin/offices/new', form, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    // The same post with the form's token is accepted: the protection, not the route, refused it.
    const ok = await c.post('/admin/offices/new', form);
    expect(ok.status).toBe(303);
    expect(await h.db.selectFrom('office').select('id').where('name', '=', '새 사무소').execute()).toHaveLength(1);
  });

  it('refuses sign-in without the token (login CSRF)', async () => {
    const u = await h.createUser('clerk');
    const c = h.client();
    expect((await c.post('/login', { login: u.login, password: 'Test-password-1' }, { csrf: false })).status).toBe(403);
  });

  it('does not ask token-authenticated API clients for a CSRF token (they carry no cookies)', async () => {
    const admin = await h.createUser('admin');
    const c = h.client();
    await c.login(admin.login);
    const target = await h.createUser('province');
    const res = await c.post(`/admin/users/${target.id}/tokens`, { name: '경기도 연계' });
    expect(res.status).toBe(201);
    const token = /itda_pat_[A-Za-z0-9_-]+/.exec(await res.text())![0];
    const me = await h.app.request('http://localhost/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { role: string }).role).toBe('province');
  });
});

describe('security headers', () => {
  it('sends CSP without inline script, no framing, nosniff and a referrer policy on pages', async () => {
    const res = await h.client().get('/login');
    const csp = res.headers.get('content-security-policy') ?? '';
    const script = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(script).toBe("'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('marks cookies Secure when served over TLS', async () => {
    // The same services and database, another configuration: a second app, not a second database.
    const config = loadConfig({ ITDA_DEMO: 'off', ITDA_PUBLIC_URL: 'https://itda.example.go.kr' });
    const tls = createApp({ ...h.services, config, logger: pino({ level: 'silent' }), dbKind: h.database.kind });
    const res = await new TestClient(tls).get('/login');
    expect(res.headers.getSetCookie().length).toBeGreaterThan(0);
    expect(res.headers.getSetCookie().every((l) => /;\s*Secure/i.test(l))).toBe(true);
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('refuses a request body over the limit with 413', async () => {
    const res = await h.client().post('/login', { login: 'a'.repeat(30_000), password: 'x' });
    expect(res.status).toBe(413);
  });
});

describe('errors and request ids', () => {
  it('answers an unknown page with a Korean 404 page carrying the request id that is also in the log', async () => {
    const res = await h.client().get('/no-such-page');
    expect(res.status).toBe(404);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const html = await res.text();
    expect(html).toContain('페이지를 찾을 수 없습니다');
    expect(html).toContain(id);
    expect(h.logLines.some((l) => l.reqId === id && l.msg === 'request' && l.status === 404)).toBe(true);
  });

  it('answers API errors as { error: { code, message, issues } } in Korean', async () => {
    const res = await h.app.request('http://localhost/api/v1/me');
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string; message: string; issues: unknown[] } };
    expect(body.error.code).toBe('unauthenticated');
    expect(body.error.message).toBe('로그인이 필요합니다.');
    expect(body.error.issues).toEqual([]);
    const bad = await h.app.request('http://localhost/api/v1/me', { headers: { authorization: 'Bearer itda_pat_nope' } });
    expect(bad.status).toBe(401);
  });

  it('shows a Korean 403 page without details when a role lacks the right', async () => {
    const u = await h.createUser('clerk');
    const c = h.client();
    await c.login(u.login);
    const res = await c.get('/admin/users');
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('접근 권한이 없습니다');
    expect(html).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('shows a Korean 500 page without the stack when something breaks', async () => {
    // The same app over a database that is gone: every query fails (a second app, not a second database).
    const gone = () => Promise.reject(new Error('connection terminated: the database is gone'));
    const app = createApp({
      ...h.services,
      auth: { ...h.services.auth, resolveSession: gone, resolveToken: gone },
      health: gone,
      config: h.config,
      logger: pino({ level: 'silent' }),
      dbKind: h.database.kind,
    });
    const res = await new TestClient(app).get('/login?next=/home');
    // /login needs no database, nor does the liveness check; readiness does.
    expect(res.status).toBe(200);
    expect((await app.request('http://localhost/healthz')).status).toBe(200);
    const ready = await app.request('http://localhost/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'unavailable' });
    const c = new TestClient(app);
    c.cookies.set('itda_sid', 'whatever');
    const page = await c.get('/home');
    expect(page.status).toBe(500);
    const html = await page.text();
    expect(html).toContain('일시적인 오류');
    expect(html).not.toMatch(/Error:|at .*\.ts:\d+/);
  });
});

describe('same-origin assets only', () => {
  const urlsIn = (html: string) => [...html.matchAll(/\s(?:src|href|action)="([^"]+)"/g)].map((m) => m[1]!);
  const cssUrls = (css: string) => [...css.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)].map((m) => m[1]!).filter((u) => !u.startsWith('data:'));
  const external = (u: string) => /^(https?:)?\/\//i.test(u);

  it('renders pages that reference only same-origin URLs, and stylesheets that load nothing from elsewhere', async () => {
    const u = await h.createUser('admin');
    const c = h.client();
    await c.login(u.login);
    const pages = ['/login', '/home', '/admin/org', '/admin/users', '/admin/audit', '/admin/notifications', '/api/docs', '/privacy', '/admin/users/new'];
    const assets = new Set<string>();
    for (const p of pages) {
      const html = await (await c.get(p)).text();
      const refs = urlsIn(html);
      expect(refs.filter(external), `external reference on ${p}`).toEqual([]);
      for (const r of refs) if (r.startsWith('/static/')) assets.add(r);
    }
    expect(assets.size).toBeGreaterThanOrEqual(3);
    for (const a of assets) {
      const res = await c.get(a);
      expect(res.status, a).toBe(200);
      if (a.includes('.css')) {
        const refs = cssUrls(await res.text());
        expect(refs.filter(external), `external url() in ${a}`).toEqual([]);
        for (const r of refs) {
          const target = new URL(r, `http://localhost${a}`).pathname;
          expect((await c.get(target)).status, `${target} from ${a}`).toBe(200);
        }
      }
    }
  });
});
