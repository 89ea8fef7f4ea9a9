import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/roles.ts';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

/**
 * Every route × every role. The table below is the specification of who may do what; the route
 * list comes from the app itself, so a route added without a line here fails the first test.
 *   'public'     anyone, signed in or not
 *   'signed-in'  any signed-in account
 *   Role[]       exactly these roles; everyone else gets 403 (signed in) or is sent to sign in.
 */
type Rule = 'public' | 'signed-in' | readonly Role[];
const OPS = ['operator', 'admin'] as const;
/** Casework staff; which businesses each may see is tested in businesses.test.ts. */
const STAFF = ['clerk', 'office_lead', 'operator', 'admin'] as const;
const EXPECTED: Record<string, Rule> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /static/krds/*': 'public',
  'GET /static/fonts/*': 'public',
  'GET /static/*': 'public',
  'GET /': 'public',
  'GET /login': 'public',
  'POST /login': 'public',
  'POST /logout': 'public',
  // The second step of sign-in (issue 14 §2): reached by a session past the password; anyone else is sent on.
  'GET /login/second-factor': 'public',
  'POST /login/second-factor': 'public',
  'GET /login/second-factor/enrol': 'public',
  'POST /login/second-factor/enrol': 'public',
  'GET /password': 'signed-in',
  'POST /password': 'signed-in',
  'POST /locale': 'public',
  'GET /home': 'signed-in',
  'GET /privacy': 'public',
  'GET /admin/org': ['operator', 'admin', 'office_lead', 'province'],
  'GET /admin/regions/:id': OPS,
  'POST /admin/regions/:id': OPS,
  'GET /admin/offices/new': OPS,
  'POST /admin/offices/new': OPS,
  'GET /admin/offices/:id': OPS,
  'POST /admin/offices/:id': OPS,
  'GET /admin/users': OPS,
  'GET /admin/users/new': OPS,
  'POST /admin/users/new': OPS,
  'GET /admin/users/:id': OPS,
  'POST /admin/users/:id': OPS,
  'POST /admin/users/:id/reset-password': OPS,
  'POST /admin/users/:id/reset-second-factor': ['admin'],
  'GET /admin/users/:id/tokens': ['admin'],
  'POST /admin/users/:id/tokens': ['admin'],
  'POST /admin/users/:id/tokens/:tokenId/revoke': ['admin'],
  'GET /admin/audit': OPS,
  'GET /admin/notifications': ['admin', 'operator'],
  // Recruitment (issue 6): public application pages, operator pages, reviewers (operator accounts).
  'GET /recruit': 'public',
  'GET /recruit/rounds/:id': 'public',
  'GET /recruit/rounds/:id/apply': 'public',
  'POST /recruit/rounds/:id/apply': 'public',
  'GET /recruit/resume': 'public',
  'POST /recruit/resume': 'public',
  'GET /recruit/application': 'public',
  'POST /recruit/application': 'public',
  'POST /recruit/application/decline': 'public',
  'POST /recruit/leave': 'public',
  'GET /admin/recruitment': OPS,
  'GET /admin/recruitment/rounds/new': OPS,
  'POST /admin/recruitment/rounds/new': OPS,
  'GET /admin/recruitment/rounds/:id': OPS,
  'GET /admin/recruitment/rounds/:id/edit': OPS,
  'POST /admin/recruitment/rounds/:id/edit': OPS,
  'POST /admin/recruitment/rounds/:id/assign': OPS,
  'GET /admin/recruitment/rounds/:id/ranking': OPS,
  'POST /admin/recruitment/rounds/:id/select': OPS,
  'GET /admin/recruitment/applicants/:id': OPS,
  'POST /admin/recruitment/applicants/:id/screening': OPS,
  'POST /admin/recruitment/applicants/:id/interview': OPS,
  'POST /admin/recruitment/applicants/:id/decline': OPS,
  'POST /admin/recruitment/applicants/:id/withdraw': OPS,
  'POST /admin/recruitment/applicants/:id/hire': OPS,
  'GET /admin/recruitment/files/:id': OPS,
  'GET /review': OPS,
  'GET /review/:id': OPS,
  'POST /review/:id': OPS,
  'POST /review/:id/conflict': OPS,
  'GET /review/:id/files/:fileId': OPS,
  // Training, contracts, employment linkage (issue 6).
  'GET /admin/training': OPS,
  'POST /admin/training/courses': OPS,
  'GET /admin/training/courses/:id': OPS,
  'POST /admin/training/courses/:id': OPS,
  'POST /admin/training/courses/:id/sessions': OPS,
  'POST /admin/training/courses/:id/enrol': OPS,
  'POST /admin/training/sessions/:id/attendance': OPS,
  'GET /admin/training/courses/:id/certificates/:clerkId': OPS,
  'GET /my/training': ['clerk'],
  'GET /my/training/:id/certificate': ['clerk'],
  'GET /admin/contracts': OPS,
  'POST /admin/contracts': OPS,
  'GET /admin/contracts/:id': OPS,
  'POST /admin/contracts/:id/end': OPS,
  'GET /admin/employment': OPS,
  'POST /admin/employment/referrals': OPS,
  'GET /reemployment': ['province', 'operator', 'admin'],
  // Reports, surveys, operations (issue 5): dashboards scoped per role in the service.
  'GET /reports': ['clerk', 'office_lead', 'operator', 'admin', 'province'],
  'GET /reports/export/:table': ['clerk', 'office_lead', 'operator', 'admin', 'province'],
  'POST /reports/export/:table': ['clerk', 'office_lead', 'operator', 'admin', 'province'],
  'GET /reports/monthly': ['operator', 'admin', 'province'],
  'POST /reports/monthly': ['operator', 'admin'],
  'GET /reports/monthly/:id/xlsx': ['operator', 'admin', 'province'],
  'GET /reports/monthly/:id/pdf': ['operator', 'admin', 'province'],
  'GET /api/v1/reports/summary': ['clerk', 'office_lead', 'operator', 'admin', 'province'],
  'GET /api/v1/reports/breakdown': ['clerk', 'office_lead', 'operator', 'admin', 'province'],
  'GET /api/v1/reports/programmes': ['clerk', 'office_lead', 'operator', 'admin', 'province'],
  'GET /api/v1/reports/monthly': ['operator', 'admin', 'province'],
  'GET /surveys': ['clerk', 'office_lead', 'operator', 'admin'],
  'GET /surveys/:id/slip': ['clerk', 'office_lead', 'operator', 'admin'],
  'POST /surveys/offer': ['clerk', 'office_lead', 'operator', 'admin'],
  'POST /surveys/sweep': ['operator', 'admin'],
  'GET /s': 'public',
  'POST /s': 'public',
  'GET /s/thanks': 'public',
  'GET /s/:token': 'public',
  'POST /s/:token': 'public',
  'GET /operations': ['office_lead', 'operator', 'admin'],
  'GET /operations/calendar': ['office_lead', 'operator', 'admin'],
  'GET /operations/handover': ['office_lead', 'operator', 'admin'],
  'POST /operations/handover': ['office_lead', 'operator', 'admin'],
  'GET /admin/access-review': OPS,
  'POST /admin/access-review/signoff': OPS,
  'GET /admin/access-review/export': OPS,
  'POST /admin/access-review/export': OPS,
  'GET /my/employment': ['clerk'],
  'POST /my/employment/consent': ['clerk'],
  'POST /my/employment/consent/withdraw': ['clerk'],
  'GET /saeil': ['saeil_counsellor'],
  'GET /saeil/referrals/:id': ['saeil_counsellor'],
  'POST /saeil/referrals/:id/sessions': ['saeil_counsellor'],
  'POST /saeil/referrals/:id/jobs': ['saeil_counsellor'],
  'POST /saeil/referrals/:id/outcome': ['saeil_counsellor'],
  'GET /programmes': 'signed-in',
  'GET /programmes/:id': 'signed-in',
  'GET /programmes/:id/versions/:versionId': 'signed-in',
  'GET /programmes/:id/edit': ['catalog_editor', 'admin'],
  'POST /programmes/:id/edit': ['catalog_editor', 'admin'],
  'POST /programmes/:id/notices/read': ['catalog_editor', 'admin'],
  'GET /programmes/:id/drafts/:draftId': ['catalog_editor', 'admin'],
  'POST /programmes/:id/drafts/:draftId/publish': ['catalog_editor', 'admin'],
  'GET /programmes/:id/review': ['catalog_editor', 'admin'],
  'POST /programmes/:id/review': ['catalog_editor', 'admin'],
  'GET /catalogue/review-queue': ['catalog_editor', 'admin'],
  'GET /admin/import': ['catalog_editor', 'operator', 'admin'],
  'POST /admin/import': ['catalog_editor', 'operator', 'admin'],
  // Public self-check (issue 13 §1): no sign-in, nothing stored.
  'GET /check': 'public',
  'GET /check/help': 'public',
  'POST /check/help': 'public',
  'GET /check/help/sent': 'public',
  'GET /help-requests': STAFF,
  'POST /api/v1/eligibility/check': 'public',
  'GET /api/v1/programmes': 'public',
  'POST /help-requests/:id/close': STAFF,
  'GET /eligibility': ['clerk', 'office_lead', 'operator', 'catalog_editor', 'admin'],
  'GET /businesses': STAFF,
  'GET /businesses/new': STAFF,
  'POST /businesses/new': STAFF,
  'GET /businesses/:id': [...STAFF, 'owner'],
  'GET /businesses/:id/programmes/:programmeId/explanation': [...STAFF, 'owner'],
  'GET /businesses/:id/eligibility/more': [...STAFF, 'owner'],
  'GET /businesses/:id/edit': STAFF,
  'POST /businesses/:id/edit': STAFF,
  'POST /businesses/:id/activities': STAFF,
  'POST /businesses/:id/nts-check': STAFF,
  'POST /businesses/:id/consent/withdraw': STAFF,
  'POST /tasks/:id/done': STAFF,
  'GET /caseload': ['office_lead', 'operator', 'admin'],
  // 상가(상권)정보 (issue 12 §1): public data; staff browse their area, the operator imports.
  'GET /stores': STAFF,
  'GET /stores/:id': STAFF,
  'GET /admin/stores': OPS,
  'POST /admin/stores': OPS,
  'GET /admin/stores/imports/:id': OPS,
  // Outreach (issue 12 §3): staff see shops of their area, the province counts only (outreachViewOf).
  'GET /outreach': [...STAFF, 'province'],
  'POST /outreach/visits': STAFF,
  'GET /outreach/visits/:id': STAFF,
  'POST /outreach/visits/:id/outcome': STAFF,
  'GET /outreach/visits/:id/pdf': STAFF,
  'GET /outreach/visits/:id/xlsx': STAFF,
  'GET /outreach/shops.xlsx': STAFF,
  'GET /outreach/counts.xlsx': [...STAFF, 'province'],
  'POST /businesses/export': ['office_lead', 'operator', 'admin'],
  'GET /o/:token': 'public',
  'POST /businesses/:id/owner-link': STAFF,
  'POST /caseload/assign': ['office_lead', 'operator', 'admin'],
  // Participations and documents: staff who may write the business; the owner may read their own.
  'GET /businesses/:id/participations/new': STAFF,
  'POST /businesses/:id/participations/new': STAFF,
  'GET /participations/:id': [...STAFF, 'owner'],
  'POST /participations/:id': STAFF,
  'POST /participations/:id/documents': STAFF,
  'GET /documents/files/:id': [...STAFF, 'owner'],
  'POST /documents/files/:id': [...STAFF, 'owner'],
  // Retention (issue 14 §3): the operator's 파기 대장; owners' requests answered by the business's staff.
  'GET /admin/retention': OPS,
  'POST /admin/retention/run': OPS,
  'GET /admin/retention/export.xlsx': OPS,
  'POST /o/:token/requests': 'public',
  'POST /my/data-requests': ['owner'],
  // Reminders the owner agreed to (issue 13 §2): the clerk's form on the business page, the owner's own
  // changes (link or account), and the opt-out link of every reminder (no sign-in).
  'POST /businesses/:id/reminders': STAFF,
  'POST /o/:token/reminders': 'public',
  'POST /my/reminders': ['owner'],
  'GET /u/:token': 'public',
  'POST /u/:token': 'public',
  'GET /data-requests/:id': STAFF,
  'POST /data-requests/:id': STAFF,
  // Papers ready to sign (issue 13 §3): whoever may read the business prints; staff who may write upload.
  'GET /participations/:id/papers/power-of-attorney': [...STAFF, 'owner'],
  'GET /participations/:id/papers/summary': [...STAFF, 'owner'],
  'GET /businesses/:id/papers/consent': [...STAFF, 'owner'],
  'GET /businesses/:id/papers/handout': [...STAFF, 'owner'],
  'GET /businesses/:id/papers/signed': STAFF,
  'POST /businesses/:id/papers/signed': STAFF,
  'GET /api/v1/me': 'signed-in',
  'GET /api/openapi.json': 'public',
  'GET /api/docs': 'public',
};

let h: Harness;
let targetId: string;
let tokenId: string;
let officeId: number;
let programmeId: number;
let versionId: number;
let draftId: number;
let businessId: string;
let taskId: string;
let participationId: string;
let documentFileId: string;
const clients = new Map<Role, TestClient>();
const users = new Map<Role, string>();

function routeList(): string[] {
  const seen = new Set<string>();
  for (const r of h.app.routes) {
    if (r.method === 'ALL') continue; // middleware
    seen.add(`${r.method} ${r.path}`);
  }
  return [...seen].sort();
}

function concrete(path: string): string {
  return path
    .replace('/businesses/:id', `/businesses/${businessId}`)
    .replace(':programmeId', String(programmeId))
    .replace('/participations/:id', `/participations/${participationId}`)
    .replace('/documents/files/:id', `/documents/files/${documentFileId}`)
    .replace('/o/:token', '/o/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')
    .replace('/tasks/:id', `/tasks/${taskId}`)
    .replace('/help-requests/:id', '/help-requests/00000000-0000-4000-8000-000000000000')
    .replace('/data-requests/:id', '/data-requests/00000000-0000-4000-8000-000000000000')
    .replace('/programmes/:id/versions/:versionId', `/programmes/${programmeId}/versions/${versionId}`)
    .replace('/programmes/:id/drafts/:draftId', `/programmes/${programmeId}/drafts/${draftId}`)
    .replace('/programmes/:id', `/programmes/${programmeId}`)
    .replace(':tokenId', tokenId)
    .replace('/users/:id', `/users/${targetId}`)
    .replace('/regions/:id', '/regions/1')
    .replace('/offices/:id', `/offices/${officeId}`)
    .replace('/static/krds/*', '/static/krds/cdn/krds.min.css')
    .replace('/static/fonts/*', '/static/fonts/DroidSansFallbackFull.ttf')
    .replace('/reports/export/:table', '/reports/export/summary')
    .replace('/static/*', '/static/app.css');
}

beforeAll(async () => {
  h = await createHarness();
  officeId = await h.ensureOffice();
  // Sign-ins in parallel: password hashing runs on libuv's threads, not on this one.
  await Promise.all(
    ROLES.map(async (role) => {
      const u = await h.createUser(role, { login: `matrix-${role}` });
      users.set(role, u.id);
      const c = h.client();
      expect((await c.login(u.login)).status).toBe(303);
      clients.set(role, c);
    }),
  );
  const target = await h.createUser('clerk', { login: 'matrix-target' });
  targetId = target.id;
  const token = await h.db
    .insertInto('apiToken')
    .values({ userId: targetId, name: 't', prefix: 'itda_pat_x', tokenHash: 'x'.repeat(64), createdBy: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  tokenId = token.id;
  const p = await h.db
    .insertInto('programme')
    .values({ key: 'matrix-p', source: 'manual', sourceId: 'm1' })
    .returning('id')
    .executeTakeFirstOrThrow();
  programmeId = p.id;
  const base = {
    programmeId,
    title: '시험 지원사업',
    changeReason: '시험',
    nationwide: true,
    rule: JSON.stringify({ all: [{ type: 'smallBusiness' }] }),
  };
  versionId = (
    await h.db
      .insertInto('programmeVersion')
      .values({ ...base, version: 1 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await h.db.updateTable('programme').set({ currentVersionId: versionId }).where('id', '=', programmeId).execute();
  // A business of the matrix office, assigned to the matrix clerk, owned by the matrix owner.
  const b = await h.db
    .insertInto('business')
    .values({ name: '시험 사업장', municipalityCode: '41110', officeId, clerkId: users.get('clerk')!, ownerUserId: users.get('owner')! })
    .returning('id')
    .executeTakeFirstOrThrow();
  businessId = b.id;
  taskId = (
    await h.db
      .insertInto('task')
      .values({ businessId, clerkId: users.get('clerk')!, title: '서류 받기', dueOn: '2026-12-01' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  // A participation of that business with one uploaded document file.
  participationId = (
    await h.db
      .insertInto('participation')
      .values({ businessId, programmeId, programmeVersionId: versionId, createdBy: users.get('clerk')! })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const doc = await h.db
    .insertInto('businessDocument')
    .values({ businessId, documentType: 'national_tax_certificate', issuedOn: '2026-11-20', participationId })
    .returning('id')
    .executeTakeFirstOrThrow();
  documentFileId = (
    await h.db
      .insertInto('documentFile')
      .values({
        businessId,
        documentId: doc.id,
        fileName: 'a.pdf',
        mediaType: 'application/pdf',
        sizeBytes: 5,
        sha256: '0'.repeat(64),
        content: new TextEncoder().encode('%PDF-'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  draftId = (
    await h.db
      .insertInto('programmeVersion')
      .values({ ...base, version: 2, status: 'draft', basedOnVersionId: versionId })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await h?.close();
});

describe('route × role matrix', () => {
  it('has a rule for every route the app serves (a new route without a rule fails here)', () => {
    const routes = routeList();
    const missing = routes.filter((r) => !(r in EXPECTED));
    const stale = Object.keys(EXPECTED).filter((r) => !routes.includes(r));
    expect(missing, `routes without a rule: ${missing.join(', ')}`).toEqual([]);
    expect(stale, `rules for routes that no longer exist: ${stale.join(', ')}`).toEqual([]);
  });

  // One test per route (the table's keys; the test above checks they are the app's routes): each
  // is nine requests, well inside any timeout, and a failure names its route.
  const checked = Object.keys(EXPECTED)
    .sort()
    .filter((route) => route !== 'POST /logout' && route !== 'POST /login'); // would end the matrix sessions; covered in auth.test.ts
  it.each(checked)('%s: allowed and denied exactly as the table says, for every role and for anonymous visitors', async (route) => {
    const failures: string[] = [];
    const [method, path] = route.split(' ') as [string, string];
    const rule = EXPECTED[route]!;
    const url = concrete(path);
    for (const who of [...ROLES, 'anonymous'] as const) {
      const client = who === 'anonymous' ? h.client() : clients.get(who)!;
      const res = method === 'GET' ? await client.get(url, { accept: 'text/html' }) : await client.post(url, {});
      const allowed = rule === 'public' || (who !== 'anonymous' && (rule === 'signed-in' || rule.includes(who)));
      const status = res.status;
      const toLogin = status === 303 && (res.headers.get('location') ?? '').startsWith('/login');
      // A public route may send anonymous visitors to sign in as its normal answer (GET /).
      const denied = status === 403 || status === 401 || (toLogin && rule !== 'public');
      if (allowed && denied) failures.push(`${route} as ${who}: expected allowed, got ${status}`);
      if (!allowed) {
        const expectedDenial = who === 'anonymous' ? status === 401 || toLogin : status === 403;
        if (!expectedDenial) failures.push(`${route} as ${who}: expected denied, got ${status}`);
      }
      if (status >= 500) failures.push(`${route} as ${who}: server error ${status}`);
    }
    expect(failures).toEqual([]);
  });
});
