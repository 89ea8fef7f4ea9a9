import { sql, type Insertable, type Updateable } from 'kysely';
import type { ActivityTable, BusinessTable } from '../../db/schema.ts';
import type { Db } from '../../db/db.ts';
import { businessScopeWhere } from '../../db/business-scope.ts';
import type { BusinessScope } from '../../domain/scope.ts';

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
