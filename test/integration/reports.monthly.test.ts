import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers, JOBS } from '../../src/jobs/jobs.ts';
import { createAccessLogRepository } from '../../src/modules/access-log/access-log.repository.ts';
import { createHarness, type Harness, type TestClient } from '../harness.ts';
import { loadReportsFixture, type ReportsFixture } from './reports.fixture.ts';

let h: Harness;
let fx: ReportsFixture;
const clients = new Map<string, TestClient>();

beforeAll(async () => {
  h = await createHarness();
  fx = await loadReportsFixture(h);
  // An access record on 11월 20일 (KST), so the month's daily heads (issue 14 §4) have one to print.
  const at = new Date('2026-11-20T03:00:00Z');
  await createAccessLogRepository().append(h.db, { at, accountId: null, accountLogin: 'monthly-test', ip: null, subjectType: 'business', subjectId: 'x', action: 'view', reason: null, detail: {}, requestId: null, retainUntil: at });
  for (const [k, login] of Object.entries(fx.logins)) {
    const c = h.client();
    await c.login(login);
    clients.set(k, c);
  }
});
afterAll(async () => {
  await h?.close();
});

function pdfText(bytes: ArrayBuffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'itda-pdf-'));
  const file = path.join(dir, 'r.pdf');
  writeFileSync(file, Buffer.from(bytes));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('월간 실적 보고', () => {
  let id: number;
  it('is scheduled at 06:00 on the 1st (Asia/Seoul) and has a handler', () => {
    expect(JOBS['reports.monthly'].cron).toBe('0 6 1 * *');
    expect(typeof jobHandlers(h.services)['reports.monthly']).toBe('function');
  });

  it('the job makes the report of the month before, once', async () => {
    const first = await h.services.monthlyReports.generateScheduled();
    expect(first.month).toBe('2026-11'); // the fixture's clock is 2026-12-05
    expect(first.id).toBeGreaterThan(0);
    expect((await h.services.monthlyReports.generateScheduled()).id).toBeNull();
    const audit = await h.db.selectFrom('auditEvent').select(['action', 'actorLogin']).where('action', '=', 'report.generate').execute();
    expect(audit).toEqual([{ action: 'report.generate', actorLogin: 'itda-job' }]);
    id = first.id!;
  });

  it('the operator makes one on demand; refuses a future month', async () => {
    const op = clients.get('operator')!;
    expect((await op.post('/reports/monthly', { month: '2027-05' })).status).toBe(400);
    const res = await op.post('/reports/monthly', { month: '2026-11' });
    expect(res.status).toBe(303);
    const list = await (await op.get('/reports/monthly')).text();
    expect(list).toContain('2026년 11월');
    expect(list).toContain('자동 (매월 1일)');
  });

  it('the .xlsx has the month and the year to date, province rules applied', async () => {
    const res = await clients.get('province')!.get(`/reports/monthly/${id}/xlsx`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['지표', '2026년 11월', '연간 누적 (1~11월)']);
    const rows = new Map<string, unknown[]>();
    for (let r = 2; r <= ws.rowCount; r++) rows.set(ws.getRow(r).getCell(1).text, [ws.getRow(r).getCell(2).value, ws.getRow(r).getCell(3).value]);
    // November: 5 applications; year: + X5 (09-10) and X8 (10-05) = 7. Benefits 2 both: "5 미만".
    expect(rows.get('신청')).toEqual([5, 7]);
    expect(rows.get('수혜(수혜일 기준)')).toEqual(['5 미만', '5 미만']);
    expect(rows.get('수혜 금액')).toEqual(['비공개', '비공개']);
    // The year adds B7 (its only 상담일지 is on 10-15).
    expect(rows.get('지원 사업체')).toEqual([6, 7]);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['주요 실적', '정보']));
    expect(names.some((n) => n.startsWith('권역별'))).toBe(true);
  });

  it('the PDF embeds a Korean font and its text reads in Korean', async () => {
    const res = await clients.get('operator')!.get(`/reports/monthly/${id}/pdf`);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = await res.arrayBuffer();
    expect(Buffer.from(bytes).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(bytes);
    expect(text).toContain('월간 실적 보고');
    expect(text).toContain('2026년 11월');
    expect(text).toContain('5 미만');
    expect(text).toContain('권역별 실적');
    // 접속기록·감사기록 일별 해시: every day of the month and both chains, each hash whole on its line.
    expect(text).toContain('접속기록·감사기록 일별 해시');
    const heads = await h.db.selectFrom('chainHead').selectAll().where('day', '>=', '2026-11-01').where('day', '<=', '2026-11-30').execute();
    expect(heads).toHaveLength(60);
    const printed = heads.filter((x) => x.headHash);
    expect(printed.length).toBeGreaterThanOrEqual(11); // 11-20 … 11-30 of the access records at least
    for (const x of printed) expect(text).toContain(x.headHash!);
    expect(text).toMatch(/2026-11-20\s+접속기록\s+1\s+\d+\s+[0-9a-f]{64}/);
    const downloads = await h.db.selectFrom('auditEvent').select('action').where('action', '=', 'report.download').execute();
    expect(downloads.length).toBe(2);
  });

  it('is not for clerks or office leads', async () => {
    expect((await clients.get('a1')!.get('/reports/monthly')).status).toBe(403);
    expect((await clients.get('lead')!.get(`/reports/monthly/${id}/pdf`)).status).toBe(403);
    expect((await clients.get('province')!.post('/reports/monthly', { month: '2026-10' })).status).toBe(403);
  });
});
