import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.ts';
import {
  adminCredentials,
  authenticatorCode,
  changePassword,
  checkA11y,
  createAccount,
  E2E,
  enrolSecondFactor,
  errorSummary,
  h1,
  horizontalOverflow,
  msg,
  navigate,
  officeName,
  printMinorA11yFindings,
  screenshot,
  setCheckbox,
  signIn,
  signOut,
  type Credentials,
} from './support.ts';

/**
 * The second factor in a browser (issue 14 §2; 안전성 확보조치 기준 §6): a new office lead enrols
 * with the QR page (the key read off the page into "the app", which computes the code), keeps the
 * recovery codes, signs in with a code, then once with a recovery code, which is refused the second
 * time; the administrator resets the lost factor and the lead enrols again.
 */
let server: RunningServer;
let e2e: E2E;
let admin: Credentials;
let adminPage: Page;
const LEAD = { login: 'e2e-totp-lead', name: '2단계 팀장 (시험)', password: 'Lead-pass-2026!' };
let oneTime = '';
let recoveryCodes: string[] = [];

async function passwordStep(page: Page, password: string): Promise<string> {
  await page.goto(e2e.url('/login'));
  await page.locator('#f-login').fill(LEAD.login);
  await page.locator('#f-password').fill(password);
  await navigate(page, page.locator('form[action="/login"] button[type="submit"]'));
  return new URL(page.url()).pathname;
}

async function giveCode(page: Page, code: string): Promise<void> {
  await page.locator('#f-code').fill(code);
  await navigate(page, page.locator('form[action="/login/second-factor"] button[type="submit"]'));
}

beforeAll(async () => {
  server = await startServer();
  e2e = await E2E.start(server);
  admin = await adminCredentials(e2e);
  adminPage = await e2e.newPage();
  await signIn(adminPage, e2e.origin, admin);
  expect(new URL(adminPage.url()).pathname).toBe('/home');
  oneTime = await createAccount(adminPage, e2e.origin, { login: LEAD.login, name: LEAD.name, role: 'office_lead', office: officeName(e2e) });
});

afterAll(async () => {
  printMinorA11yFindings(import.meta.url);
  await e2e?.close();
  await server?.stop();
  await server?.store.dispose();
});

describe('enrolment', () => {
  it('after the password, a new office lead must enrol: QR code and key on the page, a first code, recovery codes once', async () => {
    const page = await e2e.newPage();
    expect(await passwordStep(page, oneTime)).toBe('/login/second-factor/enrol');
    expect(await h1(page)).toBe(msg('secondFactor.enrolTitle'));
    // Nothing else is reachable before the second factor.
    await page.goto(e2e.url('/home'));
    expect(new URL(page.url()).pathname).toBe('/login/second-factor/enrol');
    await expect.poll(() => page.locator('.itda-qr svg').count()).toBe(1);
    const box = await page.locator('.itda-qr svg').boundingBox();
    expect(box!.width).toBeGreaterThan(150);
    await checkA11y(page, 'second-factor enrol');
    await screenshot(page, `${server.store.kind}-totp-enrol-1280`);
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, `${server.store.kind}-totp-enrol-375`);
    await page.setViewportSize({ width: 1280, height: 900 });

    // A wrong first code: the same page, the same key, an error.
    const key = await page.locator('#totp-key').getAttribute('data-key');
    await page.locator('#f-code').fill('12345');
    await navigate(page, page.locator('form[action="/login/second-factor/enrol"] button[type="submit"]'));
    expect(await errorSummary(page)).toBeTruthy();
    expect(await page.locator('#totp-key').getAttribute('data-key')).toBe(key);

    recoveryCodes = await enrolSecondFactor(page, e2e.origin, LEAD.login);
    expect(recoveryCodes).toHaveLength(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    await checkA11y(page, 'recovery codes');
    await screenshot(page, `${server.store.kind}-totp-recovery-codes`);
    // Then the one-time password is replaced, and the lead is in.
    await navigate(page, page.locator('#recovery-continue a'));
    expect(new URL(page.url()).pathname).toBe('/password');
    await changePassword(page, oneTime, LEAD.password);
    expect(new URL(page.url()).pathname).toBe('/home');
    await signOut(page);
    await page.context().close();
  });
});

describe('signing in with the second factor', () => {
  it('takes the code from the app', async () => {
    const page = await e2e.newPage();
    expect(await passwordStep(page, LEAD.password)).toBe('/login/second-factor');
    await checkA11y(page, 'second-factor verify');
    await giveCode(page, await authenticatorCode(e2e.origin, LEAD.login));
    expect(new URL(page.url()).pathname).toBe('/home');
    await signOut(page);
    await page.context().close();
  });

  it('takes a recovery code once, and refuses it the second time', async () => {
    const page = await e2e.newPage();
    expect(await passwordStep(page, LEAD.password)).toBe('/login/second-factor');
    await giveCode(page, recoveryCodes[0]!);
    expect(new URL(page.url()).pathname).toBe('/home');
    expect(await page.locator('main').innerText()).toContain(msg('secondFactor.recoveryUsed', { n: 9 }));
    await signOut(page);

    expect(await passwordStep(page, LEAD.password)).toBe('/login/second-factor');
    await giveCode(page, recoveryCodes[0]!);
    expect(new URL(page.url()).pathname).toBe('/login/second-factor');
    expect(await page.locator('main').innerText()).toContain(msg('secondFactor.codeWrong'));
    // Still nothing reachable; a right code then signs in.
    await giveCode(page, recoveryCodes[1]!);
    expect(new URL(page.url()).pathname).toBe('/home');
    await page.context().close();
  });
});

describe("the administrator's reset of a lost factor", () => {
  it('is confirmed on the account page and makes the lead enrol again', async () => {
    await adminPage.goto(e2e.url(`/admin/users?q=${LEAD.login}`));
    await navigate(adminPage, adminPage.locator(`a:text-is("${LEAD.login}")`));
    expect(await adminPage.locator('#second-factor-status').innerText()).toContain(msg('users.secondFactorOn', { n: 8 }));
    await setCheckbox(adminPage, 'f-confirm', true);
    await navigate(adminPage, adminPage.locator('form[action$="/reset-second-factor"] button[type="submit"]'));
    expect(await adminPage.locator('main').innerText()).toContain(msg('users.secondFactorResetDone'));
    expect(await adminPage.locator('#second-factor-status').innerText()).toBe(msg('users.secondFactorOff'));

    const page = await e2e.newPage();
    expect(await passwordStep(page, LEAD.password)).toBe('/login/second-factor/enrol');
    await page.context().close();
    expect(e2e.foreignRequests()).toEqual([]);
  });
});
