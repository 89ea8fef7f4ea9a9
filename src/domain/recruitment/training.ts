/**
 * Training completion and the caseload gate (pure).
 *
 * A course asks for a number of hours; a clerk completes it when the hours of the sessions they
 * attended reach that number. Courses marked `requiredForCaseload` (data the operator edits, so
 * the rule is configurable per course and can be switched off by unmarking them) must all be
 * complete before the clerk may be given a caseload.
 */
export interface CourseRequirement {
  courseId: number;
  title: string;
  requiredHours: number;
  requiredForCaseload: boolean;
}

export function hoursCompleted(attended: readonly { hours: number }[]): number {
  return Math.round(attended.reduce((s, a) => s + a.hours, 0) * 10) / 10;
}

export function isComplete(requiredHours: number, hours: number): boolean {
  return hours >= requiredHours;
}

export interface CaseloadCheck {
  ok: boolean;
  /** Required courses not yet complete, with the hours still missing. */
  missing: { courseId: number; title: string; hours: number; requiredHours: number }[];
}

export function caseloadCheck(courses: readonly CourseRequirement[], hoursByCourse: ReadonlyMap<number, number>): CaseloadCheck {
  const missing = courses
    .filter((c) => c.requiredForCaseload)
    .map((c) => ({ courseId: c.courseId, title: c.title, hours: hoursByCourse.get(c.courseId) ?? 0, requiredHours: c.requiredHours }))
    .filter((c) => !isComplete(c.requiredHours, c.hours));
  return { ok: missing.length === 0, missing };
}
