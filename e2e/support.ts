// The named export: the package's types are CommonJS, so its default import does not type-check under NodeNext.
import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Role } from '../src/domain/roles.ts';
import { catalogue } from '../src/i18n/i18n.ts';
import { ROLES_ALWAYS_REQUIRING_SECOND_FACTOR, TOTP_PERIOD_SECONDS } from '../src/domain/second-factor.ts';
import { totpCode } from '../src/modules/auth/auth.totp.ts';
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRET } from '../src/modules/demo/demo.data.ts';
import { navigationFor } from '../src/web/navigation.ts';
import { createAdminWithCli, ROOT, type RunningServer } from './server.ts';

/** Page objects and shared steps for the browser suite. One `E2E` per test file. */

export const DEMO_PASSWORD = 'itda-demo-2026';
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');

/** A message from the app's own catalogue (area files included), so wording changes do not break the tests. */
export function msg(key: string, params: Record<string, string | number> = {}, locale: 'ko' | 'en' = 'ko'): string {
  const template = catalogue(locale)[key] ?? catalogue('ko')[key];
  if (template === undefined) throw new Error(`no message ${key}`);
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export const ROLE_LIST: readonly Role[] = [
  'owner',
  'clerk',
  'office_lead',
  'operator',
  'province',
  'saeil_counsellor',
  'catalog_editor',
  'admin',
];

export const DEMO_LOGINS: Record<Role, string> = {
  owner: 'demo-owner',
  clerk: 'demo-clerk',
  office_lead: 'demo-lead',
  operator: 'demo-operator',
  province: 'demo-province',
  saeil_counsellor: 'demo-saeil',
  catalog_editor: 'demo-catalog',
  admin: 'demo-admin',
};

export interface Credentials {
  login: string;
  password: string;
}

/** Chromium from Debian; no downloads, no background traffic of its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/**
 * Per test file: one browser, the servers it talks to, every request any page made (to prove
 * nothing leaves the app's origin) and every accessibility finding.
 */
export class E2E {
  readonly requests: { url: string; page: string }[] = [];
  readonly origins = new Set<string>();
  private contexts: BrowserContext[] = [];

  private constructor(
    readonly browser: Browser,
    public server: RunningServer,
  ) {
    this.origins.add(server.origin);
  }

  static async start(server: RunningServer): Promise<E2E> {
    return new E2E(await launchBrowser(), server);
  }

  get origin(): string {
    return this.server.origin;
  }

  /** Point at another server (restart test); its origin is allowed too. */
  useServer(server: RunningServer) {
    this.server = server;
    this.origins.add(server.origin);
  }

  async newContext(opts: BrowserContextOptions = {}): Promise<BrowserContext> {
    const ctx = await this.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ko-KR', ...opts });
    ctx.setDefaultTimeout(15_000);
    ctx.on('request', (r) => {
      const frame = r.frame();
      let page = '';
      try {
        page = frame.page().url();
      } catch {
        page = '(service worker)';
      }
      this.requests.push({ url: r.url(), page });
    });
    this.contexts.push(ctx);
    return ctx;
  }

  async newPage(opts: BrowserContextOptions = {}): Promise<Page> {
    const ctx = await this.newContext(opts);
    return ctx.newPage();
  }

  url(p: string): string {
    return `${this.origin}${p}`;
  }

  /** Requests that did not go to one of this file's servers. */
  foreignRequests(): { url: string; page: string }[] {
    return this.requests.filter((r) => {
      try {
        return !this.origins.has(new URL(r.url).origin);
      } catch {
        return true;
      }
    });
  }

  async close() {
    for (const c of this.contexts) await c.close().catch(() => undefined);
    await this.browser.close();
  }
}

/** Click something that submits or navigates, and wait for the next document to load. */
export async function navigate(page: Page, action: Locator | (() => Promise<unknown>)): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), typeof action === 'function' ? action() : action.click()]);
}

/**
 * The authenticator app of the suite (issue 14 §2): the TOTP keys it knows, per server and login
 * (the demo's operator, admin and office lead have the published demo key; others are read off the
 * enrolment page), and the last time step each used: a code is accepted once, so a sign-in of the
 * same account within one step uses the next step's code (the server allows one step of drift), and
 * beyond that waits for the next step as a person would.
 */
const totpKeys = new Map<string, string>();
const lastStep = new Map<string, number>();
const DEMO_SECOND_FACTOR = new Set(DEMO_ACCOUNTS.filter((a) => ROLES_ALWAYS_REQUIRING_SECOND_FACTOR.includes(a.role)).map((a) => a.login));

function totpKeyOf(origin: string, login: string): string | undefined {
  return totpKeys.get(`${origin}|${login}`) ?? (DEMO_SECOND_FACTOR.has(login) ? DEMO_TOTP_SECRET : undefined);
}

/** The code the app would show now for this account (a step not used before). */
export async function authenticatorCode(origin: string, login: string, secret = totpKeyOf(origin, login)): Promise<string> {
  if (!secret) throw new Error(`no TOTP key known for ${login}`);
  const key = `${origin}|${login}`;
  const period = TOTP_PERIOD_SECONDS * 1000;
  const nowStep = Math.floor(Date.now() / period);
  const step = Math.max(nowStep, (lastStep.get(key) ?? -1) + 1);
  if (step > nowStep + 1) await new Promise((r) => setTimeout(r, (step - 1) * period - Date.now() + 200));
  lastStep.set(key, step);
  return totpCode(secret, new Date(step * period));
}

/** Enrolment as the person does it: the key from the page into the app, the app's first code back. */
export async function enrolSecondFactor(page: Page, origin: string, login: string): Promise<string[]> {
  const secret = (await page.locator('#totp-key').getAttribute('data-key')) ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  totpKeys.set(`${origin}|${login}`, secret);
  await page.locator('#f-code').fill(await authenticatorCode(origin, login, secret));
  await navigate(page, page.locator('form[action="/login/second-factor/enrol"] button[type="submit"]'));
  return (await page.locator('#recovery-codes code').allInnerTexts()).map((c) => c.trim());
}

export async function signIn(page: Page, origin: string, creds: Credentials): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.locator('#f-login').fill(creds.login);
  await page.locator('#f-password').fill(creds.password);
  await navigate(page, page.locator('form[action="/login"] button[type="submit"]'));
  const step = new URL(page.url()).pathname;
  if (step === '/login/second-factor') {
    await page.locator('#f-code').fill(await authenticatorCode(origin, creds.login));
    await navigate(page, page.locator('form[action="/login/second-factor"] button[type="submit"]'));
  } else if (step === '/login/second-factor/enrol') {
    await enrolSecondFactor(page, origin, creds.login);
    await navigate(page, page.locator('#recovery-continue a'));
  }
}

export async function signOut(page: Page): Promise<void> {
  await navigate(page, page.locator('form[action="/logout"] button[type="submit"]'));
}

/** The password page (forced or voluntary): fill and submit. */
export async function changePassword(page: Page, current: string, next: string): Promise<void> {
  await page.locator('#f-currentPassword').fill(current);
  await page.locator('#f-newPassword').fill(next);
  await page.locator('#f-confirmPassword').fill(next);
  await navigate(page, page.locator('form[action="/password"] button[type="submit"]'));
}

/**
 * KRDS draws its own checkbox: the input sits under its label, so a person (and the test) clicks
 * the label. Then the input's state is checked.
 */
export async function setCheckbox(page: Page, id: string, checked: boolean): Promise<void> {
  const input = page.locator(`#${id}`);
  if ((await input.isChecked()) !== checked) await page.locator(`label[for="${id}"]`).click();
  expect(await input.isChecked(), `checkbox #${id}`).toBe(checked);
}

export async function h1(page: Page): Promise<string> {
  return (await page.locator('h1').first().innerText()).trim();
}

export async function errorSummary(page: Page): Promise<string> {
  return (await page.locator('#error-summary-title').innerText()).trim();
}

/** Create an account on /admin/users/new as a signed-in manager; returns the one-time password. */
export async function createAccount(
  page: Page,
  origin: string,
  a: { login: string; name: string; role: Role; office?: string },
): Promise<string> {
  await page.goto(`${origin}/admin/users/new`);
  await page.locator('#f-login').fill(a.login);
  await page.locator('#f-displayName').fill(a.name);
  await page.locator('#f-role').selectOption(a.role);
  if (a.office) await page.locator('#f-officeId').selectOption({ label: a.office });
  await navigate(page, page.locator('form[action="/admin/users/new"] button[type="submit"]'));
  const secret = page.locator('#secret');
  if ((await secret.count()) === 0) {
    throw new Error(`account ${a.login} was not created: ${await page.locator('main').innerText()}`);
  }
  return (await secret.innerText()).trim();
}

/** Create an office on /admin/offices/new covering the given 시·군 codes. */
export async function createOffice(page: Page, origin: string, o: { name: string; municipalities: string[] }): Promise<void> {
  await page.goto(`${origin}/admin/offices/new`);
  await page.locator('#f-name').fill(o.name);
  await page.locator('#f-regionId').selectOption({ index: 1 });
  for (const code of o.municipalities) await setCheckbox(page, `f-municipalities-${code}`, true);
  await navigate(page, page.locator('form[action="/admin/offices/new"] button[type="submit"]'));
  expect(new URL(page.url()).pathname, await page.locator('main').innerText()).toBe('/admin/org');
}

/** First sign-in with a one-time password in a fresh context: forced change, then home. */
export async function firstSignIn(e2e: E2E, login: string, oneTimePassword: string, newPassword: string): Promise<Page> {
  const page = await e2e.newPage();
  await signIn(page, e2e.origin, { login, password: oneTimePassword });
  expect(new URL(page.url()).pathname).toBe('/password');
  await changePassword(page, oneTimePassword, newPassword);
  expect(new URL(page.url()).pathname).toBe('/home');
  return page;
}

export const E2E_OFFICE = 'E2E 사무소 (시험)';

/**
 * An administrator to work with. On PGlite the demo's; on PostgreSQL (no demo allowed) the first
 * administrator made with `itda admin create`, whose one-time password is changed at first sign-in.
 */
export async function adminCredentials(e2e: E2E): Promise<Credentials> {
  if (e2e.server.store.kind === 'pglite') return { login: DEMO_LOGINS.admin, password: DEMO_PASSWORD };
  const cached = bootstrapped.get(e2e.server.store);
  if (cached) return cached;
  const login = 'e2e-admin';
  const otp = await createAdminWithCli(e2e.server.store, login, 'E2E 관리자 (시험)');
  const password = 'Admin-pass-2026!';
  const page = await firstSignIn(e2e, login, otp, password);
  await createOffice(page, e2e.origin, { name: E2E_OFFICE, municipalities: ['41110'] });
  await page.context().close();
  const creds = { login, password };
  bootstrapped.set(e2e.server.store, creds);
  return creds;
}
const bootstrapped = new WeakMap<object, Credentials>();

/** The office new clerks are assigned to: a demo office on PGlite, the bootstrapped one on PostgreSQL. */
export function officeName(e2e: E2E): string {
  return e2e.server.store.kind === 'pglite' ? '수원 사무소 (예시)' : E2E_OFFICE;
}

/**
 * One signed-in-able account per role. On PGlite the eight demo accounts; on PostgreSQL the
 * administrator creates them on the admin pages and each changes its one-time password.
 */
export async function roleAccounts(e2e: E2E): Promise<Record<Role, Credentials>> {
  if (e2e.server.store.kind === 'pglite') {
    return Object.fromEntries(ROLE_LIST.map((r) => [r, { login: DEMO_LOGINS[r], password: DEMO_PASSWORD }])) as Record<Role, Credentials>;
  }
  const admin = await adminCredentials(e2e);
  const page = await e2e.newPage();
  await signIn(page, e2e.origin, admin);
  const out: Partial<Record<Role, Credentials>> = { admin };
  const otps: [Role, string, string][] = [];
  for (const role of ROLE_LIST) {
    if (role === 'admin') continue;
    const login = `e2e-${role.replace('_', '-')}`;
    const needsOffice = role === 'clerk' || role === 'office_lead';
    otps.push([
      role,
      login,
      await createAccount(page, e2e.origin, {
        login,
        name: `시험 ${msg(`role.${role}`)}`,
        role,
        office: needsOffice ? E2E_OFFICE : undefined,
      }),
    ]);
  }
  await page.context().close();
  for (const [role, login, otp] of otps) {
    const password = `Pass-${role}-2026!`;
    const p = await firstSignIn(e2e, login, otp, password);
    await p.context().close();
    out[role] = { login, password };
  }
  return out as Record<Role, Credentials>;
}

/**
 * The navigation each role should see: the app's own rule (src/web/navigation.ts + the permission
 * table) applied to a plain actor of that role. The tests add fixed expectations on top (e.g. only
 * operator and admin manage accounts), so a change of the rule itself is still noticed.
 */
export function expectedNav(role: Role): string[] {
  const needsOffice = role === 'clerk' || role === 'office_lead';
  const actor = {
    userId: '00000000-0000-0000-0000-000000000000',
    login: 'x',
    displayName: 'x',
    role,
    officeId: needsOffice ? 1 : null,
    locale: 'ko',
    via: 'session' as const,
  };
  return navigationFor(actor).map((n) => n.labelKey);
}

export async function navLabels(page: Page): Promise<string[]> {
  const nav = page.locator('nav.itda-nav');
  if ((await nav.count()) === 0) return [];
  return (await nav.locator('a').allInnerTexts()).map((s) => s.trim());
}

/** Moderate and minor findings: reported, not failing (the bar is zero serious/critical). */
const minorFindings = new Map<string, { impact: string; help: string; pages: Set<string> }>();

export function printMinorA11yFindings(file: string): void {
  if (!minorFindings.size) return;
  const lines = [...minorFindings].map(([id, f]) => `  [${f.impact}] ${id}: ${f.help} — on ${[...f.pages].join(', ')}`);
  console.warn(`axe: non-blocking findings in ${file}:\n${lines.join('\n')}`);
  minorFindings.clear();
}

/**
 * The WCAG 2.1 A/AA rules; anything serious or critical fails (softly, so one run lists all pages).
 * `include` limits the run to part of the page, for a suite whose page is checked whole elsewhere.
 */
export async function checkA11y(page: Page, label: string, opts: { include?: string } = {}): Promise<void> {
  const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (opts.include) axe.include(opts.include);
  const results = await axe.analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of results.violations) {
    if (bad.includes(v)) continue;
    const seen = minorFindings.get(v.id) ?? { impact: v.impact ?? 'unknown', help: v.help, pages: new Set<string>() };
    seen.pages.add(label);
    minorFindings.set(v.id, seen);
  }
  const report = bad
    .map(
      (v) =>
        `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .slice(0, 5)
          .map(
            (n) =>
              `      at ${n.target.join(' ')}\n        ${n.html.slice(0, 200)}\n        ${(n.failureSummary ?? '').replace(/\n/g, '\n        ')}`,
          )
          .join('\n'),
    )
    .join('\n');
  expect.soft(bad.length, `axe: ${bad.length} serious/critical violation(s) on ${label} (${page.url()}):\n${report}`).toBe(0);
}

/**
 * A full-page screenshot to look at. Its own timeout (60 s, not the 15 s of an action): on a busy
 * 2-core machine Chromium once took longer than 15 s to paint a long page (admin outbox, CI 2026-12-03)
 * though every check on the page had passed; the picture is for people, the checks are the test.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, timeout: 60_000 });
  return file;
}

/** Horizontal overflow at the current viewport (a phone layout that scrolls sideways is broken). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

// ── Shared by the catalogue and casework suites ──────────────────────────────────────────────

/** The hand-written 기업마당 sample file: 11 rows, 9 valid, line 9 and line 10 rejected. */
export const CATALOGUE_FIXTURE = path.join(ROOT, 'test', 'fixtures', 'catalog', 'bizinfo-jsonArray.json');

const staffByStore = new WeakMap<object, Map<Role, Credentials>>();

/**
 * Accounts for just the roles a file needs (cheaper than `roleAccounts`, which makes all eight).
 * On PGlite the demo's; on PostgreSQL the administrator creates `e2e-s-<role>` accounts on the
 * admin pages (clerks and office leads in E2E_OFFICE, which covers 수원시 41110) and each changes
 * its one-time password. Cached per store, so asking again is free.
 */
export async function staffAccounts<R extends Role>(e2e: E2E, roles: readonly R[]): Promise<Record<R, Credentials>> {
  if (e2e.server.store.kind === 'pglite') {
    return Object.fromEntries(roles.map((r) => [r, { login: DEMO_LOGINS[r], password: DEMO_PASSWORD }])) as Record<R, Credentials>;
  }
  const admin = await adminCredentials(e2e);
  const cache = staffByStore.get(e2e.server.store) ?? new Map<Role, Credentials>();
  staffByStore.set(e2e.server.store, cache);
  const missing = roles.filter((r) => r !== 'admin' && !cache.has(r));
  if (missing.length) {
    const page = await e2e.newPage();
    await signIn(page, e2e.origin, admin);
    const otps: [Role, string, string][] = [];
    for (const role of missing) {
      const login = `e2e-s-${role.replace(/_/g, '-')}`;
      const needsOffice = role === 'clerk' || role === 'office_lead';
      const otp = await createAccount(page, e2e.origin, {
        login,
        name: `시험 ${msg(`role.${role}`)}`,
        role,
        office: needsOffice ? E2E_OFFICE : undefined,
      });
      otps.push([role, login, otp]);
    }
    await page.context().close();
    for (const [role, login, otp] of otps) {
      const password = `Staff-${role}-2026!`;
      const p = await firstSignIn(e2e, login, otp, password);
      await p.context().close();
      cache.set(role, { login, password });
    }
  }
  return Object.fromEntries(roles.map((r) => [r, r === 'admin' ? admin : cache.get(r)!])) as Record<R, Credentials>;
}

/**
 * Upload a notice file on /admin/import as a signed-in catalog_editor, operator or admin; returns
 * the Korean counts line ("전체 11건: 새로 …"). The page stays on the report.
 */
export async function importCatalogue(
  page: Page,
  origin: string,
  opts: { source?: 'bizinfo' | 'kstartup' | 'gov24'; file?: string } = {},
): Promise<string> {
  await page.goto(`${origin}/admin/import`);
  await page.locator('#f-source').selectOption(opts.source ?? 'bizinfo');
  await page.locator('#f-file').setInputFiles(opts.file ?? CATALOGUE_FIXTURE);
  await navigate(page, page.locator('form[action="/admin/import"] button[type="submit"]'));
  const counts = page.locator('section[aria-labelledby="report"] p[role="status"]');
  if ((await counts.count()) === 0) throw new Error(`import failed: ${await page.locator('main').innerText()}`);
  return (await counts.innerText()).trim();
}

/**
 * Upload a registry file (상가정보 CSV) on /admin/stores as a signed-in operator or admin and check
 * that every row went in as new, with coordinates and inside the province: the outreach suites start
 * from shops they generate, so anything else means the fixture, not the page under test, is wrong.
 */
export async function importStoresAllNew(page: Page, origin: string, file: string, rows: number): Promise<void> {
  await page.goto(`${origin}/admin/stores`);
  await page.locator('#f-file').setInputFiles(file);
  await navigate(page, page.locator('form[action="/admin/stores"] button[type="submit"]'));
  const counts = msg('stores.import.counts', { total: rows, created: rows, updated: 0, unchanged: 0, closed: 0, rejected: 0, withoutCoordinates: 0, outside: 0 });
  expect(await page.locator('main').innerText()).toContain(counts);
}

/** Today's calendar date in Korea (YYYY-MM-DD), as the app's date fields expect. */
export function koreanDate(offsetDays = 0): string {
  return new Date(Date.now() + 9 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A catalogue editor (or admin) confirms a programme's current rule against its notice and publishes
 * it as reviewed (issue 11 §2): an imported notice judges no business until then. Uses the rule
 * editor: 요건 편집 → (요건, when given) → 요건 검토 "검토함" → 초안 저장 → 공개하기.
 */
export async function publishAsReviewed(page: Page, origin: string, title: string, opts: { rule?: unknown } = {}): Promise<void> {
  await page.goto(`${origin}/programmes?q=${encodeURIComponent(title)}`);
  await navigate(page, page.getByRole('link', { name: title }).first());
  await navigate(page, page.getByRole('link', { name: msg('programmes.editRule'), exact: true }));
  // The editor may write the rule the notice's text could not give (e.g. an 업종), as a person types it.
  if (opts.rule !== undefined) await page.locator('#f-rule').fill(JSON.stringify(opts.rule, null, 2));
  await page.locator('#f-ruleReview').selectOption('reviewed');
  await page.locator('#f-reason').fill('공고문과 대조해 검토함 (시험)');
  await navigate(page, page.getByRole('button', { name: msg('programmes.edit.saveDraft'), exact: true }));
  if (!/\/drafts\/\d+$/.test(new URL(page.url()).pathname)) throw new Error(`review not saved: ${await page.locator('main').innerText()}`);
  await navigate(page, page.getByRole('button', { name: msg('programmes.draft.publish'), exact: true }));
}

/**
 * The SMS gateway double: a loopback HTTP server speaking the carrier interface the app's http SMS
 * channel uses (POST {from, to, text}); what it records is what the owner's phone would show. Start
 * the app with `env` (no quiet hours: a run may fall at any hour of the Korean day). A test reads a
 * link off the phone, not off the outbox page, which masks secrets once a message is sent.
 */
export async function smsGatewayDouble() {
  const inbox: { to: string; text: string }[] = [];
  const gateway = http.createServer((req, res) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (data += c));
    req.on('end', () => {
      const body = JSON.parse(data) as { to: string; text: string };
      inbox.push({ to: body.to, text: body.text });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `double-${inbox.length}` }));
    });
  });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/v1/sms`;
  return {
    env: { ITDA_NOTIFY_SMS: 'http', ITDA_SMS_ENDPOINT: endpoint, ITDA_SMS_QUIET_START: '0', ITDA_SMS_QUIET_END: '0' },
    inbox,
    /** Waits for `phone` to receive a message containing `marker` (the outbox job runs every minute). */
    async received(phone: string, marker: string, timeoutMs = 150_000): Promise<string> {
      const to = phone.replace(/-/g, '');
      const until = Date.now() + timeoutMs;
      for (;;) {
        const m = inbox.find((x) => x.to === to && x.text.includes(marker));
        if (m) return m.text;
        if (Date.now() > until) throw new Error(`no SMS with "${marker}" to ${to}; received: ${JSON.stringify(inbox.filter((x) => x.to === to))}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    },
    async close() {
      gateway.closeAllConnections();
      await new Promise<void>((r) => gateway.close(() => r()));
    },
  };
}
