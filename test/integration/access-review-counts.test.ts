import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFlags } from '../../src/domain/metrics/access-review.ts';
import { createAccessLogRepository } from '../../src/modules/access-log/access-log.repository.ts';
import { createReportsRepository } from '../../src/modules/reports/reports.repository.ts';
import { createHarness, type Harness } from '../harness.ts';

/**
 * The access review reads counts kept by triggers (migration 20261204030100_access_record_day.sql,
 * issue 14 §6) instead of scanning the month. They must equal what the scan gave: the same flags,
 * after single appends, a multi-row insert and a bulk delete (retention).
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

/** The review's cells as the old query computed them: straight from access_record. */
async function scannedCells() {
  const r = await sql<{ accountId: string | null; login: string | null; day: string; hour: number; action: string; n: number }>`
    select account_id, max(account_login) as login, to_char(at at time zone 'Asia/Seoul', 'YYYY-MM-DD') as day,
      extract(hour from at at time zone 'Asia/Seoul')::int as hour, action, count(*) as n
    from access_record group by account_id, 3, 4, action`.execute(h.db);
  return r.rows.map((x) => ({ ...x, hour: Number(x.hour), n: Number(x.n) }));
}

describe('access review counts', () => {
  it('equal a scan of the records: same flags and totals, after appends, a batch and a purge', async () => {
    const a = await h.createUser('clerk', { login: 'count-clerk' });
    const b = await h.createUser('operator', { login: 'count-op' });
    const repo = createAccessLogRepository();
    const append = (who: { id: string; login: string } | null, at: string, action: 'view' | 'download' | 'print' | 'update') =>
      repo.append(h.db, { at: new Date(at), accountId: who?.id ?? null, accountLogin: who?.login ?? null, ip: null, subjectType: 'business', subjectId: 'x', action, reason: action === 'download' ? '점검' : null, detail: {}, requestId: null, retainUntil: new Date(at) });
    // 2026-11-02 is a Monday; 07:59 and 20:00 KST are outside working hours; 11-07 a Saturday.
    for (let i = 0; i < 105; i++) await append(a, `2026-11-02T0${i % 2}:${String(i % 60).padStart(2, '0')}:00+09:00`.replace('T00', 'T09').replace('T01', 'T10'), 'view');
    await append(a, '2026-11-02T07:59:00+09:00', 'view');
    await append(a, '2026-11-02T20:00:00+09:00', 'download');
    await append(b, '2026-11-07T11:00:00+09:00', 'print');
    await append(null, '2026-11-03T12:00:00+09:00', 'view');
    // A multi-row insert (one statement): counted once per group.
    const rows = await h.db.selectFrom('accessRecord').selectAll().orderBy('id').limit(3).execute();
    await h.db
      .insertInto('accessRecord')
      .values(rows.map(({ id: _id, ...r }) => ({ ...r, detail: JSON.stringify(r.detail), at: new Date('2026-11-04T23:30:00+09:00') })))
      .execute();
    const period = { from: '2026-11-01', to: '2026-11-30' };
    const reports = createReportsRepository();
    const check = async () => {
      const kept = await reports.accessCells(h.db, period);
      const scanned = await scannedCells();
      expect(kept.reduce((s, c) => s + c.n, 0)).toBe(scanned.reduce((s, c) => s + c.n, 0));
      expect(accessFlags(kept)).toEqual(accessFlags(scanned));
    };
    await check();
    const flags = accessFlags(await reports.accessCells(h.db, period));
    expect(flags.map((f) => [f.kind, f.login, f.day, f.count])).toEqual([
      ['bulkView', 'count-clerk', '2026-11-02', 106],
      ['download', 'count-clerk', '2026-11-02', 1],
      ['download', 'count-op', '2026-11-07', 1],
      ['offHours', 'count-clerk', '2026-11-04', 3],
      ['offHours', 'count-clerk', '2026-11-02', 2],
      ['offHours', 'count-op', '2026-11-07', 1],
    ]);
    // Retention deletes in bulk: the counts follow, and a group that empties goes away.
    await h.db.deleteFrom('accessRecord').where('at', '<', new Date('2026-11-03T00:00:00+09:00')).execute();
    await check();
    expect(await h.db.selectFrom('accessRecordDay').select('day').where('day', '=', '2026-11-02').execute()).toEqual([]);
  });
});
