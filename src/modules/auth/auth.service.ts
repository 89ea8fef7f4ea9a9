import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { checkPassword, isLocked, lockoutAfterFailure, sessionExpired } from '../../domain/password.ts';
import { InvalidError } from '../../errors.ts';
import { isLocale } from '../../i18n/i18n.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { decoyHash, hashPassword, randomToken, sha256, verifyPassword } from './auth.crypto.ts';
import type { Actor } from './auth.policy.ts';
import { requireActor } from './auth.policy.ts';
import type { AuthRepository } from './auth.repository.ts';
import { ChangePasswordInput, SignInInput } from './auth.schemas.ts';
import { parseInput } from '../../validation.ts';

export interface AuthDeps {
  db: Kysely<DB>;
  repo: AuthRepository;
  audit: AuditService;
  config: Pick<Config, 'session' | 'lockout'>;
  now: () => Date;
}

/** lastSeenAt is written at most this often; the idle timeout is far longer. */
const TOUCH_EVERY_MS = 30_000;

export interface SignedIn {
  sessionToken: string;
  actor: Actor;
  mustChangePassword: boolean;
}

export function createAuthService(deps: AuthDeps) {
  const { db, repo, audit, config, now } = deps;

  return {
    /**
     * Sign in. One message for every failure (unknown login, wrong password, locked, inactive)
     * so the answer never tells whether an account exists. The failure counter and the audit
     * row commit even though the caller gets an error.
     */
    async signIn(raw: unknown, meta: RequestMeta, previousSessionToken?: string): Promise<SignedIn> {
      const input: SignInInput = parseInput(SignInInput, raw);
      const at = now();
      const user = await repo.findUserByLogin(db, input.login);
      if (!user) {
        await verifyPassword(await decoyHash(), input.password);
        await db.transaction().execute((trx) =>
          audit.record(trx, meta, {
            action: 'auth.login_failed',
            actorLogin: input.login.slice(0, 100),
            detail: { reason: 'unknown_login' },
          }),
        );
        throw new InvalidError('auth.invalidCredentials');
      }
      const ok = await verifyPassword(user.passwordHash, input.password);
      const result = await db.transaction().execute(async (trx) => {
        const u = await repo.lockUserForUpdate(trx, user.id);
        if (!u) return { ok: false as const };
        if (!u.active) {
          await audit.record(trx, meta, {
            action: 'auth.login_failed',
            actorLogin: u.login,
            targetUserId: u.id,
            detail: { reason: 'inactive' },
          });
          return { ok: false as const };
        }
        if (isLocked(u.lockedUntil, at)) {
          await audit.record(trx, meta, {
            action: 'auth.login_failed',
            actorLogin: u.login,
            targetUserId: u.id,
            detail: { reason: 'locked' },
          });
          return { ok: false as const };
        }
        if (!ok) {
          const next = lockoutAfterFailure(u.failedAttempts, at, config.lockout);
          await repo.recordFailure(trx, u.id, next.failedAttempts, next.lockedUntil);
          await audit.record(trx, meta, {
            action: 'auth.login_failed',
            actorLogin: u.login,
            targetUserId: u.id,
            detail: { reason: 'bad_password', attempt: u.failedAttempts + 1 },
          });
          if (next.lockedUntil) {
            await audit.record(trx, meta, {
              action: 'auth.lockout',
              actorLogin: u.login,
              targetUserId: u.id,
              detail: { until: next.lockedUntil.toISOString(), minutes: config.lockout.minutes },
            });
          }
          return { ok: false as const };
        }
        // Rotate: the pre-login session (if any) dies, a new id is issued.
        if (previousSessionToken) await repo.deleteSession(trx, sha256(previousSessionToken));
        const token = randomToken();
        await repo.insertSession(trx, {
          idHash: sha256(token),
          userId: u.id,
          now: at,
          expiresAt: new Date(at.getTime() + config.session.absoluteHours * 3_600_000),
          ip: meta.ip,
          userAgent: meta.userAgent?.slice(0, 300) ?? null,
        });
        await repo.recordLogin(trx, u.id, at);
        await audit.record(trx, meta, {
          action: 'auth.login',
          actor: { userId: u.id, login: u.login },
          targetUserId: u.id,
        });
        const actor: Actor = {
          userId: u.id,
          login: u.login,
          displayName: u.displayName,
          role: u.role,
          officeId: u.officeId,
          locale: u.locale,
          via: 'session',
        };
        return { ok: true as const, token, actor, mustChangePassword: u.mustChangePassword };
      });
      if (!result.ok) throw new InvalidError('auth.invalidCredentials');
      return { sessionToken: result.token, actor: result.actor, mustChangePassword: result.mustChangePassword };
    },

    /** Resolve a session cookie; expired (idle or absolute) sessions are deleted on sight. */
    async resolveSession(token: string): Promise<{ actor: Actor; mustChangePassword: boolean } | null> {
      const idHash = sha256(token);
      const s = await repo.findSession(db, idHash);
      if (!s) return null;
      const at = now();
      if (!s.active || sessionExpired(s, at, config.session.idleMinutes)) {
        await repo.deleteSession(db, idHash);
        return null;
      }
      if (at.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) await repo.touchSession(db, idHash, at);
      return {
        actor: {
          userId: s.userId,
          login: s.login,
          displayName: s.displayName,
          role: s.role,
          officeId: s.officeId,
          locale: s.locale,
          via: 'session',
        },
        mustChangePassword: s.mustChangePassword,
      };
    },

    /** Resolve a personal access token (`Authorization: Bearer itda_pat_…`). */
    async resolveToken(token: string): Promise<Actor | null> {
      const t = await repo.findToken(db, sha256(token));
      const at = now();
      if (!t || t.revokedAt || !t.active || (t.expiresAt && t.expiresAt <= at)) return null;
      await repo.touchToken(db, t.tokenId, at);
      return {
        userId: t.userId,
        login: t.login,
        displayName: t.displayName,
        role: t.role,
        officeId: t.officeId,
        locale: t.locale,
        via: 'token',
      };
    },

    /** Sign-out deletes the session row: the cookie is worthless afterwards. */
    async signOut(token: string, actor: Actor | null, meta: RequestMeta): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await repo.deleteSession(trx, sha256(token));
        if (actor) {
          await audit.record(trx, meta, {
            action: 'auth.logout',
            actor,
            targetUserId: actor.userId,
          });
        }
      });
    },

    /**
     * A new password ends the account's other sessions (issue 14 §1: someone who learnt the old
     * password and signed in elsewhere is signed out); the session it was changed in stays.
     */
    async changePassword(actor: Actor | null, raw: unknown, meta: RequestMeta, currentSessionToken: string | null = null): Promise<void> {
      requireActor(actor);
      const input: ChangePasswordInput = parseInput(ChangePasswordInput, raw);
      const user = await repo.findUserById(db, actor.userId);
      if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
        throw new InvalidError('password.currentWrong', [{ path: 'currentPassword', messageKey: 'password.currentWrong' }]);
      }
      const problem = checkPassword(input.newPassword, user.login);
      if (problem) {
        throw new InvalidError('password.policy', [{ path: 'newPassword', messageKey: `password.${problem}` }]);
      }
      if (await verifyPassword(user.passwordHash, input.newPassword)) {
        throw new InvalidError('password.policy', [{ path: 'newPassword', messageKey: 'password.sameAsOld' }]);
      }
      const newHash = await hashPassword(input.newPassword);
      await db.transaction().execute(async (trx) => {
        await repo.setPassword(trx, user.id, newHash, false);
        const ended = await repo.deleteOtherSessions(trx, user.id, currentSessionToken ? sha256(currentSessionToken) : null);
        await audit.record(trx, meta, { action: 'auth.password_changed', actor, targetUserId: user.id, detail: { otherSessionsEnded: ended } });
      });
    },

    async setLocale(actor: Actor | null, locale: string): Promise<void> {
      if (!actor || !isLocale(locale)) return;
      await repo.setLocale(db, actor.userId, locale);
    },

    async purgeExpiredSessions(): Promise<number> {
      return repo.purgeExpiredSessions(db, now(), config.session.idleMinutes);
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
