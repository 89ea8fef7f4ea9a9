import { sql } from 'kysely';
import type { Db } from '../../db/db.ts';
import type { NewNoticeDocument, NoticeDocumentStatus } from '../../db/schema.ts';

/** Results that are final for a file: fetching it again would give the same answer. */
export const SETTLED: readonly NoticeDocumentStatus[] = ['extracted', 'empty', 'encrypted', 'unsupported', 'failed'];

export function createNoticesRepository() {
  return {
    programme(db: Db, programmeId: number) {
      return db.selectFrom('programme').select(['id', 'currentVersionId']).where('id', '=', programmeId).executeTakeFirst();
    },
    version(db: Db, versionId: number) {
      return db
        .selectFrom('programmeVersion')
        .select(['id', 'programmeId', 'basedOnVersionId', 'attachments', 'targetText', 'summary', 'detailUrl'])
        .where('id', '=', versionId)
        .executeTakeFirst();
    },
    listForVersion(db: Db, versionId: number) {
      return db.selectFrom('noticeDocument').selectAll().where('programmeVersionId', '=', versionId).orderBy('position').execute();
    },
    async insertPlanned(db: Db, rows: NewNoticeDocument[]) {
      if (!rows.length) return;
      await db
        .insertInto('noticeDocument')
        .values(rows)
        .onConflict((oc) => oc.columns(['programmeVersionId', 'url']).doNothing())
        .execute();
    },
    async update(
      db: Db,
      id: number,
      set: {
        status: NoticeDocumentStatus;
        format?: string | null;
        error?: string | null;
        text?: string | null;
        sections?: string;
        sha256?: string | null;
        byteSize?: number | null;
        fetchedAt?: Date | null;
        attempted?: boolean;
      },
      at: Date,
    ) {
      const { attempted, ...cols } = set;
      await db
        .updateTable('noticeDocument')
        .set({ ...cols, updatedAt: at, ...(attempted ? { attempts: sql<number>`attempts + 1` } : {}) })
        .where('id', '=', id)
        .execute();
    },
    /** The same file already read for another version of the programme (a re-import keeps its attachments). */
    settledByUrl(db: Db, programmeId: number, url: string) {
      return db
        .selectFrom('noticeDocument as d')
        .innerJoin('programmeVersion as v', 'v.id', 'd.programmeVersionId')
        .selectAll('d')
        .where('v.programmeId', '=', programmeId)
        .where('d.url', '=', url)
        .where('d.status', 'in', SETTLED)
        .orderBy('d.fetchedAt', 'desc')
        .limit(1)
        .executeTakeFirst();
    },
    /**
     * Current versions whose attachments were never planned, or that have files still pending or
     * whose fetch failed fewer than `maxAttempts` times: the job's work list.
     */
    async versionsToRead(db: Db, limit: number, maxAttempts: number): Promise<number[]> {
      const rows = await db
        .selectFrom('programme as p')
        .innerJoin('programmeVersion as v', 'v.id', 'p.currentVersionId')
        .select('v.id')
        .where((eb) =>
          eb.or([
            eb.and([
              eb(sql<number>`jsonb_array_length(v.attachments)`, '>', 0),
              eb.not(eb.exists(eb.selectFrom('noticeDocument as d').select('d.id').whereRef('d.programmeVersionId', '=', 'v.id'))),
            ]),
            eb.exists(
              eb
                .selectFrom('noticeDocument as d')
                .select('d.id')
                .whereRef('d.programmeVersionId', '=', 'v.id')
                .where((w) =>
                  w.or([w('d.status', '=', 'pending'), w.and([w('d.status', '=', 'fetch_failed'), w('d.attempts', '<', maxAttempts)])]),
                ),
            ),
          ]),
        )
        .orderBy('v.id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },
  };
}
export type NoticesRepository = ReturnType<typeof createNoticesRepository>;
