import { sql } from 'kysely';
import type { AccessAction } from '../../db/schema.ts';
import { WORKING_HOURS } from '../../domain/metrics/access-review.ts';
import { periodInstants, type Period } from '../../domain/metrics/period.ts';
import type { Db } from '../../db/db.ts';

/** Operations and the access-record review: the only SQL of this module. */
export function createOperationsRepository() {
  return {
    /** Per office: clerks (active), businesses, businesses without a clerk. */
    async offices(db: Db, officeId: number | null) {
      const r = await sql<{ id: number; name: string; regionName: string; isDemo: boolean; clerks: number; businesses: number; unassigned: number }>`
        select o.id, o.name, r.name as region_name, o.is_demo,
          (select count(*) from app_user u where u.office_id = o.id and u.role = 'clerk' and u.active) as clerks,
          (select count(*) from business b where b.office_id = o.id) as businesses,
          (select count(*) from business b where b.office_id = o.id and b.clerk_id is null) as unassigned
        from office o join region r on r.id = o.region_id
        where o.active ${officeId === null ? sql`` : sql`and o.id = ${officeId}`}
        order by r.id, o.name`.execute(db);
      return r.rows.map((x) => ({ ...x, clerks: Number(x.clerks), businesses: Number(x.businesses), unassigned: Number(x.unassigned) }));
    },
    /** Accounts no longer active (or no longer clerks) that still hold businesses: to hand over. */
    async orphanHolders(db: Db, officeId: number | null) {
      const r = await sql<{ id: string; displayName: string; login: string; officeName: string | null; businesses: number }>`
        select u.id, u.display_name, u.login, o.name as office_name, count(b.id) as businesses
        from business b join app_user u on u.id = b.clerk_id left join office o on o.id = u.office_id
        where (not u.active or u.role <> 'clerk') ${officeId === null ? sql`` : sql`and b.office_id = ${officeId}`}
        group by u.id, u.display_name, u.login, o.name order by u.display_name`.execute(db);
      return r.rows.map((x) => ({ ...x, businesses: Number(x.businesses) }));
    },
    clerk(db: Db, id: string) {
      return db.selectFrom('appUser').select(['id', 'displayName', 'login', 'role', 'active', 'officeId']).where('id', '=', id).executeTakeFirst();
    },
    /** Active clerks of one office with their caseload now (hand-over targets). */
    async officeClerks(db: Db, officeId: number | null) {
      const r = await sql<{ id: string; displayName: string; businesses: number }>`
        select u.id, u.display_name, (select count(*) from business b where b.clerk_id = u.id) as businesses
        from app_user u where u.role = 'clerk' and u.active and ${officeId === null ? sql`u.office_id is null` : sql`u.office_id = ${officeId}`}
        order by u.display_name`.execute(db);
      return r.rows.map((x) => ({ ...x, businesses: Number(x.businesses) }));
    },
    /**
     * Who may be handed over, in the scope (`officeId` null = all): the active clerks of the office,
     * and every account holding a business of the office — also an active clerk whose own office has
     * changed since. `businesses` counts only the businesses of the scope.
     */
    async handoverCandidates(db: Db, officeId: number | null) {
      const inScope = officeId === null ? sql`true` : sql`b.office_id = ${officeId}`;
      const r = await sql<{ id: string; displayName: string; login: string; role: string; active: boolean; officeName: string | null; businesses: number }>`
        select u.id, u.display_name, u.login, u.role, u.active, o.name as office_name,
          (select count(*) from business b where b.clerk_id = u.id and ${inScope}) as businesses
        from app_user u left join office o on o.id = u.office_id
        where (u.role = 'clerk' and u.active ${officeId === null ? sql`` : sql`and u.office_id = ${officeId}`})
          or exists (select 1 from business b where b.clerk_id = u.id and ${inScope})
        order by (u.role = 'clerk' and u.active) desc, o.name nulls last, u.display_name`.execute(db);
      return r.rows.map((x) => ({ ...x, businesses: Number(x.businesses) }));
    },
    /** The businesses a clerk holds, only those of `officeId` when given (an office lead's scope). */
    businessesOf(db: Db, clerkId: string, officeId: number | null) {
      let q = db.selectFrom('business').select(['id', 'name', 'officeId', 'clerkId', 'isSample']).where('clerkId', '=', clerkId);
      if (officeId !== null) q = q.where('officeId', '=', officeId);
      return q.orderBy('name').execute();
    },
    countHeldBy(db: Db, clerkId: string, officeId: number | null = null) {
      let q = db
        .selectFrom('business')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('clerkId', '=', clerkId);
      if (officeId !== null) q = q.where('officeId', '=', officeId);
      return q.executeTakeFirstOrThrow().then((r) => Number(r.n));
    },

    // ── Access-record review (안전성 확보조치 기준 §8) ──
    async records(db: Db, f: { period: Period; accountId?: string | null; login?: string | null; action?: AccessAction | null; subjectIds?: string[] | null; subjectType?: string | null; offHoursOnly?: boolean; holidays?: readonly string[]; limit: number; offset: number }) {
      const { start, end } = periodInstants(f.period);
      let q = db
        .selectFrom('accessRecord as a')
        .select(['a.id', 'a.at', 'a.accountId', 'a.accountLogin', 'a.ip', 'a.subjectType', 'a.subjectId', 'a.action', 'a.reason', 'a.detail'])
        .where('a.at', '>=', start)
        .where('a.at', '<', end);
      if (f.accountId) q = q.where('a.accountId', '=', f.accountId);
      if (f.login) q = q.where(sql`lower(a.account_login)`, '=', f.login.toLowerCase());
      if (f.action) q = q.where('a.action', '=', f.action);
      if (f.subjectType) q = q.where('a.subjectType', '=', f.subjectType);
      if (f.subjectIds) q = f.subjectIds.length ? q.where('a.subjectId', 'in', f.subjectIds) : q.where(sql<boolean>`false`);
      // Same rule as src/domain/metrics/access-review.ts: before 08:00, from 20:00, on a weekend or on a
      // public holiday (the service passes the period's holidays from src/domain/holidays.ts), Korean time.
      if (f.offHoursOnly) {
        const holidays = f.holidays?.length ? [...f.holidays] : ['0001-01-01'];
        q = q.where(
          sql<boolean>`(extract(hour from a.at at time zone 'Asia/Seoul') not between ${WORKING_HOURS.start} and ${WORKING_HOURS.end - 1} or extract(isodow from a.at at time zone 'Asia/Seoul') in (6, 7) or to_char(a.at at time zone 'Asia/Seoul', 'YYYY-MM-DD') = any(${holidays}))`,
        );
      }
      // The page first (newest first, by the index on `at`: it stops after one page instead of
      // reading the month), then the business names of those rows only (issue 14 §6).
      const page = q.orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(f.limit).offset(f.offset).as('a');
      return db
        .selectFrom(page)
        .leftJoin('business as b', (j) => j.on(sql<boolean>`a.subject_type = 'business' and b.id::text = a.subject_id`))
        .selectAll('a')
        .select('b.name as businessName')
        .orderBy('a.at', 'desc')
        .orderBy('a.id', 'desc')
        .execute();
    },
    /** Businesses whose name contains the text (to find "whose data"). */
    async businessIdsByName(db: Db, text: string) {
      const like = `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      const r = await db.selectFrom('business').select('id').where('name', 'ilike', like).limit(200).execute();
      return r.map((x) => x.id);
    },
    signoffs(db: Db, limit = 24) {
      return db.selectFrom('accessReviewSignoff').selectAll().orderBy('month', 'desc').orderBy('signedAt', 'desc').limit(limit).execute();
    },
    insertSignoff(db: Db, v: { month: string; reviewerId: string; reviewerLogin: string; signedAt: Date; note: string; flags: Record<string, unknown> }) {
      return db.insertInto('accessReviewSignoff').values({ ...v, flags: JSON.stringify(v.flags) }).onConflict((oc) => oc.columns(['month', 'reviewerId']).doNothing()).returning('id').executeTakeFirst();
    },
  };
}
export type OperationsRepository = ReturnType<typeof createOperationsRepository>;
