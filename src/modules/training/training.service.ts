import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { caseloadCheck, isComplete, type CaseloadCheck } from '../../domain/recruitment/training.ts';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import type { Db } from '../../db/db.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import { kstDate } from '../../domain/korean-time.ts';
import { formatDate } from '../../domain/format.ts';
import { renderCertificate } from './training.certificate.ts';
import type { TrainingRepository } from './training.repository.ts';
import { AttendanceInput, CourseInput, EnrolInput, SessionInput } from './training.schemas.ts';

/**
 * 교육: courses and sessions (date, hours, place or online), enrolment, attendance, hours,
 * completion and the completion certificate; and the caseload gate the casework area calls.
 */
export const CERTIFICATE_ISSUER = '경기도 · 한국생산성본부';

export function createTrainingService(deps: { db: Kysely<DB>; repo: TrainingRepository; audit: AuditService; now: () => Date }) {
  const { db, repo, audit, now } = deps;

  async function courseOrThrow(dbx: Db, id: number) {
    const c = Number.isInteger(id) && id > 0 ? await repo.findCourse(dbx, id) : undefined;
    if (!c) throw new NotFoundError();
    return c;
  }

  /** Recomputes completion of the clerks of one course after attendance changed. */
  async function recomputeCompletion(trx: Db, courseId: number, meta: RequestMeta, actor: Actor) {
    const course = await courseOrThrow(trx, courseId);
    const hours = new Map((await repo.hoursByCourse(trx, { courseId })).map((r) => [r.clerkId, Number(r.hours)]));
    for (const e of await repo.enrolments(trx, courseId)) {
      const done = isComplete(Number(course.requiredHours), hours.get(e.clerkId) ?? 0);
      if (done && !e.completedAt) {
        const certificateNo =
          e.certificateNo ??
          `${kstDate(now()).slice(0, 4)}-${courseId}-${String(await repo.nextCertificateSeq(trx, courseId)).padStart(4, '0')}`;
        await repo.setCompletion(trx, courseId, e.clerkId, { completedAt: now(), certificateNo });
        await audit.record(trx, meta, {
          action: 'training.certificate',
          actor,
          targetUserId: e.clerkId,
          subjectType: 'training_course',
          subjectId: String(courseId),
          detail: { certificateNo },
        });
      } else if (!done && e.completedAt) {
        // Attendance was corrected: the course is no longer complete (the number stays reserved).
        await repo.setCompletion(trx, courseId, e.clerkId, { completedAt: null });
      }
    }
  }

  /**
   * The caseload gate: may this clerk be given a caseload? Every active course marked "required
   * before a caseload" must be complete. No authorization: it answers a question about data the
   * calling service already may use (the casework area calls it before assigning businesses).
   */
  async function canTakeCaseload(clerkId: string, dbx: Db = db): Promise<CaseloadCheck> {
    const [courses, hours] = await Promise.all([repo.requiredCourses(dbx), repo.hoursByCourse(dbx, { clerkId })]);
    return caseloadCheck(
      courses.map((c) => ({
        courseId: c.id,
        title: c.title,
        requiredHours: Number(c.requiredHours),
        requiredForCaseload: c.requiredForCaseload,
      })),
      new Map(hours.map((h) => [h.courseId, Number(h.hours)])),
    );
  }

  return {
    canTakeCaseload,

    async listCourses(actor: Actor | null) {
      authorize(actor, 'training.manage');
      return repo.listCourses(db);
    },

    async getCourse(actor: Actor | null, id: number) {
      authorize(actor, 'training.manage');
      const course = await courseOrThrow(db, id);
      const [sessions, enrolments, attendance, hours, clerks] = await Promise.all([
        repo.sessions(db, id),
        repo.enrolments(db, id),
        repo.attendanceOfCourse(db, id),
        repo.hoursByCourse(db, { courseId: id }),
        repo.activeClerks(db),
      ]);
      const hoursBy = new Map(hours.map((h) => [h.clerkId, Number(h.hours)]));
      const enrolled = new Set(enrolments.map((e) => e.clerkId));
      return {
        course,
        sessions,
        enrolments: enrolments.map((e) => ({ ...e, hours: hoursBy.get(e.clerkId) ?? 0 })),
        attendance: new Set(attendance.filter((a) => a.attended).map((a) => `${a.sessionId}:${a.clerkId}`)),
        recorded: new Set(attendance.map((a) => a.sessionId)),
        candidates: clerks.filter((c) => !enrolled.has(c.id)),
      };
    },

    async saveCourse(actor: Actor | null, id: number | null, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'training.manage');
      const input = parseInput(CourseInput, raw);
      const values = {
        title: input.title,
        description: input.description,
        requiredHours: input.requiredHours,
        requiredForCaseload: input.requiredForCaseload,
        active: id === null ? true : input.active,
      };
      return db.transaction().execute(async (trx) => {
        let courseId: number;
        if (id === null) courseId = (await repo.insertCourse(trx, values)).id;
        else {
          await courseOrThrow(trx, id);
          const after = await repo.updateCourse(trx, id, input.version, values);
          if (!after) throw new ConflictError('error.conflictReload');
          courseId = id;
          await recomputeCompletion(trx, courseId, meta, actor);
        }
        await audit.record(trx, meta, {
          action: 'training.course.save',
          actor,
          subjectType: 'training_course',
          subjectId: String(courseId),
          detail: values,
        });
        return courseId;
      });
    },

    async addSession(actor: Actor | null, courseId: number, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'training.manage');
      const input = parseInput(SessionInput, raw);
      await courseOrThrow(db, courseId);
      await db.transaction().execute(async (trx) => {
        const s = await repo.insertSession(trx, {
          courseId,
          startsAt: input.startsAt,
          hours: input.hours,
          place: input.place,
          online: input.online,
        });
        await audit.record(trx, meta, {
          action: 'training.session.create',
          actor,
          subjectType: 'training_session',
          subjectId: String(s.id),
          detail: { courseId, hours: input.hours },
        });
      });
    },

    async enrol(actor: Actor | null, courseId: number, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'training.manage');
      const input = parseInput(EnrolInput, raw);
      await courseOrThrow(db, courseId);
      const clerks = await repo.activeClerks(db);
      const valid = new Set(clerks.map((c) => c.id));
      const chosen = input.allClerks ? [...valid] : input.clerks;
      if (!chosen.length || !chosen.every((id) => valid.has(id)))
        throw new InvalidError('validation.summary', [{ path: 'clerks', messageKey: 'training.clerksRequired' }]);
      return db.transaction().execute(async (trx) => {
        const added = await repo.enrol(trx, courseId, chosen, actor.userId);
        for (const a of added)
          await audit.record(trx, meta, {
            action: 'training.enrol',
            actor,
            targetUserId: a.clerkId,
            subjectType: 'training_course',
            subjectId: String(courseId),
          });
        await recomputeCompletion(trx, courseId, meta, actor);
        return added.length;
      });
    },

    /** Attendance of one session: the clerks ticked were there, the other enrolled clerks were not. */
    async recordAttendance(actor: Actor | null, sessionId: number, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'training.manage');
      const input = parseInput(AttendanceInput, raw);
      const session = Number.isInteger(sessionId) && sessionId > 0 ? await repo.findSession(db, sessionId) : undefined;
      if (!session) throw new NotFoundError();
      const enrolled = await repo.enrolments(db, session.courseId);
      const present = new Set(input.present);
      if (![...present].every((id) => enrolled.some((e) => e.clerkId === id)))
        throw new InvalidError('validation.summary', [{ path: 'present', messageKey: 'training.notEnrolled' }]);
      await db.transaction().execute(async (trx) => {
        await repo.setAttendance(
          trx,
          sessionId,
          enrolled.map((e) => ({ clerkId: e.clerkId, attended: present.has(e.clerkId) })),
          actor.userId,
          now(),
        );
        await audit.record(trx, meta, {
          action: 'training.attendance',
          actor,
          subjectType: 'training_session',
          subjectId: String(sessionId),
          detail: { present: present.size, enrolled: enrolled.length },
        });
        await recomputeCompletion(trx, session.courseId, meta, actor);
      });
      return session.courseId;
    },

    /** A clerk's own training: courses, hours, completion, and whether a caseload may be given. */
    async myTraining(actor: Actor | null) {
      authorize(actor, 'training.own');
      const [courses, hours, gate] = await Promise.all([
        repo.myEnrolments(db, actor.userId),
        repo.hoursByCourse(db, { clerkId: actor.userId }),
        canTakeCaseload(actor.userId),
      ]);
      const by = new Map(hours.map((h) => [h.courseId, Number(h.hours)]));
      const sessions = await Promise.all(courses.map((c) => repo.sessions(db, c.id)));
      return { courses: courses.map((c, i) => ({ ...c, hours: by.get(c.id) ?? 0, sessions: sessions[i] ?? [] })), gate };
    },

    /** The certificate PDF: the operator for anyone, a clerk only their own; only when complete. */
    async certificate(actor: Actor | null, scope: 'any' | 'own', courseId: number, clerkId: string, meta: RequestMeta) {
      authorize(actor, scope === 'any' ? 'training.manage' : 'training.own');
      if (scope === 'own' && actor.userId !== clerkId) throw new ForbiddenError();
      const course = await courseOrThrow(db, courseId);
      const enrolment = /^[0-9a-f-]{36}$/i.test(clerkId) ? await repo.findEnrolment(db, courseId, clerkId) : undefined;
      if (!enrolment) throw new NotFoundError();
      if (!enrolment.completedAt || !enrolment.certificateNo) throw new ConflictError('training.notComplete');
      const [clerk, sessions, hours] = await Promise.all([
        repo.clerk(db, clerkId),
        repo.sessions(db, courseId),
        repo.hoursByCourse(db, { clerkId, courseId }),
      ]);
      if (!clerk) throw new NotFoundError();
      const pdf = await renderCertificate({
        certificateNo: enrolment.certificateNo,
        name: clerk.displayName,
        office: clerk.officeName,
        course: course.title,
        hours: Number(hours[0]?.hours ?? 0),
        requiredHours: Number(course.requiredHours),
        firstSession: sessions[0] ? formatDate(sessions[0].startsAt, 'ko', 'long') : null,
        lastSession: sessions.at(-1) ? formatDate(sessions.at(-1)!.startsAt, 'ko', 'long') : null,
        completedOn: formatDate(enrolment.completedAt, 'ko', 'long'),
        issuer: CERTIFICATE_ISSUER,
        sample: clerk.officeIsDemo === true,
      });
      await db.transaction().execute((trx) =>
        audit.record(trx, meta, {
          action: 'training.certificate',
          actor,
          targetUserId: clerkId,
          subjectType: 'training_course',
          subjectId: String(courseId),
          detail: { certificateNo: enrolment.certificateNo, output: 'pdf' },
        }),
      );
      return { pdf, fileName: `수료증-${enrolment.certificateNo}.pdf` };
    },
  };
}
export type TrainingService = ReturnType<typeof createTrainingService>;
