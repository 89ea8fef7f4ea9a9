import { sql } from 'kysely';
import type { ApplicantTable, RecruitmentRoundTable } from '../../db/schema.ts';
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/db.ts';

/** The only place with SQL for recruitment (rounds, applicants, files, reviews, decisions). */
export function createRecruitmentRepository() {
  return {
    // ── rounds ──
    listRounds(db: Db) {
      return db
        .selectFrom('recruitmentRound as r')
        .select((eb) => [
          'r.id',
          'r.title',
          'r.opensAt',
          'r.closesAt',
          'r.published',
          'r.selectionDoneAt',
          'r.isSample',
          eb
            .selectFrom('applicant as a')
            .whereRef('a.roundId', '=', 'r.id')
            .where('a.status', '=', 'submitted')
            .select(eb.fn.countAll<number>().as('n'))
            .as('submitted'),
          eb
            .selectFrom('applicant as a')
            .whereRef('a.roundId', '=', 'r.id')
            .where('a.status', '=', 'draft')
            .select(eb.fn.countAll<number>().as('n'))
            .as('drafts'),
          eb
            .selectFrom('recruitmentQuota as q')
            .whereRef('q.roundId', '=', 'r.id')
            .select((e) => e.fn.coalesce(e.fn.sum<number>('q.posts'), e.val(0)).as('n'))
            .as('posts'),
        ])
        .orderBy('r.opensAt', 'desc')
        .orderBy('r.id', 'desc')
        .execute();
    },
    listPublishedRounds(db: Db) {
      return db
        .selectFrom('recruitmentRound')
        .selectAll()
        .where('published', '=', true)
        .orderBy('opensAt', 'desc')
        .orderBy('id', 'desc')
        .execute();
    },
    findRound(db: Db, id: number) {
      return db.selectFrom('recruitmentRound').selectAll().where('id', '=', id).executeTakeFirst();
    },
    insertRound(db: Db, v: Insertable<RecruitmentRoundTable>) {
      return db.insertInto('recruitmentRound').values(v).returningAll().executeTakeFirstOrThrow();
    },
    updateRound(db: Db, id: number, version: number, v: Updateable<RecruitmentRoundTable>) {
      return db
        .updateTable('recruitmentRound')
        .set({ ...v, version: version + 1, updatedAt: new Date() })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },
    markSelectionDone(db: Db, id: number, at: Date) {
      return db
        .updateTable('recruitmentRound')
        .set({ selectionDoneAt: at })
        .where('id', '=', id)
        .where('selectionDoneAt', 'is', null)
        .returning('id')
        .executeTakeFirst();
    },
    /** The next receipt number of a round: the row lock serialises concurrent submissions. */
    async nextReceiptSeq(db: Db, roundId: number): Promise<number> {
      const r = await db
        .updateTable('recruitmentRound')
        .set((eb) => ({ receiptSeq: eb('receiptSeq', '+', 1) }))
        .where('id', '=', roundId)
        .returning('receiptSeq')
        .executeTakeFirstOrThrow();
      return r.receiptSeq;
    },
    quotas(db: Db, roundId: number) {
      return db
        .selectFrom('recruitmentQuota as q')
        .innerJoin('office as o', 'o.id', 'q.officeId')
        .select(['q.officeId', 'o.name as officeName', 'q.posts'])
        .where('q.roundId', '=', roundId)
        .orderBy('o.regionId')
        .orderBy('o.name')
        .execute();
    },
    async setQuotas(db: Db, roundId: number, quotas: { officeId: number; posts: number }[]) {
      await db.deleteFrom('recruitmentQuota').where('roundId', '=', roundId).execute();
      const rows = quotas.filter((q) => q.posts > 0).map((q) => ({ roundId, ...q }));
      if (rows.length) await db.insertInto('recruitmentQuota').values(rows).execute();
    },
    activeOffices(db: Db) {
      return db
        .selectFrom('office')
        .select(['id', 'name', 'isDemo'])
        .where('active', '=', true)
        .orderBy('regionId')
        .orderBy('name')
        .execute();
    },
    gyeonggiMunicipalities(db: Db) {
      return db
        .selectFrom('municipality')
        .select(['code', 'name'])
        .where('validTo', 'is', null)
        .where('code', 'like', '41%')
        .orderBy('name')
        .execute();
    },
    reviewerOptions(db: Db) {
      return db
        .selectFrom('appUser')
        .select(['id', 'login', 'displayName', 'role'])
        .where('active', '=', true)
        .where('role', 'in', ['operator', 'admin'])
        .orderBy('displayName')
        .execute();
    },
    countSubmitted(db: Db, roundId: number) {
      return db
        .selectFrom('applicant')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('roundId', '=', roundId)
        .where('status', '!=', 'draft')
        .executeTakeFirstOrThrow();
    },
    countScored(db: Db, roundId: number) {
      return db
        .selectFrom('reviewerAssignment as ra')
        .innerJoin('applicant as a', 'a.id', 'ra.applicantId')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('a.roundId', '=', roundId)
        .where('ra.status', '=', 'scored')
        .executeTakeFirstOrThrow();
    },

    // ── applicants ──
    insertApplicant(db: Db, v: Insertable<ApplicantTable>) {
      return db.insertInto('applicant').values(v).returningAll().executeTakeFirstOrThrow();
    },
    findApplicant(db: Db, id: number) {
      return db.selectFrom('applicant').selectAll().where('id', '=', id).executeTakeFirst();
    },
    findApplicantBySession(db: Db, sessionHash: string, at: Date) {
      return db
        .selectFrom('applicant')
        .selectAll()
        .where('sessionHash', '=', sessionHash)
        .where('sessionExpiresAt', '>', at)
        .executeTakeFirst();
    },
    /** Applications that a person may open with this e-mail, phone number or receipt number. */
    findByContact(db: Db, contact: { email?: string; phoneDigits?: string; receiptNo?: string }) {
      let q = db.selectFrom('applicant').selectAll();
      if (contact.receiptNo) q = q.where('receiptNo', '=', contact.receiptNo);
      else if (contact.email) q = q.where(sql<string>`lower(email)`, '=', contact.email.toLowerCase());
      else if (contact.phoneDigits)
        q = q.where(sql<string>`regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g')`, '=', contact.phoneDigits);
      else return Promise.resolve([]);
      return q.where('status', '!=', 'withdrawn').orderBy('id', 'desc').limit(20).execute();
    },
    updateApplicant(db: Db, id: number, v: Updateable<ApplicantTable>) {
      return db
        .updateTable('applicant')
        .set({ ...v, updatedAt: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    updateApplicantVersioned(db: Db, id: number, version: number, v: Updateable<ApplicantTable>) {
      return db
        .updateTable('applicant')
        .set({ ...v, version: version + 1, updatedAt: new Date() })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },
    recordCodeFailure(db: Db, ids: number[], threshold: number, lockUntil: Date) {
      if (!ids.length) return Promise.resolve([]);
      return db
        .updateTable('applicant')
        .set((eb) => ({
          codeFailures: eb('codeFailures', '+', 1),
          codeLockedUntil: sql<Date | null>`case when code_failures + 1 >= ${threshold} then ${lockUntil}::timestamptz else code_locked_until end`,
        }))
        .where('id', 'in', ids)
        .returning(['id', 'codeFailures'])
        .execute();
    },
    listApplicants(
      db: Db,
      roundId: number,
      f: { status?: string; officeId?: number; eligible?: 'yes' | 'no' | 'unknown'; decision?: string; q?: string },
    ) {
      let q = db
        .selectFrom('applicant as a')
        .leftJoin('office as o', 'o.id', 'a.officeId')
        .select((eb) => [
          'a.id',
          'a.receiptNo',
          'a.name',
          'a.status',
          'a.officeId',
          'o.name as officeName',
          'a.eligible',
          'a.screening',
          'a.decision',
          'a.rank',
          'a.submittedAt',
          'a.interviewAt',
          'a.clerkUserId',
          eb
            .selectFrom('reviewerAssignment as ra')
            .whereRef('ra.applicantId', '=', 'a.id')
            .where('ra.status', '=', 'scored')
            .select(eb.fn.countAll<number>().as('n'))
            .as('scored'),
          eb
            .selectFrom('reviewerAssignment as ra')
            .whereRef('ra.applicantId', '=', 'a.id')
            .where('ra.status', '!=', 'conflict')
            .select(eb.fn.countAll<number>().as('n'))
            .as('assigned'),
        ])
        .where('a.roundId', '=', roundId);
      if (f.status) q = q.where('a.status', '=', f.status as 'draft' | 'submitted' | 'withdrawn');
      else q = q.where('a.status', '!=', 'draft');
      if (f.officeId) q = q.where('a.officeId', '=', f.officeId);
      if (f.eligible === 'yes') q = q.where('a.eligible', '=', true);
      if (f.eligible === 'no') q = q.where('a.eligible', '=', false);
      if (f.eligible === 'unknown') q = q.where('a.eligible', 'is', null);
      if (f.decision) q = q.where('a.decision', '=', f.decision as 'selected');
      if (f.q) q = q.where((eb) => eb.or([eb('a.name', 'like', `%${f.q}%`), eb('a.receiptNo', 'like', `%${f.q}%`)]));
      return q.orderBy('a.submittedAt').orderBy('a.id').execute();
    },
    /** Submitted applicants of a round with what ranking needs. */
    rankingRows(db: Db, roundId: number) {
      return db
        .selectFrom('applicant')
        .select(['id', 'officeId', 'receiptNo', 'submittedAt', 'eligible', 'decision', 'rank', 'name', 'email', 'phone', 'clerkUserId'])
        .where('roundId', '=', roundId)
        .where('status', '=', 'submitted')
        .execute();
    },
    scoredReviews(db: Db, roundId: number) {
      return db
        .selectFrom('reviewerAssignment as ra')
        .innerJoin('applicant as a', 'a.id', 'ra.applicantId')
        .select(['ra.applicantId', 'ra.stage', 'ra.scores'])
        .where('a.roundId', '=', roundId)
        .where('ra.status', '=', 'scored')
        .execute();
    },

    // ── files ──
    insertFile(
      db: Db,
      v: {
        applicantId: number;
        documentCode: string;
        fileName: string;
        mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
        sizeBytes: number;
        sha256: string;
        content: Buffer;
      },
    ) {
      return db.insertInto('applicantFile').values(v).returning(['id', 'fileName', 'sha256']).executeTakeFirstOrThrow();
    },
    listFiles(db: Db, applicantId: number) {
      return db
        .selectFrom('applicantFile')
        .select(['id', 'documentCode', 'fileName', 'mediaType', 'sizeBytes', 'sha256', 'createdAt'])
        .where('applicantId', '=', applicantId)
        .orderBy('id')
        .execute();
    },
    findFile(db: Db, id: number) {
      return db.selectFrom('applicantFile').selectAll().where('id', '=', id).executeTakeFirst();
    },
    deleteFile(db: Db, applicantId: number, id: number) {
      return db
        .deleteFrom('applicantFile')
        .where('id', '=', id)
        .where('applicantId', '=', applicantId)
        .returning(['id', 'fileName'])
        .executeTakeFirst();
    },

    // ── reviews ──
    async assign(db: Db, rows: { applicantId: number; reviewerId: string; stage: 'document' | 'interview'; assignedBy: string }[]) {
      if (!rows.length) return [];
      return db
        .insertInto('reviewerAssignment')
        .values(rows)
        .onConflict((oc) => oc.columns(['applicantId', 'reviewerId', 'stage']).doNothing())
        .returning(['id', 'applicantId', 'reviewerId'])
        .execute();
    },
    assignmentsOfApplicant(db: Db, applicantId: number) {
      return db
        .selectFrom('reviewerAssignment as ra')
        .innerJoin('appUser as u', 'u.id', 'ra.reviewerId')
        .select([
          'ra.id',
          'ra.reviewerId',
          'u.displayName as reviewerName',
          'u.login as reviewerLogin',
          'ra.stage',
          'ra.status',
          'ra.scores',
          'ra.comment',
          'ra.conflictReason',
          'ra.scoredAt',
        ])
        .where('ra.applicantId', '=', applicantId)
        .orderBy('ra.stage')
        .orderBy('ra.id')
        .execute();
    },
    assignmentsOfReviewer(db: Db, reviewerId: string) {
      return db
        .selectFrom('reviewerAssignment as ra')
        .innerJoin('applicant as a', 'a.id', 'ra.applicantId')
        .innerJoin('recruitmentRound as r', 'r.id', 'a.roundId')
        .leftJoin('office as o', 'o.id', 'a.officeId')
        .select([
          'ra.id',
          'ra.stage',
          'ra.status',
          'ra.scoredAt',
          'a.receiptNo',
          'a.name',
          'o.name as officeName',
          'r.title as roundTitle',
          'a.interviewAt',
        ])
        .where('ra.reviewerId', '=', reviewerId)
        .where('ra.status', '!=', 'conflict')
        .where('a.status', '=', 'submitted')
        .orderBy('r.id', 'desc')
        .orderBy('ra.status')
        .orderBy('a.receiptNo')
        .execute();
    },
    findAssignment(db: Db, id: number) {
      return db.selectFrom('reviewerAssignment').selectAll().where('id', '=', id).executeTakeFirst();
    },
    updateAssignment(
      db: Db,
      id: number,
      version: number,
      v: {
        status: 'scored' | 'conflict';
        scores?: Record<string, number> | null;
        comment?: string | null;
        conflictReason?: string | null;
        scoredAt?: Date | null;
      },
    ) {
      return db
        .updateTable('reviewerAssignment')
        .set({
          ...v,
          scores: v.scores === undefined ? undefined : v.scores === null ? null : JSON.stringify(v.scores),
          version: version + 1,
        })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },

    // ── decision log ──
    addEvent(
      db: Db,
      v: {
        applicantId: number;
        action: string;
        reason?: string | null;
        actorUserId?: string | null;
        actorLogin?: string | null;
        detail?: Record<string, unknown>;
        at: Date;
      },
    ) {
      return db
        .insertInto('applicantEvent')
        .values({
          ...v,
          reason: v.reason ?? null,
          actorUserId: v.actorUserId ?? null,
          actorLogin: v.actorLogin ?? null,
          detail: JSON.stringify(v.detail ?? {}),
        })
        .execute();
    },
    events(db: Db, applicantId: number) {
      return db.selectFrom('applicantEvent').selectAll().where('applicantId', '=', applicantId).orderBy('id').execute();
    },

    /** Applications past their retention date, except those whose applicant became a clerk. */
    deleteExpired(db: Db, today: string) {
      return db
        .deleteFrom('applicant')
        .where('retainUntil', '<', today)
        .where('clerkUserId', 'is', null)
        .returning(['id', 'roundId'])
        .execute();
    },

    // ── hire ──
    insertContract(db: Db, v: { clerkId: string; applicantId: number | null; officeId: number | null; startsOn: string; endsOn: string }) {
      return db.insertInto('clerkContract').values(v).returning('id').executeTakeFirstOrThrow();
    },
  };
}
export type RecruitmentRepository = ReturnType<typeof createRecruitmentRepository>;
