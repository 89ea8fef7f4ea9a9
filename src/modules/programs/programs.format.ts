import { daysBetween } from '../../domain/metrics/period.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { BadgeTone } from '../../web/components/index.ts';
import { formatDate } from '../../web/format.ts';

/** The application period of a programme in words, for the catalogue pages. */
export type PeriodBadgeKind = 'open' | 'soon' | 'closed' | 'future';

/** The kit's badge tone for each deadline state (the word says it; the colour only helps). */
export const PERIOD_BADGE_TONE: Record<PeriodBadgeKind, BadgeTone> = { open: 'success', soon: 'danger', closed: 'gray', future: 'warning' };

export interface PeriodLike {
  periodKind: string;
  periodStart: string | null;
  periodEnd: string | null;
  periodRaw: string | null;
}

/** The period in words plus a deadline badge (D-n / 마감 / 접수 예정). */
export function describePeriod(p: PeriodLike, today: string, t: Translate, locale: string): { text: string; badge?: { text: string; kind: PeriodBadgeKind } } {
  const range = [p.periodStart, p.periodEnd].map((d) => (d ? formatDate(d, locale) : '')).join(' ~ ').trim();
  switch (p.periodKind) {
    case 'always':
      return { text: p.periodStart ? `${formatDate(p.periodStart, locale)} ~ ${t('programmes.period.always')}` : t('programmes.period.always'), badge: { text: t('programmes.period.always'), kind: 'open' } };
    case 'untilBudget':
      return { text: p.periodStart ? `${formatDate(p.periodStart, locale)} ~ ${t('programmes.period.untilBudget')}` : t('programmes.period.untilBudget'), badge: { text: t('programmes.period.untilBudget'), kind: 'open' } };
    case 'varies':
      return { text: p.periodRaw || t('programmes.period.varies') };
    case 'range': {
      if (p.periodStart && p.periodStart > today) return { text: range, badge: { text: t('programmes.notYet', { date: formatDate(p.periodStart, locale) }), kind: 'future' } };
      if (p.periodEnd) {
        const left = daysBetween(today, p.periodEnd);
        if (left < 0) return { text: range, badge: { text: t('programmes.closed'), kind: 'closed' } };
        return { text: range, badge: { text: left === 0 ? t('programmes.dday0') : t('programmes.dday', { n: left }), kind: left <= 14 ? 'soon' : 'open' } };
      }
      return { text: range || (p.periodRaw ?? '') };
    }
    default:
      return { text: p.periodRaw || t('programmes.period.unknown') };
  }
}
