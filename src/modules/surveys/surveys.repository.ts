import { sql } from 'kysely';
import type { Db } from '../../db/db.ts';
import { businessScopeWhere } from '../../db/business-scope.ts';
import type { BusinessScope } from '../../domain/scope.ts';

/** 만족도 조사: the only SQL of the surveys. */
export function createSurveysRepository() {
  return {
    /** What an offer needs: the participation's status, its business's phone and the programme. */
    participationForOffer(db: Db, participationId: string) {
      return db
        .selectFrom('participation as pa')
        .innerJoin('business as b', 'b.id', 'pa.businessId')
        .innerJoin('programmeVersion as v', 'v.id', 'pa.programmeVersionId')
        .select(['pa.id', 'pa.status', 'pa.businessId', 'b.phone', 'b.minimalOnly', 'v.title'])
        .where('pa.id', '=', participationId)
        .executeTakeFirst();
    },
    invitationOf(db: Db, participationId: string) {
      return db.selectFrom('surveyInvitation').selectAll().where('participationId', '=', participationId).executeTakeFirst();
    },
    codeTaken(db: Db, code: string) {
      return db.selectFrom('surveyInvitation').select('id').where('code', '=', code).executeTakeFirst();
    },
    insertInvitation(db: Db, v: { participationId: string; businessId: string; outcome: 'selected' | 'rejected' | 'withdrawn' | 'benefited'; code: string; tokenHash: string | null; smsQueued: boolean; createdVia: 'transition' | 'sweep' | 'manual'; createdBy: string | null; createdAt: Date; expiresAt: Date }) {
      return db.insertInto('surveyInvitation').values(v).returningAll().executeTakeFirstOrThrow();
    },
    /** Ended participations (선정·탈락·취소·수혜) without an invitation, changed since `since`. */
    endedWithoutInvitation(db: Db, since: Date, limit: number) {
      return db
        .selectFrom('participation as pa')
        .select('pa.id')
        .where('pa.status', 'in', ['selected', 'rejected', 'withdrawn', 'benefited'])
        .where('pa.updatedAt', '>=', since)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('surveyInvitation as i').select('i.id').whereRef('i.participationId', '=', 'pa.id'))))
        .orderBy('pa.updatedAt')
        .limit(limit)
        .execute();
    },
    /** An open invitation by its link token hash or its printable code, with the programme's title. */
    openInvitation(db: Db, by: { tokenHash: string } | { code: string }) {
      let q = db
        .selectFrom('surveyInvitation as i')
        .innerJoin('participation as pa', 'pa.id', 'i.participationId')
        .innerJoin('programmeVersion as v', 'v.id', 'pa.programmeVersionId')
        .select(['i.id', 'i.participationId', 'i.businessId', 'i.expiresAt', 'i.answeredAt', 'i.outcome', 'v.title']);
      q = 'tokenHash' in by ? q.where('i.tokenHash', '=', by.tokenHash) : q.where('i.code', '=', by.code);
      return q.executeTakeFirst();
    },
    async insertResponse(db: Db, v: { invitationId: string; q1: number; q2: number; q3: number; comment: string | null; channel: 'link' | 'code'; answeredAt: Date }) {
      // One answer per invitation: the row's unique key decides between two submits at once.
      const r = await db.insertInto('surveyResponse').values(v).onConflict((oc) => oc.column('invitationId').doNothing()).returning('id').executeTakeFirst();
      if (r) await db.updateTable('surveyInvitation').set({ answeredAt: v.answeredAt }).where('id', '=', v.invitationId).execute();
      return !!r;
    },
    /** Invitations of the businesses in a scope (src/domain/scope.ts), newest first. */
    list(db: Db, scope: BusinessScope, f: { limit: number; offset: number; state?: 'open' | 'answered' }, now: Date) {
      let q = db
        .selectFrom('surveyInvitation as i')
        .innerJoin('business as b', 'b.id', 'i.businessId')
        .innerJoin('participation as pa', 'pa.id', 'i.participationId')
        .innerJoin('programmeVersion as v', 'v.id', 'pa.programmeVersionId')
        .leftJoin('surveyResponse as r', 'r.invitationId', 'i.id')
        .select(['i.id', 'i.outcome', 'i.code', 'i.smsQueued', 'i.createdVia', 'i.createdAt', 'i.expiresAt', 'i.answeredAt', 'b.id as businessId', 'b.name as businessName', 'b.isSample', 'v.title', 'r.q1', 'r.q2', 'r.q3'])
        .where(businessScopeWhere(scope, 'read', 'b'));
      if (f.state === 'answered') q = q.where('i.answeredAt', 'is not', null);
      if (f.state === 'open') q = q.where('i.answeredAt', 'is', null).where('i.expiresAt', '>', now);
      return q.orderBy('i.createdAt', 'desc').limit(f.limit).offset(f.offset).execute();
    },
    slip(db: Db, id: string) {
      return db
        .selectFrom('surveyInvitation as i')
        .innerJoin('business as b', 'b.id', 'i.businessId')
        .innerJoin('participation as pa', 'pa.id', 'i.participationId')
        .innerJoin('programmeVersion as v', 'v.id', 'pa.programmeVersionId')
        .select(['i.id', 'i.code', 'i.expiresAt', 'i.answeredAt', 'i.businessId', 'b.name as businessName', 'b.isSample', 'v.title'])
        .where('i.id', '=', id)
        .executeTakeFirst();
    },
    async counts(db: Db) {
      const r = await sql<{ invitations: number; answered: number }>`select count(*) as invitations, count(answered_at) as answered from survey_invitation`.execute(db);
      return { invitations: Number(r.rows[0]?.invitations ?? 0), answered: Number(r.rows[0]?.answered ?? 0) };
    },
  };
}
export type SurveysRepository = ReturnType<typeof createSurveysRepository>;
