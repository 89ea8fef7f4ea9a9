import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipationStatus } from '../src/domain/participation-workflow.ts';
import { startServer, type RunningServer } from './server.ts';
import {
  checkA11y,
  E2E,
  errorSummary,
  h1,
  horizontalOverflow,
  importCatalogue,
  publishAsReviewed,
  koreanDate,
  msg,
  navigate,
  printMinorA11yFindings,
  screenshot,
  setCheckbox,
  signIn,
  staffAccounts,
  type Credentials,
} from './support.ts';

/**
 * A clerk's casework in a real browser (issue 4), once at desktop and once at phone width, each
 * with its own business: intake (a 주민등록번호 in the 대표자 field refused, the typed values kept)
 * → the business page with explained verdicts → 새 참여 → 구비서류 upload (a real PDF) → 안내 →
 * 서류준비 → 신청완료 → 선정 → 수혜, every step in the history; a stale second tab gets the 409
 * page (participation and business); then the owner's one-time link, read from the outbox as the
 * administrator and opened without signing in. axe on every page at the journey's width.
 *
 * On PGlite the clerk is demo-clerk (수원 사무소 (예시)) and the demo catalogue is there; on
 * PostgreSQL the administrator makes a clerk in the E2E office (수원시) and imports the 기업마당
 * sample file first.
 */
let server: RunningServer;
let e2e: E2E;
let kind: string;
let clerkCreds: Credentials;
let admin: Page;
let programmeTitle: string;

interface Journey {
  label: string;
  width: number;
  height: number;
  brn: string;
  name: string;
  owner: string;
  phone: string;
  /** How the participation is started: the form on the business page, or its own page. */
  via: 'business-page' | 'new-page';
}

const RUN = Date.now().toString(36);
const JOURNEYS: Journey[] = [
  {
    label: 'desktop',
    width: 1280,
    height: 900,
    brn: '220-81-62517',
    name: `잇다 국밥 (시험 ${RUN})`,
    owner: '김잇다',
    phone: '010-2345-6789',
    via: 'business-page',
  },
  {
    label: 'phone',
    width: 375,
    height: 800,
    brn: '124-81-00998',
    name: `잇다 꽃집 (시험 ${RUN})`,
    owner: '박잇다',
    phone: '010-3456-7801',
    via: 'new-page',
  },
];

/** A small, well-formed one-page PDF (header, three objects, xref table, trailer). */
function tinyPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * Pages known to scroll sideways on a phone (reported, not fixed here): `.itda-checklist` is a
 * grid with an implicit `auto` column, so an open upload form (native date and file inputs) makes
 * its item wider than the screen. Closed, the checklist fits.
 */
const KNOWN_OVERFLOW = new Set(['upload-error']);

/** The innermost elements that stick out to the right of the viewport (for overflow reports). */
function widest(page: Page): Promise<string> {
  return page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const sticksOut = (el: Element) => el.getBoundingClientRect().right > w + 0.5;
    // Content of a scroll box that itself fits (e.g. the menu bar) does not widen the page.
    const clipped = (el: Element) => {
      for (let a = el.parentElement; a; a = a.parentElement) {
        if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX) && !sticksOut(a)) return true;
      }
      return false;
    };
    const out = [...document.querySelectorAll('body *')].filter((el) => sticksOut(el) && ![...el.children].some(sticksOut) && !clipped(el));
    return out
      .slice(0, 5)
      .map(
        (el) =>
          `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}> right=${Math.round(el.getBoundingClientRect().right)}`,
      )
      .join(', ');
  });
}

beforeAll(async () => {
  server = await startServer();
  e2e = await E2E.start(server);
  kind = server.store.kind;
  const accounts = await staffAccounts(e2e, ['clerk', 'admin']);
  clerkCreds = accounts.clerk;
  admin = await e2e.newPage();
  await signIn(admin, e2e.origin, accounts.admin);
  expect(new URL(admin.url()).pathname).toBe('/home');
  if (kind === 'pglite') {
    programmeTitle = '스마트상점 기술보급';
  } else {
    // No catalogue without the demo: the administrator imports the sample notices.
    expect(await importCatalogue(admin, e2e.origin)).toContain('전체 11건');
    programmeTitle = '2026년 스마트상점 기술보급사업 참여 소상공인 모집';
    // Imported notices arrive drafted and judge no one until an editor reviews them (issue 11 §2).
    await publishAsReviewed(admin, e2e.origin, programmeTitle);
  }
});

afterAll(async () => {
  printMinorA11yFindings(import.meta.url);
  await e2e?.close();
  await server?.stop();
  await server?.store.dispose();
});

function notice(page: Page): Promise<string> {
  return page.locator('.itda-notice-success').first().innerText();
}

async function isOpen(details: Locator): Promise<boolean> {
  return details.evaluate((d) => (d as HTMLDetailsElement).open);
}

async function openDetails(details: Locator): Promise<void> {
  if (!(await isOpen(details))) await details.locator(':scope > summary').click();
  expect(await isOpen(details)).toBe(true);
}

for (const j of JOURNEYS) {
  describe(`a clerk's casework at ${j.width} px (${j.label})`, () => {
    let clerk: Page;
    let other: Page; // the same clerk in a second window, to go stale
    let businessPath = '';
    let participationPath = '';
    const today = koreanDate();
    const shot = (page: Page, name: string) => screenshot(page, `${kind}-casework-${j.label}-${name}-${j.width}`);

    /** axe at this journey's width, no sideways scrolling on the phone, and a screenshot. */
    async function look(page: Page, name: string) {
      await checkA11y(page, `${name} at ${j.width} px`);
      if (j.width < 768) {
        const overflow = await horizontalOverflow(page);
        if (!KNOWN_OVERFLOW.has(name)) {
          expect
            .soft(overflow, `${name} scrolls sideways at ${j.width} px: ${overflow > 0 ? await widest(page) : ''}`)
            .toBeLessThanOrEqual(0);
        } else if (overflow > 0)
          console.warn(`known layout bug: ${name} scrolls sideways by ${overflow} px at ${j.width} px: ${await widest(page)}`);
        else console.warn(`${name} no longer scrolls sideways at ${j.width} px: take it out of KNOWN_OVERFLOW`);
      }
      await shot(page, name);
    }

    /** One workflow step with its form on the participation page. */
    async function move(to: ParticipationStatus, fill?: (prefix: string) => Promise<void>) {
      const action = clerk.locator(`#action-${to}`);
      await openDetails(action);
      if (fill) await fill(`t-${to}`);
      await navigate(clerk, action.getByRole('button', { name: msg(`participations.action.${to}`), exact: true }));
      expect(new URL(clerk.url()).pathname).toBe(participationPath);
      expect(await notice(clerk)).toContain(msg('participations.notice.moved', { status: msg(`participations.status.${to}`) }));
      expect(await clerk.locator('.itda-pipeline li[aria-current="step"] .step-tit').innerText()).toBe(msg(`participations.status.${to}`));
    }

    beforeAll(async () => {
      const viewport = { width: j.width, height: j.height };
      clerk = await e2e.newPage({ viewport });
      await signIn(clerk, e2e.origin, clerkCreds);
      expect(new URL(clerk.url()).pathname).toBe('/home');
      other = await e2e.newPage({ viewport });
      await signIn(other, e2e.origin, clerkCreds);
    });

    afterAll(async () => {
      await clerk?.context().close();
      await other?.context().close();
    });

    it('registers the business: a 주민등록번호 is refused in Korean, the typed values are kept', async () => {
      await clerk.goto(e2e.url('/businesses/new'));
      expect(await h1(clerk)).toBe(msg('businesses.new'));
      await look(clerk, 'intake');

      await clerk.locator('#f-brn').fill(j.brn);
      await clerk.locator('#f-name').fill(j.name);
      await clerk.locator('#f-municipalityCode').selectOption({ label: '수원시' });
      await clerk.locator('#f-openedOn').fill('2021-03-02');
      await clerk.locator('#f-operatingStatus').selectOption('active');
      await clerk.locator('#f-ksicCode').fill('56111');
      await clerk.locator('#f-annualRevenue').fill('180,000,000');
      await clerk.locator('#f-workers').fill('2');
      await clerk.locator('#f-premises').selectOption('leased');
      await clerk.locator('#f-ownerName').fill(`${j.owner} 800101-1234567`);
      await clerk.locator('#f-phone').fill(j.phone);
      await clerk.locator('#f-preferredChannel').selectOption('sms');
      await clerk.locator('#f-nationalTaxArrears').selectOption('no');
      await clerk.locator('#f-localTaxArrears').selectOption('no');
      await clerk.locator('#f-consentCollection').selectOption({ label: msg('businesses.consentMethod.written') });
      await clerk.locator('#f-consentThirdParty').selectOption({ label: msg('businesses.consentMethod.written') });
      const submit = clerk.locator('form[action="/businesses/new"] button[type="submit"]');
      const [refused] = await Promise.all([
        clerk.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/businesses/new')),
        navigate(clerk, submit),
      ]);
      expect(refused.status()).toBe(400);
      expect(await errorSummary(clerk)).toBe(msg('validation.summary'));
      expect(await clerk.locator('#error-summary li').allInnerTexts()).toEqual([msg('validation.rrnRefused')]);
      expect(await clerk.locator('#error-summary a').getAttribute('href')).toBe('#f-ownerName');
      // Everything typed is still there; nothing was saved.
      expect(await clerk.locator('#f-brn').inputValue()).toBe(j.brn);
      expect(await clerk.locator('#f-name').inputValue()).toBe(j.name);
      expect(await clerk.locator('#f-municipalityCode').inputValue()).toBe('41110');
      expect(await clerk.locator('#f-annualRevenue').inputValue()).toBe('180,000,000');
      expect(await clerk.locator('#f-phone').inputValue()).toBe(j.phone);
      expect(await clerk.locator('#f-preferredChannel').inputValue()).toBe('sms');
      expect(await clerk.locator('#f-consentCollection').inputValue()).toBe('written');
      expect(await clerk.locator('#f-ownerName').getAttribute('aria-invalid')).toBe('true');
      await look(clerk, 'intake-rrn-refused');

      await clerk.locator('#f-ownerName').fill(j.owner);
      await navigate(clerk, submit);
      businessPath = new URL(clerk.url()).pathname;
      expect(businessPath, await clerk.locator('main').innerText()).toMatch(/^\/businesses\/[0-9a-f-]{36}$/);
      expect(await notice(clerk)).toBe(msg('businesses.notice.created'));
      expect(await h1(clerk)).toBe(j.name);
      expect(await clerk.locator('.itda-meta .itda-tag').first().innerText()).toBe(j.brn);
    });

    it('the business page explains its verdicts, requirement by requirement', async () => {
      const elig = clerk.locator('section[aria-labelledby="elig"]');
      const heading = await elig.locator('h2').innerText();
      const m = /^받을 수 있는 지원사업: 신청 가능 (\d+), 확인 필요 (\d+)$/.exec(heading);
      expect(m, heading).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThan(0);
      const card = elig.locator('li.itda-verdict-eligible').first();
      await look(clerk, 'business');
      // The explanation is evaluated when opened (issue 12 §4): a link to its own page, no script needed.
      const title = await card.locator('h3').innerText();
      await navigate(clerk, card.locator('a.itda-why'));
      expect(new URL(clerk.url()).pathname).toMatch(/^\/businesses\/[0-9a-f-]{36}\/programmes\/\d+\/explanation$/);
      expect(await h1(clerk)).toBe(title);
      const crits = await clerk.locator('.itda-explanation li.itda-crit').allInnerTexts();
      expect(crits.length).toBeGreaterThan(0);
      for (const c of crits) expect(c).toMatch(/^충족 \S.* — \S/);
      await look(clerk, 'business-explanation');
      await clerk.goto(e2e.url(businessPath));
    });

    it('starts a participation (새 참여 만들기)', async () => {
      const section = clerk.locator('section.itda-participations');
      expect(await section.locator('h2').innerText()).toBe(msg('participations.sectionTitle', { n: 0 }));
      expect(await section.locator('h3').innerText()).toBe(msg('participations.new'));
      let form: Locator;
      let select: Locator;
      if (j.via === 'business-page') {
        form = section.locator('form');
        select = form.locator('#np-programmeId');
      } else {
        await clerk.goto(e2e.url(`${businessPath}/participations/new`));
        expect(await h1(clerk)).toBe(msg('participations.new'));
        await look(clerk, 'participation-new');
        form = clerk.locator(`form[action="${businessPath}/participations/new"]`);
        select = form.locator('#f-programmeId');
        await form.locator('#f-reason').fill('대표자와 상담 중 스마트오더 도입 희망');
      }
      const value = await select
        .locator('option')
        .evaluateAll(
          (options, title) =>
            (options as HTMLOptionElement[]).find((o) => (o.textContent ?? '').startsWith(`${title} `) || o.textContent === title)?.value,
          programmeTitle,
        );
      expect(value, `no option for ${programmeTitle}`).toBeTruthy();
      await select.selectOption(value!);
      await navigate(clerk, form.getByRole('button', { name: msg('participations.create'), exact: true }));
      participationPath = new URL(clerk.url()).pathname;
      expect(participationPath, await clerk.locator('main').innerText()).toMatch(/^\/participations\/[0-9a-f-]{36}$/);
      expect(await notice(clerk)).toBe(msg('participations.notice.created', { status: msg('participations.status.identified') }));
      expect(await h1(clerk)).toBe(programmeTitle);
      expect(await clerk.locator('.itda-pipeline li[aria-current="step"] .step-tit').innerText()).toBe(
        msg('participations.status.identified'),
      );
      expect(await clerk.locator('.itda-meta .itda-tag').innerText()).toMatch(/^공고 v\d+ 기준$/);
      await look(clerk, 'participation');
    });

    it('uploads a 구비서류 PDF to the checklist (the 주민등록번호 confirmation is required)', async () => {
      const checklist = clerk.locator('section[aria-labelledby="checklist-title"]');
      expect(await checklist.locator('h2').innerText()).toBe(msg('documents.checklistTitle'));
      if (kind !== 'pglite') {
        // Imported notices name their documents in words only (programme_version.document_names);
        // nothing maps them to document types, so there is no checklist to upload to (see report).
        expect(await checklist.innerText()).toContain(msg('documents.noneRequired'));
        console.warn('PostgreSQL: imported programmes have no 구비서류 checklist; the upload step is not reachable');
        return;
      }
      const summaryBefore = await checklist.locator('p.itda-result-count').innerText();
      const item = checklist.locator('#doc-small_business_cert');
      expect(await item.locator('.itda-status-badge').innerText()).toBe(msg('documents.status.missing'));
      const pdf = { name: '소상공인확인서.pdf', mimeType: 'application/pdf', buffer: tinyPdf() };

      // Without the confirmation: refused in Korean, the form stays open with the date kept.
      await openDetails(item.locator('details.itda-upload'));
      await item.locator('#u-small_business_cert-issuedOn').fill(koreanDate(-10));
      await item.locator('#u-small_business_cert-file').setInputFiles(pdf);
      await navigate(clerk, item.getByRole('button', { name: new RegExp(`^${msg('documents.uploadButton')}`) }));
      expect(await clerk.locator('#error-summary li').allInnerTexts()).toEqual([msg('documents.rrnConfirm')]);
      const again = clerk.locator('#doc-small_business_cert');
      expect(await isOpen(again.locator('details.itda-upload'))).toBe(true);
      expect(await again.locator('#f-issuedOn').inputValue()).toBe(koreanDate(-10));
      await look(clerk, 'upload-error');

      await again.locator('#f-file').setInputFiles(pdf);
      await setCheckbox(clerk, 'f-rrnMasked', true);
      await navigate(clerk, again.getByRole('button', { name: new RegExp(`^${msg('documents.uploadButton')}`) }));
      expect(new URL(clerk.url()).pathname).toBe(participationPath);
      expect(await notice(clerk)).toBe(msg('participations.notice.uploaded'));
      const done = clerk.locator('#doc-small_business_cert');
      expect(await done.locator('.itda-status-badge').innerText()).toBe(msg('documents.status.valid'));
      expect(await done.locator('.itda-checklist-validity').innerText()).toContain(msg('documents.issuedOn', { date: koreanDate(-10) }));
      expect(await done.locator('.itda-file-list a').innerText()).toBe('소상공인확인서.pdf');
      expect(await clerk.locator('section[aria-labelledby="checklist-title"] p.itda-result-count').innerText()).not.toBe(summaryBefore);
    });

    it('moves 발굴 → 안내; a second window with the old page gets the 409 page', async () => {
      await other.goto(e2e.url(participationPath)); // opened before the change: version 1
      await move('informed');
      const stale = other.locator('#action-informed');
      await openDetails(stale);
      const [res] = await Promise.all([
        other.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === participationPath),
        navigate(other, stale.getByRole('button', { name: msg('participations.action.informed'), exact: true })),
      ]);
      expect(res.status()).toBe(409);
      expect(await h1(other)).toBe(msg('error.409.title'));
      expect(await other.locator('.itda-lead').innerText()).toBe(msg('participations.conflict'));
      await look(other, 'participation-409');
      await navigate(other, other.getByRole('link', { name: msg('error.409.reload'), exact: true }));
      expect(new URL(other.url()).pathname).toBe(participationPath);
      expect(await other.locator('.itda-pipeline li[aria-current="step"] .step-tit').innerText()).toBe(
        msg('participations.status.informed'),
      );
    });

    it('moves 안내 → 서류준비 → 신청완료 → 선정 → 수혜, and the history lists every step', async () => {
      await move('preparing');
      await move('submitted', async (p) => {
        expect(await clerk.locator(`#${p}-submittedOn`).inputValue()).toBe(today);
        await setCheckbox(clerk, `${p}-channel-online`, true);
      });
      expect(await clerk.locator('dl.itda-participation-facts').innerText()).toContain(
        `${today} (${msg('participations.channel.online')})`,
      );
      await move('selected', async (p) => {
        await clerk.locator(`#${p}-decidedOn`).fill(today);
      });
      await look(clerk, 'participation-selected');
      await move('benefited', async (p) => {
        await clerk.locator(`#${p}-amount`).fill('1,500,000');
        await clerk.locator(`#${p}-benefitedOn`).fill(today);
      });
      expect(await clerk.locator('#next-title').count()).toBe(0); // 수혜 is final
      expect(await clerk.locator('dl.itda-participation-facts').innerText()).toContain('1,500,000원');

      const history = clerk.locator('section[aria-labelledby="history-title"] ol.itda-timeline > li');
      const what = (await history.locator('.itda-timeline-what').allInnerTexts()).map((s) => s.trim());
      const s = (x: ParticipationStatus) => msg(`participations.status.${x}`);
      expect([...what].sort()).toEqual(
        [
          msg('participations.createdAs', { status: s('identified') }),
          `${s('identified')} → ${s('informed')}`,
          `${s('informed')} → ${s('preparing')}`,
          `${s('preparing')} → ${s('submitted')}`,
          `${s('submitted')} → ${s('selected')}`,
          `${s('selected')} → ${s('benefited')}`,
        ].sort(),
      );
      const details = (await history.locator('.itda-timeline-detail').allInnerTexts()).join('\n');
      expect(details).toContain(
        msg('participations.history.submitted', { date: today, channel: msg('participations.channel.online') }).trim(),
      );
      expect(details).toContain(msg('participations.history.decided', { date: today }).trim());
      expect(details).toContain(msg('participations.history.benefited', { amount: '1,500,000원', date: today }).trim());
      for (const when of await history.locator('.itda-timeline-when').allInnerTexts()) expect(when).toContain(`(${msg('role.clerk')})`);
      if (j.via === 'new-page')
        expect((await history.locator('.itda-timeline-reason').allInnerTexts()).join('\n')).toContain('스마트오더 도입 희망');
      await look(clerk, 'participation-benefited');

      // Back on the business page the participation is listed with its benefit.
      await navigate(clerk, clerk.locator('.itda-backlink a'));
      expect(new URL(clerk.url()).pathname).toBe(businessPath);
      const row = clerk.locator('section.itda-participations li.itda-participation-row');
      expect(await row.count()).toBe(1);
      expect(await row.innerText()).toContain(s('benefited'));
      expect(await row.innerText()).toContain(msg('participations.list.benefit', { amount: '1,500,000원', date: today }));
    });

    it('a stale edit of the business gets the 409 page', async () => {
      await clerk.goto(e2e.url(`${businessPath}/edit`));
      expect(await h1(clerk)).toBe(msg('businesses.edit'));
      await look(clerk, 'business-edit');
      await other.goto(e2e.url(`${businessPath}/edit`));
      await other.locator('#f-eupMyeonDong').fill('매탄동');
      await navigate(other, other.locator(`form[action="${businessPath}/edit"] button[type="submit"]`));
      expect(await notice(other)).toBe(msg('businesses.notice.saved'));

      await clerk.locator('#f-workers').fill('3');
      const [res] = await Promise.all([
        clerk.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `${businessPath}/edit`),
        navigate(clerk, clerk.locator(`form[action="${businessPath}/edit"] button[type="submit"]`)),
      ]);
      expect(res.status()).toBe(409);
      expect(await h1(clerk)).toBe(msg('error.409.title'));
      expect(await clerk.locator('.itda-lead').innerText()).toBe(msg('error.conflictReload'));
      await look(clerk, 'business-409');
      await navigate(clerk, clerk.getByRole('link', { name: msg('error.409.reload'), exact: true }));
      expect(new URL(clerk.url()).pathname).toBe(`${businessPath}/edit`);
      expect(await clerk.locator('#f-eupMyeonDong').inputValue()).toBe('매탄동');
      expect(await clerk.locator('#f-workers').inputValue()).toBe('2');
    });

    it('sends the owner link; the owner opens it without signing in and reads the outcome in plain Korean', async () => {
      await clerk.goto(e2e.url(businessPath));
      await navigate(clerk, clerk.getByRole('button', { name: msg('owner.sendLink'), exact: true }));
      expect(new URL(clerk.url()).pathname).toBe(businessPath);
      expect(await notice(clerk)).toBe(msg('businesses.notice.ownerLink'));

      // The SMS is in the outbox; the administrator reads it there (recipient masked).
      await admin.setViewportSize({ width: j.width, height: j.height });
      await admin.goto(e2e.url('/admin/notifications?channel=sms'));
      const masked = `010-****-${j.phone.slice(-4)}`;
      const row = admin
        .locator('table tbody tr')
        .filter({ has: admin.locator('td', { hasText: masked }) })
        .first();
      const body = (await row.locator('.itda-detail').textContent()) ?? '';
      const token = /\/o\/([A-Za-z0-9_-]{20,64})/.exec(body)?.[1];
      expect(token, body).toBeTruthy();
      expect(await admin.locator('main').innerText()).not.toContain(j.phone);
      await look(admin, 'outbox');

      const owner = await e2e.newPage({ viewport: { width: j.width, height: j.height } });
      const res = await owner.goto(e2e.url(`/o/${token}`));
      expect(res?.status()).toBe(200);
      expect(res?.headers()['cache-control']).toBe('no-store');
      expect(await h1(owner)).toBe(msg('owner.title'));
      expect(await owner.locator('nav.itda-nav').count()).toBe(0); // not signed in
      const card = owner.locator('.itda-owner li.itda-card');
      expect(await card.count()).toBe(1);
      expect(await card.locator('h3').innerText()).toBe(programmeTitle);
      const status = card.locator('.itda-owner-status');
      expect(await status.innerText()).toBe(msg('owner.status.benefited'));
      expect(await card.innerText()).toContain(msg('owner.benefit', { amount: '150만 원', date: today }));
      const px = await status.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(px, 'the owner page uses large type').toBeGreaterThanOrEqual(20);
      expect(await owner.locator('.itda-owner h2').innerText()).toBe(j.name);
      await look(owner, 'owner-link');
      await owner.context().close();
    });
  });
}

describe('network', () => {
  it('every request of the run went to the app itself', () => {
    expect(e2e.foreignRequests()).toEqual([]);
  });
});
