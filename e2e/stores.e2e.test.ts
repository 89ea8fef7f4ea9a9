import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeCsv, storeId, storeRow } from '../test/fixtures/stores/store-csv.ts';
import { startServer, type RunningServer } from './server.ts';
import { checkA11y, E2E, h1, horizontalOverflow, msg, navigate, printMinorA11yFindings, screenshot, signIn, staffAccounts } from './support.ts';

/**
 * 상가(상권)정보 in a browser (issue 12 §1): the operator uploads a CP949 file in the published
 * layout and reads the counts and the rejected rows; a clerk finds a shop of her office's 시·군
 * (수원시), opens it and starts an intake pre-filled from it. axe on every page, screenshots at 1280
 * and 375 px, no sideways scrolling on a phone.
 */
let server: RunningServer;
let e2e: E2E;
let kind: string;
const dir = mkdtempSync(path.join(tmpdir(), 'itda-e2e-stores-'));
const FILE = path.join(dir, '상가정보_경기_시험.csv');

async function both(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await checkA11y(page, `${name} at 1280 px`);
  await screenshot(page, `${kind}-stores-${name}-1280`);
  await page.setViewportSize({ width: 375, height: 800 });
  expect.soft(await horizontalOverflow(page), `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
  await checkA11y(page, `${name} at 375 px`);
  await screenshot(page, `${kind}-stores-${name}-375`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

beforeAll(async () => {
  // 40 shops (10 in 수원시), one with a wrong 표준산업분류코드 (line 42).
  const rows = Array.from({ length: 40 }, (_, i) => storeRow(i));
  rows.push(storeRow(41, { 표준산업분류코드: 'C56111' }));
  writeFileSync(FILE, iconv.encode(storeCsv(rows), 'cp949'));
  server = await startServer();
  e2e = await E2E.start(server);
  kind = server.store.kind;
});

afterAll(async () => {
  printMinorA11yFindings(import.meta.url);
  await e2e?.close();
  await server?.stop();
  await server?.store.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('the shop registry', () => {
  it('the operator uploads the file and reads the counts and the rejected row with its line', async () => {
    const { operator } = await staffAccounts(e2e, ['operator']);
    const page = await e2e.newPage();
    await signIn(page, e2e.origin, operator);
    await page.goto(e2e.url('/admin/stores'));
    expect(await h1(page)).toBe(msg('stores.import.title'));
    await both(page, 'import-form');
    await page.locator('#f-file').setInputFiles(FILE);
    await navigate(page, page.locator('form[action="/admin/stores"] button[type="submit"]'));
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/stores\/imports\/\d+$/);
    const main = await page.locator('main').innerText();
    expect(main).toContain(msg('stores.import.counts', { total: 41, created: 40, updated: 0, unchanged: 0, closed: 0, rejected: 1, withoutCoordinates: 0, outside: 0 }));
    expect(main).toContain(msg('stores.reason.badKsic', { detail: 'C56111' }));
    expect(main).toContain(storeId(41));
    await both(page, 'import-report');
    await page.context().close();
  });

  it('a clerk finds a shop of her 시·군 and starts an intake pre-filled from it', async () => {
    const { clerk } = await staffAccounts(e2e, ['clerk']);
    const page = await e2e.newPage();
    await signIn(page, e2e.origin, clerk);
    await navigate(page, page.locator('nav.itda-nav a[href="/stores"]'));
    expect(await h1(page)).toBe(msg('stores.title'));
    await page.locator('#f-q').fill('예시가게 8');
    await navigate(page, page.locator('form[action="/stores"] button[type="submit"]'));
    const names = await page.locator('tbody th a').allInnerTexts();
    expect(names).toContain('예시가게 8');
    await both(page, 'list');
    await navigate(page, page.getByRole('link', { name: '예시가게 8', exact: true }));
    expect(await h1(page)).toBe('예시가게 8');
    await both(page, 'shop');
    await navigate(page, page.getByRole('link', { name: msg('stores.openIntake') }));
    expect(await page.locator('#f-name').inputValue()).toBe('예시가게 8');
    expect(await page.locator('#f-municipalityCode').inputValue()).toBe('41110');
    expect(await page.locator('#f-ksicCode').inputValue()).toBe('96112');
    expect(await page.locator('input[name="storeId"]').inputValue()).toBe(storeId(8));
    await page.context().close();
  });
});
