import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyPlan,
  canTransition,
  isTerminal,
  MAX_BENEFIT_KRW,
  nextStatuses,
  OPEN_STATUSES,
  PARTICIPATION_STATUSES,
  planTransition,
  STATUS_LABELS,
  SUBMISSION_CHANNELS,
  transitionFields,
  type ParticipationState,
  type ParticipationStatus,
  type TransitionData,
} from './participation-workflow.ts';

const TODAY = '2026-11-27';

/**
 * The specification, written out independently of TRANSITIONS: every (from, to) pair that is
 * allowed. The test below walks the full 8 × 8 table, so a pair missing here and allowed in the
 * code (or the other way round) fails.
 */
const ALLOWED = new Set([
  'identified→informed',
  'identified→preparing',
  'identified→submitted',
  'identified→withdrawn',
  'informed→preparing',
  'informed→submitted',
  'informed→withdrawn',
  'preparing→submitted',
  'preparing→informed',
  'preparing→withdrawn',
  'submitted→selected',
  'submitted→rejected',
  'submitted→withdrawn',
  'selected→benefited',
  'selected→withdrawn',
]);

/** Complete, valid data for any target (fields a transition does not use are ignored). */
const FULL: TransitionData = {
  submittedOn: '2026-11-20',
  channel: 'online',
  decidedOn: '2026-11-25',
  amount: 1_500_000,
  benefitedOn: '2026-11-26',
  reason: '대표자 요청',
};
const state = (status: ParticipationStatus, over: Partial<ParticipationState> = {}): ParticipationState => ({
  status,
  submittedOn: ['submitted', 'selected', 'rejected', 'benefited'].includes(status) ? '2026-11-20' : null,
  decidedOn: ['selected', 'rejected', 'benefited'].includes(status) ? '2026-11-25' : null,
  ...over,
});

const PAIRS = PARTICIPATION_STATUSES.flatMap((from) => PARTICIPATION_STATUSES.map((to) => [from, to] as const));

describe('participation workflow: the full from × to table', () => {
  it('has Korean labels for all eight statuses', () => {
    expect(Object.values(STATUS_LABELS)).toEqual(['발굴', '안내', '서류준비', '신청완료', '선정', '탈락', '취소', '수혜']);
  });

  it.each(PAIRS)('%s → %s is allowed exactly when the specification says so', (from, to) => {
    const expected = ALLOWED.has(`${from}→${to}`);
    expect(canTransition(from, to)).toBe(expected);
    const r = planTransition(state(from), to, FULL, TODAY);
    expect(r.ok).toBe(expected);
    if (!r.ok && !expected) expect(r.issues).toEqual([{ field: 'to', code: 'notAllowed' }]);
    if (r.ok) {
      expect(r.plan.patch.status).toBe(to);
      expect(r.plan.event).toMatchObject({ from, to });
    }
  });

  it('has 15 allowed and 49 forbidden pairs; 탈락, 취소, 수혜 are terminal; no self-transitions', () => {
    expect(PAIRS.filter(([a, b]) => canTransition(a, b))).toHaveLength(15);
    expect(PARTICIPATION_STATUSES.filter(isTerminal)).toEqual(['rejected', 'withdrawn', 'benefited']);
    for (const s of PARTICIPATION_STATUSES) expect(canTransition(s, s)).toBe(false);
    expect(OPEN_STATUSES).toEqual(['identified', 'informed', 'preparing', 'submitted', 'selected']);
  });
});

describe('what each transition needs', () => {
  const cases: [ParticipationStatus, ParticipationStatus, string[]][] = [
    ['identified', 'informed', []],
    ['identified', 'preparing', []],
    ['informed', 'preparing', []],
    ['identified', 'submitted', ['submittedOn', 'channel']],
    ['preparing', 'submitted', ['submittedOn', 'channel']],
    ['submitted', 'selected', ['decidedOn']],
    ['submitted', 'rejected', ['decidedOn', 'reason']],
    ['submitted', 'withdrawn', ['reason']],
    ['identified', 'withdrawn', ['reason']],
    ['selected', 'withdrawn', ['reason']],
    ['selected', 'benefited', ['amount', 'benefitedOn']],
    ['preparing', 'informed', ['reason']],
  ];
  it.each(cases)('%s → %s requires %j, and refuses when each is missing', (from, to, required) => {
    expect(transitionFields(from, to).required).toEqual(required);
    expect(planTransition(state(from), to, FULL, TODAY).ok).toBe(true);
    for (const f of required) {
      const r = planTransition(state(from), to, { ...FULL, [f]: f === 'amount' ? null : '' }, TODAY);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues).toContainEqual({ field: f, code: 'required' });
    }
    // Nothing else is required: only the required fields given is enough.
    const only = Object.fromEntries(required.map((f) => [f, FULL[f as keyof TransitionData]]));
    expect(planTransition(state(from), to, only, TODAY).ok).toBe(true);
  });

  it('writes the submission date and channel, the decision date, the amount and date', () => {
    const s = planTransition(state('preparing'), 'submitted', { submittedOn: '2026-11-20', channel: 'visit' }, TODAY);
    expect(s.ok && s.plan.patch).toEqual({ status: 'submitted', submittedOn: '2026-11-20', submissionChannel: 'visit' });
    const b = planTransition(state('selected'), 'benefited', { amount: 1_500_000, benefitedOn: '2026-11-26', reason: '  ' }, TODAY);
    expect(b.ok && b.plan).toEqual({
      patch: { status: 'benefited', benefitAmount: 1_500_000, benefitedOn: '2026-11-26' },
      event: { from: 'selected', to: 'benefited', reason: null, detail: { amount: 1_500_000, benefitedOn: '2026-11-26' } },
    });
  });

  it('refuses dates in the future, decisions before the submission, benefits before the decision', () => {
    const future = planTransition(state('preparing'), 'submitted', { submittedOn: '2026-11-28', channel: 'online' }, TODAY);
    expect(!future.ok && future.issues).toEqual([{ field: 'submittedOn', code: 'future' }]);
    const early = planTransition(state('submitted'), 'selected', { decidedOn: '2026-11-19' }, TODAY);
    expect(!early.ok && early.issues).toEqual([{ field: 'decidedOn', code: 'beforeSubmitted' }]);
    const before = planTransition(state('selected'), 'benefited', { amount: 1, benefitedOn: '2026-11-24' }, TODAY);
    expect(!before.ok && before.issues).toEqual([{ field: 'benefitedOn', code: 'beforeDecided' }]);
    const bad = planTransition(state('preparing'), 'submitted', { submittedOn: '2026-02-30', channel: 'online' }, TODAY);
    expect(!bad.ok && bad.issues).toEqual([{ field: 'submittedOn', code: 'date' }]);
  });

  it('refuses amounts that are not a positive whole number of won up to 100억', () => {
    for (const amount of [0, -1, 1.5, MAX_BENEFIT_KRW + 1, Number.NaN]) {
      const r = planTransition(state('selected'), 'benefited', { amount, benefitedOn: TODAY }, TODAY);
      expect(!r.ok && r.issues, String(amount)).toEqual([{ field: 'amount', code: 'amountRange' }]);
    }
    expect(planTransition(state('selected'), 'benefited', { amount: MAX_BENEFIT_KRW, benefitedOn: TODAY }, TODAY).ok).toBe(true);
  });

  it('refuses a reason longer than 500 characters', () => {
    const r = planTransition(state('submitted'), 'withdrawn', { reason: '가'.repeat(501) }, TODAY);
    expect(!r.ok && r.issues).toEqual([{ field: 'reason', code: 'tooLong' }]);
  });
});

// ── Properties ───────────────────────────────────────────────────────────────────────────────
const statusArb = fc.constantFrom(...PARTICIPATION_STATUSES);
const dateArb = fc.integer({ min: 0, max: 400 }).map((n) => new Date(Date.UTC(2025, 10, 1) + n * 86_400_000).toISOString().slice(0, 10));
const dataArb: fc.Arbitrary<TransitionData> = fc.record(
  {
    submittedOn: fc.option(dateArb),
    channel: fc.option(fc.constantFrom(...SUBMISSION_CHANNELS)),
    decidedOn: fc.option(dateArb),
    amount: fc.option(fc.oneof(fc.integer({ min: -10, max: 5_000_000 }), fc.double())),
    benefitedOn: fc.option(dateArb),
    reason: fc.option(fc.string({ maxLength: 20 })),
  },
  { requiredKeys: [] },
);

describe('participation workflow properties', () => {
  it('a plan is never made for a forbidden pair, and an allowed pair with complete valid data always plans', () => {
    fc.assert(
      fc.property(statusArb, statusArb, dataArb, (from, to, data) => {
        const r = planTransition(state(from), to, data, TODAY);
        if (!canTransition(from, to)) return !r.ok && r.issues[0]!.code === 'notAllowed';
        if (r.ok) return r.plan.patch.status === to;
        return r.issues.every((i) => i.field !== 'to');
      }),
    );
    fc.assert(fc.property(statusArb, statusArb, (from, to) => planTransition(state(from), to, FULL, TODAY).ok === canTransition(from, to)));
  });

  it('any walk from 발굴 stays in the table, keeps dates ordered, and ends only in 탈락/취소/수혜', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), dataArb), { maxLength: 12 }), (steps) => {
        let s: ParticipationState = { status: 'identified', submittedOn: null, decidedOn: null };
        for (const [pick, data] of steps) {
          const options = nextStatuses(s.status);
          if (!options.length) break;
          const to = options[pick % options.length]!;
          const r = planTransition(s, to, data, TODAY);
          if (!r.ok) continue; // refused: the state does not change
          s = applyPlan(s, r.plan);
          if (s.submittedOn && s.submittedOn > TODAY) return false;
          if (s.decidedOn && s.submittedOn && s.decidedOn < s.submittedOn) return false;
        }
        return PARTICIPATION_STATUSES.includes(s.status) && isTerminal(s.status) === (nextStatuses(s.status).length === 0);
      }),
    );
  });

  it('every status is reachable from 발굴, and a terminal status is reachable from every status', () => {
    const reach = (from: ParticipationStatus) => {
      const seen = new Set<ParticipationStatus>([from]);
      const queue = [from];
      while (queue.length) {
        for (const n of nextStatuses(queue.shift()!)) {
          if (!seen.has(n)) {
            seen.add(n);
            queue.push(n);
          }
        }
      }
      return seen;
    };
    expect([...reach('identified')].sort()).toEqual([...PARTICIPATION_STATUSES].sort());
    for (const s of PARTICIPATION_STATUSES) expect([...reach(s)].some(isTerminal), s).toBe(true);
  });
});
