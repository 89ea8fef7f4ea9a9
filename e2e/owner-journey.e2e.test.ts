import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidBrn } from '../src/domain/identifiers.ts';
import { shortTitle } from '../src/domain/reminders.ts';
import { catalogue } from '../src/i18n/i18n.ts';
import { startServer, type RunningServer } from './server.ts';
import { checkA11y, E2E, importCatalogue, h1, horizontalOverflow, msg, navigate, printMinorA11yFindings, screenshot, setCheckbox, signIn, smsGatewayDouble, staffAccounts, type Credentials } from './support.ts';

/**
 * Issue 13, the acceptance journey, at 375 px: a Vietnamese-speaking owner does the self-check in
 * Vietnamese (switching the language on the page) → answers → the result → "help request" with name,
 * phone and consent → the clerk of the covering office sees it in the queue, with her language →
 * converts it into a tracked business → the owner's SMS (received by the local SMS gateway double:
 * the app runs with ITDA_NOTIFY_SMS=http against it, as it would against the carrier) is in
 * Vietnamese, and its link opens her page in Vietnamese without sign-in → the clerk records the
 * application (신청완료) → she receives the status change in Vietnamese (she agreed to it on the help
 * form) with an opt-out link → the link asks, in Vietnamese, and one press stops her reminders.
 * axe (no serious/critical) and no sideways scrolling on every owner page; screenshots of each.
 *
 * On PGlite the clerk is demo-clerk (수원 사무소 (예시), 수원시); on PostgreSQL the administrator
 * makes a clerk in the E2E office, which covers 수원시 too.
 */
let server: RunningServer;
let e2e: E2E;
let kind: string;
let accounts: Record<'clerk' | 'admin', Credentials>;

const RUN = Date.now().toString(36);
const PHONE = `010-${String(Date.now() % 10_000).padStart(4, '0')}-${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
const OWNER = `Nguyễn Thị Lan ${RUN}`;
const vi = (key: string, params: Record<string, string | number> = {}) => {
  const template = catalogue('vi')[key];
  if (template === undefined) throw new Error(`no vi message ${key}`);
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
};

/** A valid 사업자등록번호 not used before in this store (the check digit computed). */
function freshBrn(): string {
  const head = `${220 + (Date.now() % 500)}81${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
  for (let d = 0; d < 10; d++) if (isValidBrn(`${head}${d}`)) return `${head.slice(0, 3)}-${head.slice(3, 5)}-${head.slice(5)}${d}`;
  throw new Error('no check digit');
}

let phone: Awaited<ReturnType<typeof smsGatewayDouble>>;
/** Waits for her phone to receive a message containing `marker`. */
const received = (marker: string) => phone.received(PHONE, marker);

beforeAll(async () => {
  phone = await smsGatewayDouble();
  server = await startServer({ env: phone.env });
  e2e = await E2E.start(server);
  kind = server.store.kind;
  accounts = await staffAccounts(e2e, ['clerk', 'admin']);
  if (kind === 'postgres') {
    // No catalogue without the demo: the administrator imports the sample notices, so the clerk has
    // a programme to record her application under.
    const admin = await e2e.newPage();
    await signIn(admin, e2e.origin, accounts.admin);
    expect(await importCatalogue(admin, e2e.origin)).toContain('전체 11건');
    await admin.context().close();
  }
});
afterAll(async () => {
  printMinorA11yFindings(import.meta.url);
  await e2e?.close();
  await server?.stop();
  await server?.store.dispose();
  await phone?.close();
});

/** axe, no sideways scrolling at this width, and a screenshot to look at. */
async function look(page: Page, name: string) {
  const width = page.viewportSize()?.width ?? 0;
  await checkA11y(page, `${name} at ${width} px`);
  expect.soft(await horizontalOverflow(page), `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
  await screenshot(page, `${kind}-owner-journey-${name}-${width}`);
}

describe('the owner journey in Vietnamese at 375 px (issue 13 acceptance)', () => {
  let owner: Page;
  let clerk: Page;
  let businessPath = '';

  beforeAll(async () => {
    // A phone whose browser says Korean: she switches to Vietnamese on the page.
    owner = await e2e.newPage({ viewport: { width: 375, height: 812 }, locale: 'ko-KR' });
  });
  afterAll(async () => {
    await owner?.context().close();
    await clerk?.context().close();
  });

  it('switches /check to Vietnamese; the choice is remembered', async () => {
    await owner.goto(e2e.url('/check'));
    expect(await owner.getAttribute('html', 'lang')).toBe('ko');
    await navigate(owner, owner.getByRole('button', { name: 'Tiếng Việt', exact: true }));
    expect(await owner.getAttribute('html', 'lang')).toBe('vi');
    expect(await h1(owner)).toBe(vi('check.title'));
    await look(owner, 'check-intro-vi');
    await owner.goto(e2e.url('/check'));
    expect(await owner.getAttribute('html', 'lang'), 'remembered in the cookie').toBe('vi');
  });

  it('answers the questions (some "Không biết") and reads the result in Vietnamese', async () => {
    await navigate(owner, owner.getByRole('link', { name: vi('check.start'), exact: true }));
    await owner.locator('#f-municipalityCode').selectOption('41110');
    await look(owner, 'check-step1-vi');
    await navigate(owner, owner.getByRole('button', { name: vi('check.next'), exact: true }));
    await owner.locator('label[for="f-ksicCode-56193"]').click();
    await navigate(owner, owner.getByRole('button', { name: vi('check.next'), exact: true }));
    await owner.locator('#f-openedMonth').fill('2021-03');
    await navigate(owner, owner.getByRole('button', { name: vi('check.next'), exact: true }));
    await owner.locator('label[for="f-revenueBand-100m-300m"]').click();
    await navigate(owner, owner.getByRole('button', { name: vi('check.next'), exact: true }));
    for (let step = 5; step <= 8; step++) {
      await navigate(owner, owner.getByRole('button', { name: vi('check.skip'), exact: true }));
    }
    expect(new URL(owner.url()).searchParams.get('step')).toBe('result');
    expect(await h1(owner)).toBe(vi('check.resultTitle'));
    expect(await owner.getAttribute('html', 'lang')).toBe('vi');
    await look(owner, 'check-result-vi');
  });

  it('asks for help with name, phone and consent; her confirmation SMS is in Vietnamese', async () => {
    await navigate(owner, owner.getByRole('link', { name: vi('check.help.button'), exact: true }));
    expect(await h1(owner)).toBe(vi('help.title'));
    expect(await owner.locator('#f-municipalityCode').inputValue()).toBe('41110');
    await look(owner, 'help-form-vi');
    await owner.locator('#f-name').fill(OWNER);
    await owner.locator('#f-phone').fill(PHONE);
    await owner.locator('label[for="f-preferredTime-afternoon"]').click();
    await setCheckbox(owner, 'f-consent', true);
    // She also agrees to hear how it goes, by SMS (optional, a consent of its own).
    expect(await owner.locator('#reminders-title').innerText()).toBe(vi('help.reminders.title'));
    await setCheckbox(owner, 'f-reminders', true);
    await navigate(owner, owner.getByRole('button', { name: vi('help.submit'), exact: true }));
    expect(new URL(owner.url()).pathname).toBe('/check/help/sent');
    expect(await h1(owner)).toBe(vi('help.sentTitle'));
    await look(owner, 'help-sent-vi');
  });

  it('the clerk of the covering office sees it in the queue, with her language, and converts it', async () => {
    clerk = await e2e.newPage({ viewport: { width: 375, height: 812 } });
    await signIn(clerk, e2e.origin, accounts.clerk);
    await clerk.goto(e2e.url('/help-requests'));
    expect(await clerk.getAttribute('html', 'lang'), 'staff pages stay Korean').toBe('ko');
    const card = clerk.locator('li.itda-card').filter({ hasText: OWNER });
    expect(await card.count()).toBe(1);
    expect(await card.innerText()).toContain(`${msg('help.language')}: Tiếng Việt`);
    await screenshot(clerk, `${kind}-owner-journey-queue-375`);
    await navigate(clerk, card.getByRole('link', { name: msg('help.convert'), exact: true }));
    expect(await clerk.locator('#f-ownerName').inputValue()).toBe(OWNER);
    await clerk.locator('#f-brn').fill(freshBrn());
    await clerk.locator('#f-name').fill(`Phở Hà Nội (시험 ${RUN})`);
    await clerk.locator('#f-consentCollection').selectOption({ label: msg('businesses.consentMethod.verbal') });
    await navigate(clerk, clerk.locator('form[action="/businesses/new"] button[type="submit"]'));
    businessPath = new URL(clerk.url()).pathname;
    expect(businessPath, await clerk.locator('main').innerText()).toMatch(/^\/businesses\/[0-9a-f-]{36}$/);
    await clerk.goto(e2e.url('/help-requests'));
    expect(await clerk.locator('li.itda-card').filter({ hasText: OWNER }).count(), 'converted: off the open queue').toBe(0);
  });

  it("the owner's SMS is in Vietnamese and its link opens her page in Vietnamese without sign-in", async () => {
    await clerk.goto(e2e.url(businessPath));
    await navigate(clerk, clerk.getByRole('button', { name: msg('owner.sendLink'), exact: true }));
    expect(await received('[잇다] Đã nhận yêu cầu.'), 'the help request confirmation').toBeTruthy();
    const bodies = await received('[잇다] Tình hình hỗ trợ (24 giờ):');
    const link = /\/o\/[A-Za-z0-9_-]{20,64}\?lang=vi/.exec(bodies)?.[0];
    expect(link, bodies).toBeTruthy();

    const phone = await e2e.newPage({ viewport: { width: 375, height: 812 }, locale: 'ko-KR' });
    const res = await phone.goto(e2e.url(link!));
    expect(res?.status()).toBe(200);
    expect(await phone.getAttribute('html', 'lang')).toBe('vi');
    expect(await h1(phone)).toBe(vi('owner.title'));
    expect(await phone.locator('nav.itda-nav').count()).toBe(0);
    await look(phone, 'owner-page-vi');
    await phone.context().close();
  });

  it('the clerk records the application; she receives the status change in Vietnamese with an opt-out link that works', async () => {
    // 새 참여 만들기 on its own page: the first programme offered.
    await clerk.goto(e2e.url(`${businessPath}/participations/new`));
    const form = clerk.locator(`form[action="${businessPath}/participations/new"]`);
    const value = await form
      .locator('#f-programmeId option')
      .evaluateAll((options) => (options as HTMLOptionElement[]).find((o) => o.value && !o.disabled)?.value);
    expect(value, 'a programme to start').toBeTruthy();
    await form.locator('#f-programmeId').selectOption(value!);
    await navigate(clerk, form.getByRole('button', { name: msg('participations.create'), exact: true }));
    expect(new URL(clerk.url()).pathname).toMatch(/^\/participations\/[0-9a-f-]{36}$/);
    const title = (await h1(clerk)).trim();
    // 신청완료 (submitted): the status she hears about.
    const action = clerk.locator('#action-submitted');
    if (!(await action.evaluate((d) => (d as HTMLDetailsElement).open))) await action.locator('summary').click();
    await setCheckbox(clerk, 't-submitted-channel-online', true);
    await navigate(clerk, action.getByRole('button', { name: msg('participations.action.submitted'), exact: true }));
    expect(await clerk.locator('.itda-pipeline li[aria-current="step"] .step-tit').innerText()).toBe(msg('participations.status.submitted'));

    const sms = await received('/u/');
    expect(sms, 'in Vietnamese, with the status in her words').toContain(vi('reminders.short.submitted'));
    expect(sms.startsWith('[잇다]'), sms).toBe(true);
    expect(sms, 'names the programme (shortened for an SMS)').toContain(shortTitle(title));
    const optOut = /\/u\/[A-Za-z0-9_-]{16}/.exec(sms)?.[0];
    expect(optOut, sms).toBeTruthy();

    // She opens the link on her phone (a browser that says Korean): it asks, in her language.
    const phone = await e2e.newPage({ viewport: { width: 375, height: 812 }, locale: 'ko-KR' });
    expect((await phone.goto(e2e.url(optOut!)))?.status()).toBe(200);
    expect(await phone.getAttribute('html', 'lang')).toBe('vi');
    expect(await h1(phone)).toBe(vi('reminders.optOut.title'));
    await look(phone, 'opt-out-ask-vi');
    await navigate(phone, phone.getByRole('button', { name: vi('reminders.optOut.confirm'), exact: true }));
    expect(await phone.locator('.krds-alert, [role="status"], .itda-notice').first().innerText()).toContain(vi('reminders.optOut.done'));
    await look(phone, 'opt-out-done-vi');
    await phone.context().close();

    // The clerk sees it on the business page: reminders off, withdrawn by her link.
    await clerk.goto(e2e.url(businessPath));
    const section = clerk.locator('section').filter({ has: clerk.locator('h2', { hasText: msg('reminders.title') }) });
    expect(await section.innerText()).toContain(msg('reminders.off'));
    expect(await section.innerText()).toContain(msg('reminders.via.opt_out_link'));
    await screenshot(clerk, `${kind}-owner-journey-reminders-withdrawn-375`);
  });
});

const ANSWERS = 'municipalityCode=41110&ksicCode=56193&openedMonth=2021-03&revenueBand=100m-300m&workers=2&legalForm=individual';
const OWNER_PAGES = [
  ['intro', '/check'],
  ['step1', '/check?step=1'],
  ['step2', `/check?step=2&${ANSWERS}`],
  ['result', `/check?step=result&${ANSWERS}`],
  ['help', `/check/help?${ANSWERS}`],
] as const;

describe('the owner pages in each of the four languages (axe, 375 and 1280 px)', () => {
  for (const [lang, html] of [['ko', 'ko'], ['en', 'en'], ['zh', 'zh-Hans'], ['vi', 'vi']] as const) {
    it(`${lang}: lang="${html}", no serious/critical axe finding, no sideways scrolling on a phone`, async () => {
      for (const width of [375, 1280]) {
        const page = await e2e.newPage({ viewport: { width, height: 900 } });
        await page.goto(e2e.url(`/check?lang=${lang}`));
        for (const [name, path] of OWNER_PAGES) {
          await page.goto(e2e.url(path));
          expect(await page.getAttribute('html', 'lang'), `${name} ${lang}`).toBe(html);
          await look(page, `${name}-${lang}`);
        }
        await page.context().close();
      }
    }, 360_000);
  }

  it('large text (remembered) and 200 % zoom keep every owner page whole at 375 px', async () => {
    const page = await e2e.newPage({ viewport: { width: 375, height: 812 } });
    await page.goto(e2e.url('/check?lang=vi'));
    const before = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.itda-check')!).fontSize));
    await navigate(page, page.getByRole('button', { name: vi('layout.textLarge'), exact: true }));
    const after = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.itda-check')!).fontSize));
    expect(after, 'large text raises the base size').toBeGreaterThanOrEqual(24);
    expect(after).toBeGreaterThan(before);
    for (const [name, path] of OWNER_PAGES) {
      await page.goto(e2e.url(path));
      expect(await page.getAttribute('html', 'class'), `${name}: remembered`).toContain('itda-text-large');
      await look(page, `${name}-vi-large`);
    }
    await page.context().close();
    // 200 % zoom of a 375 px phone: the page gets 188 CSS px of width.
    const zoomed = await e2e.newPage({ viewport: { width: 188, height: 406 }, deviceScaleFactor: 2 });
    await zoomed.goto(e2e.url('/check?lang=vi'));
    for (const [name, path] of OWNER_PAGES) {
      await zoomed.goto(e2e.url(path));
      expect.soft(await horizontalOverflow(zoomed), `${name} at 200 % zoom scrolls sideways`).toBeLessThanOrEqual(0);
      await screenshot(zoomed, `${kind}-owner-journey-${name}-vi-zoom200`);
    }
    await zoomed.context().close();
  }, 360_000);
});

describe('network', () => {
  it('every request of the run went to the app itself', () => {
    expect(e2e.foreignRequests()).toEqual([]);
  });
});
