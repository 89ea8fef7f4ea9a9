import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/modules/auth/auth.policy.ts';
import type { Dashboard } from '../../src/modules/reports/reports.service.ts';
import { createHarness, type Harness } from '../harness.ts';
import { loadReportsFixture, NOVEMBER, type ReportsFixture } from './reports.fixture.ts';

/**
 * Every figure against the hand-computed fixture (reports.fixture.ts). The expected numbers are
 * worked out in the comments from the fixture's rows; none is computed by the code under test.
 */
let h: Harness;
let fx: ReportsFixture;
const actors = new Map<string, Actor>();

async function actorOf(login: string): Promise<Actor> {
  const u = await h.db.selectFrom('appUser').selectAll().where('login', '=', login).executeTakeFirstOrThrow();
  return { userId: u.id, login: u.login, displayName: u.displayName, role: u.role, officeId: u.officeId, locale: 'ko', via: 'session' };
}

beforeAll(async () => {
  h = await createHarness();
  fx = await loadReportsFixture(h);
  for (const [k, login] of Object.entries(fx.logins)) actors.set(k, await actorOf(login));
});
afterAll(async () => {
  await h?.close();
});

const nov = (extra: Record<string, string> = {}) => ({ from: NOVEMBER.from, to: NOVEMBER.to, ...extra });
const row = (d: Dashboard, key: string | number | null) => d.rows.find((r) => r.key === (key === null ? null : String(key)));

describe('operator: every figure of November 2026', () => {
  let d: Dashboard;
  beforeAll(async () => {
    d = await h.services.reports.dashboard(actors.get('operator')!, nov({ by: 'office', idleDays: '25' }));
  });

  it('counts applications, the funnel and its rates', () => {
    // 신청일 in November: X1 (11-02), X2 (11-05), X3 (11-06), X4 (11-07), X7 (11-12) = 5.
    expect(d.total.applications).toBe(5);
    // ever 선정: X1 (수혜), X3 (선정 then 취소) = 2; 탈락: X2; 취소 before 선정: X7; waiting: X4.
    expect([d.total.selected, d.total.rejected, d.total.withdrawn, d.total.pending]).toEqual([2, 1, 1, 1]);
    // of the 5 applications, 수혜 now: X1 = 1.
    expect(d.total.benefitedOfApplications).toBe(1);
    expect(d.total.selectionRate).toBeCloseTo(2 / 5);
    expect(d.total.benefitRate).toBeCloseTo(1 / 2);
    expect(d.total.conversionRate).toBeCloseTo(1 / 5);
    expect(d.funnel.map((s) => s.count)).toEqual([5, 2, 1]);
  });

  it('counts benefits by 수혜일 and their amount', () => {
    // 수혜일 in November: X1 (11-20, 1,500,000) and X5 (11-05, 2,000,000; applied in September).
    expect(d.total.benefited).toBe(2);
    expect(d.total.benefitTotal).toBe(3_500_000);
    expect(d.total.averageBenefit).toBe(1_750_000);
  });

  it('counts businesses supported and participations identified (Korean days at the edges)', () => {
    // 상담일지 in Nov: B1, B6. Milestones in Nov: B1 (X1, X2), B2 (X3, X9), B3 (X4), B4 (X5 수혜, X6 발굴), B5 (X7).
    // B7's only 상담일지 is in October; X10 (B3) is 12-01 00:30 in Korea; X11 (B1) 10-31 23:30.
    expect(d.total.businessesSupported).toBe(6);
    // 발굴 in Nov: X2, X3, X4, X6, X7, X9 = 6 (X9 at 23:30 on the 20th counts; X10 and X11 do not).
    expect(d.total.identified).toBe(6);
    const s = Object.fromEntries(d.statuses.map((x) => [x.status, x.count]));
    expect(s).toMatchObject({ identified: 1, informed: 1, preparing: 0, submitted: 1, selected: 0, rejected: 1, withdrawn: 2, benefited: 0 });
  });

  it('takes the median durations from the history timestamps', () => {
    // 발굴 → 신청완료 of the 5 applications: X1 13 (10-20 → 11-02), X2 2, X3 2, X4 2, X7 1 → median 2.
    expect(d.total.medianDaysToSubmit).toBe(2);
    expect(d.total.daysToSubmitN).toBe(5);
    // 발굴 → 수혜 of the 2 benefits: X1 31 (10-20 → 11-20), X5 65 (09-01 → 11-05) → median 48.
    expect(d.total.medianDaysToBenefit).toBe(48);
  });

  it('scores satisfaction on 100 points', () => {
    // Answered in Nov: X1 (5,5,4) and X2 (3,4,5); X5's answer is from October.
    // mean answer 26/6 = 4.333 → (4.333 − 1)/4 × 100 = 83.3; q1 (5+3)/2 = 4 → 75; q2 4.5 → 87.5; q3 4.5 → 87.5.
    expect(d.satisfaction).toMatchObject({ responses: 2, score100: 83.3, perQuestion: { q1: 75, q2: 87.5, q3: 87.5 } });
  });

  it('breaks the figures down by office', () => {
    const a = row(d, fx.officeA)!;
    const b = row(d, fx.officeB)!;
    // A (B1, B2, B3, B6): applications X1 X2 X3 X4; 선정 X1 X3; 수혜 X1 1.5M; 발굴 X2 X3 X4 X9; supported B1 B2 B3 B6.
    expect(a.figures).toMatchObject({ applications: 4, selected: 2, rejected: 1, benefitedOfApplications: 1, benefited: 1, benefitTotal: 1_500_000, identified: 4, businessesSupported: 4, medianDaysToSubmit: 2, medianDaysToBenefit: 31 });
    expect(a.satisfaction).toBe(83.3);
    // B (B4, B5, B7): application X7 (취소 before 선정); 수혜 X5 2M; 발굴 X6 X7; supported B4 B5.
    expect(b.figures).toMatchObject({ applications: 1, selected: 0, withdrawn: 1, benefited: 1, benefitTotal: 2_000_000, identified: 2, businessesSupported: 2, medianDaysToSubmit: 1, medianDaysToBenefit: 65 });
    expect(b.satisfaction).toBeNull();
  });

  it('breaks them down by region, clerk, programme and category', async () => {
    const op = actors.get('operator')!;
    const byRegion = await h.services.reports.dashboard(op, nov({ by: 'region' }));
    expect(row(byRegion, fx.regionA)!.figures.applications).toBe(4);
    expect(row(byRegion, fx.regionB)!.figures.benefitTotal).toBe(2_000_000);

    const byClerk = await h.services.reports.dashboard(op, nov({ by: 'clerk' }));
    // a1 (B1, B2): X1 X2 X3 applied; 발굴 X2 X3 X9; supported B1 B2.  a2 (B3, B6): X4; supported B3 B6.
    expect(row(byClerk, fx.clerks.a1)!.figures).toMatchObject({ applications: 3, selected: 2, benefited: 1, identified: 3, businessesSupported: 2 });
    expect(row(byClerk, fx.clerks.a2)!.figures).toMatchObject({ applications: 1, identified: 1, businessesSupported: 2 });
    expect(row(byClerk, fx.clerks.b1)!.figures).toMatchObject({ applications: 1, benefited: 1, identified: 2, businessesSupported: 2 });

    const byProgramme = await h.services.reports.dashboard(op, nov({ by: 'programme' }));
    // P1: applied X1 X3; 수혜일 X1 X5 (3.5M); 발굴 X3; businesses via participations B1 B2 B4.
    expect(row(byProgramme, fx.programme.P1)!.figures).toMatchObject({ applications: 2, selected: 2, benefitedOfApplications: 1, benefited: 2, benefitTotal: 3_500_000, identified: 1, businessesSupported: 3 });
    // P2: applied X2 (탈락); 발굴 X2 X6 X9; businesses B1 B4 B2.  P3: applied X4 X7; 발굴 X4 X7; B3 B5.
    expect(row(byProgramme, fx.programme.P2)!.figures).toMatchObject({ applications: 1, rejected: 1, identified: 3, businessesSupported: 3 });
    expect(row(byProgramme, fx.programme.P3)!.figures).toMatchObject({ applications: 2, withdrawn: 1, pending: 1, identified: 2, businessesSupported: 2 });

    const byCategory = await h.services.reports.dashboard(op, nov({ by: 'category' }));
    // 01 금융 = P1 + P3: applied 4, 수혜 2 (3.5M), businesses B1 B2 B4 B3 B5.  07 경영 = P2.
    expect(row(byCategory, '01')!.label).toBe('금융');
    expect(row(byCategory, '01')!.figures).toMatchObject({ applications: 4, benefited: 2, benefitTotal: 3_500_000, businessesSupported: 5 });
    expect(row(byCategory, '07')!.figures).toMatchObject({ applications: 1, businessesSupported: 3 });
  });

  it('filters by programme (businesses then count through participations only)', async () => {
    const f = await h.services.reports.dashboard(actors.get('operator')!, nov({ programme: String(fx.programme.P1) }));
    expect(f.total).toMatchObject({ applications: 2, benefited: 2, businessesSupported: 3 });
  });

  it('ranks the programmes most applied to and most successful', () => {
    // Applications: P1 2, P3 2, P2 1 (ties by benefits of the cohort: P1 has X1). No programme has 5.
    expect(d.topApplied.map((r) => r.key)).toEqual([String(fx.programme.P1), String(fx.programme.P3), String(fx.programme.P2)]);
    expect(d.topSuccessful).toEqual([]);
  });

  it('shows the monthly trend of the 12 months ending in November', () => {
    expect(d.trend.map((m) => m.month)).toEqual(['2025-12', ...Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)]);
    const m = Object.fromEntries(d.trend.map((x) => [x.month, x]));
    // Sept: X5 applied (09-10), B4 (발굴 09-01). Oct: X8 applied; supported B7 (상담), B1 (X1 발굴, X11 10-31 23:30 K), B4 (X5 선정), B5 (X8).
    expect(m['2026-09']).toEqual({ month: '2026-09', applied: 1, benefited: 0, benefitTotal: 0, businessesSupported: 1 });
    expect(m['2026-10']).toEqual({ month: '2026-10', applied: 1, benefited: 0, benefitTotal: 0, businessesSupported: 4 });
    expect(m['2026-11']).toEqual({ month: '2026-11', applied: 5, benefited: 2, benefitTotal: 3_500_000, businessesSupported: 6 });
    expect(m['2026-08']).toEqual({ month: '2026-08', applied: 0, benefited: 0, benefitTotal: 0, businessesSupported: 0 });
  });

  it('shows caseloads and clerks without activity', () => {
    // Assigned now: a1 B1 B2, a2 B3 B6, b1 B4 B5 (B7 has no clerk). Open: a1 X9 X11; a2 X4 X10; b1 X6 X8.
    expect(d.caseload!.loads.map((l) => [l.clerkId, l.businesses, l.open]).sort()).toEqual(
      [
        [fx.clerks.a1, 2, 2],
        [fx.clerks.a2, 2, 2],
        [fx.clerks.b1, 2, 2],
      ].sort(),
    );
    expect(d.caseload!.balance).toMatchObject({ clerks: 3, total: 6, mean: 2, cv: 0 });
    // Today 2026-12-05, 25 days: b1 (last 10-15, 51 days), a1 (11-02, 33 days); a2 (11-15, 20 days) is not idle.
    expect(d.inactive!.map((c) => [c.clerkId, c.idleDays])).toEqual([
      [fx.clerks.b1, 51],
      [fx.clerks.a1, 33],
    ]);
  });
});

describe('scopes', () => {
  it('office lead: their office only, by clerk', async () => {
    const d = await h.services.reports.dashboard(actors.get('lead')!, nov());
    expect(d.dimension).toBe('clerk');
    expect(d.total).toMatchObject({ applications: 4, benefited: 1, benefitTotal: 1_500_000, businessesSupported: 4, identified: 4 });
    expect(d.rows.map((r) => r.key).sort()).toEqual([fx.clerks.a1, fx.clerks.a2].sort());
    expect(d.caseload!.loads.map((l) => l.clerkId).sort()).toEqual([fx.clerks.a1, fx.clerks.a2].sort());
    // A filter for the other office cannot widen the scope.
    const other = await h.services.reports.dashboard(actors.get('lead')!, nov({ office: String(fx.officeB) }));
    expect(other.total.applications).toBe(4);
  });

  it('clerk: their own figures', async () => {
    const d = await h.services.reports.dashboard(actors.get('a1')!, nov({ clerk: fx.clerks.b1 }));
    expect(d.viewer.kind).toBe('clerk');
    expect(d.total).toMatchObject({ applications: 3, selected: 2, benefited: 1, identified: 3, businessesSupported: 2 });
    expect(d.caseload!.loads).toHaveLength(1);
    // Two owners answered (X1, X2): she sees that they did, not the score (one of them could be singled out).
    expect(d.satisfaction).toMatchObject({ responses: 2, score100: null });
  });

  it('province: aggregates only, counts below 5 as "5 미만", derived figures withheld, no clerk', async () => {
    const d = await h.services.reports.dashboard(actors.get('province')!, nov({ by: 'clerk' }));
    expect(d.dimension).toBe('region');
    expect(d.total).toMatchObject({ applications: 5, selected: 'lt5', rejected: 'lt5', benefited: 'lt5', benefitTotal: null, averageBenefit: null, businessesSupported: 6, identified: 6, selectionRate: null });
    // 5 durations to submission: shown; 2 to benefit: withheld.
    expect(d.total.medianDaysToSubmit).toBe(2);
    expect(d.total.medianDaysToBenefit).toBeNull();
    expect(d.satisfaction).toMatchObject({ responses: 'lt5', score100: null });
    expect(d.caseload).toBeNull();
    expect(d.inactive).toBeNull();
    expect(d.options.clerks).toEqual([]);
    expect(row(d, fx.regionA)!.figures.applications).toBe('lt5');
  });

  it('province: whole calendar months only (two periods a day apart cannot be subtracted)', async () => {
    const d = await h.services.reports.dashboard(actors.get('province')!, { from: '2026-11-10', to: '2026-11-20' });
    expect(d.period).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(d.total.applications).toBe(5);
    // Staff keep the days they asked for.
    const op = await h.services.reports.dashboard(actors.get('operator')!, { from: '2026-11-10', to: '2026-11-20' });
    expect(op.period).toEqual({ from: '2026-11-10', to: '2026-11-20' });
  });

  it('province: a status count the others would give away is withheld with a second one', async () => {
    const d = await h.services.reports.dashboard(actors.get('province')!, nov());
    // 발굴 6 in November: identified 1, informed 1, submitted 1, rejected 1, withdrawn 2 (all "5 미만").
    const hidden = d.statuses.filter((s) => typeof s.count !== 'number');
    const shown = d.statuses.filter((s) => typeof s.count === 'number');
    expect(shown.every((s) => s.count === 0)).toBe(true);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    expect(d.statuses.every((s) => typeof s.count === 'number' || s.share === null)).toBe(true);
  });

  it('refuses owners and other roles', async () => {
    const owner = await h.createUser('owner');
    const a = await actorOf(owner.login);
    await expect(h.services.reports.dashboard(a, nov())).rejects.toThrow();
  });
});

describe('the facts stay current (triggers on participation, history, business, 상담일지, survey)', () => {
  it('follows a reassignment, a new 상담일지, a transition and a survey answer', async () => {
    const op = actors.get('operator')!;
    // B3 (X4 applied 11-07, X10) moves from a2 / office A to b1 / office B.
    await h.db.updateTable('business').set({ clerkId: fx.clerks.b1, officeId: fx.officeB, municipalityCode: '41590' }).where('id', '=', fx.business.B3).execute();
    // B7 gets its first November 상담일지.
    await h.db.insertInto('activity').values({ businessId: fx.business.B7, clerkId: fx.clerks.b1, kind: 'call', occurredOn: '2026-11-28', minutes: 5, summary: '전화' }).execute();
    // X4 is selected on 11-29.
    await h.db.updateTable('participation').set({ status: 'selected', decidedOn: '2026-11-29' }).where('id', '=', fx.participation.X4!).execute();
    await h.db.insertInto('participationEvent').values({ participationId: fx.participation.X4!, fromStatus: 'submitted', toStatus: 'selected', reason: null, detail: '{}', actorUserId: null, at: new Date('2026-11-29T01:00:00Z') }).execute();
    // X3's owner answers 5, 5, 5 on 11-29.
    const inv = await h.db.insertInto('surveyInvitation').values({ participationId: fx.participation.X3!, businessId: fx.business.B2, outcome: 'withdrawn', code: 'TEST-DDDD', createdVia: 'manual', expiresAt: new Date('2027-01-31T00:00:00Z') }).returning('id').executeTakeFirstOrThrow();
    await h.db.insertInto('surveyResponse').values({ invitationId: inv.id, q1: 5, q2: 5, q3: 5, comment: null, channel: 'link', answeredAt: new Date('2026-11-29T02:00:00Z') }).execute();

    const d = await h.services.reports.dashboard(op, nov({ by: 'office' }));
    expect(d.total).toMatchObject({ applications: 5, selected: 3, pending: 0, businessesSupported: 7 });
    // Office A keeps X1 X2 X3; office B now has X4 and X7.
    expect(row(d, fx.officeA)!.figures).toMatchObject({ applications: 3, businessesSupported: 3 });
    expect(row(d, fx.officeB)!.figures).toMatchObject({ applications: 2, selected: 1, businessesSupported: 4 });
    // (26 + 15) / 9 = 4.556 → (4.556 − 1)/4 × 100 = 88.9
    expect(d.satisfaction).toMatchObject({ responses: 3, score100: 88.9 });
  });
});
