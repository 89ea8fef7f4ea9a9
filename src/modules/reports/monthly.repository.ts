import type { Db } from '../../db/db.ts';

/** 월간 실적 보고: the stored files (the only SQL of the monthly reports). */
export function createMonthlyRepository() {
  return {
    insert(db: Db, v: { month: string; trigger: 'schedule' | 'manual'; generatedBy: string | null; generatedAt: Date; figures: unknown; xlsx: Uint8Array; pdf: Uint8Array; xlsxSha256: string; pdfSha256: string }) {
      return db
        .insertInto('monthlyReport')
        .values({ ...v, figures: JSON.stringify(v.figures) })
        .returning(['id', 'month', 'generatedAt'])
        .executeTakeFirstOrThrow();
    },
    /** Every generation, newest first, without the bytes. */
    list(db: Db, limit = 60) {
      return db
        .selectFrom('monthlyReport as r')
        .leftJoin('appUser as u', 'u.id', 'r.generatedBy')
        .select((eb) => [
          'r.id',
          'r.month',
          'r.trigger',
          'r.generatedAt',
          'u.displayName as generatedByName',
          'r.xlsxSha256',
          'r.pdfSha256',
          eb.fn<number>('octet_length', ['r.xlsx']).as('xlsxBytes'),
          eb.fn<number>('octet_length', ['r.pdf']).as('pdfBytes'),
        ])
        .orderBy('r.month', 'desc')
        .orderBy('r.generatedAt', 'desc')
        .limit(limit)
        .execute();
    },
    find(db: Db, id: number) {
      return db.selectFrom('monthlyReport').selectAll().where('id', '=', id).executeTakeFirst();
    },
    scheduledExists(db: Db, month: string) {
      return db.selectFrom('monthlyReport').select('id').where('month', '=', month).where('trigger', '=', 'schedule').executeTakeFirst();
    },
    /** Whether any office in use is demo data (the report then says it is sample data). */
    async hasDemoData(db: Db) {
      const r = await db.selectFrom('office').select('id').where('isDemo', '=', true).limit(1).executeTakeFirst();
      return !!r;
    },
  };
}
export type MonthlyRepository = ReturnType<typeof createMonthlyRepository>;
