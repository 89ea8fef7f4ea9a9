import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n.ts';
import { describePeriod } from './programs.format.ts';

describe('describePeriod', () => {
  const t = translator('ko');
  const p = (periodKind: string, periodStart: string | null, periodEnd: string | null) => ({ periodKind, periodStart, periodEnd, periodRaw: null });
  it('counts down to the deadline and marks closed and future periods', () => {
    expect(describePeriod(p('range', '2026-11-01', '2026-12-01'), '2026-11-27', t, 'ko').badge).toEqual({ text: '마감 4일 전', kind: 'soon' });
    expect(describePeriod(p('range', '2026-11-01', '2026-11-27'), '2026-11-27', t, 'ko').badge?.text).toBe('오늘 마감');
    expect(describePeriod(p('range', '2026-11-01', '2026-11-26'), '2026-11-27', t, 'ko').badge?.kind).toBe('closed');
    expect(describePeriod(p('range', '2026-12-01', '2026-12-31'), '2026-11-27', t, 'ko').badge?.kind).toBe('future');
    expect(describePeriod(p('always', null, null), '2026-11-27', t, 'ko').text).toBe('상시 접수');
  });
});
