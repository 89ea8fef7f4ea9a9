import { describe, expect, it } from 'vitest';
import { compileRule } from './eligibility.engine.ts';
import { generateBusinesses, generateCatalogue } from './eligibility.generate.ts';
import { FACT_NAMES, GYEONGGI_MUNICIPALITIES } from './eligibility.reference.ts';
import { BusinessFactsSchema, RuleSchema } from './eligibility.types.ts';

describe('generateBusinesses', () => {
  const bs = generateBusinesses(3000, 42);
  it('is deterministic for a seed', () => {
    expect(generateBusinesses(50, 42)).toEqual(bs.slice(0, 50));
    expect(generateBusinesses(50, 43)).not.toEqual(bs.slice(0, 50));
  });
  it('produces valid facts, labelled as samples', () => {
    for (const b of bs.slice(0, 500)) {
      expect(BusinessFactsSchema.parse(b.facts)).toBeTruthy();
      expect(b.id).toMatch(/^sample-\d{6}$/);
    }
  });
  it('leaves roughly 15–30 % of each fact unknown', () => {
    for (const f of FACT_NAMES) {
      const share = bs.filter((b) => b.facts[f] == null).length / bs.length;
      // closedOn is also null for businesses that never closed: it is not an "unknown" there (and
      // plannedClosureOn for those not closing).
      if (f === 'closedOn' || f === 'taxArrearsDeferred' || f === 'plannedClosureOn') continue;
      expect(share, f).toBeGreaterThan(0.12);
      expect(share, f).toBeLessThan(0.33);
    }
  });
  it('places most businesses in Gyeonggi 시·군', () => {
    const codes = new Set(GYEONGGI_MUNICIPALITIES.map((m) => m.code));
    const known = bs.filter((b) => b.facts.municipalityCode != null);
    expect(known.filter((b) => codes.has(b.facts.municipalityCode!)).length / known.length).toBeGreaterThan(0.9);
  });
  it('has a realistic revenue spread (median around 1억 원)', () => {
    const r = bs.map((b) => b.facts.annualRevenue).filter((x): x is number => x != null).sort((a, b) => a - b);
    const median = r[Math.floor(r.length / 2)]!;
    expect(median).toBeGreaterThan(80_000_000);
    expect(median).toBeLessThan(180_000_000);
  });
});

describe('generateCatalogue', () => {
  it('is deterministic and every rule is valid and compiles', () => {
    const cat = generateCatalogue(300, 9);
    expect(generateCatalogue(300, 9)).toEqual(cat);
    expect(new Set(cat.map((p) => p.key)).size).toBe(300);
    for (const p of cat) {
      expect(RuleSchema.parse(p.rule)).toEqual(p.rule);
      expect(compileRule(p.rule).leafCount).toBeGreaterThan(0);
      expect(p.title).toMatch(/^\(예시\)/);
    }
  });
});
