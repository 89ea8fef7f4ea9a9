/**
 * Issue 14 §3: retention per kind as data, one nightly job that destroys or anonymises what is past it
 * and writes the 파기 대장; owners' correction / deletion requests with a 10-day due date. Both databases
 * (TEST_DATABASE_URL), the settable clock instead of waiting years.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestClient } from '../harness.ts';
import { ACCESS_LOG_RETENTION_YEARS } from '../../src/modules/access-log/personal-data.gate.ts';
import { AUDIT_RETENTION_YEARS } from '../../src/modules/audit/audit.service.ts';
import { retentionRule } from '../../src/domain/retention/retention.rules.ts';
import type { Actor } from '../../src/modules/auth/auth.policy.ts';

let h: Harness;
let operator: TestClient;
let clerk: TestClient;
let clerkActor: Actor;
let officeId: number;
let programmeId: number;
let versionId: number;
const meta = { ip: null, requestId: 'seed' };

async function business(name: string, at: string, extra: Record<string, unknown> = {}) {
  const b = await h.db
    .insertInto('business')
    .values({ name, ownerName: '김정민', phone: '010-1111-2222', address: '수원시 팔달구 1', municipalityCode: '41110', officeId, clerkId: clerkActor.userId, createdAt: at, updatedAt: at, ...extra })
    .returning('id')
    .executeTakeFirstOrThrow();
  return b.id;
}
async function participation(businessId: string, status: 'preparing' | 'withdrawn', at: string) {
  return h.db
    .insertInto('participation')
    .values({ businessId, programmeId, programmeVersionId: versionId, status, createdAt: at, updatedAt: at, note: '대표자 메모' })
    .returning('id')
    .executeTakeFirstOrThrow();
}
/**
 * Sessions idle out when the clock moves: sign in again at the current time. The operator signs in with
 * her second factor, whose harness authenticator moves the clock past a used time step; she signs in once,
 * before the clock ever goes back.
 */
async function signIn(withOperator = false) {
  if (withOperator) {
    operator = h.client();
    await operator.login('ret-operator');
  }
  clerk = h.client();
  await clerk.login('ret-clerk');
}
async function file(businessId: string, at: string) {
  return h.db
    .insertInto('documentFile')
    .values({ businessId, fileName: '납세증명서.pdf', mediaType: 'application/pdf', sizeBytes: 5, sha256: '0'.repeat(64), content: new TextEncoder().encode('%PDF-'), uploadedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  h = await createHarness();
  officeId = await h.ensureOffice();
  await h.createUser('operator', { login: 'ret-operator' });
  const cl = await h.createUser('clerk', { login: 'ret-clerk', officeId });
  clerkActor = { userId: cl.id, login: cl.login, displayName: cl.displayName, role: 'clerk', officeId, locale: 'ko', via: 'session' };
  const p = await h.db.insertInto('programme').values({ key: 'ret-p', source: 'manual', sourceId: 'ret-p' }).returning('id').executeTakeFirstOrThrow();
  programmeId = p.id;
  versionId = (await h.db.insertInto('programmeVersion').values({ programmeId, version: 1, title: '시험 사업', changeReason: '시험' }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await h?.close();
});

describe('the rules agree with what the writers stamp on each row', () => {
  it('access records 2 years, audit 3 years', () => {
    expect(retentionRule('access-record.2y').period.years).toBe(ACCESS_LOG_RETENTION_YEARS);
    expect(retentionRule('audit-event.3y').period.years).toBe(AUDIT_RETENTION_YEARS);
  });
});

describe('retention.nightly', () => {
  const ids: Record<string, string> = {};

  it('seeds data of every age (the clock set back for the logs)', async () => {
    // Access records and audit rows written in 2023 and 2024 through the real writers.
    h.clock.current = new Date('2023-06-01T01:00:00Z');
    await h.services.gate.byLink(h.db, meta, { subjectType: 'business', subjectId: 'old', action: 'view', link: 'x' });
    await h.services.gate.byLink(h.db, meta, { subjectType: 'business', subjectId: 'old', action: 'view', link: 'x' });
    await h.db.transaction().execute((trx) => h.services.audit.record(trx, meta, { action: 'demo.load', actorLogin: 'seed' }));
    h.clock.current = new Date('2025-06-01T01:00:00Z');
    await h.services.gate.byLink(h.db, meta, { subjectType: 'business', subjectId: 'young', action: 'view', link: 'x' });
    h.clock.current = new Date('2026-12-02T19:30:00Z'); // 04:30 KST, 3 December 2026
    await signIn(true);
    h.clock.current = new Date('2026-12-02T19:30:00Z');

    ids.quietOld = await business('오래된 가게', '2022-03-01T00:00:00Z', { brn: '1234567891' });
    ids.endedOld = await business('끝난 가게', '2022-03-01T00:00:00Z');
    await participation(ids.endedOld, 'withdrawn', '2023-06-30T00:00:00Z');
    ids.underWay = await business('진행 중 가게', '2020-01-01T00:00:00Z');
    await participation(ids.underWay, 'preparing', '2020-01-01T00:00:00Z');
    ids.endedRecent = await business('최근 가게', '2022-03-01T00:00:00Z');
    await participation(ids.endedRecent, 'withdrawn', '2024-06-30T00:00:00Z');
    await h.db.insertInto('activity').values({ businessId: ids.quietOld, clerkId: clerkActor.userId, kind: 'call', occurredOn: '2022-03-01', summary: '대표자와 통화: 010-1111-2222', createdAt: '2022-03-01T00:00:00Z' }).execute();
    ids.oldFile = (await file(ids.endedRecent, '2025-10-01T00:00:00Z')).id;
    ids.youngFile = (await file(ids.endedRecent, '2026-06-01T00:00:00Z')).id;
    ids.underWayFile = (await file(ids.underWay, '2024-01-01T00:00:00Z')).id;
    await h.db
      .insertInto('helpRequest')
      .values({ municipalityCode: '41110', officeId, name: '홍길순', phone: '010-9999-8888', preferredTime: 'any', consentTextVersion: 'help-2026-1', consentGivenAt: '2026-08-01T00:00:00Z', status: 'closed', closedAt: new Date('2026-08-01T00:00:00Z'), purgeAfter: new Date('2026-10-30T00:00:00Z') })
      .execute();
    await h.db
      .insertInto('contactPreference')
      .values({ businessId: ids.quietOld, sms: true, email: true, phone: '01011112222', emailAddress: 'owner@example.com', language: 'vi', consentTextVersion: '2026-1', consentedAt: new Date('2022-03-01T00:00:00Z'), consentMethod: 'written' })
      .execute();
    await h.db.insertInto('userSession').values({ idHash: 'old-session', userId: clerkActor.userId, expiresAt: '2026-12-01T00:00:00Z', lastSeenAt: '2026-12-01T00:00:00Z' } as never).execute();
  });

  it('destroys or anonymises what is past its period and writes one 파기 대장 row per rule that found something', async () => {
    const auditBefore = await h.db.selectFrom('auditEvent').select('id').orderBy('id').execute();
    const r = await h.services.retention.nightly();
    expect(r.counts).toMatchObject({
      'business.after-last-participation': 2,
      'document-file.after-upload': 1,
      'help-request.after-close': 1,
      'session.expired': 1,
      'access-record.2y': 2,
      'audit-event.3y': 1,
    });
    const records = await h.db.selectFrom('destructionRecord').selectAll().where('runId', '=', r.runId).orderBy('id').execute();
    expect(records.map((x) => [x.ruleId, x.kind, x.method, x.count])).toEqual([
      ['business.after-last-participation', 'business', 'anonymise', 2],
      ['document-file.after-upload', 'document_file', 'destroy', 1],
      ['help-request.after-close', 'help_request', 'destroy', 1],
      ['session.expired', 'session', 'destroy', 1],
      ['access-record.2y', 'access_record', 'destroy', 2],
      ['audit-event.3y', 'audit_event', 'destroy', 1],
    ]);
    expect(records[0]!.basis).toContain('§21');
    expect(records[0]!.at.toISOString()).toBe('2026-12-02T19:30:00.000Z');
    expect(records[0]!.cutoff!.toISOString()).toBe('2023-12-02T19:30:00.000Z');
    // The first audit row (2023) is gone, the rest of the trail kept.
    const auditAfter = await h.db.selectFrom('auditEvent').select('id').orderBy('id').execute();
    expect(auditAfter.map((x) => x.id)).not.toContain(auditBefore[0]!.id);
  });

  it('anonymised businesses keep their participations but nothing that identifies the owner', async () => {
    const b = await h.db.selectFrom('business').selectAll().where('id', '=', ids.quietOld!).executeTakeFirstOrThrow();
    expect(b).toMatchObject({ name: '(파기된 사업체)', brn: null, ownerName: null, phone: null, address: null });
    expect(b.anonymisedAt).not.toBeNull();
    // Her contact preferences: no number, no address, no channel; the consent record stays as proof.
    const pref = await h.db.selectFrom('contactPreference').selectAll().where('businessId', '=', ids.quietOld!).executeTakeFirstOrThrow();
    expect(pref).toMatchObject({ phone: null, emailAddress: null, sms: false, email: false, alimtalk: false, consentTextVersion: '2026-1', language: 'vi' });
    const act = await h.db.selectFrom('activity').select('summary').where('businessId', '=', ids.quietOld!).executeTakeFirstOrThrow();
    expect(act.summary).toBe('(파기)');
    const p = await h.db.selectFrom('participation').select(['status', 'note']).where('businessId', '=', ids.endedOld!).executeTakeFirstOrThrow();
    expect(p).toEqual({ status: 'withdrawn', note: null });
  });

  it('leaves alone what is inside its period or still under way', async () => {
    for (const k of ['underWay', 'endedRecent'] as const) {
      const b = await h.db.selectFrom('business').select(['name', 'ownerName', 'anonymisedAt']).where('id', '=', ids[k]!).executeTakeFirstOrThrow();
      expect(b.anonymisedAt).toBeNull();
      expect(b.ownerName).toBe('김정민');
    }
    const files = await h.db.selectFrom('documentFile').select('id').execute();
    expect(files.map((f) => f.id).sort()).toEqual([ids.youngFile!, ids.underWayFile!].sort());
    // The 2025 access record (younger than 2 years) and the whole audit trail after its first row are kept.
    const access = await h.db.selectFrom('accessRecord').select(['subjectId', 'at']).orderBy('id').execute();
    expect(access[0]).toMatchObject({ subjectId: 'young' });
    expect(access.every((a) => a.at.getTime() >= new Date('2025-01-01').getTime())).toBe(true);
  });

  it('the access and audit chains still verify from their first remaining row', async () => {
    expect(await h.services.chains.verifyAllFull()).toEqual({ audit: null, access: null });
  });

  it('a second run the same night finds nothing and writes no row', async () => {
    const before = await h.db.selectFrom('destructionRecord').select('id').execute();
    const r = await h.services.retention.nightly();
    expect(r.total).toBe(0);
    expect(await h.db.selectFrom('destructionRecord').select('id').execute()).toHaveLength(before.length);
  });

  it('never deletes access records before 2 years even when a row says so', async () => {
    // A row whose own retain_until is wrong (already past) but recorded a year ago stays.
    await h.db.updateTable('accessRecord').set({ retainUntil: new Date('2026-01-01T00:00:00Z') }).execute();
    const r = await h.services.retention.nightly();
    expect(r.counts['access-record.2y']).toBe(0);
  });

  it('the operator sees the rules and the 파기 대장 and downloads it as .xlsx; a clerk may not', async () => {
    const page = await operator.get('/admin/retention');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('파기 대장');
    expect(html).toContain('사업체·대표자 정보');
    expect(html).toContain('안전성 확보조치 기준 §8');
    const file = await operator.get('/admin/retention/export.xlsx');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
    const { excel } = await import('../../src/heavy-libs.ts');
    const wb = new (excel().Workbook)();
    await wb.xlsx.load(bytes.buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(2).value).toBe('개인정보 종류');
    expect(ws.rowCount).toBeGreaterThanOrEqual(7);
    expect((await h.db.selectFrom('auditEvent').select('action').where('action', '=', 'retention.export').execute()).length).toBe(1);
    expect((await clerk.get('/admin/retention')).status).toBe(403);
    expect((await clerk.get('/admin/retention/export.xlsx')).status).toBe(403);
  });

  it('the operator can run it now (recorded as manual)', async () => {
    const res = await operator.post('/admin/retention/run', {});
    expect(res.status).toBe(303);
    const run = await h.db.selectFrom('retentionRun').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(run.trigger).toBe('manual');
  });
});

describe('an owner asks for correction or deletion', () => {
  let token: string;
  let businessId: string;
  let requestId: string;

  beforeAll(async () => {
    h.clock.current = new Date('2026-12-02T01:00:00Z');
    await signIn();
    businessId = await business('요청 가게', '2026-11-01T00:00:00Z');
    token = await h.services.owner.sendLink(clerkActor, businessId, meta);
  });

  it('the owner page shows what Itda holds', async () => {
    const html = await (await h.client().get(`/o/${token}`)).text();
    expect(html).toContain('잇다가 가진 내 정보');
    expect(html).toContain('김정민');
    expect(html).toContain('010-1111-2222');
    expect(html).toContain('정정 요청');
  });

  it('a request without a reason comes back with the error and the choice kept', async () => {
    const c = h.client();
    await c.get(`/o/${token}`);
    const res = await c.post(`/o/${token}/requests`, { kind: 'deletion', reason: '' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('무엇을 어떻게 바꾸거나 지워야 하는지');
    expect(html).toMatch(/value="deletion"[^>]*checked/);
  });

  it('reaches the office with a due date 10 days on, and is recorded in the 접속기록', async () => {
    const c = h.client();
    await c.get(`/o/${token}`);
    const res = await c.post(`/o/${token}/requests`, { kind: 'deletion', reason: '더 이상 지원을 받지 않습니다. 제 정보를 지워 주세요.' });
    expect(res.status).toBe(303);
    const row = await h.db.selectFrom('dataRequest').selectAll().where('businessId', '=', businessId).executeTakeFirstOrThrow();
    requestId = row.id;
    expect(row).toMatchObject({ kind: 'deletion', status: 'open', dueOn: '2026-12-12', via: 'owner_link' });
    const rec = await h.db.selectFrom('accessRecord').selectAll().where('requestId', '=', res.headers.get('x-request-id')!).executeTakeFirstOrThrow();
    expect(rec).toMatchObject({ subjectType: 'business', subjectId: businessId, action: 'create' });
    const page = await (await c.get(`/o/${token}?notice=requested`)).text();
    expect(page).toContain('처리 중');
    expect(page).toContain('2026-12-12까지');
  });

  it('the clerk’s home lists it with its due date, overdue highlighted after the 10 days', async () => {
    const res = await clerk.get('/home');
    let html = await res.text();
    // The card showed one owner's request: its view is in the 접속기록, with the count.
    const rec = await h.db.selectFrom('accessRecord').selectAll().where('requestId', '=', res.headers.get('x-request-id')!).where('subjectType', '=', 'data_request_list').executeTakeFirstOrThrow();
    expect(rec).toMatchObject({ action: 'view', detail: { count: 1 } });
    expect(html).toContain('정정·삭제 요구');
    expect(html).toContain('2026-12-12까지');
    expect(html).toContain(`/data-requests/${requestId}`);
    h.clock.current = new Date('2026-12-13T01:00:00Z');
    await signIn();
    html = await (await clerk.get('/home')).text();
    expect(html).toMatch(/krds-badge[^"]*danger[^>]*>기한 지남 2026-12-12/);
    // Back to the day after the request, while the owner's link (24 h) still opens.
    h.clock.current = new Date('2026-12-02T05:00:00Z');
    await signIn();
  });

  it('a clerk of another office neither sees nor answers it', async () => {
    const region = await h.db.selectFrom('region').select('id').orderBy('id').executeTakeFirstOrThrow();
    const other = await h.db.insertInto('office').values({ name: '다른 사무소', regionId: region.id, address: null, phone: null }).returning('id').executeTakeFirstOrThrow();
    const u = await h.createUser('clerk', { login: 'ret-other-clerk', officeId: other.id });
    const c = h.client();
    await c.login(u.login);
    const res = await c.get('/home');
    expect(await res.text()).not.toContain(`/data-requests/${requestId}`);
    // Her card showed no one: no record of it (안전성 확보조치 기준 §8 records whose data was processed).
    expect(await h.db.selectFrom('accessRecord').select('id').where('requestId', '=', res.headers.get('x-request-id')!).where('subjectType', '=', 'data_request_list').execute()).toEqual([]);
    expect((await c.get(`/data-requests/${requestId}`)).status).toBe(403);
    expect((await c.post(`/data-requests/${requestId}`, { outcome: 'deleted', note: '' })).status).toBe(403);
  });

  it('a refusal needs its reason; a deletion cannot be answered "corrected"', async () => {
    let res = await clerk.post(`/data-requests/${requestId}`, { outcome: 'refused', note: '' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('거절하는 사유를 적어 주세요');
    res = await clerk.post(`/data-requests/${requestId}`, { outcome: 'corrected', note: '' });
    expect(res.status).toBe(400);
  });

  it('deleting anonymises the business at once, with its 파기 대장 row, and the owner page shows the outcome', async () => {
    const res = await clerk.post(`/data-requests/${requestId}`, { outcome: 'deleted', note: '요청에 따라 삭제했습니다.' });
    expect(res.status).toBe(303);
    const row = await h.db.selectFrom('dataRequest').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'deleted', outcomeNote: '요청에 따라 삭제했습니다.', reason: '(파기)' });
    const b = await h.db.selectFrom('business').select(['ownerName', 'anonymisedAt']).where('id', '=', businessId).executeTakeFirstOrThrow();
    expect(b.ownerName).toBeNull();
    const rec = await h.db.selectFrom('destructionRecord').selectAll().where('ruleId', '=', 'business.on-request').executeTakeFirstOrThrow();
    expect(rec).toMatchObject({ kind: 'business', method: 'anonymise', count: 1 });
    expect(rec.basis).toContain('§36');
    const audit = await h.db.selectFrom('auditEvent').select('detail').where('action', '=', 'data_request.decide').executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ outcome: 'deleted', late: false });
    const html = await (await h.client().get(`/o/${token}`)).text();
    expect(html).toContain('삭제함');
    expect(html).not.toContain('김정민');
    expect(html).not.toContain('name="reason"');
    expect((await clerk.post(`/data-requests/${requestId}`, { outcome: 'refused', note: 'x' })).status).toBe(400);
  });
});

describe('an owner signed in with an account', () => {
  it('sees what Itda holds on her home and asks from there; not for a business that is not hers', async () => {
    h.clock.current = new Date('2026-12-04T01:00:00Z');
    await signIn();
    const o = await h.createUser('owner', { login: 'ret-owner' });
    const businessId = await business('계정 가게', '2026-11-01T00:00:00Z', { ownerUserId: o.id });
    const other = await business('남의 가게', '2026-11-01T00:00:00Z');
    const owner = h.client();
    await owner.login('ret-owner');
    const home = await (await owner.get('/home')).text();
    expect(home).toContain('잇다가 가진 내 정보');
    expect(home).toContain('action="/my/data-requests"');
    let res = await owner.post('/my/data-requests', { businessId, kind: 'correction', reason: '' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('무엇을 어떻게 바꾸거나 지워야 하는지');
    res = await owner.post('/my/data-requests', { businessId: other, kind: 'deletion', reason: '지워 주세요' });
    expect(res.status).toBe(403);
    res = await owner.post('/my/data-requests', { businessId, kind: 'correction', reason: '주소가 바뀌었습니다.' });
    expect(res.status).toBe(303);
    const row = await h.db.selectFrom('dataRequest').selectAll().where('businessId', '=', businessId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'correction', via: 'owner_account', dueOn: '2026-12-14', status: 'open' });
    const rec = await h.db.selectFrom('accessRecord').selectAll().where('requestId', '=', res.headers.get('x-request-id')!).executeTakeFirstOrThrow();
    expect(rec).toMatchObject({ accountLogin: 'ret-owner', subjectId: businessId, action: 'create' });
    expect(await (await owner.get('/home?notice=requested')).text()).toContain('2026-12-14까지');
  });
});
