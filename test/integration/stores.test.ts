/**
 * 상가(상권)정보 import (issue 12 §1) on the real column layout: CP949 and UTF-8 with BOM, columns
 * found by header name, idempotent re-import, shops closed since the last import, rejected rows with
 * line and reason, the registry per office area, and an intake opened from a shop. Runs on PGlite,
 * and on PostgreSQL (COPY through pg-copy-streams) with TEST_DATABASE_URL set.
 */
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/modules/auth/auth.policy.ts';
import { StoreImportError } from '../../src/modules/stores/stores.service.ts';
import { createHarness, type Harness } from '../harness.ts';
import { HEADER, storeCsv, storeId, storeRow } from '../fixtures/stores/store-csv.ts';

let h: Harness;
let operator: Actor;
let clerk: Actor;
const meta = { ip: '127.0.0.1', requestId: 'test' };

function actorOf(u: { id: string; login: string; displayName: string; role: Actor['role']; officeId: number | null }): Actor {
  return { userId: u.id, login: u.login, displayName: u.displayName, role: u.role, officeId: u.officeId, locale: 'ko', via: 'session' };
}

/** Bytes in small pieces, so multi-byte characters and CSV records are cut across chunks. */
function chunked(buf: Buffer, size = 97): AsyncIterable<Uint8Array> {
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return Readable.from(parts);
}

const importText = (text: string, encoding: 'cp949' | 'utf-8-bom' | 'utf-8', fileName = 'stores.csv') => {
  const buf = encoding === 'cp949' ? iconv.encode(text, 'cp949') : Buffer.from(encoding === 'utf-8-bom' ? `\uFEFF${text}` : text, 'utf8');
  return h.services.stores.importFile(operator, { fileName, bytes: chunked(buf) }, meta);
};

beforeAll(async () => {
  h = await createHarness();
  operator = actorOf(await h.createUser('operator'));
  // The harness's office covers 수원시 (41110) only.
  clerk = actorOf(await h.createUser('clerk'));
});
afterAll(async () => h?.close());

describe('the shop file', () => {
  it('reads a CP949 file in the published layout, Korean intact, KSIC from 표준산업분류코드', async () => {
    const rows = [0, 1, 2, 3, 4, 5].map((i) => storeRow(i));
    const r = await importText(storeCsv(rows), 'cp949', 'cp949.csv');
    expect(r).toMatchObject({ encoding: 'cp949', totalRows: 6, created: 6, updated: 0, unchanged: 0, closed: 0, rejected: 0 });
    const s = await h.services.stores.get(operator, storeId(0));
    // Row 0: 수원시 장안구 (41111) → 수원시 41110; I56111 → 56111.
    expect(s).toMatchObject({ name: '예시가게 0', municipalityCode: '41110', sigunguCode: '41111', sigunguName: '수원시 장안구', ksicCode: '56111', ksicName: '한식 일반 음식점업', adongName: '파장동' });
    expect(s.roadAddress).toBe('경기도 수원시 장안구 파장로 10');
    expect(s.lat).toBeCloseTo(37.3012, 4);
    // 고양시 일산동구 41285 → 고양시 41280; G47122 → 47122.
    expect(await h.services.stores.get(operator, storeId(2))).toMatchObject({ municipalityCode: '41280', ksicCode: '96112' });
  });

  it('reads UTF-8 with a BOM, columns in another order, a missing optional column and an extra one', async () => {
    const header = [...HEADER].reverse().filter((c) => c !== '건물명');
    header.push('비고');
    const rows = [10, 11].map((i) => ({ ...storeRow(i), 비고: '무시' }));
    const r = await importText(storeCsv(rows, header), 'utf-8-bom', 'bom.csv');
    expect(r).toMatchObject({ encoding: 'utf-8', totalRows: 2, created: 2, rejected: 0 });
    expect(r.notes).toEqual({ missingOptional: ['건물명'], unknown: ['비고'] });
    expect(await h.services.stores.get(operator, storeId(10))).toMatchObject({ name: '예시가게 10', branchName: '장항1동점', buildingName: null });
  });

  it('refuses a file without a required column, and records the failed import', async () => {
    const header = HEADER.filter((c) => c !== '상가업소번호');
    const err = await importText(storeCsv([storeRow(20)], header), 'utf-8', 'noid.csv').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreImportError);
    expect((err as StoreImportError).messageKey).toBe('stores.file.missingColumns');
    const imp = await h.services.stores.getImport(operator, (err as StoreImportError).importId);
    expect(imp.status).toBe('failed');
    expect(imp.error).toContain('상가업소번호');
  });

  it('never stores mojibake: UTF-8 that turns invalid fails the import', async () => {
    const good = Buffer.from(storeCsv([storeRow(30)]), 'utf8');
    const bad = iconv.encode(storeCsv([storeRow(31)]).split('\r\n')[1]! + '\r\n', 'cp949');
    const padding = Buffer.from(storeCsv(Array.from({ length: 200 }, (_, i) => storeRow(1000 + i))).split('\r\n').slice(1).join('\r\n'), 'utf8');
    // UTF-8 for the first 64 KiB (the detection window), then a CP949 row.
    const err = await h.services.stores.importFile(operator, { fileName: 'mixed.csv', bytes: chunked(Buffer.concat([good, padding, bad]), 4096) }, meta).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreImportError);
    expect((err as StoreImportError).messageKey).toBe('stores.file.mixedEncoding');
    await expect(h.services.stores.get(operator, storeId(31))).rejects.toThrow();
  });
});

describe('re-import by 상가업소번호', () => {
  const base = () => [100, 101, 102, 103, 104, 105, 106, 107].map((i) => storeRow(i));

  it('counts new, then unchanged; a changed row is updated; an absent one is closed, not deleted; a return reopens it', async () => {
    // (The earlier tests' shops in these 시·군 are absent from this file: they close now.)
    const first = await importText(storeCsv(base()), 'cp949');
    expect(first).toMatchObject({ created: 8, updated: 0, unchanged: 0 });

    const again = await importText(storeCsv(base()), 'utf-8-bom');
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 8, closed: 0, rejected: 0 });

    // 101 renamed, 104 gone, 200 new. Only shops of the 시·군 in this file can close: 104 is in 수원 (104 % 4 = 0).
    const next = base()
      .filter((r) => r['상가업소번호'] !== storeId(104))
      .map((r) => (r['상가업소번호'] === storeId(101) ? { ...r, 상호명: '새 이름 식당' } : r));
    next.push(storeRow(200));
    const third = await importText(storeCsv(next), 'cp949');
    expect(third).toMatchObject({ created: 1, updated: 1, unchanged: 6 });
    expect(third.closed).toBe(1);
    const gone = await h.services.stores.get(operator, storeId(104));
    expect(gone.closedAt).not.toBeNull();
    expect(gone.closedImportId).toBe(third.importId);
    expect((await h.services.stores.get(operator, storeId(101))).name).toBe('새 이름 식당');

    // Once closed, not closed again; back in the file → reopened (counted as updated).
    const fourth = await importText(storeCsv([...next, storeRow(104)]), 'cp949');
    expect(fourth).toMatchObject({ created: 0, updated: 1, unchanged: 8, closed: 0 });
    expect((await h.services.stores.get(operator, storeId(104))).closedAt).toBeNull();
  });

  it('a file of one 시·군 closes nothing elsewhere; a row refused this time is not taken for closed', async () => {
    // Only 수원 shops (i % 4 === 0), and 100 (수원, open) with a bad KSIC this time.
    const suwon = [104, 200].map((i) => storeRow(i));
    const r = await importText(storeCsv([...suwon, storeRow(100, { 표준산업분류코드: 'A56111' })]), 'utf-8');
    expect(r).toMatchObject({ rejected: 1, unchanged: 2 });
    expect((await h.services.stores.get(operator, storeId(100))).closedAt).toBeNull();
    expect((await h.services.stores.get(operator, storeId(101))).closedAt).toBeNull(); // 용인: not covered by this file
    expect((await h.services.stores.get(operator, storeId(102))).closedAt).toBeNull(); // 고양
  });
});

describe('rejected rows', () => {
  it('reports each with its line and reason; coordinates outside Korea keep the shop without them', async () => {
    const rows = [
      storeRow(300), // line 2: fine
      storeRow(301, { 상가업소번호: '' }), // line 3: no id
      storeRow(302, { 표준산업분류코드: 'I4711' }), // line 4: KSIC too short
      storeRow(303, { 표준산업분류코드: 'C56111' }), // line 5: section C is not division 56
      storeRow(304, { 경도: '2.3522', 위도: '48.8566' }), // line 6: Paris — kept without coordinates
      storeRow(305, { 시군구코드: '99999' }), // line 7: not a Gyeonggi city
      storeRow(306, { 시도코드: '11', 시군구코드: '11680' }), // line 8: Seoul — outside, not an error
      storeRow(307, { 표준산업분류코드: '' }), // line 9: no KSIC — kept, unknown
    ];
    let text = storeCsv(rows);
    text += '"MA0101202210A0009999","짧은 줄"\r\n'; // line 10: too few columns
    text += storeCsv([storeRow(300, { 상호명: '같은 번호 뒤 행' })]).split('\r\n')[1] + '\r\n'; // line 11: same id as line 2
    const r = await importText(text, 'cp949');
    expect(r).toMatchObject({ totalRows: 10, created: 3, rejected: 6, withoutCoordinates: 1, outside: 1 });
    expect(r.issues.map((i) => [i.line, i.reason, i.kept])).toEqual([
      [2, 'duplicate', false],
      [3, 'noId', false],
      [4, 'badKsic', false],
      [5, 'badKsic', false],
      [6, 'coordinates', true],
      [7, 'noMunicipality', false],
      [10, 'columns', false],
    ]);
    expect(r.issues.find((i) => i.line === 10)?.detail).toBe(`2/${HEADER.length}`);
    expect(await h.services.stores.get(operator, storeId(300))).toMatchObject({ name: '같은 번호 뒤 행' });
    expect(await h.services.stores.get(operator, storeId(304))).toMatchObject({ lon: null, lat: null });
    expect(await h.services.stores.get(operator, storeId(307))).toMatchObject({ ksicCode: null });
    await expect(h.services.stores.get(operator, storeId(306))).rejects.toThrow();
    // The import record keeps the counts and the lines for the page.
    const imp = await h.services.stores.getImport(operator, r.importId);
    expect(imp).toMatchObject({ status: 'done', totalRows: 10, rejected: 6, withoutCoordinates: 1, outside: 1 });
    expect(imp.issues).toHaveLength(7);
  });
});

describe('who imports and who browses', () => {
  it('only the operator and the admin import; a clerk browses her office 시·군 only', async () => {
    await expect(h.services.stores.importFile(clerk, { fileName: 'x.csv', bytes: chunked(Buffer.from('')) }, meta)).rejects.toMatchObject({ name: 'ForbiddenError' });
    const list = await h.services.stores.list(clerk, { q: '예시가게' });
    expect(list.rows.length).toBeGreaterThan(0);
    expect(new Set(list.rows.map((r) => r.municipalityCode))).toEqual(new Set(['41110']));
    // A 용인 shop is not hers to open.
    await expect(h.services.stores.get(clerk, storeId(101))).rejects.toMatchObject({ name: 'NotFoundError' });
    const all = await h.services.stores.list(operator, { q: '예시가게' });
    expect(new Set(all.rows.map((r) => r.municipalityCode)).size).toBeGreaterThan(1);
    const province = actorOf(await h.createUser('province'));
    await expect(h.services.stores.list(province, {})).rejects.toMatchObject({ name: 'ForbiddenError' });
  });

  it('searches by name or address; closed shops only on request', async () => {
    expect((await h.services.stores.list(operator, { q: '새 이름' })).rows.map((r) => r.id)).toEqual([storeId(101)]);
    const before = await h.services.stores.list(operator, { q: '예시가게 1', municipality: '41110' });
    expect(before.rows.every((r) => r.closedAt === null)).toBe(true);
  });
});

describe('pages', () => {
  it('the operator uploads a CP949 file and reads the counts and the rejected rows with their lines', async () => {
    const u = await h.createUser('operator', { login: 'stores-page-operator' });
    const c = h.client();
    expect((await c.login(u.login)).status).toBe(303);
    const form = new FormData();
    form.set('_csrf', c.cookies.get('itda_csrf') ?? '');
    const text = storeCsv([storeRow(400), storeRow(401, { 표준산업분류코드: 'I999' })]);
    form.set('file', new File([new Uint8Array(iconv.encode(text, 'cp949'))], '상가정보_경기.csv', { type: 'text/csv' }));
    const res = await c.request('/admin/stores', { method: 'POST', body: form });
    expect(res.status).toBe(303);
    const page = await c.get(res.headers.get('location')!);
    const html = await page.text();
    expect(html).toContain('전체 2행: 새로 1, 변경 0, 그대로 0');
    expect(html).toContain('표준산업분류코드가 올바르지 않음 (I999)');
    expect(html).toContain(storeId(401));
    const list = await (await c.get('/admin/stores')).text();
    expect(list).toContain('상가정보_경기.csv');
    // No file: the form again, with the error.
    const none = new FormData();
    none.set('_csrf', c.cookies.get('itda_csrf') ?? '');
    const bad = await c.request('/admin/stores', { method: 'POST', body: none });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('CSV 파일을 고르세요');
  });

  it('a clerk finds a shop of her 시·군 and opens an intake pre-filled from it; the business keeps the link', async () => {
    const u = await h.createUser('clerk', { login: 'stores-page-clerk' });
    const c = h.client();
    expect((await c.login(u.login)).status).toBe(303);
    const list = await (await c.get('/stores?q=%EC%98%88%EC%8B%9C%EA%B0%80%EA%B2%8C+400')).text();
    expect(list).toContain(`/stores/${storeId(400)}`);
    const detail = await (await c.get(`/stores/${storeId(400)}`)).text();
    expect(detail).toContain(`/businesses/new?store=${storeId(400)}`);
    expect(detail).toContain('47122 체인화 편의점');
    // 용인 (outside her office's 시·군): not found.
    expect((await c.get(`/stores/${storeId(101)}`)).status).toBe(404);
    const form = await (await c.get(`/businesses/new?store=${storeId(400)}`)).text();
    expect(form).toContain('value="예시가게 400 파장동점"');
    expect(form).toContain(`name="storeId" value="${storeId(400)}"`);
    expect(form).toMatch(/<option value="41110" selected/);
    expect(form).toContain('value="47122"');
    expect(form).toContain('상가(상권)정보의 가게');
    const res = await c.post('/businesses/new', { brn: '124-81-00998', name: '예시가게 400', municipalityCode: '41110', ksicCode: '47122', storeId: storeId(400) });
    expect(res.status).toBe(303);
    const id = /\/businesses\/([0-9a-f-]{36})/.exec(res.headers.get('location')!)![1]!;
    const b = await h.db.selectFrom('business').select(['storeId', 'ksicCode', 'clerkId']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(b).toEqual({ storeId: storeId(400), ksicCode: '47122', clerkId: u.id });
  });
});
