import type { BenefitType } from './catalog.types.ts';

/**
 * Korean money amounts in notice text → KRW integers, and the benefit's type.
 * "최대 200만원" → 2,000,000; "1.5억" → 150,000,000; "3천만원" → 30,000,000; "1억 5천만원" →
 * 150,000,000; "3,000만원" → 30,000,000; "1,500천원" → 1,500,000; "500,000원" → 500,000.
 */

const UNITS: Readonly<Record<string, number>> = {
  조: 1e12,
  억: 1e8,
  천만: 1e7,
  백만: 1e6,
  십만: 1e5,
  만: 1e4,
  천: 1e3,
  백: 1e2,
};

/** One number with an optional unit: "1.5억", "3천만", "3,000만", "500,000". */
const PART = /(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(조|억|천만|백만|십만|만|천|백)?/y;
const WON = /\s*원/y;
const NUMBER_START = /(?<![\d.,])\d/g;

export interface AmountMatch {
  value: number;
  index: number;
  /** Index just after the amount (after 원 when written). */
  end: number;
  text: string;
}

/** Units that make an amount without "원" still money: "1.5억", "200만". 조 (also 제3조), 천 and 백 need 원. */
const MONEY_WITHOUT_WON = new Set(['억', '천만', '백만', '십만', '만']);

function readAmountAt(text: string, index: number): AmountMatch | undefined {
  // Read the parts of a compound amount, big to small units ("1억 5천만"), then take the longest
  // prefix that is money: followed by 원, or ending in a unit of 만 or more ("1.5억").
  const parts: { total: number; end: number; unitName?: string }[] = [];
  let pos = index;
  let total = 0;
  let lastUnit = Infinity;
  for (;;) {
    PART.lastIndex = pos;
    const m = PART.exec(text);
    if (!m) break;
    const unitName = m[3];
    const unit = unitName ? UNITS[unitName]! : 1;
    if (unit >= lastUnit) break;
    total += Number(m[1]!.replace(/,/g, '') + (m[2] ? `.${m[2]}` : '')) * unit;
    pos = m.index + m[0].length;
    parts.push({ total, end: pos, ...(unitName ? { unitName } : {}) });
    lastUnit = unit;
    if (!unitName) break;
    // A space may separate the parts ("1억 5천만원").
    const next = /\s*(?=\d)/y;
    next.lastIndex = pos;
    if (!next.exec(text)) break;
    pos = next.lastIndex;
  }
  for (let k = parts.length - 1; k >= 0; k--) {
    const p = parts[k]!;
    WON.lastIndex = p.end;
    const won = WON.exec(text);
    if (!won && !(p.unitName && MONEY_WITHOUT_WON.has(p.unitName))) continue;
    const end = won ? WON.lastIndex : p.end;
    const value = Math.round(p.total);
    if (!Number.isSafeInteger(value) || value <= 0) return undefined;
    return { value, index, end, text: text.slice(index, end) };
  }
  return undefined;
}

/** Every money amount in the text, in order. */
export function findAmounts(text: string): AmountMatch[] {
  const out: AmountMatch[] = [];
  let after = 0;
  for (const m of text.matchAll(NUMBER_START)) {
    if (m.index < after) continue;
    const a = readAmountAt(text, m.index);
    if (a) {
      out.push(a);
      after = a.end;
    }
  }
  return out;
}

/** The first money amount in the text ("최대 200만원" → 2000000), or undefined. */
export function parseKrwAmount(text: string): number | undefined {
  return findAmounts(text)[0]?.value;
}

/** Words before an amount that make it the benefit's ceiling. */
const CEILING_BEFORE =
  /(최대|최고|한도|지원\s*금액?|지원액|지원\s*규모|업체당|개사당|기업당|1\s*인당|인당|점포당|1\s*개사|개소당)[\s:：)]*(?:\S{0,6}\s*)?$/;
/** Words after an amount that make it the benefit's ceiling or the benefit itself. */
const CEILING_AFTER = /^\s*(?:이내|한도|까지|범위|상당)|^\s*(?:\(\S*\)\s*)?(?:을|를)?\s*(?:지원|지급|융자|보증|대출|보조)/;
/** Amounts that are eligibility thresholds (매출 10억 이하), not benefits. */
const THRESHOLD_BEFORE = /(매출|매출액|수입금액|자산|자본금?|부채|과세표준|소득|연봉|보수|임금)\S{0,6}\s*(?:\S{0,6}\s*)?$/;
const THRESHOLD_AFTER = /^\s*(?:이하|미만|이상|초과)/;

/**
 * The benefit's maximum in KRW as the text states it: amounts introduced as a ceiling ("최대",
 * "한도", "업체당", "… 이내", "… 지원") count; thresholds ("매출 3억원 이하") do not. When several
 * count (tracks of one programme), the largest. Undefined when the text names none.
 */
export function extractMaxAmount(text: string): number | undefined {
  let best: number | undefined;
  for (const a of findAmounts(text)) {
    const before =
      text
        .slice(Math.max(0, a.index - 16), a.index)
        .split('\n')
        .pop() ?? '';
    const after = text.slice(a.end, a.end + 12);
    if (THRESHOLD_BEFORE.test(before)) continue;
    const ceilingBefore = CEILING_BEFORE.test(before);
    if (!ceilingBefore && THRESHOLD_AFTER.test(after)) continue;
    if (!ceilingBefore && !CEILING_AFTER.test(after)) continue;
    if (best === undefined || a.value > best) best = a.value;
  }
  return best;
}

/**
 * The benefit's type from words in the notice. Order matters: a 보증 programme often mentions 이자
 * and 대출 too, so guarantee is checked first, then loan, subsidy (part of a cost), grant (cash),
 * service (in kind). Undefined when nothing fits.
 */
export function detectBenefitType(text: string): BenefitType | undefined {
  if (/보증(?!금)/.test(text)) return 'guarantee';
  if (/융자|대출|정책\s*자금|대여/.test(text)) return 'loan';
  if (
    /이자\s*지원|이차\s*보전|감면|바우처|이용권|비용(?:의)?\s*(?:일부|\d+\s*%)|\d+\s*%\s*(?:지원|보조)|자부담|본인\s*부담|할인|요금\s*지원|수수료\s*지원/.test(
      text,
    )
  )
    return 'subsidy';
  if (/지원금|보조금|장려금|격려금|지원\s*자금|현금\s*지급|지급|사업화\s*자금|\d\s*(?:억|만)?\s*원\s*(?:을|를)?\s*(?:지원|지급)/.test(text))
    return 'grant';
  if (/컨설팅|교육|멘토링|상담|판로|전시|박람회|홍보|마케팅|입주|공간|보육|네트워킹|진단|코칭/.test(text)) return 'service';
  return undefined;
}
