/**
 * A rule in plain language, for the programme page and the rule editor ("업력 3년 이상", "소재지: 경기도").
 * The same sentences head each line of a verdict's explanation, so what the page promises and what
 * the engine checks read identically.
 */
import { formatMonthsEn, formatMonthsKo } from './eligibility.dates.ts';
import { formatCount, formatKrw, formatKrwEn } from './eligibility.format.ts';
import {
  GENDER_LABELS,
  LEGAL_FORM_LABELS,
  MARKET_LOCATION_LABELS,
  OPERATING_STATUS_LABELS,
  PREMISES_LABELS,
  SMALL_BUSINESS_WORKER_LIMITS,
  categoryLabel,
  documentLabel,
  getKsicSet,
  ksicLabel,
  municipalityLabel,
  sidoLabel,
} from './eligibility.reference.ts';
import type { Criterion, Rule } from './eligibility.types.ts';

export type Lang = 'ko' | 'en';

function ksicItem(code: string): string {
  return `${code}(${ksicLabel(code)})`;
}

function range(min: string | undefined, max: string | undefined, ko: boolean, maxWord: string): string {
  if (min && max) return ko ? `${min} 이상 ${max} ${maxWord}` : `from ${min} to ${max}`;
  if (min) return ko ? `${min} 이상` : `at least ${min}`;
  if (max) return ko ? `${max} ${maxWord}` : `${maxWord === '미만' ? 'under' : 'at most'} ${max}`;
  return ko ? '제한 없음' : 'no limit';
}

/** One criterion in one line. */
export function describeCriterion(c: Criterion, lang: Lang = 'ko'): string {
  const ko = lang === 'ko';
  switch (c.type) {
    case 'region': {
      const places = [...(c.sido ?? []).map(sidoLabel), ...(c.municipalities ?? []).map(municipalityLabel)];
      if (places.length === 0) return ko ? '소재지 제한 없음' : 'No location requirement';
      return ko ? `소재지: ${places.join(' 또는 ')}` : `Located in ${places.join(' or ')}`;
    }
    case 'businessAge': {
      const f = ko ? formatMonthsKo : formatMonthsEn;
      const r = range(c.minMonths !== undefined ? f(c.minMonths) : undefined, c.maxMonths !== undefined ? f(c.maxMonths) : undefined, ko, '미만');
      return ko ? `업력 ${r}` : `Business age ${r}`;
    }
    case 'revenue': {
      const f = ko ? formatKrw : formatKrwEn;
      const r = range(c.min !== undefined ? f(c.min) : undefined, c.max !== undefined ? f(c.max) : undefined, ko, '이하');
      return ko ? `연매출 ${r}` : `Annual revenue ${r}`;
    }
    case 'workers': {
      const unit = (n: number) => (ko ? `${formatCount(n)}명` : `${formatCount(n)}`);
      const r = range(c.min !== undefined ? unit(c.min) : undefined, c.maxExclusive !== undefined ? unit(c.maxExclusive) : undefined, ko, '미만');
      return ko ? `상시근로자 ${r}` : `Regular workers ${r}`;
    }
    case 'smallBusiness': {
      const w = SMALL_BUSINESS_WORKER_LIMITS;
      return ko
        ? `소상공인 (상시근로자 ${w.limitElsewhere}명 미만, 광업·제조업·건설업·운수업은 ${w.limitInSections}명 미만, 업종별 소기업 매출 기준 이내)`
        : `A small business under the Small Business Owners Act (fewer than ${w.limitElsewhere} workers, ${w.limitInSections} in mining, manufacturing, construction and transport; revenue within the industry's small-enterprise cap)`;
    }
    case 'ksic': {
      const parts: string[] = [];
      if (c.include?.length) parts.push(ko ? `업종: ${c.include.map(ksicItem).join(', ')}` : `Industry: ${c.include.join(', ')}`);
      const excl = [...(c.excludeSets ?? []).map((s) => getKsicSet(s).title), ...(c.exclude ?? []).map(ksicItem)];
      if (excl.length) parts.push(ko ? `제외 업종 아님: ${excl.join(', ')}` : `Not in excluded industries: ${[...(c.excludeSets ?? []), ...(c.exclude ?? [])].join(', ')}`);
      if (parts.length === 0) return ko ? '업종 제한 없음' : 'No industry requirement';
      return parts.join(ko ? '; ' : '; ');
    }
    case 'ownerAge': {
      const r = range(c.min !== undefined ? (ko ? `${c.min}세` : `${c.min}`) : undefined, c.max !== undefined ? (ko ? `${c.max}세` : `${c.max}`) : undefined, ko, '이하');
      return ko ? `대표자 만 ${r}` : `Owner aged ${r}`;
    }
    case 'ownerGender':
      return ko ? `대표자 ${GENDER_LABELS[c.gender]}` : `Owner is ${c.gender}`;
    case 'ownerDisabled':
      return ko ? '대표자 장애인' : 'Owner has a registered disability';
    case 'ownerVeteran':
      return ko ? '대표자 국가보훈대상자' : 'Owner is a registered veteran (국가보훈대상자)';
    case 'noTaxArrears': {
      const kinds = c.kinds.map((k) => (k === 'national' ? (ko ? '국세' : 'national') : ko ? '지방세' : 'local'));
      const deferral = c.allowDeferral ? (ko ? ' (체납처분 유예·분납 승인 시 인정)' : ' (an approved deferral counts as none)') : '';
      return ko ? `${kinds.join('·')} 체납 없음${deferral}` : `No ${kinds.join(' or ')} tax arrears${deferral}`;
    }
    case 'noCreditDelinquency':
      return ko ? '금융기관 연체·신용불량 없음' : 'No credit delinquency';
    case 'operatingStatus':
      return ko
        ? `영업 상태: ${c.allowed.map((s) => OPERATING_STATUS_LABELS[s]).join(' 또는 ')}`
        : `Operating status: ${c.allowed.join(' or ')}`;
    case 'premises':
      return ko ? `사업장: ${c.allowed.map((p) => PREMISES_LABELS[p]).join(' 또는 ')}` : `Premises: ${c.allowed.join(' or ')}`;
    case 'mailOrderRegistered':
      return ko ? '통신판매업 신고' : 'Registered as a mail-order business';
    case 'noPriorReceipt': {
      const what = [
        ...(c.programmeKeys ?? []).map((k) => (ko ? `지원사업 ${k}` : `programme ${k}`)),
        ...(c.categories ?? []).map((k) => (ko ? `${categoryLabel(k)} 분야 지원사업` : `${k} category programmes`)),
      ];
      if (ko) return `최근 ${c.years}년 이내 ${what.length ? what.join(' 또는 ') : '유사 지원사업'} 수혜 없음`;
      return `No support from ${what.length ? what.join(' or ') : 'similar programmes'} in the last ${c.years === 1 ? 'year' : `${c.years} years`}`;
    }
    case 'documentValid':
      return ko ? `${documentLabel(c.documentType)} 보유 (기준일에 유효)` : `Holds a valid ${c.documentType}`;
    case 'closedWithin':
      return ko ? `폐업 후 ${formatMonthsKo(c.months)} 이내` : `Closed within the last ${formatMonthsEn(c.months)}`;
    case 'legalForm':
      return ko ? `사업자 구분: ${c.allowed.map((f) => LEGAL_FORM_LABELS[f]).join(' 또는 ')}` : `Legal form: ${c.allowed.map((f) => (f === 'individual' ? 'sole proprietor' : 'corporation')).join(' or ')}`;
    case 'openedBetween':
      return ko ? `개업일 ${dateRangeKo(c.from, c.to)}` : `Opened ${dateRangeEn(c.from, c.to)}`;
    case 'closedBetween':
      return ko ? `폐업일 ${dateRangeKo(c.from, c.to)}` : `Closed ${dateRangeEn(c.from, c.to)}`;
    case 'operatingDays':
      return ko ? `개업일부터 폐업(예정)일까지 ${formatCount(c.minDays)}일 이상 영업` : `Operated at least ${formatCount(c.minDays)} days from opening to closure`;
    case 'marketLocation':
      return ko
        ? `점포 위치: ${c.allowed.map((m) => MARKET_LOCATION_LABELS[m]).join(' 또는 ')}`
        : `Located in: ${c.allowed.map((m) => m.replaceAll('_', ' ')).join(' or ')}`;
    case 'closurePlanned':
      return ko
        ? `폐업 예정${c.withinMonths !== undefined ? ` (폐업 예정일이 ${formatMonthsKo(c.withinMonths)} 이내)` : ''}`
        : `Closure planned${c.withinMonths !== undefined ? ` within ${formatMonthsEn(c.withinMonths)}` : ''}`;
    case 'restart':
      return ko ? '재창업(예정)자 — 이전에 폐업한 사업이 있음' : 'Restarting after closing a previous business';
    case 'revenueDecline': {
      const pct = formatCount(c.minPercent);
      if (ko) return c.minPercent > 0 ? `전년 대비 매출 ${pct}% 이상 감소` : '전년 대비 매출 감소';
      return c.minPercent > 0 ? `Revenue down at least ${pct}% from the previous year` : 'Revenue down from the previous year';
    }
  }
}

/** "2023-12-31 이전", "2024-01-01 이후", "2024-01-01 ~ 2025-12-31" (both ends inclusive). */
function dateRangeKo(from: string | undefined, to: string | undefined): string {
  if (from && to) return from === to ? `${from}` : `${from} ~ ${to}`;
  if (from) return `${from} 이후`;
  if (to) return `${to} 이전`;
  return '제한 없음';
}

function dateRangeEn(from: string | undefined, to: string | undefined): string {
  if (from && to) return from === to ? `on ${from}` : `between ${from} and ${to}`;
  if (from) return `on or after ${from}`;
  if (to) return `on or before ${to}`;
  return 'at any date';
}

function annotate(text: string, c: Criterion, lang: Lang): string {
  const extra: string[] = [];
  if (c.note) extra.push(lang === 'ko' ? `공고 문구: "${c.note}"` : `notice: "${c.note}"`);
  if (c.source) extra.push(lang === 'ko' ? `출처: ${c.source}` : `source: ${c.source}`);
  return extra.length ? `${text} (${extra.join(', ')})` : text;
}

/** Heading of a group ("다음을 모두 충족"). */
export function groupHeading(kind: 'all' | 'any' | 'not', lang: Lang = 'ko'): string {
  if (lang === 'ko') return kind === 'all' ? '다음을 모두 충족' : kind === 'any' ? '다음 중 하나 이상 충족' : '다음에 해당하지 않음';
  return kind === 'all' ? 'All of the following' : kind === 'any' ? 'At least one of the following' : 'None of the following';
}

function lines(rule: Rule, lang: Lang, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const bullet = depth === 0 ? '' : '- ';
  if ('all' in rule || 'any' in rule) {
    const kind = 'all' in rule ? 'all' : 'any';
    const kids = 'all' in rule ? rule.all : rule.any;
    if (kids.length === 0) {
      out.push(`${pad}${bullet}${kind === 'all' ? (lang === 'ko' ? '조건 없음 (누구나)' : 'No conditions (anyone)') : lang === 'ko' ? '충족할 수 있는 조건 없음' : 'No condition can be met'}`);
      return;
    }
    out.push(`${pad}${bullet}${groupHeading(kind, lang)}:`);
    for (const k of kids) lines(k, lang, depth + 1, out);
    return;
  }
  if ('not' in rule) {
    out.push(`${pad}${bullet}${groupHeading('not', lang)}:`);
    lines(rule.not, lang, depth + 1, out);
    return;
  }
  out.push(`${pad}${bullet}${annotate(describeCriterion(rule, lang), rule, lang)}`);
}

/** The whole rule, one criterion per line, groups indented ("다음을 모두 충족:\n  - 업력 3년 이상 …"). */
export function describeRule(rule: Rule, lang: Lang = 'ko'): string {
  const out: string[] = [];
  lines(rule, lang, 0, out);
  return out.join('\n');
}
