/** The programme's roles (docs/domain.md, "People"). Order is the order shown in selects. */
const ROLE_NAMES = [
  'owner',
  'clerk',
  'office_lead',
  'operator',
  'province',
  'saeil_counsellor',
  'catalog_editor',
  'admin',
] as const;
export type Role = (typeof ROLE_NAMES)[number];
export const ROLES: readonly Role[] = ROLE_NAMES;

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/** Roles whose accounts belong to one 사무소. */
export function roleNeedsOffice(role: Role): boolean {
  return role === 'clerk' || role === 'office_lead';
}

/** Staff who work on other people's personal data (the second factor from outside applies to them: second-factor.ts). */
export function isStaff(role: Role): boolean {
  return role !== 'owner';
}
