import { byKorean } from './figures.ts';
import { daysBetween } from './period.ts';

/**
 * Caseload balance across clerks (사무소 팀장 and 운영기관 balance the work).
 *
 * caseload of a clerk = businesses assigned to them now (`business.clerk_id`), active clerks only.
 * mean = total / clerks; spread = population standard deviation; cv = spread / mean.
 * A clerk is "over" above 1.5 × mean and "under" below 0.5 × mean (a rule of thumb the operator can
 * read at a glance; both only when the office has at least 2 clerks, since one clerk has no peer).
 */
export interface ClerkLoad {
  clerkId: string;
  name: string;
  officeId: number | null;
  officeName: string | null;
  /** Businesses assigned now. */
  businesses: number;
  /** Participations in progress (발굴 … 선정) of those businesses. */
  open: number;
}

export const OVERLOAD_FACTOR = 1.5;
export const UNDERLOAD_FACTOR = 0.5;

export interface Balance {
  clerks: number;
  total: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  stdDev: number | null;
  cv: number | null;
  over: ClerkLoad[];
  under: ClerkLoad[];
}

export function caseloadBalance(loads: readonly ClerkLoad[]): Balance {
  const n = loads.length;
  if (n === 0) return { clerks: 0, total: 0, mean: null, min: null, max: null, stdDev: null, cv: null, over: [], under: [] };
  const xs = loads.map((l) => l.businesses);
  const total = xs.reduce((s, x) => s + x, 0);
  const mean = total / n;
  const stdDev = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
  const peers = n >= 2 && mean > 0;
  return {
    clerks: n,
    total,
    mean: Math.round(mean * 10) / 10,
    min: Math.min(...xs),
    max: Math.max(...xs),
    stdDev: Math.round(stdDev * 10) / 10,
    cv: mean > 0 ? Math.round((stdDev / mean) * 100) / 100 : null,
    over: peers ? loads.filter((l) => l.businesses > mean * OVERLOAD_FACTOR) : [],
    under: peers ? loads.filter((l) => l.businesses < mean * UNDERLOAD_FACTOR) : [],
  };
}

/**
 * When a clerk leaves: every one of their businesses goes to a clerk among `targets`, each to the
 * one with the smallest caseload at that moment (ties: the order given), so the office stays
 * balanced. With one target everything goes to that clerk. No business is left out: the plan has
 * exactly one line per business, or the function throws when there is no target.
 */
export function planHandover(businessIds: readonly string[], targets: readonly { clerkId: string; businesses: number }[]): { businessId: string; clerkId: string }[] {
  if (businessIds.length && !targets.length) throw new RangeError('no clerk to hand over to');
  const load = targets.map((t) => ({ clerkId: t.clerkId, n: t.businesses }));
  return businessIds.map((businessId) => {
    let best = load[0]!;
    for (const l of load) if (l.n < best.n) best = l;
    best.n++;
    return { businessId, clerkId: best.clerkId };
  });
}

// ── Activity ──────────────────────────────────────────────────────────────────────────────────

/**
 * 활동이 없는 공공사무원: active clerks whose latest 상담일지 (`activity.occurred_on`) is `days` or
 * more calendar days before today, or who have none at all. Most idle first.
 */
export interface ClerkActivity {
  clerkId: string;
  name: string;
  officeName: string | null;
  lastActivityOn: string | null;
}

export const DEFAULT_INACTIVE_DAYS = 14;

export function inactiveClerks(clerks: readonly ClerkActivity[], today: string, days = DEFAULT_INACTIVE_DAYS): (ClerkActivity & { idleDays: number | null })[] {
  return clerks
    .map((c) => ({ ...c, idleDays: c.lastActivityOn ? daysBetween(c.lastActivityOn, today) : null }))
    .filter((c) => c.idleDays === null || c.idleDays >= days)
    .sort((a, b) => (b.idleDays ?? Infinity) - (a.idleDays ?? Infinity) || byKorean(a.name, b.name));
}

/**
 * A month as a calendar grid, weeks from Sunday (Korean calendars start on 일요일), with the number
 * of activities per day. Days outside the month are null cells.
 */
export interface CalendarDay {
  date: string;
  day: number;
  count: number;
  weekend: boolean;
}

export function calendarGrid(month: string, counts: ReadonlyMap<string, number>): (CalendarDay | null)[][] {
  const first = new Date(`${month}-01T00:00:00Z`);
  const lead = first.getUTCDay();
  const days: (CalendarDay | null)[] = Array.from({ length: lead }, () => null);
  for (let d = new Date(first); d.getUTCMonth() === first.getUTCMonth(); d = new Date(d.getTime() + 86_400_000)) {
    const date = d.toISOString().slice(0, 10);
    const dow = d.getUTCDay();
    days.push({ date, day: d.getUTCDate(), count: counts.get(date) ?? 0, weekend: dow === 0 || dow === 6 });
  }
  while (days.length % 7) days.push(null);
  const weeks: (CalendarDay | null)[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
  return weeks;
}
