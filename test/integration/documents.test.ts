import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

/**
 * 구비서류 checklist, uploads and downloads through the pages: content-checked types (wrong,
 * renamed, oversized files refused), SHA-256 kept, reuse of a document the business already
 * holds, downloads only for those allowed and only with a stated reason, access records.
 */
let h: Harness;
let clerk: TestClient;
let otherClerk: TestClient;
let owner: TestClient;
let businessId: string;
let clerkId: string;
let participationId: string;
let secondParticipationId: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

async function programme(key: string, requiredDocuments: string[]) {
  const p = await h.db.insertInto('programme').values({ key, source: 'manual', sourceId: key }).returning('id').executeTakeFirstOrThrow();
  const v = await h.db
    .insertInto('programmeVersion')
    .values({ programmeId: p.id, version: 1, title: `서류 시험 ${key}`, changeReason: '시험', requiredDocuments, publishedAt: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await h.db.updateTable('programme').set({ currentVersionId: v.id }).where('id', '=', p.id).execute();
  return p.id;
}

async function newParticipation(programmeId: number) {
  const res = await clerk.post(`/businesses/${businessId}/participations/new`, { programmeId: String(programmeId) });
  expect(res.status).toBe(303);
  return /\/participations\/([0-9a-f-]{36})/.exec(res.headers.get('location')!)![1]!;
}

/** Posts the multipart upload form the way the browser does (with the CSRF field). */
async function upload(
  client: TestClient,
  id: string,
  fields: Record<string, string>,
  file?: { bytes: Uint8Array; name: string; type?: string },
) {
  if (!client.cookies.has('itda_csrf')) await client.get('/login');
  const form = new FormData();
  form.set('_csrf', client.cookies.get('itda_csrf')!);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
  return client.request(`/participations/${id}/documents`, { method: 'POST', body: form });
}
const valid = { documentType: 'national_tax_certificate', issuedOn: '2026-11-20', rrnMasked: 'on' };
const files = () =>
  h.db
    .selectFrom('documentFile')
    .select(['id', 'fileName', 'mediaType', 'sizeBytes', 'sha256', 'documentId'])
    .orderBy('uploadedAt')
    .execute();

beforeAll(async () => {
  h = await createHarness();
  const officeId = await h.ensureOffice();
  const c = await h.createUser('clerk', { login: 'doc-clerk' });
  clerkId = c.id;
  clerk = h.client();
  await clerk.login(c.login);
  const region = await h.db.selectFrom('region').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
  const other = await h.db
    .insertInto('office')
    .values({ name: '다른 사무소', regionId: region.id, address: null, phone: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  otherClerk = h.client();
  await otherClerk.login((await h.createUser('clerk', { login: 'doc-other', officeId: other.id })).login);
  const o = await h.createUser('owner', { login: 'doc-owner' });
  owner = h.client();
  await owner.login(o.login);
  businessId = (
    await h.db
      .insertInto('business')
      .values({ name: '서류 시험 가게', municipalityCode: '41110', officeId, clerkId, ownerUserId: o.id })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  participationId = await newParticipation(
    await programme('doc-p1', ['national_tax_certificate', 'small_business_cert', 'id_copy_masked']),
  );
  secondParticipationId = await newParticipation(await programme('doc-p2', ['small_business_cert', 'national_tax_certificate']));
});
afterAll(async () => {
  await h?.close();
});

describe('the checklist', () => {
  it('lists the programme’s required documents as 없음, with the masking reminder on the upload form', async () => {
    const html = await (await clerk.get(`/participations/${participationId}`)).text();
    expect(html).toContain('3개 중 0개 준비됨');
    expect(html).toContain('국세 납세증명서 (국세완납증명)');
    expect(html).toContain('소상공인확인서');
    expect(html).toContain('없음');
    expect(html).toContain('주민등록번호를 가려 주세요.');
    expect(html).toContain('개인정보 보호법 제24조의2');
    expect(html).toContain('enctype="multipart/form-data"');
  });
});

describe('uploads', () => {
  it('stores a PDF with its SHA-256, marks the item 유효, and records the creation', async () => {
    const res = await upload(clerk, participationId, valid, { bytes: PDF, name: '납세증명서 2026.pdf', type: 'application/pdf' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/participations/${participationId}?notice=uploaded#doc-national_tax_certificate`);
    const [f] = await files();
    expect(f).toMatchObject({
      fileName: '납세증명서 2026.pdf',
      mediaType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    const doc = await h.db.selectFrom('businessDocument').selectAll().where('id', '=', f!.documentId!).executeTakeFirstOrThrow();
    expect(doc).toMatchObject({
      businessId,
      documentType: 'national_tax_certificate',
      issuedOn: '2026-11-20',
      validUntil: '2026-12-20',
      participationId,
      recordedBy: clerkId,
    });
    const rows = await h.db
      .selectFrom('accessRecord')
      .select(['action', 'subjectId', 'detail'])
      .where('requestId', '=', res.headers.get('x-request-id')!)
      .execute();
    expect(rows).toMatchObject([{ action: 'create', subjectId: businessId, detail: { fileId: f!.id, sha256: f!.sha256 } }]);
    const html = await (await clerk.get(`/participations/${participationId}?notice=uploaded`)).text();
    expect(html).toContain('3개 중 1개 준비됨');
    expect(html).toContain('2026-12-20까지 유효 (23일 남음)');
    expect(html).toContain(`href="/documents/files/${f!.id}"`);
  });

  it('refuses a text file named .pdf and a renamed .exe by their content, with a Korean error, storing nothing', async () => {
    const before = (await files()).length;
    const txt = await upload(clerk, participationId, valid, {
      bytes: Buffer.from('이것은 PDF가 아닙니다'),
      name: 'tax.pdf',
      type: 'application/pdf',
    });
    expect(txt.status).toBe(400);
    const html = await txt.text();
    expect(html).toContain('PDF, JPG, PNG 파일만 올릴 수 있습니다');
    expect(html).toContain('value="2026-11-20"'); // the typed values are kept
    expect(html).toContain('href="#f-file"');
    const exe = await upload(clerk, participationId, valid, { bytes: EXE, name: 'scan.pdf', type: 'application/pdf' });
    expect(exe.status).toBe(400);
    expect(await exe.text()).toContain('이름만 바꾼 파일은 올라가지 않습니다');
    expect((await files()).length).toBe(before);
  });

  it('accepts a PNG whatever its name says, and stores it under its real type', async () => {
    const res = await upload(
      clerk,
      participationId,
      { ...valid, documentType: 'id_copy_masked' },
      { bytes: PNG, name: '신분증.pdf', type: 'application/pdf' },
    );
    expect(res.status).toBe(303);
    expect((await files()).at(-1)).toMatchObject({ fileName: '신분증.png', mediaType: 'image/png' });
  });

  it('refuses a file over 10 MB with an explanation, and a body far over it with 413', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1 - PDF.length, 0x20)]);
    const res = await upload(clerk, participationId, valid, { bytes: big, name: 'big.pdf', type: 'application/pdf' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('파일이 10MB를 넘습니다');
    const huge = await upload(clerk, participationId, valid, { bytes: Buffer.alloc(12 * 1024 * 1024, 0x25), name: 'huge.pdf' });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('<html');
  });

  it('needs the issue date, the masking confirmation and a file; refuses future dates and 주민등록번호', async () => {
    const res = await upload(clerk, participationId, { documentType: 'national_tax_certificate', issuedOn: '2026-12-01' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('발급일은 오늘보다 늦을 수 없습니다');
    expect(html).toContain('주민등록번호를 가렸는지(또는 없는지) 확인하고 표시해 주세요');
    expect(html).toContain('올릴 파일을 골라 주세요');
    const rrnText = Buffer.concat([PDF, Buffer.from('(대표자 주민등록번호 800101-1234567) Tj')]);
    const rrn = await upload(clerk, participationId, valid, { bytes: rrnText, name: 'a.pdf' });
    expect(rrn.status).toBe(400);
    expect(await rrn.text()).toContain('가리지 않은 주민등록번호로 보이는 글자');
    const name = await upload(clerk, participationId, valid, { bytes: PDF, name: '800101-1234567.pdf' });
    expect(name.status).toBe(400);
    const wrongType = await upload(clerk, participationId, { ...valid, documentType: 'lease_contract' }, { bytes: PDF, name: 'a.pdf' });
    expect(wrongType.status).toBe(400);
    expect(await wrongType.text()).toContain('이 사업 참여의 구비서류 종류가 아닙니다');
  });

  it('refuses uploads from another office, the province-level roles and the owner (read only)', async () => {
    expect((await upload(otherClerk, participationId, valid, { bytes: PDF, name: 'a.pdf' })).status).toBe(403);
    expect((await upload(owner, participationId, valid, { bytes: PDF, name: 'a.pdf' })).status).toBe(403);
  });
});

describe('reusing a document the business already holds', () => {
  it('shows a valid 소상공인확인서 recorded for one participation as "이미 있는 서류 사용" on another', async () => {
    expect(
      (
        await upload(
          clerk,
          participationId,
          { ...valid, documentType: 'small_business_cert', issuedOn: '2026-06-01' },
          { bytes: PDF, name: 'sb.pdf' },
        )
      ).status,
    ).toBe(303);
    const html = await (await clerk.get(`/participations/${secondParticipationId}`)).text();
    const item = html.slice(html.indexOf('id="doc-small_business_cert"'), html.indexOf('id="doc-national_tax_certificate"'));
    expect(item).toContain('유효');
    expect(item).toContain('이미 있는 서류 사용');
    expect(item).toContain('2027-03-31까지 유효');
    expect(html).toContain('2개 중 2개 준비됨'); // the 납세증명서 is reused as well
  });

  it('does not reuse an expired one', async () => {
    await h.db
      .insertInto('businessDocument')
      .values({
        businessId,
        documentType: 'id_copy_masked',
        issuedOn: '2020-01-01',
        validUntil: '2021-01-01',
        participationId: null,
        recordedBy: clerkId,
      })
      .execute();
    const other = await programme('doc-p3', ['id_copy_masked', 'local_tax_certificate']);
    const pid = await newParticipation(other);
    const html = await (await clerk.get(`/participations/${pid}`)).text();
    // The PNG uploaded above (no expiry) wins over the expired one.
    expect(html.slice(html.indexOf('id="doc-id_copy_masked"'))).toContain('이미 있는 서류 사용');
    expect(html).toContain('2개 중 1개 준비됨');
  });
});

describe('downloads', () => {
  let fileId: string;
  beforeAll(async () => {
    fileId = (await files())[0]!.id;
  });

  it('asks why before the download (the prompt is recorded as a view)', async () => {
    const res = await clerk.get(`/documents/files/${fileId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('내려받는 목적');
    expect(html).toContain('납세증명서 2026.pdf');
    const rows = await h.db
      .selectFrom('accessRecord')
      .select(['action'])
      .where('requestId', '=', res.headers.get('x-request-id')!)
      .execute();
    expect(rows).toEqual([{ action: 'view' }]);
    const none = await clerk.post(`/documents/files/${fileId}`, {});
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('내려받는 목적을 골라 주세요');
    const other = await clerk.post(`/documents/files/${fileId}`, { purpose: 'other' });
    expect(other.status).toBe(400);
    expect(await other.text()).toContain('목적을 2자 이상 적어 주세요');
  });

  it('sends the file as an attachment (RFC 5987 name, nosniff) and records the download with its reason', async () => {
    const res = await clerk.post(`/documents/files/${fileId}`, { purpose: 'submission', note: '경기도청 제출' });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const cd = res.headers.get('content-disposition')!;
    expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(cd).toContain(`filename*=UTF-8''${encodeURIComponent('납세증명서 2026.pdf')}`);
    const rows = await h.db.selectFrom('accessRecord').selectAll().where('requestId', '=', res.headers.get('x-request-id')!).execute();
    expect(rows).toMatchObject([
      {
        action: 'download',
        subjectType: 'business',
        subjectId: businessId,
        accountLogin: 'doc-clerk',
        reason: '신청기관 제출: 경기도청 제출',
        detail: { fileId },
      },
    ]);
  });

  it('refuses another office’s clerk (403) and writes no download record; the owner may download their own', async () => {
    const before = await h.db.selectFrom('accessRecord').select('id').where('action', '=', 'download').execute();
    expect((await otherClerk.get(`/documents/files/${fileId}`)).status).toBe(403);
    expect((await otherClerk.post(`/documents/files/${fileId}`, { purpose: 'review' })).status).toBe(403);
    expect(await h.db.selectFrom('accessRecord').select('id').where('action', '=', 'download').execute()).toHaveLength(before.length);
    const mine = await owner.post(`/documents/files/${fileId}`, { purpose: 'review' });
    expect(mine.status).toBe(200);
    expect((await clerk.get('/documents/files/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });
});

describe('제출 after the application', () => {
  it('shows documents valid on the submission date as 제출', async () => {
    const v = (await h.db.selectFrom('participation').select('version').where('id', '=', participationId).executeTakeFirstOrThrow())
      .version;
    const res = await clerk.post(`/participations/${participationId}`, {
      to: 'submitted',
      version: String(v),
      submittedOn: '2026-11-26',
      channel: 'visit',
    });
    expect(res.status).toBe(303);
    const html = await (await clerk.get(`/participations/${participationId}`)).text();
    const item = html.slice(html.indexOf('id="doc-national_tax_certificate"'), html.indexOf('id="doc-small_business_cert"'));
    expect(item).toContain('>제출<');
  });
});
