import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentText, CONSENT_TEXT_VERSION, consentVersions } from '../../src/domain/consent-texts.ts';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

/**
 * Papers ready to sign (issue 13 §3): 위임장, 동의서, 신청 요약 and the owner's handout as A4 PDFs
 * with the Korean font, their text read back with pdftotext (poppler); each print leaves a 접속기록
 * `print`; a signed scan uploaded back is linked to its record.
 */
let h: Harness;
let clerk: TestClient;
let stranger: TestClient;
let businessId: string;
let participationId: string;
const dir = mkdtempSync(path.join(tmpdir(), 'itda-papers-'));
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function pdfText(bytes: ArrayBuffer, name: string): string {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, Buffer.from(bytes));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
const squash = (s: string) => s.replace(/\s+/g, '');

beforeAll(async () => {
  h = await createHarness();
  const officeId = await h.ensureOffice();
  await h.db.updateTable('office').set({ phone: '031-123-4567', address: '수원시 팔달구 효원로 1' }).where('id', '=', officeId).execute();
  const k = await h.createUser('clerk', { login: 'papers-clerk', officeId });
  await h.db.updateTable('appUser').set({ phone: '010-5555-6666' }).where('id', '=', k.id).execute();
  const region = await h.db.selectFrom('region').select('id').orderBy('id').executeTakeFirstOrThrow();
  const other = await h.db.insertInto('office').values({ name: '용인 사무소', regionId: region.id, address: null, phone: null }).returning('id').executeTakeFirstOrThrow();
  const s = await h.createUser('clerk', { login: 'papers-stranger', officeId: other.id });
  clerk = h.client();
  stranger = h.client();
  await clerk.login(k.login);
  await stranger.login(s.login);

  // The business through the intake form, with both consents (so they are recorded as the app records them).
  const res = await clerk.post('/businesses/new', {
    brn: '220-81-62517',
    name: '행복 치킨',
    ownerName: '응우옌 티 란',
    phone: '010-2345-6789',
    municipalityCode: '41110',
    ksicCode: '56193',
    operatingStatus: 'active',
    consentCollection: 'written',
    consentThirdParty: 'written',
  });
  expect(res.status).toBe(303);
  businessId = /\/businesses\/([0-9a-f-]{36})/.exec(res.headers.get('location')!)![1]!;
  await h.db.updateTable('business').set({ address: '수원시 팔달구 행궁로 12' }).where('id', '=', businessId).execute();

  const p = await h.db.insertInto('programme').values({ key: 'papers-p', source: 'manual', sourceId: 'papers-p' }).returning('id').executeTakeFirstOrThrow();
  const v = await h.db
    .insertInto('programmeVersion')
    .values({
      programmeId: p.id,
      version: 1,
      title: '소상공인 스마트상점 기술보급',
      changeReason: '시험',
      executingAgency: '소상공인시장진흥공단',
      periodEnd: '2026-12-31',
      requiredDocuments: ['national_tax_certificate', 'local_tax_certificate'],
      publishedAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await h.db.updateTable('programme').set({ currentVersionId: v.id }).where('id', '=', p.id).execute();
  // Two reviewed rules for the handout: one the shop meets (경기도), one that needs its 연매출.
  for (const [key, title, rule] of [
    ['papers-gg', '경기도 소상공인 경영환경 개선', { type: 'region', sido: ['41'] }],
    ['papers-rev', '매출 3억 이하 소상공인 디지털 전환', { type: 'revenue', max: 300_000_000 }],
    ['papers-closed', '지난봄 마감된 경기도 지원', { type: 'region', sido: ['41'] }],
  ] as const) {
    const q = await h.db.insertInto('programme').values({ key, source: 'manual', sourceId: key }).returning('id').executeTakeFirstOrThrow();
    const qv = await h.db
      .insertInto('programmeVersion')
      .values({
        programmeId: q.id,
        version: 1,
        title,
        changeReason: '시험',
        nationwide: true,
        rule: JSON.stringify(rule),
        periodKind: 'range',
        periodStart: key === 'papers-closed' ? '2026-03-01' : '2026-11-01',
        periodEnd: key === 'papers-closed' ? '2026-03-27' : '2026-12-20',
        publishedAt: new Date(),
        ruleReview: 'reviewed',
        ruleReviewedByName: '시험 검토자',
        ruleReviewedAt: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await h.db.updateTable('programme').set({ currentVersionId: qv.id }).where('id', '=', q.id).execute();
  }
  const made = await clerk.post(`/businesses/${businessId}/participations/new`, { programmeId: String(p.id) });
  expect(made.status).toBe(303);
  participationId = /\/participations\/([0-9a-f-]{36})/.exec(made.headers.get('location')!)![1]!;
});
afterAll(async () => {
  await h?.close();
});

async function print(url: string, name: string) {
  const res = await clerk.get(url);
  expect(res.status, url).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('content-disposition')).toMatch(/^inline; filename=/);
  const requestId = res.headers.get('x-request-id')!;
  const text = pdfText(await res.arrayBuffer(), name);
  const records = await h.db.selectFrom('accessRecord').select(['action', 'subjectId']).where('requestId', '=', requestId).execute();
  expect(records, `${url}: one print record of the business`).toEqual([{ action: 'print', subjectId: businessId }]);
  return text;
}

describe('papers ready to sign', () => {
  it('위임장: the owner, the clerk, the one programme and what is entrusted, with signature boxes', async () => {
    const text = await print(`/participations/${participationId}/papers/power-of-attorney`, 'poa');
    const flat = squash(text);
    for (const s of ['위임장', '응우옌티란', '행복치킨', '220-81-62517', '수원시팔달구행궁로12', '소상공인스마트상점기술보급', '소상공인시장진흥공단', '위임인', '수임인', '(서명또는인)', '010-5555-6666'])
      expect(flat, s).toContain(s);
    expect(flat).toMatch(/문서번호PA-\d{8}-[0-9a-f]{8}/);
  });

  it('동의서: exactly the wording of the recorded versions, and what was recorded', async () => {
    const text = squash(await print(`/businesses/${businessId}/papers/consent`, 'consent'));
    for (const kind of ['collection', 'third_party'] as const) {
      const t = consentText(kind, CONSENT_TEXT_VERSION[kind])!;
      expect(text).toContain(squash(t.title));
      for (const item of t.items) expect(text, `${kind} ${item.label}`).toContain(squash(item.text));
      expect(text).toContain(squash(t.refusal));
    }
    expect(text).toContain('서면동의(문구2026-1)');
  });

  it('신청 요약: programme, facts, the checklist with its state, contacts', async () => {
    const text = squash(await print(`/participations/${participationId}/papers/summary`, 'summary'));
    for (const s of ['지원사업신청요약', '소상공인스마트상점기술보급', '구비서류', '납세증명서', '없음', '준비필요', '010-5555-6666', '연락처']) expect(text, s).toContain(s);
  });

  it('안내문: the programmes she may apply for now, in large type, and whom to call', async () => {
    const text = squash(await print(`/businesses/${businessId}/papers/handout`, 'handout'));
    expect(text).toContain('받을수있는지원사업');
    expect(text).toContain('행복치킨사장님께');
    expect(text).toContain('031-123-4567');
    // What the business page judges is what the handout says (same engine): every eligible title is listed.
    const e = await h.services.eligibility.evaluateBusiness(businessId);
    const eligible = e.result.results.filter((r) => r.verdict === 'eligible' && r.title !== '지난봄 마감된 경기도 지원');
    expect(eligible.map((r) => r.title)).toEqual(['경기도 소상공인 경영환경 개선']);
    // A notice whose application period has ended is not handed out, whatever its verdict.
    expect(text).not.toContain('지난봄마감된경기도지원');
    expect(text).toContain('지금신청할수있어요(1개)');
    expect(text).toContain('경기도소상공인경영환경개선');
    expect(text).toContain('마감2026.12.20.');
    // The one that needs a fact says which, in plain words.
    expect(text).toContain('매출3억이하소상공인디지털전환(마감2026.12.20.)—알려주세요:연매출');
  });

  it("안내문 in the owner's language (issue 13 §4): Vietnamese and Simplified Chinese, programme names kept Korean", async () => {
    const viText = squash(await print(`/businesses/${businessId}/papers/handout?language=vi`, 'handout-vi'));
    for (const s of ['Cácchươngtrìnhhỗtrợbạncóthểnhận', 'Gửichủcửahàng행복치킨', 'Cóthểđăngkýngay(1)', '경기도소상공인경영환경개선', 'hạnchót20thg12,2026', 'Hãychobiết:doanhthunămchínhxác', 'sốđăngkýcưtrú(주민등록번호)'])
      expect(viText, s).toContain(s);
    expect(viText).not.toContain('지금신청할수있어요');
    const zhText = squash(await print(`/businesses/${businessId}/papers/handout?language=zh`, 'handout-zh'));
    for (const s of ['您可以申请的扶持项目', '致행복치킨老板', '现在就可以申请（1个）', '경기도소상공인경영환경개선', '请告诉我们：准确的年营业额', '居民登记号码(주민등록번호)'])
      expect(zhText, s).toContain(s);
    // The Chinese runs are set in the bundled Han font, embedded (pdffonts lists it).
    const fonts = execFileSync('pdffonts', [path.join(dir, 'handout-zh.pdf')], { encoding: 'utf8' });
    expect(fonts).toMatch(/DroidSansFallback/);
    expect(fonts).toMatch(/Pretendard/);
    // Korean stays the default (no owner language known for this business).
    expect(squash(await print(`/businesses/${businessId}/papers/handout`, 'handout-ko'))).toContain('지금신청할수있어요(1개)');
  });

  it('a clerk of another office gets no paper (403) and leaves no print record', async () => {
    for (const url of [`/participations/${participationId}/papers/power-of-attorney`, `/businesses/${businessId}/papers/consent`, `/businesses/${businessId}/papers/handout`]) {
      const res = await stranger.get(url);
      expect(res.status, url).toBe(403);
      expect(await h.db.selectFrom('accessRecord').select('id').where('requestId', '=', res.headers.get('x-request-id')!).execute()).toEqual([]);
    }
  });

  it('every consent version in force or recorded has its wording kept', async () => {
    const used = await h.db.selectFrom('consent').select(['kind', 'textVersion']).distinct().execute();
    for (const u of [...used, ...Object.entries(CONSENT_TEXT_VERSION).map(([kind, textVersion]) => ({ kind, textVersion }))])
      expect(consentText(u.kind as 'collection', u.textVersion), `${u.kind} ${u.textVersion}`).toBeDefined();
    // A version is written once: no kind has the same version twice.
    const keys = consentVersions().map((t) => `${t.kind}:${t.version}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

function upload(client: TestClient, fields: Record<string, string>, file?: { bytes: Uint8Array; name: string; type: string }) {
  const form = new FormData();
  form.set('_csrf', client.cookies.get('itda_csrf')!);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return client.request(`/businesses/${businessId}/papers/signed`, { method: 'POST', body: form });
}

describe('signed scans uploaded back', () => {
  it('links a signed 위임장 to its participation, records the change, and lists it on the participation page', async () => {
    const res = await upload(clerk, { kind: 'power_of_attorney', participationId, docNo: 'PA-20261127-abcdef12', rrnMasked: 'on' }, { bytes: PDF, name: '위임장 서명.pdf', type: 'application/pdf' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/participations/${participationId}?notice=signedUploaded#papers`);
    const row = await h.db.selectFrom('signedPaper').selectAll().where('participationId', '=', participationId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ businessId, kind: 'power_of_attorney', docNo: 'PA-20261127-abcdef12', consentId: null });
    const rec = await h.db.selectFrom('accessRecord').select(['action']).where('requestId', '=', res.headers.get('x-request-id')!).execute();
    expect(rec).toEqual([{ action: 'create' }]);
    const pageRes = await clerk.get(`/participations/${participationId}?notice=signedUploaded`);
    const page = await pageRes.text();
    expect(pageRes.status, page.slice(0, 2000)).toBe(200);
    expect(page).toContain('서명한 위임장을 올렸습니다.');
    expect(page).toContain('위임장 서명.pdf');
  });

  it('links a signed 동의서 to the consent in force', async () => {
    const res = await upload(clerk, { kind: 'consent', rrnMasked: 'on' }, { bytes: PDF, name: 'consent.pdf', type: 'application/pdf' });
    expect(res.status).toBe(303);
    const consent = await h.db.selectFrom('consent').select('id').where('businessId', '=', businessId).where('kind', '=', 'collection').executeTakeFirstOrThrow();
    const row = await h.db.selectFrom('signedPaper').selectAll().where('kind', '=', 'consent').executeTakeFirstOrThrow();
    expect(row.consentId).toBe(consent.id);
    expect(await (await clerk.get(`/businesses/${businessId}`)).text()).toContain('consent.pdf');
  });

  it('refuses what is not a PDF/JPG/PNG and a bad document number, all at once, in Korean, keeping the input', async () => {
    const before = await h.db.selectFrom('signedPaper').select('id').execute();
    const res = await upload(clerk, { kind: 'power_of_attorney', participationId, docNo: 'PA-1', rrnMasked: '' }, { bytes: new TextEncoder().encode('hello'), name: 'a.pdf', type: 'application/pdf' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('문서번호는 인쇄된 그대로 적어 주세요');
    expect(html).toContain('주민등록번호를 가렸는지');
    expect(html).toContain('보안상 파일은 다시 골라야 합니다');
    expect(html).toContain('value="PA-1"');
    expect(await h.db.selectFrom('signedPaper').select('id').execute()).toHaveLength(before.length);
  });

  it('a clerk of another office cannot upload to the business', async () => {
    if (!stranger.cookies.has('itda_csrf')) await stranger.get('/login');
    const res = await upload(stranger, { kind: 'consent', rrnMasked: 'on' }, { bytes: PDF, name: 'x.pdf', type: 'application/pdf' });
    expect(res.status).toBe(403);
  });
});
