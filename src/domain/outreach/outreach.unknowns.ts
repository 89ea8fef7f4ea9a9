import type { FactName } from '../eligibility/eligibility.types.ts';

/**
 * "What is unknown" for outreach (issue 12 §3), in the words a clerk says at the door: a registry
 * shop's file gives only 시·도, 시·군 and KSIC (src/domain/stores/store-facts.ts), so nearly every
 * programme is *unknown* for it, and the useful part is which questions settle it — "업력·매출을
 * 물어봐야 함". The engine's missing facts (eligibility.engine.ts `missing`) are mapped to a short
 * question word; facts asked together (국세·지방세 체납 → 세금 체납) share one word, and the words come
 * in the order a clerk would ask them (the business first, then the owner, then papers).
 */
const ASK_WORD: Readonly<Record<FactName, string>> = {
  openedOn: '업력',
  annualRevenue: '매출',
  annualRevenueYear: '매출',
  previousAnnualRevenue: '매출',
  workers: '상시근로자 수',
  operatingStatus: '영업 상태',
  closedOn: '영업 상태',
  legalForm: '개인·법인',
  premises: '임차 여부',
  marketLocation: '전통시장 입점',
  mailOrderRegistered: '통신판매업 신고',
  ownerBirthDate: '대표자 나이',
  ownerGender: '대표자 성별',
  ownerDisabled: '장애 여부',
  ownerVeteran: '보훈 여부',
  nationalTaxArrears: '세금 체납',
  localTaxArrears: '세금 체납',
  taxArrearsDeferred: '세금 체납',
  creditDelinquent: '신용 연체',
  closurePlanned: '폐업 예정',
  plannedClosureOn: '폐업 예정',
  restart: '재창업 여부',
  priorReceipts: '지원 받은 이력',
  documents: '서류',
  sidoCode: '소재지',
  municipalityCode: '소재지',
  ksicCode: '업종',
};

/** The order of the words (the first ones decide most programmes for shops). */
const ORDER = [
  '업력',
  '매출',
  '상시근로자 수',
  '영업 상태',
  '개인·법인',
  '임차 여부',
  '전통시장 입점',
  '통신판매업 신고',
  '대표자 나이',
  '대표자 성별',
  '장애 여부',
  '보훈 여부',
  '세금 체납',
  '신용 연체',
  '폐업 예정',
  '재창업 여부',
  '지원 받은 이력',
  '서류',
  '소재지',
  '업종',
];

/** The question words for a set of missing facts, deduplicated, in asking order. */
export function askWords(missing: Iterable<FactName>): string[] {
  const words = new Set<string>();
  for (const f of missing) words.add(ASK_WORD[f] ?? f);
  return [...words].sort((a, b) => rank(a) - rank(b));
}

function rank(w: string): number {
  const i = ORDER.indexOf(w);
  return i < 0 ? ORDER.length : i;
}

/** Whether a Hangul syllable has a final consonant (받침): chooses 을 or 를. */
function hasFinal(word: string): boolean {
  const ch = word.trim().at(-1);
  if (!ch) return false;
  const code = ch.charCodeAt(0);
  if (code < 0xac00 || code > 0xd7a3) return false;
  return (code - 0xac00) % 28 !== 0;
}

/**
 * "업력·매출을 물어봐야 함" — at most `max` words (the rest as "외 N가지"); empty when nothing is
 * missing (eligible or not eligible from the file alone).
 */
export function askSummary(missing: Iterable<FactName>, max = 3): string {
  const words = askWords(missing);
  if (words.length === 0) return '';
  const shown = words.slice(0, max);
  const more = words.length - shown.length;
  const head = shown.join('·');
  if (more > 0) return `${head} 외 ${more}가지를 물어봐야 함`;
  return `${head}${hasFinal(head) ? '을' : '를'} 물어봐야 함`;
}

/**
 * Counts per question word over shops (a group's "what to ask"): each shop counted once per word.
 * Sorted by how many shops need it, then asking order.
 */
export function askCounts(shopsMissing: Iterable<Iterable<FactName>>): { word: string; shops: number }[] {
  const counts = new Map<string, number>();
  for (const missing of shopsMissing) for (const w of askWords(missing)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts.entries()].map(([word, shops]) => ({ word, shops })).sort((a, b) => b.shops - a.shops || rank(a.word) - rank(b.word));
}
