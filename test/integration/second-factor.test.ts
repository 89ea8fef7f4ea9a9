import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/modules/auth/auth.totp.ts';
import { createHarness, TEST_PASSWORD, type Harness, type TestClient } from '../harness.ts';

/**
 * Second factor for staff (issue 14 §2; 개인정보의 안전성 확보조치 기준 §6). The app of this file
 * trusts the proxy's X-Forwarded-For (ITDA_TRUST_PROXY) and lists 10.0.0.0/8 as the office network.
 */
let h: Harness;
beforeAll(async () => {
  // ITDA_DEMO on (the demo's pages) for the demo hint; no demo data is loaded.
  h = await createHarness({ ITDA_TRUSTED_CIDRS: '10.0.0.0/8', ITDA_TRUST_PROXY: 'on', ITDA_DEMO: 'on' });
});
afterAll(async () => {
  await h?.close();
});

async function auditOf(userId: string) {
  return h.db.selectFrom('auditEvent').select(['action', 'detail']).where('targetUserId', '=', userId).orderBy('id').execute();
}
const actions = async (userId: string) => (await auditOf(userId)).map((r) => r.action);

/** The password step only, from an address (X-Forwarded-For, trusted in this file). */
async function password(c: TestClient, login: string, ip = '203.0.113.7') {
  return c.post('/login', { login, password: TEST_PASSWORD }, { headers: { 'x-forwarded-for': ip } });
}
function secretOf(login: string): string {
  return h.authenticator.secrets.get(login.toLowerCase())!;
}

describe('who is asked for the second factor', () => {
  it('operator, admin and office lead always, even from the office network; their session has no actor until then', async () => {
    for (const role of ['operator', 'admin', 'office_lead'] as const) {
      const u = await h.createUser(role);
      const c = h.client();
      const res = await password(c, u.login, '10.1.2.3');
      expect(res.status, role).toBe(303);
      expect(res.headers.get('location')).toBe('/login/second-factor');
      // Nothing else is reachable: pages send to the step, the API answers 401.
      expect((await c.get('/home')).headers.get('location')).toBe('/login/second-factor');
      expect((await c.get('/admin/users')).headers.get('location')).toBe('/login/second-factor');
      expect((await c.get('/api/v1/me')).status).toBe(401);
      expect((await c.get('/login/second-factor')).status).toBe(200);
      expect(await actions(u.id)).toEqual(['auth.second_factor_required']);
    }
  });

  it('a clerk inside the listed network signs in with the password; from outside (or unknown) she enrols first', async () => {
    const u = await h.createUser('clerk');
    const inside = h.client();
    expect((await password(inside, u.login, '10.20.30.40')).headers.get('location')).toBe('/home');
    const outside = h.client();
    expect((await password(outside, u.login, '198.51.100.1')).headers.get('location')).toBe('/login/second-factor/enrol');
    expect((await outside.get('/home')).headers.get('location')).toBe('/login/second-factor/enrol');
  });

  it('an owner is never asked', async () => {
    const u = await h.createUser('owner');
    expect((await password(h.client(), u.login, '198.51.100.1')).headers.get('location')).toBe('/home');
  });
});

describe('the second step', () => {
  it('takes the app code once: a wrong code is refused and counted, the right one signs in, the same code again is a replay', async () => {
    const u = await h.createUser('operator');
    const c = h.client();
    await password(c, u.login);
    const wrong = await c.post('/login/second-factor', { code: '000000' === (await totpCode(secretOf(u.login), h.clock.now())) ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('코드가 맞지 않습니다');
    const code = await totpCode(secretOf(u.login), h.clock.now());
    const ok = await c.post('/login/second-factor', { code });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/home');
    expect((await c.get('/home')).status).toBe(200);
    const row = await h.db.selectFrom('appUser').select('failedAttempts').where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.failedAttempts).toBe(0);

    const again = h.client();
    await password(again, u.login);
    expect((await again.post('/login/second-factor', { code })).status).toBe(400);
    const trail = await auditOf(u.id);
    expect(trail.map((r) => r.action)).toEqual([
      'auth.second_factor_required',
      'auth.second_factor_failed',
      'auth.login',
      'auth.second_factor_required',
      'auth.second_factor_failed',
    ]);
    expect(trail[1]!.detail).toMatchObject({ reason: 'bad_code', step: 'verify' });
    expect(trail[2]!.detail).toMatchObject({ secondFactor: 'totp' });
    expect(trail[4]!.detail).toMatchObject({ reason: 'replay' });
  });

  it('allows one step of clock drift either way, not two', async () => {
    const u = await h.createUser('admin');
    const secret = secretOf(u.login);
    const inStep = (steps: number) => totpCode(secret, new Date(h.clock.now().getTime() + steps * 30_000));
    h.clock.advance(60_000);
    let c = h.client();
    await password(c, u.login);
    expect((await c.post('/login/second-factor', { code: await inStep(-2) })).status).toBe(400);
    expect((await c.post('/login/second-factor', { code: await inStep(2) })).status).toBe(400);
    expect((await c.post('/login/second-factor', { code: await inStep(-1) })).status).toBe(303);
    c = h.client();
    await password(c, u.login);
    expect((await c.post('/login/second-factor', { code: await inStep(1) })).status).toBe(303);
  });

  it('locks the account after 5 wrong answers in a row, passwords and codes together, and ends the pending session', async () => {
    const u = await h.createUser('office_lead');
    let c = h.client();
    // 2 wrong passwords, then the right one: the counter is not reset before the second factor …
    expect((await c.post('/login', { login: u.login, password: 'wrong-password-1' })).status).toBe(400);
    expect((await c.post('/login', { login: u.login, password: 'wrong-password-2' })).status).toBe(400);
    await password(c, u.login);
    for (let i = 0; i < 2; i++) expect((await c.post('/login/second-factor', { code: 'ABCDE-FGHJK' })).status).toBe(400);
    // … so signing in with the password again buys no new guesses.
    c = h.client();
    await password(c, u.login);
    const fifth = await c.post('/login/second-factor', { code: 'ABCDE-FGHJK' });
    expect(fifth.status).toBe(303);
    expect(fifth.headers.get('location')).toBe('/login?reason=locked');
    expect((await c.get('/login/second-factor')).headers.get('location')).toBe('/login');
    expect(await (await h.client().get('/login?reason=locked')).text()).toContain('계정이 잠겼습니다');
    // Locked: even the right password and code do not help for 10 minutes.
    expect((await h.client().login(u.login)).status).toBe(400);
    const trail = await auditOf(u.id);
    expect(trail.at(-2)?.action).toBe('auth.lockout');
    expect(trail.at(-2)?.detail).toMatchObject({ factor: 'second', minutes: 10 });
    h.clock.advance(10 * 60_000 + 1000);
    expect((await h.client().login(u.login)).headers.get('location')).toBe('/home');
  });
});

describe('the demo', () => {
  it("shows a demo account's current code on the second step, and never a real account's", async () => {
    const demo = await h.createUser('operator');
    await h.db.updateTable('appUser').set({ isDemo: true }).where('id', '=', demo.id).execute();
    const c = h.client();
    await password(c, demo.login);
    const code = await totpCode(secretOf(demo.login), h.clock.now());
    expect(await (await c.get('/login/second-factor')).text()).toContain(`지금 코드: ${code}`);
    const real = await h.createUser('operator');
    const d = h.client();
    await password(d, real.login);
    const page = await (await d.get('/login/second-factor')).text();
    expect(page).not.toContain('지금 코드');
    expect(page).not.toContain(await totpCode(secretOf(real.login), h.clock.now()));
  });
});

describe('enrolment and recovery codes', () => {
  it('shows a QR code and the key, confirms with a code, gives 10 recovery codes once; each works once', async () => {
    const u = await h.createUser('office_lead', { enrolSecondFactor: false });
    const c = h.client();
    expect((await password(c, u.login)).headers.get('location')).toBe('/login/second-factor/enrol');
    const page = await c.get('/login/second-factor/enrol');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toMatch(/<svg[^>]*>/);
    const secret = /data-key="([A-Z2-7]+)"/.exec(html)![1]!;
    // A reload shows the same key; the key is kept encrypted.
    expect(await (await c.get('/login/second-factor/enrol')).text()).toContain(`data-key="${secret}"`);
    const row = await h.db.selectFrom('userTotp').selectAll().where('userId', '=', u.id).executeTakeFirstOrThrow();
    expect(row.secretEnc).not.toContain(secret);
    expect(row.confirmedAt).toBeNull();

    expect((await c.post('/login/second-factor/enrol', { code: '12345' })).status).toBe(400);
    const done = await c.post('/login/second-factor/enrol', { code: await totpCode(secret, h.clock.now()) });
    expect(done.status).toBe(200);
    expect(done.headers.get('cache-control')).toBe('no-store');
    const codes = [...(await done.text()).matchAll(/<code>([A-Z2-9]{5}-[A-Z2-9]{5})<\/code>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    expect((await c.get('/home')).status).toBe(200);
    // Only hashes are kept.
    const stored = await h.db.selectFrom('userRecoveryCode').select('codeHash').where('userId', '=', u.id).execute();
    expect(stored).toHaveLength(10);
    expect(stored.map((s) => s.codeHash)).not.toContain(codes[0]);

    const d = h.client();
    await password(d, u.login);
    const viaRecovery = await d.post('/login/second-factor', { code: codes[0]!.toLowerCase() });
    expect(viaRecovery.status).toBe(303);
    expect(viaRecovery.headers.get('location')).toBe('/home?notice=recoveryCodeUsed&left=9');
    expect(await (await d.get('/home?notice=recoveryCodeUsed&left=9')).text()).toContain('남은 복구 코드: 9개');
    const e = h.client();
    await password(e, u.login);
    expect((await e.post('/login/second-factor', { code: codes[0]! })).status).toBe(400);
    expect(await actions(u.id)).toEqual([
      'auth.second_factor_required',
      'auth.second_factor_failed',
      'auth.second_factor_enrolled',
      'auth.login',
      'auth.second_factor_required',
      'auth.second_factor_recovery_used',
      'auth.login',
      'auth.second_factor_required',
      'auth.second_factor_failed',
    ]);
  });
});

describe("the admin's reset of a lost factor", () => {
  it('needs the identity check confirmed, is the admin’s alone, ends the sessions, is audited; the account enrols again', async () => {
    const admin = await h.createUser('admin');
    const operator = await h.createUser('operator');
    const target = await h.createUser('office_lead');
    const adminClient = h.client();
    expect((await adminClient.login(admin.login)).status).toBe(303);
    const operatorClient = h.client();
    expect((await operatorClient.login(operator.login)).status).toBe(303);
    const targetClient = h.client();
    expect((await targetClient.login(target.login)).status).toBe(303);

    const page = await (await adminClient.get(`/admin/users/${target.id}`)).text();
    expect(page).toContain('2단계 인증 초기화');
    expect(page).toContain('등록됨 (복구 코드 0개 남음)');
    expect(await (await operatorClient.get(`/admin/users/${target.id}`)).text()).not.toContain('reset-second-factor');

    expect((await adminClient.post(`/admin/users/${target.id}/reset-second-factor`, {})).status).toBe(400);
    expect((await operatorClient.post(`/admin/users/${target.id}/reset-second-factor`, { confirm: 'on' })).status).toBe(403);
    expect(await h.db.selectFrom('userTotp').select('userId').where('userId', '=', target.id).executeTakeFirst()).toBeDefined();

    const reset = await adminClient.post(`/admin/users/${target.id}/reset-second-factor`, { confirm: 'on' });
    expect(reset.status).toBe(303);
    expect(reset.headers.get('location')).toBe(`/admin/users/${target.id}?notice=secondFactorReset`);
    expect(await h.db.selectFrom('userTotp').select('userId').where('userId', '=', target.id).executeTakeFirst()).toBeUndefined();
    expect((await targetClient.get('/home')).status).toBe(303); // signed out
    const trail = await auditOf(target.id);
    expect(trail.at(-1)).toMatchObject({ action: 'auth.second_factor_reset', detail: { hadFactor: true } });
    const by = await h.db.selectFrom('auditEvent').select('actorUserId').where('action', '=', 'auth.second_factor_reset').executeTakeFirstOrThrow();
    expect(by.actorUserId).toBe(admin.id);
    expect((await password(h.client(), target.login)).headers.get('location')).toBe('/login/second-factor/enrol');
  });
});
