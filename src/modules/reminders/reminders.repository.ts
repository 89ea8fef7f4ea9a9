import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../db/db.ts';
import type { ContactPreference, ContactPreferenceTable, ReminderTable } from '../../db/schema.ts';

/** SQL of the owner's contact preferences and the reminders sent (issue 13 §2). */
export function createRemindersRepository() {
  return {
    findPreference(db: Db, businessId: string): Promise<ContactPreference | undefined> {
      return db.selectFrom('contactPreference').selectAll().where('businessId', '=', businessId).executeTakeFirst();
    },

    /** The first save: version 0 on the form means "no row yet"; a concurrent first save loses (null). */
    async insertPreference(db: Db, row: Insertable<ContactPreferenceTable>): Promise<ContactPreference | null> {
      const r = await db.insertInto('contactPreference').values(row).onConflict((oc) => oc.column('businessId').doNothing()).returningAll().executeTakeFirst();
      return r ?? null;
    },

    /** Optimistic locking: only the version the form was read at is updated (null = someone saved meanwhile). */
    async updatePreference(db: Db, businessId: string, version: number, v: Updateable<ContactPreferenceTable>): Promise<ContactPreference | null> {
      const r = await db
        .updateTable('contactPreference')
        .set({ ...v, version: version + 1 })
        .where('businessId', '=', businessId)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
      return r ?? null;
    },

    /** Withdrawal by the owner's link or page (no form version: the owner's word wins over any edit). */
    async withdraw(db: Db, businessId: string, at: Date, via: 'opt_out_link' | 'owner_link' | 'owner_account' | 'staff', by: string | null): Promise<number> {
      const r = await db
        .updateTable('contactPreference')
        .set((eb) => ({ withdrawnAt: at, withdrawnVia: via, updatedAt: at, updatedBy: by, version: eb('version', '+', 1) }))
        .where('businessId', '=', businessId)
        .where('consentedAt', 'is not', null)
        .where((eb) => eb.or([eb('withdrawnAt', 'is', null), eb('withdrawnAt', '<', eb.ref('consentedAt'))]))
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    async setLanguage(db: Db, businessId: string, language: ContactPreference['language'], at: Date): Promise<number> {
      const r = await db
        .updateTable('contactPreference')
        .set((eb) => ({ language, updatedAt: at, version: eb('version', '+', 1) }))
        .where('businessId', '=', businessId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    /**
     * Cancels every reminder of the business still waiting in the outbox (a row being sent right now
     * is caught by the delivery-time check). Optionally one channel only.
     */
    async cancelQueued(db: Db, businessId: string, reason: string, channel?: string): Promise<number> {
      let sub = db.selectFrom('reminder').select('notificationId').where('businessId', '=', businessId).where('notificationId', 'is not', null);
      if (channel) sub = sub.where('channel', '=', channel as 'sms');
      const r = await db
        .updateTable('notification')
        .set({ status: 'cancelled', lastError: reason })
        .where('status', '=', 'pending')
        .where('id', 'in', sub.$narrowType<{ notificationId: string }>())
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    /** Inserts the reminder unless the same (business, event, subject, channel) exists: undefined = a duplicate. */
    async insertReminder(db: Db, row: Insertable<ReminderTable>): Promise<{ id: string } | undefined> {
      return db
        .insertInto('reminder')
        .values(row)
        .onConflict((oc) => oc.columns(['businessId', 'event', 'subjectKey', 'channel']).doNothing())
        .returning('id')
        .executeTakeFirst();
    },

    async linkNotification(db: Db, reminderId: string, notificationId: string): Promise<void> {
      await db.updateTable('reminder').set({ notificationId }).where('id', '=', reminderId).execute();
    },

    /**
     * Limited reminders (not status changes) queued for the business since `since`, one per
     * (event, subject) whatever the number of channels, cancelled ones left out.
     */
    async countLimitedSince(db: Db, businessId: string, since: Date): Promise<number> {
      const r = await db
        .selectFrom('reminder as r')
        .leftJoin('notification as n', 'n.id', 'r.notificationId')
        .select(sql<number>`count(distinct (r.event, r.subject_key))`.as('n'))
        .where('r.businessId', '=', businessId)
        .where('r.countsToLimit', '=', true)
        .where('r.createdAt', '>=', since)
        .where((eb) => eb.or([eb('n.status', 'is', null), eb('n.status', '!=', 'cancelled')]))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    /** Whether the event for this subject was already sent on any channel (a digest in this week). */
    async exists(db: Db, businessId: string, event: ReminderTable['event'], subjectKey: string): Promise<boolean> {
      const r = await db.selectFrom('reminder').select('id').where('businessId', '=', businessId).where('event', '=', event).where('subjectKey', '=', subjectKey).executeTakeFirst();
      return !!r;
    },

    findByOptOutHash(db: Db, hash: string) {
      return db.selectFrom('reminder').select(['id', 'businessId', 'channel', 'optedOutAt']).where('optOutHash', '=', hash).executeTakeFirst();
    },

    async markOptedOut(db: Db, reminderId: string, at: Date): Promise<void> {
      await db.updateTable('reminder').set({ optedOutAt: at }).where('id', '=', reminderId).where('optedOutAt', 'is', null).execute();
    },

    /** For the delivery-time check: the owner's preferences behind an outbox row, if it is a reminder. */
    preferenceOfNotification(db: Db, notificationId: string) {
      return db
        .selectFrom('reminder as r')
        .leftJoin('contactPreference as p', 'p.businessId', 'r.businessId')
        .select(['r.channel', 'p.consentedAt', 'p.withdrawnAt', 'p.sms', 'p.email', 'p.alimtalk'])
        .where('r.notificationId', '=', notificationId)
        .executeTakeFirst();
    },

    /** What was sent to the owner, newest first, with the outbox state (for the business page). */
    listSent(db: Db, businessId: string, limit: number) {
      return db
        .selectFrom('reminder as r')
        .leftJoin('notification as n', 'n.id', 'r.notificationId')
        .select(['r.id', 'r.event', 'r.channel', 'r.createdAt', 'r.optedOutAt', 'n.status', 'n.sentAt', 'n.deliveredAt', 'n.recipient', 'n.lastError'])
        .where('r.businessId', '=', businessId)
        .orderBy('r.createdAt', 'desc')
        .orderBy('r.id', 'desc')
        .limit(limit)
        .execute();
    },

    /** The business's contact defaults for a first form: its phone and name. */
    businessContact(db: Db, businessId: string) {
      return db.selectFrom('business').select(['id', 'name', 'phone', 'minimalOnly']).where('id', '=', businessId).executeTakeFirst();
    },

    /** A participation as a reminder needs it: its business, programme title and status. */
    participation(db: Db, participationId: string) {
      return db
        .selectFrom('participation as p')
        .innerJoin('programmeVersion as v', 'v.id', 'p.programmeVersionId')
        .innerJoin('business as b', 'b.id', 'p.businessId')
        .select(['p.id', 'p.businessId', 'p.status', 'v.title', 'b.name as businessName'])
        .where('p.id', '=', participationId)
        .executeTakeFirst();
    },

    /** Participations still being prepared whose programme closes between `from` and `to` (KST dates). */
    preparingWithDeadline(db: Db, businessId: string, from: string, to: string) {
      return db
        .selectFrom('participation as pa')
        .innerJoin('programmeVersion as v', 'v.id', 'pa.programmeVersionId')
        .select(['pa.id', 'v.title', 'v.periodEnd', 'v.requiredDocuments'])
        .where('pa.businessId', '=', businessId)
        .where('pa.status', 'in', ['identified', 'informed', 'preparing'])
        .where('v.periodKind', '=', 'range')
        .where('v.periodEnd', '>=', from)
        .where('v.periodEnd', '<=', to)
        .execute();
    },
    documents(db: Db, businessId: string) {
      return db.selectFrom('businessDocument').select(['documentType', 'issuedOn', 'validUntil']).where('businessId', '=', businessId).execute();
    },
    documentTypes(db: Db) {
      return db.selectFrom('documentType').select(['code', 'name', 'validity']).execute();
    },
    /** Programmes the business already takes part in (the digest leaves them out). */
    participatingProgrammes(db: Db, businessId: string) {
      return db.selectFrom('participation').select('programmeId').where('businessId', '=', businessId).execute();
    },

    /** Businesses whose owner agreed to reminders and did not withdraw (the daily and weekly jobs). */
    consentingBusinesses(db: Db, afterId: string | null, limit: number) {
      let q = db
        .selectFrom('contactPreference')
        .select('businessId')
        .where('consentedAt', 'is not', null)
        .where((eb) => eb.or([eb('withdrawnAt', 'is', null), eb('withdrawnAt', '<', eb.ref('consentedAt'))]));
      if (afterId) q = q.where('businessId', '>', afterId);
      return q.orderBy('businessId').limit(limit).execute();
    },
  };
}
export type RemindersRepository = ReturnType<typeof createRemindersRepository>;
