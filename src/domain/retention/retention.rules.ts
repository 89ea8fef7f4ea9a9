/**
 * How long Itda keeps each kind of personal data, and what happens after (개인정보 보호법 §21①: 보유기간
 * 경과 등으로 불필요하게 된 개인정보는 지체 없이 파기; §21②: 다른 법령에 따라 보존해야 하면 분리 보관).
 * One table, read by the nightly job `retention.nightly` (src/jobs/jobs.ts), the operator's page
 * /admin/retention and docs/domain.md ("Retention"). A rule's period counts from its trigger date; the
 * job destroys (or anonymises) what is past it and writes one 파기 대장 row per rule that found something.
 *
 * Periods that a law fixes say so; the others are the ones Itda states in its consent texts (§15②,
 * §17②: the notice gives the retention period), marked `stated` — a change is a new consent text.
 */
export type RetentionAction = 'destroy' | 'anonymise';
export type RetentionKind = 'business' | 'document_file' | 'applicant' | 'help_request' | 'session' | 'access_record' | 'audit_event';

export interface RetentionPeriod {
  years?: number;
  months?: number;
  days?: number;
  minutes?: number;
}

export interface RetentionRule {
  /** Stable id, written into the 파기 대장. */
  id: string;
  kind: RetentionKind;
  /** How long after the trigger the data is kept. */
  period: RetentionPeriod;
  /** i18n key of the trigger ("from which date"). */
  trigger: string;
  action: RetentionAction;
  /** The legal basis, as written in the 파기 대장 and shown to the operator. */
  basis: string;
  /** Fixed by law, or stated by Itda in its consent text / a project decision to confirm. */
  source: 'law' | 'stated';
}

/** The rules, in the order the job runs them. */
export const RETENTION_RULES = [
  {
    id: 'business.after-last-participation',
    kind: 'business',
    period: { years: 3 },
    trigger: 'retention.trigger.lastParticipation',
    action: 'anonymise',
    basis:
      '개인정보 보호법 §21①(보유기간 경과 시 파기), §58의2(익명처리) — 수집·이용 동의서에 고지한 보유기간: 마지막 사업 참여 종료(또는 진행 중인 참여가 없을 때 마지막 변경) 후 3년. 참여 실적(건수·금액)은 대표자를 알아볼 수 없게 남김',
    source: 'stated',
  },
  {
    id: 'document-file.after-upload',
    kind: 'document_file',
    period: { years: 1 },
    trigger: 'retention.trigger.uploadedNoOpenParticipation',
    action: 'destroy',
    basis: '개인정보 보호법 §21① — 구비서류 사본은 신청 목적 달성 후 불필요: 올린 날부터 1년이 지나고 진행 중인 참여가 없으면 파일을 파기(서류 목록의 종류·발급일은 사업체와 함께 보관)',
    source: 'stated',
  },
  {
    id: 'applicant.after-round',
    kind: 'applicant',
    period: { months: 0 },
    trigger: 'retention.trigger.applicantRetainUntil',
    action: 'destroy',
    basis: '개인정보 보호법 §21①, 채용절차의 공정화에 관한 법률 §11(채용서류의 반환·파기) — 지원서 동의서에 고지한 보관기간(접수 마감 후 회차별 개월 수) 경과. 공공사무원이 된 지원자는 계약과 함께 보관',
    source: 'stated',
  },
  {
    id: 'help-request.after-close',
    kind: 'help_request',
    period: { days: 90 },
    trigger: 'retention.trigger.helpClosed',
    action: 'destroy',
    basis: '개인정보 보호법 §21① — 도움 요청 동의서(help-2026-1)에 고지: 등록 또는 종결 후 90일, 처리되지 않은 요청은 1년 뒤 종결',
    source: 'stated',
  },
  {
    id: 'session.expired',
    kind: 'session',
    period: { minutes: 0 },
    trigger: 'retention.trigger.sessionExpired',
    action: 'destroy',
    basis: '개인정보의 안전성 확보조치 기준 §6(접속시간 제한: 일정 시간 이상 업무처리를 하지 않으면 자동 차단) — 만료된 세션은 10분마다(sessions.purge) 그리고 야간 작업에서 삭제',
    source: 'law',
  },
  {
    id: 'access-record.2y',
    kind: 'access_record',
    period: { years: 2 },
    trigger: 'retention.trigger.recorded',
    action: 'destroy',
    basis: '개인정보의 안전성 확보조치 기준 §8①(접속기록 1년 이상, 5만명 이상·고유식별정보·민감정보 처리 시 2년 이상 보관) — Itda는 2년. 해시 체인의 앞부분부터만 삭제(남은 첫 행이 체인의 시작)',
    source: 'law',
  },
  {
    id: 'audit-event.3y',
    kind: 'audit_event',
    period: { years: 3 },
    trigger: 'retention.trigger.recorded',
    action: 'destroy',
    basis: '개인정보의 안전성 확보조치 기준 §5③(접근권한 부여·변경·말소 내역 최소 3년 보관) — 감사 기록 3년. 해시 체인의 앞부분부터만 삭제',
    source: 'law',
  },
] as const satisfies readonly RetentionRule[];

export type RetentionRuleId = (typeof RETENTION_RULES)[number]['id'];

export function retentionRule(id: RetentionRuleId): RetentionRule {
  return RETENTION_RULES.find((r) => r.id === id)!;
}

/**
 * The moment before which a trigger date is past the rule's period, at `at`: data whose trigger is
 * before the cutoff may go. Calendar arithmetic in UTC with the day clamped (29 Feb + 1 year → 28 Feb),
 * so a period never ends early.
 */
export function retentionCutoff(period: RetentionPeriod, at: Date): Date {
  const d = new Date(at.getTime());
  const months = (period.years ?? 0) * 12 + (period.months ?? 0);
  if (months) {
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - months);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
  }
  return new Date(d.getTime() - (period.days ?? 0) * 86_400_000 - (period.minutes ?? 0) * 60_000);
}

/** True when data whose trigger date is `trigger` is past the rule's period at `at`. */
export function isPastRetention(period: RetentionPeriod, trigger: Date, at: Date): boolean {
  return trigger.getTime() < retentionCutoff(period, at).getTime();
}

/**
 * 정보주체의 열람·정정·삭제 요구 (개인정보 보호법 §35–36; 시행령 §41④, §43③: 10일 이내): the office
 * answers within 10 days of the request. The due date is a Korean calendar date.
 */
export const DATA_REQUEST_DAYS = 10;

export function dataRequestDue(requestedOnKst: string): string {
  const d = new Date(`${requestedOnKst}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + DATA_REQUEST_DAYS);
  return d.toISOString().slice(0, 10);
}

export type DataRequestKind = 'correction' | 'deletion';
export type DataRequestStatus = 'open' | 'corrected' | 'deleted' | 'refused';

/** Which outcomes fit which request: a correction is corrected or refused, a deletion deleted or refused. */
export function outcomeFits(kind: DataRequestKind, outcome: Exclude<DataRequestStatus, 'open'>): boolean {
  return outcome === 'refused' || (kind === 'correction' ? outcome === 'corrected' : outcome === 'deleted');
}

/**
 * A deletion granted on the owner's request (§36②: 지체 없이 삭제) uses the business rule's
 * anonymisation at once; its 파기 대장 row names this basis instead of a period.
 */
export const DELETION_ON_REQUEST = {
  id: 'business.on-request',
  kind: 'business',
  action: 'anonymise',
  basis: '개인정보 보호법 §36①·②(정보주체의 삭제 요구: 다른 법령에서 수집 대상으로 명시한 경우가 아니면 지체 없이 삭제), 시행령 §43③(10일 이내 조치·통지), §58의2(익명처리)',
} as const satisfies Pick<RetentionRule, 'id' | 'kind' | 'action' | 'basis'>;
