import { sql } from 'kysely';
import type { AppUser, NewAppUser, SecondFactorStep } from '../../db/schema.ts';
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
      s: {
        idHash: string;
        userId: string;
        now: Date;
        expiresAt: Date;
        ip: string | null;
        userAgent: string | null;
        secondFactor?: SecondFactorStep | null;
      },
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
          secondFactor: s.secondFactor ?? null,
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
          's.secondFactor',
          'u.id as userId',
          'u.login',
          'u.displayName',
          'u.role',
          'u.officeId',
          'u.locale',
          'u.active',
          'u.mustChangePassword',
          'u.isDemo',
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

    // Second factor (issue 14 §2)
    findTotp(db: Db, userId: string) {
      return db.selectFrom('userTotp').selectAll().where('userId', '=', userId).executeTakeFirst();
    },
    /** A new, not yet confirmed secret replaces an earlier unconfirmed one (never a confirmed one). */
    async startTotp(db: Db, userId: string, secretEnc: string, at: Date) {
      await db.deleteFrom('userTotp').where('userId', '=', userId).where('confirmedAt', 'is', null).execute();
      await db.insertInto('userTotp').values({ userId, secretEnc, createdAt: at }).onConflict((oc) => oc.column('userId').doNothing()).execute();
    },
    async confirmTotp(db: Db, userId: string, step: number, at: Date) {
      await db.updateTable('userTotp').set({ confirmedAt: at, lastStep: step }).where('userId', '=', userId).execute();
    },
    /** Accept a step only if it is later than the stored one (two requests with one code: one wins). */
    async acceptTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
      const r = await db
        .updateTable('userTotp')
        .set({ lastStep: step })
        .where('userId', '=', userId)
        .where((eb) => eb.or([eb('lastStep', 'is', null), eb('lastStep', '<', step)]))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async replaceRecoveryCodes(db: Db, userId: string, codeHashes: string[], at: Date) {
      await db.deleteFrom('userRecoveryCode').where('userId', '=', userId).execute();
      if (codeHashes.length) {
        await db
          .insertInto('userRecoveryCode')
          .values(codeHashes.map((codeHash) => ({ userId, codeHash, createdAt: at })))
          .execute();
      }
    },
    /** Marks the code used if it is the account's and unused: true once, false ever after. */
    async useRecoveryCode(db: Db, userId: string, codeHash: string, at: Date): Promise<boolean> {
      const r = await db
        .updateTable('userRecoveryCode')
        .set({ usedAt: at })
        .where('userId', '=', userId)
        .where('codeHash', '=', codeHash)
        .where('usedAt', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
      const r = await db
        .selectFrom('userRecoveryCode')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('userId', '=', userId)
        .where('usedAt', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** Removes the account's factor and recovery codes: whether there was a confirmed factor. */
    async deleteSecondFactor(db: Db, userId: string): Promise<boolean> {
      const r = await db.deleteFrom('userTotp').where('userId', '=', userId).returning('confirmedAt').executeTakeFirst();
      await db.deleteFrom('userRecoveryCode').where('userId', '=', userId).execute();
      return Boolean(r?.confirmedAt);
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
