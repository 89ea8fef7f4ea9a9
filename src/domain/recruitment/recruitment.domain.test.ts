import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sniffMediaType, safeFileName } from './files.ts';
import { containsRrn as looksLikeRrn, fieldsWithRrn } from '../identifiers.ts';
import { maskName } from '../masking.ts';
import { aggregate, daysToJob, figures, median, publicCount, type ReferralFacts } from './reemployment.ts';
import { applyDecline, compareCandidates, rank, selectByOffice, type Candidate, type OfficeState } from './ranking.ts';
import { defaultCriteria, reviewComplete, summarize, weightsValid } from './scoring.ts';
import { defaultQuestions, screen, validQuestions } from './screening.ts';
import { caseloadCheck, hoursCompleted } from './training.ts';

describe('screening', () => {
  const qs = defaultQuestions();
  it('is eligible when every answer passes, with a reason per question', () => {
    const r = screen(qs, { residence: '41110', career: '3', careerBreak: 'yes' });
    expect(r.verdict).toBe('eligible');
    expect(r.results.map((x) => x.outcome)).toEqual(['pass', 'pass', 'pass']);
    expect(r.results[1]).toMatchObject({ min: 1, answer: '3' });
  });
  it('is ineligible when any answer fails, naming which', () => {
    const r = screen(qs, { residence: 'outside', career: '5', careerBreak: 'yes' });
    expect(r.verdict).toBe('ineligible');
    expect(r.results.find((x) => x.outcome === 'fail')!.code).toBe('residence');
    expect(screen(qs, { residence: '11110', career: '5', careerBreak: 'yes' }).verdict).toBe('ineligible'); // Seoul
    expect(screen(qs, { residence: '41110', career: '0.5', careerBreak: 'yes' }).verdict).toBe('ineligible');
    expect(screen(qs, { residence: '41110', career: '2', careerBreak: 'no' }).verdict).toBe('ineligible');
  });
  it('reads a missing answer as unknown, never as no', () => {
    const r = screen(qs, { residence: '41110', career: '', careerBreak: undefined });
    expect(r.verdict).toBe('incomplete');
    expect(screen(qs, { residence: '41110', career: 'abc', careerBreak: 'yes' }).verdict).toBe('incomplete');
    // …but a definite fail wins over a missing answer.
    expect(screen(qs, { residence: 'outside' }).verdict).toBe('ineligible');
  });
  it('validates question lists', () => {
    expect(validQuestions(qs)).toBe(true);
    expect(validQuestions([...qs, qs[0]!])).toBe(false);
    expect(validQuestions([{ code: 'x', kind: 'min_years', text: 'x', min: -1 }])).toBe(false);
  });
});

describe('weighted scoring', () => {
  const criteria = defaultCriteria();
  const full = (stage: 'document' | 'interview', v: number) => ({
    stage,
    scores: Object.fromEntries(criteria.filter((c) => c.stage === stage).map((c) => [c.code, v])),
  });
  it('weights add up to 100 and a perfect score is 100', () => {
    expect(weightsValid(criteria)).toBe(true);
    expect(summarize(criteria, [full('document', 10), full('interview', 10)])).toMatchObject({ document: 60, interview: 40, total: 100 });
  });
  it('averages the reviewers of a stage per criterion', () => {
    const s = summarize(criteria, [full('document', 10), full('document', 5), full('interview', 0)]);
    expect(s.document).toBe(45);
    expect(s.interview).toBe(0);
    expect(s.total).toBe(45);
    expect(s.reviews).toEqual({ document: 2, interview: 1 });
  });
  it('has no total until every stage is scored, and ignores incomplete reviews', () => {
    expect(summarize(criteria, [full('document', 8)]).total).toBeNull();
    const partial = { stage: 'interview' as const, scores: { understanding: 5 } };
    expect(reviewComplete(criteria, partial)).toBe(false);
    expect(summarize(criteria, [full('document', 8), partial]).interview).toBeNull();
  });
  it('rejects bad weights', () => {
    expect(weightsValid([{ code: 'a', name: 'a', stage: 'document', weight: 99 }])).toBe(false);
    expect(weightsValid([])).toBe(false);
  });
  it('always lies within 0..100 (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom<'document' | 'interview'>('document', 'interview'), fc.integer({ min: 0, max: 10 })), {
          maxLength: 6,
        }),
        (rs) => {
          const s = summarize(
            criteria,
            rs.map(([st, v]) => full(st, v)),
          );
          return s.total === null || (s.total >= 0 && s.total <= 100);
        },
      ),
    );
  });
});

const candidate = fc.record({
  id: fc.integer({ min: 1, max: 10_000 }),
  officeId: fc.integer({ min: 1, max: 4 }),
  receiptNo: fc.integer({ min: 1, max: 9999 }).map((n) => `R1-${String(n).padStart(4, '0')}`),
  submittedAt: fc.integer({ min: 0, max: 20 }).map((d) => new Date(Date.UTC(2026, 3, 19 + d)).toISOString()),
  eligible: fc.boolean(),
  total: fc.option(
    fc.integer({ min: 0, max: 20 }).map((n) => n * 5),
    { nil: null },
  ),
  document: fc.option(
    fc.integer({ min: 0, max: 3 }).map((n) => n * 20),
    { nil: null },
  ),
  interview: fc.option(
    fc.integer({ min: 0, max: 3 }).map((n) => n * 10),
    { nil: null },
  ),
});
const candidates = fc.uniqueArray(candidate, { selector: (c) => c.id, maxLength: 40 }).map((cs) =>
  // receipt numbers are unique in a round
  cs.map((c, i) => ({ ...c, receiptNo: `R1-${String(i + 1).padStart(4, '0')}` })),
);
const quotas = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 4 }).map((q) => new Map(q.map((n, i) => [i + 1, n])));

describe('ranking and the tie rule', () => {
  const base: Candidate = {
    id: 1,
    officeId: 1,
    receiptNo: 'R1-0001',
    submittedAt: '2026-04-20T00:00:00.000Z',
    eligible: true,
    total: 80,
    document: 50,
    interview: 30,
  };
  it('breaks ties by interview, then document, then submission time, then receipt number', () => {
    const byInterview = { ...base, id: 2, receiptNo: 'R1-0002', document: 45, interview: 35 };
    expect(rank([base, byInterview]).map((c) => c.id)).toEqual([2, 1]);
    const byDocument = { ...base, id: 3, receiptNo: 'R1-0003', total: 80, document: 50, interview: 30 };
    const earlier = { ...byDocument, submittedAt: '2026-04-19T00:00:00.000Z' };
    expect(rank([base, earlier]).map((c) => c.id)).toEqual([3, 1]);
    expect(
      rank([
        { ...base, receiptNo: 'R1-0009' },
        { ...base, id: 4, receiptNo: 'R1-0004' },
      ]).map((c) => c.id),
    ).toEqual([4, 1]);
  });
  it('leaves out the ineligible and the unscored', () => {
    expect(rank([base, { ...base, id: 2, eligible: false }, { ...base, id: 3, total: null }]).map((c) => c.id)).toEqual([1]);
  });
  it('is deterministic: any input order gives the same ranking (property)', () => {
    fc.assert(
      fc.property(
        candidates.chain((cs) => fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length, maxLength: cs.length }))),
        ([cs, shuffled]) => {
          expect(rank(shuffled).map((c) => c.id)).toEqual(rank(cs).map((c) => c.id));
        },
      ),
    );
  });
  it('is a strict total order (antisymmetric) for distinct candidates (property)', () => {
    fc.assert(
      fc.property(candidates, (cs) => {
        for (const a of cs)
          for (const b of cs) if (a.id !== b.id) expect(Math.sign(compareCandidates(a, b))).toBe(-Math.sign(compareCandidates(b, a)));
      }),
    );
  });
});

describe('selection within quota and the waiting list', () => {
  it('never selects more than the quota of an office, and only eligible scored people (property)', () => {
    fc.assert(
      fc.property(candidates, quotas, (cs, q) => {
        for (const s of selectByOffice(cs, q)) {
          expect(s.selected.length).toBeLessThanOrEqual(q.get(s.officeId) ?? 0);
          expect(s.selected.every((c) => c.eligible && c.total !== null && c.officeId === s.officeId)).toBe(true);
          // fills the quota when enough people are ranked
          const ranked = rank(cs.filter((c) => c.officeId === s.officeId)).length;
          expect(s.selected.length).toBe(Math.min(ranked, s.quota));
          // everyone selected ranks above everyone waiting
          if (s.selected.length && s.waiting.length) expect(compareCandidates(s.selected.at(-1)!, s.waiting[0]!)).toBeLessThan(0);
        }
      }),
    );
  });

  const officeState = fc
    .tuple(fc.integer({ min: 0, max: 6 }), fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { maxLength: 15 }))
    .map(([quota, ids]): OfficeState => ({ quota, selected: ids.slice(0, quota), waiting: ids.slice(quota) }));

  it('a decline of a selected person always promotes the next person waiting (property)', () => {
    fc.assert(
      fc.property(
        officeState.filter((s) => s.selected.length > 0),
        fc.nat(),
        (state, pick) => {
          const declined = state.selected[pick % state.selected.length]!;
          const after = applyDecline(state, declined);
          expect(after.selected).not.toContain(declined);
          expect(after.waiting).not.toContain(declined);
          expect(after.selected.length).toBeLessThanOrEqual(state.quota);
          if (state.waiting.length) {
            expect(after.promoted).toBe(state.waiting[0]);
            expect(after.selected.at(-1)).toBe(state.waiting[0]);
            expect(after.waiting).toEqual(state.waiting.slice(1));
            expect(after.selected.length).toBe(state.selected.length);
          } else {
            expect(after.promoted).toBeNull();
          }
        },
      ),
    );
  });

  it('a decline from the waiting list promotes nobody and keeps the order (property)', () => {
    fc.assert(
      fc.property(
        officeState.filter((s) => s.waiting.length > 0),
        fc.nat(),
        (state, pick) => {
          const declined = state.waiting[pick % state.waiting.length]!;
          const after = applyDecline(state, declined);
          expect(after.promoted).toBeNull();
          expect(after.selected).toEqual(state.selected);
          expect(after.waiting).toEqual(state.waiting.filter((id) => id !== declined));
        },
      ),
    );
  });

  it('repeated declines never exceed the quota and use the list in order (property)', () => {
    fc.assert(
      fc.property(officeState, fc.array(fc.nat(), { maxLength: 10 }), (start, picks) => {
        let s: OfficeState = start;
        const promotedOrder: number[] = [];
        for (const p of picks) {
          if (!s.selected.length) break;
          const r = applyDecline(s, s.selected[p % s.selected.length]!);
          if (r.promoted !== null) promotedOrder.push(r.promoted);
          s = r;
          expect(s.selected.length).toBeLessThanOrEqual(s.quota);
        }
        expect(promotedOrder).toEqual(start.waiting.slice(0, promotedOrder.length));
      }),
    );
  });
});

describe('personal data', () => {
  it('recognises 주민등록번호 shapes and leaves phone numbers and BRNs alone', () => {
    for (const v of ['900101-2345678', '900101 - 2345678', '9001012345678', '주민번호 850315-1234567 입니다', '123456-1234567'])
      expect(looksLikeRrn(v), v).toBe(true);
    for (const v of ['010-1234-5678', '220-81-62517', '2026-04-19', '12345678901234', '회계 경력 5년', '', null])
      expect(looksLikeRrn(v), String(v)).toBe(false);
    expect(fieldsWithRrn({ a: 'x', b: '900101-2345678', c: ['ok', '9001012345678'] })).toEqual(['b', 'c']);
  });
  it('masks names by one rule', () => {
    expect(maskName('김지용')).toBe('김*용');
    expect(maskName('남궁민수')).toBe('남**수');
    expect(maskName('이수')).toBe('이*');
  });
});

describe('files', () => {
  it('recognises PDF, PNG and JPEG by their bytes, not their names', () => {
    expect(sniffMediaType(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffMediaType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffMediaType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffMediaType(new TextEncoder().encode('MZ executable'))).toBeNull();
    expect(sniffMediaType(new Uint8Array([]))).toBeNull();
  });
  it('cleans file names and fixes the extension to the real type', () => {
    expect(safeFileName('../../etc/자격증.exe', 'application/pdf')).toBe('자격증.pdf');
    expect(safeFileName('C:\\x\\"a".png', 'image/png')).toBe('a.png');
    expect(safeFileName('', 'image/jpeg')).toBe('file.jpg');
  });
});

describe('re-employment figures', () => {
  const r = (o: Partial<ReferralFacts>): ReferralFacts => ({
    referredOn: '2026-12-01',
    contractEnd: '2026-11-30',
    outcome: null,
    employerType: null,
    employedOn: null,
    ...o,
  });
  it('computes rate and time to job from the end of the contract', () => {
    const rows = [
      r({ outcome: 'employed', employerType: 'private', employedOn: '2027-01-29' }),
      r({ outcome: 'employed', employerType: 'public', employedOn: '2026-12-10' }),
      r({ outcome: 'seeking' }),
      r({ outcome: 'not_seeking' }),
      r({}),
    ];
    const f = figures(rows);
    expect(f).toMatchObject({ referred: 5, employed: 2, seeking: 1, notSeeking: 1, open: 1, rate: 0.4, medianDaysToJob: 35 });
    expect(f.byEmployerType).toMatchObject({ private: 1, public: 1, social: 0 });
    expect(daysToJob(r({ outcome: 'employed', employedOn: '2026-11-01' }))).toBe(0);
    expect(median([3, 1, 2])).toBe(2);
  });
  it('shows counts below 5 as "fewer than 5" and withholds figures derived from them', () => {
    expect(publicCount(0)).toBe(0);
    expect(publicCount(4)).toBe('lt5');
    expect(publicCount(5)).toBe(5);
    const few = aggregate(figures([r({ outcome: 'employed', employedOn: '2026-12-20', employerType: 'private' }), r({})]));
    expect(few).toMatchObject({ referred: 'lt5', employed: 'lt5', rate: null, medianDaysToJob: null });
    const many = aggregate(
      figures(
        [...Array(6)]
          .map(() => r({ outcome: 'employed', employedOn: '2026-12-20', employerType: 'private' }))
          .concat([...Array(5)].map(() => r({ outcome: 'seeking' }))),
      ),
    );
    expect(many.referred).toBe(11);
    expect(many.rate).toBeCloseTo(6 / 11);
    expect(many.medianDaysToJob).toBe(20);
    expect(many.byEmployerType.private).toBe(6);
  });
});

describe('training gate', () => {
  it('needs every course marked for caseload to be complete', () => {
    const courses = [
      { courseId: 1, title: '직무 기본', requiredHours: 16, requiredForCaseload: true },
      { courseId: 2, title: '심화', requiredHours: 8, requiredForCaseload: false },
    ];
    expect(hoursCompleted([{ hours: 8 }, { hours: 4.5 }])).toBe(12.5);
    expect(caseloadCheck(courses, new Map([[1, 12]]))).toEqual({
      ok: false,
      missing: [{ courseId: 1, title: '직무 기본', hours: 12, requiredHours: 16 }],
    });
    expect(caseloadCheck(courses, new Map([[1, 16]])).ok).toBe(true);
    expect(caseloadCheck([], new Map()).ok).toBe(true);
  });
});
