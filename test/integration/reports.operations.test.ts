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
});

describe('접속기록 점검 (monthly review)', () => {
  beforeAll(async () => {
    const viewer = await h.db.selectFrom('appUser').select(['id', 'login']).where('login', '=', fx.logins.a2).executeTakeFirstOrThrow();
    const actor = { userId: viewer.id, login: viewer.login };
    const rec = async (at: string, action: 'view' | 'download', subjectId: string, reason: string | null = null) => {
      h.clock.current = kst(at);
      await h.services.access.record(h.db, actor, { ip: '10.1.2.3', requestId: null }, { subjectType: 'business', subjectId, action, reason });
    };
    for (let i = 0; i < 101; i++) await rec('2026-11-10 10:00', 'view', fx.business.B3);
    await rec('2026-11-11 11:00', 'download', fx.business.B6, '제출');
    await rec('2026-11-14 22:30', 'view', fx.business.B6); // a Saturday night
    h.clock.current = new Date('2026-12-05T01:00:00Z');
  });

  it('flags bulk views, downloads and out-of-hours access, and filters by account, data subject and action', async () => {
    const op = clients.get('operator')!;
    const html = await (await op.get('/admin/access-review?month=2026-11')).text();
    expect(html).toMatch(/대량 조회 1 · 내려받기·출력 1 · 업무시간 외 1/);
    expect(html).toContain('2026-11-14 (주말)');
    const byName = await (await op.get(`/admin/access-review?month=2026-11&subject=${encodeURIComponent('사업장 B6')}`)).text();
    // Record rows name the business (a link to its records); the flag table above does not.
    expect(byName.match(/>rf 사업장 B6<\/a>/g)?.length).toBe(2);
    expect(byName).not.toContain('>rf 사업장 B3</a>');
    const downloads = await (await op.get('/admin/access-review?month=2026-11&action=download')).text();
    expect(downloads).toContain('제출');
    const night = await (await op.get('/admin/access-review?month=2026-11&offHours=1&account=RF-A2')).text();
    expect(night.match(/>rf 사업장 B6<\/a>/g)?.length).toBe(1);
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
    expect(row.flags).toMatchObject({ bulkView: 1, download: 1, offHours: 1, records: 103 });
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
