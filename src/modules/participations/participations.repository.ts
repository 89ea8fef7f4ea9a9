import { sql } from 'kysely';
import type { ParticipationStatus } from '../../db/schema.ts';
import type { TransitionPatch } from '../../domain/participation-workflow.ts';
import { OPEN_STATUSES } from '../../domain/participation-workflow.ts';
import type { Db } from '../../db/db.ts';

/** 사업 참여: the only place with SQL for participations and their history. */
export function createParticipationsRepository() {
  return {
    /** The business a participation belongs to (for the access check), or undefined. */
    findScope(db: Db, id: string) {
      return db.selectFrom('participation').select(['id', 'businessId']).where('id', '=', id).executeTakeFirst();
    },

    businessSummary(db: Db, businessId: string) {
      return db.selectFrom('business').select(['id', 'name', 'isSample']).where('id', '=', businessId).executeTakeFirst();
    },

    /** One participation with its business and programme version, for the detail page. */
    findDetail(db: Db, id: string) {
      return db
        .selectFrom('participation as pa')
        .innerJoin('business as b', 'b.id', 'pa.businessId')
        .innerJoin('programme as p', 'p.id', 'pa.programmeId')
        .innerJoin('programmeVersion as v', 'v.id', 'pa.programmeVersionId')
        .leftJoin('appUser as u', 'u.id', 'pa.createdBy')
        .select([
          'pa.id',
          'pa.businessId',
          'pa.programmeId',
          'pa.programmeVersionId',
          'pa.status',
          'pa.version',
          'pa.submittedOn',
          'pa.submissionChannel',
          'pa.decidedOn',
          'pa.benefitAmount',
          'pa.benefitedOn',
          'pa.createdAt',
          'pa.updatedAt',
          'u.displayName as createdByName',
          'b.name as businessName',
          'b.isSample as businessIsSample',
          'p.isSample as programmeIsSample',
          'v.title as programmeTitle',
          'v.version as programmeVersionNo',
          'v.executingAgency',
          'v.ministry',
          'v.periodEnd',
          'v.periodRaw',
          'v.applyUrl',
          'v.benefitMaxAmount',
          'v.requiredDocuments',
        ])
        .where('pa.id', '=', id)
        .executeTakeFirst();
    },

    events(db: Db, participationId: string) {
      return db
        .selectFrom('participationEvent as e')
        .leftJoin('appUser as u', 'u.id', 'e.actorUserId')
        .select(['e.id', 'e.fromStatus', 'e.toStatus', 'e.reason', 'e.detail', 'e.at', 'u.displayName as actorName', 'u.role as actorRole'])
        .where('e.participationId', '=', participationId)
        .orderBy('e.id', 'desc')
        .execute();
    },

    listForBusiness(db: Db, businessId: string) {
      return db
        .selectFrom('participation as pa')
        .innerJoin('programme as p', 'p.id', 'pa.programmeId')
        .innerJoin('programmeVersion as v', 'v.id', 'pa.programmeVersionId')
        .select([
          'pa.id',
          'pa.programmeId',
          'pa.status',
          'pa.submittedOn',
          'pa.benefitAmount',
          'pa.benefitedOn',
          'pa.updatedAt',
          'v.title as programmeTitle',
          'v.version as programmeVersionNo',
          'v.periodEnd',
          'p.isSample as programmeIsSample',
        ])
        .where('pa.businessId', '=', businessId)
        .orderBy('pa.updatedAt', 'desc')
        .execute();
    },

    /** The published current version of one programme (a new participation is made on it). */
    currentVersion(db: Db, programmeId: number) {
      return db
        .selectFrom('programme as p')
        .innerJoin('programmeVersion as v', 'v.id', 'p.currentVersionId')
        .select(['p.id', 'v.id as versionId', 'v.title'])
        .where('p.id', '=', programmeId)
        .where('v.status', '=', 'published')
        .executeTakeFirst();
    },

    /** The programmes this business has a participation in progress for. */
    async openProgrammeIds(db: Db, businessId: string): Promise<Set<number>> {
      const rows = await db
        .selectFrom('participation')
        .select('programmeId')
        .where('businessId', '=', businessId)
        .where('status', 'in', [...OPEN_STATUSES])
        .execute();
      return new Set(rows.map((r) => r.programmeId));
    },

    async insert(db: Db, v: { businessId: string; programmeId: number; programmeVersionId: number; createdBy: string; at: Date }) {
      const { at, ...row } = v;
      return db
        .insertInto('participation')
        .values({ ...row, createdAt: at, updatedAt: at })
        .returning(['id', 'status', 'version'])
        .executeTakeFirstOrThrow();
    },

    /**
     * Optimistic locking: writes only when the row still has `expectedVersion`, and bumps it.
     * Undefined = someone else changed it first (or it does not exist): the caller answers 409.
     * On PostgreSQL a concurrent writer waits for the row lock, then re-checks the version and
     * matches nothing; on PGlite access is serialized, so the second sees the new version.
     */
    updateVersioned(db: Db, id: string, expectedVersion: number, patch: TransitionPatch, at: Date) {
      return db
        .updateTable('participation')
        .set({
          status: patch.status,
          ...(patch.submittedOn !== undefined
            ? { submittedOn: patch.submittedOn, submissionChannel: patch.submissionChannel ?? null }
            : {}),
          ...(patch.decidedOn !== undefined ? { decidedOn: patch.decidedOn } : {}),
          ...(patch.benefitAmount !== undefined ? { benefitAmount: patch.benefitAmount, benefitedOn: patch.benefitedOn ?? null } : {}),
          version: sql<number>`version + 1`,
          updatedAt: at,
        })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returning(['id', 'status', 'version'])
        .executeTakeFirst();
    },

    insertEvent(
      db: Db,
      e: {
        participationId: string;
        fromStatus: ParticipationStatus | null;
        toStatus: ParticipationStatus;
        reason: string | null;
        detail: Record<string, unknown>;
        actorUserId: string;
        at: Date;
      },
    ) {
      return db
        .insertInto('participationEvent')
        .values({ ...e, detail: JSON.stringify(e.detail) })
        .execute();
    },
  };
}
export type ParticipationsRepository = ReturnType<typeof createParticipationsRepository>;
