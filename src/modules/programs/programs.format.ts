import type { Translate } from '../../i18n/i18n.ts';

/** Display helpers shared by the catalogue pages (Korean money and date wording). */

/** 1500000 → "150만 원", 300000000 → "3억 원", 2_500_000_000 → "25억 원". */
export function formatWon(amount: number, locale: string): string {
  if (locale !== 'ko') return `KRW ${new Intl.NumberFormat('en').format(amount)}`;
  const eok = Math.floor(amount / 100_000_000);
  const man = Math.floor((amount % 100_000_000) / 10_000);
  const won = amount % 10_000;
  const parts: string[] = [];
  if (eok) parts.push(`${new Intl.NumberFormat('ko').format(eok)}억`);
  if (man) parts.push(`${new Intl.NumberFormat('ko').format(man)}만`);
  if (won || !parts.length) parts.push(new Intl.NumberFormat('ko').format(won));
  return `${parts.join(' ')} 원`;
}

/** Whole days from `today` to `date` (both YYYY-MM-DD). */
export function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export function formatDate(d: string, locale: string): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return locale === 'ko' ? `${y}. ${m}. ${day}.` : d;
}

export interface PeriodLike {
  periodKind: string;
  periodStart: string | null;
  periodEnd: string | null;
  periodRaw: string | null;
}

/** The period in words plus a deadline badge (D-n / 마감 / 접수 예정). */
export function describePeriod(p: PeriodLike, today: string, t: Translate, locale: string): { text: string; badge?: { text: string; kind: 'open' | 'soon' | 'closed' | 'future' } } {
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
