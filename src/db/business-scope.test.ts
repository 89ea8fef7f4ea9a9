import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.ts';
import { ROLES, type Role } from '../domain/roles.ts';
import { scopeOf, scopePermits, type BusinessScopeRow, type ScopeMode } from '../domain/scope.ts';
import { businessScopeWhere } from './business-scope.ts';
import type { DB } from './schema.ts';

/**
 * The scope policy has two readings: the predicate on a loaded row (src/domain/scope.ts) and the
 * SQL condition for lists (business-scope.ts). For every role and both modes, on generated
 * businesses and actors, they must select exactly the same rows (on PGlite, and on PostgreSQL
 * with TEST_DATABASE_URL).
 */
let db: Kysely<DB>;
let close: () => Promise<void>;
let offices: number[];
let users: string[];

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  const region = await db.selectFrom('region').select('id').orderBy('id').executeTakeFirstOrThrow();
  offices = [];
  for (const name of ['범위 가', '범위 나', '범위 다']) {
    offices.push((await db.insertInto('office').values({ name, regionId: region.id }).returning('id').executeTakeFirstOrThrow()).id);
  }
  users = [];
  for (let i = 0; i < 5; i++) {
    const u = await db
      .insertInto('appUser')
      .values({ login: `scope-${i}`, displayName: `범위 ${i}`, role: 'clerk', passwordHash: 'x', mustChangePassword: false, active: true, email: null, phone: null, officeId: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    users.push(u.id);
  }
});
afterAll(async () => {
  await close?.();
});

describe('scope policy: the predicate and the SQL filter agree', () => {
  it('selects the same businesses for every role, mode and generated data', async () => {
    const maybeOffice = () => fc.option(fc.constantFrom(...offices), { nil: null, freq: 3 });
    const maybeUser = () => fc.option(fc.constantFrom(...users), { nil: null, freq: 2 });
    const business = fc.record({ officeId: maybeOffice(), clerkId: maybeUser(), ownerUserId: maybeUser(), registeredBy: maybeUser() });
    const actor = fc.record({ role: fc.constantFrom<Role>(...ROLES), userId: fc.constantFrom(...users), officeId: maybeOffice() });
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(business, { minLength: 1, maxLength: 12 }), fc.array(actor, { minLength: ROLES.length, maxLength: ROLES.length * 2 }), async (rows, actors) => {
        await db.deleteFrom('business').execute();
        const inserted = await db
          .insertInto('business')
          .values(rows.map((r, i) => ({ name: `가게 ${i}`, ...r })))
          .returning(['id', 'officeId', 'clerkId', 'ownerUserId', 'registeredBy'])
          .execute();
        // Every actor × mode in one query: each filter as a column, coalesce(…, false) being exactly
        // what WHERE keeps (a row passes only when the filter is true, not null). One filter also
        // runs as the WHERE it is in production, so both readings are exercised on every run.
        const checks = actors.flatMap((a) => (['read', 'write'] as ScopeMode[]).map((mode) => ({ a, mode, scope: scopeOf(a) })));
        const matrix = await db
          .selectFrom('business as b')
          .select('b.id')
          .select(checks.map((c, i) => sql<boolean>`coalesce(${businessScopeWhere(c.scope, c.mode, 'b')}, false)`.as(`c${i}`)))
          .execute();
        for (const [i, c] of checks.entries()) {
          const expected = inserted.filter((b: BusinessScopeRow & { id: string }) => scopePermits(c.scope, b, c.mode)).map((b) => b.id).sort();
          const got = matrix.filter((r) => (r as Record<string, unknown>)[`c${i}`] === true).map((r) => r.id).sort();
          expect(got, `${c.a.role} ${c.mode} ${JSON.stringify(c.scope)}`).toEqual(expected);
          checked++;
        }
        const first = checks[0]!;
        const viaWhere = (await db.selectFrom('business as b').select('b.id').where(businessScopeWhere(first.scope, first.mode, 'b')).execute()).map((b) => b.id).sort();
        expect(viaWhere).toEqual(inserted.filter((b: BusinessScopeRow & { id: string }) => scopePermits(first.scope, b, first.mode)).map((b) => b.id).sort());
      }),
      { numRuns: 60 },
    );
    expect(checked).toBeGreaterThan(60 * ROLES.length);
  });

  it('gives every role the rows the README table promises', () => {
    const [u1, u2] = ['00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002'];
    const mine = { officeId: 1, clerkId: u1, ownerUserId: u2, registeredBy: null };
    const colleagues = { officeId: 1, clerkId: u2, ownerUserId: null, registeredBy: null };
    const unassignedHere = { officeId: 1, clerkId: null, ownerUserId: null, registeredBy: null };
    const handedOver = { officeId: 2, clerkId: null, ownerUserId: null, registeredBy: u1 };
    const takenOn = { ...handedOver, clerkId: u2 };
    const clerk = scopeOf({ role: 'clerk', userId: u1, officeId: 1 });
    expect([mine, colleagues, unassignedHere, handedOver, takenOn].map((b) => scopePermits(clerk, b, 'read'))).toEqual([true, false, true, true, false]);
    expect([mine, colleagues, unassignedHere, handedOver, takenOn].map((b) => scopePermits(clerk, b, 'write'))).toEqual([true, false, true, false, false]);
    const lead = scopeOf({ role: 'office_lead', userId: u1, officeId: 1 });
    expect([mine, colleagues, handedOver].map((b) => scopePermits(lead, b, 'write'))).toEqual([true, true, false]);
    const owner = scopeOf({ role: 'owner', userId: u2, officeId: null });
    expect([scopePermits(owner, mine, 'read'), scopePermits(owner, mine, 'write'), scopePermits(owner, colleagues, 'read')]).toEqual([true, false, false]);
    for (const role of ['province', 'saeil_counsellor', 'catalog_editor'] as const) expect(scopePermits(scopeOf({ role, userId: u1, officeId: 1 }), mine, 'read')).toBe(false);
    for (const role of ['operator', 'admin'] as const) expect(scopePermits(scopeOf({ role, userId: u1, officeId: null }), handedOver, 'write')).toBe(true);
    expect(scopeOf({ role: 'office_lead', userId: u1, officeId: null })).toEqual({ kind: 'none' });
  });
});
