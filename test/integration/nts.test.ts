/**
 * 국세청 사업자등록 상태조회 (issue 11 §6) end to end: the app talks HTTP to a local double of the
 * 공공데이터포털 service (a real server on loopback, same request and answer shapes), at intake, on the
 * clerk's request, before 신청완료, and in the weekly job in batches of 100; failures never block the
 * clerk and are shown; unconfigured means no call at all.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidBrn } from '../../src/domain/identifiers.ts';
import type { Actor } from '../../src/modules/auth/auth.policy.ts';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

/** Valid 사업자등록번호 (check digit right), `n` of them from a prefix. */
function validBrns(prefix: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const body = `${prefix}${String(i).padStart(9 - prefix.length, '0')}`;
    for (let d = 0; d < 10; d++) if (isValidBrn(body + d)) out.push(body + d);
  }
  return out;
}

interface Call {
  serviceKey: string | null;
  b_no: string[];
}

/** The local double: answers like the real service from a table it is given. */
class NtsDouble {
  server: Server;
  calls: Call[] = [];
  states = new Map<string, { cd: '01' | '02' | '03'; end?: string }>();
  failWith: number | null = null;
  constructor() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        const b_no = (JSON.parse(body) as { b_no: string[] }).b_no;
        this.calls.push({ serviceKey: url.searchParams.get('serviceKey'), b_no });
        if (this.failWith) {
          res.writeHead(this.failWith, { 'content-type': 'application/json' }).end('{"status_code":"ERROR"}');
          return;
        }
        if (b_no.length > 100) {
          res.writeHead(413).end('{"status_code":"TOO_LARGE_REQUEST"}');
          return;
        }
        const data = b_no.map((b) => {
          const s = this.states.get(b);
          if (!s) return { b_no: b, b_stt: '', b_stt_cd: '', tax_type: '국세청에 등록되지 않은 사업자등록번호입니다.', tax_type_cd: '', end_dt: '' };
          const name = { '01': '계속사업자', '02': '휴업자', '03': '폐업자' }[s.cd];
          return { b_no: b, b_stt: name, b_stt_cd: s.cd, tax_type: '부가가치세 일반과세자', tax_type_cd: '01', end_dt: s.end ?? '', utcc_yn: 'N' };
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ request_cnt: b_no.length, match_cnt: data.filter((d) => d.b_stt_cd).length, status_code: 'OK', data }));
      });
    });
  }
  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/nts-businessman/v1/status`;
  }
}

const double = new NtsDouble();
let h: Harness;
let clerk: TestClient;
let clerkActor: Actor;
const brns = validBrns('4', 260);

const intake = (brn: string, over: Record<string, string> = {}) => ({
  brn,
  name: '국세청 시험 가게',
  municipalityCode: '41110',
  openedOn: '2019-05-02',
  workers: '2',
  ksicCode: '56111',
  operatingStatus: 'active',
  consentCollection: 'written',
  consentThirdParty: 'written',
  ownerName: '김민용',
  ...over,
});
const idFrom = (res: Response) => /\/businesses\/([0-9a-f-]{36})/.exec(res.headers.get('location') ?? '')![1]!;
const row = (id: string) => h.db.selectFrom('business').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  const endpoint = await double.start();
  h = await createHarness({ ITDA_NTS_ENDPOINT: endpoint, ITDA_NTS_SERVICE_KEY: 'test-key', ITDA_NTS_TIMEOUT_MS: '2000' });
  const officeId = await h.ensureOffice();
  const u = await h.createUser('clerk', { login: 'nts-clerk' });
  clerkActor = { userId: u.id, login: u.login, displayName: u.displayName, role: 'clerk', officeId, locale: 'ko', via: 'session' };
  clerk = h.client();
  await clerk.login(u.login);
});
afterAll(async () => {
  await h?.close();
  await new Promise((r) => double.server.close(r));
});

describe('at intake', () => {
  it('fills 영업 상태 and 폐업일 from the 국세청 with the date, over the documented request', async () => {
    double.states.set(brns[0]!, { cd: '03', end: '20251031' });
    const res = await clerk.post('/businesses/new', intake(brns[0]!));
    expect(res.status).toBe(303);
    const id = idFrom(res);
    const b = await row(id);
    // The clerk typed 계속 (active); the 국세청 says 폐업 on 2025-10-31: the source wins, with its date.
    expect(b).toMatchObject({ operatingStatus: 'closed', closedOn: '2025-10-31', ntsState: 'closed', ntsError: null });
    expect(b.ntsCheckedAt).toEqual(h.clock.now());
    expect(double.calls.at(-1)).toEqual({ serviceKey: 'test-key', b_no: [brns[0]] });
    const page = await (await clerk.get(`/businesses/${id}`)).text();
    expect(page).toContain('폐업자');
    expect(page).toContain('폐업일 2025-10-31');
    expect(page).toContain('국세청 조회 2026-11-27');
  });

  it('keeps the business when the 국세청 is down, and shows the failure until a check succeeds', async () => {
    double.failWith = 503;
    const res = await clerk.post('/businesses/new', intake(brns[1]!));
    expect(res.status).toBe(303);
    const id = idFrom(res);
    const b = await row(id);
    expect(b).toMatchObject({ operatingStatus: 'active', ntsState: null, ntsError: '국세청 조회 서버 응답 503' });
    expect(await (await clerk.get(`/businesses/${id}`)).text()).toContain('국세청 조회 실패 (2026-11-27): 국세청 조회 서버 응답 503');

    // The clerk asks again once the service is back: the failure is cleared, the check recorded.
    double.failWith = null;
    double.states.set(brns[1]!, { cd: '02' });
    const again = await clerk.post(`/businesses/${id}/nts-check`, {});
    expect(again.headers.get('location')).toBe(`/businesses/${id}?notice=ntsChecked`);
    expect(await row(id)).toMatchObject({ operatingStatus: 'suspended', ntsState: 'suspended', ntsError: null });
    const records = await h.db.selectFrom('accessRecord').select(['action', 'detail']).where('subjectId', '=', id).orderBy('id').execute();
    expect(records.map((r) => r.action)).toContain('update');
  });

  it('changes no fact for a number the 국세청 does not know, and says so', async () => {
    const res = await clerk.post('/businesses/new', intake(brns[2]!));
    const id = idFrom(res);
    expect(await row(id)).toMatchObject({ operatingStatus: 'active', ntsState: 'unregistered' });
    expect(await (await clerk.get(`/businesses/${id}`)).text()).toContain('사업자등록번호를 사업자등록증과 다시 맞춰 보세요');
  });

  it('a check that changed the facts bumps the row version (an old edit form cannot write them back)', async () => {
    double.states.set(brns[3]!, { cd: '01' });
    const id = idFrom(await clerk.post('/businesses/new', intake(brns[3]!, { operatingStatus: '' })));
    const before = (await row(id)).version;
    double.states.set(brns[3]!, { cd: '03', end: '20261120' });
    await h.services.nts.refresh([id]);
    const after = await row(id);
    expect(after.version).toBe(before + 1);
    expect(after.closedOn).toBe('2026-11-20');
  });
});

describe('before 신청완료', () => {
  it('checks again before a participation is submitted', async () => {
    double.states.set(brns[4]!, { cd: '01' });
    const businessId = idFrom(await clerk.post('/businesses/new', intake(brns[4]!)));
    const p = await h.db.insertInto('programme').values({ key: 'nts-p1', source: 'manual', sourceId: 'nts-p1' }).returning('id').executeTakeFirstOrThrow();
    const v = await h.db
      .insertInto('programmeVersion')
      .values({ programmeId: p.id, version: 1, title: '시험 지원사업', changeReason: '시험', requiredDocuments: [], rule: JSON.stringify({ all: [] }), publishedAt: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await h.db.updateTable('programme').set({ currentVersionId: v.id }).where('id', '=', p.id).execute();
    const part = await h.db
      .insertInto('participation')
      .values({ businessId, programmeId: p.id, programmeVersionId: v.id, status: 'preparing', createdBy: clerkActor.userId })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    double.states.set(brns[4]!, { cd: '03', end: '20261125' });
    const callsBefore = double.calls.length;
    await h.services.participations.transition(clerkActor, part.id, { to: 'submitted', version: String(part.version), submittedOn: '2026-11-26', channel: 'online' }, { ip: '127.0.0.1', requestId: 't' });
    expect(double.calls.length).toBe(callsBefore + 1);
    expect(await row(businessId)).toMatchObject({ operatingStatus: 'closed', closedOn: '2026-11-25' });
  });
});

describe('the weekly job', () => {
  it('re-checks every business not checked for 7 days, at most 100 numbers a call', async () => {
    const many = brns.slice(10, 260);
    for (const b of many) double.states.set(b, { cd: '01' });
    await h.db
      .insertInto('business')
      .values(many.map((brn, i) => ({ brn, name: `일괄 ${i}`, municipalityCode: '41110', operatingStatus: 'suspended' as const })))
      .execute();
    // Eight days later everything is due: the ones from the tests above too.
    h.clock.advance(8 * 86_400_000);
    const due = await h.db.selectFrom('business').select('id').where('brn', 'is not', null).execute();
    double.calls = [];
    const r = await h.services.nts.recheckDue();
    expect(r).toMatchObject({ configured: true, checked: due.length, failed: 0 });
    expect(double.calls.every((c) => c.b_no.length <= 100)).toBe(true);
    expect(double.calls.length).toBe(Math.ceil(due.length / 100));
    expect(await h.db.selectFrom('business').select('id').where('brn', 'in', many).where('operatingStatus', '=', 'active').execute()).toHaveLength(many.length);
    // Nothing is due right after.
    double.calls = [];
    expect(await h.services.nts.recheckDue()).toMatchObject({ checked: 0 });
    expect(double.calls).toHaveLength(0);
  });

  it('shows a check older than 30 days as stale', async () => {
    const id = (await h.db.selectFrom('business').select('id').where('brn', '=', brns[0]!).executeTakeFirstOrThrow()).id;
    h.clock.advance(31 * 86_400_000);
    double.failWith = 503; // and the job fails this time: the page still shows the old check, marked stale
    await h.services.nts.recheckDue();
    double.failWith = null;
    await clerk.login('nts-clerk'); // a month later the session has long expired
    const page = await (await clerk.get(`/businesses/${id}`)).text();
    expect(page).toContain('조회한 지 30일이 지났습니다');
  });
});

describe('not configured', () => {
  // A second app without ITDA_NTS_ENDPOINT (set up in a hook: a fresh database takes a while on a busy machine).
  let plain: Harness;
  let c: TestClient;
  beforeAll(async () => {
    plain = await createHarness();
    await plain.ensureOffice();
    const u = await plain.createUser('clerk', { login: 'nts-plain' });
    c = plain.client();
    await c.login(u.login);
  });
  afterAll(async () => {
    await plain?.close();
  });

  it('makes no call and says the check is not connected', async () => {
    const callsBefore = double.calls.length;
    const id = idFrom(await c.post('/businesses/new', intake(brns[5]!)));
    expect(double.calls.length).toBe(callsBefore);
    expect(await plain.services.nts.recheckDue()).toMatchObject({ configured: false, checked: 0 });
    expect(await (await c.get(`/businesses/${id}`)).text()).toContain('국세청 조회가 연결되어 있지 않습니다');
  });
});
