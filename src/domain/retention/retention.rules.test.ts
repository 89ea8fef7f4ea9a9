import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RETENTION_RULES, dataRequestDue, isPastRetention, outcomeFits, retentionCutoff } from './retention.rules.ts';

const at = new Date('2026-12-02T19:30:00Z'); // 04:30 KST on 3 December, when the job runs

describe('retention rules as data', () => {
  it('has one rule per kind the issue names, each with a legal basis and a positive or per-row period', () => {
    const kinds = RETENTION_RULES.map((r) => r.kind);
    expect(new Set(kinds)).toEqual(new Set(['business', 'document_file', 'applicant', 'help_request', 'session', 'access_record', 'audit_event']));
    expect(new Set(RETENTION_RULES.map((r) => r.id)).size).toBe(RETENTION_RULES.length);
    for (const r of RETENTION_RULES) expect(r.basis).toMatch(/§/);
  });

  it('keeps access records at least 2 years and the audit trail at least 3 (안전성 확보조치 기준 §8①, §5③)', () => {
    const access = RETENTION_RULES.find((r) => r.kind === 'access_record')!;
    const audit = RETENTION_RULES.find((r) => r.kind === 'audit_event')!;
    expect(access.period).toEqual({ years: 2 });
    expect(audit.period).toEqual({ years: 3 });
    expect(access.basis).toContain('§8');
    expect(audit.basis).toContain('§5');
  });
});

describe('retentionCutoff (settable clock)', () => {
  it('counts calendar years and months back from the run', () => {
    expect(retentionCutoff({ years: 2 }, at).toISOString()).toBe('2024-12-02T19:30:00.000Z');
    expect(retentionCutoff({ years: 3 }, at).toISOString()).toBe('2023-12-02T19:30:00.000Z');
    expect(retentionCutoff({ days: 90 }, at).toISOString()).toBe('2026-09-03T19:30:00.000Z');
    expect(retentionCutoff({ months: 0 }, at).toISOString()).toBe(at.toISOString());
    expect(retentionCutoff({ minutes: 30 }, at).toISOString()).toBe('2026-12-02T19:00:00.000Z');
  });

  it('clamps to the month end, so a period never ends early (29 Feb + 1 year)', () => {
    // On 28 Feb 2025 a row of 29 Feb 2024 is not yet a year old; on 1 Mar it is.
    expect(isPastRetention({ years: 1 }, new Date('2024-02-29T00:00:00Z'), new Date('2025-02-28T00:00:00Z'))).toBe(false);
    expect(isPastRetention({ years: 1 }, new Date('2024-02-29T00:00:00Z'), new Date('2025-03-01T00:00:00Z'))).toBe(true);
    expect(retentionCutoff({ months: 1 }, new Date('2026-03-31T12:00:00Z')).toISOString()).toBe('2026-02-28T12:00:00.000Z');
  });

  it('a trigger inside the period is never past it; one a day beyond it always is', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 11 }),
        (now, years, months) => {
          const period = { years, months };
          const justInside = new Date(now.getTime());
          justInside.setUTCFullYear(justInside.getUTCFullYear() - years);
          justInside.setUTCMonth(justInside.getUTCMonth() - months);
          justInside.setUTCDate(justInside.getUTCDate() + 3); // overflow days are covered by the +3
          const wellBeyond = new Date(now.getTime() - (years * 366 + months * 31 + 1) * 86_400_000);
          expect(isPastRetention(period, justInside, now)).toBe(false);
          expect(isPastRetention(period, wellBeyond, now)).toBe(true);
        },
      ),
    );
  });
});

describe('owners’ requests', () => {
  it('are due 10 days after the Korean day they arrive (시행령 §41④, §43③)', () => {
    expect(dataRequestDue('2026-12-02')).toBe('2026-12-12');
    expect(dataRequestDue('2026-12-28')).toBe('2027-01-07');
    expect(dataRequestDue('2028-02-25')).toBe('2028-03-06');
  });
  it('an outcome must fit the request', () => {
    expect(outcomeFits('correction', 'corrected')).toBe(true);
    expect(outcomeFits('correction', 'deleted')).toBe(false);
    expect(outcomeFits('deletion', 'deleted')).toBe(true);
    expect(outcomeFits('deletion', 'corrected')).toBe(false);
    expect(outcomeFits('deletion', 'refused')).toBe(true);
  });
});
