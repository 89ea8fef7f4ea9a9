import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessAction } from '../../src/db/schema.ts';
import type { Role } from '../../src/domain/roles.ts';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

/**
 * 안전성 확보조치 기준 §8, the other half of access-records.test.ts (which covers the pages, GET):
 * every route that CHANGES a business's or owner's personal data, or DOWNLOADS it, writes an
 * access record through the gate (src/modules/access-log/personal-data.gate.ts) in the same
 * request. The route list comes from the app: a new POST route without a line here fails the first
 * test, so nobody adds a write or an export of personal data without deciding this.
 *
 *   WRITES[route] = { as, send }  changes or downloads personal data: sent as that role with a valid
 *                                 form, it must succeed and leave a record with a write/download action
 *   NOT_PERSONAL (with the reason) no business or owner personal data is changed or handed out
 *
 * A response that is a file (content-disposition: attachment) must be recorded as a download or a
 * print, with the reason the user gave.
 */

interface Fx {
  businessId: string;
  version: () => Promise<number>;
  participationId: string;
  /** A participation that has ended (the survey is offered after the end). */
  endedParticipationId: string;
  fileId: string;
  taskId: string;
  helpRequestId: string;
  /** An owner's correction request of the business (issue 14 §3). */
  dataRequestId: string;
  clerkId: string;
  otherClerkId: string;
  contractId: number;
  programme: () => Promise<number>;
  participationVersion: () => Promise<number>;
  contractVersion: () => Promise<number>;
}
type Send = (c: TestClient, fx: Fx) => Promise<Response>;
interface Write {
  as: Role;
  send: Send;
  /** Actions the record may carry; a file must be 'download' or 'print'. */
  actions: AccessAction[];
}
const CHANGE: AccessAction[] = ['create', 'update', 'delete'];
const FILE: AccessAction[] = ['download', 'print'];

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const WRITES: Record<string, Write> = {
  'POST /businesses/new': {
    as: 'clerk',
    actions: ['create'],
    send: (c) =>
      c.post('/businesses/new', {
        brn: '124-81-00998',
        name: '쓰기기록 새 가게',
        ownerName: '이영희',
        phone: '010-1212-3434',
        municipalityCode: '41110',
        consentCollection: 'written',
      }),
  },
  'POST /businesses/:id/edit': {
    as: 'clerk',
    actions: CHANGE,
    send: async (c, fx) =>
      c.post(`/businesses/${fx.businessId}/edit`, {
        brn: '220-81-62517',
        name: '접속기록 가게',
        ownerName: '박정민',
        phone: '010-3333-4444',
        municipalityCode: '41110',
        consentCollection: 'written',
        consentThirdParty: 'written',
        version: String(await fx.version()),
      }),
  },
  'POST /businesses/:id/activities': {
    as: 'clerk',
    actions: CHANGE,
    send: (c, fx) =>
      c.post(`/businesses/${fx.businessId}/activities`, { kind: 'visit', occurredOn: '2026-11-26', minutes: '30', summary: '서류 안내', nextAction: '', nextDueOn: '' }),
  },
  'POST /businesses/:id/consent/withdraw': {
    as: 'clerk',
    actions: CHANGE,
    send: (c, fx) => c.post(`/businesses/${fx.businessId}/consent/withdraw`, { kind: 'third_party' }),
  },
  // Reminders (issue 13 §2): the clerk records the owner's consent and channels.
  'POST /businesses/:id/reminders': {
    as: 'clerk',
    actions: CHANGE,
    send: (c, fx) =>
      c.post(`/businesses/${fx.businessId}/reminders`, { consent: 'on', consentMethod: 'written', sms: 'on', phone: '010-3333-4444', language: 'ko', weeklyLimit: '3', version: '0' }),
  },
  'POST /businesses/:id/owner-link': {
    as: 'clerk',
    actions: CHANGE,
    send: (c, fx) => c.post(`/businesses/${fx.businessId}/owner-link`, {}),
  },
  'POST /businesses/:id/nts-check': {
    as: 'clerk',
    actions: CHANGE,
    send: (c, fx) => c.post(`/businesses/${fx.businessId}/nts-check`, {}),
  },
  'POST /businesses/:id/participations/new': {
    as: 'clerk',
    actions: CHANGE,
    send: async (c, fx) => {
      const p = await fx.programme();
      return c.post(`/businesses/${fx.businessId}/participations/new`, { programmeId: String(p), reason: '방문 상담' });
    },
  },
  'POST /participations/:id': {
    as: 'clerk',
    actions: CHANGE,
    send: async (c, fx) => {
      const v = await fx.participationVersion();
      return c.post(`/participations/${fx.participationId}`, { to: 'preparing', version: String(v) });
    },
  },
  'POST /participations/:id/documents': {
    as: 'clerk',
    actions: CHANGE,
    send: (c, fx) => {
      const form = new FormData();
      form.set('_csrf', c.cookies.get('itda_csrf')!);
      form.set('documentType', 'national_tax_certificate');
      form.set('issuedOn', '2026-11-20');
      form.set('rrnMasked', 'on');
      form.set('file', new Blob([PDF], { type: 'application/pdf' }), '납세증명서.pdf');
      return c.request(`/participations/${fx.participationId}/documents`, { method: 'POST', body: form });
    },
  },
  'POST /documents/files/:id': {
    as: 'clerk',
    actions: FILE,
    send: (c, fx) => c.post(`/documents/files/${fx.fileId}`, { purpose: 'submission', note: '경기도청 제출' }),
  },
  'POST /businesses/export': {
    as: 'office_lead',
    actions: FILE,
    send: (c) => c.post('/businesses/export', { reason: '11월 방문 계획 작성' }),
  },
  'POST /caseload/assign': {
    as: 'office_lead',
    actions: CHANGE,
    send: (c, fx) => c.post('/caseload/assign', { clerkId: fx.otherClerkId, businessIds: [fx.businessId] }),
  },
  'POST /operations/handover': {
    as: 'office_lead',
    actions: CHANGE,
    send: (c, fx) => c.post('/operations/handover', { fromClerkId: fx.otherClerkId, mode: 'one', toClerkId: fx.clerkId, note: '휴가 인계' }),
  },
  'POST /tasks/:id/done': {
    as: 'clerk',
    actions: CHANGE,
    send: (c, fx) => c.post(`/tasks/${fx.taskId}/done`, {}),
  },
  'POST /help-requests/:id/close': {
    as: 'office_lead',
    actions: CHANGE,
    send: (c, fx) => c.post(`/help-requests/${fx.helpRequestId}/close`, {}),
  },
  // An owner's correction request answered by the clerk (issue 14 §3): the business's write door records it.
  'POST /data-requests/:id': {
    as: 'clerk',
    actions: CHANGE,
    send: (c, fx) => c.post(`/data-requests/${fx.dataRequestId}`, { outcome: 'corrected', note: '전화번호를 고쳤습니다.' }),
  },
  'POST /surveys/offer': {
    as: 'clerk',
    actions: CHANGE,
    send: (c, fx) => c.post('/surveys/offer', { participationId: fx.endedParticipationId, returnTo: `/participations/${fx.endedParticipationId}` }),
  },
  'POST /businesses/:id/papers/signed': {
    as: 'clerk',
    actions: ['create'],
    send: (c, fx) => {
      const form = new FormData();
      form.set('_csrf', c.cookies.get('itda_csrf')!);
      form.set('kind', 'power_of_attorney');
      form.set('participationId', fx.participationId);
      form.set('rrnMasked', 'on');
      form.set('file', new Blob([PDF], { type: 'application/pdf' }), '위임장.pdf');
      return c.request(`/businesses/${fx.businessId}/papers/signed`, { method: 'POST', body: form });
    },
  },
  // Ending a clerk's contract hands each of her businesses to another clerk (or closes it).
  'POST /admin/contracts/:id/end': {
    as: 'operator',
    actions: CHANGE,
    send: async (c, fx) => {
      const v = await fx.contractVersion();
      return c.post(`/admin/contracts/${fx.contractId}/end`, { note: '계약 만료', version: String(v), defaultTarget: fx.clerkId });
    },
  },
};

/** POST routes that change or hand out no business or owner personal data, each with its reason. */
const NOT_PERSONAL: [RegExp, string][] = [
  [/^POST \/(login|logout|password|locale)$/, 'the account itself: audit log (audit.service), not 접속기록'],
  [/^POST \/login\/second-factor(\/enrol)?$/, 'the second step of sign-in (issue 14 §2): the account itself, audit log'],
  [/^POST \/admin\/(offices|regions|users|import|stores)(\/|$)/, 'organisation, staff accounts, catalogue and registry imports: audit log'],
  [/^POST \/outreach\/visits(\/:id\/outcome)?$/, 'outreach visit lists of registry shops (public data) and visit outcomes: who/when on the item and the audit log (issue 12 §3); "interested" leads to the intake, which records'],
  [/^POST \/programmes\//, 'the catalogue (notices, rules): no personal data'],
  [/^POST \/reports\/monthly$/, 'the monthly report: aggregates with small cells suppressed'],
  [/^POST \/reports\/export\/:table$/, 'tables of staff figures: recorded as clerk_list downloads with the reason (reports.api.test, reports.pages.test)'],
  [/^POST \/admin\/access-review\/(export|signoff)$/, 'the 접속기록 themselves: the review records its own viewing and export (reports.operations.test)'],
  [/^POST \/surveys\/sweep$/, 'the job run by hand: invitations to ended participations, audited as survey.sweep'],
  [/^POST \/s(\/:token)?$/, 'the owner answers the satisfaction survey herself (data subject, no staff access)'],
  [/^POST \/check\/help$/, 'the owner asks for help herself (data subject, no staff access); the queue records its viewers'],
  [/^POST \/my\/data-requests$/, 'the owner (signed in) asks for correction or deletion of her own data; recorded as a create through gate.business (retention.test)'],
  [/^POST \/o\/:token\/requests$/, 'the owner asks for correction or deletion of her own data (data subject, no staff access); recorded as a create through gate.byLink (retention.test)'],
  [
    /^POST \/(o\/:token\/reminders|my\/reminders|u\/:token)$/,
    'the owner stops her reminders or changes their language herself (data subject, no staff access); recorded through gate.byLink / gate.business (reminders.test)',
  ],
  [/^POST \/admin\/retention\/run$/, 'the retention job run by hand: hands nothing out, writes kinds and counts to the 파기 대장, audited as retention.run'],
  [/^POST \/api\/v1\/eligibility\/check$/, 'facts in, verdicts out, nothing stored (issue 13 §1)'],
  // Recruitment, training and employment linkage (issue 6): applicants' and clerks' data, no business or
  // owner data; their own access records (applicant, employment_referral) are checked in
  // test/integration/recruitment*.test.ts and the employment tests.
  [/^POST \/(recruit|review|saeil|my\/employment|admin\/(recruitment|training|employment|contracts$))/, 'applicants and clerks (issue 6): recorded by their own services and tests'],
];

let h: Harness;
const clients = new Map<Role, TestClient>();
let fx: Fx;

beforeAll(async () => {
  h = await createHarness();
  const officeId = await h.ensureOffice();
  for (const role of ['clerk', 'office_lead', 'operator'] as const) {
    const u = await h.createUser(role, { login: `aw-${role}` });
    const c = h.client();
    await c.login(u.login);
    await c.get('/home');
    clients.set(role, c);
  }
  const clerkId = (await h.db.selectFrom('appUser').select('id').where('login', '=', 'aw-clerk').executeTakeFirstOrThrow()).id;
  const other = await h.createUser('clerk', { login: 'aw-clerk-2', officeId });
  const businessId = (
    await h.db
      .insertInto('business')
      .values({ name: '접속기록 가게', ownerName: '박정민', phone: '010-3333-4444', municipalityCode: '41110', officeId, clerkId, brn: '2208162517' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  // The other clerk's business: the contract end and the hand-over move it.
  await h.db.insertInto('business').values({ name: '인계 가게', municipalityCode: '41110', officeId, clerkId: other.id }).execute();
  await h.db.insertInto('consent').values({ businessId, kind: 'third_party', method: 'written', textVersion: 'test', givenOn: '2026-11-01' }).execute();
  const programme = await h.db.insertInto('programme').values({ key: 'aw-p', source: 'manual', sourceId: 'aw-p' }).returning('id').executeTakeFirstOrThrow();
  const version = await h.db
    .insertInto('programmeVersion')
    .values({ programmeId: programme.id, version: 1, title: '시험 사업', changeReason: '시험', requiredDocuments: ['national_tax_certificate'], publishedAt: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await h.db.updateTable('programme').set({ currentVersionId: version.id }).where('id', '=', programme.id).execute();
  const second = await h.db.insertInto('programme').values({ key: 'aw-q', source: 'manual', sourceId: 'aw-q' }).returning('id').executeTakeFirstOrThrow();
  const secondVersion = await h.db
    .insertInto('programmeVersion')
    .values({ programmeId: second.id, version: 1, title: '둘째 사업', changeReason: '시험', publishedAt: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await h.db.updateTable('programme').set({ currentVersionId: secondVersion.id }).where('id', '=', second.id).execute();
  const participationId = (
    await h.db
      .insertInto('participation')
      .values({ businessId, programmeId: programme.id, programmeVersionId: version.id, createdBy: clerkId })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const endedParticipationId = (
    await h.db
      .insertInto('participation')
      .values({ businessId, programmeId: second.id, programmeVersionId: secondVersion.id, createdBy: clerkId, status: 'withdrawn' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const fileId = (
    await h.db
      .insertInto('documentFile')
      .values({ businessId, fileName: 'a.pdf', mediaType: 'application/pdf', sizeBytes: PDF.length, sha256: '0'.repeat(64), content: PDF })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const taskId = (
    await h.db.insertInto('task').values({ businessId, clerkId, title: '서류 받기', dueOn: '2026-12-01' }).returning('id').executeTakeFirstOrThrow()
  ).id;
  const help = await h.client().post('/check/help', {
    name: '김사장',
    phone: '010-2222-3333',
    municipalityCode: '41110',
    preferredTime: 'morning',
    consent: 'on',
    website: '',
  });
  expect(help.status, 'help request set-up').toBe(303);
  const helpRequestId = (await h.db.selectFrom('helpRequest').select('id').executeTakeFirstOrThrow()).id;
  const dataRequestId = (
    await h.db
      .insertInto('dataRequest')
      .values({ businessId, kind: 'correction', reason: '전화번호가 바뀌었습니다.', via: 'owner_link', requestedAt: new Date(), dueOn: '2026-12-12' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const contractId = (
    await h.db
      .insertInto('clerkContract')
      .values({ clerkId: other.id, officeId, startsOn: '2026-05-01', endsOn: '2026-11-30' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  fx = {
    businessId,
    version: async () => (await h.db.selectFrom('business').select('version').where('id', '=', businessId).executeTakeFirstOrThrow()).version,
    participationId,
    participationVersion: async () =>
      (await h.db.selectFrom('participation').select('version').where('id', '=', participationId).executeTakeFirstOrThrow()).version,
    endedParticipationId,
    programme: async () => second.id,
    fileId,
    taskId,
    helpRequestId,
    dataRequestId,
    clerkId,
    otherClerkId: other.id,
    contractId,
    contractVersion: async () => {
      // A business for the leaving clerk, so the contract end has something to hand over.
      await h.db.insertInto('business').values({ name: '계약 종료 가게', municipalityCode: '41110', officeId, clerkId: other.id }).execute();
      return (await h.db.selectFrom('clerkContract').select('version').where('id', '=', contractId).executeTakeFirstOrThrow()).version;
    },
  };
});
afterAll(async () => {
  await h?.close();
});

/** The error summary of a refused form, as the user reads it (for the failure message). */
const problems = (html: string) => {
  const i = html.indexOf('itda-error-summary');
  return (i < 0 ? html.slice(0, 300) : html.slice(i, i + 2000)).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 500);
};

const postRoutes = () => [...new Set(h.app.routes.filter((r) => r.method === 'POST').map((r) => `${r.method} ${r.path}`))].sort();

describe('access records cover every route that changes or downloads personal data', () => {
  it('classifies every POST route (a new write must decide whether it touches personal data)', () => {
    const unclassified = postRoutes().filter((r) => !(r in WRITES) && !NOT_PERSONAL.some(([re]) => re.test(r)));
    expect(unclassified, `classify these routes in access-records.writes.test.ts: ${unclassified.join(', ')}`).toEqual([]);
    // No route is in both lists, and no line names a route that is gone.
    expect(Object.keys(WRITES).filter((r) => NOT_PERSONAL.some(([re]) => re.test(r)))).toEqual([]);
    expect(Object.keys(WRITES).filter((r) => !postRoutes().includes(r))).toEqual([]);
  });

  it('writes an access record (account, time, IP, whose data, what was done) for each write and download', async () => {
    const missing: string[] = [];
    for (const [route, w] of Object.entries(WRITES)) {
      const client = clients.get(w.as)!;
      const res = await w.send(client, fx);
      expect(res.status, `${route} must succeed with a valid form: ${res.status} ${res.status >= 400 ? problems(await res.text()) : ''}`).toBeLessThan(400);
      const isFile = /attachment/i.test(res.headers.get('content-disposition') ?? '');
      const requestId = res.headers.get('x-request-id')!;
      const rows = await h.db.selectFrom('accessRecord').selectAll().where('requestId', '=', requestId).execute();
      const recorded = rows.filter((r) => w.actions.includes(r.action));
      if (!recorded.length) missing.push(`${route} (${rows.map((r) => r.action).join(',') || 'no record'})`);
      if (isFile) {
        expect(FILE, `${route} sends a file: its record must say download or print`).toEqual(expect.arrayContaining(w.actions));
        for (const r of recorded) expect(r.reason, `${route}: a download carries the reason given`).toBeTruthy();
      }
      for (const r of recorded) {
        expect(r.at).toBeInstanceOf(Date);
        expect(r.subjectId).toBeTruthy();
        expect(r.accountLogin).toBe(`aw-${w.as}`);
      }
    }
    expect(missing, 'these routes changed or downloaded personal data without an access record').toEqual([]);
  });
});
