import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { hashPassword } from '../src/modules/auth/auth.crypto.ts';
import { loadReportsFixture, NOVEMBER, type ReportsFixture } from '../test/integration/reports.fixture.ts';
import { createStore, startServer, type RunningServer, type Store } from './server.ts';
import { checkA11y, E2E, h1, horizontalOverflow, msg, navigate, printMinorA11yFindings, screenshot, SCREENSHOT_DIR, signIn } from './support.ts';

/**
 * Operations and reporting in a real browser (issue 5). The hand-computed fixture of
 * test/integration/reports.fixture.ts (whose figures reports.metrics.test.ts works out by hand) is
 * written into a fresh store, then the real server starts on it with no demo data, so every figure
 * on screen can be compared with the fixture's:
 *
 *   operator      everything: 6 businesses, 5 applications, 2 benefited, 3,500,000원, 83.3 points;
 *                 office A 4 applications, office B 1; exports read back; monthly report made,
 *                 its PDF turned into a picture to look at and its text checked
 *   office lead   office A only: 4 applications, 1 benefited, 150만 원, no office B anywhere
 *   clerk a1      own figures: 3 applications, 2 businesses
 *   province      aggregates only: benefits "5 미만", amounts "비공개", no clerk's name
 *
 * The server runs on the real clock; every page asks for November 2026 explicitly (the monthly
 * report accepts any month up to the current one). axe on every page; 1280 and 375 px pictures.
 */
const PASSWORD = 'Reports-e2e-2026!';
const NOV = `from=${NOVEMBER.from}&to=${NOVEMBER.to}`;

let store: Store;
let server: RunningServer;
let e2e: E2E;
let kind: string;
let fx: ReportsFixture;
const clerkNames = new Map<string, string>();

/** Writes the fixture straight into the store (the server is not running yet: PGlite has one writer). */
async function seed(s: Store): Promise<ReportsFixture> {
  const database = await openDatabase(s.kind === 'pglite' ? { kind: 'pglite', dataDir: s.dataDir! } : { kind: 'postgres', url: s.databaseUrl! });
  try {
    await migrateToLatest(database.db);
    const hash = await hashPassword(PASSWORD);
    let n = 0;
    return await loadReportsFixture({
      db: database.db,
      async createUser(role, opts) {
        n += 1;
        const displayName = `시험 사용자 ${n} (${role})`;
        const u = await database.db
          .insertInto('appUser')
          .values({ login: opts.login ?? `e2e-r-${n}`, displayName, role, officeId: opts.officeId ?? null, passwordHash: hash, mustChangePassword: false, active: true, email: null, phone: null })
          .returning(['id', 'login'])
          .executeTakeFirstOrThrow();
        if (role === 'clerk') clerkNames.set(u.login, displayName);
        return u;
      },
    });
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  store = await createStore();
  fx = await seed(store);
  // No demo: the operator's totals must be the fixture's alone.
  server = await startServer({ store, env: { ITDA_DEMO: 'off' } });
  e2e = await E2E.start(server);
  kind = store.kind;
});

afterAll(async () => {
  printMinorA11yFindings(import.meta.url);
  await e2e?.close();
  await server?.stop();
  await store?.dispose();
});

async function as(who: keyof ReportsFixture['logins']): Promise<Page> {
  const page = await e2e.newPage({ acceptDownloads: true });
  await signIn(page, e2e.origin, { login: fx.logins[who], password: PASSWORD });
  expect(new URL(page.url()).pathname).toBe('/home');
  return page;
}

/** The value on a KPI card, by the card's label from the message catalogue. */
async function kpi(page: Page, key: string): Promise<string> {
  const label = msg(`reports.kpi.${key}`).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const card = page.locator('.itda-kpi').filter({ has: page.locator('.itda-kpi-label', { hasText: new RegExp(`^${label}$`) }) });
  await expect.poll(() => card.count(), { message: `KPI card ${key}` }).toBe(1);
  return (await card.locator('.itda-kpi-value').innerText()).trim();
}

/** One row of a table as header → cell text (the row found by its first cell). */
async function tableRow(table: Locator, label: string): Promise<Record<string, string>> {
  const headers = (await table.locator('thead th').allInnerTexts()).map((s) => s.trim());
  const row = table.locator('tbody tr, tfoot tr').filter({ has: table.page().locator('th', { hasText: label }) });
  expect(await row.count(), `row "${label}"`).toBe(1);
  const cells = (await row.locator('th, td').allInnerTexts()).map((s) => s.trim());
  return Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']));
}

function section(page: Page, headingId: string): Locator {
  return page.locator(`section[aria-labelledby="${headingId}"]`);
}

async function both(page: Page, name: string) {
  await checkA11y(page, `${name} at 1280 px`);
  await screenshot(page, `${kind}-reports-${name}-1280`);
  await page.setViewportSize({ width: 375, height: 800 });
  expect.soft(await horizontalOverflow(page), `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
  await checkA11y(page, `${name} at 375 px`);
  await screenshot(page, `${kind}-reports-${name}-375`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function download(page: Page, action: () => Promise<unknown>): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), action()]);
  const p = await file.path();
  return { file, bytes: await readFile(p) };
}

async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Column name → value of the row whose first cell is `label`. */
function sheetRow(ws: ExcelJS.Worksheet, label: string): Record<string, unknown> {
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (row.getCell(1).text === label) return Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value]));
  }
  throw new Error(`no row ${label} in ${ws.name}`);
}

describe('operator', () => {
  let page: Page;
  beforeAll(async () => {
    page = await as('operator');
  });

  it('sees the whole programme: the fixture figures on the cards, charts as SVG with a table under each', async () => {
    await page.goto(e2e.url(`/reports?${NOV}&by=office`));
    expect(await h1(page)).toBe(msg('reports.title.operator'));
    expect(await kpi(page, 'businessesSupported')).toBe('6');
    expect(await kpi(page, 'applications')).toBe('5');
    expect(await kpi(page, 'benefited')).toBe('2');
    expect(await kpi(page, 'benefitTotal')).toBe('350만 원');
    expect(await kpi(page, 'satisfaction')).toContain('83.3');
    // Median days 발굴 → 신청완료 = 2 (X1…X4, X7: 13, 2, 2, 2, 1).
    expect(await kpi(page, 'medianDaysToSubmit')).toContain('2');

    // Funnel 신청 5 → 선정 2 → 수혜 1 (of those applications).
    const funnel = section(page, 'funnel-h');
    await expect.poll(() => funnel.locator('svg[role="img"]').count()).toBe(1);
    const funnelCounts = (await funnel.locator('tbody tr').evaluateAll((rows) => rows.map((r) => (r.querySelectorAll('td')[0]?.textContent ?? '').trim())));
    expect(funnelCounts).toEqual(['5', '2', '1']);

    // Breakdown by office: A 4 applications (1,500,000원), B 1 (2,000,000원 benefited 11-05).
    const breakdown = section(page, 'breakdown-h').locator('table');
    const a = await tableRow(breakdown, 'rf 수원 사무소');
    expect(a[msg('reports.col.applications')]).toBe('4');
    expect(a[msg('reports.col.benefitTotal')]).toBe('1,500,000원');
    const b = await tableRow(breakdown, 'rf 화성 사무소');
    expect(b[msg('reports.col.applications')]).toBe('1');
    expect(b[msg('reports.col.benefitTotal')]).toBe('2,000,000원');
    // Every chart is drawn on the server: SVG in the HTML, no script needed.
    expect(await page.locator('figure.itda-chart svg').count()).toBeGreaterThanOrEqual(4);
    await both(page, 'operator');
  });

  it('switches the breakdown to clerks with one link and keeps the period', async () => {
    await navigate(page, section(page, 'breakdown-h').locator('.itda-dim-links a', { hasText: msg('reports.dim.clerk') }));
    expect(new URL(page.url()).searchParams.get('by')).toBe('clerk');
    expect(new URL(page.url()).searchParams.get('from')).toBe(NOVEMBER.from);
    const breakdown = section(page, 'breakdown-h').locator('table');
    expect((await tableRow(breakdown, clerkNames.get(fx.logins.a1)!))[msg('reports.col.applications')]).toBe('3');
    expect((await tableRow(breakdown, clerkNames.get(fx.logins.a2)!))[msg('reports.col.applications')]).toBe('1');
  });

  it('downloads the breakdown as .xlsx that reads back with the same numbers, Korean headers and a frozen header', async () => {
    await page.goto(e2e.url(`/reports?${NOV}&by=office`));
    const { file, bytes } = await download(page, () => section(page, 'breakdown-h').locator('.itda-export-link a').click());
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = await workbook(bytes);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const a = sheetRow(ws, 'rf 수원 사무소');
    expect(a['신청']).toBe(4);
    expect(a['수혜 금액']).toBe(1_500_000);
    expect(sheetRow(ws, '합계')['수혜 금액']).toBe(3_500_000);
    await writeFile(path.join(SCREENSHOT_DIR, `${kind}-reports-breakdown.xlsx`), bytes);
  });

  it('asks why before the caseload export (it names clerks), then downloads it', async () => {
    await navigate(page, section(page, 'caseload-h').locator('.itda-export-link a'));
    expect(await h1(page)).toBe(msg('reports.exportTitle'));
    // Without a purpose: a Korean error, nothing downloaded.
    await navigate(page, page.locator('form.itda-form button[type="submit"]'));
    await expect.poll(() => page.locator('#error-summary-title').count()).toBe(1);
    await both(page, 'export-reason');
    await page.locator('label[for="f-purpose-review"]').click();
    await page.locator('#f-note').fill('11월 업무 배분 점검');
    const { bytes } = await download(page, () => page.locator('form.itda-form button[type="submit"]').click());
    const ws = (await workbook(bytes)).worksheets[0]!;
    expect(sheetRow(ws, clerkNames.get(fx.logins.a1)!)).toBeTruthy();
    expect(sheetRow(ws, clerkNames.get(fx.logins.b1)!)).toBeTruthy();
  });

  it('makes the monthly report for November; the PDF reads in Korean (rendered to a picture to look at)', async () => {
    await page.goto(e2e.url('/reports/monthly'));
    await page.locator('#f-month').fill('2026-11');
    await navigate(page, page.locator('form[action="/reports/monthly"] button[type="submit"]'));
    await expect.poll(() => page.locator('.krds-alert, [role="status"], .itda-notice').filter({ hasText: msg('reports.monthly.generated') }).count()).toBeGreaterThan(0);
    const row = page.locator('table tbody tr').filter({ hasText: '2026년 11월' }).first();
    await both(page, 'monthly');

    const pdf = await download(page, () => row.locator('a[href$="/pdf"]').click());
    expect(pdf.file.suggestedFilename()).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pdfPath = path.join(SCREENSHOT_DIR, `${kind}-reports-monthly.pdf`);
    await writeFile(pdfPath, pdf.bytes);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('월간 실적 보고');
    expect(text).toContain('2026년 11월');
    expect(text).toContain('5 미만'); // province rules: 2 benefits
    expect(text).toContain('권역별 실적');
    expect(text).not.toContain(fx.logins.operator); // the maker's name and role, not the account id
    // Page 1 as PNG (150 dpi) for a person to look at: Korean glyphs, not boxes.
    execFileSync('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', pdfPath, path.join(SCREENSHOT_DIR, `${kind}-reports-monthly-page`)]);

    const xlsx = await download(page, () => row.locator('a[href$="/xlsx"]').click());
    const ws = (await workbook(xlsx.bytes)).worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['지표', '2026년 11월', '연간 누적 (1~11월)']);
    expect(sheetRow(ws, '신청')['2026년 11월']).toBe(5);
    expect(sheetRow(ws, '신청')['연간 누적 (1~11월)']).toBe(7);
  });
});

describe('office lead', () => {
  it('sees office A only: 4 applications, 1 benefit of 150만 원, nothing of office B', async () => {
    const page = await as('lead');
    await page.goto(e2e.url(`/reports?${NOV}`));
    expect(await h1(page)).toBe(msg('reports.title.office'));
    expect(await kpi(page, 'applications')).toBe('4');
    expect(await kpi(page, 'benefited')).toBe('1');
    expect(await kpi(page, 'benefitTotal')).toBe('150만 원');
    expect(await kpi(page, 'businessesSupported')).toBe('4');
    const body = await page.locator('main').innerText();
    expect(body).not.toContain('rf 화성 사무소');
    expect(body).not.toContain(clerkNames.get(fx.logins.b1)!);
    // The clerk filter offers this office's clerks only.
    const options = (await page.locator('#f-clerk option').allInnerTexts()).map((s) => s.trim()).filter((s) => s !== msg('common.all'));
    expect(options.sort()).toEqual([clerkNames.get(fx.logins.a1)!, clerkNames.get(fx.logins.a2)!].sort());
    // Asking for office B by hand changes nothing: the scope is decided on the server.
    await page.goto(e2e.url(`/reports?${NOV}&office=${fx.officeB}`));
    expect(await kpi(page, 'applications')).toBe('4');
    await page.goto(e2e.url(`/reports?${NOV}`));
    await both(page, 'office-lead');
    expect((await page.goto(e2e.url('/reports/monthly')))!.status()).toBe(403);
  });
});

describe('clerk', () => {
  it('sees their own figures: 3 applications for 2 businesses, 2 selected', async () => {
    const page = await as('a1');
    await page.goto(e2e.url(`/reports?${NOV}`));
    expect(await h1(page)).toBe(msg('reports.title.clerk'));
    expect(await kpi(page, 'applications')).toBe('3');
    expect(await kpi(page, 'businessesSupported')).toBe('2');
    expect(await kpi(page, 'benefited')).toBe('1');
    const funnel = section(page, 'funnel-h');
    const counts = await funnel.locator('tbody tr').evaluateAll((rows) => rows.map((r) => (r.querySelectorAll('td')[0]?.textContent ?? '').trim()));
    expect(counts.slice(0, 2)).toEqual(['3', '2']);
    expect(await page.locator('#f-clerk').count()).toBe(0);
    expect(await page.locator('#f-office').count()).toBe(0);
    await both(page, 'clerk');
  });

  it('offers the survey of an ended participation; the owner answers on a phone with the printed code', async () => {
    const page = await as('a1');
    // X3 (B2, 취소 after 선정) ended before surveys were offered automatically: the page has a button.
    await page.goto(e2e.url(`/participations/${fx.participation.X3}`));
    await navigate(page, page.locator('form[action="/surveys/offer"] button[type="submit"]'));
    expect(await page.locator('main').innerText()).toContain(msg('participations.notice.surveyOffered'));
    const code = (await page.locator('#survey-title ~ p .itda-code').innerText()).trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await navigate(page, page.locator('section[aria-labelledby="survey-title"] a', { hasText: msg('surveys.printSlip') }));
    expect(await page.locator('.itda-slip-code').innerText()).toBe(code);
    await both(page, 'survey-slip');

    // The owner: no account, a phone, the code typed in lower case without the hyphen.
    const owner = await e2e.newPage({ viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true });
    await owner.goto(e2e.url('/s'));
    await owner.locator('#f-code').fill(code.replace('-', '').toLowerCase());
    await navigate(owner, owner.locator('form[method="get"][action="/s"] button[type="submit"]'));
    // Nothing chosen: a Korean error per question, the comment kept.
    await owner.locator('#f-comment').fill('친절하게 도와주셨습니다.');
    await navigate(owner, owner.locator('form[method="post"][action="/s"] button[type="submit"]'));
    expect(await owner.locator('#error-summary-title').count()).toBe(1);
    expect(await owner.locator('#f-comment').inputValue()).toBe('친절하게 도와주셨습니다.');
    await checkA11y(owner, 'survey form with errors at 375 px');
    await screenshot(owner, `${kind}-reports-survey-owner-375`);
    for (const [q, v] of [['q1', 5], ['q2', 4], ['q3', 5]] as const) await owner.locator(`label[for="f-${q}-${v}"]`).click();
    await navigate(owner, owner.locator('form[method="post"][action="/s"] button[type="submit"]'));
    expect(new URL(owner.url()).pathname).toBe('/s/thanks');
    expect(await h1(owner)).toBe(msg('surveys.thanksTitle'));
    // The clerk's page now says it was answered.
    await page.goto(e2e.url(`/participations/${fx.participation.X3}`));
    expect(await page.locator('section[aria-labelledby="survey-title"]').innerText()).toContain(msg('surveys.state.answered'));
  });
});

describe('province', () => {
  it('sees aggregates only: counts below 5 as "5 미만", amounts withheld, no clerk names', async () => {
    const page = await as('province');
    await page.goto(e2e.url(`/reports?${NOV}`));
    expect(await h1(page)).toBe(msg('reports.title.province'));
    expect(await kpi(page, 'applications')).toBe('5');
    expect(await kpi(page, 'businessesSupported')).toBe('6');
    expect(await kpi(page, 'benefited')).toBe('5 미만');
    expect(await kpi(page, 'benefitTotal')).toBe('비공개');
    // Office A and B each have fewer than 5 of everything: no chart, a sentence instead of an empty frame.
    expect(await section(page, 'breakdown-h').locator('svg').count()).toBe(0);
    expect(await section(page, 'breakdown-h').innerText()).toContain(msg('reports.chartWithheld'));
    const html = await page.content();
    for (const name of clerkNames.values()) expect(html).not.toContain(name);
    expect(html).not.toContain('김민용'); // the fixture owners' name
    expect(await page.locator('#f-clerk').count()).toBe(0);
    await both(page, 'province');

    // The kept monthly report is theirs to download; its .xlsx follows the same rule.
    await page.goto(e2e.url('/reports/monthly'));
    expect(await page.locator('form[action="/reports/monthly"]').count()).toBe(0); // they do not make it
    const row = page.locator('table tbody tr').filter({ hasText: '2026년 11월' }).first();
    const xlsx = await download(page, () => row.locator('a[href$="/xlsx"]').click());
    const ws = (await workbook(xlsx.bytes)).worksheets[0]!;
    expect(sheetRow(ws, '수혜(수혜일 기준)')['2026년 11월']).toBe('5 미만');
    expect(sheetRow(ws, '수혜 금액')['2026년 11월']).toBe('비공개');
  });
});

describe('operations (operator), after the figures above were checked', () => {
  let page: Page;
  beforeAll(async () => {
    page = await as('operator');
  });

  it('shows the operations overview, the activity calendar, the surveys and the access-record review', async () => {
    for (const [name, url] of [
      ['operations', '/operations'],
      ['calendar', '/operations/calendar?month=2026-11'],
      ['surveys', '/surveys'],
      ['access-review', '/admin/access-review'],
    ] as const) {
      const res = await page.goto(e2e.url(url));
      expect(res!.status(), url).toBe(200);
      await both(page, name);
    }
  });

  it('hands every business of a leaving clerk over in one action; none is left without a clerk', async () => {
    const a1 = fx.clerks.a1;
    await page.goto(e2e.url(`/operations/handover?clerk=${a1}`));
    await both(page, 'handover');
    await page.locator('label[for="f-mode-balance"]').click();
    await navigate(page, page.locator('form[action="/operations/handover"][method="post"] button[type="submit"]'));
    expect(new URL(page.url()).pathname).toBe('/operations');
    expect(await page.locator('main').innerText()).toContain(msg('operations.handedOver', { n: 2 }));
    await page.goto(e2e.url(`/operations/handover?clerk=${a1}`));
    expect(await page.locator('main').innerText()).toContain(msg('operations.nothingHeld'));
    // Figures follow the business's current clerk (reports.def.attribution): a2 now has office A's 4.
    await page.goto(e2e.url(`/reports?${NOV}&by=clerk`));
    const breakdown = section(page, 'breakdown-h').locator('table');
    expect((await tableRow(breakdown, clerkNames.get(fx.logins.a2)!))[msg('reports.col.applications')]).toBe('4');
    expect(await breakdown.locator('tbody th', { hasText: clerkNames.get(fx.logins.a1)! }).count()).toBe(0);
  });

  it('loaded nothing from outside the app', () => {
    expect(e2e.foreignRequests()).toEqual([]);
  });
});
