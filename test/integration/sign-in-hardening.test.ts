import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeNext } from '../../src/modules/auth/auth.pages.tsx';
import { createHarness, TEST_PASSWORD, type Harness } from '../harness.ts';

/** Issue 14 §1: open redirect at sign-in, sessions after a password change, CSRF bound to the session, no-store on the API. */
let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('after sign-in, only paths of this site (issue 14 §1)', () => {
  const hostile = ['/%09/evil.example', '/\t/evil.example', '/\n/evil.example', '/%0A/evil.example', '//evil.example', '/\\evil.example', '/\\/evil.example', '/x\\..\\..\\/evil.example', 'https://evil.example', '/%5C/evil.example'];
  it.each(hostile)('refuses next=%j: the sign-in sends the user home, never elsewhere, never a 500', async (next) => {
    const u = await h.createUser('clerk');
    const c = h.client();
    const page = await c.get(`/login?next=${encodeURIComponent(next)}`);
    expect(page.status).toBe(200);
    const res = await c.post('/login', { login: u.login, password: TEST_PASSWORD, next: decodeURIComponent(next) });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(new URL(location, 'http://localhost').origin).toBe('http://localhost');
    expect(location).not.toMatch(/evil/);
  });

  it('keeps an ordinary path with its query', () => {
    expect(safeNext('/businesses?page=2')).toBe('/businesses?page=2');
    expect(safeNext('/%09/evil.example')).toBe('/%09/evil.example'); // percent-encoded stays a path segment on this site
    expect(safeNext('/\t/evil.example')).toBeNull();
  });
});

describe('a password change ends the other sessions (issue 14 §1)', () => {
  it('signs out the account elsewhere, keeps the session it was changed in', async () => {
    const u = await h.createUser('clerk');
    const here = h.client();
    const elsewhere = h.client();
    expect((await here.login(u.login)).status).toBe(303);
    expect((await elsewhere.login(u.login)).status).toBe(303);
    expect((await elsewhere.get('/home')).status).toBe(200);
    const res = await here.post('/password', { currentPassword: TEST_PASSWORD, newPassword: 'Another-passw0rd-9', confirmPassword: 'Another-passw0rd-9' });
    expect(res.status).toBe(303);
    expect((await here.get('/home')).status).toBe(200);
    const after = await elsewhere.get('/home');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/login/);
  });
});

describe('the CSRF token is bound to the session (issue 14 §1)', () => {
  it('a planted cookie with a matching field fails for a signed-in user; the page’s own token passes', async () => {
    const u = await h.createUser('operator');
    const c = h.client();
    expect((await c.login(u.login)).status).toBe(303);
    const planted = 'p'.repeat(43);
    c.cookies.set('itda_csrf', planted);
    const forged = await c.post('/admin/offices/new', { name: '심은 토큰 사무소', regionId: '1' }, { csrf: planted });
    expect(forged.status).toBe(403);
    expect(await h.db.selectFrom('office').select('id').where('name', '=', '심은 토큰 사무소').execute()).toHaveLength(0);
    // The form as the page renders it carries the session's token.
    const form = await (await c.get('/admin/offices/new')).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(form)![1]!;
    expect(token).not.toBe(planted);
    const ok = await c.post('/admin/offices/new', { name: '정상 사무소', regionId: '1' }, { csrf: token });
    expect(ok.status).toBe(303);
  });
});

describe('/api/v1 answers are not stored (issue 14 §1)', () => {
  it('sends Cache-Control: no-store, also on errors', async () => {
    const u = await h.createUser('operator');
    const c = h.client();
    await c.login(u.login);
    for (const path of ['/api/v1/me', '/api/v1/reports/summary', '/api/v1/reports/summary?office=abc']) {
      const res = await c.get(path);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
    expect((await h.client().get('/api/v1/me')).headers.get('cache-control')).toBe('no-store');
  });
});
