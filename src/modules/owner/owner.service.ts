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

/** A one-time link sent by SMS lets an owner who never signs in see their case for 24 hours. */
export const OWNER_LINK_HOURS = 24;

export function createOwnerService(deps: { db: Kysely<DB>; gate: PersonalDataGate; notifications: NotificationService; now: () => Date; publicUrl: string }) {
  const { db, gate, now } = deps;

  /** What an owner sees: their participations, what is still needed and by when, their clerk. */
  async function view(businessId: string) {
    const b = await db
      .selectFrom('business as b')
      .leftJoin('appUser as c', 'c.id', 'b.clerkId')
      .leftJoin('office as o', 'o.id', 'b.officeId')
      .select(['b.id', 'b.name', 'c.displayName as clerkName', 'c.phone as clerkPhone', 'o.name as officeName', 'o.phone as officePhone'])
      .where('b.id', '=', businessId)
      .executeTakeFirst();
    if (!b) throw new NotFoundError();
    const today = kstDate(now());
    const parts = await db
      .selectFrom('participation as pa')
      .innerJoin('programmeVersion as v', 'v.id', 'pa.programmeVersionId')
      .select(['pa.id', 'pa.status', 'pa.benefitAmount', 'pa.benefitedOn', 'pa.submittedOn', 'v.title', 'v.periodKind', 'v.periodEnd', 'v.requiredDocuments'])
      .where('pa.businessId', '=', businessId)
      .orderBy('pa.createdAt', 'desc')
      .execute();
    const [docs, types] = await Promise.all([
      db.selectFrom('businessDocument').select(['documentType', 'issuedOn', 'validUntil']).where('businessId', '=', businessId).execute(),
      db.selectFrom('documentType').select(['code', 'name', 'validity']).execute(),
    ]);
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
    return { business: b, participations, today };
  }

  return {
    /** An owner signed in with an account: their own business(es) only. */
    async forOwnerAccount(actor: Actor | null, meta: RequestMeta) {
      requireActor(actor);
      if (actor.role !== 'owner') throw new ForbiddenError();
      const ids = await db.selectFrom('business').select('id').where('ownerUserId', '=', actor.userId).execute();
      const out = [];
      for (const { id } of ids) {
        await gate.business(db, actor, meta, { id, mode: 'read', action: 'view', detail: { via: 'owner' } });
        out.push(await view(id));
      }
      return out;
    },

    /** Staff send the owner a one-time link by SMS (through the outbox, in the same transaction). */
    async sendLink(actor: Actor | null, businessId: string, meta: RequestMeta) {
      requireActor(actor);
      await gate.check(db, actor, businessId, 'write');
      const b = await db.selectFrom('business').select(['phone', 'name']).where('id', '=', businessId).executeTakeFirst();
      if (!b?.phone || !isMobileNumber(b.phone)) throw new NotFoundError('owner.noMobile');
      const token = randomToken(24);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('ownerLink')
          .values({ businessId, tokenHash: sha256(token), expiresAt: new Date(now().getTime() + OWNER_LINK_HOURS * 3_600_000), createdBy: actor.userId })
          .execute();
        await deps.notifications.enqueue(trx, {
          channel: 'sms',
          recipient: b.phone!,
          template: 'owner.link',
          params: { business: b.name, url: `${deps.publicUrl}/o/${token}` },
        });
        await gate.business(trx, actor, meta, { id: businessId, mode: 'write', action: 'update', detail: { ownerLinkSent: true } });
      });
      return token;
    },

    /** The page behind the link: valid 24 hours, for that business only. */
    async byLink(token: string, meta: RequestMeta) {
      if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw new NotFoundError('owner.linkInvalid');
      const link = await db.selectFrom('ownerLink').selectAll().where('tokenHash', '=', sha256(token)).executeTakeFirst();
      if (!link || link.expiresAt <= now()) throw new NotFoundError('owner.linkInvalid');
      if (!link.usedAt) await db.updateTable('ownerLink').set({ usedAt: now() }).where('id', '=', link.id).execute();
      await gate.byLink(db, meta, { subjectType: 'business', subjectId: link.businessId, action: 'view', detail: { via: 'owner-link' }, link: link.id });
      return view(link.businessId);
    },
  };
}
export type OwnerService = ReturnType<typeof createOwnerService>;
