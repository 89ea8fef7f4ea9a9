import type { AppUser, AppUserUpdate, NewAppUser } from '../../db/schema.ts';
import { sql } from 'kysely';
import type { Db } from '../../db/db.ts';

export function createUsersRepository() {
  return {
    list(db: Db, f: { q?: string; role?: string; officeId?: number; includeInactive: boolean }) {
      let q = db
        .selectFrom('appUser as u')
        .leftJoin('office as o', 'o.id', 'u.officeId')
        .select([
          'u.id',
          'u.login',
          'u.displayName',
          'u.role',
          'u.officeId',
          'o.name as officeName',
          'u.active',
          'u.isDemo',
          'u.lastLoginAt',
          'u.lockedUntil',
        ]);
      if (!f.includeInactive) q = q.where('u.active', '=', true);
      if (f.role) q = q.where('u.role', '=', f.role as AppUser['role']);
      if (f.officeId) q = q.where('u.officeId', '=', f.officeId);
      if (f.q) {
        const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
        q = q.where((eb) => eb.or([eb('u.login', 'ilike', like), eb('u.displayName', 'ilike', like)]));
      }
      return q.orderBy('u.role').orderBy('u.login').limit(500).execute();
    },
    findById(db: Db, id: string) {
      return db.selectFrom('appUser').selectAll().where('id', '=', id).executeTakeFirst();
    },
    loginExists(db: Db, login: string) {
      return db
        .selectFrom('appUser')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['login']), '=', login.toLowerCase()))
        .executeTakeFirst();
    },
    insert(db: Db, u: NewAppUser) {
      return db.insertInto('appUser').values(u).returningAll().executeTakeFirstOrThrow();
    },
    /**
     * Check and insert as one step (issue 14 §1): undefined when the login (case-insensitive, the
     * unique index app_user_login_key) is taken, also by a request committed a moment ago.
     */
    insertUnlessLoginTaken(db: Db, u: NewAppUser) {
      return db
        .insertInto('appUser')
        .values(u)
        .onConflict((oc) => oc.expression(sql`lower(login)`).doNothing())
        .returningAll()
        .executeTakeFirst();
    },
    /** Optimistic locking: returns undefined when the version moved on. */
    updateVersioned(db: Db, id: string, version: number, set: AppUserUpdate) {
      return db
        .updateTable('appUser')
        .set({ ...set, version: version + 1, updatedAt: new Date() })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },
    listTokens(db: Db, userId: string) {
      return db
        .selectFrom('apiToken')
        .select(['id', 'name', 'prefix', 'createdAt', 'lastUsedAt', 'expiresAt', 'revokedAt'])
        .where('userId', '=', userId)
        .orderBy('createdAt', 'desc')
        .execute();
    },
    insertToken(
      db: Db,
      t: { userId: string; name: string; prefix: string; tokenHash: string; createdBy: string | null; expiresAt: Date | null },
    ) {
      return db.insertInto('apiToken').values(t).returning(['id']).executeTakeFirstOrThrow();
    },
    revokeToken(db: Db, userId: string, tokenId: string, by: string, at: Date) {
      return db
        .updateTable('apiToken')
        .set({ revokedAt: at, revokedBy: by })
        .where('id', '=', tokenId)
        .where('userId', '=', userId)
        .where('revokedAt', 'is', null)
        .returning(['id', 'name'])
        .executeTakeFirst();
    },
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
