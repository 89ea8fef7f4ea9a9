/**
 * 사업 참여 (participation) workflow: a pure state machine, no I/O.
 *
 * A participation is one business × one programme version (docs/domain.md "Names in code"). Its
 * statuses, in the order the programme reports them (issue 4, "Participations"):
 *
 *   발굴 identified → 안내 informed → 서류준비 preparing → 신청완료 submitted
 *     → 선정 selected | 탈락 rejected | 취소 withdrawn;  선정 → 수혜 benefited (amount and date)
 *
 * Decisions taken here (argued in the issue note):
 * - Forward skips before submission are allowed (발굴 → 서류준비, 발굴 → 신청완료, 안내 → 신청완료):
 *   the typical case in docs/domain.md is a clerk who finds a fund and applies on the spot with the
 *   owner in one visit; forcing three clicks adds nothing to the record, which keeps who/when/why.
 * - One step back, 서류준비 → 안내, is allowed with a reason (the owner pauses, or the notice was
 *   misread): nothing was sent to the agency yet. Nothing goes back once 신청완료: the
 *   application exists at the agency and the official figures count it.
 * - 취소 (withdrawn) is reachable from every open status up to and including 선정 (선정 후 포기 /
 *   협약 포기 happens), always with a reason.
 * - 탈락, 취소 and 수혜 are terminal. A new application next year is a new participation.
 * - Dates: 신청일 is not in the future; 결정일 is not before 신청일; 수혜일 is not before 결정일;
 *   none is in the future (Korean calendar date of "today" is passed in).
 */

export const PARTICIPATION_STATUSES = [
  'identified',
  'informed',
  'preparing',
  'submitted',
  'selected',
  'rejected',
  'withdrawn',
  'benefited',
] as const;
export type ParticipationStatus = (typeof PARTICIPATION_STATUSES)[number];

/** Korean labels as the programme's reports name them. */
export const STATUS_LABELS: Readonly<Record<ParticipationStatus, string>> = {
  identified: '발굴',
  informed: '안내',
  preparing: '서류준비',
  submitted: '신청완료',
  selected: '선정',
  rejected: '탈락',
  withdrawn: '취소',
  benefited: '수혜',
};

/** How the application reached the agency (신청 경로). */
export const SUBMISSION_CHANNELS = ['online', 'visit', 'mail', 'email'] as const;
export type SubmissionChannel = (typeof SUBMISSION_CHANNELS)[number];
export const CHANNEL_LABELS: Readonly<Record<SubmissionChannel, string>> = {
  online: '온라인',
  visit: '방문',
  mail: '우편',
  email: '이메일',
};

/** The allowed transitions: from → the statuses it may go to. Everything else is forbidden. */
export const TRANSITIONS: Readonly<Record<ParticipationStatus, readonly ParticipationStatus[]>> = {
  identified: ['informed', 'preparing', 'submitted', 'withdrawn'],
  informed: ['preparing', 'submitted', 'withdrawn'],
  preparing: ['submitted', 'informed', 'withdrawn'],
  submitted: ['selected', 'rejected', 'withdrawn'],
  selected: ['benefited', 'withdrawn'],
  rejected: [],
  withdrawn: [],
  benefited: [],
};

/** Position in the pipeline, to tell a step back from a step forward. */
const RANK: Readonly<Record<ParticipationStatus, number>> = {
  identified: 0,
  informed: 1,
  preparing: 2,
  submitted: 3,
  selected: 4,
  rejected: 4,
  withdrawn: 5,
  benefited: 5,
};

export function isParticipationStatus(v: unknown): v is ParticipationStatus {
  return typeof v === 'string' && (PARTICIPATION_STATUSES as readonly string[]).includes(v);
}

export function canTransition(from: ParticipationStatus, to: ParticipationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function nextStatuses(from: ParticipationStatus): readonly ParticipationStatus[] {
  return TRANSITIONS[from];
}

export function isTerminal(s: ParticipationStatus): boolean {
  return TRANSITIONS[s].length === 0;
}

/** Open = still in progress (a business has at most one open participation per programme). */
export const OPEN_STATUSES: readonly ParticipationStatus[] = PARTICIPATION_STATUSES.filter((s) => !isTerminal(s));

export function isBackward(from: ParticipationStatus, to: ParticipationStatus): boolean {
  return RANK[to] < RANK[from];
}

// ── What each transition needs ───────────────────────────────────────────────────────────────
export type TransitionField = 'submittedOn' | 'channel' | 'decidedOn' | 'amount' | 'benefitedOn' | 'reason';

/**
 * The fields a transition asks for, in form order. `required` must be given; `optional` may be
 * (every transition accepts a reason/memo, which the history shows as "why").
 * - 신청완료: 신청일 and 신청 경로; 선정: 결정일; 탈락: 결정일 and 사유; 취소: 사유;
 *   수혜: 금액 (KRW > 0) and 수혜일; a step back: 사유.
 */
export function transitionFields(
  from: ParticipationStatus,
  to: ParticipationStatus,
): { required: TransitionField[]; optional: TransitionField[] } {
  const required: TransitionField[] = [];
  switch (to) {
    case 'submitted':
      required.push('submittedOn', 'channel');
      break;
    case 'selected':
      required.push('decidedOn');
      break;
    case 'rejected':
      required.push('decidedOn', 'reason');
      break;
    case 'withdrawn':
      required.push('reason');
      break;
    case 'benefited':
      required.push('amount', 'benefitedOn');
      break;
    case 'identified':
    case 'informed':
    case 'preparing':
      break;
  }
  if (isBackward(from, to) && !required.includes('reason')) required.push('reason');
  return { required, optional: required.includes('reason') ? [] : ['reason'] };
}

/** The largest amount accepted (100억 원): above it is a typing error, not a small-business grant. */
export const MAX_BENEFIT_KRW = 10_000_000_000;
export const MAX_REASON_LENGTH = 500;

export interface TransitionData {
  submittedOn?: string | null;
  channel?: SubmissionChannel | null;
  decidedOn?: string | null;
  amount?: number | null;
  benefitedOn?: string | null;
  reason?: string | null;
}

export interface ParticipationState {
  status: ParticipationStatus;
  submittedOn: string | null;
  decidedOn: string | null;
}

export type TransitionIssueCode =
  'notAllowed' | 'required' | 'future' | 'beforeSubmitted' | 'beforeDecided' | 'amountRange' | 'tooLong' | 'date';
export interface TransitionIssue {
  field: TransitionField | 'to';
  code: TransitionIssueCode;
}

/** The columns a transition writes (besides status and version). */
export interface TransitionPatch {
  status: ParticipationStatus;
  submittedOn?: string;
  submissionChannel?: SubmissionChannel;
  decidedOn?: string;
  benefitAmount?: number;
  benefitedOn?: string;
}

export interface TransitionPlan {
  patch: TransitionPatch;
  /** One history row: who and when are added by the caller. */
  event: { from: ParticipationStatus; to: ParticipationStatus; reason: string | null; detail: Record<string, string | number> };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
function isDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
}

/**
 * Checks one transition against the table and its required data, and says what to write.
 * Data for fields the transition does not use is ignored (a form may carry them).
 */
export function planTransition(
  state: ParticipationState,
  to: ParticipationStatus,
  data: TransitionData,
  today: string,
): { ok: true; plan: TransitionPlan } | { ok: false; issues: TransitionIssue[] } {
  if (!canTransition(state.status, to)) return { ok: false, issues: [{ field: 'to', code: 'notAllowed' }] };
  const { required, optional } = transitionFields(state.status, to);
  const used = new Set<TransitionField>([...required, ...optional]);
  const issues: TransitionIssue[] = [];
  for (const f of required) if (!present(data[f])) issues.push({ field: f, code: 'required' });
  const has = (f: TransitionField) => used.has(f) && present(data[f]) && !issues.some((i) => i.field === f);

  const checkDate = (f: 'submittedOn' | 'decidedOn' | 'benefitedOn', notBefore: { date: string | null; code: TransitionIssueCode }) => {
    if (!has(f)) return;
    const v = data[f]!;
    if (!isDate(v)) issues.push({ field: f, code: 'date' });
    else if (v > today) issues.push({ field: f, code: 'future' });
    else if (notBefore.date && v < notBefore.date) issues.push({ field: f, code: notBefore.code });
  };
  checkDate('submittedOn', { date: null, code: 'date' });
  checkDate('decidedOn', { date: state.submittedOn, code: 'beforeSubmitted' });
  checkDate('benefitedOn', { date: state.decidedOn ?? state.submittedOn, code: state.decidedOn ? 'beforeDecided' : 'beforeSubmitted' });
  if (has('amount')) {
    const a = data.amount!;
    if (!Number.isSafeInteger(a) || a <= 0 || a > MAX_BENEFIT_KRW) issues.push({ field: 'amount', code: 'amountRange' });
  }
  if (has('reason') && data.reason!.trim().length > MAX_REASON_LENGTH) issues.push({ field: 'reason', code: 'tooLong' });
  if (has('channel') && !(SUBMISSION_CHANNELS as readonly string[]).includes(data.channel!))
    issues.push({ field: 'channel', code: 'required' });
  if (issues.length) return { ok: false, issues };

  const patch: TransitionPatch = { status: to };
  const detail: Record<string, string | number> = {};
  if (to === 'submitted') {
    patch.submittedOn = data.submittedOn!;
    patch.submissionChannel = data.channel!;
    detail.submittedOn = patch.submittedOn;
    detail.channel = patch.submissionChannel;
  }
  if (to === 'selected' || to === 'rejected') {
    patch.decidedOn = data.decidedOn!;
    detail.decidedOn = patch.decidedOn;
  }
  if (to === 'benefited') {
    patch.benefitAmount = data.amount!;
    patch.benefitedOn = data.benefitedOn!;
    detail.amount = patch.benefitAmount;
    detail.benefitedOn = patch.benefitedOn;
  }
  const reason = has('reason') ? data.reason!.trim() : null;
  return { ok: true, plan: { patch, event: { from: state.status, to, reason, detail } } };
}

/** Applies a plan to a state (what the repository writes, for tests and previews). */
export function applyPlan(state: ParticipationState, plan: TransitionPlan): ParticipationState {
  return {
    status: plan.patch.status,
    submittedOn: plan.patch.submittedOn ?? state.submittedOn,
    decidedOn: plan.patch.decidedOn ?? state.decidedOn,
  };
}
