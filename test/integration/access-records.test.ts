import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/roles.ts';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

/**
 * 안전성 확보조치 기준 §8: every route that shows a business's or owner's personal data writes an
 * access record. The route list comes from the app; a route without a line here fails the first
 * test, so nobody adds a page of personal data without deciding this.
 *   false        shows no personal data of businesses/owners (staff accounts, catalogue, aggregates)
 *   { as, path } shows personal data: requested as that role, the request must leave an access record
 */
type Personal = false | { as: Role; path?: string };
const PERSONAL: Record<string, Personal> = {
  'GET /businesses': { as: 'clerk' },
  'GET /businesses/:id': { as: 'clerk' },
  'GET /businesses/:id/eligibility/more': { as: 'clerk' },
  'GET /businesses/:id/edit': { as: 'clerk' },
  'GET /caseload': { as: 'office_lead' },
  'GET /o/:token': { as: 'clerk' },
  'GET /home': { as: 'owner' },
  // Participations and documents (paths with the fixture ids are set in beforeAll).
  'GET /businesses/:id/participations/new': { as: 'clerk' },
  'GET /participations/:id': { as: 'clerk' },
  'GET /documents/files/:id': { as: 'clerk' },
  // The hand-over page at the end of a clerk's contract names her businesses (path set in beforeAll).
  'GET /admin/contracts/:id': { as: 'operator' },
  // The bulk hand-over (담당 일괄 이관) lists the leaving clerk's businesses by name once one is chosen (path set in beforeAll).
  'GET /operations/handover': { as: 'office_lead' },
  // Help requests of the public self-check (issue 13 §1): names and phones of the office's queue.
  'GET /help-requests': { as: 'office_lead' },
  // Papers ready to sign (issue 13 §3): each print is recorded as 'print' (paths set in beforeAll).
  'GET /participations/:id/papers/power-of-attorney': { as: 'clerk' },
  'GET /participations/:id/papers/summary': { as: 'clerk' },
  'GET /businesses/:id/papers/consent': { as: 'clerk' },
  'GET /businesses/:id/papers/handout': { as: 'clerk' },
};
/** Routes that never show business or owner data (all others must be listed above). */
const NOT_PERSONAL = [
  /^GET \/(healthz|readyz|login|password|privacy|static|api\/(openapi\.json|docs)|programmes|catalogue\/review-queue|eligibility|admin\/(org|regions|offices|users|audit|notifications|import))/,
  /^GET \/$/,
  // Reports, surveys and operations (issue 5): aggregates, business names and staff figures, no
  // owner's personal data; exports of tables with personal data record the access with a reason
  // themselves (reports.test), and the access-record review records its own viewing. The hand-over
  // page names businesses: it is listed above.
  /^GET \/(reports|api\/v1\/reports|operations(?!\/handover)|surveys|s(\/|$)|admin\/access-review)/,
  /^GET \/businesses\/new$/,
  // Retention (issue 14 §3): the rules and the 파기 대장 hold kinds and counts, no personal data.
  /^GET \/admin\/retention(\/export\.xlsx)?$/,
  // The upload form for a signed scan shows no data of the business (its page records the view).
  /^GET \/businesses\/:id\/papers\/signed$/,
  // The public self-check (issue 13 §1): the answers given, in the visitor's own URL; nothing stored.
  /^GET \/check(\/help(\/sent)?)?$/,
  /^GET \/api\/v1\/programmes$/,
  // The opt-out link of a reminder (issue 13 §2): one question and one button, nothing about the business.
  /^GET \/u\/:token$/,
  /^GET \/api\/v1\/me$/,
  // 상가(상권)정보 (issue 12 §1): public data of 소상공인시장진흥공단 (상호, 업종, 주소), no owner or personal data.
  /^GET \/(stores|admin\/stores)(\/|$)/,
  // Outreach (issue 12 §3): registry shops (public data), counts, and the offices' visit lists of those
  // shops with outcomes (who/when, audited) — no business or owner data; a shop becomes a business only
  // through the intake, which records as usual.
  /^GET \/outreach(\/|$)/,
  // Recruitment, training, employment linkage (issue 6): applicants' and clerks' data, no business or
  // owner data; their own access records (applicant, employment_referral) are checked in
  // test/integration/recruitment*.test.ts.
  /^GET \/(recruit|review|reemployment|saeil|my\/(training|employment)|admin\/(recruitment|training|employment|contracts$))/,
];

let h: Harness;
const clients = new Map<Role, TestClient>();
let businessId: string;
let ownerToken: string;

beforeAll(async () => {
  h = await createHarness();
  const officeId = await h.ensureOffice();
  for (const role of ['clerk', 'office_lead', 'owner', 'operator'] as const) {
    const u = await h.createUser(role, { login: `ar-${role}` });
    const c = h.client();
    await c.login(u.login);
    clients.set(role, c);
  }
  const clerkId = (await h.db.selectFrom('appUser').select('id').where('login', '=', 'ar-clerk').executeTakeFirstOrThrow()).id;
  const ownerId = (await h.db.selectFrom('appUser').select('id').where('login', '=', 'ar-owner').executeTakeFirstOrThrow()).id;
  businessId = (
    await h.db
      .insertInto('business')
      .values({
        name: '접속기록 가게',
        ownerName: '박정민',
        phone: '010-3333-4444',
        municipalityCode: '41110',
        officeId,
        clerkId,
        ownerUserId: ownerId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const clerk = {
    userId: clerkId,
    login: 'ar-clerk',
    displayName: 'x',
    role: 'clerk' as const,
    officeId,
    locale: 'ko',
    via: 'session' as const,
  };
  ownerToken = await h.services.owner.sendLink(clerk, businessId, { ip: null, requestId: 'setup' });
  const programme = await h.db
    .insertInto('programme')
    .values({ key: 'ar-p', source: 'manual', sourceId: 'ar-p' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const version = await h.db
    .insertInto('programmeVersion')
    .values({ programmeId: programme.id, version: 1, title: '시험 사업', changeReason: '시험' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await h.db.updateTable('programme').set({ currentVersionId: version.id }).where('id', '=', programme.id).execute();
  // One programme's explanation for the business (issue 12 §4): it shows the business's facts.
  PERSONAL['GET /businesses/:id/programmes/:programmeId/explanation'] = { as: 'clerk', path: `/businesses/:id/programmes/${programme.id}/explanation` };
  const participation = await h.db
    .insertInto('participation')
    .values({ businessId, programmeId: programme.id, programmeVersionId: version.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const file = await h.db
    .insertInto('documentFile')
    .values({
      businessId,
      fileName: 'a.pdf',
      mediaType: 'application/pdf',
      sizeBytes: 5,
      sha256: '0'.repeat(64),
      content: new TextEncoder().encode('%PDF-'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  PERSONAL['GET /participations/:id'] = { as: 'clerk', path: `/participations/${participation.id}` };
  PERSONAL['GET /documents/files/:id'] = { as: 'clerk', path: `/documents/files/${file.id}` };
  PERSONAL['GET /participations/:id/papers/power-of-attorney'] = { as: 'clerk', path: `/participations/${participation.id}/papers/power-of-attorney` };
  PERSONAL['GET /participations/:id/papers/summary'] = { as: 'clerk', path: `/participations/${participation.id}/papers/summary` };
  const contract = await h.db
    .insertInto('clerkContract')
    .values({ clerkId, officeId, startsOn: '2026-05-01', endsOn: '2026-11-30' })
    .returning('id')
    .executeTakeFirstOrThrow();
  PERSONAL['GET /admin/contracts/:id'] = { as: 'operator', path: `/admin/contracts/${contract.id}` };
  PERSONAL['GET /operations/handover'] = { as: 'office_lead', path: `/operations/handover?clerk=${clerkId}` };
  // An owner's correction request (issue 14 §3): its page names the business and what the owner asked.
  const request = await h.services.owner.requestByLink(ownerToken, { kind: 'correction', reason: '전화번호가 바뀌었습니다.' }, { ip: null, requestId: 'setup' });
  PERSONAL['GET /data-requests/:id'] = { as: 'clerk', path: `/data-requests/${request.id}` };
});
afterAll(async () => {
  await h?.close();
});

const routes = () => [...new Set(h.app.routes.filter((r) => r.method === 'GET').map((r) => `${r.method} ${r.path}`))].sort();

describe('access records cover every route that shows personal data', () => {
  it('classifies every GET route (a new page must decide whether it shows personal data)', () => {
    const unclassified = routes().filter((r) => !(r in PERSONAL) && !NOT_PERSONAL.some((re) => re.test(r)));
    expect(unclassified, `classify these routes in access-records.test.ts: ${unclassified.join(', ')}`).toEqual([]);
  });

  it('writes an access record (account, time, IP, whose data, action) for each personal-data route', async () => {
    const missing: string[] = [];
    for (const [route, p] of Object.entries(PERSONAL)) {
      if (!p) continue;
      const path = (p.path ?? route.slice(4)).replace(':id', businessId).replace(':token', ownerToken);
      const client = route === 'GET /o/:token' ? h.client() : clients.get(p.as)!;
      const res = await client.get(path);
      expect(res.status, `${route}`).toBe(200);
      const requestId = res.headers.get('x-request-id')!;
      const rows = await h.db.selectFrom('accessRecord').selectAll().where('requestId', '=', requestId).execute();
      if (!rows.length) missing.push(route);
      // A page is a view; a file handed out (anything but HTML) is a download or a print.
      const isFile = !/^text\/html/.test(res.headers.get('content-type') ?? '');
      for (const r of rows) {
        expect(r.action, route).toBe(isFile ? (r.action === 'print' ? 'print' : 'download') : 'view');
        expect(r.at).toBeInstanceOf(Date);
        expect(r.subjectId).toBeTruthy();
        if (route !== 'GET /o/:token') expect(r.accountLogin).toBe(`ar-${p.as}`);
      }
    }
    expect(missing, `these routes showed personal data without an access record`).toEqual([]);
  });
});

describe('tamper evidence', () => {
  it('writes the records of views that arrive together in batches (one call, one commit), each request waiting for its own; a bad record fails alone', async () => {
    const { createAccessLogRepository } = await import('../../src/modules/access-log/access-log.repository.ts');
    const { createPersonalDataGate } = await import('../../src/modules/access-log/personal-data.gate.ts');
    const repo = createAccessLogRepository();
    const calls: number[] = [];
    const gate = createPersonalDataGate({
      repo: {
        ...repo,
        append: (db, e) => (calls.push(1), repo.append(db, e)),
        appendMany: (db, es) => (calls.push(es.length), repo.appendMany(db, es)),
      },
      now: () => new Date(),
    });
    const settled = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        gate.open(
          h.db,
          // One account that is not an account (not a uuid): its record cannot be written.
          { userId: i === 17 ? 'not-a-uuid' : null, login: `batch-${i}`, role: 'operator', officeId: null, displayName: '시험' } as never,
          { ip: '127.0.0.1', requestId: `b${i}` },
          { permission: 'access.review', subjectType: 'access_record', subjectId: 'batch', action: 'view' },
        ),
      ),
    );
    // The first is written alone at once; the others, which arrived while it was written, together.
    expect(calls[0]).toBe(1);
    expect(Math.max(...calls)).toBeGreaterThan(10);
    expect(settled.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(settled[17]!.status).toBe('rejected');
    const rows = await h.db.selectFrom('accessRecord').select(['requestId', 'accountLogin']).where('subjectId', '=', 'batch').orderBy('id').execute();
    expect(rows.map((r) => r.requestId)).toEqual(Array.from({ length: 40 }, (_, i) => `b${i}`).filter((r) => r !== 'b17'));
    expect(await repo.verifyChain(h.db)).toBeNull();
    // The access review's daily counts (kept by a statement trigger) count a batch's every record.
    const counted = await h.db.selectFrom('accessRecordDay').select((eb) => eb.fn.sum<number>(eb('inHours', '+', eb.ref('offHours'))).as('n')).executeTakeFirstOrThrow();
    const all = await h.db.selectFrom('accessRecord').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(Number(all.n));
  });

  it('keeps one unbroken hash chain under concurrent writers, and finds an edited row', async () => {
    const { createAccessLogRepository } = await import('../../src/modules/access-log/access-log.repository.ts');
    const repo = createAccessLogRepository();
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        h.services.gate.byLink(
          h.db,
          { ip: '127.0.0.1', requestId: `c${i}` },
          { subjectType: 'business', subjectId: businessId, action: 'view', link: `c${i}` },
        ),
      ),
    );
    expect(await repo.verifyChain(h.db)).toBeNull();
    expect(await h.db.selectFrom('accessRecord').select('requestId').where('requestId', 'in', Array.from({ length: 25 }, (_, i) => `c${i}`)).execute()).toHaveLength(25);
    const victim = await h.db.selectFrom('accessRecord').select('id').orderBy('id').limit(1).offset(5).executeTakeFirstOrThrow();
    await h.db.updateTable('accessRecord').set({ accountLogin: 'someone-else' }).where('id', '=', victim.id).execute();
    expect(await repo.verifyChain(h.db)).toBe(victim.id);
  });
});
