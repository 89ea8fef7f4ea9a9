import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../errors.ts';
import type { Db } from '../../db/db.ts';
import { scopeOf, scopePermits, type BusinessScopeRow, type ScopeMode } from '../../domain/scope.ts';
import type { Actor } from '../auth/auth.policy.ts';

/** Loads a business's scope row and checks it against the one scope policy (src/domain/scope.ts); 404 for a business that does not exist, 403 for one outside the actor's scope. */
export async function assertBusinessAccess(db: Db, actor: Actor | null, businessId: string, mode: ScopeMode): Promise<BusinessScopeRow & { id: string }> {
  if (!actor) throw new UnauthenticatedError();
  if (!/^[0-9a-f-]{36}$/i.test(businessId)) throw new NotFoundError();
  const b = await db.selectFrom('business').select(['id', 'clerkId', 'officeId', 'ownerUserId', 'registeredBy']).where('id', '=', businessId).executeTakeFirst();
  if (!b) throw new NotFoundError();
  if (!scopePermits(scopeOf(actor), b, mode)) throw new ForbiddenError();
  return b;
}
