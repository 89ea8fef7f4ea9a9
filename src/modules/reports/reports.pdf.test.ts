import { describe, expect, it } from 'vitest';
import { axisScale } from './reports.pdf.ts';

describe('axisScale (the monthly PDF trend chart)', () => {
  it('labels every gridline with its own value: four equal whole-number steps', () => {
    expect(axisScale(5)).toEqual({ max: 8, step: 2 });
    expect(axisScale(4)).toEqual({ max: 4, step: 1 });
    expect(axisScale(0)).toEqual({ max: 4, step: 1 });
    expect(axisScale(37)).toEqual({ max: 40, step: 10 });
    expect(axisScale(1234)).toEqual({ max: 2000, step: 500 });
  });

  it('covers the largest value without wasting more than 2.5× the height', () => {
    for (let v = 1; v <= 100_000; v = Math.ceil(v * 1.07)) {
      const { max, step } = axisScale(v);
      expect(Number.isInteger(step)).toBe(true);
      expect(max).toBe(step * 4);
      expect(max).toBeGreaterThanOrEqual(v);
      if (v >= 4) expect(max).toBeLessThanOrEqual(v * 2.5);
    }
  });
});
