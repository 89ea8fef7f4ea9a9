import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, TEST_PASSWORD, type Harness } from '../harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

async function auditActions(targetUserId: string) {
  const rows = await h.db.selectFrom('auditEvent').select('action').where('targetUserId', '=', targetUserId).orderBy('id').execute();
  return rows.map((r) => r.action);
}

describe('sign-in', () => {
  it('signs in, sets a HttpOnly SameSite=Lax session cookie, rotates the id and lands on the home page', async () => {
    const u = await h.createUser('clerk');
    const c = h.client();
    c.cookies.set('itda_sid', 'planted-by-attacker');
    const res = await c.login(u.login);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/home');
    const cookie = res.headers.getSetCookie().find((l) => l.startsWith('itda_sid='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(c.cookies.get('itda_sid')).not.toBe('planted-by-attacker');
    const home = await c.get('/home');
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('오늘 할 일');
    expect(html).toContain('lang="ko"');
    expect(await auditActions(u.id)).toContain('auth.login');
  });

  it('gives the same answer for an unknown login and a wrong password', async () => {
    const u = await h.createUser('operator');
    const a = await h.client().login(u.login, 'wrong-password-1');
    const b = await h.client().login('nobody-here', 'wrong-password-1');
    expect(a.status).toBe(400);
    expect(b.status).toBe(400);
    const strip = (s: string) => s.replace(/value="[^"]*"/g, '').replace(/<code>[^<]*<\/code>/g, '');
    expect(strip(await a.text())).toBe(strip(await b.text()));
  });

  it('locks the account for 10 minutes after 5 consecutive failures, and records it', async () => {
    const u = await h.createUser('clerk');
    for (let i = 0; i < 5; i++) expect((await h.client().login(u.login, `wrong-${i}-password`)).status).toBe(400);
    // Correct password, but locked.
    expect((await h.client().login(u.login, TEST_PASSWORD)).status).toBe(400);
    const row = await h.db.selectFrom('appUser').select('lockedUntil').where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.lockedUntil!.getTime() - h.clock.now().getTime()).toBe(10 * 60_000);
    const actions = await auditActions(u.id);
    expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(6);
    expect(actions).toContain('auth.lockout');
    h.clock.advance(10 * 60_000 + 1);
    expect((await h.client().login(u.login, TEST_PASSWORD)).status).toBe(303);
  });

  it('does not lock after 4 failures followed by a success (the count is consecutive)', async () => {
    const u = await h.createUser('clerk');
    for (let i = 0; i < 4; i++) await h.client().login(u.login, 'wrong-password-x');
    expect((await h.client().login(u.login)).status).toBe(303);
    for (let i = 0; i < 4; i++) await h.client().login(u.login, 'wrong-password-x');
    expect((await h.client().login(u.login)).status).toBe(303);
  });

  it('refuses a deactivated account with the same message', async () => {
    const u = await h.createUser('clerk', { active: false });
    expect((await h.client().login(u.login)).status).toBe(400);
  });
});

describe('sessions', () => {
  it('ends a session after 30 idle minutes (server-side)', async () => {
    const u = await h.createUser('operator');
    const c = h.client();
    await c.login(u.login);
    h.clock.advance(29 * 60_000);
    expect((await c.get('/home')).status).toBe(200);
    h.clock.advance(29 * 60_000); // active 29 min ago: still fine
    expect((await c.get('/home')).status).toBe(200);
    h.clock.advance(31 * 60_000);
    const res = await c.get('/home');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/login/);
  });

  it('ends a session at the 12-hour absolute limit even when active', async () => {
    const u = await h.createUser('operator');
    const c = h.client();
    await c.login(u.login);
    for (let i = 0; i < 24; i++) {
      h.clock.advance(29 * 60_000);
      await c.get('/home');
    }
    // 24 × 29 min = 11.6 h: still in.
    expect((await c.get('/home')).status).toBe(200);
    h.clock.advance(29 * 60_000);
    expect((await c.get('/home')).status).toBe(303);
  });

  it('sign-out deletes the session: the old cookie is worthless', async () => {
    const u = await h.createUser('clerk');
    const c = h.client();
    await c.login(u.login);
    const sid = c.cookies.get('itda_sid')!;
    const out = await c.post('/logout', {});
    expect(out.status).toBe(303);
    const replay = h.client();
    replay.cookies.set('itda_sid', sid);
    expect((await replay.get('/home')).status).toBe(303);
    const n = await h.db.selectFrom('userSession').select('idHash').where('userId', '=', u.id).execute();
    expect(n).toHaveLength(0);
    expect(await auditActions(u.id)).toContain('auth.logout');
  });

  it('forces a one-time password to be changed before anything else', async () => {
    const u = await h.createUser('admin', { mustChangePassword: true });
    const c = h.client();
    expect((await c.login(u.login)).headers.get('location')).toBe('/password');
    const blocked = await c.get('/admin/users');
    expect(blocked.status).toBe(303);
    expect(blocked.headers.get('location')).toBe('/password');
    const weak = await c.post('/password', { currentPassword: TEST_PASSWORD, newPassword: 'short', confirmPassword: 'short' });
    expect(weak.status).toBe(400);
    const html = await weak.text();
    expect(html).toContain('비밀번호가 너무 짧습니다');
    const ok = await c.post('/password', { currentPassword: TEST_PASSWORD, newPassword: 'New-password-22', confirmPassword: 'New-password-22' });
    expect(ok.status).toBe(303);
    expect((await c.get('/admin/users')).status).toBe(200);
    expect(await auditActions(u.id)).toContain('auth.password_changed');
  });
});

describe('language', () => {
  it('switches the whole page to English and remembers it for the user', async () => {
    const u = await h.createUser('clerk');
    const c = h.client();
    await c.login(u.login);
    const sw = await c.post('/locale', { locale: 'en', returnTo: '/home' });
    expect(sw.status).toBe(303);
    const html = await (await c.get('/home')).text();
    expect(html).toContain('lang="en"');
    expect(html).toContain('Today');
    expect(html).not.toContain('오늘 할 일');
    const row = await h.db.selectFrom('appUser').select('locale').where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.locale).toBe('en');
  });
});
