import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestClient } from '../harness.ts';
import { kst, loadReportsFixture, type ReportsFixture } from './reports.fixture.ts';

let h: Harness;
let fx: ReportsFixture;
const clients = new Map<string, TestClient>();

beforeAll(async () => {
  h = await createHarness();
  fx = await loadReportsFixture(h);
  for (const [k, login] of Object.entries(fx.logins)) {
    const c = h.client();
    await c.login(login);
    clients.set(k, c);
  }
});
afterAll(async () => {
  await h?.close();
});

const clerkOf = async (business: string) => (await h.db.selectFrom('business').select('clerkId').where('id', '=', business).executeTakeFirstOrThrow()).clerkId;

describe('operations', () => {
  it('shows offices, caseloads and idle clerks in the viewer\'s scope', async () => {
    const op = await (await clients.get('operator')!.get('/operations?idleDays=25')).text();
    expect(op).toContain('rf 수원 사무소');
    expect(op).toContain('rf 화성 사무소');
    expect(op).toMatch(/마지막 상담 2026-10-15 \(51일 전\)/); // b1
    const lead = await (await clients.get('lead')!.get('/operations')).text();
    expect(lead).toContain('rf 수원 사무소');
    expect(lead).not.toContain('rf 화성 사무소');
    expect((await clients.get('a1')!.get('/operations')).status).toBe(403);
  });

  it('draws the activity calendar of a month, per clerk', async () => {
    const res = await clients.get('lead')!.get('/operations/calendar?month=2026-11');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('2026년 11월');
    expect(html).toContain('상담일지 2건'); // B1 11-02 (a1) and B6 11-15 (a2)
    expect((await clients.get('lead')!.get(`/operations/calendar?month=2026-10&clerk=${fx.clerks.b1}`)).status).toBe(403);
    const b1 = await (await clients.get('operator')!.get(`/operations/calendar?month=2026-10&clerk=${fx.clerks.b1}`)).text();
    expect(b1).toContain('상담일지 1건');
    expect(b1).not.toContain('<style');
  });

  it('records each view of the clerk-named overview and calendar in the access records', async () => {
    const res = await clients.get('lead')!.get('/operations');
    const cal = await clients.get('lead')!.get('/operations/calendar?month=2026-11');
    for (const [r, subject] of [[res, 'operations:overview'], [cal, 'operations:calendar:2026-11']] as const) {
      const rows = await h.db.selectFrom('accessRecord').selectAll().where('requestId', '=', r.headers.get('x-request-id')!).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ subjectType: 'clerk_list', subjectId: subject, action: 'view', accountLogin: fx.logins.lead });
    }
  });

  it('hands over every business of a leaving clerk, balanced over the office: none is left without a clerk', async () => {
    const a3 = await h.createUser('clerk', { officeId: fx.officeA, login: 'rf-a3' });
    const lead = clients.get('lead')!;
    const form = await lead.get(`/operations/handover?clerk=${fx.clerks.a1}`);
    expect(await form.text()).toContain('사업체 2곳 옮기기');
    const res = await lead.post('/operations/handover', { fromClerkId: fx.clerks.a1, mode: 'balance', note: '퇴사' });
    expect(res.status).toBe(303);
    // a3 had 0, a2 had 2: both go to a3 (least loaded first).
    expect(await clerkOf(fx.business.B1)).toBe(a3.id);
    expect(await clerkOf(fx.business.B2)).toBe(a3.id);
    expect(await h.db.selectFrom('business').select('id').where('clerkId', '=', fx.clerks.a1).execute()).toEqual([]);
    const recs = await h.db.selectFrom('accessRecord').select(['subjectId', 'action']).where('action', '=', 'update').execute();
    expect(recs.map((r) => r.subjectId).sort()).toEqual([fx.business.B1, fx.business.B2].sort());
    const audit = await h.db.selectFrom('auditEvent').select(['targetUserId', 'detail']).where('action', '=', 'operations.handover').executeTakeFirstOrThrow();
    expect(audit.targetUserId).toBe(fx.clerks.a1);
    // The dashboard follows: a1 has nothing left, a3 carries X1 X2 X3.
    const d = await h.services.reports.dashboard({ userId: 'x', login: 'x', displayName: 'x', role: 'operator', officeId: null, locale: 'ko', via: 'session' }, { from: '2026-11-01', to: '2026-11-30', by: 'clerk' });
    expect(d.rows.find((r) => r.key === a3.id)!.figures.applications).toBe(3);
    expect(d.rows.find((r) => r.key === fx.clerks.a1)).toBeUndefined();
  });

  it('keeps office leads in their office, and moves a deactivated clerk\'s businesses to one clerk', async () => {
    const lead = clients.get('lead')!;
    expect((await lead.get(`/operations/handover?clerk=${fx.clerks.b1}`)).status).toBe(403);
    expect((await lead.post('/operations/handover', { fromClerkId: fx.clerks.a2, mode: 'one', toClerkId: fx.clerks.b1 })).status).toBe(403);
    // b1 is deactivated with B4, B5 still assigned: the overview warns, the operator moves them.
    await h.db.updateTable('appUser').set({ active: false }).where('id', '=', fx.clerks.b1).execute();
    const op = clients.get('operator')!;
    expect(await (await op.get('/operations')).text()).toContain('활동하지 않는 계정이 맡은 사업체가 2곳');
    const noTarget = await op.post('/operations/handover', { fromClerkId: fx.clerks.b1, mode: 'balance' });
    expect(noTarget.status).toBe(400); // nobody else in office B
    const res = await op.post('/operations/handover', { fromClerkId: fx.clerks.b1, mode: 'one', toClerkId: fx.clerks.a2 });
    expect(res.status).toBe(303);
    expect(await clerkOf(fx.business.B4)).toBe(fx.clerks.a2);
    expect(await clerkOf(fx.business.B5)).toBe(fx.clerks.a2);
    const orphans = await h.db.selectFrom('business as b').innerJoin('appUser as u', 'u.id', 'b.clerkId').select('b.id').where('u.active', '=', false).execute();
    expect(orphans).toEqual([]);
  });

  it('records the businesses the hand-over page names as an access record', async () => {
    const lead = clients.get('lead')!;
    const held = (await h.db.selectFrom('business').select('id').where('clerkId', '=', fx.clerks.a2).execute()).map((r) => r.id).sort();
    expect(held.length).toBeGreaterThan(0);
    const res = await lead.get(`/operations/handover?clerk=${fx.clerks.a2}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('rf 사업장 B3');
    const rows = await h.db.selectFrom('accessRecord').selectAll().where('requestId', '=', res.headers.get('x-request-id')!).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subjectType: 'business_list', subjectId: `handover:${fx.clerks.a2}`, action: 'view', accountLogin: fx.logins.lead });
    expect((rows[0]!.detail as { businessIds: string[] }).businessIds.sort()).toEqual(held);
    // Before a clerk is chosen the page names no business, and records nothing.
    const blank = await lead.get('/operations/handover');
    expect(await h.db.selectFrom('accessRecord').select('id').where('requestId', '=', blank.headers.get('x-request-id')!).execute()).toEqual([]);
  });

  it('keeps a business in its office when its clerk moves to another office: that office\'s lead neither sees nor moves it', async () => {
    const k = await h.createUser('clerk', { officeId: fx.officeA, login: 'rf-k' });
    const b2 = await h.createUser('clerk', { officeId: fx.officeB, login: 'rf-b2' });
    const leadB = h.client();
    await leadB.login((await h.createUser('office_lead', { officeId: fx.officeB, login: 'rf-lead-b' })).login);
    const kb: Record<'K1' | 'K2', string> = { K1: '', K2: '' };
    for (const key of ['K1', 'K2'] as const) {
      kb[key] = (await h.db.insertInto('business').values({ name: `rf 사업장 ${key}`, municipalityCode: '41110', sidoCode: '41', officeId: fx.officeA, clerkId: k.id }).returning('id').executeTakeFirstOrThrow()).id;
    }
    // The operator moves K to office B (account update); her businesses stay in office A.
    const op = clients.get('operator')!;
    const moved = await op.post(`/admin/users/${k.id}`, { displayName: k.displayName, role: 'clerk', officeId: String(fx.officeB), email: '', phone: '', active: 'on', version: String(k.version) });
    expect(moved.status).toBe(303);
    expect((await h.db.selectFrom('appUser').select('officeId').where('id', '=', k.id).executeTakeFirstOrThrow()).officeId).toBe(fx.officeB);

    const form = await leadB.get(`/operations/handover?clerk=${k.id}`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).not.toContain('rf 사업장 K1');
    expect(html).not.toContain('rf 사업장 K2');
    expect(html).toContain('맡은 사업체가 없습니다');
    const recs = await h.db.selectFrom('accessRecord').select('id').where('requestId', '=', form.headers.get('x-request-id')!).execute();
    expect(recs).toEqual([]);
    for (const body of [{ mode: 'balance' }, { mode: 'one', toClerkId: b2.id }] as Record<string, string>[]) {
      const res = await leadB.post('/operations/handover', { fromClerkId: k.id, ...body });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/operations?notice=handover&n=0');
    }
    const after = await h.db.selectFrom('business').select(['id', 'clerkId', 'officeId']).where('id', 'in', [kb.K1, kb.K2]).execute();
    expect(after.map((b) => [b.clerkId, b.officeId])).toEqual([
      [k.id, fx.officeA],
      [k.id, fx.officeA],
    ]);

    // Office A's lead still finds K (she holds office A's businesses) and hands them over within office A.
    const lead = clients.get('lead')!;
    const formA = await (await lead.get(`/operations/handover?clerk=${k.id}`)).text();
    expect(formA).toContain('rf 사업장 K1');
    expect(formA).not.toContain(b2.id); // the targets are office A's clerks
    expect((await (await lead.get('/operations/handover')).text()).includes(`value="${k.id}"`)).toBe(true);
    expect((await lead.post('/operations/handover', { fromClerkId: k.id, mode: 'balance' })).status).toBe(303);
    const handed = await h.db.selectFrom('business as b').innerJoin('appUser as u', 'u.id', 'b.clerkId').select(['b.officeId', 'u.officeId as clerkOffice']).where('b.id', 'in', [kb.K1, kb.K2]).execute();
    expect(handed).toEqual([
      { officeId: fx.officeA, clerkOffice: fx.officeA },
      { officeId: fx.officeA, clerkOffice: fx.officeA },
    ]);

    // The operator's balanced hand-over also keeps each business in its own office, not the clerk's new one.
    const k3 = (await h.db.insertInto('business').values({ name: 'rf 사업장 K3', municipalityCode: '41110', sidoCode: '41', officeId: fx.officeA, clerkId: k.id }).returning('id').executeTakeFirstOrThrow()).id;
    expect((await op.post('/operations/handover', { fromClerkId: k.id, mode: 'balance' })).status).toBe(303);
    const k3After = await h.db.selectFrom('business as b').innerJoin('appUser as u', 'u.id', 'b.clerkId').select(['b.officeId', 'u.officeId as clerkOffice']).where('b.id', '=', k3).executeTakeFirstOrThrow();
    expect(k3After).toEqual({ officeId: fx.officeA, clerkOffice: fx.officeA });
    expect(await h.db.selectFrom('business').select('id').where('clerkId', '=', k.id).execute()).toEqual([]);
  });

  it('gives nothing to a clerk without the training required before a caseload', async () => {
    const course = await h.db.insertInto('trainingCourse').values({ title: 'rf 직무 기본교육', requiredHours: 4, requiredForCaseload: true }).returning('id').executeTakeFirstOrThrow();
    try {
      const session = await h.db.insertInto('trainingSession').values({ courseId: course.id, startsAt: kst('2026-11-02 09:00'), hours: 4 }).returning('id').executeTakeFirstOrThrow();
      await h.db.insertInto('trainingAttendance').values({ sessionId: session.id, clerkId: fx.clerks.a2, attended: true, recordedBy: null }).execute();
      const fresh = await h.createUser('clerk', { officeId: fx.officeA, login: 'rf-new' });
      const a3 = await h.db.selectFrom('appUser').select('id').where('login', '=', 'rf-a3').executeTakeFirstOrThrow();
      const held = (await h.db.selectFrom('business').select('id').where('clerkId', '=', a3.id).execute()).map((r) => r.id);
      expect(held.length).toBeGreaterThan(0);
      const lead = clients.get('lead')!;

      // The page says who is left out of the balance and why.
      const form = await (await lead.get(`/operations/handover?clerk=${a3.id}`)).text();
      expect(form).toContain('필수 교육을 마치지 않은 공공사무원은 사업체를 넘겨받을 수 없어 나누는 대상에서 뺐습니다');
      expect(form).toContain(`${fresh.displayName} (0) — 필수 교육 미이수`);

      // Named as the one clerk: refused, the form comes back with what was entered.
      const refused = await lead.post('/operations/handover', { fromClerkId: a3.id, mode: 'one', toClerkId: fresh.id, note: '계약 만료 인계' });
      expect(refused.status).toBe(400);
      const page = await refused.text();
      expect(page).toContain(`${fresh.displayName} 공공사무원은 필수 교육을 마치지 않아 사업체를 넘겨받을 수 없습니다: rf 직무 기본교육`);
      expect(page).toContain('계약 만료 인계');
      expect(page).toMatch(new RegExp(`<option value="${fresh.id}" selected`));
      expect(page).toMatch(/value="one"[^>]*checked/);
      expect(await h.db.selectFrom('business').select('id').where('clerkId', '=', a3.id).execute()).toHaveLength(held.length);

      // Balanced: only the trained clerk (a2) receives, although a1 and the new clerk carry less.
      expect((await lead.post('/operations/handover', { fromClerkId: a3.id, mode: 'balance' })).status).toBe(303);
      for (const id of held) expect(await clerkOf(id)).toBe(fx.clerks.a2);

      // Nobody trained left in the office: the balance is refused, nothing moves.
      const none = await lead.post('/operations/handover', { fromClerkId: fx.clerks.a2, mode: 'balance' });
      expect(none.status).toBe(400);
      expect(await none.text()).toContain('같은 사무소에 필수 교육을 마친 공공사무원이 없어');
      expect((await h.db.selectFrom('business').select('id').where('clerkId', '=', fx.clerks.a2).execute()).length).toBeGreaterThan(0);
    } finally {
      await h.db.updateTable('trainingCourse').set({ active: false }).where('id', '=', course.id).execute();
    }
  });
});

describe('접속기록 점검 (monthly review)', () => {
  beforeAll(async () => {
    const viewer = await h.db.selectFrom('appUser').select(['id', 'login']).where('login', '=', fx.logins.a2).executeTakeFirstOrThrow();
    // Only the account id and login are written; the operator role lets the gate open the businesses.
    const actor = { userId: viewer.id, login: viewer.login, displayName: 'x', role: 'operator' as const, officeId: null, locale: 'ko', via: 'session' as const };
    const rec = async (at: string, action: 'view' | 'download', subjectId: string, reason: string | null = null) => {
      h.clock.current = kst(at);
      await h.services.gate.business(h.db, actor, { ip: '10.1.2.3', requestId: null }, { id: subjectId, mode: 'read', action, reason });
    };
    for (let i = 0; i < 101; i++) await rec('2026-11-10 10:00', 'view', fx.business.B3);
    await rec('2026-11-11 11:00', 'download', fx.business.B6, '제출');
    await rec('2026-11-14 22:30', 'view', fx.business.B6); // a Saturday night
    await rec('2026-11-15 11:00', 'view', fx.business.B6); // a Sunday morning: outside working days
    h.clock.current = new Date('2026-12-05T01:00:00Z');
  });

  it('flags bulk views, downloads and out-of-hours access, and filters by account, data subject and action', async () => {
    const op = clients.get('operator')!;
    const html = await (await op.get('/admin/access-review?month=2026-11')).text();
    expect(html).toMatch(/대량 조회 1 · 내려받기·출력 1 · 업무시간 외 2/);
    expect(html).toContain('2026-11-14 (주말)');
    const byName = await (await op.get(`/admin/access-review?month=2026-11&subject=${encodeURIComponent('사업장 B6')}`)).text();
    // Record rows name the business (a link to its records); the flag table above does not.
    expect(byName.match(/>rf 사업장 B6<\/a>/g)?.length).toBe(3);
    expect(byName).not.toContain('>rf 사업장 B3</a>');
    const downloads = await (await op.get('/admin/access-review?month=2026-11&action=download')).text();
    expect(downloads).toContain('제출');
    const night = await (await op.get('/admin/access-review?month=2026-11&offHours=1&account=RF-A2')).text();
    expect(night.match(/>rf 사업장 B6<\/a>/g)?.length).toBe(2); // Saturday 22:30 and Sunday 11:00
    expect(night).not.toContain('>rf 사업장 B3</a>');
    expect((await clients.get('lead')!.get('/admin/access-review')).status).toBe(403);
  });

  it('records the reviewer\'s sign-off once per month, with the flags seen', async () => {
    const op = clients.get('operator')!;
    expect((await op.post('/admin/access-review/signoff', { month: '2026-11', note: '' })).status).toBe(400);
    const ok = await op.post('/admin/access-review/signoff', { month: '2026-11', note: '대량 조회는 연말 점검 업무로 확인함' });
    expect(ok.status).toBe(303);
    const row = await h.db.selectFrom('accessReviewSignoff').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ month: '2026-11', reviewerLogin: fx.logins.operator, note: '대량 조회는 연말 점검 업무로 확인함' });
    expect(row.flags).toMatchObject({ bulkView: 1, download: 1, offHours: 2, records: 104 });
    expect((await op.post('/admin/access-review/signoff', { month: '2026-11', note: '다시' })).status).toBe(409);
    expect(await (await op.get('/admin/access-review?month=2026-11')).text()).toContain('대량 조회는 연말 점검 업무로 확인함');
  });

  it('exports the records as .xlsx only with a recorded reason', async () => {
    const op = clients.get('operator')!;
    expect((await op.get('/admin/access-review/export?month=2026-11')).status).toBe(200);
    expect((await op.post('/admin/access-review/export?month=2026-11', {})).status).toBe(400);
    const res = await op.post('/admin/access-review/export?month=2026-11&action=download', { purpose: 'audit', note: '' });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets[0]!.getRow(2).getCell(2).value).toBe('rf-a2');
    expect(wb.worksheets[0]!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const rec = await h.db.selectFrom('accessRecord').selectAll().where('subjectType', '=', 'access_record').where('action', '=', 'download').executeTakeFirstOrThrow();
    expect(rec.reason).toBe('감사·점검 대응');
  });
});
