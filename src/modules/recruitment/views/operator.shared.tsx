import type { Question, QuestionResult, Screening } from '../../../domain/recruitment/screening.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { RecruitmentReviewsService } from '../recruitment.reviews.service.ts';
import type { RecruitmentRoundsService } from '../recruitment.rounds.service.ts';
import type { RecruitmentSelectionService } from '../recruitment.selection.service.ts';

/** What the operator's and the reviewers' recruitment views share: the service results they show, labels, scores. */

export type RoundData = Awaited<ReturnType<RecruitmentRoundsService['getRound']>>;
export type ApplicantData = Awaited<ReturnType<RecruitmentRoundsService['getApplicant']>>;
export type RankingData = Awaited<ReturnType<RecruitmentSelectionService['ranking']>>;
export type AssignmentData = Awaited<ReturnType<RecruitmentReviewsService['getAssignment']>>;

export const score = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(2).replace(/\.?0+$/, ''));

export function decisionLabel(t: Translate, d: string | null, status: string) {
  if (d) return t(`recruitment.decision.${d}`);
  return t(`recruitment.applicantStatus.${status}`);
}

export function eligibleLabel(t: Translate, e: boolean | null) {
  return e === true ? t('recruitment.eligible.yes') : e === false ? t('recruitment.eligible.no') : t('recruitment.eligible.unknown');
}

export function ScreeningReasons({ t, screening, brief }: { t: Translate; screening: Screening | null; brief?: boolean }) {
  if (!screening) return null;
  const shown = brief ? screening.results.filter((r) => r.outcome !== 'pass') : screening.results;
  return (
    <ul class={brief ? 'itda-reasons form-hint' : 'itda-reasons'}>
      {shown.map((r: QuestionResult) => (
        <li>
          {t(`recruitment.outcome.${r.outcome}`)}:{' '}
          {r.kind === 'min_years' ? t('recruitment.question.minYears', { text: r.text, min: r.min ?? 0 }) : r.text}
          {!brief &&
            r.answer !== null &&
            ` — ${t('recruitment.answer')}: ${r.answer === 'yes' ? t('recruitment.yes') : r.answer === 'no' ? t('recruitment.no') : r.answer}`}
        </li>
      ))}
    </ul>
  );
}

export function answerText(t: Translate, q: Question, v: string | undefined, municipalities?: Map<string, string>): string {
  if (v === undefined) return '—';
  if (q.kind === 'yes') return v === 'yes' ? t('recruitment.yes') : t('recruitment.no');
  if (q.kind === 'residence') return v === 'outside' ? t('recruitment.outsideGyeonggi') : (municipalities?.get(v) ?? v);
  return t('recruitment.years', { n: v });
}
