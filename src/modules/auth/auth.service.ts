import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB, SecondFactorStep } from '../../db/schema.ts';
import type { Db } from '../../db/db.ts';
import { checkPassword, isLocked, lockoutAfterFailure, sessionExpired } from '../../domain/password.ts';
import { isReplay, readSecondFactorAnswer, secondFactorRequired } from '../../domain/second-factor.ts';
import type { Role } from '../../domain/roles.ts';
import { InvalidError } from '../../errors.ts';
import { isLocale } from '../../i18n/i18n.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { decoyHash, hashPassword, randomToken, sha256, verifyPassword } from './auth.crypto.ts';
import type { Actor } from './auth.policy.ts';
import { requireActor } from './auth.policy.ts';
import type { AuthRepository } from './auth.repository.ts';
import { ChangePasswordInput, SecondFactorInput, SignInInput } from './auth.schemas.ts';
import { decryptSecret, encryptSecret, hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpCode, totpUri, verifyTotp } from './auth.totp.ts';
import { parseInput } from '../../validation.ts';

export interface AuthDeps {
  db: Kysely<DB>;
  repo: AuthRepository;
  audit: AuditService;
  config: Pick<Config, 'session' | 'lockout' | 'secondFactor'>;
  now: () => Date;
}

/** lastSeenAt is written at most this often; the idle timeout is far longer. */
const TOUCH_EVERY_MS = 30_000;

export interface SignedIn {
  sessionToken: string;
  actor: Actor;
  mustChangePassword: boolean;
  /** The password was right but the session waits for the second factor (issue 14 §2). */
  secondFactor: SecondFactorStep | null;
}

/** A session past the password, before the second factor: it carries no actor (nothing is reachable). */
export interface PendingSecondFactor {
  userId: string;
  login: string;
  role: Role;
  isDemo: boolean;
  step: SecondFactorStep;
}

/** The outcome of a second-factor step: signed in, or refused (and whether the account is now locked). */
export type SecondFactorResult =
  | { ok: true; sessionToken: string; actor: Actor; mustChangePassword: boolean; recoveryCodes: string[] | null; recoveryLeft: number | null }
  | { ok: false; locked: boolean };

type UserRow = NonNullable<Awaited<ReturnType<AuthRepository['findUserById']>>>;

export function createAuthService(deps: AuthDeps) {
  const { db, repo, audit, config, now } = deps;

  function actorOf(u: UserRow): Actor {
    return { userId: u.id, login: u.login, displayName: u.displayName, role: u.role, officeId: u.officeId, locale: u.locale, via: 'session' };
  }

  async function openSession(trx: Db, userId: string, meta: RequestMeta, secondFactor: SecondFactorStep | null): Promise<string> {
    const at = now();
    const token = randomToken();
    await repo.insertSession(trx, {
      idHash: sha256(token),
      userId,
      now: at,
      expiresAt: new Date(at.getTime() + config.session.absoluteHours * 3_600_000),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      secondFactor,
    });
    return token;
  }

  type StepOutcome =
    | { ok: true; method: 'totp' | 'recovery_code' | 'enrolled'; recoveryCodes: string[] | null; recoveryLeft: number | null }
    | { ok: false; reason: 'bad_code' | 'replay' | 'bad_recovery_code' };

  /**
   * One second-factor step, in one transaction with its counter and audit rows: the pending session
   * must be of this step; a locked or inactive account is refused and the pending session ends;
   * a wrong code counts toward the same lockout as a wrong password (안전성 확보조치 기준 §5 ⑥);
   * a right one turns the pending session into a new signed-in one (a new id: no fixation).
   */
  async function secondStep(
    token: string | null,
    step: SecondFactorStep,
    meta: RequestMeta,
    check: (trx: Db, u: UserRow) => Promise<StepOutcome>,
  ): Promise<SecondFactorResult> {
    const at = now();
    const idHash = token ? sha256(token) : null;
    const s = idHash ? await repo.findSession(db, idHash) : undefined;
    if (!idHash || !s || s.secondFactor !== step || sessionExpired(s, at, config.session.idleMinutes)) return { ok: false, locked: false };
    return db.transaction().execute(async (trx): Promise<SecondFactorResult> => {
      const u = await repo.lockUserForUpdate(trx, s.userId);
      if (!u) return { ok: false, locked: false };
      if (!u.active || isLocked(u.lockedUntil, at)) {
        await repo.deleteSession(trx, idHash);
        await audit.record(trx, meta, {
          action: 'auth.second_factor_failed',
          actorLogin: u.login,
          targetUserId: u.id,
          detail: { reason: u.active ? 'locked' : 'inactive', step },
        });
        return { ok: false, locked: true };
      }
      const outcome = await check(trx, u);
      if (!outcome.ok) {
        const next = lockoutAfterFailure(u.failedAttempts, at, config.lockout);
        await repo.recordFailure(trx, u.id, next.failedAttempts, next.lockedUntil);
        await audit.record(trx, meta, {
          action: 'auth.second_factor_failed',
          actorLogin: u.login,
          targetUserId: u.id,
          detail: { reason: outcome.reason, step, attempt: u.failedAttempts + 1 },
        });
        if (next.lockedUntil) {
          await repo.deleteSession(trx, idHash);
          await audit.record(trx, meta, {
            action: 'auth.lockout',
            actorLogin: u.login,
            targetUserId: u.id,
            detail: { until: next.lockedUntil.toISOString(), minutes: config.lockout.minutes, factor: 'second' },
          });
        }
        return { ok: false, locked: next.lockedUntil !== null };
      }
      await repo.deleteSession(trx, idHash);
      const sessionToken = await openSession(trx, u.id, meta, null);
      await repo.recordLogin(trx, u.id, at);
      await audit.record(trx, meta, {
        action: 'auth.login',
        actor: { userId: u.id, login: u.login },
        targetUserId: u.id,
        detail: { secondFactor: outcome.method },
      });
      return {
        ok: true,
        sessionToken,
        actor: actorOf(u),
        mustChangePassword: u.mustChangePassword,
        recoveryCodes: outcome.recoveryCodes,
        recoveryLeft: outcome.recoveryLeft,
      };
    });
  }

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
        // 안전성 확보조치 기준 §6: an enrolled account always gives its second factor; a required one
        // that has none enrols now. Until then the session has no actor and the failure counter is
        // not reset (else the password would buy unlimited code guesses).
        const totp = await repo.findTotp(trx, u.id);
        const step: SecondFactorStep | null = totp?.confirmedAt
          ? 'verify'
          : secondFactorRequired(u.role, meta.ip, config.secondFactor.trustedNetworks)
            ? 'enrol'
            : null;
        const token = await openSession(trx, u.id, meta, step);
        if (step) {
          await audit.record(trx, meta, {
            action: 'auth.second_factor_required',
            actor: { userId: u.id, login: u.login },
            targetUserId: u.id,
            detail: { step },
          });
        } else {
          await repo.recordLogin(trx, u.id, at);
          await audit.record(trx, meta, {
            action: 'auth.login',
            actor: { userId: u.id, login: u.login },
            targetUserId: u.id,
          });
        }
        return { ok: true as const, token, actor: actorOf(u), mustChangePassword: u.mustChangePassword, step };
      });
      if (!result.ok) throw new InvalidError('auth.invalidCredentials');
      return { sessionToken: result.token, actor: result.actor, mustChangePassword: result.mustChangePassword, secondFactor: result.step };
    },

    /** The pending second step of a session cookie, or null (no session, expired, or fully signed in). */
    async pendingSecondFactor(token: string | null): Promise<PendingSecondFactor | null> {
      if (!token) return null;
      const s = await repo.findSession(db, sha256(token));
      if (!s?.secondFactor || !s.active || sessionExpired(s, now(), config.session.idleMinutes)) return null;
      return { userId: s.userId, login: s.login, role: s.role, isDemo: s.isDemo, step: s.secondFactor };
    },

    /**
     * The demo only (PGlite, published passwords): the current code of a demo account, so that a
     * reviewer without an authenticator app can sign in. Real accounts never get one.
     */
    async demoCode(pending: PendingSecondFactor): Promise<string | null> {
      if (!pending.isDemo || pending.step !== 'verify') return null;
      const totp = await repo.findTotp(db, pending.userId);
      const secret = totp?.confirmedAt ? decryptSecret(totp.secretEnc, config.secondFactor.key) : null;
      return secret ? totpCode(secret, now()) : null;
    },

    /**
     * Enrolment, first half: the secret to put into the authenticator app (shown as a QR code and
     * as text). The same unconfirmed secret is shown again on a reload; a confirmed one never.
     */
    async enrolment(token: string | null): Promise<{ login: string; secret: string; uri: string } | null> {
      const pending = await this.pendingSecondFactor(token);
      if (pending?.step !== 'enrol') return null;
      const existing = await repo.findTotp(db, pending.userId);
      if (existing?.confirmedAt) return null;
      let secret = existing ? decryptSecret(existing.secretEnc, config.secondFactor.key) : null;
      if (!secret) {
        secret = newTotpSecret();
        const secretEnc = encryptSecret(secret, config.secondFactor.key);
        await db.transaction().execute((trx) => repo.startTotp(trx, pending.userId, secretEnc, now()));
      }
      return { login: pending.login, secret, uri: totpUri(secret, pending.login) };
    },

    /**
     * Enrolment, second half: the first code from the app confirms the secret; the session becomes
     * a signed-in one and the recovery codes are returned (shown once; only their hashes are kept).
     */
    async confirmEnrolment(token: string | null, raw: unknown, meta: RequestMeta): Promise<SecondFactorResult> {
      const input = parseInput(SecondFactorInput, raw);
      return secondStep(token, 'enrol', meta, async (trx, u) => {
        const totp = await repo.findTotp(trx, u.id);
        const secret = totp && !totp.confirmedAt ? decryptSecret(totp.secretEnc, config.secondFactor.key) : null;
        const answer = readSecondFactorAnswer(input.code);
        const step = secret && answer.kind === 'totp' ? await verifyTotp(secret, answer.code, now(), null) : null;
        if (step === null) return { ok: false, reason: 'bad_code' };
        const codes = newRecoveryCodes();
        await repo.confirmTotp(trx, u.id, step, now());
        await repo.replaceRecoveryCodes(trx, u.id, codes.map((c) => hashRecoveryCode(c, config.secondFactor.key)), now());
        await audit.record(trx, meta, {
          action: 'auth.second_factor_enrolled',
          actor: { userId: u.id, login: u.login },
          targetUserId: u.id,
          detail: { method: 'totp', recoveryCodes: codes.length },
        });
        return { ok: true, method: 'enrolled', recoveryCodes: codes, recoveryLeft: null };
      });
    },

    /** The second step of an enrolled account: a code from the app (±1 step, once) or a recovery code (once). */
    async verifySecondFactor(token: string | null, raw: unknown, meta: RequestMeta): Promise<SecondFactorResult> {
      const input = parseInput(SecondFactorInput, raw);
      return secondStep(token, 'verify', meta, async (trx, u) => {
        const answer = readSecondFactorAnswer(input.code);
        if (answer.kind === 'totp') {
          const totp = await repo.findTotp(trx, u.id);
          const secret = totp?.confirmedAt ? decryptSecret(totp.secretEnc, config.secondFactor.key) : null;
          if (!secret || !totp) return { ok: false, reason: 'bad_code' };
          // Any step in the window: a replay is told apart only for the audit trail.
          const anyStep = await verifyTotp(secret, answer.code, now(), null);
          if (anyStep === null) return { ok: false, reason: 'bad_code' };
          if (isReplay(anyStep, totp.lastStep) || !(await repo.acceptTotpStep(trx, u.id, anyStep))) return { ok: false, reason: 'replay' };
          return { ok: true, method: 'totp', recoveryCodes: null, recoveryLeft: null };
        }
        if (answer.kind === 'recovery') {
          if (!(await repo.useRecoveryCode(trx, u.id, hashRecoveryCode(answer.code, config.secondFactor.key), now()))) {
            return { ok: false, reason: 'bad_recovery_code' };
          }
          const left = await repo.countUnusedRecoveryCodes(trx, u.id);
          await audit.record(trx, meta, {
            action: 'auth.second_factor_recovery_used',
            actor: { userId: u.id, login: u.login },
            targetUserId: u.id,
            detail: { left },
          });
          return { ok: true, method: 'recovery_code', recoveryCodes: null, recoveryLeft: left };
        }
        return { ok: false, reason: 'bad_code' };
      });
    },

    /**
     * Resolve a session cookie; expired (idle or absolute) sessions are deleted on sight. A session
     * waiting for its second factor resolves with no actor and the pending step.
     */
    async resolveSession(
      token: string,
    ): Promise<{ actor: Actor; mustChangePassword: boolean; pending: null } | { actor: null; mustChangePassword: false; pending: PendingSecondFactor } | null> {
      const idHash = sha256(token);
      const s = await repo.findSession(db, idHash);
      if (!s) return null;
      const at = now();
      if (!s.active || sessionExpired(s, at, config.session.idleMinutes)) {
        await repo.deleteSession(db, idHash);
        return null;
      }
      if (at.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) await repo.touchSession(db, idHash, at);
      if (s.secondFactor) {
        return {
          actor: null,
          mustChangePassword: false,
          pending: { userId: s.userId, login: s.login, role: s.role, isDemo: s.isDemo, step: s.secondFactor },
        };
      }
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
        pending: null,
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
