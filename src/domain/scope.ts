import type { Role } from './roles.ts';

/**
 * # Who may see which businesses: the one scope policy
 *
 * Every decision "may this person see / change this business (and everything hanging off it:
 * owner, consents, 상담일지, participations, documents, survey slips)" derives from `scopeOf(actor)`.
 * It returns a plain description of the scope; two readings of it exist and nothing else decides:
 *
 * - `scopePermits(scope, row, mode)` (here): the check on one loaded business row;
 * - `businessScopeWhere(scope, mode, alias)` (src/db/business-scope.ts): the same rule as a SQL
 *   condition, for lists and exports. A property test (src/db/business-scope.test.ts) checks, for
 *   every role on generated businesses, that both select exactly the same rows.
 *
 * Least privilege (개인정보 보호법 §29, 개인정보의 안전성 확보조치 기준 §5; docs/domain.md "People"):
 *
 * | role | read | write |
 * |---|---|---|
 * | operator, admin | all businesses (every view is recorded) | all |
 * | office_lead | the businesses of her office | same |
 * | clerk | those assigned to her; the unassigned ones of her office (to take on); the unassigned ones she registered herself elsewhere (walk-in hand-over, below) | those assigned to her; the unassigned ones of her office |
 * | owner | her own business (`ownerUserId`) | none |
 * | province, saeil_counsellor, catalog_editor | none (aggregates only, elsewhere) | none |
 *
 * Walk-in across offices: a business belongs to the office covering its 시·군. When a 수원 clerk
 * registers an owner whose shop is in 용인, the business is handed to the 용인 office unassigned;
 * the registering clerk keeps READ access to it (`registeredBy`) until someone of that office takes
 * it on (a clerk is assigned), so she can still check what she typed and tell the owner whom to call.
 *
 * Account roles and permissions (what kind of work a person does) are in
 * src/modules/auth/auth.policy.ts; this module only answers "which rows".
 */
export type BusinessScope =
  | { kind: 'all' }
  | { kind: 'office'; officeId: number }
  | { kind: 'clerk'; userId: string; officeId: number | null }
  | { kind: 'owner'; userId: string }
  | { kind: 'none' };

/** Read: see the business and its owner's data. Write: change it (facts, 상담일지, participations …). */
export type ScopeMode = 'read' | 'write';

/** The columns of a business the policy looks at. */
export interface BusinessScopeRow {
  officeId: number | null;
  clerkId: string | null;
  ownerUserId: string | null;
  registeredBy: string | null;
}

export interface ScopeActor {
  userId: string;
  role: Role;
  officeId: number | null;
}

export function scopeOf(actor: ScopeActor): BusinessScope {
  switch (actor.role) {
    case 'operator':
    case 'admin':
      return { kind: 'all' };
    case 'office_lead':
      // An office lead without an office (a data error) sees nothing rather than everything.
      return actor.officeId === null ? { kind: 'none' } : { kind: 'office', officeId: actor.officeId };
    case 'clerk':
      return { kind: 'clerk', userId: actor.userId, officeId: actor.officeId };
    case 'owner':
      return { kind: 'owner', userId: actor.userId };
    case 'province':
    case 'saeil_counsellor':
    case 'catalog_editor':
      return { kind: 'none' };
  }
}

/** Whether the scope reaches any business row at all (the impact preview shows names only then). */
export function seesBusinesses(scope: BusinessScope): boolean {
  return scope.kind !== 'none';
}

export function scopePermits(scope: BusinessScope, b: BusinessScopeRow, mode: ScopeMode): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'office':
      return b.officeId === scope.officeId;
    case 'clerk': {
      if (b.clerkId === scope.userId) return true;
      if (b.clerkId !== null) return false;
      if (scope.officeId !== null && b.officeId === scope.officeId) return true;
      return mode === 'read' && b.registeredBy === scope.userId;
    }
    case 'owner':
      return mode === 'read' && b.ownerUserId === scope.userId;
    case 'none':
      return false;
  }
}

/**
 * A business the viewer reads only because she registered it and handed it to the office covering
 * its 시·군 (walk-in hand-over, above): her page says so and names that office and its contact.
 */
export function isHandedOver(scope: BusinessScope, b: BusinessScopeRow): boolean {
  return scope.kind === 'clerk' && b.clerkId === null && b.registeredBy === scope.userId && b.officeId !== scope.officeId;
}

/**
 * Figures (dashboards, operations): whose work a viewer's numbers cover. Derived from the scope:
 * an office's figures for an office lead, everything for the operator, and for a clerk the
 * businesses assigned to her (the unassigned ones she may open are nobody's work yet).
 */
export function figuresScope(scope: BusinessScope): { officeId: number | null; clerkId: string | null } | null {
  switch (scope.kind) {
    case 'all':
      return { officeId: null, clerkId: null };
    case 'office':
      return { officeId: scope.officeId, clerkId: null };
    case 'clerk':
      return { officeId: null, clerkId: scope.userId };
    case 'owner':
    case 'none':
      return null;
  }
}

/**
 * Help requests from the public self-check (issue 13 §1) belong to an office, not yet to a clerk:
 * operators see all, an office lead and the clerks of the office covering the request's 시·군 see
 * that office's, nobody else any. Same policy as the businesses: derived from `scopeOf` only.
 */
export function officeQueuePermits(scope: BusinessScope, officeId: number | null): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'office' || scope.kind === 'clerk') return officeId !== null && scope.officeId === officeId;
  return false;
}

/**
 * Outreach (issue 12 §3): what a person sees of the registry shops that may qualify. Whoever reaches
 * business rows works with shops of her area (the area itself: `storeAreaOf`, src/domain/stores/
 * store-area.ts): lists, the map with points, visit lists. The province sees counts by 시·군 and
 * programme only, under the suppression rules (src/domain/metrics/suppression.ts) — no shop names,
 * no points: a shop is public data, but which shops the clerks mean to visit is the offices' work.
 * Nobody else sees anything.
 */
export type OutreachView = 'shops' | 'counts' | 'none';

export function outreachViewOf(actor: ScopeActor): OutreachView {
  const scope = scopeOf(actor);
  if (scope.kind === 'all' || scope.kind === 'office' || scope.kind === 'clerk') return 'shops';
  return actor.role === 'province' ? 'counts' : 'none';
}

/**
 * A visit list belongs to the office whose area it covers (null: made by the operator). Read and
 * record outcomes: as the office's help-request queue — the operator all, an office lead and the
 * clerks of that office theirs.
 */
export function visitListPermits(scope: BusinessScope, officeId: number | null): boolean {
  return officeQueuePermits(scope, officeId);
}
