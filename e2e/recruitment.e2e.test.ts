import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/domain/roles.ts';
import { catalogue } from '../src/i18n/i18n.ts';
import { startServer, type RunningServer } from './server.ts';
import {
  checkA11y,
  E2E,
  firstSignIn,
  horizontalOverflow,
  navigate,
  officeName,
  printMinorA11yFindings,
  roleAccounts,
  screenshot,
  SCREENSHOT_DIR,
  setCheckbox,
  signIn,
  type Credentials,
} from './support.ts';

/**
 * The clerk's lifecycle in a real browser (issue 6): the operator opens a round; an applicant
 * applies without an account, saves a draft, resumes it elsewhere with the code from the outbox,
 * uploads a certificate and submits; two reviewers score; the operator closes the period, selects
 * and creates the clerk account in one action; the new clerk signs in, consents to the 새일센터
 * referral; the counsellor records the outcome; the province sees only aggregates. axe on every
 * public page, screenshots at 1280 and 375 px.
 */
let server: RunningServer;
let e2e: E2E;
let accounts: Record<Role, Credentials>;
let kind: string;

const KO = catalogue('ko');
/** Messages from the app's own catalogue (area files included). */
function m(key: string, params: Record<string, string | number> = {}): string {
  const s = KO[key];
  if (s === undefined) throw new Error(`no message ${key}`);
  return s.replace(/\{(\w+)\}/g, (x, n: string) => (n in params ? String(params[n]) : x));
}

const ROUND = `공공사무원 모집 E2E ${Date.now().toString(36)} (시험)`;
const APPLICANT = { name: '한지원', email: `applicant.${Date.now().toString(36)}@example.com`, phone: '010-4321-8765' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** `2026-04-19T09:00` in Korean time, for datetime-local inputs. */
function kst(ms: number): string {
  return new Date(ms + 9 * 3_600_000).toISOString().slice(0, 16);
}

async function both(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, `${kind}-recruit-${name}-1280`);
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await horizontalOverflow(page), `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
  await screenshot(page, `${kind}-recruit-${name}-375`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function signedIn(creds: Credentials): Promise<Page> {
  const page = await e2e.newPage();
  await signIn(page, e2e.origin, creds);
  expect(new URL(page.url()).pathname).toBe('/home');
  return page;
}

let roundId: number;
let operator: Page;
let code: string;
let clerkLogin: string;
let clerkOtp: string;
const CLERK_PASSWORD = 'Clerk-new-pass-2026!';

beforeAll(async () => {
  server = await startServer();
  e2e = await E2E.start(server);
  kind = server.store.kind;
  accounts = await roleAccounts(e2e);
  operator = await signedIn(accounts.operator);
});

afterAll(async () => {
  printMinorA11yFindings(import.meta.url);
  await e2e?.close();
  await server?.stop();
  await server?.store.dispose();
});

describe('the operator opens a round', () => {
  it('creates and publishes it with a quota, questions, a required document and weighted criteria', async () => {
    await operator.goto(e2e.url('/admin/recruitment/rounds/new'));
    await operator.locator('#f-title').fill(ROUND);
    await operator
      .locator('#f-notice')
      .fill('경기도 소상공인을 돕는 공공사무원을 모집합니다.\n\n회계·사무 경력이 있는 경력단절 여성이면 지원할 수 있습니다.');
    await operator.locator('#f-opensAt').fill(kst(Date.now() - 86_400_000));
    await operator.locator('#f-closesAt').fill(kst(Date.now() + 7 * 86_400_000));
    await operator.locator('#f-activityStart').fill('2027-05-01');
    await operator.locator('#f-activityEnd').fill('2027-11-30');
    await operator.locator('#f-documents').fill('경력증명서 (필수)');
    await operator.getByLabel(officeName(e2e), { exact: true }).fill('1');
    await setCheckbox(operator, 'f-published', true);
    await navigate(operator, operator.locator('form[action="/admin/recruitment/rounds/new"] button[type="submit"]'));
    expect(await operator.locator('.itda-notice-success').innerText()).toContain(m('recruitment.admin.saved'));
    roundId = Number(/rounds\/(\d+)/.exec(operator.url())![1]);
    await checkA11y(operator, 'operator round page');
    await screenshot(operator, `${kind}-recruit-operator-round-1280`);
  });
});

describe('an applicant applies without an account', () => {
  it('reads the notice and starts an application; a 주민등록번호 is refused in Korean', async () => {
    const page = await e2e.newPage();
    await page.goto(e2e.url('/recruit'));
    await checkA11y(page, 'recruit list');
    await both(page, 'list');
    await navigate(page, page.getByRole('link', { name: ROUND }));
    expect(new URL(page.url()).pathname).toBe(`/recruit/rounds/${roundId}`);
    await checkA11y(page, 'recruit notice');
    await both(page, 'notice');
    await navigate(page, page.getByRole('link', { name: m('recruitment.apply.startButton') }));
    await checkA11y(page, 'apply start');
    await page.locator('#f-name').fill(`${APPLICANT.name} 850101-2345678`);
    await page.locator('#f-email').fill(APPLICANT.email);
    await navigate(page, page.locator(`form[action="/recruit/rounds/${roundId}/apply"] button[type="submit"]`));
    expect(await page.locator('#error-summary').innerText()).toContain(m('validation.rrnRefused'));
    expect(await page.locator('#error-summary').innerText()).toContain(m('recruitment.consentRequired'));
    await checkA11y(page, 'apply start with errors');
    await both(page, 'start-errors');

    await page.locator('#f-name').fill(APPLICANT.name);
    await page.locator('#f-phone').fill(APPLICANT.phone);
    await setCheckbox(page, 'f-consent', true);
    await navigate(page, page.locator(`form[action="/recruit/rounds/${roundId}/apply"] button[type="submit"]`));
    expect(new URL(page.url()).pathname).toBe('/recruit/application');
    expect(await page.locator('.itda-notice-success').innerText()).toContain(APPLICANT.email);

    // Part of the form, then "임시 저장", then the window is closed.
    await page.locator('#f-officeId').selectOption({ label: `${officeName(e2e)} (${m('recruitment.people', { n: 1 })})` });
    await page.locator('#f-a_residence').selectOption({ label: '수원시' });
    await page.locator('#f-careerSummary').fill('세무회계 사무소에서 경리 업무 6년 (부가세 신고, 장부 정리)');
    await navigate(page, page.getByRole('button', { name: m('recruitment.draft.save'), exact: true }));
    expect(await page.locator('.itda-notice-success').first().innerText()).toContain(m('recruitment.draft.saved'));
    await checkA11y(page, 'draft form');
    await both(page, 'draft');
    await page.context().close();
  });

  it('gets the code through the outbox and resumes the draft elsewhere', async () => {
    await operator.goto(e2e.url('/admin/notifications'));
    const outbox = (await operator.locator('main').textContent()) ?? '';
    const found = /코드: ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(outbox);
    expect(found, `the code message is in the outbox: ${operator.url()} ${outbox.slice(0, 3000)}`).not.toBeNull();
    code = found![1]!;

    const page = await e2e.newPage({ viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true });
    await page.goto(e2e.url('/recruit/resume'));
    await checkA11y(page, 'resume');
    await both(page, 'resume');
    await page.locator('#f-contact').fill(APPLICANT.email);
    await page.locator('#f-code').fill('ZZZZ-ZZZZ');
    await navigate(page, page.locator('form[action="/recruit/resume"] button[type="submit"]'));
    expect(await page.locator('#error-summary').innerText()).toContain(m('recruitment.codeWrong'));
    await page.locator('#f-code').fill(code.toLowerCase());
    await navigate(page, page.locator('form[action="/recruit/resume"] button[type="submit"]'));
    expect(new URL(page.url()).pathname).toBe('/recruit/application');
    expect(await page.locator('#f-careerSummary').inputValue()).toContain('경리 업무 6년');

    // The certificate, then the rest, then submit.
    await page.locator('#f-file').setInputFiles({ name: '경력증명서.pdf', mimeType: 'application/pdf', buffer: PDF });
    await navigate(page, page.getByRole('button', { name: m('recruitment.draft.upload'), exact: true }));
    expect(await page.locator('.itda-notice-success').first().innerText()).toContain(m('recruitment.draft.uploaded'));
    expect(await page.locator('.itda-file-list').innerText()).toContain('경력증명서.pdf');
    await page.locator('#f-a_career').fill('6');
    await page.locator('label[for="f-a_careerBreak-yes"]').click();
    await page.locator('#f-motivation').fill('동네 가게 사장님들이 지원사업을 놓치지 않도록 돕고 싶습니다.');
    await navigate(page, page.getByRole('button', { name: m('recruitment.draft.submit'), exact: true }));
    const receipt = (await page.locator('#receipt-no').innerText()).trim();
    expect(receipt).toMatch(new RegExp(`^R${roundId}-\\d{4}$`));
    expect(await page.locator('.itda-status-title').innerText()).toBe(m('recruitment.status.reviewing'));
    await checkA11y(page, 'status (submitted)');
    await both(page, 'submitted');
    await page.context().close();
  });
});

describe('reviewers score, the operator selects and hires', () => {
  it('assigns two reviewers per stage; each scores their own assignments', async () => {
    await operator.goto(e2e.url(`/admin/recruitment/rounds/${roundId}`));
    for (const stage of ['document', 'interview']) {
      await operator.locator(`label[for="f-stage-${stage}"]`).click();
      for (const who of [accounts.operator.login, accounts.admin.login]) {
        const id = await operator.locator('label', { hasText: `(${who})` }).getAttribute('for');
        await setCheckbox(operator, id!, true);
      }
      await navigate(operator, operator.locator(`form[action="/admin/recruitment/rounds/${roundId}/assign"] button[type="submit"]`));
      expect(await operator.locator('.itda-notice-success').innerText()).toContain(m('recruitment.admin.assigned', { n: 2 }));
    }
    const adminPage = await signedIn(accounts.admin);
    for (const [page, score] of [
      [operator, '8'],
      [adminPage, '9'],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        await page.goto(e2e.url('/review'));
        const open = page
          .locator('table tbody tr', { hasText: m('recruitment.reviewStatus.assigned') })
          .first()
          .locator('a');
        await navigate(page, open);
        const inputs = page.locator('input[name^="s_"]');
        for (let k = 0; k < (await inputs.count()); k++) await inputs.nth(k).fill(score);
        await navigate(page, page.getByRole('button', { name: m('recruitment.review.save'), exact: true }));
        expect(await page.locator('.itda-notice-success').innerText()).toContain(m('recruitment.review.scoredNotice'));
      }
    }
    await screenshot(adminPage, `${kind}-recruit-review-list-1280`);
    await adminPage.context().close();
  });

  it('closes the period, ranks, selects within the quota and creates the clerk account in one action', async () => {
    await operator.goto(e2e.url(`/admin/recruitment/rounds/${roundId}/edit`));
    await operator.locator('#f-closesAt').fill(kst(Date.now() - 60_000));
    await navigate(operator, operator.locator(`form[action="/admin/recruitment/rounds/${roundId}/edit"] button[type="submit"]`));
    expect(await operator.locator('.itda-notice-success').innerText()).toContain(m('recruitment.admin.saved'));
    await operator.goto(e2e.url(`/admin/recruitment/rounds/${roundId}/ranking`));
    expect(await operator.locator('main').innerText()).toContain(m('recruitment.tie.interview'));
    await checkA11y(operator, 'ranking');
    await screenshot(operator, `${kind}-recruit-ranking-1280`);
    await navigate(operator, operator.getByRole('button', { name: m('recruitment.admin.select'), exact: true }));
    expect(await operator.locator('.itda-notice-success').innerText()).toContain(m('recruitment.admin.selectedDone'));
    await navigate(operator, operator.locator('table tbody tr', { hasText: APPLICANT.name }).first().locator('a'));
    expect(await operator.locator('main').innerText()).toContain(m('recruitment.decision.selected'));
    await navigate(operator, operator.getByRole('button', { name: m('recruitment.admin.hire'), exact: true }));
    clerkLogin = (await operator.locator('#login').innerText()).trim();
    clerkOtp = (await operator.locator('#secret').innerText()).trim();
    expect(clerkLogin).toMatch(/^clerk-r\d+-\d{4}$/);
    await screenshot(operator, `${kind}-recruit-hired-1280`);
  });

  it('the selected applicant sees the result, and signs in as a clerk in her office', async () => {
    const page = await e2e.newPage();
    await page.goto(e2e.url('/recruit/resume'));
    await page.locator('#f-contact').fill(APPLICANT.phone);
    await page.locator('#f-code').fill(code);
    await navigate(page, page.locator('form[action="/recruit/resume"] button[type="submit"]'));
    expect(await page.locator('.itda-status-title').innerText()).toBe(m('recruitment.status.selected'));
    await checkA11y(page, 'status (selected)');
    await both(page, 'selected');
    await page.context().close();

    const clerk = await firstSignIn(e2e, clerkLogin, clerkOtp, CLERK_PASSWORD);
    expect(await clerk.locator('.itda-user-name').innerText()).toContain(APPLICANT.name);
    await clerk.goto(e2e.url('/my/employment'));
    await setCheckbox(clerk, 'f-agree', true);
    await navigate(clerk, clerk.locator('form[action="/my/employment/consent"] button[type="submit"]'));
    expect(await clerk.locator('.itda-notice-success').innerText()).toContain(m('employment.mine.done.consented'));
    await checkA11y(clerk, 'my employment');
    await clerk.context().close();
  });
});

describe('training and the end of the activity period', () => {
  it('trains the new clerk to completion, with a certificate, then ends her contract', async () => {
    await operator.goto(e2e.url('/admin/training'));
    await operator.locator('#f-title').fill('공공사무원 직무 기본교육 (시험)');
    await operator.locator('#f-requiredHours').fill('3');
    await navigate(operator, operator.locator('form[action="/admin/training/courses"] button[type="submit"]'));
    const courseUrl = new URL(operator.url()).pathname;
    await operator.locator('#f-startsAt').fill(kst(Date.now() - 3 * 86_400_000));
    await operator.locator('#f-hours').fill('3');
    await operator.locator('#f-place').fill('수원 교육장');
    await navigate(operator, operator.locator(`form[action="${courseUrl}/sessions"] button[type="submit"]`));
    const clerkBox = await operator.locator('label', { hasText: APPLICANT.name }).first().getAttribute('for');
    await setCheckbox(operator, clerkBox!, true);
    await navigate(operator, operator.locator(`form[action="${courseUrl}/enrol"] button[type="submit"]`));
    const present = await operator.locator('form[action$="/attendance"] label', { hasText: APPLICANT.name }).getAttribute('for');
    await setCheckbox(operator, present!, true);
    await navigate(operator, operator.locator('form[action$="/attendance"] button[type="submit"]'));
    expect(await operator.locator('main').innerText()).toContain(m('training.certificatePdf'));
    await checkA11y(operator, 'training course');
    await screenshot(operator, `${kind}-recruit-training-course-1280`);

    const clerk = await signedIn({ login: clerkLogin, password: CLERK_PASSWORD });
    await clerk.goto(e2e.url('/my/training'));
    expect(await clerk.locator('main').innerText()).toContain(m('training.gateOk'));
    await checkA11y(clerk, 'my training'); // before the click: KRDS's hovered secondary button is 4.26:1
    await screenshot(clerk, `${kind}-recruit-my-training-1280`);
    const download = clerk.waitForEvent('download');
    await clerk.getByRole('link', { name: m('training.downloadCertificate') }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^수료증-.*\.pdf$/);
    await file.saveAs(`${SCREENSHOT_DIR}/${kind}-certificate.pdf`);
    await clerk.context().close();

    await operator.goto(e2e.url('/admin/contracts'));
    await navigate(operator, operator.locator('table tbody tr', { hasText: APPLICANT.name }).first().locator('a'));
    await checkA11y(operator, 'hand-over');
    await screenshot(operator, `${kind}-recruit-handover-1280`);
    await operator.locator('#f-note').fill('계약 종료 (시험)');
    await navigate(operator, operator.getByRole('button', { name: m('contracts.endButton'), exact: true }));
    expect(await operator.locator('.itda-notice-success').innerText()).toContain(m('contracts.done.ended'));
  });
});

describe('employment linkage', () => {
  it('the operator refers the clerk; the counsellor records the outcome; the clerk sees it; the province sees aggregates', async () => {
    await operator.goto(e2e.url('/admin/employment'));
    await operator.locator('#f-clerkId').selectOption({ label: `${APPLICANT.name} (${officeName(e2e)})` });
    const counsellorOption = operator.locator('#f-counsellorId option', { hasText: `(${accounts.saeil_counsellor.login})` });
    await operator.locator('#f-counsellorId').selectOption(await counsellorOption.getAttribute('value'));
    await navigate(operator, operator.locator('form[action="/admin/employment/referrals"] button[type="submit"]'));
    expect(await operator.locator('.itda-notice-success').innerText()).toContain(m('employment.admin.referred'));

    const saeil = await signedIn(accounts.saeil_counsellor);
    await saeil.goto(e2e.url('/saeil'));
    await navigate(saeil, saeil.getByRole('link', { name: APPLICANT.name }));
    await saeil.locator('label[for="f-outcome-employed"]').click();
    await saeil.locator('#f-employerType').selectOption('private');
    await saeil.locator('#f-employedOn').fill(new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10));
    await navigate(saeil, saeil.getByRole('button', { name: m('employment.saeil.saveOutcome'), exact: true }));
    expect(await saeil.locator('.itda-notice-success').innerText()).toContain(m('employment.saeil.done.outcome'));
    await checkA11y(saeil, 'counsellor referral');
    await screenshot(saeil, `${kind}-recruit-counsellor-1280`);
    await saeil.context().close();

    const clerk = await signedIn({ login: clerkLogin, password: CLERK_PASSWORD });
    await clerk.goto(e2e.url('/my/employment'));
    expect(await clerk.locator('#outcome').innerText()).toContain(m('employment.outcome.employed'));
    await clerk.context().close();

    const province = await signedIn(accounts.province);
    await province.goto(e2e.url('/reemployment'));
    const report = await province.locator('main').innerText();
    expect(report).toContain(m('employment.lessThan5'));
    expect(report).not.toContain(APPLICANT.name);
    await checkA11y(province, 'province report');
    await screenshot(province, `${kind}-recruit-province-1280`);
    await province.context().close();
  });
});
