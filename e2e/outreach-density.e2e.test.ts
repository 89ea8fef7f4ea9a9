import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DENSITY_THRESHOLD, MAP_HEIGHT, MAP_WIDTH } from '../src/modules/outreach/outreach.map.tsx';
import { outreachCsv, outreachShops } from '../test/fixtures/outreach/outreach-shops.ts';
import { startServer, type RunningServer } from './server.ts';
import {
  checkA11y,
  E2E,
  horizontalOverflow,
  importCatalogue,
  importStoresAllNew,
  koreanDate,
  msg,
  printMinorA11yFindings,
  publishAsReviewed,
  signIn,
  SCREENSHOT_DIR,
  staffAccounts,
} from './support.ts';

/**
 * The outreach map's density layer in a browser, on PGlite and PostgreSQL. The other outreach suite
 * loads 63 shops, so only points are ever drawn there; here 600 generated registry shops of 수원시
 * (every third a 음식점) go in through the operator's upload, over DENSITY_THRESHOLD, and two 경기
 * notices are published as reviewed: one the editor restricts to 음식점 (eligible from the file
 * alone) and one that asks for 업력 (unknown for every shop). The clerk's page must then draw
 * hexagons whose counts add up to the shops in the table under the map, keep the eligible shops as
 * points over them, name both in its key, stay legible and within a phone's width, and pass axe on
 * the map's section at 1280 and 375 px.
 */
const SHOPS = 600;
const MAP_SECTION = 'section[aria-labelledby="outreach-map"]';
let server: RunningServer;
let e2e: E2E;
let kind: string;
const dir = mkdtempSync(path.join(tmpdir(), 'itda-e2e-density-'));
const SHOPS_FILE = path.join(dir, '상가정보_밀도_시험.csv');
const FEED_FILE = path.join(dir, 'feed.json');
const stamp = Date.now().toString(36);
const FOOD = `2026년 경기도 음식점 경영 개선 밀도 시험 (${stamp})`;
const YOUNG = `2026년 경기도 초기 소상공인 밀도 시험 (${stamp})`;

function notice(id: string, title: string, target: string) {
  return {
    pblancId: id,
    pblancNm: title,
    pblancUrl: `https://www.bizinfo.go.kr/sii/siia/selectSIIA200Detail.do?pblancId=${id}`,
    jrsdInsttNm: '경기도',
    reqstBeginEndDe: `2026-11-01 ~ ${koreanDate(20)}`,
    pldirSportRealmLclasCodeNm: '경영',
    trgetNm: '소상공인',
    hashtags: '경영,경기,경기도,소상공인',
    bsnsSumryCn: `<p>☞ 지원대상 : ${target}</p>`,
  };
}

beforeAll(async () => {
  expect(SHOPS).toBeGreaterThan(DENSITY_THRESHOLD);
  writeFileSync(SHOPS_FILE, outreachCsv(outreachShops(SHOPS)));
  writeFileSync(
    FEED_FILE,
    JSON.stringify({
      jsonArray: [
        notice(`PBLN_E2E_DEN_F_${stamp}`, FOOD, '경기도 소재 음식점 소상공인'),
        notice(`PBLN_E2E_DEN_Y_${stamp}`, YOUNG, '경기도 소재 소상공인, 업력 3년 미만'),
      ],
    }),
  );
  server = await startServer();
  e2e = await E2E.start(server);
  kind = server.store.kind;
  // All three in one go: on PostgreSQL the administrator makes them in one session.
  const { operator, catalog_editor } = await staffAccounts(e2e, ['operator', 'catalog_editor', 'clerk']);
  const op = await e2e.newPage();
  await signIn(op, e2e.origin, operator);
  // 600 of 수원 and the fixture's 3 of 용인, every one with coordinates.
  await importStoresAllNew(op, e2e.origin, SHOPS_FILE, SHOPS + 3);
  await op.context().close();
  const editor = await e2e.newPage();
  await signIn(editor, e2e.origin, catalog_editor);
  await importCatalogue(editor, e2e.origin, { file: FEED_FILE });
  // 기업마당's text gives no 업종: the editor writes it (KSIC 56, 음식점 및 주점업) as she reviews.
  await publishAsReviewed(editor, e2e.origin, FOOD, { rule: { all: [{ type: 'ksic', include: ['56'] }] } });
  await publishAsReviewed(editor, e2e.origin, YOUNG);
  await editor.context().close();
}, 300_000);

afterAll(async () => {
  printMinorA11yFindings(import.meta.url);
  await e2e?.close();
  await server?.stop();
  await server?.store.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** The figures the page draws and tabulates for one filter, read off the DOM. */
async function figures(page: Page) {
  const cellCount = new RegExp(`^${msg('outreach.map.density', { n: '(\\d+)' })}$`);
  return page.evaluate(
    ({ pattern }) => {
      const re = new RegExp(pattern);
      const svg = document.querySelector('figure.itda-map svg')!;
      const hexes = [...svg.querySelectorAll('g.itda-map-density > path')].map((p) => {
        const m = re.exec(p.querySelector('title')?.textContent ?? '');
        const t = /translate\(([-\d.]+),([-\d.]+)\)/.exec(p.getAttribute('transform') ?? '');
        return { n: m ? Number(m[1]) : NaN, x: Number(t?.[1]), y: Number(t?.[2]) };
      });
      const num = (s: string | undefined) => Number((s ?? '').replace(/[^\d]/g, ''));
      const rows = [...document.querySelectorAll('#outreach-groups tbody tr')].map((tr) => {
        const cells = [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '');
        return { eligible: num(cells[1]), unknown: num(cells[2]) };
      });
      return {
        hexes,
        circles: svg.querySelectorAll('g.itda-map-points circle').length,
        squares: svg.querySelectorAll('g.itda-map-points rect').length,
        tableEligible: rows.reduce((s, r) => s + r.eligible, 0),
        tableUnknown: rows.reduce((s, r) => s + r.unknown, 0),
      };
    },
    { pattern: cellCount.source },
  );
}

describe('outreach map, density layer', () => {
  it('over the threshold, hexagons count the same shops as the table under the map, with the eligible ones as points, at 1280 and 375 px', async () => {
    const { clerk } = await staffAccounts(e2e, ['clerk']);
    const page = await e2e.newPage();
    await signIn(page, e2e.origin, clerk);
    // The filter: just the two notices of this file (the demo's catalogue on PGlite stays out).
    await page.goto(e2e.url('/outreach'));
    const keys = await page.evaluate(
      (s) =>
        [...document.querySelectorAll<HTMLInputElement>('input[name="programme"]')]
          .filter((i) => document.querySelector(`label[for="${i.id}"]`)?.textContent?.includes(s))
          .map((i) => i.value),
      stamp,
    );
    expect(keys).toHaveLength(2);
    await page.goto(e2e.url(`/outreach?${keys.map((k) => `programme=${encodeURIComponent(k)}`).join('&')}`));

    const f = await figures(page);
    const shopsInTable = f.tableEligible + f.tableUnknown;
    // Every shop of 수원 is a candidate: 음식점 can apply, the others are to check (업력).
    expect(shopsInTable).toBe(SHOPS);
    expect(f.tableEligible).toBe(SHOPS / 3);
    // The layer is drawn and its cells count exactly the shops in the table, each once.
    expect(f.hexes.length).toBeGreaterThan(1);
    expect(f.hexes.every((h) => Number.isInteger(h.n) && h.n > 0)).toBe(true);
    expect(f.hexes.reduce((s, h) => s + h.n, 0)).toBe(shopsInTable);
    // Cells sit inside the picture, above the bottom strip the projection leaves to the scale bar.
    for (const h of f.hexes) {
      expect(h.x).toBeGreaterThanOrEqual(0);
      expect(h.x).toBeLessThanOrEqual(MAP_WIDTH);
      expect(h.y).toBeGreaterThanOrEqual(0);
      expect(h.y).toBeLessThanOrEqual(MAP_HEIGHT - 28);
    }
    // Over the layer: the eligible shops as points (few enough), the ones to check only in the cells.
    expect(f.tableEligible).toBeLessThanOrEqual(DENSITY_THRESHOLD);
    expect(f.circles).toBe(f.tableEligible);
    expect(f.squares).toBe(0);
    expect(await page.locator('#outreach-map-desc').textContent()).toContain(msg('outreach.map.densityDesc').trim());
    // The key names what is drawn: the points and the shades, up to the fullest cell (no squares here).
    expect((await page.locator('figure.itda-map figcaption li').allInnerTexts()).map((k) => k.trim())).toEqual([
      msg('outreach.status.eligible'),
      msg('outreach.map.densityKey', { max: Math.max(...f.hexes.map((h) => h.n)) }),
    ]);
    // The table of the same figures is still under the map.
    expect(await page.locator('#outreach-groups tbody tr').count()).toBe(3);

    const svg = page.locator('figure.itda-map svg[role="img"]');
    // axe on the map's section (its picture, key and table): the rest of this page is the one the
    // other outreach suite checks whole, and a whole-page run here costs seconds of CI time.
    await checkA11y(page, 'density map at 1280 px', { include: MAP_SECTION });
    await page.locator('figure.itda-map').screenshot({ path: path.join(SCREENSHOT_DIR, `${kind}-outreach-density-map-1280.png`) });

    await page.setViewportSize({ width: 375, height: 800 });
    expect.soft(await horizontalOverflow(page), 'the density map page scrolls sideways at 375 px').toBeLessThanOrEqual(0);
    const box = await svg.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(375);
    expect(box!.width).toBeGreaterThan(250);
    await expect.poll(() => page.locator('#outreach-groups').isVisible()).toBe(true);
    // What is written and drawn on and under the picture stays legible at the phone's width (on screen, in px).
    const legible = await page.evaluate(() => ({
      labels: [...document.querySelectorAll('figure.itda-map .itda-map-labels text, figure.itda-map .itda-map-scale text')].map(
        (t) => t.getBoundingClientRect().height,
      ),
      key: Number.parseFloat(getComputedStyle(document.querySelector('figure.itda-map figcaption li')!).fontSize),
      points: [...document.querySelectorAll('figure.itda-map .itda-map-points circle')].map((c) => c.getBoundingClientRect().width),
    }));
    expect(legible.labels.length).toBeGreaterThan(1);
    expect(Math.min(...legible.labels)).toBeGreaterThanOrEqual(9);
    expect(legible.key).toBeGreaterThanOrEqual(12);
    expect(legible.points.length).toBeGreaterThan(0);
    expect(Math.min(...legible.points)).toBeGreaterThanOrEqual(6);
    await checkA11y(page, 'density map at 375 px', { include: MAP_SECTION });
    await page.locator('#outreach-map').evaluate((h) => h.scrollIntoView());
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${kind}-outreach-density-375.png`) });
    await page.locator('figure.itda-map').screenshot({ path: path.join(SCREENSHOT_DIR, `${kind}-outreach-density-map-375.png`) });
    await page.context().close();
  }, 120_000);
});
