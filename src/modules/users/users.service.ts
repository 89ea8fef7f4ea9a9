import type { Kysely } from 'kysely';
import type { AppUser, DB, Role } from '../../db/schema.ts';
import { roleNeedsOffice } from '../../domain/roles.ts';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../errors.ts';
import type { Db } from '../../db/db.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { hashPassword, oneTimePassword, randomToken, sha256 } from '../auth/auth.crypto.ts';
import { authorize, can, type Actor } from '../auth/auth.policy.ts';
import type { AuthRepository } from '../auth/auth.repository.ts';
import type { OrgRepository } from '../org/org.repository.ts';
import { CreateUserInput, IssueTokenInput, ResetSecondFactorInput, UpdateUserInput } from './users.schemas.ts';
import { parseInput } from '../../validation.ts';
import type { UsersRepository } from './users.repository.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import { isMobileNumber } from '../notifications/notifications.service.ts';

export interface UsersDeps {
  db: Kysely<DB>;
  users: UsersRepository;
  auth: AuthRepository;
  org: OrgRepository;
  audit: AuditService;
  notifications: NotificationService;
  now: () => Date;
}

export const TOKEN_PREFIX = 'itda_pat_';

/** What the admin pages may show of an account: never the hash. */
export type UserView = Omit<AppUser, 'passwordHash'>;
function view(u: AppUser): UserView {
  const { passwordHash: _omit, ...rest } = u;
  return rest;
}

export function createUsersService(deps: UsersDeps) {
  const { db, users, org, audit } = deps;

  /** Only an admin may grant `admin` or touch an admin's account. */
  function checkAdminBoundary(actor: Actor, role: Role, target?: AppUser) {
    if ((role === 'admin' || target?.role === 'admin') && !can(actor, 'users.grantAdmin')) {
      throw new ForbiddenError('users.adminOnly');
    }
  }

  async function checkOffice(role: Role, officeId: number | null | undefined) {
    if (roleNeedsOffice(role) && !officeId) {
      throw new InvalidError('validation.summary', [{ path: 'officeId', messageKey: 'users.officeRequired' }]);
    }
    if (officeId && !(await org.findOffice(db, officeId))) {
      throw new InvalidError('validation.summary', [{ path: 'officeId', messageKey: 'users.officeUnknown' }]);
    }
  }

  /** Authorizes, validates and hashes a new account's one-time password (no writes). */
  async function prepareAccount(actor: Actor | null, raw: unknown) {
    authorize(actor, 'users.manage');
    const input: CreateUserInput = parseInput(CreateUserInput, raw);
    const role = input.role as Role;
    checkAdminBoundary(actor, role);
    await checkOffice(role, input.officeId);
    const password = oneTimePassword();
    return { actor, input, role, password, passwordHash: await hashPassword(password) };
  }
  type PreparedAccount = Awaited<ReturnType<typeof prepareAccount>>;

  /** Writes a prepared account with its audit rows and notices in the caller's transaction. */
  async function insertAccount(trx: Db, prepared: PreparedAccount, meta: RequestMeta) {
    const { actor, input, role, passwordHash } = prepared;
    const taken = () => new InvalidError('validation.summary', [{ path: 'login', messageKey: 'users.loginTaken' }]);
    if (await users.loginExists(trx, input.login)) throw taken();
    const u = await users.insertUnlessLoginTaken(trx, {
      login: input.login,
      displayName: input.displayName,
      role,
      officeId: roleNeedsOffice(role) || input.officeId ? (input.officeId ?? null) : null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      passwordHash,
      mustChangePassword: true,
    });
    if (!u) throw taken(); // the same login at the same moment (a double-click)
    await audit.record(trx, meta, {
      action: 'user.create',
      actor,
      targetUserId: u.id,
      detail: { login: u.login },
    });
    await audit.record(trx, meta, {
      action: 'permission.grant',
      actor,
      targetUserId: u.id,
      detail: { role: u.role, officeId: u.officeId },
    });
    // Tell the person their account exists (never the password: that is handed over separately).
    const params = { login: u.login, displayName: u.displayName };
    if (u.email) await deps.notifications.enqueue(trx, { channel: 'email', recipient: u.email, recipientUserId: u.id, template: 'account.created', locale: u.locale, params });
    if (u.phone && isMobileNumber(u.phone)) {
      await deps.notifications.enqueue(trx, { channel: 'sms', recipient: u.phone, recipientUserId: u.id, template: 'account.created', locale: u.locale, params });
    }
    return u;
  }

  return {
    async list(actor: Actor | null, f: { q?: string; role?: string; officeId?: number; includeInactive?: boolean }) {
      authorize(actor, 'users.read');
      return users.list(db, { ...f, includeInactive: f.includeInactive ?? false });
    },

    /** Offices to choose from: for the list filter (read) or the forms (manage). */
    async officeOptions(actor: Actor | null, purpose: 'filter' | 'form') {
      authorize(actor, purpose === 'form' ? 'users.manage' : 'users.read');
      return (await org.listOffices(db)).filter((o) => o.active).map((o) => ({ id: o.id, name: o.name }));
    },

    async get(actor: Actor | null, id: string): Promise<UserView> {
      authorize(actor, 'users.read');
      const u = await users.findById(db, id);
      if (!u) throw new NotFoundError();
      return view(u);
    },

    /** Creates an account with a one-time password that must be changed at first sign-in. */
    async create(actor: Actor | null, raw: unknown, meta: RequestMeta) {
      const prepared = await prepareAccount(actor, raw);
      const user = await db.transaction().execute((trx) => insertAccount(trx, prepared, meta));
      return { user: view(user), oneTimePassword: prepared.password };
    },

    /**
     * The same account creation inside another service's transaction (a selected applicant
     * becomes a clerk in one action): `prepareAccount` first, outside the transaction (hashing
     * is slow), then `createWithin(trx, prepared, meta)`.
     */
    prepareAccount,
    async createWithin(trx: Db, prepared: PreparedAccount, meta: RequestMeta): Promise<UserView> {
      return view(await insertAccount(trx, prepared, meta));
    },

    async update(actor: Actor | null, id: string, raw: unknown, meta: RequestMeta): Promise<UserView> {
      authorize(actor, 'users.manage');
      const input: UpdateUserInput = parseInput(UpdateUserInput, raw);
      const role = input.role as Role;
      const before = await users.findById(db, id);
      if (!before) throw new NotFoundError();
      checkAdminBoundary(actor, role, before);
      await checkOffice(role, input.officeId);
      if (before.id === actor.userId && (!input.active || role !== before.role)) {
        // Nobody removes their own rights by accident and locks the organisation out.
        throw new InvalidError('users.selfChange');
      }
      return db.transaction().execute(async (trx) => {
        const officeId = input.officeId ?? null;
        const after = await users.updateVersioned(trx, id, input.version, {
          displayName: input.displayName,
          role,
          officeId,
          email: input.email ?? null,
          phone: input.phone ?? null,
          active: input.active,
        });
        if (!after) throw new ConflictError('error.conflictReload');
        await audit.record(trx, meta, {
          action: 'user.update',
          actor,
          targetUserId: id,
          detail: { displayName: after.displayName !== before.displayName, contact: after.email !== before.email || after.phone !== before.phone },
        });
        if (before.role !== after.role || before.officeId !== after.officeId) {
          await audit.record(trx, meta, {
            action: 'permission.change',
            actor,
            targetUserId: id,
            detail: { from: { role: before.role, officeId: before.officeId }, to: { role: after.role, officeId: after.officeId } },
          });
        }
        if (before.active && !after.active) {
          await deps.auth.deleteSessionsOfUser(trx, id);
          await audit.record(trx, meta, {
            action: 'permission.revoke',
            actor,
            targetUserId: id,
            detail: { deactivated: true, role: after.role },
          });
        } else if (!before.active && after.active) {
          await audit.record(trx, meta, {
            action: 'permission.grant',
            actor,
            targetUserId: id,
            detail: { reactivated: true, role: after.role, officeId: after.officeId },
          });
        }
        return view(after);
      });
    },

    /** A fresh one-time password (forgotten password): old sessions end, the lock is lifted. */
    async resetPassword(actor: Actor | null, id: string, meta: RequestMeta) {
      authorize(actor, 'users.manage');
      const target = await users.findById(db, id);
      if (!target) throw new NotFoundError();
      checkAdminBoundary(actor, target.role, target);
      const password = oneTimePassword();
      const hash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        await deps.auth.setPassword(trx, id, hash, true);
        await deps.auth.recordFailure(trx, id, 0, null);
        await deps.auth.deleteSessionsOfUser(trx, id);
        await audit.record(trx, meta, { action: 'auth.password_changed', actor, targetUserId: id, detail: { reset: true } });
      });
      return { oneTimePassword: password };
    },

    /** Whether the account has a second factor, and how many recovery codes are left (for the admin page). */
    async secondFactorStatus(actor: Actor | null, id: string): Promise<{ enrolled: boolean; recoveryLeft: number }> {
      authorize(actor, 'users.read');
      const totp = await deps.auth.findTotp(db, id);
      return { enrolled: Boolean(totp?.confirmedAt), recoveryLeft: totp?.confirmedAt ? await deps.auth.countUnusedRecoveryCodes(db, id) : 0 };
    },

    /**
     * The admin's reset of a lost second factor (issue 14 §2): the factor and its recovery codes go,
     * the account's sessions end, and a required account enrols again at its next sign-in. Audited
     * (안전성 확보조치 기준 §5: changes to the means of access are recorded).
     */
    async resetSecondFactor(actor: Actor | null, id: string, raw: unknown, meta: RequestMeta): Promise<void> {
      authorize(actor, 'users.resetSecondFactor');
      parseInput(ResetSecondFactorInput, raw);
      const target = await users.findById(db, id);
      if (!target) throw new NotFoundError();
      await db.transaction().execute(async (trx) => {
        const hadFactor = await deps.auth.deleteSecondFactor(trx, id);
        await deps.auth.deleteSessionsOfUser(trx, id);
        await audit.record(trx, meta, { action: 'auth.second_factor_reset', actor, targetUserId: id, detail: { hadFactor } });
      });
    },

    /**
     * The same reset from the server's command line (`itda admin reset-second-factor`), for when the
     * only administrator lost the phone: whoever runs it has the server. Audited as itda-cli.
     * Answers null for an unknown login.
     */
    async resetSecondFactorByLogin(login: string, meta: RequestMeta): Promise<{ hadFactor: boolean } | null> {
      const target = await deps.auth.findUserByLogin(db, login);
      if (!target) return null;
      return db.transaction().execute(async (trx) => {
        const hadFactor = await deps.auth.deleteSecondFactor(trx, target.id);
        await deps.auth.deleteSessionsOfUser(trx, target.id);
        await audit.record(trx, meta, { action: 'auth.second_factor_reset', actorLogin: 'itda-cli', targetUserId: target.id, detail: { hadFactor } });
        return { hadFactor };
      });
    },

    async listTokens(actor: Actor | null, userId: string) {
      authorize(actor, 'tokens.manage');
      return users.listTokens(db, userId);
    },

    /** The clear token is returned once; only its SHA-256 is stored. */
    async issueToken(actor: Actor | null, userId: string, raw: unknown, meta: RequestMeta) {
      authorize(actor, 'tokens.manage');
      const input: IssueTokenInput = parseInput(IssueTokenInput, raw);
      const target = await users.findById(db, userId);
      if (!target || !target.active) throw new NotFoundError();
      const token = TOKEN_PREFIX + randomToken();
      const expiresAt = input.expiresInDays ? new Date(deps.now().getTime() + input.expiresInDays * 86_400_000) : null;
      await db.transaction().execute(async (trx) => {
        const row = await users.insertToken(trx, {
          userId,
          name: input.name,
          prefix: token.slice(0, TOKEN_PREFIX.length + 4),
          tokenHash: sha256(token),
          createdBy: actor.userId,
          expiresAt,
        });
        await audit.record(trx, meta, {
          action: 'token.issue',
          actor,
          targetUserId: userId,
          subjectType: 'api_token',
          subjectId: row.id,
          detail: { name: input.name, expiresAt: expiresAt?.toISOString() ?? null },
        });
      });
      return { token };
    },

    async revokeToken(actor: Actor | null, userId: string, tokenId: string, meta: RequestMeta) {
      authorize(actor, 'tokens.manage');
      await db.transaction().execute(async (trx) => {
        const row = await users.revokeToken(trx, userId, tokenId, actor.userId, deps.now());
        if (!row) throw new NotFoundError();
        await audit.record(trx, meta, {
          action: 'token.revoke',
          actor,
          targetUserId: userId,
          subjectType: 'api_token',
          subjectId: tokenId,
          detail: { name: row.name },
        });
      });
    },

    /**
     * The first administrator of a real deployment (`itda admin create`): no demo account ever
     * exists there, so this is the only way in. The one-time password must be changed at first sign-in.
     */
    async bootstrapAdmin(input: { login: string; displayName: string; email?: string | null }, meta: RequestMeta) {
      const password = oneTimePassword();
      const passwordHash = await hashPassword(password);
      const user = await db.transaction().execute(async (trx) => {
        if (await users.loginExists(trx, input.login)) {
          throw new InvalidError('validation.summary', [{ path: 'login', messageKey: 'users.loginTaken' }]);
        }
        const u = await users.insertUnlessLoginTaken(trx, {
          login: input.login,
          displayName: input.displayName,
          role: 'admin',
          email: input.email ?? null,
          phone: null,
          officeId: null,
          passwordHash,
          mustChangePassword: true,
        });
        if (!u) throw new InvalidError('validation.summary', [{ path: 'login', messageKey: 'users.loginTaken' }]);
        await audit.record(trx, meta, { action: 'user.create', actorLogin: 'itda-cli', targetUserId: u.id, detail: { login: u.login } });
        await audit.record(trx, meta, { action: 'permission.grant', actorLogin: 'itda-cli', targetUserId: u.id, detail: { role: 'admin' } });
        return u;
      });
      return { user: view(user), oneTimePassword: password };
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
