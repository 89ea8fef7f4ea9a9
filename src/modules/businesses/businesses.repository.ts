import { sql, type Insertable, type Updateable } from 'kysely';
import type { ActivityTable, BusinessTable } from '../../db/schema.ts';
import type { Db } from '../../db/db.ts';
import { businessScopeWhere } from '../../db/business-scope.ts';
import type { BusinessScope } from '../../domain/scope.ts';

/**
 * The tables keyed by business whose rows the business page or one of its sections shows: each is
 * in the page's fingerprint (`pageFingerprint`) through the business's revision, which triggers on
 * each of these tables move on every insert, update and delete (migration
 * 20261210000000_business_revision.sql; a test checks that each table has them).
 */
export const PAGE_TABLES = ['consent', 'activity', 'participation', 'contact_preference', 'reminder', 'signed_paper', 'document_file', 'business_document'] as const;
/**
 * Every other table keyed by business, and why the page's fingerprint leaves it out. A test checks
 * that every table with a `business_id` column is in one of the two lists, so a new table is a
 * decision, not a page that stays stale.
 */
export const NOT_ON_PAGE: Readonly<Record<string, string>> = {
  business_verdict: 'in the fingerprint as its own row (its version, and whether it is fresh)',
  business_revision: 'the revision the fingerprint reads; the triggers on PAGE_TABLES move it',
  report_business_day: "the reports' maintained aggregate; not shown on the page",
  report_participation: "the reports' maintained aggregate; not shown on the page",
  caseload_handover: 'the office lead\'s hand-over record; the page shows the outcome (business.clerk_id / office_id)',
  data_request: "the owner's correction and deletion requests; shown on the clerk home and the retention pages",
  help_request: 'the public help form; it becomes the business, the page shows the business',
  owner_link: "the owner's one-time links; the page offers to send one, whatever was sent before",
  survey_invitation: 'satisfaction surveys; shown on the participation and survey pages',
  task: "follow-up tasks; shown on the clerk home (the page shows the activity's next action)",
};

export function createBusinessesRepository() {
  return {
    findById(db: Db, id: string) {
      return db.selectFrom('business').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** Whether a registry shop exists (an intake opened from one keeps the link). */
    async storeExists(db: Db, id: string) {
      return !!(await db.selectFrom('store').select('id').where('id', '=', id).executeTakeFirst());
    },
    findByBrn(db: Db, brn: string) {
      return db.selectFrom('business').select(['id', 'clerkId', 'officeId', 'ownerUserId', 'registeredBy', 'name']).where('brn', '=', brn).executeTakeFirst();
    },
    insert(db: Db, v: Insertable<BusinessTable>) {
      return db.insertInto('business').values(v).returningAll().executeTakeFirstOrThrow();
    },
    /**
     * Check and insert as one step (issue 14 §1): undefined when the 사업자등록번호 is already taken,
     * also by a request committed a moment ago (a double-click), instead of a unique violation.
     */
    insertUnlessBrnTaken(db: Db, v: Insertable<BusinessTable>) {
      return db
        .insertInto('business')
        .values(v)
        .onConflict((oc) => oc.column('brn').doNothing())
        .returningAll()
        .executeTakeFirst();
    },
    updateVersioned(db: Db, id: string, version: number, v: Updateable<BusinessTable>) {
      return db
        .updateTable('business')
        .set({ ...v, version: version + 1, updatedAt: new Date() })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },
    officeCovering(db: Db, municipalityCode: string) {
      return db
        .selectFrom('officeMunicipality as om')
        .innerJoin('office as o', 'o.id', 'om.officeId')
        .select(['o.id', 'o.name', 'o.phone', 'o.address'])
        .where('om.municipalityCode', '=', municipalityCode)
        .where('o.active', '=', true)
        .orderBy('o.id')
        .executeTakeFirst();
    },
    /** The businesses in a scope (src/domain/scope.ts), read mode. */
    /** The office a business was handed to, with its contact (shown to the clerk who registered it). */
    officeContact(db: Db, officeId: number) {
      return db.selectFrom('office').select(['id', 'name', 'phone', 'address']).where('id', '=', officeId).executeTakeFirst();
    },
    list(db: Db, scope: BusinessScope, f: { q?: string; officeId?: number; unassigned?: boolean; limit: number; offset: number }) {
      let q = db
        .selectFrom('business as b')
        .leftJoin('municipality as m', 'm.code', 'b.municipalityCode')
        .leftJoin('appUser as c', 'c.id', 'b.clerkId')
        .select(['b.id', 'b.name', 'b.ownerName', 'b.phone', 'b.brn', 'm.name as municipalityName', 'c.displayName as clerkName', 'b.lastContactAt', 'b.isSample', 'b.officeId', 'b.clerkId']);
      q = q.where(businessScopeWhere(scope, 'read', 'b'));
      if (f.officeId) q = q.where('b.officeId', '=', f.officeId);
      if (f.unassigned) q = q.where('b.clerkId', 'is', null);
      if (f.q) {
        const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
        q = q.where((eb) => eb.or([eb('b.name', 'ilike', like), eb('b.brn', 'like', like.replace(/-/g, ''))]));
      }
      return q.orderBy('b.name').limit(f.limit).offset(f.offset).execute();
    },
    /** Caseload per clerk of one office (or all offices). */
    caseloads(db: Db, officeId: number | null) {
      let q = db
        .selectFrom('appUser as u')
        .leftJoin('business as b', 'b.clerkId', 'u.id')
        .leftJoin('office as o', 'o.id', 'u.officeId')
        .select((eb) => ['u.id', 'u.displayName', 'u.login', 'u.officeId', 'o.name as officeName', eb.fn.count<number>('b.id').as('businesses')])
        .where('u.role', '=', 'clerk')
        .where('u.active', '=', true)
        .groupBy(['u.id', 'u.displayName', 'u.login', 'u.officeId', 'o.name'])
        .orderBy('o.name')
        .orderBy('u.displayName');
      if (officeId !== null) q = q.where('u.officeId', '=', officeId);
      return q.execute();
    },
    clerkOf(db: Db, clerkId: string) {
      return db.selectFrom('appUser').select(['id', 'officeId', 'role', 'active', 'displayName']).where('id', '=', clerkId).executeTakeFirst();
    },
    async reassign(db: Db, businessIds: string[], clerkId: string, officeId: number | null) {
      const r = await db
        .updateTable('business')
        .set((eb) => ({ clerkId, officeId, version: eb('version', '+', 1), updatedAt: new Date() }))
        .where('id', 'in', businessIds)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    /**
     * What the business page shows, as one fingerprint (issue 12 §4: its rendered body is kept per
     * fingerprint, src/web/page-cache.ts): the row version (`xmin`, new for every committed insert or
     * update; a delete drops it from its list) of every row the page and its sections read — the
     * business, its revision (moved by triggers on every change to its rows in PAGE_TABLES: one
     * primary-key probe where a list per table cost 0.6–0.8 ms of PostgreSQL's CPU per view), the
     * notifications of its reminders, the programmes (and
     * their versions) it takes part in, its office — the names of the accounts named on it (who
     * recorded, who visited; by name, not row version: a sign-in updates the account's row) and the
     * stored verdicts' row and catalogue epoch. Read straight from the tables, so
     * a change made anywhere (another process, a job, SQL by hand) gives a new fingerprint; the
     * test "page fingerprint" changes a row of each table in SQL and sees it move.
     * Also what decides whether the stored verdicts can be kept (fresh for `today`, nothing dirty),
     * the 국세청 check time (its "오래됨" flag moves with the clock, not with a row) and the columns
     * the scope policy looks at (the gate's check reads them from here: one query per view).
     * undefined: no such business.
     */
    async pageFingerprint(db: Db, id: string) {
      const r = await sql<{
        id: string;
        clerkId: string | null;
        officeId: number | null;
        ownerUserId: string | null;
        registeredBy: string | null;
        fingerprint: string;
        refDate: string | null;
        cellsNull: boolean | null;
        dirty: number;
        ntsCheckedAt: Date | null;
      }>`
        select b.id, b.clerk_id, b.office_id, b.owner_user_id, b.registered_by,
          md5(concat_ws('|', b.xmin::text, coalesce((select rev from business_revision where business_id = b.id), 0)::text,
          (select string_agg(n.xmin::text, ',' order by n.xmin::text) from reminder r join notification n on n.id = r.notification_id where r.business_id = b.id),
          (select string_agg(p.xmin::text || ':' || v.xmin::text, ',' order by p.xmin::text, v.xmin::text)
             from programme p join programme_version v on v.programme_id = p.id
             where p.id in (select programme_id from participation where business_id = b.id)),
          (select string_agg(u.display_name, ',' order by u.id) from app_user u where u.id in (
             select recorded_by from consent where business_id = b.id
             union select clerk_id from activity where business_id = b.id
             union select uploaded_by from signed_paper where business_id = b.id
             union select created_by from participation where business_id = b.id)),
          (select o.xmin::text from office o where o.id = b.office_id),
          bv.xmin::text, (select epoch from verdict_state where id = 1)::text)) as fingerprint,
          bv.ref_date::text as ref_date, bv.cells is null as cells_null,
          (select count(*) from verdict_dirty_programme)::int as dirty,
          b.nts_checked_at
        from business b left join business_verdict bv on bv.business_id = b.id
        where b.id = ${id}`.execute(db);
      return r.rows[0];
    },
    /**
     * What the clerk home shows, as one fingerprint (as `pageFingerprint`, src/web/page-cache.ts):
     * her businesses (ids and row versions: names, last contact, assignment) with their stored
     * verdicts' rows, her open tasks with their businesses, her businesses' documents, the document
     * types' names, the catalogue epoch, and the open data requests of her scope (`scope`: the rows
     * `retention.repository.ts` `listOpen` lists on the card, with their businesses). Also how many
     * of her businesses' stored verdicts are not fresh for `today` and how many programmes are dirty:
     * the home evaluates those live, and a body rendered from them must not be kept.
     */
    async homeFingerprint(db: Db, clerkId: string, today: string, scope: BusinessScope) {
      // Each set of rows as its count and the sum of its row versions (xid as a number): a committed
      // insert, update or delete moves one of the two, because every row written after the last read
      // has a newer xid than every row it replaces (so with the count unchanged the sum only grows).
      // No sort and no string per row: her 200 businesses cost one pass over them and their verdicts.
      // Each verdict row is reached by its key (the lateral subquery with OFFSET 0 is not flattened
      // into a join): with table statistics the planner prefers hashing the whole business_verdict
      // table (20,000 rows: 1.5 ms of PostgreSQL CPU per view on the bench's database after ANALYZE)
      // to 200 index probes (0.4 ms), since it prices every probe as a disk read.
      const r = await sql<{ fingerprint: string; stale: number; dirty: number }>`
        select md5(concat_ws('|', m.n, m.sum, m.verdicts, m.verdict_sum,
          (select count(*) || ':' || coalesce(sum(t.xmin::text::bigint + b.xmin::text::bigint), 0)
             from task t join business b on b.id = t.business_id where t.clerk_id = ${clerkId} and t.done_at is null),
          (select count(*) || ':' || coalesce(sum(d.xmin::text::bigint), 0)
             from business_document d join business b on b.id = d.business_id where b.clerk_id = ${clerkId}),
          (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from document_type),
          (select count(*) || ':' || coalesce(sum(r.xmin::text::bigint + b.xmin::text::bigint), 0)
             from data_request r join business b on b.id = r.business_id
             where r.status = 'open' and ${businessScopeWhere(scope, 'read', 'b')}),
          (select epoch from verdict_state where id = 1))) as fingerprint,
          m.stale, (select count(*) from verdict_dirty_programme)::int as dirty
        from (select count(*) as n, sum(b.xmin::text::bigint) as sum, count(bv.business_id) as verdicts, sum(bv.x) as verdict_sum,
                count(*) filter (where bv.business_id is null or bv.stale)::int as stale
              from business b left join lateral (
                select v.business_id, v.xmin::text::bigint as x, v.cells is null or v.ref_date <> ${today}::date as stale
                from business_verdict v where v.business_id = b.id offset 0) bv on true
              where b.clerk_id = ${clerkId}) m`.execute(db);
      return r.rows[0]!;
    },
    businessesIn(db: Db, ids: string[]) {
      return db.selectFrom('business').select(['id', 'clerkId', 'officeId', 'ownerUserId', 'registeredBy']).where('id', 'in', ids).execute();
    },
    consents(db: Db, businessId: string) {
      return db
        .selectFrom('consent as k')
        .leftJoin('appUser as u', 'u.id', 'k.recordedBy')
        .select(['k.id', 'k.kind', 'k.textVersion', 'k.method', 'k.givenOn', 'k.recordedAt', 'k.withdrawnAt', 'u.displayName as recordedByName'])
        .where('k.businessId', '=', businessId)
        .orderBy('k.recordedAt', 'desc')
        .execute();
    },
    insertConsent(db: Db, v: { businessId: string; kind: 'collection' | 'third_party'; textVersion: string; method: 'written' | 'verbal' | 'electronic'; givenOn: string; recordedBy: string }) {
      return db.insertInto('consent').values(v).execute();
    },
    async withdrawConsent(db: Db, businessId: string, kind: 'collection' | 'third_party', by: string, at: Date) {
      const r = await db
        .updateTable('consent')
        .set({ withdrawnAt: at, withdrawnBy: by })
        .where('businessId', '=', businessId)
        .where('kind', '=', kind)
        .where('withdrawnAt', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    /** Consent to collection withdrawn: the personal fields are erased, the business kept with the minimum (개인정보 보호법 제37조). */
    eraseFields(db: Db, businessId: string, fields: readonly string[], at: Date) {
      const erase = Object.fromEntries(fields.map((f) => [f, null]));
      return db
        .updateTable('business')
        .set({ ...erase, minimalOnly: true, updatedAt: at })
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .where('id', '=', businessId)
        .execute();
    },
    activities(db: Db, businessId: string) {
      return db
        .selectFrom('activity as a')
        .innerJoin('appUser as u', 'u.id', 'a.clerkId')
        .select(['a.id', 'a.kind', 'a.occurredOn', 'a.minutes', 'a.summary', 'a.nextAction', 'a.nextDueOn', 'u.displayName as clerkName'])
        .where('a.businessId', '=', businessId)
        .orderBy('a.occurredOn', 'desc')
        .orderBy('a.createdAt', 'desc')
        .limit(100)
        .execute();
    },
    insertActivity(db: Db, v: Insertable<ActivityTable>) {
      return db.insertInto('activity').values(v).returning('id').executeTakeFirstOrThrow();
    },
    insertTask(db: Db, v: { businessId: string; clerkId: string; activityId: string | null; title: string; dueOn: string }) {
      return db.insertInto('task').values(v).execute();
    },
    async touchContact(db: Db, businessId: string, at: Date) {
      await db.updateTable('business').set({ lastContactAt: at }).where('id', '=', businessId).execute();
    },
    // Clerk home ("오늘 할 일")
    tasksDue(db: Db, clerkId: string, until: string) {
      return db
        .selectFrom('task as t')
        .innerJoin('business as b', 'b.id', 't.businessId')
        .select(['t.id', 't.title', 't.dueOn', 'b.id as businessId', 'b.name as businessName'])
        .where('t.clerkId', '=', clerkId)
        .where('t.doneAt', 'is', null)
        .where('t.dueOn', '<=', until)
        .orderBy('t.dueOn')
        .limit(50)
        .execute();
    },
    /** Marks the clerk's open task done; the business it belongs to, or undefined when there is none. */
    async completeTask(db: Db, taskId: string, clerkId: string, at: Date) {
      const r = await db
        .updateTable('task')
        .set({ doneAt: at })
        .where('id', '=', taskId)
        .where('clerkId', '=', clerkId)
        .where('doneAt', 'is', null)
        .returning('businessId')
        .executeTakeFirst();
      return r?.businessId;
    },
    notContacted(db: Db, clerkId: string, before: Date) {
      return db
        .selectFrom('business')
        .select(['id', 'name', 'lastContactAt'])
        .where('clerkId', '=', clerkId)
        .where((eb) => eb.or([eb('lastContactAt', 'is', null), eb('lastContactAt', '<', before)]))
        .orderBy(sql`last_contact_at asc nulls first`)
        .limit(20)
        .execute();
    },
    expiringDocuments(db: Db, clerkId: string, from: string, until: string) {
      return db
        .selectFrom('businessDocument as d')
        .innerJoin('business as b', 'b.id', 'd.businessId')
        .innerJoin('documentType as t', 't.code', 'd.documentType')
        .select(['d.id', 'd.validUntil', 't.name as typeName', 'b.id as businessId', 'b.name as businessName'])
        .where('b.clerkId', '=', clerkId)
        .where('d.validUntil', '>=', from)
        .where('d.validUntil', '<=', until)
        .orderBy('d.validUntil')
        .limit(30)
        .execute();
    },
    myBusinessIds(db: Db, clerkId: string) {
      return db.selectFrom('business').select(['id', 'name']).where('clerkId', '=', clerkId).execute();
    },
  };
}
export type BusinessesRepository = ReturnType<typeof createBusinessesRepository>;
