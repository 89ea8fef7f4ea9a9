import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/modules/auth/auth.policy.ts';
import { createHarness, type Harness, type TestClient } from '../harness.ts';
import { loadReportsFixture, NOVEMBER, type ReportsFixture } from './reports.fixture.ts';

let h: Harness;
let fx: ReportsFixture;
const clients = new Map<string, TestClient>();

beforeAll(async () => {
  h = await createHarness();
  fx = await loadReportsFixture(h);
  for (const [k, login] of Object.entries(fx.logins)) {
    const c = h.client();
    await c.login(login);
    clients.set(k, c);
  }
});
afterAll(async () => {
  await h?.close();
});

const operator = async (): Promise<Actor> => {
  const u = await h.db.selectFrom('appUser').selectAll().where('login', '=', fx.logins.operator).executeTakeFirstOrThrow();
  return { userId: u.id, login: u.login, displayName: u.displayName, role: u.role, officeId: u.officeId, locale: 'ko', via: 'session' };
};

describe('만족도 조사', () => {
  let token: string;
  let code: string;

  it('offerSurvey(trx, id): invites the owner of an ended participation once, SMS through the outbox', async () => {
    // X3 ended (취소 after 선정); B2's owner has a mobile number and consent (fixture).
    const r = await h.db.transaction().execute((trx) => h.services.surveys.offerSurvey(trx, fx.participation.X3!));
    expect(r!.created).toBe(true);
    token = r!.token!;
    code = r!.invitation.code;
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    const sms = await h.db.selectFrom('notification').selectAll().where('template', '=', 'survey.link').execute();
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toContain(`/s/${token}`);
    expect(sms[0]!.body).toContain(code);
    expect(sms[0]!.recipient).toBe('01012345678');
    const again = await h.db.transaction().execute((trx) => h.services.surveys.offerSurvey(trx, fx.participation.X3!));
    expect(again!.created).toBe(false);
    // X4 is still 신청완료: not ended, no invitation.
    expect(await h.services.surveys.offerSurvey(h.db, fx.participation.X4!)).toBeNull();
  });

  it('the sweep invites every participation that ended in the last 30 days without one, once', async () => {
    // Ended: X1, X2, X5 (invited in the fixture), X3 (just invited), X7 (취소 11-13) → only X7.
    expect(await h.services.surveys.sweepScheduled()).toEqual({ created: 1, sms: 1 });
    expect(await h.services.surveys.sweepScheduled()).toEqual({ created: 0, sms: 0 });
    const anon = await h.client().post('/surveys/sweep', {});
    expect(anon.headers.get('location')).toMatch(/^\/login/); // anonymous: sent to sign in, nothing swept
    expect((await clients.get('a1')!.post('/surveys/sweep', {})).status).toBe(403);
    const manual = await clients.get('operator')!.post('/surveys/sweep', {});
    expect(manual.status).toBe(303);
    expect((await h.db.selectFrom('auditEvent').select('action').where('action', '=', 'survey.sweep').execute()).length).toBe(2);
    void operator;
  });

  it('the owner answers through the link, once; the dashboard counts the answer', async () => {
    const owner = h.client();
    const form = await owner.get(`/s/${token}`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('시험 정책자금');
    expect(html).toContain('매우 만족 (5)');
    const missing = await owner.post(`/s/${token}`, { q1: '5', q3: '4' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('2번 문항(서류 준비와 신청 도움)에 답해 주세요');
    const ok = await owner.post(`/s/${token}`, { q1: '5', q2: '5', q3: '5', comment: '친절했습니다' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/s/thanks');
    expect((await owner.get(`/s/${token}`)).status).toBe(409);
    expect((await owner.post(`/s/${token}`, { q1: '1', q2: '1', q3: '1' })).status).toBe(409);
    const d = await h.services.reports.dashboard(await operator(), { from: '2026-12-01', to: '2026-12-31' });
    expect(d.satisfaction).toMatchObject({ responses: 1, score100: 100 });
    void NOVEMBER;
  });

  it('the printed code works the same way (any case, with or without the hyphen)', async () => {
    const inv = await h.db.selectFrom('surveyInvitation').select('code').where('participationId', '=', fx.participation.X7!).executeTakeFirstOrThrow();
    const owner = h.client();
    expect((await owner.get('/s')).status).toBe(200);
    const wrong = await owner.get('/s?code=zzzz');
    expect(wrong.status).toBe(400);
    const typed = inv.code.replace('-', '').toLowerCase();
    const form = await owner.get(`/s?code=${typed}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(`value="${inv.code}"`);
    const ok = await owner.post('/s', { code: typed, q1: '4', q2: '3', q3: '4' });
    expect(ok.status).toBe(303);
    const resp = await h.db.selectFrom('surveyResponse as r').innerJoin('surveyInvitation as i', 'i.id', 'r.invitationId').select(['r.channel', 'r.q2']).where('i.participationId', '=', fx.participation.X7!).executeTakeFirstOrThrow();
    expect(resp).toEqual({ channel: 'code', q2: 3 });
  });

  it('staff see the invitations of their scope and print a slip (recorded as a print)', async () => {
    const a1 = await (await clients.get('a1')!.get('/surveys')).text();
    expect(a1).toContain('rf 사업장 B1'); // X1, X2 (fixture) and X3 (B2) are a1's
    expect(a1).not.toContain('rf 사업장 B4');
    const op = await (await clients.get('operator')!.get('/surveys?state=answered')).text();
    expect(op).toContain('rf 사업장 B4');
    const x3 = await h.db.selectFrom('surveyInvitation').select(['id', 'code']).where('participationId', '=', fx.participation.X3!).executeTakeFirstOrThrow();
    const slip = await clients.get('a1')!.get(`/surveys/${x3.id}/slip`);
    expect(slip.status).toBe(200);
    expect(await slip.text()).toContain(x3.code);
    const rec = await h.db.selectFrom('accessRecord').select(['action', 'subjectId']).where('action', '=', 'print').executeTakeFirstOrThrow();
    expect(rec.subjectId).toBe(fx.business.B2);
    expect((await clients.get('b1')!.get(`/surveys/${x3.id}/slip`)).status).toBe(403);
  });

  it('a link stops working after 30 days', async () => {
    const r = await h.db.transaction().execute(async (trx) => {
      await trx.updateTable('participation').set({ status: 'rejected', decidedOn: '2026-12-04' }).where('id', '=', fx.participation.X4!).execute();
      return h.services.surveys.offerSurvey(trx, fx.participation.X4!, { via: 'manual' });
    });
    h.clock.advance(31 * 86_400_000);
    expect((await h.client().get(`/s/${r!.token}`)).status).toBe(404);
  });
});
