import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppUser } from '../../src/db/schema.ts';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

/**
 * After selection: training with the caseload gate and certificates, contract periods with a
 * hand-over that never orphans a business, and the 새일센터 linkage with its role limits
 * (a counsellor sees only the clerks referred to them; the province only aggregates).
 */
let h: Harness;
let operator: TestClient;
let clerkA: AppUser; // leaving
let clerkB: AppUser; // trained
let clerkC: AppUser; // untrained
let courseId: number;
const clients = new Map<string, TestClient>();

async function as(user: AppUser): Promise<TestClient> {
  const existing = clients.get(user.id);
  if (existing) return existing;
  const c = h.client();
  expect((await c.login(user.login)).status).toBe(303);
  clients.set(user.id, c);
  return c;
}

beforeAll(async () => {
  h = await createHarness();
  await h.ensureOffice();
  operator = h.client();
  await operator.login((await h.createUser('operator', { login: 'kpc-life' })).login);
  clerkA = await h.createUser('clerk', { login: 'clerk-a' });
  clerkB = await h.createUser('clerk', { login: 'clerk-b' });
  clerkC = await h.createUser('clerk', { login: 'clerk-c' });
});
afterAll(async () => {
  await h?.close();
});

describe('training', () => {
  it('records courses, sessions, enrolment and attendance; completion follows the hours', async () => {
    const bad = await operator.post('/admin/training/courses', { title: '직무 기본교육', requiredHours: '0' });
    expect(bad.status).toBe(400);
    const res = await operator.post('/admin/training/courses', {
      title: '직무 기본교육',
      description: '지원사업 안내와 서류',
      requiredHours: '4',
      requiredForCaseload: 'on',
    });
    expect(res.status).toBe(303);
    courseId = Number(/courses\/(\d+)/.exec(res.headers.get('location')!)![1]);
    expect(
      (
        await operator.post(`/admin/training/courses/${courseId}/sessions`, {
          startsAt: '2027-01-04T09:00',
          hours: '2',
          place: '수원 교육장',
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await operator.post(`/admin/training/courses/${courseId}/sessions`, {
          startsAt: '2027-01-05T09:00',
          hours: '2',
          place: '온라인 강의실',
          online: 'on',
        })
      ).status,
    ).toBe(303);
    expect((await operator.post(`/admin/training/courses/${courseId}/enrol`, { clerks: [clerkA.id, clerkB.id, clerkC.id] })).status).toBe(
      303,
    );
    const sessions = await h.db.selectFrom('trainingSession').select('id').where('courseId', '=', courseId).orderBy('startsAt').execute();
    expect(
      (await operator.post(`/admin/training/sessions/${sessions[0]!.id}/attendance`, { present: [clerkA.id, clerkB.id] })).status,
    ).toBe(303);
    expect((await operator.post(`/admin/training/sessions/${sessions[1]!.id}/attendance`, { present: [clerkB.id] })).status).toBe(303);
    const enrol = await h.db.selectFrom('trainingEnrolment').selectAll().where('courseId', '=', courseId).execute();
    const of = (u: AppUser) => enrol.find((e) => e.clerkId === u.id)!;
    expect(of(clerkB).completedAt).not.toBeNull();
    expect(of(clerkB).certificateNo).toMatch(new RegExp(`^\\d{4}-${courseId}-0001$`));
    expect(of(clerkA).completedAt).toBeNull();
    const page = await (await operator.get(`/admin/training/courses/${courseId}`)).text();
    expect(page).toContain('4시간 / 4시간');
    expect(page).toContain('2시간 / 4시간');
  });

  it('gates the caseload on the required courses (configurable per course)', async () => {
    const t = h.services.training;
    expect((await t.canTakeCaseload(clerkB.id)).ok).toBe(true);
    const c = await t.canTakeCaseload(clerkC.id);
    expect(c.ok).toBe(false);
    expect(c.missing).toEqual([{ courseId, title: '직무 기본교육', hours: 0, requiredHours: 4 }]);
    const mine = await (await (await as(clerkC)).get('/my/training')).text();
    expect(mine).toContain('업무 배정 전 필수 교육이 남아 있습니다');
  });

  it('issues the certificate PDF to the operator and to the clerk herself only', async () => {
    const pdf = await operator.get(`/admin/training/courses/${courseId}/certificates/${clerkB.id}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect((await (await as(clerkB)).get(`/my/training/${courseId}/certificate`)).status).toBe(200);
    expect((await (await as(clerkC)).get(`/my/training/${courseId}/certificate`)).status).toBe(409);
    expect((await (await as(clerkC)).get(`/admin/training/courses/${courseId}/certificates/${clerkB.id}`)).status).toBe(403);
    const logged = await h.db
      .selectFrom('auditEvent')
      .select('detail')
      .where('action', '=', 'training.certificate')
      .where('targetUserId', '=', clerkB.id)
      .execute();
    expect(logged.some((l) => (l.detail as { output?: string }).output === 'pdf')).toBe(true);
  });
});

describe('contract periods and hand-over', () => {
  let contractId: number;
  const businesses: string[] = [];

  beforeAll(async () => {
    const r = await operator.post('/admin/contracts', { clerkId: clerkA.id, startsOn: '2026-05-01', endsOn: '2026-11-30' });
    expect(r.status).toBe(303);
    contractId = (await h.db.selectFrom('clerkContract').select('id').where('clerkId', '=', clerkA.id).executeTakeFirstOrThrow()).id;
    for (const name of ['가게 하나', '가게 둘', '가게 셋']) {
      const b = await h.db
        .insertInto('business')
        .values({ name, clerkId: clerkA.id, officeId: clerkA.officeId })
        .returning('id')
        .executeTakeFirstOrThrow();
      businesses.push(b.id);
    }
  });

  it('shows who ends when, with the caseload', async () => {
    const page = await (await operator.get('/admin/contracts')).text();
    // The test clock stands at 2026-11-27: a contract ending on 30 November is flagged.
    expect(page).toContain('30일 안에 끝남');
    expect(page).toContain('3곳');
  });

  it('refuses an incomplete hand-over or one to an untrained clerk, changing nothing', async () => {
    const version = '1';
    const none = await operator.post(`/admin/contracts/${contractId}/end`, { note: '계약 만료', version });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('넘겨받을 사무원을 고르거나 종결을 고르세요');
    const untrained = await operator.post(`/admin/contracts/${contractId}/end`, { note: '계약 만료', version, defaultTarget: clerkC.id });
    expect(untrained.status).toBe(400);
    expect(await untrained.text()).toContain('필수 교육을 마치지 않아');
    const still = await h.db.selectFrom('business').select('clerkId').where('id', 'in', businesses).execute();
    expect(still.every((b) => b.clerkId === clerkA.id)).toBe(true);
    expect(
      (await h.db.selectFrom('clerkContract').select('endedAt').where('id', '=', contractId).executeTakeFirstOrThrow()).endedAt,
    ).toBeNull();
  });

  it('hands every business over or closes it, in one transaction: none is left with the leaving clerk', async () => {
    const res = await operator.post(`/admin/contracts/${contractId}/end`, {
      note: '계약 만료',
      version: '1',
      defaultTarget: clerkB.id,
      [`b_${businesses[2]}`]: 'close',
    });
    expect(res.status).toBe(303);
    const rows = await h.db.selectFrom('business').select(['id', 'clerkId']).where('id', 'in', businesses).execute();
    expect(rows.filter((b) => b.clerkId === clerkB.id)).toHaveLength(2);
    expect(rows.find((b) => b.id === businesses[2])!.clerkId).toBeNull();
    expect(await h.db.selectFrom('business').select('id').where('clerkId', '=', clerkA.id).execute()).toHaveLength(0);
    const log = await h.db.selectFrom('caseloadHandover').selectAll().where('contractId', '=', contractId).execute();
    expect(log.map((l) => l.action).sort()).toEqual(['closed', 'reassigned', 'reassigned']);
    expect(log.every((l) => l.fromClerkId === clerkA.id && l.reason === '계약 만료')).toBe(true);
    // Every business that was the clerk's is accounted for: reassigned to someone active, or closed with a record.
    for (const id of businesses) {
      const b = rows.find((r) => r.id === id)!;
      const l = log.find((x) => x.businessId === id)!;
      expect(b.clerkId === null ? l.action === 'closed' : l.toClerkId === b.clerkId).toBe(true);
    }
    expect(
      (await operator.post(`/admin/contracts/${contractId}/end`, { note: '다시', version: '2', defaultTarget: clerkB.id })).status,
    ).toBe(409);
  });

  it('is the operator’s: clerks and the province cannot see contracts', async () => {
    expect((await (await as(clerkB)).get('/admin/contracts')).status).toBe(403);
    const province = await as(await h.createUser('province', { login: 'gg-province' }));
    expect((await province.get(`/admin/contracts/${contractId}`)).status).toBe(403);
  });
});

describe('새일센터 linkage', () => {
  let counsellor1: AppUser;
  let counsellor2: AppUser;
  let referralId: number;

  beforeAll(async () => {
    counsellor1 = await h.createUser('saeil_counsellor', { login: 'saeil-1' });
    counsellor2 = await h.createUser('saeil_counsellor', { login: 'saeil-2' });
  });

  it('refers a clerk only with her consent', async () => {
    const without = await operator.post('/admin/employment/referrals', { clerkId: clerkA.id, counsellorId: counsellor1.id });
    expect(without.status).toBe(400);
    expect(await without.text()).toContain('동의하지 않았습니다');
    const a = await as(clerkA);
    expect((await a.post('/my/employment/consent', {})).status).toBe(400);
    expect((await a.post('/my/employment/consent', { agree: 'on' })).status).toBe(303);
    const consent = await h.db.selectFrom('employmentConsent').selectAll().where('clerkId', '=', clerkA.id).executeTakeFirstOrThrow();
    expect(consent).toMatchObject({ consentVersion: 'saeil-referral-consent-2026-1', method: 'web', withdrawnAt: null });
    expect((await operator.post('/admin/employment/referrals', { clerkId: clerkA.id, counsellorId: clerkB.id })).status).toBe(400); // not a counsellor
    expect(
      (await operator.post('/admin/employment/referrals', { clerkId: clerkA.id, counsellorId: counsellor1.id, note: '회계 경력 10년' }))
        .status,
    ).toBe(303);
    referralId = (await h.db.selectFrom('employmentReferral').select('id').where('clerkId', '=', clerkA.id).executeTakeFirstOrThrow()).id;
  });

  it('shows a counsellor only the clerks referred to her', async () => {
    const s1 = await as(counsellor1);
    const s2 = await as(counsellor2);
    expect(await (await s1.get('/saeil')).text()).toContain(clerkA.displayName);
    const seen = await s1.get(`/saeil/referrals/${referralId}`);
    expect(seen.status).toBe(200);
    const record = await h.db
      .selectFrom('accessRecord')
      .selectAll()
      .where('requestId', '=', seen.headers.get('x-request-id')!)
      .executeTakeFirstOrThrow();
    expect(record).toMatchObject({
      subjectType: 'employment_referral',
      subjectId: String(referralId),
      action: 'view',
      accountLogin: 'saeil-1',
    });
    expect(await (await s2.get('/saeil')).text()).not.toContain(clerkA.displayName);
    expect((await s2.get(`/saeil/referrals/${referralId}`)).status).toBe(404);
    expect((await s2.post(`/saeil/referrals/${referralId}/outcome`, { outcome: 'seeking', version: '1' })).status).toBe(404);
    expect((await (await as(clerkB)).get(`/saeil/referrals/${referralId}`)).status).toBe(403);
    expect((await s1.get('/admin/employment')).status).toBe(403);
  });

  it('records counselling, job referrals and the outcome; the clerk sees her own record', async () => {
    const s1 = await as(counsellor1);
    expect(
      (await s1.post(`/saeil/referrals/${referralId}/sessions`, { heldOn: '2026-11-20', mode: 'visit', summary: '희망 직무: 회계 사무' }))
        .status,
    ).toBe(303);
    expect(
      (
        await s1.post(`/saeil/referrals/${referralId}/jobs`, {
          employer: '(주)경기회계',
          jobTitle: '경리',
          referredOn: '2026-11-21',
          result: 'hired',
        })
      ).status,
    ).toBe(303);
    const noType = await s1.post(`/saeil/referrals/${referralId}/outcome`, { outcome: 'employed', employedOn: '2026-11-25', version: '1' });
    expect(noType.status).toBe(400);
    expect(await noType.text()).toContain('취업처 유형을 고르세요');
    const future = await s1.post(`/saeil/referrals/${referralId}/outcome`, {
      outcome: 'employed',
      employerType: 'private',
      employedOn: '2027-02-01',
      version: '1',
    });
    expect(future.status).toBe(400);
    expect(
      (
        await s1.post(`/saeil/referrals/${referralId}/outcome`, {
          outcome: 'employed',
          employerType: 'private',
          employedOn: '2026-11-25',
          version: '1',
        })
      ).status,
    ).toBe(303);
    const mine = await (await (await as(clerkA)).get('/my/employment')).text();
    expect(mine).toContain('취업 (민간 기업');
    expect(mine).toContain('(주)경기회계');
    expect(mine).toContain('희망 직무: 회계 사무');
    // Another clerk sees nothing of it.
    expect(await (await (await as(clerkB)).get('/my/employment')).text()).not.toContain('(주)경기회계');
  });

  it('gives the province aggregates only, with small counts hidden; the operator exact figures', async () => {
    const province = await as(await h.createUser('province', { login: 'gg-province-2' }));
    const report = await (await province.get('/reemployment')).text();
    expect(report).toContain('5 미만');
    expect(report).toContain('공개하지 않음');
    expect(report).not.toContain(clerkA.displayName);
    expect((await province.get('/admin/employment')).status).toBe(403);
    expect((await province.get('/saeil')).status).toBe(403);
    const ops = await (await operator.get('/admin/employment')).text();
    expect(ops).toContain('100.0%');
    expect(ops).toContain(clerkA.displayName);
  });

  it('ends the counsellor’s access when the clerk withdraws her consent', async () => {
    expect((await (await as(clerkA)).post('/my/employment/consent/withdraw', {})).status).toBe(303);
    expect((await (await as(counsellor1)).get(`/saeil/referrals/${referralId}`)).status).toBe(404);
    expect(await (await (await as(counsellor1)).get('/saeil')).text()).not.toContain(clerkA.displayName);
  });
});
