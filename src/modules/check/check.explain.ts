import {
  criterionCounts,
  formatOwnerExplanation,
  ownerExplanation,
  type ExplainWords,
  type OwnerExplanation,
  type OwnerLang,
} from '../../domain/eligibility/eligibility.describe-owner.ts';
import { ageOn, formatMonthsKo, tryParseIsoDate, wholeMonthsBetween } from '../../domain/eligibility/eligibility.dates.ts';
import { formatKrw } from '../../domain/eligibility/eligibility.format.ts';
import type { BusinessFacts, Explanation } from '../../domain/eligibility/index.ts';
import type { SelfCheckProgramme } from '../../domain/eligibility/self-check.ts';
import type { Translate } from '../../i18n/i18n.ts';

/**
 * The self-check's explanation and summary in the owner's language (issue 13 §4), for the /check
 * result page and the JSON API alike. Korean keeps the engine's own sentences (what staff pages and
 * stored verdicts show); the other languages are rendered from the structured explanation.
 */
export function ownerLangOf(locale: string): OwnerLang | null {
  return locale === 'en' || locale === 'zh' || locale === 'vi' ? locale : null;
}

export function explainWords(t: Translate): ExplainWords {
  return {
    status: { eligible: t('check.explain.met'), ineligible: t('check.explain.notMet'), unknown: t('check.explain.unknown') },
    heading: { all: t('check.explain.all'), any: t('check.explain.any'), not: t('check.explain.not') },
    noConditions: t('check.explain.noConditions'),
    noneCanBeMet: t('check.explain.noneCanBeMet'),
    note: t('check.explain.note'),
    source: t('check.explain.source'),
  };
}

/** The one-line summary; present exactly when the engine's Korean one is (a verdict all corners agree on). */
export function ownerSummary(t: Translate, p: SelfCheckProgramme): string | undefined {
  if (!p.summary || !p.explanation) return undefined;
  const n = criterionCounts(p.explanation);
  if (p.verdict === 'eligible') return n.met === n.total ? t('check.summary.eligibleAll', { n: n.total }) : t('check.summary.eligibleSome', { n: n.total });
  if (p.verdict === 'unknown') return t('check.summary.unknown', { facts: p.missing.map((f) => t(`check.fact.${f}`)).join(', ') });
  return t('check.summary.ineligible', { n: n.notMet });
}

export interface OwnerWording {
  readonly summary?: string;
  readonly explanation?: OwnerExplanation;
}

/** Summary and explanation tree of one programme in `lang` (null lang: none — show the Korean). */
export function ownerWording(
  t: Translate,
  lang: OwnerLang | null,
  p: SelfCheckProgramme,
  r: { facts: BusinessFacts; upperFacts: BusinessFacts; refDate: string },
): OwnerWording | null {
  if (!lang) return null;
  return {
    summary: ownerSummary(t, p),
    explanation: p.explanation ? ownerExplanation(p.explanation, r.facts, r.refDate, lang, r.upperFacts) : undefined,
  };
}

/** The API's plain-text explanation in `lang`. */
export function ownerExplanationText(t: Translate, tree: OwnerExplanation): string {
  return formatOwnerExplanation(tree, explainWords(t));
}

/**
 * Korean keeps the engine's sentences, but the self-check judges a range answer at both ends
 * (self-check.ts) and the engine's sentence carries the lower end: "연매출 1억 원" for an owner who
 * answered "1억~3억", "업력 6개월" for "2026년 6월 개업", "대표자 만 30세" for "30대" — a figure she never
 * gave. For the facts answered as a range the value reads as her answer ("연매출 1억 원 이상 3억 원
 * 미만"), and a gap worked out from one end is left out. Other values stay the engine's own.
 */
export function koreanAnsweredRanges(e: Explanation, facts: BusinessFacts, upper: BusinessFacts, refDate: string): Explanation {
  if (e.kind !== 'criterion') return { ...e, children: e.children.map((c) => koreanAnsweredRanges(c, facts, upper, refDate)) };
  const value = answeredValue(e.type, facts, upper, refDate);
  if (!value) return e;
  const head = `${e.rule} — ${e.value}`;
  let text = e.text.startsWith(head) ? `${e.rule} — ${value}${e.text.slice(head.length)}` : e.text;
  if (e.gap) text = text.replace(` (${e.gap})`, '');
  return { ...e, value, gap: undefined, text };
}

function answeredValue(type: string, f: BusinessFacts, u: BusinessFacts, refDate: string): string | null {
  switch (type) {
    case 'revenue': {
      const lo = f.annualRevenue;
      const hi = u.annualRevenue;
      // A band is [lower, upper + 1): the self-check judges its last won.
      return lo != null && hi != null && hi > lo ? `연매출 ${formatKrw(lo)} 이상 ${formatKrw(hi + 1)} 미만 (답한 범위)` : null;
    }
    case 'businessAge': {
      const first = f.openedOn;
      const last = u.openedOn;
      if (!first || !last || first === last || first.slice(0, 7) !== last.slice(0, 7) || !tryParseIsoDate(first) || !tryParseIsoDate(last)) return null;
      const old = wholeMonthsBetween(first, refDate);
      const young = wholeMonthsBetween(last, refDate);
      if (young < 0) return null;
      return `업력 ${young === old ? formatMonthsKo(old) : `${formatMonthsKo(young)}~${formatMonthsKo(old)}`} (${first.slice(0, 4)}년 ${Number(first.slice(5, 7))}월 개업)`;
    }
    case 'ownerAge': {
      if (!f.ownerBirthDate || !u.ownerBirthDate || !tryParseIsoDate(f.ownerBirthDate) || !tryParseIsoDate(u.ownerBirthDate)) return null;
      const a = ageOn(f.ownerBirthDate, refDate);
      const b = ageOn(u.ownerBirthDate, refDate);
      return a === b ? null : `대표자 만 ${Math.min(a, b)}~${Math.max(a, b)}세 (답한 범위)`;
    }
    default:
      return null;
  }
}
