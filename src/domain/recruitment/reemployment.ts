/**
 * Re-employment figures of clerks after the activity period (pure). Official measure of the
 * programme (docs/domain.md: clerks' re-employment).
 *
 * rate        = employed / referred (clerks linked to a 새일센터 counsellor)
 * time to job = days from the end of the clerk's contract (or, without one, the referral) to the
 *               start of the job; a job that starts before the contract ends counts as 0 days.
 *
 * The province sees aggregates only. Small counts can point at a person, so any count below 5 is
 * shown as "5 미만", and a figure derived from a small count (a rate, a median) is withheld.
 */
export type Outcome = 'employed' | 'seeking' | 'not_seeking';
export const OUTCOMES: readonly Outcome[] = ['employed', 'seeking', 'not_seeking'];
export type EmployerType = 'private' | 'public' | 'social' | 'self' | 'other';
export const EMPLOYER_TYPES: readonly EmployerType[] = ['private', 'public', 'social', 'self', 'other'];

export const SMALL_COUNT = 5;

export interface ReferralFacts {
  referredOn: string; // YYYY-MM-DD
  contractEnd: string | null;
  outcome: Outcome | null;
  employerType: EmployerType | null;
  employedOn: string | null;
}

export interface Figures {
  referred: number;
  employed: number;
  seeking: number;
  notSeeking: number;
  open: number;
  /** employed / referred, 0..1; null without referrals. */
  rate: number | null;
  medianDaysToJob: number | null;
  meanDaysToJob: number | null;
  byEmployerType: Record<EmployerType, number>;
}

function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function daysToJob(f: ReferralFacts): number | null {
  if (f.outcome !== 'employed' || !f.employedOn) return null;
  return Math.max(0, days(f.contractEnd ?? f.referredOn, f.employedOn));
}

export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function figures(rows: readonly ReferralFacts[]): Figures {
  const by = (o: Outcome) => rows.filter((r) => r.outcome === o).length;
  const employed = by('employed');
  const times = rows.map(daysToJob).filter((d): d is number => d !== null);
  const byEmployerType = Object.fromEntries(EMPLOYER_TYPES.map((t) => [t, 0])) as Record<EmployerType, number>;
  for (const r of rows) if (r.outcome === 'employed' && r.employerType) byEmployerType[r.employerType]++;
  return {
    referred: rows.length,
    employed,
    seeking: by('seeking'),
    notSeeking: by('not_seeking'),
    open: rows.filter((r) => r.outcome === null).length,
    rate: rows.length ? employed / rows.length : null,
    medianDaysToJob: median(times),
    meanDaysToJob: times.length ? Math.round((times.reduce((s, d) => s + d, 0) / times.length) * 10) / 10 : null,
    byEmployerType,
  };
}

/** A count as the province may see it: exact from 5 up, otherwise the marker `lt5`. */
export type PublicCount = number | 'lt5';
export function publicCount(n: number): PublicCount {
  return n > 0 && n < SMALL_COUNT ? 'lt5' : n;
}

export interface AggregateFigures {
  referred: PublicCount;
  employed: PublicCount;
  seeking: PublicCount;
  notSeeking: PublicCount;
  open: PublicCount;
  /** Withheld (null) unless both of its counts are at least 5. */
  rate: number | null;
  /** Withheld unless at least 5 people found a job. */
  medianDaysToJob: number | null;
  byEmployerType: Record<EmployerType, PublicCount>;
}

export function aggregate(f: Figures): AggregateFigures {
  const big = (n: number) => n >= SMALL_COUNT;
  return {
    referred: publicCount(f.referred),
    employed: publicCount(f.employed),
    seeking: publicCount(f.seeking),
    notSeeking: publicCount(f.notSeeking),
    open: publicCount(f.open),
    rate: big(f.employed) && big(f.referred) && big(f.referred - f.employed) ? f.rate : null,
    medianDaysToJob: big(f.employed) ? f.medianDaysToJob : null,
    byEmployerType: Object.fromEntries(EMPLOYER_TYPES.map((t) => [t, publicCount(f.byEmployerType[t])])) as Record<
      EmployerType,
      PublicCount
    >,
  };
}
