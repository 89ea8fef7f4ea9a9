import { sql } from 'kysely';
import type { Db } from '../../db/db.ts';
import type { DataRequestKind, DataRequestStatus, RetentionAction } from '../../domain/retention/retention.rules.ts';
import type {} from '../../db/schema.retention.ts';
import { businessScopeWhere } from '../../db/business-scope.ts';
import type { BusinessScope } from '../../domain/scope.ts';

/**
 * Participations still under way (the same set as the one-active-participation index of migration
 * 20261127160000: 'selected' still waits for its benefit): while one is, nothing of the business is past its retention.
 */
const IN_PROGRESS = ['identified', 'informed', 'preparing', 'submitted', 'selected'] as const;
const ANONYMISED_NAME = '(파기된 사업체)';

/** Removes what identifies the owner from these businesses (a rule, or a deletion granted on request). */
async function anonymise(db: Db, ids: string[], at: Date): Promise<number> {
  if (!ids.length) return 0;
  await db.deleteFrom('documentFile').where('businessId', 'in', ids).execute();
  await db.deleteFrom('businessDocument').where('businessId', 'in', ids).execute();
  await db.deleteFrom('task').where('businessId', 'in', ids).execute();
  await db.updateTable('activity').set({ summary: '(파기)', nextAction: null }).where('businessId', 'in', ids).execute();
  await db.updateTable('participation').set({ note: null }).where('businessId', 'in', ids).execute();
  await db
    .updateTable('participationEvent')
    .set({ reason: null })
    .where('participationId', 'in', (eb) => eb.selectFrom('participation as p').select('p.id').where('p.businessId', 'in', ids))
    .execute();
  await db
    .updateTable('surveyResponse')
    .set({ comment: null })
    .where('invitationId', 'in', (eb) => eb.selectFrom('surveyInvitation as si').select('si.id').where('si.businessId', 'in', ids))
    .execute();
  await db.updateTable('dataRequest').set({ reason: '(파기)' }).where('businessId', 'in', ids).execute();
  // Her contact preferences (issue 13 §2): the number and the address go, and every channel is off;
  // the consent record (text version, dates, withdrawal) stays as the proof of what she agreed to.
  // Reminders still waiting in the outbox would go to a number that is no longer ours to use.
  await db
    .updateTable('notification')
    .set({ status: 'cancelled', lastError: 'business anonymised (retention)' })
    .where('status', '=', 'pending')
    .where('id', 'in', (eb) => eb.selectFrom('reminder').select('notificationId').where('businessId', 'in', ids).where('notificationId', 'is not', null).$narrowType<{ notificationId: string }>())
    .execute();
  await db
    .updateTable('contactPreference')
    .set((eb) => ({ phone: null, emailAddress: null, sms: false, email: false, alimtalk: false, updatedAt: at, version: eb('version', '+', 1) }))
    .where('businessId', 'in', ids)
    .execute();
  const r = await db
    .updateTable('business')
    .set({
      brn: null,
      name: ANONYMISED_NAME,
      ownerName: null,
      phone: null,
      address: null,
      eupMyeonDong: null,
      ownerBirthDate: null,
      ownerGender: null,
      ownerDisabled: null,
      ownerVeteran: null,
      ownerUserId: null,
      openedOn: null,
      closedOn: null,
      annualRevenue: null,
      previousAnnualRevenue: null,
      nationalTaxArrears: null,
      localTaxArrears: null,
      taxArrearsDeferred: null,
      creditDelinquent: null,
      itLiteracy: null,
      preferredChannel: null,
      anonymisedAt: at,
    })
    .where('id', 'in', ids)
    .where('anonymisedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The retention rules' SQL (src/domain/retention/retention.rules.ts), the 파기 대장 and owners' requests. */
export function createRetentionRepository() {
  return {
    // ── rules ──
    /**
     * 'business.after-last-participation': businesses with no participation under way whose last change
     * (the business, a participation, a 상담일지) is before the cutoff lose everything that identifies
     * the owner; participations stay for the figures. Returns how many were anonymised.
     */
    async anonymiseBusinesses(db: Db, before: Date, at: Date): Promise<number> {
      const rows = await db
        .selectFrom('business as b')
        .select('b.id')
        .where('b.anonymisedAt', 'is', null)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('participation as pa').select('pa.id').whereRef('pa.businessId', '=', 'b.id').where('pa.status', 'in', IN_PROGRESS))))
        .where(
          sql<Date>`greatest(b.updated_at, (select max(pa.updated_at) from participation pa where pa.business_id = b.id), (select max(a.created_at) from activity a where a.business_id = b.id))`,
          '<',
          before,
        )
        .execute();
      // In batches: one statement's parameters stay far below PostgreSQL's 65,535.
      let n = 0;
      for (let i = 0; i < rows.length; i += 1_000) n += await anonymise(db, rows.slice(i, i + 1_000).map((r) => r.id), at);
      return n;
    },
    anonymise,
    /** 'document-file.after-upload': files uploaded before the cutoff whose business has no participation under way. */
    async deleteDocumentFiles(db: Db, before: Date): Promise<number> {
      const r = await db
        .deleteFrom('documentFile as f')
        .where('f.uploadedAt', '<', before)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('participation as pa').select('pa.id').whereRef('pa.businessId', '=', 'f.businessId').where('pa.status', 'in', IN_PROGRESS))))
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    /**
     * 'access-record.2y': records past their own retain_until and the legal period, only from the start
     * of the chain (every row before the first kept one), so the rest still verifies from its first row.
     */
    async deleteAccessPrefix(db: Db, at: Date, before: Date): Promise<number> {
      const keep = await db
        .selectFrom('accessRecord')
        .select((eb) => eb.fn.min('id').as('id'))
        .where((eb) => eb.or([eb('retainUntil', '>', at), eb('at', '>=', before)]))
        .executeTakeFirst();
      let q = db.deleteFrom('accessRecord').where('retainUntil', '<=', at).where('at', '<', before);
      if (keep?.id != null) q = q.where('id', '<', keep.id);
      return Number((await q.executeTakeFirst()).numDeletedRows);
    },
    /** 'audit-event.3y': the same for the audit trail. */
    async deleteAuditPrefix(db: Db, at: Date, before: Date): Promise<number> {
      const keep = await db
        .selectFrom('auditEvent')
        .select((eb) => eb.fn.min('id').as('id'))
        .where((eb) => eb.or([eb('retainUntil', '>', at), eb('at', '>=', before)]))
        .executeTakeFirst();
      let q = db.deleteFrom('auditEvent').where('retainUntil', '<=', at).where('at', '<', before);
      if (keep?.id != null) q = q.where('id', '<', keep.id);
      return Number((await q.executeTakeFirst()).numDeletedRows);
    },

    // ── 파기 대장 ──
    startRun(db: Db, at: Date, trigger: 'schedule' | 'manual' | 'request') {
      return db.insertInto('retentionRun').values({ startedAt: at, trigger }).returning('id').executeTakeFirstOrThrow();
    },
    finishRun(db: Db, id: number, at: Date, total: number) {
      return db.updateTable('retentionRun').set({ finishedAt: at, total }).where('id', '=', id).execute();
    },
    insertRecord(db: Db, v: { runId: number; at: Date; ruleId: string; kind: string; method: RetentionAction; count: number; cutoff: Date | null; basis: string }) {
      return db.insertInto('destructionRecord').values(v).execute();
    },
    listRecords(db: Db, limit: number) {
      return db
        .selectFrom('destructionRecord')
        .select(['id', 'runId', 'at', 'ruleId', 'kind', 'method', 'count', 'cutoff', 'basis'])
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
    },
    lastRun(db: Db) {
      return db.selectFrom('retentionRun').select(['id', 'startedAt', 'finishedAt', 'trigger', 'total']).orderBy('id', 'desc').limit(1).executeTakeFirst();
    },

    // ── 정정·삭제 요구 ──
    insertRequest(db: Db, v: { businessId: string; kind: DataRequestKind; reason: string; via: 'owner_link' | 'owner_account'; requestedAt: Date; dueOn: string }) {
      return db.insertInto('dataRequest').values(v).returning('id').executeTakeFirstOrThrow();
    },
    listForBusiness(db: Db, businessId: string) {
      return db
        .selectFrom('dataRequest')
        .select(['id', 'kind', 'reason', 'requestedAt', 'dueOn', 'status', 'outcomeNote', 'decidedAt'])
        .where('businessId', '=', businessId)
        .orderBy('requestedAt', 'desc')
        .execute();
    },
    /** Open requests of the businesses the scope filter admits (the clerk's home). */
    listOpen(db: Db, scope: BusinessScope) {
      return db
        .selectFrom('dataRequest as r')
        .innerJoin('business as b', 'b.id', 'r.businessId')
        .select(['r.id', 'r.kind', 'r.requestedAt', 'r.dueOn', 'r.businessId', 'b.name as businessName'])
        .where('r.status', '=', 'open')
        .where(businessScopeWhere(scope, 'read', 'b'))
        .orderBy('r.dueOn')
        .limit(200)
        .execute();
    },
    businessName(db: Db, businessId: string) {
      return db.selectFrom('business').select(['id', 'name', 'anonymisedAt']).where('id', '=', businessId).executeTakeFirstOrThrow();
    },
    find(db: Db, id: string) {
      return db.selectFrom('dataRequest').selectAll().where('id', '=', id).executeTakeFirst();
    },
    decide(db: Db, id: string, v: { status: Exclude<DataRequestStatus, 'open'>; outcomeNote: string | null; decidedBy: string; decidedAt: Date }) {
      return db.updateTable('dataRequest').set(v).where('id', '=', id).where('status', '=', 'open').returning('id').executeTakeFirst();
    },
  };
}
export type RetentionRepository = ReturnType<typeof createRetentionRepository>;
