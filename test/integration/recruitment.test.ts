import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCriteria } from '../../src/domain/recruitment/scoring.ts';
import { createHarness, type Harness, TestClient } from '../harness.ts';

/**
 * The recruitment round end to end over HTTP, on the real app (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL): notice → application with a saved-and-resumed draft and a certificate →
 * screening → reviewer assignments (each reviewer only their own; conflicts of interest) →
 * ranking and selection within quotas → a decline promotes the next → the selected applicant
 * becomes a clerk in one action. Role limits are checked along the way.
 */
let h: Harness;
let operator: TestClient;
let reviewerA: TestClient;
let reviewerB: TestClient;
let reviewerAId: string;
let reviewerBId: string;
let office1: number;
let office2: number;
let roundId: number;

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

function roundForm(extra: Record<string, string> = {}): Record<string, string> {
  const f: Record<string, string> = {
    title: '2027년 공공사무원 모집 (시험)',
    notice: '경력단절 여성을 공공사무원으로 모집합니다.\n\n자세한 내용은 아래를 읽어 주세요.',
    opensAt: '2026-11-20T09:00',
    closesAt: '2026-12-05T18:00',
    activityStart: '2027-01-04',
    activityEnd: '2027-06-30',
    retentionMonths: '12',
    qResidence: 'on',
    qCareer: 'on',
    qCareerMin: '1',
    qCareerBreak: 'on',
    documents: '경력증명서 (필수)\n자격증 사본',
    published: 'on',
    [`quota_${office1}`]: '2',
    [`quota_${office2}`]: '1',
  };
  defaultCriteria().forEach((c, i) => {
    f[`c${i + 1}_name`] = c.name;
    f[`c${i + 1}_stage`] = c.stage;
    f[`c${i + 1}_weight`] = String(c.weight);
  });
  return { ...f, ...extra };
}

async function latestCode(recipient: string): Promise<string> {
  const row = await h.db
    .selectFrom('notification')
    .select('body')
    .where('recipient', '=', recipient)
    .where('template', '=', 'recruitment.code')
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return /코드: ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(row.body)![1]!;
}

async function multipart(
  client: TestClient,
  path: string,
  fields: Record<string, string>,
  file?: { name: string; bytes: Uint8Array; type: string },
) {
  if (!client.cookies.has('itda_csrf')) await client.get('/recruit');
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('_csrf', client.cookies.get('itda_csrf')!);
  if (file) fd.append('file', new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
  return client.request(path, { method: 'POST', body: fd });
}

const answers = (over: Record<string, string> = {}) => ({ a_residence: '41110', a_career: '3', a_careerBreak: 'yes', ...over });

/** A whole application by an anonymous visitor; returns its receipt number. */
async function apply(name: string, email: string, officeId: number, over: Record<string, string> = {}) {
  const c = h.client();
  await c.get(`/recruit/rounds/${roundId}/apply`);
  expect((await c.post(`/recruit/rounds/${roundId}/apply`, { name, email, consent: 'on' })).status).toBe(303);
  const up = await multipart(
    c,
    '/recruit/application',
    {
      intent: 'upload',
      officeId: String(officeId),
      documentCode: 'd1',
      ...answers(over),
      careerSummary: '회계 사무소 3년',
      motivation: '돕고 싶습니다',
    },
    { name: 'career.pdf', bytes: PDF, type: 'application/pdf' },
  );
  expect(up.status, await up.clone().text()).toBe(303);
  const sub = await multipart(c, '/recruit/application', {
    intent: 'submit',
    officeId: String(officeId),
    ...answers(over),
    careerSummary: '회계 사무소 3년',
    motivation: '돕고 싶습니다',
  });
  expect(sub.status, await sub.clone().text()).toBe(303);
  const a = await h.db.selectFrom('applicant').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
  return a;
}

beforeAll(async () => {
  h = await createHarness();
  office1 = await h.ensureOffice();
  const region = await h.db.selectFrom('region').select('id').orderBy('id').executeTakeFirstOrThrow();
  office2 = (
    await h.db
      .insertInto('office')
      .values({ name: '두번째 사무소', regionId: region.id, address: null, phone: null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  operator = h.client();
  await operator.login((await h.createUser('operator', { login: 'kpc-recruit' })).login);
  const a = await h.createUser('operator', { login: 'reviewer-a' });
  const b = await h.createUser('operator', { login: 'reviewer-b' });
  reviewerAId = a.id;
  reviewerBId = b.id;
  reviewerA = h.client();
  await reviewerA.login('reviewer-a');
  reviewerB = h.client();
  await reviewerB.login('reviewer-b');
});
afterAll(async () => {
  await h?.close();
});

describe('recruitment round', () => {
  it('lets the operator create a round with quotas, questions, documents and weighted criteria', async () => {
    const bad = await operator.post('/admin/recruitment/rounds/new', roundForm({ c1_weight: '50' }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('배점의 합이 100이어야 합니다');
    const res = await operator.post('/admin/recruitment/rounds/new', roundForm());
    expect(res.status).toBe(303);
    roundId = Number(/rounds\/(\d+)/.exec(res.headers.get('location')!)![1]);
    const round = await h.db.selectFrom('recruitmentRound').selectAll().where('id', '=', roundId).executeTakeFirstOrThrow();
    expect(round.questions).toHaveLength(3);
    expect(round.documents).toEqual([
      { code: 'd1', name: '경력증명서', required: true },
      { code: 'd2', name: '자격증 사본', required: false },
    ]);
    expect(round.opensAt.toISOString()).toBe('2026-11-20T00:00:00.000Z'); // 09:00 KST
    const quotas = await h.db.selectFrom('recruitmentQuota').selectAll().where('roundId', '=', roundId).execute();
    expect(quotas.map((q) => q.posts).sort()).toEqual([1, 2]);
  });

  it('shows the notice publicly, without signing in', async () => {
    const anon = h.client();
    const list = await anon.get('/recruit');
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('2027년 공공사무원 모집');
    const notice = await anon.get(`/recruit/rounds/${roundId}`);
    const html = await notice.text();
    expect(html).toContain('지원서 작성 시작');
    expect(html).toContain('두번째 사무소');
    expect(html).toContain('30점');
  });

  it('keeps the round pages to the operator', async () => {
    for (const role of ['clerk', 'province', 'saeil_counsellor', 'office_lead'] as const) {
      const c = h.client();
      await c.login((await h.createUser(role)).login);
      expect((await c.get('/admin/recruitment')).status, role).toBe(403);
      expect((await c.get(`/admin/recruitment/rounds/${roundId}`)).status, role).toBe(403);
      expect((await c.get('/review')).status, role).toBe(403);
    }
    const anon = h.client();
    expect((await anon.get('/admin/recruitment')).headers.get('location')).toMatch(/^\/login/);
  });
});

describe('application with a saved-and-resumed draft', () => {
  const email = 'kim.applicant@example.com';
  let applicantCode: string;

  it('refuses a resident registration number, and a missing consent, in Korean', async () => {
    const c = h.client();
    await c.get(`/recruit/rounds/${roundId}/apply`);
    const rrn = await c.post(`/recruit/rounds/${roundId}/apply`, { name: '김지원 900101-2345678', email, consent: 'on' });
    expect(rrn.status).toBe(400);
    expect(await rrn.text()).toContain('주민등록번호는 적거나 저장할 수 없으니 지우고 다시 입력해 주세요');
    const noConsent = await c.post(`/recruit/rounds/${roundId}/apply`, { name: '김지원', email });
    expect(noConsent.status).toBe(400);
    expect(await noConsent.text()).toContain('동의해야 지원할 수 있습니다');
    expect(await h.db.selectFrom('applicant').select('id').execute()).toHaveLength(0);
  });

  it('starts, sends a code through the outbox (only its hash stored), and saves a draft', async () => {
    const c = h.client();
    await c.get(`/recruit/rounds/${roundId}/apply`);
    const res = await c.post(`/recruit/rounds/${roundId}/apply`, { name: '김지원', email, phone: '010-2222-3333', consent: 'on' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/recruit/application?notice=started');
    applicantCode = await latestCode(email);
    const sms = await h.db.selectFrom('notification').select('body').where('recipient', '=', '01022223333').executeTakeFirstOrThrow();
    expect(sms.body).toContain(applicantCode);
    const a = await h.db.selectFrom('applicant').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    expect(a.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(a)).not.toContain(applicantCode.replace('-', ''));
    expect(a.consentVersion).toBe('recruitment-consent-2026-1');
    expect(a.retainUntil).toBe('2027-12-05');
    expect(a.codeExpiresAt.toISOString()).toBe('2026-12-05T09:00:00.000Z');

    const form = await c.get('/recruit/application');
    expect(form.status).toBe(200);
    expect(form.headers.get('cache-control')).toBe('no-store');
    const save = await multipart(c, '/recruit/application', {
      intent: 'save',
      officeId: String(office1),
      a_residence: '41110',
      careerSummary: '세무사 사무실 경리 4년',
    });
    expect(save.status).toBe(303);
    expect(save.headers.get('location')).toBe('/recruit/application?notice=saved');
    const rrnSave = await multipart(c, '/recruit/application', { intent: 'save', motivation: '제 번호는 9001012345678 입니다' });
    expect(rrnSave.status).toBe(400);
    expect(await rrnSave.text()).toContain('주민등록번호로 보이는 숫자가 있습니다');
  });

  it('resumes the draft elsewhere with the contact and the code; wrong codes count and lock', async () => {
    const other = h.client();
    expect((await other.get('/recruit/application')).headers.get('location')).toBe('/recruit/resume?notice=ended');
    await other.get('/recruit/resume');
    const wrong = await other.post('/recruit/resume', { contact: email, code: 'AAAA-AAAA' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('연락처나 코드가 맞지 않습니다');
    const ok = await other.post('/recruit/resume', { contact: email.toUpperCase(), code: applicantCode.toLowerCase() });
    expect(ok.status).toBe(303);
    const page = await (await other.get('/recruit/application')).text();
    expect(page).toContain('세무사 사무실 경리 4년');
    // The phone number works as well.
    const byPhone = h.client();
    await byPhone.get('/recruit/resume');
    expect((await byPhone.post('/recruit/resume', { contact: '01022223333', code: applicantCode })).status).toBe(303);
    // Five wrong codes lock the application for 15 minutes, even with the right code.
    const attacker = h.client();
    await attacker.get('/recruit/resume');
    for (let i = 0; i < 5; i++) await attacker.post('/recruit/resume', { contact: email, code: `WRNG-00${i}2` });
    expect((await attacker.post('/recruit/resume', { contact: email, code: applicantCode })).status).toBe(400);
    h.clock.advance(16 * 60_000);
    expect((await attacker.post('/recruit/resume', { contact: email, code: applicantCode })).status).toBe(303);
    const failures = await h.db.selectFrom('auditEvent').select('id').where('action', '=', 'recruitment.apply.code_failed').execute();
    expect(failures.length).toBeGreaterThanOrEqual(6);
  });

  it('checks certificates by content and size, keeps their SHA-256, and needs the required ones to submit', async () => {
    const c = h.client();
    await c.get('/recruit/resume');
    await c.post('/recruit/resume', { contact: email, code: applicantCode });
    const base = {
      officeId: String(office1),
      ...answers(),
      careerSummary: '세무사 사무실 경리 4년',
      motivation: '소상공인을 돕고 싶습니다',
    };
    const missing = await multipart(c, '/recruit/application', { intent: 'submit', ...base });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('꼭 내야 하는 서류입니다');
    const exe = await multipart(
      c,
      '/recruit/application',
      { intent: 'upload', documentCode: 'd1', ...base },
      { name: 'career.pdf', bytes: new TextEncoder().encode('MZ\x90\x00 not a pdf'), type: 'application/pdf' },
    );
    expect(exe.status).toBe(400);
    expect(await exe.text()).toContain('PDF, JPG, PNG 파일만');
    const big = await multipart(
      c,
      '/recruit/application',
      { intent: 'upload', documentCode: 'd1', ...base },
      { name: 'big.pdf', bytes: new Uint8Array(5 * 1024 * 1024 + 10).fill(0x25), type: 'application/pdf' },
    );
    expect(big.status).toBe(400);
    expect(await big.text()).toContain('5MB보다 큽니다');
    // One post of the form is one transaction: the draft is saved and the certificate stored first,
    // then the submission is refused (a question left unanswered) — and nothing of the post remains.
    const before = await h.db.selectFrom('applicant').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    const saves = () => h.db.selectFrom('auditEvent').select('id').where('action', '=', 'recruitment.apply.save').execute();
    const savesBefore = (await saves()).length;
    const refused = await multipart(
      c,
      '/recruit/application',
      { intent: 'submit', documentCode: 'd1', ...base, careerSummary: '바뀐 경력 요약', a_careerBreak: '' },
      { name: 'career.pdf', bytes: PDF, type: 'application/pdf' },
    );
    expect(refused.status).toBe(400);
    const refusedPage = await refused.text();
    expect(refusedPage).toContain('이 질문에 답해 주세요');
    expect(refusedPage).toContain('바뀐 경력 요약'); // what was typed stays on the page
    const after = await h.db.selectFrom('applicant').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    expect(after.careerSummary).toBe(before.careerSummary);
    expect(after.version).toBe(before.version);
    expect(after.status).toBe('draft');
    expect(await h.db.selectFrom('applicantFile').select('id').where('applicantId', '=', after.id).execute()).toHaveLength(0);
    expect(await h.db.selectFrom('auditEvent').select('id').where('action', '=', 'recruitment.file.upload').execute()).toHaveLength(0);
    expect((await saves()).length).toBe(savesBefore);
    const up = await multipart(
      c,
      '/recruit/application',
      { intent: 'upload', documentCode: 'd1', ...base },
      { name: '../경력증명서.exe', bytes: PDF, type: 'application/octet-stream' },
    );
    expect(up.status).toBe(303);
    const file = await h.db.selectFrom('applicantFile').selectAll().executeTakeFirstOrThrow();
    expect(file.fileName).toBe('경력증명서.pdf');
    expect(file.mediaType).toBe('application/pdf');
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(file.content).equals(Buffer.from(PDF))).toBe(true);

    const sub = await multipart(c, '/recruit/application', { intent: 'submit', ...base });
    expect(sub.status).toBe(303);
    expect(sub.headers.get('location')).toBe('/recruit/application?notice=submitted');
    const a = await h.db.selectFrom('applicant').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    expect(a.status).toBe('submitted');
    expect(a.receiptNo).toBe(`R${roundId}-0001`);
    expect(a.eligible).toBe(true);
    const status = await (await c.get('/recruit/application')).text();
    expect(status).toContain(`R${roundId}-0001`);
    expect(status).toContain('심사 중입니다');
    // The receipt notice went out; the status page opens with receipt number + code too.
    expect(await h.db.selectFrom('notification').select('id').where('template', '=', 'recruitment.received').execute()).toHaveLength(2);
    const viaReceipt = h.client();
    await viaReceipt.get('/recruit/resume');
    expect((await viaReceipt.post('/recruit/resume', { contact: `r${roundId}-0001`, code: applicantCode })).status).toBe(303);
    expect(await (await viaReceipt.get('/recruit/application')).text()).toContain('심사 중입니다');
  });

  it('screens automatically and shows the operator the reason', async () => {
    const out = await apply('박서울', 'park@example.com', office1, { a_residence: 'outside' });
    expect(out.eligible).toBe(false);
    const page = await (await operator.get(`/admin/recruitment/applicants/${out.id}`)).text();
    expect(page).toContain('미충족');
    expect(page).toContain('경기도 밖에 삽니다');
  });
});

describe('review, ranking and selection', () => {
  let ids: Record<string, number> = {};

  it('assigns reviewers; each sees only their own assignments; a conflict takes one off', async () => {
    const b = await apply('이경기', 'lee@example.com', office1);
    const c = await apply('최수원', 'choi@example.com', office1);
    const d = await apply('정화성', 'jung@example.com', office2);
    const k = await h.db
      .selectFrom('applicant')
      .select(['id', 'email'])
      .where('email', '=', 'kim.applicant@example.com')
      .executeTakeFirstOrThrow();
    ids = { kim: k.id, lee: b.id, choi: c.id, jung: d.id };
    for (const stage of ['document', 'interview']) {
      const r = await operator.post(`/admin/recruitment/rounds/${roundId}/assign`, { stage, reviewers: [reviewerAId, reviewerBId] });
      expect(r.status).toBe(303);
    }
    const mineA = await h.db.selectFrom('reviewerAssignment').selectAll().where('reviewerId', '=', reviewerAId).execute();
    expect(mineA).toHaveLength(8); // 4 eligible applicants × 2 stages (the ineligible one is not assigned)
    const listA = await (await reviewerA.get('/review')).text();
    expect(listA).toContain(`R${roundId}-0001`);
    // B cannot open A's assignment.
    const aFirst = mineA[0]!;
    expect((await reviewerB.get(`/review/${aFirst.id}`)).status).toBe(404);
    expect((await reviewerB.post(`/review/${aFirst.id}`, { s_c1: '5' })).status).toBe(404);
    // B declares a conflict of interest on kim's document review.
    const bKim = await h.db
      .selectFrom('reviewerAssignment')
      .selectAll()
      .where('reviewerId', '=', reviewerBId)
      .where('applicantId', '=', ids.kim!)
      .where('stage', '=', 'document')
      .executeTakeFirstOrThrow();
    expect((await reviewerB.post(`/review/${bKim.id}/conflict`, { reason: '친척입니다' })).status).toBe(303);
    expect((await reviewerB.get(`/review/${bKim.id}`)).status).toBe(404);
    const log = await h.db
      .selectFrom('applicantEvent')
      .selectAll()
      .where('applicantId', '=', ids.kim!)
      .where('action', '=', 'conflictDeclared')
      .executeTakeFirstOrThrow();
    expect(log.reason).toBe('친척입니다');
    expect(log.actorLogin).toBe('reviewer-b');
  });

  it('writes access records when staff view an application or download its certificate', async () => {
    const mine = await h.db
      .selectFrom('reviewerAssignment')
      .selectAll()
      .where('reviewerId', '=', reviewerAId)
      .where('applicantId', '=', ids.kim!)
      .where('stage', '=', 'document')
      .executeTakeFirstOrThrow();
    const file = await h.db.selectFrom('applicantFile').select('id').where('applicantId', '=', ids.kim!).executeTakeFirstOrThrow();
    const view = await reviewerA.get(`/review/${mine.id}`);
    expect(view.status).toBe(200);
    const dl = await reviewerA.get(`/review/${mine.id}/files/${file.id}`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    // Not through someone else's assignment.
    const other = await h.db
      .selectFrom('reviewerAssignment')
      .select('id')
      .where('reviewerId', '=', reviewerAId)
      .where('applicantId', '!=', ids.kim!)
      .executeTakeFirstOrThrow();
    expect((await reviewerA.get(`/review/${other.id}/files/${file.id}`)).status).toBe(404);
    const rows = await h.db
      .selectFrom('accessRecord')
      .selectAll()
      .where('subjectType', '=', 'applicant')
      .where('subjectId', '=', String(ids.kim))
      .where('accountLogin', '=', 'reviewer-a')
      .execute();
    expect(rows.map((r) => r.action).sort()).toEqual(['download', 'view']);
    expect(rows.find((r) => r.action === 'download')!.reason).toBe('서류 심사');
    const opView = await operator.get(`/admin/recruitment/applicants/${ids.kim}`);
    const rid = opView.headers.get('x-request-id')!;
    expect(await h.db.selectFrom('accessRecord').select('action').where('requestId', '=', rid).execute()).toEqual([{ action: 'view' }]);
  });

  it('refuses out-of-range scores, then scores all', async () => {
    const one = await h.db.selectFrom('reviewerAssignment').selectAll().where('reviewerId', '=', reviewerAId).executeTakeFirstOrThrow();
    const bad = await reviewerA.post(`/review/${one.id}`, { s_c1: '11', s_c2: '', s_c3: '3', version: String(one.version) });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('0~10점 사이로');
    // Scores: per applicant, every criterion the same value, so totals are easy to read.
    const points: Record<string, [number, number]> = { kim: [9, 8], lee: [7, 9], choi: [7, 9], jung: [5, 5] };
    const rows = await h.db.selectFrom('reviewerAssignment').selectAll().where('status', '=', 'assigned').execute();
    for (const r of rows) {
      const who = Object.entries(ids).find(([, id]) => id === r.applicantId)![0];
      const v = points[who]![r.stage === 'document' ? 0 : 1];
      const codes = r.stage === 'document' ? ['c1', 'c2', 'c3'] : ['c4', 'c5'];
      const client = r.reviewerId === reviewerAId ? reviewerA : reviewerB;
      const res = await client.post(`/review/${r.id}`, {
        ...Object.fromEntries(codes.map((c) => [`s_${c}`, String(v)])),
        version: String(r.version),
        comment: '',
      });
      expect(res.status, await res.clone().text()).toBe(303);
    }
  });

  it('lets the operator edit the round, but not its questions or criteria once applications and scores are in', async () => {
    const version = async () =>
      String((await h.db.selectFrom('recruitmentRound').select('version').where('id', '=', roundId).executeTakeFirstOrThrow()).version);
    const same = await operator.post(
      `/admin/recruitment/rounds/${roundId}/edit`,
      roundForm({ version: await version(), notice: '공고를 고쳤습니다.' }),
    );
    expect(same.status).toBe(303);
    expect(
      (await operator.post(`/admin/recruitment/rounds/${roundId}/edit`, roundForm({ version: await version(), qCareerBreak: '' }))).status,
    ).toBe(409);
    expect(
      (
        await operator.post(
          `/admin/recruitment/rounds/${roundId}/edit`,
          roundForm({ version: await version(), c1_weight: '20', c2_weight: '25' }),
        )
      ).status,
    ).toBe(409);
    // A stale form loses nothing: 409, not a silent overwrite.
    expect((await operator.post(`/admin/recruitment/rounds/${roundId}/edit`, roundForm({ version: '1' }))).status).toBe(409);
  });

  it('ranks per office with the documented tie rule, and selects only after the period, within quotas', async () => {
    const ranking = await (await operator.get(`/admin/recruitment/rounds/${roundId}/ranking`)).text();
    expect(ranking).toContain('총점이 같으면 면접 점수가 높은 사람');
    expect((await operator.post(`/admin/recruitment/rounds/${roundId}/select`, {})).status).toBe(409);
    h.clock.current = new Date('2026-12-06T00:00:00Z');
    // (Sessions end after 30 idle minutes: sign in again on the new day.)
    operator = h.client();
    await operator.login('kpc-recruit');
    // Applications are refused clearly once the period is over.
    const late = h.client();
    await late.get(`/recruit/rounds/${roundId}/apply`);
    const refused = await late.post(`/recruit/rounds/${roundId}/apply`, { name: '늦은사람', email: 'late@example.com', consent: 'on' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('접수 기간이 끝났습니다');

    expect((await operator.post(`/admin/recruitment/rounds/${roundId}/select`, {})).status).toBe(303);
    const rows = await h.db
      .selectFrom('applicant')
      .select(['id', 'name', 'decision', 'rank', 'officeId', 'eligible', 'status'])
      .where('roundId', '=', roundId)
      .execute();
    const by = (n: string) => rows.find((r) => r.name === n)!;
    // office1 (2 posts): kim 60·0.9+40·0.8=86; lee and choi 42+36=78 each → tie: same interview, same
    // document, same submission time (the test clock stands still) → lower receipt number: lee 2nd, choi
    // waits. office2 (1 post): jung.
    expect(by('김지원')).toMatchObject({ decision: 'selected', rank: 1 });
    expect(by('이경기')).toMatchObject({ decision: 'selected', rank: 2 });
    expect(by('최수원')).toMatchObject({ decision: 'waiting', rank: 3 });
    expect(by('정화성')).toMatchObject({ decision: 'selected', rank: 1 });
    expect(by('박서울')).toMatchObject({ decision: 'rejected', rank: null });
    const notices = await h.db
      .selectFrom('notification')
      .select(['template', 'recipient'])
      .where('template', 'in', ['recruitment.selected', 'recruitment.waiting', 'recruitment.rejected'])
      .execute();
    expect(notices.filter((n) => n.template === 'recruitment.selected')).toHaveLength(4); // kim (e-mail + SMS), lee, jung
    expect(notices.find((n) => n.template === 'recruitment.waiting')!.recipient).toBe('choi@example.com');
    expect((await operator.post(`/admin/recruitment/rounds/${roundId}/select`, {})).status).toBe(409);
  });

  it('moves the waiting list up when a selected applicant declines, with who and why', async () => {
    const res = await operator.post(`/admin/recruitment/applicants/${ids.lee}/decline`, { reason: '다른 곳에 취업' });
    expect(res.status).toBe(303);
    const choi = await h.db.selectFrom('applicant').select(['decision']).where('id', '=', ids.choi!).executeTakeFirstOrThrow();
    expect(choi.decision).toBe('selected');
    const promoted = await h.db.selectFrom('notification').select('recipient').where('template', '=', 'recruitment.promoted').execute();
    expect(promoted.map((p) => p.recipient)).toEqual(['choi@example.com']);
    const page = await (await operator.get(`/admin/recruitment/applicants/${ids.lee}`)).text();
    expect(page).toContain('다른 곳에 취업');
    expect(page).toContain('kpc-recruit');
  });

  it('turns a selected applicant into a clerk in their office in one action, who must change the password', async () => {
    expect((await operator.post(`/admin/recruitment/applicants/${ids.lee}/hire`, {})).status).toBe(409);
    const res = await operator.post(`/admin/recruitment/applicants/${ids.kim}/hire`, {});
    expect(res.status).toBe(201);
    const html = await res.text();
    const otp = /id="secret">([^<]+)</.exec(html)![1]!;
    const login = `clerk-r${roundId}-0001`;
    const user = await h.db.selectFrom('appUser').selectAll().where('login', '=', login).executeTakeFirstOrThrow();
    expect(user).toMatchObject({
      role: 'clerk',
      officeId: office1,
      displayName: '김지원',
      email: 'kim.applicant@example.com',
      mustChangePassword: true,
    });
    const a = await h.db.selectFrom('applicant').select('clerkUserId').where('id', '=', ids.kim!).executeTakeFirstOrThrow();
    expect(a.clerkUserId).toBe(user.id);
    const contract = await h.db.selectFrom('clerkContract').selectAll().where('clerkId', '=', user.id).executeTakeFirstOrThrow();
    expect(contract).toMatchObject({ startsOn: '2027-01-04', endsOn: '2027-06-30', officeId: office1 });
    const grants = await h.db.selectFrom('auditEvent').select('action').where('targetUserId', '=', user.id).execute();
    expect(grants.map((g) => g.action)).toEqual(expect.arrayContaining(['user.create', 'permission.grant', 'contract.create']));
    expect((await operator.post(`/admin/recruitment/applicants/${ids.kim}/hire`, {})).status).toBe(409);
    const clerk = h.client();
    expect((await clerk.login(login, otp)).headers.get('location')).toBe('/password');
  });

  it('lets the applicant see the result and decline from the status page', async () => {
    const c = h.client();
    await c.get('/recruit/resume');
    const code = await latestCode('jung@example.com');
    expect((await c.post('/recruit/resume', { contact: 'jung@example.com', code })).status).toBe(303);
    const page = await (await c.get('/recruit/application')).text();
    expect(page).toContain('최종 합격입니다');
    expect((await c.post('/recruit/application/decline', { reason: '' })).status).toBe(400);
    expect((await c.post('/recruit/application/decline', { reason: '이사 예정' })).status).toBe(303);
    const row = await h.db
      .selectFrom('applicantEvent')
      .selectAll()
      .where('action', '=', 'declined')
      .where('reason', '=', '이사 예정')
      .executeTakeFirstOrThrow();
    expect(row.actorLogin).toBe('applicant');
  });

  it('destroys applications when their retention period ends, keeping the one who became a clerk', async () => {
    expect(await h.services.recruitment.retention.purgeExpired({ ip: null, requestId: 'test' })).toBe(0);
    h.clock.current = new Date('2027-12-06T00:00:00Z'); // retain until 2027-12-05 (closing date + 12 months)
    expect(await h.services.recruitment.retention.purgeExpired({ ip: null, requestId: 'test' })).toBe(4);
    const left = await h.db.selectFrom('applicant').select(['name', 'clerkUserId']).execute();
    expect(left).toHaveLength(1);
    expect(left[0]!.name).toBe('김지원');
    expect(await h.db.selectFrom('applicantFile').select('id').execute()).toHaveLength(1);
    const row = await h.db.selectFrom('auditEvent').select('detail').where('action', '=', 'recruitment.purge').executeTakeFirstOrThrow();
    expect(JSON.stringify(row.detail)).not.toContain('@');
  });

  it('keeps the audit chain intact', async () => {
    const auditor = {
      userId: reviewerAId,
      login: 'reviewer-a',
      displayName: '',
      role: 'operator' as const,
      officeId: null,
      locale: 'ko',
      via: 'session' as const,
    };
    expect(await h.services.audit.verifyChain(auditor)).toBeNull();
  });
});
