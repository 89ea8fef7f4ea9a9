import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../errors.ts';
import type { Db } from '../../db/db.ts';
import type { Actor } from '../auth/auth.policy.ts';

/**
 * Who may see or change a business (DOMAIN.md "People"; least privilege, 개인정보 보호법 §29):
 * - clerk: businesses assigned to them, or unassigned ones of their office (to take on);
 * - office_lead: their office's businesses;
 * - operator, admin: all (every view is recorded);
 * - owner: their own business only (read);
 * - province, saeil_counsellor, catalog_editor: none (aggregates only, elsewhere).
 */
export type BusinessAccess = 'read' | 'write';

export interface BusinessScopeRow {
  id: string;
  clerkId: string | null;
  officeId: number | null;
  ownerUserId: string | null;
}

export function canAccessBusiness(actor: Actor, b: BusinessScopeRow, mode: BusinessAccess): boolean {
  switch (actor.role) {
    case 'operator':
    case 'admin':
      return true;
    case 'office_lead':
      return actor.officeId !== null && b.officeId === actor.officeId;
    case 'clerk':
      return b.clerkId === actor.userId || (actor.officeId !== null && b.officeId === actor.officeId && (b.clerkId === null || mode === 'read'));
    case 'owner':
      return mode === 'read' && b.ownerUserId === actor.userId;
    case 'province':
    case 'saeil_counsellor':
    case 'catalog_editor':
      return false;
  }
}

/** Loads the scope row and checks it; 404 for a business that does not exist, 403 for one that is not yours. */
export async function assertBusinessAccess(db: Db, actor: Actor | null, businessId: string, mode: BusinessAccess): Promise<BusinessScopeRow> {
  if (!actor) throw new UnauthenticatedError();
  if (!/^[0-9a-f-]{36}$/i.test(businessId)) throw new NotFoundError();
  const b = await db.selectFrom('business').select(['id', 'clerkId', 'officeId', 'ownerUserId']).where('id', '=', businessId).executeTakeFirst();
  if (!b) throw new NotFoundError();
  if (!canAccessBusiness(actor, b, mode)) throw new ForbiddenError();
  return b;
}
