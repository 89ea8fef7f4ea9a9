import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/domain/roles.ts';
import { startServer, type RunningServer } from './server.ts';
import {
  checkA11y,
  E2E,
  expectedNav,
  h1,
  horizontalOverflow,
  msg,
  navigate,
  printMinorA11yFindings,
  navLabels,
  ROLE_LIST,
  roleAccounts,
  screenshot,
  signIn,
  signOut,
  type Credentials,
} from './support.ts';

/**
 * Every role signs in and lands on its own Korean home with its own navigation; the shared frame
 * (skip link, footer, language switch) works, with and without JavaScript, and passes axe.
 */
let server: RunningServer;
let e2e: E2E;
let accounts: Record<Role, Credentials>;

beforeAll(async () => {
  server = await startServer();
  e2e = await E2E.start(server);
  accounts = await roleAccounts(e2e);
});

afterAll(async () => {
  printMinorA11yFindings(import.meta.url);
  await e2e?.close();
  // Graceful shutdown is a requirement: stop() throws unless SIGTERM ends the process with 0.
  await server?.stop();
  await server?.store.dispose();
});

describe('sign-in page', () => {
  it('is Korean, has the skip link and footer, and passes axe', async () => {
    const page = await e2e.newPage();
    await page.goto(e2e.url('/login'));
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    expect(await h1(page)).toBe(msg('auth.signInTitle'));
    await checkA11y(page, 'login');
    await screenshot(page, `${server.store.kind}-login-1280`);
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await horizontalOverflow(page), 'login page scrolls sideways at 375 px').toBeLessThanOrEqual(0);
    await screenshot(page, `${server.store.kind}-login-375`);
    await page.context().close();
  });
});

describe.each(ROLE_LIST.map((r) => [r] as const))('role %s', (role) => {
  it('signs in to its own Korean home with its navigation, skip link and footer', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e.origin, accounts[role]);
    expect(new URL(page.url()).pathname).toBe('/home');
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    expect(await h1(page)).toBe(msg(`home.${role}.title`));
    expect(await page.title()).toContain(msg(`home.${role}.title`));
    await expect.poll(() => page.locator('.itda-user-name').innerText()).toContain(msg(`role.${role}`));

    // Navigation: exactly the role's entries, with 홈 marked as the current page.
    const nav = await navLabels(page);
    expect(nav).toEqual(expectedNav(role).map((k) => msg(k)));
    expect(nav[0]).toBe(msg('nav.home'));
    expect(await page.locator('nav.itda-nav a[aria-current="page"]').innerText()).toBe(msg('nav.home'));
    // Only the operator and the administrator manage accounts, read the audit trail and the outbox.
    const staffAdmin = role === 'operator' || role === 'admin';
    for (const key of ['nav.users', 'nav.audit', 'nav.notifications']) expect(nav.includes(msg(key)), key).toBe(staffAdmin);
    expect(await page.getByRole('link', { name: msg('nav.users'), exact: true }).count()).toBe(staffAdmin ? 2 : 0); // nav + 바로 가기 card

    // Skip link: first focusable element, points at the main landmark, and moves focus there.
    const skip = page.locator('#krds-skip-link a');
    expect(await skip.getAttribute('href')).toBe('#main-content');
    expect(await skip.innerText()).toBe(msg('layout.skipToContent'));
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main-content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    // …and the heading it lands on is not hidden under the header (WCAG 2.4.11).
    const headingVisible = await page.locator('h1').evaluate((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + 4, r.top + r.height / 2);
      return r.top >= 0 && hit !== null && el.contains(hit);
    });
    expect(headingVisible, 'h1 is covered after the skip link').toBe(true);
    expect(await page.locator('main#main-content').count()).toBe(1);

    // Footer with the controller/processor line and the privacy policy link.
    const footer = page.locator('footer');
    expect(await footer.innerText()).toContain(msg('layout.footerProcessor'));
    expect(await footer.getByRole('link', { name: msg('layout.privacyPolicy') }).getAttribute('href')).toBe('/privacy');

    await checkA11y(page, `home (${role})`);
    await screenshot(page, `${server.store.kind}-home-${role}-1280`);
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await horizontalOverflow(page), `home (${role}) scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
    await checkA11y(page, `home (${role}) at 375 px`);
    await screenshot(page, `${server.store.kind}-home-${role}-375`);
    await page.context().close();
  });
});

describe('shared pages', () => {
  it('privacy, API docs, 404 and the password page pass axe', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e.origin, accounts.operator);

    await page.goto(e2e.url('/privacy'));
    expect(await h1(page)).toBe(msg('privacy.title'));
    await checkA11y(page, '/privacy');

    await page.goto(e2e.url('/api/docs'));
    expect(await h1(page)).toBe(msg('api.title'));
    await checkA11y(page, '/api/docs');

    const res = await page.goto(e2e.url('/no-such-page'));
    expect(res?.status()).toBe(404);
    expect(await h1(page)).toBe(msg('error.404.title'));
    await checkA11y(page, '404');

    await page.goto(e2e.url('/password'));
    expect(await h1(page)).toBe(msg('password.title'));
    await checkA11y(page, '/password');
    await page.context().close();
  });

  it('404 for a signed-out visitor is Korean and passes axe', async () => {
    const page = await e2e.newPage();
    const res = await page.goto(e2e.url('/nowhere/at/all'));
    expect(res?.status()).toBe(404);
    expect(await h1(page)).toBe(msg('error.404.title'));
    await checkA11y(page, '404 (signed out)');
    await page.context().close();
  });
});

describe('language', () => {
  it('switches to English and back, and the choice sticks to the account', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e.origin, accounts.province);
    await navigate(page, page.getByRole('button', { name: 'English' }));
    expect(new URL(page.url()).pathname).toBe('/home');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await h1(page)).toBe(msg('home.province.title', {}, 'en'));
    expect(await navLabels(page)).toEqual(expectedNav('province').map((k) => msg(k, {}, 'en')));
    await checkA11y(page, 'home in English');

    // Another page keeps English.
    await navigate(page, page.locator('nav.itda-nav').getByRole('link', { name: msg('nav.org', {}, 'en') }));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await navigate(page, page.getByRole('button', { name: '한국어' }));
    expect(new URL(page.url()).pathname).toBe('/admin/org');
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    expect(await h1(page)).toBe(msg('org.title'));
    await page.context().close();
  });

  it('works on the sign-in page before signing in', async () => {
    const page = await e2e.newPage();
    await page.goto(e2e.url('/login'));
    await navigate(page, page.getByRole('button', { name: 'English' }));
    expect(await h1(page)).toBe(msg('auth.signInTitle', {}, 'en'));
    await navigate(page, page.getByRole('button', { name: '한국어' }));
    expect(await h1(page)).toBe(msg('auth.signInTitle'));
    await page.context().close();
  });
});

describe('without JavaScript', () => {
  it('signs in, navigates, switches language and signs out', async () => {
    const ctx = await e2e.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await signIn(page, e2e.origin, accounts.operator);
    expect(await h1(page)).toBe(msg('home.operator.title'));
    for (const [key, title] of [
      ['nav.org', 'org.title'],
      ['nav.users', 'users.title'],
      ['nav.audit', 'audit.title'],
      ['nav.notifications', 'notifications.title'],
      ['nav.home', 'home.operator.title'],
    ] as const) {
      await navigate(page, page.locator('nav.itda-nav').getByRole('link', { name: msg(key), exact: true }));
      expect(await h1(page)).toBe(msg(title));
    }
    // A GET form (the account filter) works too.
    await page.goto(e2e.url('/admin/users'));
    await page.locator('#f-q').fill(accounts.clerk.login);
    await navigate(page, page.locator('form[action="/admin/users"] button[type="submit"]'));
    expect(await page.locator('table tbody tr').count()).toBe(1);

    await navigate(page, page.getByRole('button', { name: 'English' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await navigate(page, page.getByRole('button', { name: '한국어' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');

    await signOut(page);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.locator('.itda-notice').first().innerText()).toContain(msg('auth.signedOut'));
    await ctx.close();
  });
});

describe('sign-out', () => {
  it('the back button and refresh do not show the home page again', async () => {
    const page = await e2e.newPage();
    await signIn(page, e2e.origin, accounts.clerk);
    expect(await h1(page)).toBe(msg('home.clerk.title'));
    await page.goto(e2e.url('/privacy'));
    await page.goto(e2e.url('/home'));
    expect(await h1(page)).toBe(msg('home.clerk.title'));

    await signOut(page);
    expect(new URL(page.url()).pathname).toBe('/login');

    await page.goBack({ waitUntil: 'load' });
    const afterBack = await page.locator('body').innerText();
    expect(afterBack, `after sign-out, Back showed ${page.url()}`).not.toContain(msg('home.clerk.title'));
    expect(afterBack).not.toContain(msg('auth.signOut'));

    await page.reload({ waitUntil: 'load' });
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await h1(page)).toBe(msg('auth.signInTitle'));

    await page.goto(e2e.url('/home'));
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.context().close();
  });
});

describe('network', () => {
  it('every request of the run went to the app itself', () => {
    expect(e2e.requests.length).toBeGreaterThan(50);
    expect(e2e.foreignRequests()).toEqual([]);
  });
});
