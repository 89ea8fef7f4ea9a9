import { describe, expect, it } from 'vitest';
import { kstDate, kstHour } from '../korean-time.ts';
import {
  accessFlags,
  addMonths,
  calendarGrid,
  caseloadBalance,
  EMPTY_FACTS,
  figures,
  funnel,
  histogramOf,
  inactiveClerks,
  medianOf,
  mergeHistograms,
  monthPeriod,
  mostApplied,
  mostSuccessful,
  periodInstants,
  planHandover,
  previousMonth,
  publicCount,
  publicFigures,
  publicSatisfaction,
  responseScore,
  satisfaction,
  satisfactionFacts,
  statusDistribution,
  trendMonths,
  type BreakdownRow,
  type GroupFacts,
} from './index.ts';

describe('periods (Korean calendar)', () => {
  it('knows month ends, previous months and the 12-month trend window', () => {
    expect(monthPeriod('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthPeriod('2028-02').to).toBe('2028-02-29');
    expect(previousMonth('2026-01-01')).toBe('2025-12');
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(trendMonths({ from: '2026-11-01', to: '2026-11-30' })).toEqual(['2025-12', ...Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)]);
  });
  it('turns instants into Korean dates and hours, and periods into instants', () => {
    expect(kstDate(new Date('2026-11-30T15:00:00Z'))).toBe('2026-12-01');
    expect(kstHour(new Date('2026-11-30T11:30:00Z'))).toBe(20);
    const { start, end } = periodInstants({ from: '2026-11-01', to: '2026-11-30' });
    expect(start.toISOString()).toBe('2026-10-31T15:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-30T15:00:00.000Z');
  });
});

describe('figures', () => {
  const facts: GroupFacts = {
    ...EMPTY_FACTS,
    applied: 10,
    appliedSelected: 6,
    appliedRejected: 2,
    appliedWithdrawnUnselected: 1,
    appliedBenefited: 3,
    benefited: 4,
    benefitTotal: 7_000_000,
    identified: 12,
    businessesSupported: 9,
    daysToSubmit: histogramOf([1, 2, 10, 11]),
    daysToBenefit: histogramOf([30, 40, 90]),
  };
  it('computes counts, rates and medians from the facts', () => {
    const f = figures(facts);
    expect(f).toMatchObject({ applications: 10, selected: 6, rejected: 2, withdrawn: 1, pending: 1, benefitedOfApplications: 3, benefited: 4, benefitTotal: 7_000_000, averageBenefit: 1_750_000 });
    expect(f.selectionRate).toBeCloseTo(0.6);
    expect(f.benefitRate).toBeCloseTo(0.5);
    expect(f.conversionRate).toBeCloseTo(0.3);
    expect(f.medianDaysToSubmit).toBe(6);
    expect(f.medianDaysToBenefit).toBe(40);
    expect(funnel(f).map((s) => [s.step, s.count])).toEqual([
      ['applied', 10],
      ['selected', 6],
      ['benefited', 3],
    ]);
  });
  it('has no rate or median without a denominator', () => {
    const f = figures(EMPTY_FACTS);
    expect([f.selectionRate, f.benefitRate, f.medianDaysToSubmit, f.averageBenefit]).toEqual([null, null, null, null]);
  });
  it('takes medians from histograms exactly', () => {
    expect(medianOf(mergeHistograms(histogramOf([5, 1]), histogramOf([3])))).toBe(3);
    expect(medianOf([[7, 4]])).toBe(7);
    expect(medianOf([])).toBeNull();
  });
  it('orders statuses as the workflow does', () => {
    const d = statusDistribution({ submitted: 2, identified: 2 });
    expect(d.map((x) => x.status)).toEqual(['identified', 'informed', 'preparing', 'submitted', 'selected', 'rejected', 'withdrawn', 'benefited']);
    expect(d[0]!.share).toBe(0.5);
  });
  it('ranks programmes by applications and by success (5 applications at least)', () => {
    const row = (key: string, applied: number, benefited: number): BreakdownRow => ({ key, label: key, figures: figures({ ...EMPTY_FACTS, applied, appliedSelected: benefited, appliedBenefited: benefited }) });
    const rows = [row('a', 20, 2), row('b', 5, 4), row('c', 3, 3), row('d', 0, 0)];
    expect(mostApplied(rows).map((r) => r.key)).toEqual(['a', 'b', 'c']);
    expect(mostSuccessful(rows).map((r) => r.key)).toEqual(['b', 'a']);
  });
});

describe('province suppression', () => {
  it('shows 1–4 as "5 미만" and withholds figures derived from small counts', () => {
    expect([0, 1, 4, 5].map(publicCount)).toEqual([0, 'lt5', 'lt5', 5]);
    const f = figures({ ...EMPTY_FACTS, applied: 12, appliedSelected: 9, appliedBenefited: 3, benefited: 3, benefitTotal: 4_500_000, daysToSubmit: histogramOf([1, 2, 3, 4]) });
    const p = publicFigures(f);
    expect(p.applications).toBe(12);
    expect(p.benefited).toBe('lt5');
    expect(p.benefitTotal).toBeNull();
    expect(p.averageBenefit).toBeNull();
    expect(p.selectionRate).toBeNull(); // 12 − 9 = 3 not selected: too few
    expect(p.medianDaysToSubmit).toBeNull();
  });
});

describe('satisfaction (100 points)', () => {
  it('maps 1→0, 3→50, 5→100 and averages responses', () => {
    expect(responseScore({ q1: 5, q2: 5, q3: 5 })).toBe(100);
    expect(responseScore({ q1: 1, q2: 3, q3: 5 })).toBe(50);
    const s = satisfaction(satisfactionFacts([{ q1: 5, q2: 5, q3: 4 }, { q1: 4, q2: 5, q3: 5 }]));
    // ((5+5+4)/3 − 1)/4 = 0.9167, ((4+5+5)/3 − 1)/4 = 0.9167 → 91.7
    expect(s.score100).toBe(91.7);
    expect(s.perQuestion).toEqual({ q1: 87.5, q2: 100, q3: 87.5 });
    expect(publicSatisfaction(s)).toMatchObject({ responses: 'lt5', score100: null });
  });
});

describe('caseload and activity', () => {
  const load = (id: string, n: number) => ({ clerkId: id, name: id, officeId: 1, officeName: 'o', businesses: n, open: 0 });
  it('describes balance and flags clerks far from the mean', () => {
    const b = caseloadBalance([load('a', 10), load('b', 20), load('c', 60)]);
    expect(b).toMatchObject({ clerks: 3, total: 90, mean: 30, min: 10, max: 60 });
    expect(b.over.map((l) => l.clerkId)).toEqual(['c']);
    expect(b.under.map((l) => l.clerkId)).toEqual(['a']);
  });
  it('hands every business to the least loaded clerk, one line per business', () => {
    const plan = planHandover(['x1', 'x2', 'x3', 'x4'], [
      { clerkId: 'a', businesses: 5 },
      { clerkId: 'b', businesses: 3 },
    ]);
    expect(plan.map((p) => p.clerkId)).toEqual(['b', 'b', 'a', 'b']);
    expect(() => planHandover(['x'], [])).toThrow();
  });
  it('lists clerks idle for N days, never-active first', () => {
    const r = inactiveClerks(
      [
        { clerkId: 'a', name: '가', officeName: null, lastActivityOn: '2026-11-20' },
        { clerkId: 'b', name: '나', officeName: null, lastActivityOn: '2026-11-01' },
        { clerkId: 'c', name: '다', officeName: null, lastActivityOn: null },
      ],
      '2026-11-27',
      14,
    );
    expect(r.map((c) => [c.clerkId, c.idleDays])).toEqual([
      ['c', null],
      ['b', 26],
    ]);
  });
  it('lays a month out from Sunday', () => {
    const g = calendarGrid('2026-11', new Map([['2026-11-03', 4]]));
    expect(g[0]!.map((d) => d?.day ?? null)).toEqual([1, 2, 3, 4, 5, 6, 7]); // 1 Nov 2026 is a Sunday
    expect(g[0]![2]!.count).toBe(4);
    expect(g.flat().filter(Boolean)).toHaveLength(30);
  });
});

describe('access review flags', () => {
  it('flags bulk views, downloads and off-hours access per account and day', () => {
    const flags = accessFlags([
      { accountId: 'u1', login: 'kim', day: '2026-11-02', hour: 10, action: 'view', n: 101 },
      { accountId: 'u2', login: 'lee', day: '2026-11-02', hour: 10, action: 'view', n: 100 },
      { accountId: 'u2', login: 'lee', day: '2026-11-02', hour: 11, action: 'download', n: 2 },
      { accountId: 'u3', login: 'park', day: '2026-11-07', hour: 21, action: 'view', n: 1 },
      { accountId: 'u3', login: 'park', day: '2026-11-07', hour: 7, action: 'view', n: 1 },
      { accountId: 'u3', login: 'park', day: '2026-11-07', hour: 8, action: 'view', n: 1 },
      { accountId: 'u4', login: 'choi', day: '2026-11-06', hour: 8, action: 'view', n: 1 },
      { accountId: 'u4', login: 'choi', day: '2026-11-06', hour: 19, action: 'view', n: 1 },
    ]);
    // 2026-11-07 is a Saturday: all three of park's count, 08:00 included; choi's Friday 08–20 does not.
    expect(flags.map((f) => [f.kind, f.login, f.count])).toEqual([
      ['bulkView', 'kim', 101],
      ['download', 'lee', 2],
      ['offHours', 'park', 3],
    ]);
    expect(flags[2]!.weekend).toBe(true);
    expect(flags[2]!.holiday).toBeNull();
  });

  it('a public holiday on a weekday is outside working hours all day, named (대체공휴일 included)', () => {
    // 2026-09-24..26 추석 연휴 (Thu–Sat); 2026-10-06 is a Tuesday and no holiday (10-05 is 대체공휴일 of 개천절).
    const flags = accessFlags([
      { accountId: 'u1', login: 'han', day: '2026-09-24', hour: 10, action: 'view', n: 2 },
      { accountId: 'u2', login: 'oh', day: '2026-10-06', hour: 10, action: 'view', n: 2 },
    ]);
    expect(flags.map((f) => [f.kind, f.login, f.count, f.weekend])).toEqual([['offHours', 'han', 2, false]]);
    expect(flags[0]!.holiday).toContain('추석');
  });
});
