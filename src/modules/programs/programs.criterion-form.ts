/**
 * The editor's form way to add one condition (editors are not expected to write JSON): a condition
 * type and one value, turned into a criterion of the rule language (RuleSchema) and appended to the
 * rule as "must also hold". Values are typed the way notices write them: dates as 2023.12.31,
 * '23.12.31 or 2023년 12월 31일, money with commas, places and industries as codes.
 */
import { CriterionSchema, type Criterion, type Rule } from '../../domain/eligibility/index.ts';
import { isIsoDate } from '../../domain/eligibility/eligibility.dates.ts';
import { DOCUMENT_TYPES } from '../../domain/documents/document-types.ts';

export const ADDABLE = [
  'region',
  'businessAgeMin',
  'businessAgeMax',
  'revenueMax',
  'workersMax',
  'smallBusiness',
  'ksicExclusions',
  'ownerAgeMax',
  'ownerAgeMin',
  'noLocalTaxArrears',
  'noNationalTaxArrears',
  'noPriorReceipt3y',
  // issue 11 §5: what real notices say
  'legalFormIndividual',
  'legalFormCorporation',
  'openedOnOrBefore',
  'openedOnOrAfter',
  'closedBetween',
  'operatingDaysMin',
  'marketLocation',
  'certificate',
  'prospectiveFounder',
  'closurePlanned',
  'restart',
  'revenueDeclinePct',
] as const;
export type Addable = (typeof ADDABLE)[number];

/**
 * One date as notices write it → 'YYYY-MM-DD': 2023.12.31 / 2023. 12. 31. / 2023-12-31 /
 * 2023년 12월 31일 / '23.12.31 (two-digit years are 20xx). Null when it is not a real date.
 */
export function parseNoticeDate(text: string): string | null {
  const m = /^\s*(?:(\d{4})|[‘’'`]?(\d{2}))\s*(?:[.\-/]|년)\s*(\d{1,2})\s*(?:[.\-/]|월)\s*(\d{1,2})\s*(?:일|\.)?\s*$/.exec(text);
  if (!m) return null;
  const y = m[1] ?? `20${m[2]}`;
  const iso = `${y}-${m[3]!.padStart(2, '0')}-${m[4]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

const MARKET_WORDS: readonly [RegExp, 'traditional_market' | 'shopping_street' | 'alley_shopping_street'][] = [
  [/골목|alley/, 'alley_shopping_street'],
  [/전통시장|traditional/, 'traditional_market'],
  [/상점가|shopping/, 'shopping_street'],
];

/** A document type by code or by (part of) its Korean name: "여성기업확인서", "venture_business_cert". */
function documentTypeOf(value: string): string | null {
  const v = value.trim().replace(/\s/g, '');
  if (!v) return null;
  const byCode = DOCUMENT_TYPES.find((t) => t.code === v);
  if (byCode) return byCode.code;
  const byName = DOCUMENT_TYPES.find((t) => t.name.replace(/\s/g, '').includes(v) || v.includes(t.name.replace(/\s*\(.*\)$/, '').replace(/\s/g, '')));
  return byName?.code ?? null;
}

export function criterionFrom(kind: Addable, value: string, programmeKey: string): Criterion | null {
  const n = Number(value.replace(/[,\s원%]/g, ''));
  const num = Number.isFinite(n) && value.trim() !== '' ? n : null;
  const list = value.split(/[,\s]+/).filter(Boolean);
  const c: unknown = (() => {
    switch (kind) {
      case 'region':
        return { type: 'region', sido: list.filter((x) => /^\d{2}$/.test(x)), municipalities: list.filter((x) => /^\d{5}$/.test(x)) };
      case 'businessAgeMin':
        return num === null ? null : { type: 'businessAge', minMonths: num };
      case 'businessAgeMax':
        return num === null ? null : { type: 'businessAge', maxMonths: num };
      case 'revenueMax':
        return num === null ? null : { type: 'revenue', max: num };
      case 'workersMax':
        return num === null ? null : { type: 'workers', maxExclusive: num };
      case 'smallBusiness':
        return { type: 'smallBusiness' };
      case 'ksicExclusions':
        return { type: 'ksic', excludeSets: ['sbiz-standard-exclusions'] };
      case 'ownerAgeMax':
        return num === null ? null : { type: 'ownerAge', max: num };
      case 'ownerAgeMin':
        return num === null ? null : { type: 'ownerAge', min: num };
      case 'noLocalTaxArrears':
        return { type: 'noTaxArrears', kinds: ['local'], allowDeferral: false };
      case 'noNationalTaxArrears':
        return { type: 'noTaxArrears', kinds: ['national'], allowDeferral: false };
      case 'noPriorReceipt3y':
        return { type: 'noPriorReceipt', programmeKeys: [programmeKey], years: num ?? 3 };
      case 'legalFormIndividual':
        return { type: 'legalForm', allowed: ['individual'] };
      case 'legalFormCorporation':
        return { type: 'legalForm', allowed: ['corporation'] };
      case 'openedOnOrBefore': {
        const d = parseNoticeDate(value);
        return d && { type: 'openedBetween', to: d };
      }
      case 'openedOnOrAfter': {
        const d = parseNoticeDate(value);
        return d && { type: 'openedBetween', from: d };
      }
      case 'closedBetween': {
        // "2025.1.1 ~ 2025.12.31"; one side may be empty ("~ 2025.12.31").
        const parts = value.split(/~|∼|〜|부터|까지/).map((s) => s.trim());
        if (parts.length < 2) return null;
        const [a, b] = [parts[0]!, parts[1]!];
        const from = a ? parseNoticeDate(a) : undefined;
        const to = b ? parseNoticeDate(b) : undefined;
        if (from === null || to === null || (!from && !to)) return null;
        return { type: 'closedBetween', ...(from ? { from } : {}), ...(to ? { to } : {}) };
      }
      case 'operatingDaysMin':
        return num === null ? null : { type: 'operatingDays', minDays: num };
      case 'marketLocation': {
        // Empty: any of the three (전통시장·상점가·골목형상점가), as most notices say.
        // "골목형상점가" also contains "상점가": take it out before looking for a plain 상점가.
        const rest = value.replace(/골목형\s*상점가/g, '골목');
        const allowed = value.trim() ? [...new Set(MARKET_WORDS.filter(([re]) => re.test(rest)).map(([, code]) => code))] : ['traditional_market', 'shopping_street', 'alley_shopping_street'];
        return allowed.length ? { type: 'marketLocation', allowed } : null;
      }
      case 'certificate': {
        const code = documentTypeOf(value);
        return code && { type: 'documentValid', documentType: code };
      }
      case 'prospectiveFounder':
        return { type: 'operatingStatus', allowed: ['preparing'] };
      case 'closurePlanned':
        return value.trim() === '' ? { type: 'closurePlanned' } : num === null ? null : { type: 'closurePlanned', withinMonths: num };
      case 'restart':
        return { type: 'restart' };
      case 'revenueDeclinePct':
        return { type: 'revenueDecline', minPercent: num ?? 0 };
    }
  })();
  const parsed = CriterionSchema.safeParse(c);
  return parsed.success ? parsed.data : null;
}

export function appendCriterion(rule: Rule, c: Criterion): Rule {
  if ('all' in rule) return { all: [...rule.all, c] };
  return { all: [rule, c] };
}
