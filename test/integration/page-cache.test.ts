/**
 * Rendered page bodies kept per fingerprint (issue 12 §4, src/web/page-cache.ts): the business page
 * is rendered once per fingerprint of what it shows; every view still passes the gate and leaves
 * its 접속기록; a change made anywhere — here straight in SQL, as another process, a job or a person
 * at the database would — gives a new fingerprint and so a freshly rendered page; each browser
 * session gets its own CSRF token in a kept page. Both databases (TEST_DATABASE_URL for PostgreSQL).
 */
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createBusinessesRepository, NOT_ON_PAGE, PAGE_TABLES } from '../../src/modules/businesses/businesses.repository.ts';
import { createPageCache, type PageCache } from '../../src/web/page-cache.ts';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

vi.setConfig({ testTimeout: 60_000 });

let h: Harness;
let cache: PageCache;
let clerk: TestClient;
let clerkLogin: string;
let businessId: string;
const repo = createBusinessesRepository();

beforeAll(async () => {
  h = await createHarness();
  h.clock.current = new Date('2026-12-02T01:00:00Z');
  await h.ensureOffice();
  await h.createProgramme({ key: 'pc-open', rule: { type: 'revenue', max: 300_000_000 }, title: '(시험) 캐시 확인 지원사업' });
  const u = await h.createUser('clerk', { login: 'clerk-cache' });
  clerkLogin = u.login;
  cache = createPageCache({ maxBytes: 8 * 1024 * 1024 });
  const app = createApp({ config: h.config, logger: pino({ level: 'silent' }), ...h.services, dbKind: h.database.kind, pageCache: cache });
  clerk = h.clientOf(app);
  await clerk.login(clerkLogin);
  const res = await clerk.post('/businesses/new', {
    brn: '220-81-62517',
    name: '캐시 분식',
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
  });
  businessId = /\/businesses\/([0-9a-f-]{36})/.exec(res.headers.get('location')!)![1]!;
  const p = await h.db.selectFrom('programme').select('id').where('key', '=', 'pc-open').executeTakeFirstOrThrow();
  expect((await clerk.post(`/businesses/${businessId}/participations/new`, { programmeId: String(p.id) })).status).toBe(303);
  expect(
    (
      await clerk.post(`/businesses/${businessId}/activities`, {
        kind: 'visit',
        occurredOn: '2026-12-01',
        minutes: '30',
        summary: '첫 방문 기록',
        nextAction: '',
        nextDueOn: '',
      })
    ).status,
  ).toBe(303);
}, 120_000);
afterAll(async () => {
  await h?.services.storedVerdicts.settled();
  await h?.close();
});

const page = async (c: TestClient = clerk, query = '') => {
  const res = await c.get(`/businesses/${businessId}${query}`);
  expect(res.status).toBe(200);
  return res.text();
};
const views = async () =>
  Number(
    (
      await h.db
        .selectFrom('accessRecord')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('subjectId', '=', businessId)
        .where('action', '=', 'view')
        .executeTakeFirstOrThrow()
    ).n,
  );
const fingerprint = async () => (await repo.pageFingerprint(h.db, businessId))!.fingerprint;

describe('the business page kept per fingerprint', () => {
  it('every table keyed by business is either in the fingerprint or set aside with its reason', async () => {
    const rows = await sql<{ tableName: string }>`
      select distinct table_name from information_schema.columns
      where column_name = 'business_id' and table_schema = current_schema() order by table_name`.execute(h.db);
    const inSchema = rows.rows.map((r) => r.tableName);
    expect(inSchema.length).toBeGreaterThan(10);
    const listed = [...PAGE_TABLES, ...Object.keys(NOT_ON_PAGE)].sort();
    expect(listed).toEqual([...inSchema].sort());
  });

  it("every table in the fingerprint moves the business's revision on insert, update and delete", async () => {
    // The fingerprint reads the business's revision, not the rows (migration 20261210000000_business_revision.sql).
    const rows = await sql<{ tableName: string; fn: string }>`
      select c.relname as table_name, p.proname as fn from pg_trigger t
      join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
      where p.proname like 'business_revision_%' and not t.tgisinternal`.execute(h.db);
    for (const table of PAGE_TABLES)
      expect(rows.rows.filter((r) => r.tableName === table).map((r) => r.fn).sort(), table).toEqual([
        'business_revision_added',
        'business_revision_changed',
        'business_revision_removed',
      ]);
  });

  it('renders once per fingerprint; every view is recorded; a kept page is the page as rendered', async () => {
    // The new programme's column is marked dirty until the refresh that the first reader kicks has
    // run (at once on PGlite, a moment later on PostgreSQL): until then verdicts are evaluated live
    // and the page is not kept.
    await h.services.storedVerdicts.settled();
    await h.services.storedVerdicts.refreshDirty();
    await page(); // the stored verdicts of the new business are computed on this read
    const before = cache.stats();
    const viewsBefore = await views();
    const rendered = await page();
    const kept = await page();
    const after = cache.stats();
    expect(after.hits - before.hits).toBe(1);
    expect(after.entries).toBeGreaterThan(0);
    expect(kept).toBe(rendered);
    expect(kept).toContain('첫 방문 기록');
    expect(kept).toContain('(시험) 캐시 확인 지원사업');
    // Both views left their 접속기록, the kept one too.
    expect((await views()) - viewsBefore).toBe(2);
  });

  it('each browser session gets its own CSRF token in a kept page', async () => {
    await page();
    const other = h.clientOf({ request: (input, init) => clerk['app'].request(input, init) });
    await other.login(clerkLogin);
    const hits = cache.stats().hits;
    const html = await page(other);
    expect(cache.stats().hits).toBe(hits + 1);
    const own = other.cookies.get('itda_csrf')!;
    const first = clerk.cookies.get('itda_csrf')!;
    expect(own).not.toBe(first);
    expect(html).toContain(`value="${own}"`);
    expect(html).not.toContain(first);
    // Its forms work with it (the activity form posts with this session's token).
    const res = await other.post(`/businesses/${businessId}/activities`, {
      kind: 'call',
      occurredOn: '2026-12-02',
      summary: '두 번째 세션 통화',
      nextAction: '',
      nextDueOn: '',
    });
    expect(res.status).toBe(303);
    expect(await page(other)).toContain('두 번째 세션 통화');
  });

  it('a page with a notice is not kept', async () => {
    await page();
    const { hits, misses } = cache.stats();
    await page(clerk, '?notice=saved');
    await page(clerk, '?notice=saved');
    expect(cache.stats().hits).toBe(hits);
    expect(cache.stats().misses).toBe(misses);
  });

  it('a change made straight in SQL shows on the next view (activity, business, an account’s name, the programme)', async () => {
    await page();
    await h.db
      .updateTable('activity')
      .set({ summary: '고친 방문 기록' })
      .where('businessId', '=', businessId)
      .where('summary', '=', '첫 방문 기록')
      .execute();
    expect(await page()).toContain('고친 방문 기록');
    await h.db.updateTable('business').set({ name: '고친 분식' }).where('id', '=', businessId).execute();
    expect(await page()).toContain('고친 분식');
    await h.db.updateTable('appUser').set({ displayName: '이름 바뀐 사무원' }).where('login', '=', clerkLogin).execute();
    expect(await page()).toContain('이름 바뀐 사무원');
    await h.db
      .updateTable('programmeVersion')
      .set({ title: '(시험) 제목 고친 지원사업' })
      .where(
        'programmeId',
        '=',
        (await h.db.selectFrom('programme').select('id').where('key', '=', 'pc-open').executeTakeFirstOrThrow()).id,
      )
      .execute();
    await h.services.storedVerdicts.settled();
    await h.services.storedVerdicts.refreshDirty();
    expect(await page()).toContain('(시험) 제목 고친 지원사업');
  });

  it('a row of each table in the fingerprint, changed or deleted in SQL, gives a new fingerprint', async () => {
    await h.db
      .insertInto('contactPreference')
      .values({ businessId, sms: true })
      .onConflict((oc) => oc.column('businessId').doNothing())
      .execute();
    let tried = 0;
    for (const table of PAGE_TABLES) {
      const n = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where business_id = ${businessId}`.execute(
        h.db,
      );
      if (!n.rows[0]!.n) continue;
      tried++;
      const before = await fingerprint();
      await sql`update ${sql.table(table)} set business_id = business_id where business_id = ${businessId}`.execute(h.db);
      expect(await fingerprint(), table).not.toBe(before);
    }
    // consent, activity, participation, contact_preference at least (the others need files or jobs).
    expect(tried).toBeGreaterThanOrEqual(4);
    const before = await fingerprint();
    await h.db.deleteFrom('activity').where('businessId', '=', businessId).where('kind', '=', 'call').execute();
    expect(await fingerprint()).not.toBe(before);
    const beforeOffice = await fingerprint();
    await sql`update office set name = name || ' 본점' where id = (select office_id from business where id = ${businessId})`.execute(h.db);
    expect(await fingerprint()).not.toBe(beforeOffice);
  });
});

describe('the clerk home kept per fingerprint', () => {
  const home = async (query = '') => {
    const res = await clerk.get(`/home${query}`);
    expect(res.status).toBe(200);
    return res.text();
  };
  it('renders 오늘 할 일 once per fingerprint, and follows changes made in SQL to her businesses and tasks', async () => {
    // The earlier tests changed her business's participation in SQL: its stored verdicts were nulled
    // and the home is not kept until they are recomputed (here by the business page's read).
    await page();
    await home();
    const { hits } = cache.stats();
    const first = await home();
    expect(cache.stats().hits).toBe(hits + 1);
    expect(first).not.toContain('SQL로 넣은 할 일');
    // A task due today, added straight in SQL (as another process would): on the next view.
    const clerkId = (await h.db.selectFrom('appUser').select('id').where('login', '=', clerkLogin).executeTakeFirstOrThrow()).id;
    await h.db
      .insertInto('task')
      .values({ businessId, clerkId, activityId: null, title: 'SQL로 넣은 할 일', dueOn: '2026-12-02' })
      .execute();
    const withTask = await home();
    expect(withTask).toContain('SQL로 넣은 할 일');
    expect(withTask).toContain('>고친 분식</a>');
    await h.db.updateTable('business').set({ name: '또 고친 분식' }).where('id', '=', businessId).execute();
    const renamed = await home();
    expect(renamed).toContain('>또 고친 분식</a>');
    expect(renamed).not.toContain('>고친 분식</a>');
    await h.db.updateTable('task').set({ doneAt: new Date() }).where('title', '=', 'SQL로 넣은 할 일').execute();
    expect(await home()).not.toContain('SQL로 넣은 할 일');
  });

  it("keeps the data-request card with the home, records it on every view that shows someone, and follows requests changed in SQL", async () => {
    const cardViews = async (requestId: string) =>
      h.db.selectFrom('accessRecord').select('detail').where('requestId', '=', requestId).where('subjectType', '=', 'data_request_list').execute();
    const view = async () => {
      const res = await clerk.get('/home');
      expect(res.status).toBe(200);
      return { html: await res.text(), records: await cardViews(res.headers.get('x-request-id')!) };
    };
    await view();
    const { hits } = cache.stats();
    // No request: the card says so, from the kept home, and leaves no record.
    const empty = await view();
    expect(cache.stats().hits).toBe(hits + 1);
    expect(empty.html).toContain('정정·삭제 요구 (10일 이내 처리) (0)');
    expect(empty.records).toEqual([]);
    // An owner's request, added in SQL: the next view shows it (a new fingerprint) and records it.
    const [r] = await h.db
      .insertInto('dataRequest')
      .values({ businessId, kind: 'correction', reason: '전화번호가 바뀌었습니다.', via: 'owner_link', requestedAt: new Date('2026-12-02T00:30:00Z'), dueOn: '2026-12-12' })
      .returning('id')
      .execute();
    const fresh = await view();
    expect(fresh.html).toContain(`/data-requests/${r!.id}`);
    expect(fresh.records).toEqual([{ detail: { count: 1 } }]);
    // The same home again comes from memory, and its view is recorded as the read one was.
    const again = await view();
    expect(cache.stats().hits).toBe(hits + 2);
    expect(again.html).toContain(`/data-requests/${r!.id}`);
    expect(again.records).toEqual([{ detail: { count: 1 } }]);
    // Decided in SQL: gone from the card on the next view, and nothing recorded for it.
    await h.db.updateTable('dataRequest').set({ status: 'corrected', decidedAt: new Date() }).where('id', '=', r!.id).execute();
    const decided = await view();
    expect(decided.html).not.toContain(`/data-requests/${r!.id}`);
    expect(decided.records).toEqual([]);
  });
});
