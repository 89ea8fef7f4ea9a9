import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestClient } from '../harness.ts';
import { loadReportsFixture, NOVEMBER, type ReportsFixture } from './reports.fixture.ts';

let h: Harness;
let fx: ReportsFixture;
const clients = new Map<string, TestClient>();
const NOV = `from=${NOVEMBER.from}&to=${NOVEMBER.to}`;

beforeAll(async () => {
  h = await createHarness();
  fx = await loadReportsFixture(h);
  for (const [k, login] of Object.entries(fx.logins)) {
    const c = h.client();
    expect((await c.login(login)).status).toBe(303);
    clients.set(k, c);
  }
});
afterAll(async () => {
  await h?.close();
});

async function readXlsx(res: Response) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

describe('dashboard pages', () => {
  it('renders the operator dashboard with the fixture figures, charts as CSP-safe inline SVG and a table under each', async () => {
    const res = await clients.get('operator')!.get(`/reports?${NOV}&by=office`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('운영 현황');
    // KPI cards: 6 businesses, 5 applications, 2 benefited, 3,500,000원, satisfaction 83.3.
    expect(html).toMatch(/지원 사업체<\/span><strong class="itda-kpi-value">6</);
    expect(html).toMatch(/신청<\/span><strong class="itda-kpi-value">5</);
    expect(html).toContain('3,500,000원');
    expect(html).toContain('83.3');
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(4);
    for (const svg of svgs) {
      expect(svg).not.toMatch(/ style=/);
      expect(svg).not.toContain('<style');
      expect(svg).toContain('role="img"');
      expect(svg).toContain("Pretendard GOV");
    }
    // Every chart is followed by its data table (screen readers).
    expect((html.match(/<figure class="itda-chart">/g) ?? []).length).toBeLessThanOrEqual((html.match(/<table/g) ?? []).length);
    expect(html).toContain(`${'rf'} 수원 사무소`);
  });

  it('shows the office lead their office, the clerk their own figures, the province suppressed aggregates', async () => {
    const lead = await (await clients.get('lead')!.get(`/reports?${NOV}`)).text();
    expect(lead).toContain('사무소 실적');
    expect(lead).toMatch(/신청<\/span><strong class="itda-kpi-value">4</);
    expect(lead).not.toContain('rf 화성 사무소');
    const clerk = await (await clients.get('a1')!.get(`/reports?${NOV}`)).text();
    expect(clerk).toContain('나의 실적');
    expect(clerk).toMatch(/신청<\/span><strong class="itda-kpi-value">3</);
    const prov = await (await clients.get('province')!.get(`/reports?${NOV}`)).text();
    expect(prov).toContain('사업 실적 (경기도)');
    expect(prov).toMatch(/수혜<\/span><strong class="itda-kpi-value">5 미만</);
    expect(prov).toMatch(/수혜 금액<\/span><strong class="itda-kpi-value">비공개</);
    expect(prov).not.toContain('시험 clerk'); // no clerk names anywhere
    expect(prov).not.toContain('id="f-clerk"');
  });

  it('records a view in the access records when the page names clerks (operator, office lead), not for a clerk or the province', async () => {
    const views = async (login: string) =>
      (await h.db.selectFrom('accessRecord').select(['subjectType', 'subjectId', 'action']).where('accountLogin', '=', login).where('subjectId', '=', 'reports:dashboard').execute()).length;
    const before = { op: await views(fx.logins.operator), lead: await views(fx.logins.lead), a1: await views(fx.logins.a1), prov: await views(fx.logins.province) };
    for (const k of ['operator', 'lead', 'a1', 'province']) expect((await clients.get(k)!.get(`/reports?${NOV}`)).status).toBe(200);
    expect(await views(fx.logins.operator)).toBe(before.op + 1);
    expect(await views(fx.logins.lead)).toBe(before.lead + 1);
    expect(await views(fx.logins.a1)).toBe(before.a1);
    expect(await views(fx.logins.province)).toBe(before.prov);
  });

  it('re-renders with 400 and the error for a bad date, keeping the page usable', async () => {
    const res = await clients.get('operator')!.get('/reports?from=2026-13-01');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('날짜 형식이 아닙니다');
  });

  it('refuses a period too long even when only one end is given (the other is filled in)', async () => {
    const res = await clients.get('operator')!.get('/reports?from=0001-01-01');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('기간은 3년까지 볼 수 있습니다');
  });

  it('refuses the dashboard to roles without figures', async () => {
    const owner = await h.createUser('owner');
    const c = h.client();
    await c.login(owner.login);
    expect((await c.get('/reports')).status).toBe(403);
  });
});

describe('.xlsx exports', () => {
  it('exports an aggregate table at once, with Korean headers, number formats, a frozen header row; read back', async () => {
    const res = await clients.get('operator')!.get(`/reports/export/breakdown?${NOV}&by=office`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain('.xlsx');
    const wb = await readXlsx(res);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['사무소', '지원 사업체', '신청', '선정', '수혜(수혜일 기준)', '수혜 금액', '선정률']));
    const col = (name: string) => header.indexOf(name) + 1;
    const rowOf = (label: string) => {
      for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === label) return ws.getRow(r);
      throw new Error(`no row ${label}`);
    };
    const a = rowOf('rf 수원 사무소');
    expect(a.getCell(col('신청')).value).toBe(4);
    expect(a.getCell(col('수혜 금액')).value).toBe(1_500_000);
    expect(a.getCell(col('수혜 금액')).numFmt).toBe('#,##0"원"');
    expect(a.getCell(col('선정률')).value).toBeCloseTo(0.5);
    expect(a.getCell(col('선정률')).numFmt).toBe('0.0%');
    const total = rowOf('합계');
    expect(total.getCell(col('신청')).value).toBe(5);
    expect(total.getCell(col('수혜 금액')).value).toBe(3_500_000);
    expect(wb.worksheets.map((w) => w.name)).toContain('정보');
    const infoText = (w: ExcelJS.Workbook) => {
      const ws = w.getWorksheet('정보')!;
      const out: string[] = [];
      ws.eachRow((r) => out.push(`${r.getCell(1).text}: ${r.getCell(2).text}`));
      return out.join('\n');
    };
    expect(infoText(wb)).toContain('조건: 없음');
    // A file made for one programme says so.
    const one = await readXlsx(await clients.get('operator')!.get(`/reports/export/breakdown?${NOV}&by=office&programme=${fx.programme.P1}`));
    expect(infoText(one)).toContain('조건: 지원사업: 시험 정책자금');
    // No download record for aggregates (the dashboard views above were recorded as views).
    expect(await h.db.selectFrom('accessRecord').select('id').where('subjectType', '=', 'clerk_list').where('action', '=', 'download').execute()).toHaveLength(0);
  });

  it('exports the province table with "5 미만" and "비공개" as words, never the number', async () => {
    const res = await clients.get('province')!.get(`/reports/export/summary?${NOV}`);
    const wb = await readXlsx(res);
    const ws = wb.worksheets[0]!;
    const values = new Map<string, unknown>();
    for (let r = 2; r <= ws.rowCount; r++) values.set(ws.getRow(r).getCell(1).text, ws.getRow(r).getCell(2).value);
    expect(values.get('신청')).toBe(5);
    expect(values.get('수혜(수혜일 기준)')).toBe('5 미만');
    expect(values.get('수혜 금액')).toBe('비공개');
  });

  it('asks why before exporting a table that names clerks, and records the reason in the access records', async () => {
    const op = clients.get('operator')!;
    const prompt = await op.get(`/reports/export/caseload?${NOV}`);
    expect(prompt.status).toBe(200);
    expect(await prompt.text()).toContain('내려받는 목적');
    const bad = await op.post(`/reports/export/caseload?${NOV}`, { purpose: 'other', note: '' });
    expect(bad.status).toBe(400);
    const ok = await op.post(`/reports/export/caseload?${NOV}`, { purpose: 'review', note: '11월 업무 배분' });
    expect(ok.status).toBe(200);
    const wb = await readXlsx(ok);
    const names = [];
    for (let r = 2; r <= wb.worksheets[0]!.rowCount; r++) names.push(wb.worksheets[0]!.getRow(r).getCell(1).value);
    expect(names).toEqual(expect.arrayContaining(['시험 clerk 1', '평균']));
    const rec = await h.db.selectFrom('accessRecord').selectAll().where('subjectType', '=', 'clerk_list').where('action', '=', 'download').executeTakeFirstOrThrow();
    expect(rec).toMatchObject({ action: 'download', subjectId: 'reports:caseload', reason: '업무 배분·점검: 11월 업무 배분' });
    expect((rec.detail as { clerks: number }).clerks).toBe(3);
  });
});
