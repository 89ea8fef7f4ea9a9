import type { Role } from '../domain/roles.ts';
import { can, type Actor, type Permission } from '../modules/auth/auth.policy.ts';

/** Role-specific navigation. Links are hidden only as a courtesy: services decide access. */
interface NavItem {
  href: string;
  labelKey: string;
  permission?: Permission;
  roles?: Role[];
}

const NAV: NavItem[] = [
  { href: '/home', labelKey: 'nav.home' },
  { href: '/businesses', labelKey: 'nav.businesses', permission: 'businesses.list' },
  { href: '/caseload', labelKey: 'nav.caseload', permission: 'caseload.manage' },
  { href: '/stores', labelKey: 'nav.stores', permission: 'stores.browse' },
  { href: '/outreach', labelKey: 'nav.outreach', permission: 'outreach.view' },
  { href: '/help-requests', labelKey: 'nav.helpRequests', permission: 'helpRequests.handle' },
  { href: '/reports', labelKey: 'nav.reports', permission: 'reports.dashboard' },
  { href: '/operations', labelKey: 'nav.operations', permission: 'operations.manage' },
  { href: '/programmes', labelKey: 'nav.programmes', permission: 'programmes.read' },
  { href: '/eligibility', labelKey: 'nav.eligibility', permission: 'eligibility.check' },
  { href: '/admin/import', labelKey: 'nav.import', permission: 'programmes.import' },
  { href: '/admin/stores', labelKey: 'nav.storeImport', permission: 'stores.import' },
  { href: '/admin/org', labelKey: 'nav.org', permission: 'org.read' },
  { href: '/admin/users', labelKey: 'nav.users', permission: 'users.read' },
  { href: '/admin/audit', labelKey: 'nav.audit', permission: 'audit.read' },
  { href: '/admin/access-review', labelKey: 'nav.accessReview', permission: 'access.review' },
  { href: '/admin/retention', labelKey: 'nav.retention', permission: 'retention.manage' },
  { href: '/admin/notifications', labelKey: 'nav.notifications', permission: 'notifications.read' },
  { href: '/admin/recruitment', labelKey: 'nav.recruitment', permission: 'recruitment.manage' },
  { href: '/admin/training', labelKey: 'nav.training', permission: 'training.manage' },
  { href: '/admin/contracts', labelKey: 'nav.contracts', permission: 'contracts.manage' },
  { href: '/admin/employment', labelKey: 'nav.employment', permission: 'employment.manage' },
  { href: '/reemployment', labelKey: 'nav.reemployment', roles: ['province'] },
  { href: '/my/training', labelKey: 'nav.myTraining', permission: 'training.own' },
  { href: '/my/employment', labelKey: 'nav.myEmployment', permission: 'employment.own' },
  { href: '/saeil', labelKey: 'nav.saeil', permission: 'employment.counsel' },
  { href: '/api/docs', labelKey: 'nav.api', roles: ['admin', 'operator', 'province'] },
];

export function navigationFor(actor: Actor | null): { href: string; labelKey: string }[] {
  if (!actor) return [];
  return NAV.filter(
    (n) => (!n.permission || can(actor, n.permission)) && (!n.roles || n.roles.includes(actor.role)),
  );
}

/** Where each role lands after signing in. All roles share /home, which renders per role. */
export function homePath(_role: Role): string {
  return '/home';
}
