import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, compileRule } from '../eligibility/index.ts';
import { planVersion } from '../matching/index.ts';
import { storeFacts } from '../stores/store-facts.ts';
import { matchShops } from './outreach.match.ts';
import { askCounts, askSummary, askWords } from './outreach.unknowns.ts';
import { groupByDong, metresBetween, nearestNeighbourWalk, planVisitDay, type WalkPoint } from './outreach.walk.ts';

const p = (id: string, lon: number | null, lat: number | null, dong: string | null = '파장동'): WalkPoint => ({ id, dong, lon, lat });

describe('nearest-neighbour walk', () => {
  it('goes to the nearest unvisited shop each time, from the start', () => {
    // On a line (same latitude): 0, 3, 1, 2 → from 0: 0, 1, 2, 3.
    const pts = [p('a', 127.0, 37.3), p('d', 127.03, 37.3), p('b', 127.01, 37.3), p('c', 127.02, 37.3)];
    expect(nearestNeighbourWalk(pts).map((x) => x.id)).toEqual(['a', 'b', 'c', 'd']);
    // From d (index 1): d, c, b, a.
    expect(nearestNeighbourWalk(pts, 1).map((x) => x.id)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('puts shops without coordinates last and keeps every shop once', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.option(fc.double({ min: 126.5, max: 127.5, noNaN: true })), fc.double({ min: 37, max: 38, noNaN: true })), { maxLength: 30 }), (xs) => {
        const pts = xs.map(([lon, lat], i) => p(String(i), lon, lat));
        const walk = nearestNeighbourWalk(pts);
        expect(walk.map((x) => x.id).sort()).toEqual(pts.map((x) => x.id).sort());
        const firstUnplaced = walk.findIndex((x) => x.lon === null);
        if (firstUnplaced >= 0) expect(walk.slice(firstUnplaced).every((x) => x.lon === null)).toBe(true);
      }),
    );
  });

  it('each step is to a nearest remaining shop (the greedy property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 127, max: 127.1, noNaN: true }), fc.double({ min: 37.2, max: 37.3, noNaN: true })), { minLength: 2, maxLength: 25 }), (xs) => {
        const walk = nearestNeighbourWalk(xs.map(([lon, lat], i) => p(String(i), lon, lat))) as (WalkPoint & { lon: number; lat: number })[];
        for (let i = 0; i + 1 < walk.length; i++) {
          const step = metresBetween(walk[i]!, walk[i + 1]!);
          for (const later of walk.slice(i + 1)) expect(step).toBeLessThanOrEqual(metresBetween(walk[i]!, later) + 1e-6);
        }
      }),
    );
  });
});

describe('grouping by 행정동', () => {
  it('keeps the walk order inside a 행정동, groups in the order first reached, 행정동 없음 last', () => {
    const walk = [p('1', 1, 1, '가동'), p('2', 1, 1, null), p('3', 1, 1, '나동'), p('4', 1, 1, '가동'), p('5', 1, 1, '나동')];
    expect(groupByDong(walk).map((g) => [g.dong, g.stops.map((s) => s.id)])).toEqual([
      ['가동', ['1', '4']],
      ['나동', ['3', '5']],
      [null, ['2']],
    ]);
  });
});

describe('a day of visits', () => {
  it('chooses the N shops of the densest spot, not the far ones', () => {
    // A cluster of 5 in 파장동 and 4 scattered far away.
    const cluster = [0, 1, 2, 3, 4].map((i) => p(`c${i}`, 127.0 + i * 0.0005, 37.3, '파장동'));
    const far = [p('f1', 127.2, 37.5, '먼동'), p('f2', 126.8, 37.1, '먼동'), p('f3', 127.3, 37.0, '먼동'), p('f4', 126.9, 37.6, '먼동')];
    const day = planVisitDay([...far, ...cluster], 5);
    expect(day).toHaveLength(1);
    expect(day[0]!.dong).toBe('파장동');
    const ids = day[0]!.stops.map((s) => s.id);
    expect([...ids].sort()).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    // On a line the walk never doubles back: after its start it goes one way, then the other.
    const xs = day[0]!.stops.map((s) => s.lon!);
    const turns = xs.slice(2).filter((x, i) => Math.sign(x - xs[i + 1]!) !== Math.sign(xs[i + 1]! - xs[i]!)).length;
    expect(turns).toBeLessThanOrEqual(1);
  });

  it('gives exactly min(N, candidates) distinct shops, grouped by 행정동', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 127, max: 127.2, noNaN: true }), fc.double({ min: 37.2, max: 37.4, noNaN: true }), fc.constantFrom('가동', '나동', '다동', null)), { maxLength: 40 }),
        fc.integer({ min: 1, max: 20 }),
        (xs, n) => {
          const pts = xs.map(([lon, lat, dong], i) => p(String(i), lon, lat, dong));
          const day = planVisitDay(pts, n);
          const ids = day.flatMap((g) => g.stops.map((s) => s.id));
          expect(ids).toHaveLength(Math.min(n, pts.length));
          expect(new Set(ids).size).toBe(ids.length);
          expect(new Set(day.map((g) => g.dong)).size).toBe(day.length);
          for (const g of day) expect(g.stops.every((s) => s.dong === g.dong)).toBe(true);
        },
      ),
    );
  });
});

describe('what is unknown, in plain Korean', () => {
  it('"업력·매출을 물어봐야 함", words deduplicated and in asking order', () => {
    expect(askSummary(['annualRevenue', 'openedOn'])).toBe('업력·매출을 물어봐야 함');
    expect(askSummary(['localTaxArrears', 'nationalTaxArrears'])).toBe('세금 체납을 물어봐야 함');
    expect(askSummary(['operatingStatus'])).toBe('영업 상태를 물어봐야 함');
    expect(askSummary(['workers', 'ownerBirthDate', 'openedOn', 'annualRevenue', 'documents'])).toBe('업력·매출·상시근로자 수 외 2가지를 물어봐야 함');
    expect(askSummary([])).toBe('');
    expect(askWords(['previousAnnualRevenue', 'annualRevenue', 'annualRevenueYear'])).toEqual(['매출']);
  });

  it('counts each shop once per question, most needed first', () => {
    expect(
      askCounts([
        ['openedOn', 'annualRevenue'],
        ['openedOn', 'annualRevenueYear', 'annualRevenue'],
        ['workers'],
      ]),
    ).toEqual([
      { word: '업력', shops: 2 },
      { word: '매출', shops: 2 },
      { word: '상시근로자 수', shops: 1 },
    ]);
  });
});

describe('matching registry shops', () => {
  const region = { nationwide: false, sido: [] as string[], municipalities: ['41110'] };
  const reviewed = (key: string, rule: unknown) => planVersion({ key, rule, ruleReview: 'reviewed', ...region });
  const shops = [
    { id: 's1', sidoCode: '41', municipalityCode: '41110', ksicCode: '56111' },
    { id: 's2', sidoCode: '41', municipalityCode: '41110', ksicCode: '47122' },
    { id: 's3', sidoCode: '41', municipalityCode: '41280', ksicCode: '56111' }, // another 시·군
    { id: 's4', sidoCode: '41', municipalityCode: '41110', ksicCode: '56111' }, // same triple as s1
    { id: 's5', sidoCode: '41', municipalityCode: '41110', ksicCode: null },
  ];

  it('eligible from the file alone, unknown with the questions, ineligible left out; drafted versions never count', () => {
    const plans = [
      reviewed('food', { all: [{ type: 'ksic', include: ['56'] }] }),
      reviewed('young', { all: [{ type: 'businessAge', maxMonths: 36 }, { type: 'revenue', max: 300_000_000 }] }),
      planVersion({ key: 'drafted', rule: { all: [] }, ruleReview: 'drafted', ...region }),
    ];
    const m = matchShops(shops, plans, '2026-12-02');
    expect(m.rows).toBe(4);
    expect(m.verdicts.get(0)).toMatchObject({ status: 'eligible', eligible: ['food'], unknown: ['young'] });
    expect(askSummary(m.verdicts.get(0)!.missing)).toBe('업력·매출을 물어봐야 함');
    expect(m.verdicts.get(1)).toMatchObject({ status: 'unknown', eligible: [], unknown: ['young'] });
    expect(m.verdicts.has(2)).toBe(false);
    expect(m.verdicts.get(3)).toEqual(m.verdicts.get(0));
    expect(m.verdicts.get(4)).toMatchObject({ status: 'unknown', unknown: ['food', 'young'] });
    expect(m.perProgramme.get('food')).toEqual({ eligible: 2, unknown: 1 });
    expect(m.perProgramme.has('drafted')).toBe(false);
  });

  it('agrees with the per-business engine shop by shop (random KSIC rules)', () => {
    const ksics = ['56111', '47122', '96112', '10711', null];
    fc.assert(
      fc.property(fc.subarray(['5', '56', '47', '96112', 'C', 'G'], { minLength: 1 }), fc.boolean(), (include, negate) => {
        const crit = { type: 'ksic', include };
        const rule = negate ? { not: crit } : { all: [crit, { type: 'workers', maxExclusive: 5 }] };
        const plan = reviewed('x', rule);
        const rows = ksics.map((k, i) => ({ id: String(i), sidoCode: '41', municipalityCode: '41110', ksicCode: k }));
        const m = matchShops(rows, [plan], '2026-12-02');
        const compiled = compileRule(plan.rule, { validate: false });
        rows.forEach((s, i) => {
          const e = evaluate(compiled, storeFacts(s), '2026-12-02');
          const got = m.verdicts.get(i);
          expect(got ? (got.eligible.length ? 'eligible' : 'unknown') : 'ineligible').toBe(e.verdict);
          if (e.verdict === 'unknown') expect([...got!.missing].sort()).toEqual([...e.missing].sort());
        });
      }),
    );
  });
});
