import type { BusinessScope } from '../scope.ts';

/**
 * Which registry shops (상가(상권)정보, public data) a person browses: derived from the one scope
 * policy (src/domain/scope.ts), not decided again. Whoever may see every business sees every shop;
 * an office lead and a clerk see the shops of the 시·군 their office covers (where they do their
 * outreach); an owner and the roles that see no business rows see none. Shops carry no personal
 * data, so this is about keeping each clerk's list to her own area, not about secrecy.
 */
export type StoreArea = { kind: 'all' } | { kind: 'office'; officeId: number } | { kind: 'none' };

export function storeAreaOf(scope: BusinessScope): StoreArea {
  switch (scope.kind) {
    case 'all':
      return { kind: 'all' };
    case 'office':
      return { kind: 'office', officeId: scope.officeId };
    case 'clerk':
      return scope.officeId === null ? { kind: 'none' } : { kind: 'office', officeId: scope.officeId };
    case 'owner':
    case 'none':
      return { kind: 'none' };
  }
}
