import type { Role } from '../../domain/roles.ts';
import { ForbiddenError, UnauthenticatedError } from '../../errors.ts';

/**
 * Least privilege by role (개인정보 보호법 §29, 안전성 확보조치 기준 §5). Services call
 * `authorize` before doing anything; pages only hide links as a courtesy.
 * Every permission names the roles that hold it; nothing is implied by another permission.
 */
export const PERMISSIONS = {
  /** Read the 시·군 / 권역 / 사무소 structure. */
  'org.read': ['operator', 'admin', 'office_lead', 'province'],
  /** Edit 권역 and 사무소 (which 시·군 each covers). */
  'org.manage': ['operator', 'admin'],
  /** List and view accounts. */
  'users.read': ['operator', 'admin'],
  /** Create accounts, assign offices, change roles, deactivate. Granting `admin` needs users.grantAdmin. */
  'users.manage': ['operator', 'admin'],
  'users.grantAdmin': ['admin'],
  /** Reset a lost second factor (issue 14 §2: the system administrator, after checking who asks). */
  'users.resetSecondFactor': ['admin'],
  /** Issue and revoke personal access tokens for API clients. */
  'tokens.manage': ['admin'],
  /** Read the audit trail of sign-ins and permission changes. */
  'audit.read': ['operator', 'admin'],
  /** Browse the programme catalogue (no personal data). */
  'programmes.read': ['owner', 'clerk', 'office_lead', 'operator', 'province', 'saeil_counsellor', 'catalog_editor', 'admin'],
  /** Edit programme facts and rules, preview impact, publish versions. */
  'programmes.edit': ['catalog_editor', 'admin'],
  /** Import notices from bizinfo / K-Startup / 보조금24 files or URLs. */
  'programmes.import': ['catalog_editor', 'operator', 'admin'],
  /** Import the 상가(상권)정보 shop file (public data, issue 12 §1). */
  'stores.import': ['operator', 'admin'],
  /** Browse registry shops of one's area and open an intake from one (public data; area from the scope policy). */
  'stores.browse': ['clerk', 'office_lead', 'operator', 'admin'],
  /**
   * Outreach (issue 12 §3): staff see the registry shops of their area that may qualify, a map and
   * visit lists; the province sees counts by 시·군 and programme only. Which of the two is decided by
   * `outreachViewOf` (src/domain/scope.ts).
   */
  'outreach.view': ['clerk', 'office_lead', 'operator', 'admin', 'province'],
  /** Make a visit list and record visit outcomes (public shops; who/when kept and audited). */
  'outreach.visit': ['clerk', 'office_lead', 'operator', 'admin'],
  /** Check eligibility of a business described by facts (no storage of personal data). */
  'eligibility.check': ['clerk', 'office_lead', 'operator', 'catalog_editor', 'admin'],
  /** The help requests of the public self-check (issue 13 §1): which ones is the scope policy's (officeQueuePermits). */
  'helpRequests.handle': ['clerk', 'office_lead', 'operator', 'admin'],
  /** Register businesses (intake) and keep their facts; which ones is decided by businesses.access.ts. */
  'businesses.intake': ['clerk', 'office_lead', 'operator', 'admin'],
  /** Lists of businesses (masked), within the role's scope. */
  'businesses.list': ['clerk', 'office_lead', 'operator', 'admin'],
  /** Assign and reassign caseloads (office lead: own office; operator: all). */
  'caseload.manage': ['office_lead', 'operator', 'admin'],
  /** Export lists with personal data (a reason is recorded). */
  'businesses.export': ['office_lead', 'operator', 'admin'],
  /** See the notification outbox (log channel). */
  'notifications.read': ['admin', 'operator'],
  /** Recruitment rounds, applications, screening, ranking, selection, hiring (운영기관). */
  'recruitment.manage': ['operator', 'admin'],
  /** Score the applications assigned to oneself (서류·면접 심사위원 are operator accounts). */
  'recruitment.review': ['operator', 'admin'],
  /** Training courses, sessions, enrolment and attendance. */
  'training.manage': ['operator', 'admin'],
  /** A clerk's own training record and certificates. */
  'training.own': ['clerk'],
  /** Contract periods and the hand-over of caseloads at their end. */
  'contracts.manage': ['operator', 'admin'],
  /** Refer clerks to 새일센터 counsellors; see each clerk's employment record. */
  'employment.manage': ['operator', 'admin'],
  /** A 새일센터 counsellor: only the clerks referred to them. */
  'employment.counsel': ['saeil_counsellor'],
  /** A clerk's own consent and employment record. */
  'employment.own': ['clerk'],
  /** Re-employment figures as aggregates (counts below 5 are not shown). */
  'employment.aggregate': ['province', 'operator', 'admin'],
  /** Dashboards (issue 5): operator all, office lead own office, clerk own figures, province aggregates only. */
  'reports.dashboard': ['clerk', 'office_lead', 'operator', 'admin', 'province'],
  /** The monthly report to the province (월간 실적 보고): read and download. */
  'reports.monthly': ['operator', 'admin', 'province'],
  /** Generate the monthly report on demand (the job makes it on the 1st). */
  'reports.generate': ['operator', 'admin'],
  /** Operations: activity calendar, caseloads, bulk hand-over when a clerk leaves (office lead: own office). */
  'operations.manage': ['office_lead', 'operator', 'admin'],
  /** Monthly review of access records and its sign-off (안전성 확보조치 기준 §8). */
  'access.review': ['operator', 'admin'],
  /** The retention rules and the 파기 대장 (issue 14 §3): view, export, run the job now. */
  'retention.manage': ['operator', 'admin'],
  /** Owners' correction and deletion requests of the businesses in one's scope (개인정보 보호법 §35–36). */
  'dataRequests.handle': ['clerk', 'office_lead', 'operator', 'admin'],
  /** Satisfaction survey invitations of the businesses in one's scope (printable slips). */
  'surveys.manage': ['clerk', 'office_lead', 'operator', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export interface Actor {
  userId: string;
  login: string;
  displayName: string;
  role: Role;
  officeId: number | null;
  locale: string;
  via: 'session' | 'token';
}

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

export function authorize(actor: Actor | null | undefined, permission: Permission): asserts actor is Actor {
  if (!actor) throw new UnauthenticatedError();
  if (!can(actor, permission)) throw new ForbiddenError();
}

export function requireActor(actor: Actor | null | undefined): asserts actor is Actor {
  if (!actor) throw new UnauthenticatedError();
}
