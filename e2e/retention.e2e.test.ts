import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { excel } from '../src/heavy-libs.ts';
import { kstDate } from '../src/domain/korean-time.ts';
import { dataRequestDue } from '../src/domain/retention/retention.rules.ts';
import { startServer, type RunningServer } from './server.ts';
import {
  adminCredentials,
  checkA11y,
  E2E,
  errorSummary,
  h1,
  horizontalOverflow,
  msg,
  navigate,
  printMinorA11yFindings,
  screenshot,
  SCREENSHOT_DIR,
  signIn,
  smsGatewayDouble,
  staffAccounts,
  type Credentials,
} from './support.ts';

/**
 * Issue 14 §3 in a real browser, on PGlite and PostgreSQL (E2E_DATABASE_URL): an owner opens the link the
 * clerk sent, sees what Itda holds about her and asks for deletion; the clerk finds the request on her
 * home with its 10-day due date and records 삭제함 (the business is anonymised at once); the owner page
 * shows the outcome; the operator opens the 파기 대장, runs the retention job and downloads the .xlsx.
 * Screenshots of the 파기 대장 at 1280 and 375 px.
 */
let server: RunningServer;
let e2e: E2E;
let kind: string;
let clerkCreds: Credentials;
let adminCreds: Credentials;
let clerk: Page;
let admin: Page;
let businessPath = '';
let token = '';
/** The owner's phone (the SMS gateway double). */
let phone: Awaited<ReturnType<typeof smsGatewayDouble>>;
let requestPath = '';

const BUSINESS = { brn: '314-12-34566', name: '파기시험 떡집', owner: '윤서연', phone: '010-7788-1234' };

beforeAll(async () => {
  phone = await smsGatewayDouble();
  server = await startServer({ env: phone.env });
  e2e = await E2E.start(server);
  kind = server.store.kind;
  adminCreds = await adminCredentials(e2e);
  clerkCreds = (await staffAccounts(e2e, ['clerk'])).clerk;
  clerk = await e2e.newPage();
  await signIn(clerk, e2e.origin, clerkCreds);
  admin = await e2e.newPage();
  await signIn(admin, e2e.origin, adminCreds);
});

afterAll(async () => {
  printMinorA11yFindings(import.meta.url);
  await e2e?.close();
  await server?.stop();
  await server?.store.dispose();
  await phone?.close();
});

describe('an owner asks for deletion and the office answers within 10 days', () => {
  it('the clerk registers the business and sends the owner link; the SMS is in the outbox', async () => {
    await clerk.goto(e2e.url('/businesses/new'));
    await clerk.locator('#f-brn').fill(BUSINESS.brn);
    await clerk.locator('#f-name').fill(BUSINESS.name);
    await clerk.locator('#f-municipalityCode').selectOption({ label: '수원시' });
    await clerk.locator('#f-operatingStatus').selectOption('active');
    await clerk.locator('#f-ownerName').fill(BUSINESS.owner);
    await clerk.locator('#f-phone').fill(BUSINESS.phone);
    await clerk.locator('#f-preferredChannel').selectOption('sms');
    await clerk.locator('#f-consentCollection').selectOption({ label: msg('businesses.consentMethod.written') });
    await clerk.locator('#f-consentThirdParty').selectOption({ label: msg('businesses.consentMethod.written') });
    await navigate(clerk, clerk.locator('form[action="/businesses/new"] button[type="submit"]'));
    businessPath = new URL(clerk.url()).pathname;
    expect(businessPath, await clerk.locator('main').innerText()).toMatch(/^\/businesses\/[0-9a-f-]{36}$/);
    await navigate(clerk, clerk.getByRole('button', { name: msg('owner.sendLink'), exact: true }));

    await admin.goto(e2e.url('/admin/notifications?channel=sms'));
    const row = admin
      .locator('table tbody tr')
      .filter({ has: admin.locator('td', { hasText: `010-****-${BUSINESS.phone.slice(-4)}` }) })
      .first();
    // The outbox lists it (its link masked once sent); the owner's link is read off her phone.
    expect(await row.locator('.itda-detail').textContent()).toContain('/o/');
    const sms = await phone.received(BUSINESS.phone, '/o/');
    token = /\/o\/([A-Za-z0-9_-]{20,64})/.exec(sms)?.[1] ?? '';
    expect(token, sms).not.toBe('');
  }, 180_000);

  it('the owner sees what Itda holds and sends a deletion request (a missing reason is refused in Korean)', async () => {
    const owner = await e2e.newPage({ viewport: { width: 375, height: 800 } });
    await owner.goto(e2e.url(`/o/${token}`));
    const held = owner.locator('section[aria-labelledby^="held-"]');
    expect(await held.locator('h2').innerText()).toBe(msg('owner.held.title'));
    expect(await held.innerText()).toContain(BUSINESS.owner);
    expect(await held.innerText()).toContain(BUSINESS.phone);
    await checkA11y(owner, 'owner page with 내 정보 at 375 px');
    expect(await horizontalOverflow(owner)).toBe(0);

    await owner.locator('label[for="f-kind-deletion"]').click();
    await navigate(owner, owner.locator(`form[action="/o/${token}/requests"] button[type="submit"]`));
    expect(await errorSummary(owner)).toBe(msg('validation.summary'));
    expect(await owner.locator('#error-summary li').allInnerTexts()).toEqual([msg('rights.reasonRequired')]);
    expect(await owner.locator('#f-kind-deletion').isChecked()).toBe(true);

    await owner.locator('#f-reason').fill('가게를 정리했습니다. 제 정보를 지워 주세요.');
    await navigate(owner, owner.locator(`form[action="/o/${token}/requests"] button[type="submit"]`));
    expect(await owner.locator('.itda-notice-success').first().innerText()).toBe(msg('owner.requests.sent'));
    const mine = await owner.locator('#owner-requests').innerText();
    expect(mine).toContain(msg('rights.status.open'));
    expect(mine).toContain(msg('owner.requests.due', { date: dataRequestDue(kstDate(new Date())) }));
    await screenshot(owner, `${kind}-retention-owner-request-375`);
    await owner.context().close();
  });

  it('the clerk sees it on her home with the due date and records 삭제함', async () => {
    await clerk.goto(e2e.url('/home'));
    const card = clerk.locator('section[aria-labelledby="t-data-requests"]');
    const item = card.locator('li').filter({ hasText: BUSINESS.name });
    expect(await item.count()).toBe(1);
    expect(await item.locator('.krds-badge').innerText()).toBe(msg('rights.due', { date: dataRequestDue(kstDate(new Date())) }));
    await checkA11y(clerk, 'clerk home with a request');
    await navigate(clerk, item.locator('a'));
    requestPath = new URL(clerk.url()).pathname;
    expect(await h1(clerk)).toBe(msg('rights.title'));
    await checkA11y(clerk, 'request page');
    await clerk.locator('label[for="f-outcome-deleted"]').click();
    await clerk.locator('#f-note').fill('요청에 따라 대표자 정보와 서류를 삭제했습니다.');
    await navigate(clerk, clerk.locator(`form[action="${requestPath}"] button[type="submit"]`));
    expect(await clerk.locator('main').innerText()).toContain(msg('rights.status.deleted'));
    // The business no longer names its owner.
    await clerk.goto(e2e.url(businessPath));
    expect(await clerk.locator('main').innerText()).not.toContain(BUSINESS.owner);
    await clerk.goto(e2e.url('/home'));
    expect(await clerk.locator('section[aria-labelledby="t-data-requests"]').innerText()).not.toContain(BUSINESS.name);
  });

  it('the owner page shows the outcome, and no longer shows her data', async () => {
    const owner = await e2e.newPage();
    await owner.goto(e2e.url(`/o/${token}`));
    const text = await owner.locator('main').innerText();
    expect(text).toContain(msg('rights.status.deleted'));
    expect(text).toContain('요청에 따라 대표자 정보와 서류를 삭제했습니다.');
    expect(text).toContain(msg('owner.held.anonymised'));
    expect(text).not.toContain(BUSINESS.owner);
    expect(text).not.toContain(BUSINESS.phone);
    await owner.context().close();
  });
});

describe('the operator’s 파기 대장', () => {
  it('runs the retention job, shows the destruction with its rule and basis, and exports it as .xlsx', async () => {
    await admin.setViewportSize({ width: 1280, height: 900 });
    await admin.goto(e2e.url('/admin/retention'));
    expect(await h1(admin)).toBe(msg('retention.title'));
    await navigate(admin, admin.getByRole('button', { name: msg('retention.runNow'), exact: true }));
    expect(await admin.locator('.itda-notice-success').first().innerText()).toBe(msg('retention.ranNotice'));
    expect(await admin.locator('main').innerText()).toContain(msg('retention.trigger.run.manual'));

    const rows = admin.locator('#destruction-records tbody tr');
    const ours = rows.filter({ hasText: 'business.on-request' });
    expect(await ours.count()).toBe(1);
    const cells = await ours.first().locator('th, td').allInnerTexts();
    expect(cells.slice(1)).toEqual([msg('retention.kind.business'), '1', msg('retention.method.anonymise'), 'business.on-request']);
    // Every rule is listed with its legal basis.
    const rules = await admin.locator('section[aria-labelledby="ret-rules"]').innerText();
    for (const k of ['business', 'document_file', 'applicant', 'help_request', 'session', 'access_record', 'audit_event']) expect(rules).toContain(msg(`retention.kind.${k}`));
    expect(rules).toContain('안전성 확보조치 기준 §8');
    await checkA11y(admin, '파기 대장 at 1280 px');
    await screenshot(admin, `${kind}-retention-ledger-1280`);

    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('link', { name: msg('retention.export') }).click()]);
    expect(download.suggestedFilename()).toMatch(/^잇다_파기대장_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = await download.path();
    const wb = new (excel().Workbook)();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toContain(msg('retention.col.kind'));
    const found: unknown[] = [];
    ws.eachRow((row, n) => {
      if (n > 1 && row.getCell(6).value === 'business.on-request') found.push(row.getCell(2).value);
    });
    expect(found).toEqual([msg('retention.kind.business')]);
  });

  it('fits a phone (375 px) without sideways scrolling', async () => {
    await admin.setViewportSize({ width: 375, height: 800 });
    await admin.goto(e2e.url('/admin/retention'));
    expect(await horizontalOverflow(admin)).toBe(0);
    await checkA11y(admin, '파기 대장 at 375 px');
    await screenshot(admin, `${kind}-retention-ledger-375`);
    // The part a person reads first, at phone size (the full page is long: every rule with its basis).
    await admin.locator('section[aria-labelledby="ret-ledger"]').screenshot({ path: path.join(SCREENSHOT_DIR, `${kind}-retention-ledger-375-top.png`) });
  });
});

describe('network', () => {
  it('every request of the run went to the app itself', () => {
    expect(e2e.foreignRequests()).toEqual([]);
  });
});
