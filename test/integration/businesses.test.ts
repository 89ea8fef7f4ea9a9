import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEligibilityRepository } from '../../src/modules/eligibility/eligibility.repository.ts';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

let h: Harness;
let clerk: TestClient;
let clerkId: string;
let officeId: number;
beforeAll(async () => {
  h = await createHarness();
  officeId = await h.ensureOffice(); // covers 41110 수원
  const u = await h.createUser('clerk', { login: 'clerk-suwon' });
  clerkId = u.id;
  clerk = h.client();
  await clerk.login(u.login);
});
afterAll(async () => {
  await h?.close();
});

const intake = (over: Record<string, string> = {}) => ({
  brn: '220-81-62517',
  name: '수원 분식',
  ownerName: '김민용',
  phone: '010-1234-5678',
  municipalityCode: '41110',
  openedOn: '2019-05-02',
  annualRevenue: '120,000,000',
  workers: '2',
  ksicCode: '56111',
  operatingStatus: 'active',
  localTaxArrears: 'no',
  consentCollection: 'written',
  consentThirdParty: 'written',
  ...over,
});

const accessRows = (subjectId: string) => h.db.selectFrom('accessRecord').select(['action', 'accountLogin', 'ip']).where('subjectId', '=', subjectId).orderBy('id').execute();

describe('intake', () => {
  let id: string;
  it('registers a business with consent, assigns it to the clerk of the covering office, and records the access', async () => {
    const res = await clerk.post('/businesses/new', intake());
    expect(res.status).toBe(303);
    id = /\/businesses\/([0-9a-f-]{36})/.exec(res.headers.get('location')!)![1]!;
    const b = await h.db.selectFrom('business').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(b).toMatchObject({ brn: '2208162517', officeId, clerkId, annualRevenue: 120_000_000, ownerName: '김민용', minimalOnly: false });
    const consents = await h.db.selectFrom('consent').select(['kind', 'method', 'textVersion']).where('businessId', '=', id).execute();
    expect(consents.map((k) => k.kind).sort()).toEqual(['collection', 'third_party']);
    expect((await accessRows(id)).map((r) => r.action)).toEqual(['create']);
  });

  it('records the facts real notices ask about (issue 11 §5) and hands them to the engine', async () => {
    const res = await clerk.post(
      '/businesses/new',
      intake({
        brn: '110-81-00010',
        name: '시장 떡집',
        legalForm: 'corporation',
        marketLocation: 'traditional_market',
        annualRevenue: '270,000,000',
        annualRevenueYear: '2025',
        previousAnnualRevenue: '300,000,000',
        closurePlanned: 'yes',
        plannedClosureOn: '2027-03-31',
        restart: 'no',
      }),
    );
    expect(res.status).toBe(303);
    const nid = /\/businesses\/([0-9a-f-]{36})/.exec(res.headers.get('location')!)![1]!;
    const [row] = await createEligibilityRepository().businessFacts(h.db, { ids: [nid] });
    expect(row!.facts).toMatchObject({
      legalForm: 'corporation',
      marketLocation: 'traditional_market',
      annualRevenue: 270_000_000,
      annualRevenueYear: 2025,
      previousAnnualRevenue: 300_000_000,
      closurePlanned: true,
      plannedClosureOn: '2027-03-31',
      restart: false,
    });
    const page = await (await clerk.get(`/businesses/${nid}`)).text();
    expect(page).toContain('법인');
    expect(page).toContain('전통시장 안');
    expect(page).toContain('폐업 예정일 2027-03-31');
    // "폐업 예정 아님" clears a stale planned date, and an unknown stays unknown (empty → NULL).
    const b = await h.db.selectFrom('business').select('version').where('id', '=', nid).executeTakeFirstOrThrow();
    const edit = await clerk.post(`/businesses/${nid}/edit`, intake({ brn: '110-81-00010', name: '시장 떡집', version: String(b.version), closurePlanned: 'no', plannedClosureOn: '2027-03-31' }));
    expect(edit.status).toBe(303);
    const after = await h.db.selectFrom('business').select(['closurePlanned', 'plannedClosureOn', 'legalForm', 'marketLocation']).where('id', '=', nid).executeTakeFirstOrThrow();
    expect(after).toEqual({ closurePlanned: false, plannedClosureOn: null, legalForm: null, marketLocation: null });
    const form = await (await clerk.get(`/businesses/${nid}/edit`)).text();
    expect(form).toContain('name="closurePlanned"');
    expect(form).toContain('name="marketLocation"');
  });

  it('refuses a revenue year that is not a year, in Korean, keeping the input', async () => {
    const bad = await clerk.post('/businesses/new', intake({ brn: '110-81-00024', name: '연도 가게', annualRevenueYear: '25년' }));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('연도는 네 자리 숫자로');
    expect(html).toContain('value="연도 가게"');
  });

  it('opens the existing business instead of creating a second record for the same 사업자등록번호', async () => {
    const res = await clerk.post('/businesses/new', intake({ brn: '2208162517', name: '다른 이름' }));
    expect(res.headers.get('location')).toBe(`/businesses/${id}?notice=existing`);
    expect(await h.db.selectFrom('business').select('id').where('brn', '=', '2208162517').execute()).toHaveLength(1);
  });

  it('refuses a wrong check digit and anything that looks like a 주민등록번호, keeping the typed values', async () => {
    const bad = await clerk.post('/businesses/new', intake({ brn: '220-81-62518', name: '새 가게' }));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('검증번호 불일치');
    expect(html).toContain('value="새 가게"');
    const rrn = await clerk.post('/businesses/new', intake({ brn: '124-81-00998', ownerName: '홍길동 800101-1234567' }));
    expect(rrn.status).toBe(400);
    expect(await rrn.text()).toContain('주민등록번호로 보이는 숫자');
    expect(await h.db.selectFrom('business').select('id').where('brn', '=', '1248100998').execute()).toHaveLength(0);
  });

  it('without consent stores only the minimum (no owner name or phone)', async () => {
    const res = await clerk.post('/businesses/new', intake({ brn: '124-81-00998', name: '동의 없는 가게', consentCollection: '', consentThirdParty: '' }));
    const nid = /\/businesses\/([0-9a-f-]{36})/.exec(res.headers.get('location')!)![1]!;
    const b = await h.db.selectFrom('business').selectAll().where('id', '=', nid).executeTakeFirstOrThrow();
    expect(b).toMatchObject({ ownerName: null, phone: null, minimalOnly: true, workers: '2.0' });
  });

  it('shows the full values on the detail page (recorded), masks them in the list (recorded as a list view)', async () => {
    const page = await (await clerk.get(`/businesses/${id}`)).text();
    expect(page).toContain('김민용');
    expect(page).toContain('010-1234-5678');
    expect(page).toContain('신청 가능'); // explained eligibility section
    const list = await (await clerk.get('/businesses')).text();
    expect(list).toContain('김*용');
    expect(list).toContain('010-****-5678');
    expect(list).not.toContain('010-1234-5678');
    const rows = await accessRows(id);
    expect(rows.map((r) => r.action)).toContain('view');
    expect(rows.every((r) => r.accountLogin === 'clerk-suwon')).toBe(true);
    const listRecord = await h.db.selectFrom('accessRecord').select('subjectType').where('subjectType', '=', 'business_list').execute();
    expect(listRecord.length).toBeGreaterThan(0);
  });

  it('logs an activity with a next action that becomes a task on the clerk home', async () => {
    const res = await clerk.post(`/businesses/${id}/activities`, { kind: 'visit', occurredOn: '2026-11-27', minutes: '40', summary: '경영환경개선 안내, 서류 목록 드림', nextAction: '지방세 납세증명서 받기', nextDueOn: '2026-11-30' });
    expect(res.status).toBe(303);
    const home = await (await clerk.get('/home')).text();
    expect(home).toContain('지방세 납세증명서 받기');
    const missingDue = await clerk.post(`/businesses/${id}/activities`, { kind: 'call', occurredOn: '2026-11-27', summary: '통화', nextAction: '다시 전화' });
    expect(missingDue.status).toBe(400);
    expect(await missingDue.text()).toContain('기한을 넣으세요');
  });

  it('applies a consent withdrawal: the owner’s personal data is erased at once', async () => {
    const res = await clerk.post(`/businesses/${id}/consent/withdraw`, { kind: 'collection' });
    expect(res.status).toBe(303);
    const b = await h.db.selectFrom('business').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(b).toMatchObject({ ownerName: null, phone: null, minimalOnly: true });
    expect((await accessRows(id)).map((r) => r.action)).toContain('delete');
  });

  it('never lets a clerk of another office see the business, and answers a stale edit with 409', async () => {
    const region = await h.db.selectFrom('region').select('id').where('id', '=', 2).executeTakeFirstOrThrow();
    const other = await h.db.insertInto('office').values({ name: '다른 사무소', regionId: region.id, address: null, phone: null }).returning('id').executeTakeFirstOrThrow();
    const stranger = h.client();
    await stranger.login((await h.createUser('clerk', { officeId: other.id })).login);
    expect((await stranger.get(`/businesses/${id}`)).status).toBe(403);
    const b = await h.db.selectFrom('business').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    const form = intake({ version: String(b.version), consentCollection: '' });
    expect((await clerk.post(`/businesses/${id}/edit`, form)).status).toBe(303);
    const stale = await clerk.post(`/businesses/${id}/edit`, { ...form, name: '늦은 수정' });
    expect(stale.status).toBe(409);
  });
});

describe('scope policy (issue 10 §1)', () => {
  it('lets a clerk read her own and her office\'s unassigned businesses, not a colleague\'s', async () => {
    const colleague = await h.createUser('clerk', { officeId });
    const theirs = await h.db.insertInto('business').values({ name: '동료 가게', municipalityCode: '41110', officeId, clerkId: colleague.id }).returning('id').executeTakeFirstOrThrow();
    const open = await h.db.insertInto('business').values({ name: '미배정 가게', municipalityCode: '41110', officeId, clerkId: null }).returning('id').executeTakeFirstOrThrow();
    expect((await clerk.get(`/businesses/${theirs.id}`)).status).toBe(403);
    expect((await clerk.get(`/businesses/${open.id}`)).status).toBe(200);
    const list = await (await clerk.get('/businesses')).text();
    expect(list).toContain('미배정 가게');
    expect(list).not.toContain('동료 가게');
  });

  it('hands a walk-in from another office\'s area to that office, names it and its contact, and keeps the registering clerk reading until it is taken on', async () => {
    const region = await h.db.selectFrom('region').select('id').orderBy('id').executeTakeFirstOrThrow();
    const yongin = await h.db.insertInto('office').values({ name: '용인 사무소', regionId: region.id, address: '용인시 처인구 중부대로 1199', phone: '031-324-0000' }).returning('id').executeTakeFirstOrThrow();
    await h.db.insertInto('officeMunicipality').values({ officeId: yongin.id, municipalityCode: '41460' }).execute();
    const res = await clerk.post('/businesses/new', intake({ brn: '138-81-00018', name: '용인 꽃집', municipalityCode: '41460' }));
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toContain('notice=handedOver');
    const id = /\/businesses\/([0-9a-f-]{36})/.exec(location)![1]!;
    const b = await h.db.selectFrom('business').select(['officeId', 'clerkId', 'registeredBy']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(b).toEqual({ officeId: yongin.id, clerkId: null, registeredBy: clerkId });
    // Not "접근 권한이 없습니다": the page opens, read-only, and says where the business went.
    const page = await clerk.get(location);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain('접근 권한이 없습니다');
    expect(html).toContain('주소지를 맡은 용인 사무소로 넘겼습니다');
    expect(html).toContain('031-324-0000');
    expect(html).toContain('용인시 처인구 중부대로 1199');
    expect(html).not.toContain(`/businesses/${id}/edit`);
    expect((await clerk.get(`/businesses/${id}/edit`)).status).toBe(403);
    expect(await (await clerk.get('/businesses')).text()).toContain('용인 꽃집');
    // Its own office sees it, unassigned; once a clerk there takes it on, the registrar's read access ends.
    const lead = h.client();
    await lead.login((await h.createUser('office_lead', { officeId: yongin.id })).login);
    expect((await lead.get(`/businesses/${id}`)).status).toBe(200);
    const yonginClerk = await h.createUser('clerk', { officeId: yongin.id });
    expect((await lead.post('/caseload/assign', { clerkId: yonginClerk.id, businessIds: [id] })).status).toBe(303);
    expect((await clerk.get(`/businesses/${id}`)).status).toBe(403);
    expect(await (await clerk.get('/businesses')).text()).not.toContain('용인 꽃집');
  });
});

describe('caseload', () => {
  it('lets the office lead move several businesses at once within the office, and not outside it', async () => {
    const lead = h.client();
    await lead.login((await h.createUser('office_lead', { officeId })).login);
    const other = await h.createUser('clerk', { officeId });
    const ids = (await h.db.selectFrom('business').select('id').where('officeId', '=', officeId).execute()).map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const page = await (await lead.get('/caseload')).text();
    expect(page).toContain(other.displayName);
    const res = await lead.post('/caseload/assign', { clerkId: other.id, businessIds: ids });
    expect(res.status).toBe(303);
    const now = await h.db.selectFrom('business').select('clerkId').where('id', 'in', ids).execute();
    expect(now.every((r) => r.clerkId === other.id)).toBe(true);
    const foreign = await h.createUser('clerk', { officeId: (await h.db.selectFrom('office').select('id').where('name', '=', '다른 사무소').executeTakeFirstOrThrow()).id });
    expect((await lead.post('/caseload/assign', { clerkId: foreign.id, businessIds: ids })).status).toBe(403);
  });
});

describe('owner view', () => {
  it('sends a one-time link by SMS through the outbox; it shows only that business for 24 hours', async () => {
    const res = await clerk.post('/businesses/new', intake({ brn: '106-81-11110', name: '링크 가게', phone: '010-2222-3333', preferredChannel: 'sms' }));
    const id = /\/businesses\/([0-9a-f-]{36})/.exec(res.headers.get('location')!)![1]!;
    expect((await clerk.post(`/businesses/${id}/owner-link`, {})).status).toBe(303);
    const sms = await h.db.selectFrom('notification').select(['channel', 'recipient', 'body']).where('template', '=', 'owner.link').executeTakeFirstOrThrow();
    expect(sms).toMatchObject({ channel: 'sms', recipient: '01022223333' });
    const path = /\/o\/[A-Za-z0-9_-]+/.exec(sms.body)![0];
    const anon = h.client();
    const page = await anon.get(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('링크 가게');
    expect(html).not.toContain('수원 분식');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const rec = await h.db.selectFrom('accessRecord').select(['detail']).where('subjectId', '=', id).where('action', '=', 'view').execute();
    expect(rec.some((r) => (r.detail as { via?: string }).via === 'owner-link')).toBe(true);
    h.clock.advance(24 * 3_600_000 + 1000);
    expect((await anon.get(path)).status).toBe(404);
  });

  it('shows an owner account only their own business', async () => {
    const ownerUser = await h.createUser('owner');
    const b = await h.db.selectFrom('business').select('id').where('name', '=', '링크 가게').executeTakeFirstOrThrow();
    await h.db.updateTable('business').set({ ownerUserId: ownerUser.id }).where('id', '=', b.id).execute();
    const owner = h.client();
    await owner.login(ownerUser.login);
    const home = await (await owner.get('/home')).text();
    expect(home).toContain('링크 가게');
    expect(home).not.toContain('수원 분식');
    const other = await h.db.selectFrom('business').select('id').where('name', '=', '수원 분식').executeTakeFirstOrThrow();
    expect((await owner.get(`/businesses/${other.id}`)).status).toBe(403);
  });
});

describe('training gate', () => {
  it('refuses to give a caseload to a clerk whose required training is not complete', async () => {
    const lead = h.client();
    await lead.login((await h.createUser('office_lead', { officeId })).login);
    const fresh = await h.createUser('clerk', { officeId });
    await h.db
      .insertInto('trainingCourse' as never)
      .values({ title: '개인정보 보호 기본 교육', requiredHours: 4, requiredForCaseload: true, active: true })
      .execute();
    const ids = (await h.db.selectFrom('business').select('id').where('officeId', '=', officeId).limit(1).execute()).map((r) => r.id);
    const res = await lead.post('/caseload/assign', { clerkId: fresh.id, businessIds: ids });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('개인정보 보호 기본 교육');
  });
});

describe('export', () => {
  it('asks for a purpose, records it, and masks names and phones in the .xlsx', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const lead = h.client();
    await lead.login((await h.createUser('office_lead', { officeId })).login);
    const refused = await lead.post('/businesses/export', { reason: '' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('내려받는 이유를 적어 주세요');
    const res = await lead.post('/businesses/export', { reason: '11월 방문 계획 작성' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('사업장')!;
    expect(ws.getRow(1).getCell(1).value).toBe('상호');
    const phones = ws.getColumn(3).values.filter((v): v is string => typeof v === 'string' && v.startsWith('010'));
    expect(phones.length).toBeGreaterThan(0);
    expect(phones.every((p) => p.includes('****'))).toBe(true);
    const rec = await h.db.selectFrom('accessRecord').select(['action', 'reason']).where('subjectType', '=', 'business_list').where('action', '=', 'download').executeTakeFirstOrThrow();
    expect(rec.reason).toBe('11월 방문 계획 작성');
  });
});
