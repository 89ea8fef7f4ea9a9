import { describe, expect, it } from 'vitest';
import { barChart, funnelChart } from './reports.charts.ts';

describe('dashboard charts (kept by their option)', () => {
  it('the same chart drawn again is the same picture, labelled by the caller', () => {
    const series = [{ name: '신청', values: [3, null, 12] }];
    const first = barChart(['1월', '2월', '3월'], series, { labelledBy: 'trend-cap' });
    const again = barChart(['1월', '2월', '3월'], series, { labelledBy: 'other-cap' });
    expect(first).toContain('aria-labelledby="trend-cap"');
    expect(again).toContain('aria-labelledby="other-cap"');
    expect(again.replace('other-cap', 'trend-cap')).toBe(first);
  });

  it('other values, another size or another kind of chart are drawn anew', () => {
    const a = barChart(['가'], [{ name: '신청', values: [1] }], { labelledBy: 'x' });
    expect(barChart(['가'], [{ name: '신청', values: [2] }], { labelledBy: 'x' })).not.toBe(a);
    expect(barChart(['가'], [{ name: '신청', values: [1] }], { labelledBy: 'x', height: 200 })).not.toBe(a);
    expect(funnelChart([{ label: '가', count: 1 }], { labelledBy: 'x' })).not.toBe(a);
  });
});
