import type { Db } from '../../db/db.ts';
import type { PreferredTime } from '../../db/schema.help.ts';
import type { BusinessScope } from '../../domain/scope.ts';

export function createHelpRequestsRepository() {
  return {
    /** The active office covering a 시·군 (the first by id when several do). */
    officeCovering(db: Db, municipalityCode: string) {
      return db
        .selectFrom('officeMunicipality as om')
        .innerJoin('office as o', 'o.id', 'om.officeId')
        .select(['o.id', 'o.name', 'o.phone'])
        .where('om.municipalityCode', '=', municipalityCode)
        .where('o.active', '=', true)
        .orderBy('o.id')
        .executeTakeFirst();
    },
    insert(
      db: Db,
      v: {
        municipalityCode: string;
        officeId: number | null;
        name: string;
        phone: string;
        preferredTime: PreferredTime;
        consentTextVersion: string;
        consentGivenAt: Date;
        answers: Record<string, unknown>;
        language: string;
        remindersConsentVersion: string | null;
        remindersConsentedAt: Date | null;
      },
    ) {
      return db
        .insertInto('helpRequest')
        .values({ ...v, answers: JSON.stringify(v.answers) })
        .returning(['id', 'createdAt'])
        .executeTakeFirstOrThrow();
    },
    /** The queue in a scope: open requests first, oldest first (officeQueuePermits as SQL). */
    list(db: Db, scope: BusinessScope, status: 'open' | 'all') {
      let q = db
        .selectFrom('helpRequest as h')
        .innerJoin('municipality as m', 'm.code', 'h.municipalityCode')
        .leftJoin('office as o', 'o.id', 'h.officeId')
        .select(['h.id', 'h.createdAt', 'h.name', 'h.phone', 'h.preferredTime', 'h.answers', 'h.status', 'h.businessId', 'h.municipalityCode', 'h.language', 'm.name as municipalityName', 'o.name as officeName']);
      if (scope.kind === 'office' || scope.kind === 'clerk') q = q.where('h.officeId', '=', scope.officeId ?? -1);
      else if (scope.kind !== 'all') q = q.where('h.id', 'is', null); // no office's queue: nothing
      if (status === 'open') q = q.where('h.status', '=', 'open');
      return q.orderBy('h.status', 'desc').orderBy('h.createdAt').limit(500).execute();
    },
    find(db: Db, id: string) {
      return db.selectFrom('helpRequest').selectAll().where('id', '=', id).executeTakeFirst();
    },
    close(db: Db, id: string, v: { status: 'converted' | 'closed'; businessId: string | null; closedBy: string; closedAt: Date; purgeAfter: Date }) {
      return db.updateTable('helpRequest').set(v).where('id', '=', id).where('status', '=', 'open').returning('id').executeTakeFirst();
    },
    /** Retention: deletes the requests whose time is up; closes open ones older than `staleBefore`. */
    async purge(db: Db, at: Date, staleBefore: Date, purgeAfter: Date) {
      await db
        .updateTable('helpRequest')
        .set({ status: 'closed', closedAt: at, purgeAfter })
        .where('status', '=', 'open')
        .where('createdAt', '<', staleBefore)
        .execute();
      const r = await db.deleteFrom('helpRequest').where('purgeAfter', '<=', at).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
export type HelpRequestsRepository = ReturnType<typeof createHelpRequestsRepository>;
