/**
 * Ranking per office, and selection within each office's quota with a waiting list (pure).
 *
 * TIE RULE (shown to the operator on the ranking page, and applied in this order):
 *   1. higher total score;
 *   2. higher 면접 (interview) subtotal;
 *   3. higher 서류 (document) subtotal;
 *   4. earlier submission (먼저 제출한 지원서);
 *   5. lower receipt number (접수번호) — unique, so the order is total and deterministic.
 * The input order never matters: the same applicants always give the same ranking.
 */
export interface Candidate {
  id: number;
  officeId: number;
  receiptNo: string;
  /** ISO timestamp of submission. */
  submittedAt: string;
  eligible: boolean;
  total: number | null;
  document: number | null;
  interview: number | null;
}

export const TIE_RULE = ['total', 'interview', 'document', 'submittedAt', 'receiptNo'] as const;

const desc = (a: number | null, b: number | null) => (b ?? -1) - (a ?? -1);

export function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    desc(a.total, b.total) ||
    desc(a.interview, b.interview) ||
    desc(a.document, b.document) ||
    (a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : 0) ||
    (a.receiptNo < b.receiptNo ? -1 : a.receiptNo > b.receiptNo ? 1 : 0) ||
    a.id - b.id
  );
}

/** Eligible candidates with a total, in rank order. */
export function rank(candidates: readonly Candidate[]): Candidate[] {
  return candidates.filter((c) => c.eligible && c.total !== null).sort(compareCandidates);
}

export interface OfficeSelection {
  officeId: number;
  quota: number;
  /** In rank order. */
  selected: Candidate[];
  waiting: Candidate[];
  /** Ineligible, or not scored: never selected. */
  notRanked: Candidate[];
}

/** Splits each office's ranking at its quota: never more selected than the quota. */
export function selectByOffice(candidates: readonly Candidate[], quotas: ReadonlyMap<number, number>): OfficeSelection[] {
  const out: OfficeSelection[] = [];
  const offices = [...new Set([...quotas.keys(), ...candidates.map((c) => c.officeId)])].sort((a, b) => a - b);
  for (const officeId of offices) {
    const quota = Math.max(0, Math.floor(quotas.get(officeId) ?? 0));
    const own = candidates.filter((c) => c.officeId === officeId);
    const ranked = rank(own);
    const rankedIds = new Set(ranked.map((c) => c.id));
    out.push({
      officeId,
      quota,
      selected: ranked.slice(0, quota),
      waiting: ranked.slice(quota),
      notRanked: own.filter((c) => !rankedIds.has(c.id)).sort(compareCandidates),
    });
  }
  return out;
}

/** The current state of one office after selection: ids in rank order. */
export interface OfficeState {
  quota: number;
  selected: number[];
  waiting: number[];
}

/**
 * Someone declines (a selected applicant, or someone on the waiting list). A selected place that
 * becomes free goes to the first person on the waiting list; the list moves up by one.
 */
export function applyDecline(state: OfficeState, declinedId: number): OfficeState & { promoted: number | null } {
  if (state.waiting.includes(declinedId)) {
    return { ...state, waiting: state.waiting.filter((id) => id !== declinedId), promoted: null };
  }
  if (!state.selected.includes(declinedId)) return { ...state, promoted: null };
  const selected = state.selected.filter((id) => id !== declinedId);
  const waiting = [...state.waiting];
  let promoted: number | null = null;
  while (selected.length < state.quota && waiting.length) {
    const next = waiting.shift()!;
    selected.push(next);
    promoted ??= next;
  }
  return { quota: state.quota, selected, waiting, promoted };
}
