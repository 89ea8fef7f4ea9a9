import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, InvalidError } from '../../src/errors.ts';
import type { Actor } from '../../src/modules/auth/auth.policy.ts';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

/**
 * 사업 참여 through the pages: create, the whole workflow with its history, forbidden
 * transitions, stale forms (409) and a real race (exactly one of two concurrent changes wins),
 * who may see and change what, and the access records. Runs on PGlite, and on PostgreSQL with
 * TEST_DATABASE_URL.
 */
let h: Harness;
let clerk: TestClient;
let otherClerk: TestClient;
let province: TestClient;
let clerkActor: Actor;
let businessId: string;
let programmeId: number;
let ruleProgrammeId: number;

const meta = { ip: '127.0.0.1', requestId: 'test' };
const idFrom = (res: Response) => /\/participations\/([0-9a-f-]{36})/.exec(res.headers.get('location') ?? '')![1]!;
const accessRows = (subjectId: string) =>
  h.db
    .selectFrom('accessRecord')
    .select(['action', 'accountLogin', 'detail', 'reason'])
    .where('subjectId', '=', subjectId)
    .orderBy('id')
    .execute();
const version = async (id: string) =>
  (await h.db.selectFrom('participation').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

async function programme(key: string, title: string, rule: unknown, requiredDocuments: string[] = []) {
  const p = await h.db.insertInto('programme').values({ key, source: 'manual', sourceId: key }).returning('id').executeTakeFirstOrThrow();
  const v = await h.db
    .insertInto('programmeVersion')
    .values({
      programmeId: p.id,
      version: 1,
      title,
      changeReason: '시험',
      requiredDocuments,
      nationwide: true,
      rule: rule === null ? null : JSON.stringify(rule),
      // A rule judges only once reviewed (issue 11 §2).
      ...(rule === null ? {} : { ruleReview: 'reviewed' as const, ruleReviewedByName: '시험 검토자', ruleReviewedAt: new Date() }),
      publishedAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await h.db.updateTable('programme').set({ currentVersionId: v.id }).where('id', '=', p.id).execute();
  return p.id;
}

beforeAll(async () => {
  h = await createHarness();
  const officeId = await h.ensureOffice();
  const c = await h.createUser('clerk', { login: 'part-clerk' });
  clerkActor = { userId: c.id, login: c.login, displayName: c.displayName, role: 'clerk', officeId, locale: 'ko', via: 'session' };
  clerk = h.client();
  await clerk.login(c.login);
  const region = await h.db.selectFrom('region').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
  const other = await h.db
    .insertInto('office')
    .values({ name: '다른 사무소', regionId: region.id, address: null, phone: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const oc = await h.createUser('clerk', { login: 'part-other-clerk', officeId: other.id });
  otherClerk = h.client();
  await otherClerk.login(oc.login);
  province = h.client();
  await province.login((await h.createUser('province', { login: 'part-province' })).login);
  businessId = (
    await h.db
      .insertInto('business')
      .values({
        name: '참여 시험 가게',
        ownerName: '김민용',
        municipalityCode: '41110',
        officeId,
        clerkId: c.id,
        openedOn: '2019-01-01',
        workers: 2,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  programmeId = await programme('part-p1', '시험 경영환경개선 지원', null, ['national_tax_certificate']);
  ruleProgrammeId = await programme('part-p2', '누구나 지원사업', { all: [] });
});
afterAll(async () => {
  await h?.close();
});

async function create(pid = programmeId): Promise<string> {
  const res = await clerk.post(`/businesses/${businessId}/participations/new`, { programmeId: String(pid), reason: '방문 상담에서 발굴' });
  expect(res.status).toBe(303);
  return idFrom(res);
}
const move = (id: string, form: Record<string, string>, client = clerk) => client.post(`/participations/${id}`, form);

describe('creating a participation', () => {
  it('offers the programmes the business is eligible for first, and records the view', async () => {
    const res = await clerk.get(`/businesses/${businessId}/participations/new`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.indexOf('누구나 지원사업')).toBeLessThan(html.indexOf('시험 경영환경개선 지원'));
    expect(html).toContain('자격 있음');
    // A programme without a reviewed rule gives no verdict (issue 11 §2).
    expect(html).toContain('요건 확인 전 (공고문을 직접 확인)');
    expect((await accessRows(businessId)).some((r) => r.action === 'view' && r.accountLogin === 'part-clerk')).toBe(true);
  });

  it('creates it at 발굴 on the current version, with its first history row and a create record; a second one for the same programme is refused', async () => {
    const id = await create();
    const p = await h.db.selectFrom('participation').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(p).toMatchObject({ businessId, programmeId, status: 'identified', version: 1, createdBy: clerkActor.userId });
    const events = await h.db.selectFrom('participationEvent').selectAll().where('participationId', '=', id).execute();
    expect(events).toMatchObject([
      { fromStatus: null, toStatus: 'identified', reason: '방문 상담에서 발굴', actorUserId: clerkActor.userId },
    ]);
    const rows = await accessRows(businessId);
    expect(rows.at(-1)).toMatchObject({ action: 'create', accountLogin: 'part-clerk', detail: { participationId: id } });

    const again = await clerk.post(`/businesses/${businessId}/participations/new`, { programmeId: String(programmeId), reason: '메모' });
    expect(again.status).toBe(400);
    const html = await again.text();
    expect(html).toContain('이미 진행 중인 참여가 있습니다');
    expect(html).toContain('메모</textarea>');
    const missing = await clerk.post(`/businesses/${businessId}/participations/new`, { programmeId: '' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('지원사업을 골라 주세요');
  });

  it('two people creating the same participation at once: one is created, the other told it exists', async () => {
    const pid = await programme('part-race', '동시 생성 시험 사업', null);
    const results = await Promise.allSettled(
      [0, 1].map(() => h.services.participations.create(clerkActor, businessId, { programmeId: String(pid) }, meta)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected')!;
    expect((rejected.reason as InvalidError).issues).toEqual([{ path: 'programmeId', messageKey: 'participations.alreadyOpen' }]);
    expect(await h.db.selectFrom('participation').select('id').where('programmeId', '=', pid).execute()).toHaveLength(1);
    await h.db.updateTable('participation').set({ status: 'withdrawn' }).where('programmeId', '=', pid).execute();
  });

  it('shows the section on the business page with the list and the new-participation form', async () => {
    const res = await clerk.get(`/businesses/${businessId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('사업 참여 (2건)');
    expect(html).toContain('시험 경영환경개선 지원');
    expect(html).toContain(`action="/businesses/${businessId}/participations/new"`);
    // The page's short choice leaves out the programme in progress and offers the withdrawn one again.
    const select = html.slice(html.indexOf('name="programmeId"'), html.indexOf('</select>', html.indexOf('name="programmeId"')));
    const race = await h.db.selectFrom('programme').select('id').where('key', '=', 'part-race').executeTakeFirstOrThrow();
    expect(select).toContain(`value="${race.id}"`);
    expect(select).not.toContain(`value="${programmeId}"`);
  });
});

describe('the workflow through the pages', () => {
  let id: string;
  beforeAll(async () => {
    await h.db.updateTable('participation').set({ status: 'withdrawn' }).where('businessId', '=', businessId).execute();
    id = await create();
  });

  it('walks 발굴 → 안내 → 서류준비 → 신청완료 → 선정 → 수혜, keeping who, when and why', async () => {
    expect((await move(id, { to: 'informed', version: '1', reason: '대표자에게 전화로 안내' })).status).toBe(303);
    expect((await move(id, { to: 'preparing', version: '2' })).status).toBe(303);

    // 신청완료 needs a date and a channel: a 400 that keeps what was typed.
    const bad = await move(id, { to: 'submitted', version: '3', submittedOn: '2026-11-20', reason: '정부24로 신청' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('신청 경로(온라인, 방문, 우편, 이메일)를 골라 주세요');
    expect(html).toContain('value="2026-11-20"');
    expect(html).toContain('정부24로 신청</textarea>');
    expect(html).toContain('href="#f-channel"');
    const future = await move(id, { to: 'submitted', version: '3', submittedOn: '2026-12-01', channel: 'online' });
    expect(future.status).toBe(400);
    expect(await future.text()).toContain('오늘보다 늦은 날짜');

    expect((await move(id, { to: 'submitted', version: '3', submittedOn: '2026-11-20', channel: 'online' })).status).toBe(303);
    expect((await move(id, { to: 'selected', version: '4', decidedOn: '2026-11-25' })).status).toBe(303);
    const noAmount = await move(id, { to: 'benefited', version: '5', amount: '0', benefitedOn: '2026-11-26' });
    expect(noAmount.status).toBe(400);
    expect(await noAmount.text()).toContain('1원 이상 100억 원 이하');
    const ok = await move(id, { to: 'benefited', version: '5', amount: '1,500,000', benefitedOn: '2026-11-26' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/participations/${id}?notice=moved`);

    const p = await h.db.selectFrom('participation').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(p).toMatchObject({
      status: 'benefited',
      version: 6,
      submittedOn: '2026-11-20',
      submissionChannel: 'online',
      decidedOn: '2026-11-25',
      benefitAmount: 1_500_000,
      benefitedOn: '2026-11-26',
    });
    const events = await h.db
      .selectFrom('participationEvent')
      .select(['fromStatus', 'toStatus', 'reason', 'actorUserId'])
      .where('participationId', '=', id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => `${e.fromStatus}→${e.toStatus}`)).toEqual([
      'null→identified',
      'identified→informed',
      'informed→preparing',
      'preparing→submitted',
      'submitted→selected',
      'selected→benefited',
    ]);
    expect(events.every((e) => e.actorUserId === clerkActor.userId)).toBe(true);
    expect(events[1]!.reason).toBe('대표자에게 전화로 안내');

    const page = await clerk.get(`/participations/${id}?notice=moved`);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('1,500,000원');
    expect(text).toContain('대표자에게 전화로 안내');
    expect(text).toContain(clerkActor.displayName);
    expect(text).toContain('단계를 바꿨습니다');
    expect(text).not.toContain('다음 단계'); // 수혜 is terminal: no forms
    const updates = (await accessRows(businessId)).filter(
      (r) => r.action === 'update' && (r.detail as { participationId?: string }).participationId === id,
    );
    expect(updates).toHaveLength(5);

    // 선정 ended it: the satisfaction survey was offered in that transition, once (수혜 adds none).
    const invitations = await h.db
      .selectFrom('surveyInvitation')
      .select(['outcome', 'createdVia', 'createdBy'])
      .where('participationId', '=', id)
      .execute();
    expect(invitations).toEqual([{ outcome: 'selected', createdVia: 'transition', createdBy: clerkActor.userId }]);
  });

  it('shows the survey of an ended participation on its page, and offers one by hand where none was made', async () => {
    // `id` ended at 선정 in the walk above: its invitation is open, with the code and the slip link.
    const page = await (await clerk.get(`/participations/${id}`)).text();
    const inv = await h.db
      .selectFrom('surveyInvitation')
      .select(['id', 'code'])
      .where('participationId', '=', id)
      .executeTakeFirstOrThrow();
    expect(page).toContain('응답 대기');
    expect(page).toContain(inv.code);
    expect(page).toContain(`href="/surveys/${inv.id}/slip"`);
    expect(page).not.toContain('action="/surveys/offer"');

    // One ended without a transition (e.g. imported as 취소): a button offers it; then the code shows.
    const other = await create(ruleProgrammeId);
    await h.db.updateTable('participation').set({ status: 'withdrawn' }).where('id', '=', other).execute();
    const before = await (await clerk.get(`/participations/${other}`)).text();
    expect(before).toContain('action="/surveys/offer"');
    const res = await clerk.post('/surveys/offer', { participationId: other, returnTo: `/participations/${other}` });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/participations/${other}?notice=surveyOffered`);
    const after = await (await clerk.get(`/participations/${other}?notice=surveyOffered`)).text();
    expect(after).toContain('만족도 조사를 안내했습니다');
    const made = await h.db
      .selectFrom('surveyInvitation')
      .select(['code', 'createdVia'])
      .where('participationId', '=', other)
      .executeTakeFirstOrThrow();
    expect(made.createdVia).toBe('manual');
    expect(after).toContain(made.code);
    // A participation still open has no survey section at all.
    const open = await create(ruleProgrammeId);
    expect(await (await clerk.get(`/participations/${open}`)).text()).not.toContain('id="survey-title"');
    await h.db.updateTable('participation').set({ status: 'withdrawn' }).where('id', 'in', [other, open]).execute();
  });

  it('refuses a forbidden transition with a clear message (수혜 → 안내; 발굴 → 선정)', async () => {
    const res = await move(id, { to: 'informed', version: '6', reason: '되돌리기' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('‘수혜’ 단계에서 ‘안내’ 단계로는 바꿀 수 없습니다');
    expect(await version(id)).toBe(6);
    await h.db.updateTable('participation').set({ status: 'withdrawn' }).where('id', '=', id).execute();
    const fresh = await create();
    const skip = await move(fresh, { to: 'selected', version: '1', decidedOn: '2026-11-25' });
    expect(skip.status).toBe(400);
    expect(await skip.text()).toContain('‘발굴’ 단계에서 ‘선정’ 단계로는 바꿀 수 없습니다');
    const unknown = await move(fresh, { to: 'approved', version: '1' });
    expect(unknown.status).toBe(400);
  });

  it('answers a stale form with 409, a Korean message and a reload link, and changes nothing', async () => {
    const fresh = (
      await h.db
        .selectFrom('participation')
        .select('id')
        .where('businessId', '=', businessId)
        .where('status', '=', 'identified')
        .executeTakeFirstOrThrow()
    ).id;
    expect((await move(fresh, { to: 'informed', version: '1' })).status).toBe(303);
    const stale = await move(fresh, { to: 'withdrawn', version: '1', reason: '대표자 포기' });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain('다른 사람이 이 참여의 단계를 먼저 바꿨습니다');
    expect(html).toContain(`href="/participations/${fresh}"`);
    expect(html).toContain('새로 불러오기');
    const p = await h.db.selectFrom('participation').select(['status', 'version']).where('id', '=', fresh).executeTakeFirstOrThrow();
    expect(p).toEqual({ status: 'informed', version: 2 });
  });

  it('lets exactly one of two concurrent changes from the same version win (race)', async () => {
    const fresh = (
      await h.db
        .selectFrom('participation')
        .select('id')
        .where('businessId', '=', businessId)
        .where('status', '=', 'informed')
        .executeTakeFirstOrThrow()
    ).id;
    const v = await version(fresh);
    const results = await Promise.allSettled([
      h.services.participations.transition(clerkActor, fresh, { to: 'preparing', version: String(v) }, meta),
      h.services.participations.transition(clerkActor, fresh, { to: 'withdrawn', version: String(v), reason: '동시에 취소' }, meta),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    const p = await h.db.selectFrom('participation').select(['status', 'version']).where('id', '=', fresh).executeTakeFirstOrThrow();
    expect(p.version).toBe(v + 1);
    const after = await h.db
      .selectFrom('participationEvent')
      .select('toStatus')
      .where('participationId', '=', fresh)
      .orderBy('id')
      .execute();
    expect(after.at(-1)!.toStatus).toBe(p.status);
    expect(after.filter((e) => e.toStatus === 'preparing' || e.toStatus === 'withdrawn')).toHaveLength(1);
  });

  it('lets exactly one of two concurrent HTTP posts win as well', async () => {
    const fresh = await create(ruleProgrammeId);
    const [a, b] = await Promise.all([move(fresh, { to: 'informed', version: '1' }), move(fresh, { to: 'preparing', version: '1' })]);
    expect([a.status, b.status].sort()).toEqual([303, 409]);
    expect(await version(fresh)).toBe(2);
  });
});

describe('messages', () => {
  it('renders every text from the catalogue in Korean and English (no raw keys)', async () => {
    const id = (
      await h.db
        .selectFrom('participation')
        .select('id')
        .where('businessId', '=', businessId)
        .where('status', '=', 'withdrawn')
        .executeTakeFirstOrThrow()
    ).id;
    const open = (
      await h.db
        .selectFrom('participation')
        .select('id')
        .where('businessId', '=', businessId)
        .where('status', 'in', ['identified', 'informed', 'preparing', 'submitted', 'selected'])
        .executeTakeFirstOrThrow()
    ).id;
    const rawKey = /\b(participations|documents)\.[a-zA-Z]/;
    for (const locale of ['ko', 'en']) {
      const client = h.client();
      await client.login('part-clerk');
      await client.post('/locale', { locale, returnTo: '/home' });
      for (const path of [
        `/participations/${id}`,
        `/participations/${open}`,
        `/businesses/${businessId}/participations/new`,
        `/businesses/${businessId}`,
      ]) {
        const html = await (await client.get(path)).text();
        expect(html.match(rawKey)?.[0], `${locale} ${path}`).toBeUndefined();
      }
    }
    await clerk.post('/locale', { locale: 'ko', returnTo: '/home' }); // the choice is kept on the account
  });
});

describe('who may see and change a participation', () => {
  let id: string;
  beforeAll(async () => {
    id = (
      await h.db
        .selectFrom('participation')
        .select('id')
        .where('businessId', '=', businessId)
        .orderBy('createdAt')
        .executeTakeFirstOrThrow()
    ).id;
  });

  it('shows the page to the assigned clerk with a view record, refuses another office and the province', async () => {
    const res = await clerk.get(`/participations/${id}`);
    expect(res.status).toBe(200);
    const rid = res.headers.get('x-request-id')!;
    const rows = await h.db.selectFrom('accessRecord').selectAll().where('requestId', '=', rid).execute();
    expect(rows).toMatchObject([
      { action: 'view', subjectType: 'business', subjectId: businessId, accountLogin: 'part-clerk', detail: { participationId: id } },
    ]);
    expect((await otherClerk.get(`/participations/${id}`)).status).toBe(403);
    expect((await province.get(`/participations/${id}`)).status).toBe(403);
    expect((await otherClerk.post(`/participations/${id}`, { to: 'withdrawn', version: '1', reason: 'x' })).status).toBe(403);
    expect((await otherClerk.get(`/businesses/${businessId}/participations/new`)).status).toBe(403);
    expect((await clerk.get('/participations/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await clerk.get('/participations/not-an-id')).status).toBe(404);
  });

  it('refuses anything that looks like a 주민등록번호 in a reason', async () => {
    const open = await create(programmeId).catch(() => null);
    const target = open ?? id;
    const res = await move(target, { to: 'withdrawn', version: String(await version(target)), reason: '대표자 800101-1234567 요청' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('주민등록번호');
  });
});
