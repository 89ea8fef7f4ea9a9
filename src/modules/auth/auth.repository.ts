import { sql } from 'kysely';
import type { AppUser, NewAppUser } from '../../db/schema.ts';
import type { Db } from '../../db/db.ts';

export function createAuthRepository() {
  return {
    findUserByLogin(db: Db, login: string): Promise<AppUser | undefined> {
      return db
        .selectFrom('appUser')
        .selectAll()
        .where(sql<string>`lower(login)`, '=', login.trim().toLowerCase())
        .executeTakeFirst();
    },
    findUserById(db: Db, id: string): Promise<AppUser | undefined> {
      return db.selectFrom('appUser').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** Row lock so that concurrent failed sign-ins count correctly. */
    lockUserForUpdate(db: Db, id: string): Promise<AppUser | undefined> {
      return db.selectFrom('appUser').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },
    async insertUser(db: Db, u: NewAppUser): Promise<AppUser> {
      return db.insertInto('appUser').values(u).returningAll().executeTakeFirstOrThrow();
    },
    async recordFailure(db: Db, id: string, failedAttempts: number, lockedUntil: Date | null) {
      await db.updateTable('appUser').set({ failedAttempts, lockedUntil }).where('id', '=', id).execute();
    },
    async recordLogin(db: Db, id: string, at: Date) {
      await db
        .updateTable('appUser')
        .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: at })
        .where('id', '=', id)
        .execute();
    },
    async setPassword(db: Db, id: string, passwordHash: string, mustChange: boolean) {
      await db
        .updateTable('appUser')
        .set((eb) => ({
          passwordHash,
          mustChangePassword: mustChange,
          updatedAt: new Date(),
          version: eb('version', '+', 1),
        }))
        .where('id', '=', id)
        .execute();
    },
    async setLocale(db: Db, id: string, locale: string) {
      await db.updateTable('appUser').set({ locale }).where('id', '=', id).execute();
    },

    // Sessions
    async insertSession(
      db: Db,
      s: { idHash: string; userId: string; now: Date; expiresAt: Date; ip: string | null; userAgent: string | null },
    ) {
      await db
        .insertInto('userSession')
        .values({
          idHash: s.idHash,
          userId: s.userId,
          createdAt: s.now,
          lastSeenAt: s.now,
          expiresAt: s.expiresAt,
          ip: s.ip,
          userAgent: s.userAgent,
        })
        .execute();
    },
    findSession(db: Db, idHash: string) {
      return db
        .selectFrom('userSession as s')
        .innerJoin('appUser as u', 'u.id', 's.userId')
        .select([
          's.idHash',
          's.createdAt',
          's.lastSeenAt',
          's.expiresAt',
          'u.id as userId',
          'u.login',
          'u.displayName',
          'u.role',
          'u.officeId',
          'u.locale',
          'u.active',
          'u.mustChangePassword',
        ])
        .where('s.idHash', '=', idHash)
        .executeTakeFirst();
    },
    async touchSession(db: Db, idHash: string, at: Date) {
      await db.updateTable('userSession').set({ lastSeenAt: at }).where('idHash', '=', idHash).execute();
    },
    async deleteSession(db: Db, idHash: string) {
      await db.deleteFrom('userSession').where('idHash', '=', idHash).execute();
    },
    async deleteSessionsOfUser(db: Db, userId: string) {
      await db.deleteFrom('userSession').where('userId', '=', userId).execute();
    },
    /** The account's other sessions (all but `keepIdHash`): how many ended. */
    async deleteOtherSessions(db: Db, userId: string, keepIdHash: string | null): Promise<number> {
      let q = db.deleteFrom('userSession').where('userId', '=', userId);
      if (keepIdHash) q = q.where('idHash', '!=', keepIdHash);
      const r = await q.executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async purgeExpiredSessions(db: Db, now: Date, idleMinutes: number): Promise<number> {
      const idleCutoff = new Date(now.getTime() - idleMinutes * 60_000);
      const res = await db
        .deleteFrom('userSession')
        .where((eb) => eb.or([eb('expiresAt', '<=', now), eb('lastSeenAt', '<', idleCutoff)]))
        .executeTakeFirst();
      return Number(res.numDeletedRows);
    },

    // API tokens
    findToken(db: Db, tokenHash: string) {
      return db
        .selectFrom('apiToken as t')
        .innerJoin('appUser as u', 'u.id', 't.userId')
        .select([
          't.id as tokenId',
          't.revokedAt',
          't.expiresAt',
          'u.id as userId',
          'u.login',
          'u.displayName',
          'u.role',
          'u.officeId',
          'u.locale',
          'u.active',
        ])
        .where('t.tokenHash', '=', tokenHash)
        .executeTakeFirst();
    },
    async touchToken(db: Db, tokenId: string, at: Date) {
      await db.updateTable('apiToken').set({ lastUsedAt: at }).where('id', '=', tokenId).execute();
    },
  };
}
export type AuthRepository = ReturnType<typeof createAuthRepository>;
