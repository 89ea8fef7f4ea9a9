import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { documentStatus } from '../../domain/documents/document-validity.ts';
import { ForbiddenError, NotFoundError } from '../../errors.ts';
import type { PersonalDataGate } from '../access-log/personal-data.gate.ts';
import type { RequestMeta } from '../audit/audit.service.ts';
import { randomToken, sha256 } from '../auth/auth.crypto.ts';
import { requireActor, type Actor } from '../auth/auth.policy.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import { isMobileNumber } from '../notifications/notifications.service.ts';
import { kstDate } from '../../domain/korean-time.ts';
import type { OwnerRepository } from './owner.repository.ts';
import type { DataRequestsService } from '../retention/data-requests.service.ts';
import type { RemindersService } from '../reminders/reminders.service.ts';

/**
 * A link sent by SMS lets an owner who never signs in see their case for 24 hours. It opens as often
 * as needed in that time (issue 14 §1 weighed single use: a messaging app's link preview, or the owner
 * reopening the page later that day, would use it up), the page says so plainly, and sending a new link
 * closes the previous one. The outbox keeps the message with the token masked once it is sent.
 */
export const OWNER_LINK_HOURS = 24;

export function createOwnerService(deps: {
  db: Kysely<DB>;
  repo: OwnerRepository;
  gate: PersonalDataGate;
  notifications: NotificationService;
  now: () => Date;
  publicUrl: string;
  /** Correction and deletion requests (issue 14 §3). */
  dataRequests: DataRequestsService;
  /** Her reminder preferences (issue 13 §2): she sees them and can stop them or change their language. */
  reminders?: Pick<RemindersService, 'forOwner' | 'ownerUpdate'>;
}) {
  const { db, repo, gate, now } = deps;

  /** What an owner sees: their participations, what is still needed and by when, their clerk. */
  async function view(businessId: string) {
    const b = await repo.findBusinessCard(db, businessId);
    if (!b) throw new NotFoundError();
    const today = kstDate(now());
    const [parts, docs, types] = await Promise.all([repo.listParticipations(db, businessId), repo.listDocuments(db, businessId), repo.listDocumentTypes(db)]);
    const typeBy = new Map(types.map((t) => [t.code, t]));
    const participations = parts.map((p) => {
      const open = !['selected', 'rejected', 'withdrawn', 'benefited'].includes(p.status) && p.status !== 'submitted';
      const needed = open
        ? p.requiredDocuments
            .map((code) => {
              const type = typeBy.get(code);
              const held = docs.filter((d) => d.documentType === code).map((d) => documentStatus(type ?? { kind: 'none' }, d.issuedOn, today, 14, { validUntil: d.validUntil }));
              const ok = held.includes('valid') || held.includes('expiring');
              return ok ? null : { code, name: type?.name ?? code };
            })
            .filter((x): x is { code: string; name: string } => x !== null)
        : [];
      return { ...p, needed, deadline: p.periodKind === 'range' ? p.periodEnd : null };
    });
    // 내 정보 보기 (개인정보 보호법 §35): everything Itda holds, and the owner's requests with their state.
    const [held, consents, files, requests] = await Promise.all([
      repo.findHeld(db, businessId),
      repo.listConsents(db, businessId),
      repo.listFiles(db, businessId),
      deps.dataRequests.forBusiness(db, businessId),
    ]);
    const documents = docs.map((d) => ({ ...d, name: typeBy.get(d.documentType)?.name ?? d.documentType }));
    const reminders = deps.reminders ? await deps.reminders.forOwner(businessId) : null;
    return { business: b, participations, today, held: { facts: held!, consents, files, documents, requests }, reminders };
  }

  async function openLink(token: string) {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw new NotFoundError('owner.linkInvalid');
    const link = await repo.findLinkByHash(db, sha256(token));
    if (!link || link.expiresAt <= now()) throw new NotFoundError('owner.linkInvalid');
    return link;
  }

  return {
    /** An owner signed in with an account: their own business(es) only. */
    async forOwnerAccount(actor: Actor | null, meta: RequestMeta) {
      requireActor(actor);
      if (actor.role !== 'owner') throw new ForbiddenError();
      const ids = await repo.listOwnedBusinessIds(db, actor.userId);
      const out = [];
      for (const { id } of ids) {
        await gate.business(db, actor, meta, { id, mode: 'read', action: 'view', detail: { via: 'owner' } });
        out.push(await view(id));
      }
      return out;
    },

    /** 정정·삭제 요청 by an owner signed in with an account: her own business only (recorded through its door). */
    async requestByAccount(actor: Actor | null, businessId: string, raw: unknown, meta: RequestMeta) {
      requireActor(actor);
      if (actor.role !== 'owner') throw new ForbiddenError();
      return db.transaction().execute(async (trx) => {
        await gate.check(trx, actor, businessId, 'read');
        const r = await deps.dataRequests.submit(trx, businessId, 'owner_account', raw);
        await gate.business(trx, actor, meta, { id: businessId, mode: 'read', action: 'create', detail: { via: 'owner', dataRequest: r.id } });
        return r;
      });
    },

    /** Staff send the owner a one-time link by SMS (through the outbox, in the same transaction). */
    async sendLink(actor: Actor | null, businessId: string, meta: RequestMeta) {
      requireActor(actor);
      await gate.check(db, actor, businessId, 'write');
      const b = await repo.findContact(db, businessId);
      if (!b?.phone || !isMobileNumber(b.phone)) throw new NotFoundError('owner.noMobile');
      const token = randomToken(24);
      // In her language (issue 13 §4); the link opens the page in it too.
      const language = (await repo.ownerLanguage(db, businessId)) ?? 'ko';
      const lang = language === 'ko' ? '' : `?lang=${language}`;
      await db.transaction().execute(async (trx) => {
        await repo.revokeLinks(trx, businessId, now());
        await repo.insertLink(trx, { businessId, tokenHash: sha256(token), expiresAt: new Date(now().getTime() + OWNER_LINK_HOURS * 3_600_000), createdBy: actor.userId });
        await deps.notifications.enqueue(trx, {
          channel: 'sms',
          recipient: b.phone!,
          template: 'owner.link',
          locale: language,
          params: { business: b.name, url: `${deps.publicUrl}/o/${token}${lang}` },
        });
        await gate.business(trx, actor, meta, { id: businessId, mode: 'write', action: 'update', detail: { ownerLinkSent: true } });
      });
      return token;
    },

    /** The page behind the link: valid 24 hours, for that business only. */
    async byLink(token: string, meta: RequestMeta) {
      const link = await openLink(token);
      if (!link.usedAt) await repo.markLinkUsed(db, link.id, now());
      await gate.byLink(db, meta, { subjectType: 'business', subjectId: link.businessId, action: 'view', detail: { via: 'owner-link' }, link: link.id });
      return { ...(await view(link.businessId)), linkExpiresAt: link.expiresAt };
    },

    /** Her reminders from the page behind the link: stop them all, or change their language (recorded by link). */
    async remindersByLink(token: string, raw: Record<string, unknown>, meta: RequestMeta) {
      const link = await openLink(token);
      if (!deps.reminders) throw new NotFoundError();
      return deps.reminders.ownerUpdate(link.businessId, raw, 'owner_link', meta, (trx, detail) =>
        gate.byLink(trx, meta, { subjectType: 'business', subjectId: link.businessId, action: 'update', detail: { via: 'owner-link', ...detail }, link: link.id }),
      );
    },

    /** The same from the home of an owner signed in with an account: her own business only. */
    async remindersByAccount(actor: Actor | null, businessId: string, raw: Record<string, unknown>, meta: RequestMeta) {
      requireActor(actor);
      if (actor.role !== 'owner' || !deps.reminders) throw new ForbiddenError();
      await gate.check(db, actor, businessId, 'read');
      return deps.reminders.ownerUpdate(businessId, raw, 'owner_account', meta, async (trx, detail) => {
        await gate.business(trx, actor, meta, { id: businessId, mode: 'read', action: 'update', detail: { via: 'owner', ...detail } });
      });
    },

    /** 정정·삭제 요청 from the page behind the link: reaches the office with a 10-day due date (recorded). */
    async requestByLink(token: string, raw: unknown, meta: RequestMeta) {
      const link = await openLink(token);
      return db.transaction().execute(async (trx) => {
        const r = await deps.dataRequests.submit(trx, link.businessId, 'owner_link', raw);
        await gate.byLink(trx, meta, { subjectType: 'business', subjectId: link.businessId, action: 'create', detail: { via: 'owner-link', dataRequest: r.id }, link: link.id });
        return r;
      });
    },
  };
}
export type OwnerService = ReturnType<typeof createOwnerService>;
