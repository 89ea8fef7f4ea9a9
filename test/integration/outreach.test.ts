/**
 * Outreach (issue 12 §3) on a real database (PGlite; PostgreSQL with TEST_DATABASE_URL): the office's
 * 시·군 only, eligible and unknown apart by 행정동 with what to ask, tracked and recently visited shops
 * left out, drafted notices apart, the province's counts only (suppressed, no names, no points), a
 * day's visit list walked and grouped, outcomes with who/when that feed the exclusion, and the PDF
 * and .xlsx read back.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/modules/auth/auth.policy.ts';
import { createHarness, type Harness, type TestClient } from '../harness.ts';
import { outreachCsv, outreachShops, storeId } from '../fixtures/outreach/outreach-shops.ts';

let h: Harness;
let operator: Actor;
let clerk: Actor;
let lead: Actor;
let province: Actor;
let clerkClient: TestClient;
let provinceClient: TestClient;
const meta = { ip: '127.0.0.1', requestId: 'test' };
const SHOPS = outreachShops(30); // 수원: 30 (10 음식점), 용인: 3
const tmp = mkdtempSync(path.join(tmpdir(), 'itda-outreach-'));

function actorOf(u: { id: string; login: string; displayName: string; role: Actor['role']; officeId: number | null }): Actor {
  return { userId: u.id, login: u.login, displayName: u.displayName, role: u.role, officeId: u.officeId, locale: 'ko', via: 'session' };
}

async function programme(key: string, title: string, rule: unknown, o: { review: 'reviewed' | 'drafted'; category: string; periodEnd: string; municipalities?: string[] }) {
  const p = await h.db.insertInto('programme').values({ key, source: 'manual', sourceId: key }).returning('id').executeTakeFirstOrThrow();
  const v = await h.db
    .insertInto('programmeVersion')
    .values({
      programmeId: p.id,
      version: 1,
      status: 'published',
      title,
      category: o.category,
      periodKind: 'range',
      periodStart: '2026-11-01',
      periodEnd: o.periodEnd,
      nationwide: false,
      sido: [],
      municipalities: o.municipalities ?? ['41110', '41460'],
      attachments: '[]',
      rule: JSON.stringify(rule),
      ruleReview: o.review,
      ruleReviewedByName: o.review === 'reviewed' ? '시험 검토자' : null,
      ruleReviewedAt: o.review === 'reviewed' ? new Date('2026-11-20T00:00:00Z') : null,
      changeReason: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await h.db.updateTable('programme').set({ currentVersionId: v.id }).where('id', '=', p.id).execute();
}

beforeAll(async () => {
  h = await createHarness();
  h.clock.current = new Date('2026-12-02T01:00:00Z'); // 2026-12-02 KST
  operator = actorOf(await h.createUser('operator'));
  const clerkUser = await h.createUser('clerk', { login: 'or-clerk' });
  clerk = actorOf(clerkUser);
  lead = actorOf(await h.createUser('office_lead'));
  const provinceUser = await h.createUser('province', { login: 'or-province' });
  province = actorOf(provinceUser);
  clerkClient = h.client();
  await clerkClient.login('or-clerk');
  provinceClient = h.client();
  await provinceClient.login('or-province');
  await h.services.stores.importFile(operator, { fileName: 'outreach.csv', bytes: Readable.from([Buffer.from(outreachCsv(SHOPS), 'utf8')]) }, meta);
  // 경영 (07), closes in 20 days: 음식점 eligible from the file alone; others not.
  await programme('or-food', '음식점 경영 개선 (시험)', { all: [{ type: 'ksic', include: ['56'] }] }, { review: 'reviewed', category: '07', periodEnd: '2026-12-22' });
  // 창업 (06), closes in 60 days: 업력 and 매출 unknown for every shop.
  await programme('or-young', '초기 소상공인 지원 (시험)', { all: [{ type: 'businessAge', maxMonths: 36 }, { type: 'revenue', max: 300_000_000 }] }, { review: 'reviewed', category: '06', periodEnd: '2027-01-31' });
  // A drafted notice: never counted, named apart.
  await programme('or-draft', '요건 확인 전 공고 (시험)', { all: [] }, { review: 'drafted', category: '07', periodEnd: '2026-12-10' });
  // Ended: not offered.
  await programme('or-ended', '지난 공고 (시험)', { all: [] }, { review: 'reviewed', category: '07', periodEnd: '2026-11-30' });
});
afterAll(async () => {
  await h?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the outreach list', () => {
  it("counts the office's 시·군 only: eligible and unknown apart by 행정동, with what to ask", async () => {
    const r = await h.services.outreach.search(clerk, {});
    expect(r.areaCodes).toEqual(['41110']);
    expect(r.programmes.map((p) => p.key).sort()).toEqual(['or-food', 'or-young']);
    expect(r.drafted.map((p) => p.key)).toEqual(['or-draft']);
    expect(r.totals).toMatchObject({ candidates: 30, eligible: 10, unknown: 20, tracked: 0, visited: 0 });
    expect(r.groups.map((g) => g.dong).sort()).toEqual(['매탄1동', '인계동', '파장동']);
    expect(r.groups.reduce((s, g) => s + g.eligible, 0)).toBe(10);
    for (const g of r.groups) expect(g.summary).toBe('업력·매출을 물어봐야 함');
    expect(r.points).toHaveLength(30);
    // No 용인 shop anywhere.
    expect(r.shops.every((s) => !s.id.startsWith(storeId(5000).slice(0, -4)) || Number(s.id.slice(-7)) < 5000)).toBe(true);
    expect(r.perProgramme.find((p) => p.key === 'or-food')).toMatchObject({ eligible: 10, unknown: 0 });
    expect(r.perProgramme.find((p) => p.key === 'or-young')).toMatchObject({ eligible: 0, unknown: 30 });
    // The operator sees every 시·군: 용인's 3 too.
    expect((await h.services.outreach.search(operator, {})).totals.candidates).toBe(33);
  });

  it('filters programmes by 분야 and closing within N days, or by the ones picked', async () => {
    const byCategory = await h.services.outreach.search(clerk, { category: '07' });
    expect(byCategory.programmes.map((p) => p.key)).toEqual(['or-food']);
    expect(byCategory.totals).toMatchObject({ eligible: 10, unknown: 0 });
    const closing = await h.services.outreach.search(clerk, { closingWithin: '30' });
    expect(closing.programmes.map((p) => p.key)).toEqual(['or-food']);
    const picked = await h.services.outreach.search(clerk, { programme: ['or-young'] });
    expect(picked.programmes.map((p) => p.key)).toEqual(['or-young']);
    expect(picked.totals).toMatchObject({ eligible: 0, unknown: 30 });
    expect(picked.shops[0]!.ask).toBe('업력·매출을 물어봐야 함');
  });

  it('the page: counts, an SVG map with title and description and no outside reference, the table under it', async () => {
    const res = await clerkClient.get('/outreach');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<svg viewBox="0 0 800 560" role="img"');
    expect(html).toMatch(/<title id="outreach-map-title">/);
    expect(html).toMatch(/<desc id="outreach-map-desc">가게 30곳의 위치: 신청 가능 10곳/);
    expect((html.match(/<circle /g) ?? []).length).toBeGreaterThanOrEqual(10);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toContain('id="outreach-groups"');
    expect(html).toContain('업력·매출을 물어봐야 함');
  });
});

describe('the workbooks', () => {
  const load = async (res: Response) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    return wb;
  };

  it('staff download every shop of the search, not only the ones the page names, with the link on the page', async () => {
    const page = await (await clerkClient.get('/outreach?category=07')).text();
    expect(page).toContain('href="/outreach/shops.xlsx?category=07"');
    const res = await clerkClient.get('/outreach/shops.xlsx?category=07');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const ws = (await load(res)).worksheets[0]!;
    expect(ws.getRow(1).getCell(2).value).toBe('상호');
    // 경영 (07): the 10 음식점 of 수원, each with the programme it fits; no 용인 shop.
    const search = await h.services.outreach.search(clerk, { category: '07' });
    expect(ws.rowCount - 1).toBe(search.totals.eligible + search.totals.unknown);
    expect(ws.rowCount - 1).toBe(10);
    for (let i = 2; i <= ws.rowCount; i++) {
      expect(ws.getRow(i).getCell(5).value).toBe('신청 가능');
      expect(ws.getRow(i).getCell(6).value).toBe('음식점 경영 개선 (시험)');
    }
    // All 30 when both programmes count: more than one page-full is possible (LIST_LIMIT), all are here.
    const all = (await load(await clerkClient.get('/outreach/shops.xlsx'))).worksheets[0]!;
    expect(all.rowCount - 1).toBe(30);
    // The province may not have shop names.
    expect((await provinceClient.get('/outreach/shops.xlsx')).status).toBe(403);
  });

  it('the province downloads its counts with "5 미만" kept and numbers as numbers', async () => {
    expect(await (await provinceClient.get('/outreach')).text()).toContain('href="/outreach/counts.xlsx"');
    const res = await provinceClient.get('/outreach/counts.xlsx');
    expect(res.status).toBe(200);
    const ws = (await load(res)).worksheets[0]!;
    const rows: unknown[][] = [];
    ws.eachRow((r, n) => {
      if (n > 1) rows.push([r.getCell(1).value, r.getCell(2).value, r.getCell(3).value, r.getCell(4).value]);
    });
    expect(rows).toContainEqual(['수원시', '음식점 경영 개선 (시험)', 10, 0]);
    expect(rows).toContainEqual(['용인시', '음식점 경영 개선 (시험)', '5 미만', 0]);
    expect(JSON.stringify(rows)).not.toContain('예시가게');
  });
});

describe('the province', () => {
  it('sees counts by 시·군 and programme only, small counts suppressed, no shop names or points', async () => {
    const data = await h.services.outreach.provinceCounts(province, {});
    const suwonFood = data.rows.find((r) => r.municipalityCode === '41110' && r.programme === 'or-food');
    expect(suwonFood).toMatchObject({ municipalityName: '수원시', eligible: 10, unknown: 0 });
    // 용인: 3 음식점 → "5 미만"
    expect(data.rows.find((r) => r.municipalityCode === '41460' && r.programme === 'or-food')).toMatchObject({ eligible: 'lt5' });
    expect(data.rows.find((r) => r.municipalityCode === '41460' && r.programme === 'or-young')).toMatchObject({ unknown: 'lt5' });
    await expect(h.services.outreach.search(province, {})).rejects.toMatchObject({ status: 403 });
    await expect(h.services.outreach.createVisitList(province, { day: '2026-12-03', size: '5' }, meta)).rejects.toMatchObject({ status: 403 });
    const res = await provinceClient.get('/outreach');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('id="outreach-province"');
    expect(html).toContain('5 미만');
    expect(html).not.toContain('<svg');
    expect(html).not.toContain('예시가게');
    expect(html).not.toContain('/stores/');
  });
});

describe('a visit list for a day', () => {
  let listId: number;

  it('chooses N eligible shops near each other, grouped by 행정동, walked nearest-first', async () => {
    listId = await h.services.outreach.createVisitList(clerk, { day: '2026-12-03', size: '4', programme: ['or-food', 'or-young'], visitedWithin: '30' }, meta);
    const { list, items } = await h.services.outreach.getVisitList(clerk, listId);
    expect(list.day).toBe('2026-12-03');
    expect(items).toHaveLength(4);
    expect(items.every((i) => i.status === 'eligible')).toBe(true);
    // one 행정동's block at a time
    const dongs = items.map((i) => i.adongName);
    expect(dongs.filter((d, k) => k === 0 || d !== dongs[k - 1]).length).toBe(new Set(dongs).size);
    expect(items.map((i) => i.position)).toEqual([1, 2, 3, 4]);
    // the office lead of the same office sees it; the audit has it
    expect((await h.services.outreach.getVisitList(lead, listId)).items).toHaveLength(4);
    const audit = await h.db.selectFrom('auditEvent').select(['action', 'actorUserId']).where('action', '=', 'outreach.visit_list').execute();
    expect(audit).toEqual([{ action: 'outreach.visit_list', actorUserId: clerk.userId }]);
  });

  it('is printable (A4 PDF, Korean text) and exportable (.xlsx read back)', async () => {
    const pdf = await clerkClient.get(`/outreach/visits/${listId}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const file = path.join(tmp, 'visit.pdf');
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const { items } = await h.services.outreach.getVisitList(clerk, listId);
    expect(text).toContain('방문 목록');
    for (const it of items) expect(text).toContain(it.name);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.\d+ x 841\.\d+/);

    const x = await clerkClient.get(`/outreach/visits/${listId}/xlsx`);
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(3).value).toBe('상호');
    expect(ws.rowCount).toBe(1 + items.length);
    expect(ws.getRow(2).getCell(3).value).toBe(items[0]!.name);
    expect(ws.getRow(2).getCell(9).value).toBe(items[0]!.storeId);
  });

  it('records outcomes with who and when; visited shops leave the list; interested opens the intake pre-filled', async () => {
    const { items } = await h.services.outreach.getVisitList(clerk, listId);
    const before = (await h.services.outreach.search(clerk, {})).totals;
    const page = await clerkClient.get(`/outreach/visits/${listId}`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const declined = await clerkClient.post(`/outreach/visits/${listId}/outcome`, { storeId: items[0]!.storeId, outcome: 'declined', _csrf: csrf });
    expect(declined.status).toBe(303);
    const interested = await clerkClient.post(`/outreach/visits/${listId}/outcome`, { storeId: items[1]!.storeId, outcome: 'interested', _csrf: csrf });
    expect(interested.status).toBe(303);
    expect(interested.headers.get('location')).toBe(`/businesses/new?store=${items[1]!.storeId}`);
    const intake = await (await clerkClient.get(interested.headers.get('location')!)).text();
    expect(intake).toContain(`name="storeId" value="${items[1]!.storeId}"`);
    expect(intake).toContain(`value="${items[1]!.name}"`);

    const after = await h.services.outreach.getVisitList(clerk, listId);
    expect(after.items[0]).toMatchObject({ outcome: 'declined', outcomeByName: clerk.displayName });
    expect(after.items[0]!.outcomeAt).toBeInstanceOf(Date);
    const totals = (await h.services.outreach.search(clerk, {})).totals;
    expect(totals).toMatchObject({ candidates: before.candidates - 2, visited: 2 });
    // Visited 30 days ago or more: back in the list (visitedWithin 0 = leave none out).
    expect((await h.services.outreach.search(clerk, { visitedWithin: '0' })).totals.candidates).toBe(before.candidates);
    const audit = await h.db.selectFrom('auditEvent').select(['detail']).where('action', '=', 'outreach.visit_outcome').execute();
    expect(audit).toHaveLength(2);
    // A bad outcome: 400 with the message, nothing written.
    const bad = await clerkClient.post(`/outreach/visits/${listId}/outcome`, { storeId: items[2]!.storeId, outcome: 'nonsense', _csrf: csrf });
    expect(bad.status).toBe(400);
  });

  it('a shop opened as a business is tracked and leaves the list', async () => {
    const { items } = await h.services.outreach.getVisitList(clerk, listId);
    const before = (await h.services.outreach.search(clerk, { visitedWithin: '0' })).totals;
    const officeId = await h.ensureOffice();
    await h.db.insertInto('business').values({ name: items[3]!.name, sidoCode: '41', municipalityCode: '41110', officeId, storeId: items[3]!.storeId, isSample: false }).execute();
    const after = (await h.services.outreach.search(clerk, { visitedWithin: '0' })).totals;
    expect(after).toMatchObject({ candidates: before.candidates - 1, tracked: before.tracked + 1 });
  });

  it("another office's clerk cannot open the list", async () => {
    const region = await h.db.selectFrom('region').select('id').orderBy('id').executeTakeFirstOrThrow();
    const other = await h.db.insertInto('office').values({ name: '다른 사무소', regionId: region.id, address: null, phone: null }).returning('id').executeTakeFirstOrThrow();
    const stranger = actorOf(await h.createUser('clerk', { officeId: other.id }));
    await expect(h.services.outreach.getVisitList(stranger, listId)).rejects.toMatchObject({ status: 404 });
    await expect(h.services.outreach.recordOutcome(stranger, listId, storeId(1000), { outcome: 'helped' }, meta)).rejects.toMatchObject({ status: 404 });
    // and her office covers no 시·군: no shops
    expect((await h.services.outreach.search(stranger, {})).totals.candidates).toBe(0);
  });
});
