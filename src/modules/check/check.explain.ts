import {
  criterionCounts,
  formatOwnerExplanation,
  ownerExplanation,
  type ExplainWords,
  type OwnerExplanation,
  type OwnerLang,
} from '../../domain/eligibility/eligibility.describe-owner.ts';
import type { BusinessFacts } from '../../domain/eligibility/index.ts';
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
