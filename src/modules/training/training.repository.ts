import { sql } from 'kysely';
import type { Db } from '../../db/db.ts';

/** The only place with SQL for training (courses, sessions, enrolment, attendance). */
export function createTrainingRepository() {
  return {
    listCourses(db: Db) {
      return db
        .selectFrom('trainingCourse as c')
        .select((eb) => [
          'c.id',
          'c.title',
          'c.requiredHours',
          'c.requiredForCaseload',
          'c.active',
          eb.selectFrom('trainingSession as s').whereRef('s.courseId', '=', 'c.id').select(eb.fn.countAll<number>().as('n')).as('sessions'),
          eb
            .selectFrom('trainingEnrolment as e')
            .whereRef('e.courseId', '=', 'c.id')
            .select(eb.fn.countAll<number>().as('n'))
            .as('enrolled'),
          eb
            .selectFrom('trainingEnrolment as e')
            .whereRef('e.courseId', '=', 'c.id')
            .where('e.completedAt', 'is not', null)
            .select(eb.fn.countAll<number>().as('n'))
            .as('completed'),
        ])
        .orderBy('c.active', 'desc')
        .orderBy('c.id')
        .execute();
    },
    findCourse(db: Db, id: number) {
      return db.selectFrom('trainingCourse').selectAll().where('id', '=', id).executeTakeFirst();
    },
    insertCourse(
      db: Db,
      v: { title: string; description: string | null; requiredHours: number; requiredForCaseload: boolean; active: boolean },
    ) {
      return db.insertInto('trainingCourse').values(v).returningAll().executeTakeFirstOrThrow();
    },
    updateCourse(
      db: Db,
      id: number,
      version: number,
      v: { title: string; description: string | null; requiredHours: number; requiredForCaseload: boolean; active: boolean },
    ) {
      return db
        .updateTable('trainingCourse')
        .set({ ...v, version: version + 1, updatedAt: new Date() })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },
    sessions(db: Db, courseId: number) {
      return db.selectFrom('trainingSession').selectAll().where('courseId', '=', courseId).orderBy('startsAt').orderBy('id').execute();
    },
    findSession(db: Db, id: number) {
      return db.selectFrom('trainingSession').selectAll().where('id', '=', id).executeTakeFirst();
    },
    insertSession(db: Db, v: { courseId: number; startsAt: Date; hours: number; place: string; online: boolean }) {
      return db.insertInto('trainingSession').values(v).returning('id').executeTakeFirstOrThrow();
    },
    enrolments(db: Db, courseId: number) {
      return db
        .selectFrom('trainingEnrolment as e')
        .innerJoin('appUser as u', 'u.id', 'e.clerkId')
        .leftJoin('office as o', 'o.id', 'u.officeId')
        .select(['e.clerkId', 'u.displayName', 'u.login', 'o.name as officeName', 'e.enrolledAt', 'e.completedAt', 'e.certificateNo'])
        .where('e.courseId', '=', courseId)
        .orderBy('u.displayName')
        .execute();
    },
    findEnrolment(db: Db, courseId: number, clerkId: string) {
      return db
        .selectFrom('trainingEnrolment')
        .selectAll()
        .where('courseId', '=', courseId)
        .where('clerkId', '=', clerkId)
        .executeTakeFirst();
    },
    async enrol(db: Db, courseId: number, clerkIds: string[], by: string) {
      if (!clerkIds.length) return [];
      return db
        .insertInto('trainingEnrolment')
        .values(clerkIds.map((clerkId) => ({ courseId, clerkId, enrolledBy: by })))
        .onConflict((oc) => oc.columns(['courseId', 'clerkId']).doNothing())
        .returning('clerkId')
        .execute();
    },
    activeClerks(db: Db) {
      return db
        .selectFrom('appUser as u')
        .leftJoin('office as o', 'o.id', 'u.officeId')
        .select(['u.id', 'u.displayName', 'u.login', 'o.name as officeName'])
        .where('u.role', '=', 'clerk')
        .where('u.active', '=', true)
        .orderBy('o.name')
        .orderBy('u.displayName')
        .execute();
    },
    attendanceOfCourse(db: Db, courseId: number) {
      return db
        .selectFrom('trainingAttendance as a')
        .innerJoin('trainingSession as s', 's.id', 'a.sessionId')
        .select(['a.sessionId', 'a.clerkId', 'a.attended'])
        .where('s.courseId', '=', courseId)
        .execute();
    },
    async setAttendance(db: Db, sessionId: number, rows: { clerkId: string; attended: boolean }[], by: string, at: Date) {
      for (const r of rows) {
        await db
          .insertInto('trainingAttendance')
          .values({ sessionId, clerkId: r.clerkId, attended: r.attended, recordedBy: by, recordedAt: at })
          .onConflict((oc) => oc.columns(['sessionId', 'clerkId']).doUpdateSet({ attended: r.attended, recordedBy: by, recordedAt: at }))
          .execute();
      }
    },
    /** Hours attended per course for one clerk (or for every clerk of one course). */
    hoursByCourse(db: Db, f: { clerkId?: string; courseId?: number }) {
      let q = db
        .selectFrom('trainingAttendance as a')
        .innerJoin('trainingSession as s', 's.id', 'a.sessionId')
        .select(['s.courseId', 'a.clerkId', sql<string>`sum(s.hours)`.as('hours')])
        .where('a.attended', '=', true)
        .groupBy(['s.courseId', 'a.clerkId']);
      if (f.clerkId) q = q.where('a.clerkId', '=', f.clerkId);
      if (f.courseId) q = q.where('s.courseId', '=', f.courseId);
      return q.execute();
    },
    requiredCourses(db: Db) {
      return db
        .selectFrom('trainingCourse')
        .select(['id', 'title', 'requiredHours', 'requiredForCaseload'])
        .where('active', '=', true)
        .where('requiredForCaseload', '=', true)
        .orderBy('id')
        .execute();
    },
    myEnrolments(db: Db, clerkId: string) {
      return db
        .selectFrom('trainingEnrolment as e')
        .innerJoin('trainingCourse as c', 'c.id', 'e.courseId')
        .select(['c.id', 'c.title', 'c.description', 'c.requiredHours', 'c.requiredForCaseload', 'e.completedAt', 'e.certificateNo'])
        .where('e.clerkId', '=', clerkId)
        .orderBy('c.id')
        .execute();
    },
    async nextCertificateSeq(db: Db, courseId: number): Promise<number> {
      const r = await db
        .updateTable('trainingCourse')
        .set((eb) => ({ certificateSeq: eb('certificateSeq', '+', 1) }))
        .where('id', '=', courseId)
        .returning('certificateSeq')
        .executeTakeFirstOrThrow();
      return r.certificateSeq;
    },
    setCompletion(db: Db, courseId: number, clerkId: string, v: { completedAt: Date | null; certificateNo?: string }) {
      return db.updateTable('trainingEnrolment').set(v).where('courseId', '=', courseId).where('clerkId', '=', clerkId).execute();
    },
    clerk(db: Db, id: string) {
      return db
        .selectFrom('appUser as u')
        .leftJoin('office as o', 'o.id', 'u.officeId')
        .select(['u.id', 'u.displayName', 'u.role', 'u.active', 'o.name as officeName', 'o.isDemo as officeIsDemo'])
        .where('u.id', '=', id)
        .executeTakeFirst();
    },
  };
}
export type TrainingRepository = ReturnType<typeof createTrainingRepository>;
