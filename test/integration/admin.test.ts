import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

let h: Harness;
let operator: TestClient;
let admin: TestClient;
let officeId: number;
beforeAll(async () => {
  h = await createHarness();
  officeId = await h.ensureOffice();
  operator = h.client();
  await operator.login((await h.createUser('operator', { login: 'kpc-ops' })).login);
  admin = h.client();
  await admin.login((await h.createUser('admin', { login: 'sys-admin' })).login);
});
afterAll(async () => {
  await h?.close();
});

const permissionRows = (userId: string) =>
  h.db
    .selectFrom('auditEvent')
    .select(['action', 'actorLogin', 'detail', 'at', 'retainUntil'])
    .where('targetUserId', '=', userId)
    .where('action', 'like', 'permission.%')
    .orderBy('id')
    .execute();

describe('accounts', () => {
  it('creates a clerk in an office with a one-time password, records the grant, and queues the notice', async () => {
    const res = await operator.post('/admin/users/new', {
      login: 'kim.clerk',
      displayName: '김공공',
      role: 'clerk',
      officeId: String(officeId),
      email: 'kim.clerk@example.com',
      phone: '010-1234-5678',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const otp = /id="secret">([^<]+)</.exec(html)![1]!;
    expect(otp).toHaveLength(14);
    const user = await h.db.selectFrom('appUser').selectAll().where('login', '=', 'kim.clerk').executeTakeFirstOrThrow();
    expect(user.mustChangePassword).toBe(true);
    expect(user.officeId).toBe(officeId);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const grants = await permissionRows(user.id);
    expect(grants.map((g) => g.action)).toEqual(['permission.grant']);
    expect(grants[0]!.actorLogin).toBe('kpc-ops');
    // Kept at least 3 years (안전성 확보조치 기준 §5).
    expect(grants[0]!.retainUntil.getTime() - grants[0]!.at.getTime()).toBeGreaterThanOrEqual(3 * 365 * 86_400_000);
    const queued = await h.db.selectFrom('notification').select(['channel', 'body']).where('recipientUserId', '=', user.id).execute();
    expect(queued.map((q) => q.channel).sort()).toEqual(['email', 'sms']);
    expect(queued.every((q) => !q.body.includes(otp))).toBe(true);
    // The new clerk signs in with it and must change it first.
    const clerk = h.client();
    const login = await clerk.login('kim.clerk', otp);
    expect(login.headers.get('location')).toBe('/password');
  });

  it('re-renders an invalid form with 400, the Korean error summary and the typed values', async () => {
    const res = await operator.post('/admin/users/new', { login: 'x', displayName: '홍길동', role: 'clerk', officeId: '', email: 'not-an-email', phone: '' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('입력한 내용을 확인해 주세요');
    expect(html).toContain('아이디는 영문, 숫자');
    expect(html).toContain('이메일 주소 형식이 아닙니다');
    expect(html).toContain('value="홍길동"');
    expect(html).toContain('value="not-an-email"');
  });

  it('requires an office for clerks and refuses a duplicate login', async () => {
    const noOffice = await operator.post('/admin/users/new', { login: 'lee.clerk', displayName: '이', role: 'clerk', officeId: '' });
    expect(noOffice.status).toBe(400);
    expect(await noOffice.text()).toContain('사무소를 골라야 합니다');
    const dup = await operator.post('/admin/users/new', { login: 'KIM.CLERK', displayName: '김', role: 'province' });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain('이미 쓰고 있는 아이디');
  });

  it('lets only an admin grant the admin role', async () => {
    const byOperator = await operator.post('/admin/users/new', { login: 'would-be-admin', displayName: '관리', role: 'admin' });
    expect(byOperator.status).toBe(403);
    const byAdmin = await admin.post('/admin/users/new', { login: 'second-admin', displayName: '관리2', role: 'admin' });
    expect(byAdmin.status).toBe(201);
  });

  it('records a role change and a deactivation, which ends the sessions and blocks sign-in', async () => {
    const u = await h.createUser('clerk');
    const c = h.client();
    await c.login(u.login);
    expect((await c.get('/home')).status).toBe(200);
    const change = await operator.post(`/admin/users/${u.id}`, {
      displayName: u.displayName,
      role: 'office_lead',
      officeId: String(officeId),
      email: '',
      phone: '',
      active: 'on',
      version: String(u.version),
    });
    expect(change.status).toBe(303);
    const deactivate = await operator.post(`/admin/users/${u.id}`, {
      displayName: u.displayName,
      role: 'office_lead',
      officeId: String(officeId),
      version: String(u.version + 1),
    });
    expect(deactivate.status).toBe(303);
    const rows = await permissionRows(u.id);
    expect(rows.map((r) => r.action)).toEqual(['permission.change', 'permission.revoke']);
    expect(rows[0]!.detail).toMatchObject({ from: { role: 'clerk' }, to: { role: 'office_lead' } });
    expect((await c.get('/home')).status).toBe(303);
    expect((await h.client().login(u.login)).status).toBe(400);
  });

  it('answers a stale edit with 409 and a Korean message instead of losing the other change', async () => {
    const u = await h.createUser('province');
    const form = { displayName: '첫 번째', role: 'province', officeId: '', active: 'on', version: String(u.version) };
    expect((await operator.post(`/admin/users/${u.id}`, form)).status).toBe(303);
    const stale = await admin.post(`/admin/users/${u.id}`, { ...form, displayName: '두 번째' });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('다른 사람이 먼저');
    const row = await h.db.selectFrom('appUser').select('displayName').where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.displayName).toBe('첫 번째');
  });

  it('issues a token shown once (hashed at rest) and revokes it', async () => {
    const u = await h.createUser('operator');
    const res = await admin.post(`/admin/users/${u.id}/tokens`, { name: '보고 연계', expiresInDays: '30' });
    const token = /itda_pat_[A-Za-z0-9_-]+/.exec(await res.text())![0];
    const stored = await h.db.selectFrom('apiToken').selectAll().where('userId', '=', u.id).executeTakeFirstOrThrow();
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const call = () => h.app.request('http://localhost/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect((await call()).status).toBe(200);
    expect((await admin.post(`/admin/users/${u.id}/tokens/${stored.id}/revoke`, {})).status).toBe(303);
    expect((await call()).status).toBe(401);
    const actions = await h.db.selectFrom('auditEvent').select('action').where('subjectId', '=', stored.id).execute();
    expect(actions.map((a) => a.action)).toEqual(['token.issue', 'token.revoke']);
  });
});

describe('regions and offices', () => {
  it('edits which 시·군 an office covers, and shows it on the overview', async () => {
    const page = await operator.get(`/admin/offices/${officeId}`);
    const version = /name="version" value="(\d+)"/.exec(await page.text())![1]!;
    const res = await operator.post(`/admin/offices/${officeId}`, {
      name: '시험 사무소',
      regionId: '1',
      address: '',
      phone: '',
      municipalities: ['41110', '41460'],
      active: 'on',
      version,
    });
    expect(res.status).toBe(303);
    const covered = await h.db.selectFrom('officeMunicipality').select('municipalityCode').where('officeId', '=', officeId).orderBy('municipalityCode').execute();
    expect(covered.map((c) => c.municipalityCode)).toEqual(['41110', '41460']);
    const overview = await (await operator.get('/admin/org')).text();
    expect(overview).toContain('수원시, 용인시');
  });

  it('moves 시·군 between regions', async () => {
    const form = await (await operator.get('/admin/regions/2')).text();
    const version = /name="version" value="(\d+)"/.exec(form)![1]!;
    const res = await operator.post('/admin/regions/2', { name: '남부(화성)', hub: '화성', municipalities: ['41590', '41370', '41220', '41550', '41460'], version });
    expect(res.status).toBe(303);
    const yongin = await h.db.selectFrom('municipality').select('regionId').where('code', '=', '41460').executeTakeFirstOrThrow();
    expect(yongin.regionId).toBe(2);
  });

  it('refuses unknown 시·군 codes with a field error', async () => {
    const res = await operator.post('/admin/offices/new', { name: '엉뚱한 사무소', regionId: '1', municipalities: ['99999'] });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('알 수 없는 시·군');
  });

  it('lets the office lead and the province read the structure but not change it', async () => {
    for (const role of ['office_lead', 'province'] as const) {
      const c = h.client();
      await c.login((await h.createUser(role)).login);
      expect((await c.get('/admin/org')).status).toBe(200);
      expect((await c.get('/admin/regions/1')).status).toBe(403);
      expect((await c.post('/admin/offices/new', { name: 'x', regionId: '1' })).status).toBe(403);
    }
  });
});

describe('audit trail', () => {
  it('is hash-chained: the review page says intact, and says where after a row is altered', async () => {
    expect(await (await operator.get('/admin/audit')).text()).toContain('연결 해시가 모두 맞습니다');
    const row = await h.db.selectFrom('auditEvent').select('id').orderBy('id').limit(1).offset(3).executeTakeFirstOrThrow();
    await h.db.updateTable('auditEvent').set({ actorLogin: 'someone-else' }).where('id', '=', row.id).execute();
    const html = await (await operator.get('/admin/audit')).text();
    expect(html).toContain(`기록 ${row.id}번에서 연결 해시가 맞지 않습니다`);
  });
});
