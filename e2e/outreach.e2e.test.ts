import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outreachCsv, outreachShops } from '../test/fixtures/outreach/outreach-shops.ts';
import { startServer, type RunningServer } from './server.ts';
import {
  checkA11y,
  E2E,
  h1,
  horizontalOverflow,
  importCatalogue,
  importStoresAllNew,
  koreanDate,
  msg,
  navigate,
  printMinorA11yFindings,
  publishAsReviewed,
  screenshot,
  signIn,
  staffAccounts,
  SCREENSHOT_DIR,
} from './support.ts';

/**
 * Outreach in a browser (issue 12 §3), on PGlite and PostgreSQL: the operator loads registry shops
 * (60 in 수원시, 3 in 용인시), a catalogue editor publishes a 경기 notice as reviewed; the clerk filters
 * (경영, closing within 30 days), reads the counts by 행정동 with what to ask, the server-drawn SVG map
 * and the table under it; makes a day's visit list, prints it (PDF, looked at as PNG) and downloads
 * it (.xlsx read back); records "관심 있음" and lands on the intake pre-filled from the shop. The
 * province sees counts only. axe on every page, screenshots at 1280 and 375 px, no sideways scroll.
 */
let server: RunningServer;
let e2e: E2E;
let kind: string;
const dir = mkdtempSync(path.join(tmpdir(), 'itda-e2e-outreach-'));
const SHOPS_FILE = path.join(dir, '상가정보_찾아가기_시험.csv');
const FEED_FILE = path.join(dir, 'feed.json');
const stamp = Date.now().toString(36);
const TITLE = `2026년 경기도 소상공인 찾아가기 시험 (${stamp})`;

async function both(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await checkA11y(page, `${name} at 1280 px`);
  await screenshot(page, `${kind}-outreach-${name}-1280`);
  await page.setViewportSize({ width: 375, height: 800 });
  expect.soft(await horizontalOverflow(page), `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
  await checkA11y(page, `${name} at 375 px`);
  await screenshot(page, `${kind}-outreach-${name}-375`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

beforeAll(async () => {
  writeFileSync(SHOPS_FILE, outreachCsv(outreachShops(60)));
  writeFileSync(
    FEED_FILE,
    JSON.stringify({
      jsonArray: [
        {
          pblancId: `PBLN_E2E_OUT_${stamp}`,
          pblancNm: TITLE,
          pblancUrl: `https://www.bizinfo.go.kr/sii/siia/selectSIIA200Detail.do?pblancId=PBLN_E2E_OUT_${stamp}`,
          jrsdInsttNm: '경기도',
          reqstBeginEndDe: `2026-11-01 ~ ${koreanDate(20)}`,
          pldirSportRealmLclasCodeNm: '경영',
          trgetNm: '소상공인',
          hashtags: '경영,경기,경기도,소상공인',
          bsnsSumryCn: '<p>☞ 지원대상 : 경기도 소재 소상공인, 업력 3년 미만</p>',
        },
      ],
    }),
  );
  server = await startServer();
  e2e = await E2E.start(server);
  kind = server.store.kind;
  const { operator, catalog_editor } = await staffAccounts(e2e, ['operator', 'catalog_editor']);
  const op = await e2e.newPage();
  await signIn(op, e2e.origin, operator);
  await importStoresAllNew(op, e2e.origin, SHOPS_FILE, 63);
  await op.context().close();
  const editor = await e2e.newPage();
  await signIn(editor, e2e.origin, catalog_editor);
  await importCatalogue(editor, e2e.origin, { file: FEED_FILE });
  await publishAsReviewed(editor, e2e.origin, TITLE);
  await editor.context().close();
}, 300_000);

afterAll(async () => {
  printMinorA11yFindings(import.meta.url);
  await e2e?.close();
  await server?.stop();
  await server?.store.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('outreach', () => {
  it('a clerk finds the shops of her 시·군 that may qualify, on a map and by 행정동, makes a visit list, prints it and starts an intake from a visit', async () => {
    const { clerk } = await staffAccounts(e2e, ['clerk']);
    const page = await e2e.newPage();
    await signIn(page, e2e.origin, clerk);
    await navigate(page, page.locator('nav.itda-nav a[href="/outreach"]'));
    expect(await h1(page)).toBe(msg('outreach.title'));
    await page.locator('#f-category').selectOption('07');
    await page.locator('#f-closingWithin').fill('30');
    await navigate(page, page.locator('form[action="/outreach"] button[type="submit"]'));
    const programmes = await page.locator('#outreach-programmes ~ div table, section[aria-labelledby="outreach-programmes"] table').innerText();
    expect(programmes).toContain(TITLE);
    // 60 shops of 수원시, none of 용인시; the notice asks what the file cannot say.
    const line = await page.locator('#outreach-line').innerText();
    expect(line).toMatch(/가게 60곳 가운데/);
    const svg = page.locator('figure.itda-map svg[role="img"]');
    await expect.poll(() => svg.count()).toBe(1);
    expect(await svg.locator('title').first().textContent()).toBe(msg('outreach.map.svgTitle'));
    expect(await svg.locator('desc').textContent()).toContain('가게 60곳의 위치');
    const groups = await page.locator('#outreach-groups tbody tr').allInnerTexts();
    expect(groups.map((g) => g.split('\t')[0]!.trim()).sort()).toEqual(['매탄1동', '인계동', '파장동']);
    expect(groups.join('\n')).toContain('물어봐야 함');
    await both(page, 'list');
    // The map is drawn inside the page: it fits the phone's width.
    await page.setViewportSize({ width: 375, height: 800 });
    const box = await svg.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(375);
    expect(box!.width).toBeGreaterThan(250);
    await page.setViewportSize({ width: 1280, height: 900 });

    // A day's visit list of 5 shops in 파장동.
    await page.locator('#v-size').fill('5');
    await page.locator('#v-dong').selectOption('파장동');
    await navigate(page, page.locator('form[action="/outreach/visits"] button[type="submit"]'));
    expect(new URL(page.url()).pathname).toMatch(/^\/outreach\/visits\/\d+$/);
    expect(await h1(page)).toContain('방문 5곳');
    const stops = await page.locator('ol.itda-visit-stops > li').count();
    expect(stops).toBe(5);
    expect(await page.locator('main h2').allInnerTexts()).toEqual(['파장동']);
    await both(page, 'visit-list');

    const listPath = new URL(page.url()).pathname;
    const pdf = await page.request.get(e2e.url(`${listPath}/pdf`));
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const pdfFile = path.join(dir, 'visit.pdf');
    writeFileSync(pdfFile, await pdf.body());
    expect(execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' })).toContain('파장동');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfFile, path.join(SCREENSHOT_DIR, `${kind}-outreach-visit-list-pdf`)]);
    const xlsx = await page.request.get(e2e.url(`${listPath}/xlsx`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(6);
    expect(wb.worksheets[0]!.getRow(2).getCell(2).value).toBe('파장동');

    // The first stop is interested: the outcome is kept and the intake opens pre-filled from the shop.
    const first = page.locator('ol.itda-visit-stops > li').first();
    const name = (await first.locator('h3').innerText()).replace(/^1\.\s*/, '').split(/\s+(신청 가능|확인 필요)/)[0]!.trim();
    await first.locator('select[name="outcome"]').selectOption('interested');
    await navigate(page, first.getByRole('button', { name: msg('outreach.visit.record') }));
    expect(new URL(page.url()).pathname).toBe('/businesses/new');
    expect(await page.locator('#f-name').inputValue()).toBe(name);
    expect(await page.locator('#f-municipalityCode').inputValue()).toBe('41110');
    expect(await page.locator('input[name="storeId"]').count()).toBe(1);
    await page.goto(e2e.url(listPath));
    expect(await page.locator('ol.itda-visit-stops > li').first().locator('[data-outcome="interested"]').count()).toBe(1);
    await screenshot(page, `${kind}-outreach-visit-outcome-1280`);
    // Visited: it has left the outreach list (59 left).
    await page.goto(e2e.url('/outreach?category=07&closingWithin=30'));
    expect(await page.locator('#outreach-line').innerText()).toMatch(/가게 59곳 가운데/);
    await page.context().close();
  }, 300_000);

  it('the province sees counts by 시·군 and programme only', async () => {
    const { province } = await staffAccounts(e2e, ['province']);
    const page = await e2e.newPage();
    await signIn(page, e2e.origin, province);
    await page.goto(e2e.url('/outreach'));
    expect(await h1(page)).toBe(msg('outreach.province.title'));
    const table = await page.locator('#outreach-province').innerText();
    expect(table).toContain('수원시');
    expect(table).toContain(TITLE);
    expect(await page.locator('main svg').count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toContain('예시가게');
    await both(page, 'province');
    await page.context().close();
  }, 180_000);
});
