import { sql, type Expression, type SqlBool } from 'kysely';
import type { BusinessScope, ScopeMode } from '../domain/scope.ts';

/**
 * The scope policy of src/domain/scope.ts as a SQL condition on a `business` row, for lists,
 * exports and counts: `.where(businessScopeWhere(scope, 'read', 'b'))`. It must select exactly the
 * rows `scopePermits` allows; src/db/business-scope.test.ts checks that on generated data for every
 * role. Change both together (the test fails otherwise).
 *
 * `alias` is the name the query gives the business table (`business as b` → 'b').
 */
export function businessScopeWhere(scope: BusinessScope, mode: ScopeMode, alias: string): Expression<SqlBool> {
  const col = (c: 'officeId' | 'clerkId' | 'ownerUserId' | 'registeredBy') => sql.ref(`${alias}.${c}`);
  switch (scope.kind) {
    case 'all':
      return sql<SqlBool>`true`;
    case 'office':
      return sql<SqlBool>`${col('officeId')} = ${scope.officeId}`;
    case 'clerk': {
      const unassigned: Expression<SqlBool>[] = [];
      if (scope.officeId !== null) unassigned.push(sql<SqlBool>`${col('officeId')} = ${scope.officeId}`);
      if (mode === 'read') unassigned.push(sql<SqlBool>`${col('registeredBy')} = ${scope.userId}`);
      if (!unassigned.length) return sql<SqlBool>`${col('clerkId')} = ${scope.userId}`;
      return sql<SqlBool>`(${col('clerkId')} = ${scope.userId} or (${col('clerkId')} is null and (${sql.join(unassigned, sql` or `)})))`;
    }
    case 'owner':
      return mode === 'read' ? sql<SqlBool>`${col('ownerUserId')} = ${scope.userId}` : sql<SqlBool>`false`;
    case 'none':
      return sql<SqlBool>`false`;
  }
}
