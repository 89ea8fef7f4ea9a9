/**
 * 업종 by everyday words (issue 13 §1): an owner or a clerk types "치킨집", "미용실", "편의점" and gets the
 * KSIC code (10th revision) the engine reasons over, without having to know that a 치킨집 is 56193.
 *
 * The names shown are the classification's own (KSIC_NAMES in eligibility.reference.ts, or the
 * section name for a section letter); the words are what people say. Where the everyday word is
 * wider than one class (e.g. "식당"), it maps to the group the engine can still reason over ('561'
 * is every 음식점업; '56' every 음식점 및 주점업). Data, not logic: add words here, nothing else changes.
 *
 * Note "편의점" → 47122 (체인화 편의점) and "슈퍼" / "마트" → 47121 (슈퍼마켓): KSIC keeps them apart.
 */
import { KSIC_NAMES, KSIC_SECTIONS, ksicLabel } from './eligibility.reference.ts';

export interface IndustryWord {
  /** KSIC code: a section letter or 2–5 digits. */
  readonly code: string;
  /** Words people use, most common first (the first is the label shown). */
  readonly words: readonly string[];
}

/** Additional KSIC names (10th revision) for codes the word table needs that KSIC_NAMES does not hold. */
const MORE_NAMES: Readonly<Record<string, string>> = {
  '01': '농업',
  '10': '식료품 제조업',
  '14': '의복, 의복 액세서리 및 모피제품 제조업',
  '47': '소매업; 자동차 제외',
  '4752': '철물, 공구, 창호 및 건설자재 소매업',
  '47311': '컴퓨터 및 주변장치, 소프트웨어 소매업',
  '47312': '통신기기 소매업',
  '47411': '남자용 겉옷 소매업',
  '47611': '서적, 신문 및 잡지류 소매업',
  '47612': '문구용품 및 회화용품 소매업',
  '47711': '운송장비용 주유소 운영업',
  '4940': '택배업',
  '551': '일반 및 생활 숙박시설 운영업',
  '56': '음식점 및 주점업',
  '561': '음식점업',
  '56199': '그 외 기타 간이 음식점업',
  '56229': '기타 비알코올 음료점업',
  '62': '컴퓨터 프로그래밍, 시스템 통합 및 관리업',
  '7330': '사진 촬영 및 처리업',
  '752': '여행사 및 기타 여행 보조 서비스업',
  '8561': '스포츠 및 레크리에이션 교육기관',
  '86201': '일반 의원',
  '86202': '치과 의원',
  '86203': '한의원',
  '9113': '기타 스포츠시설 운영업',
  '95310': '가전제품 수리업',
  '95391': '의류 및 기타 가정용 직물제품 수리업',
  '95399': '그 외 기타 개인 및 가정용품 수리업',
  '96119': '기타 미용업',
  '96121': '욕탕업',
  '96122': '마사지업',
  '96991': '예식장업',
};

/**
 * Everyday words → KSIC. Order matters only for ties in the search (earlier first). Sources: KSIC
 * 10th revision class names (통계청 고시 제2017-13호) and the words on 상가(상권)정보 (소상공인시장진흥공단)
 * shop categories; review with a clerk when a word is ambiguous.
 */
export const INDUSTRY_WORDS: readonly IndustryWord[] = [
  // 음식점
  { code: '56193', words: ['치킨집', '치킨', '통닭', '닭강정'] },
  { code: '56111', words: ['한식당', '식당', '백반집', '한식', '밥집', '기사식당', '국밥집', '해장국', '찌개'] },
  { code: '56112', words: ['국수집', '냉면집', '칼국수', '면 요리'] },
  { code: '56113', words: ['고깃집', '고기집', '삼겹살', '갈비집', '정육식당', '곱창'] },
  { code: '56121', words: ['중국집', '중식당', '짜장면', '마라탕'] },
  { code: '56122', words: ['일식집', '초밥', '돈까스', '스시', '횟집', '라멘', '우동'] },
  { code: '56192', words: ['피자집', '햄버거', '샌드위치', '토스트', '패스트푸드'] },
  { code: '56194', words: ['김밥집', '분식집', '분식', '떡볶이', '김밥'] },
  { code: '56191', words: ['제과점', '빵집', '베이커리', '케이크 가게'] },
  { code: '56221', words: ['카페', '커피숍', '커피 전문점', '다방'] },
  { code: '56229', words: ['찻집', '주스 가게', '버블티', '빙수'] },
  { code: '56199', words: ['푸드트럭', '도시락집'] },
  { code: '56219', words: ['호프집', '술집', '포장마차', '이자카야', '주점', '맥주집'] },
  { code: '561', words: ['음식점', '외식업', '요식업'] },
  // 소매
  { code: '47122', words: ['편의점'] },
  { code: '47121', words: ['슈퍼', '슈퍼마켓', '마트', '동네마트', '식자재마트'] },
  { code: '47212', words: ['정육점', '고기 가게', '축산물 판매'] },
  { code: '47216', words: ['과일가게', '청과', '채소가게', '야채가게'] },
  { code: '47412', words: ['옷가게', '여성 의류', '의류 매장', '보세 옷가게'] },
  { code: '47411', words: ['남성 의류'] },
  { code: '47813', words: ['화장품 가게', '화장품'] },
  { code: '47811', words: ['약국'] },
  { code: '47612', words: ['문구점', '문방구'] },
  { code: '47611', words: ['서점', '책방'] },
  { code: '4752', words: ['철물점', '공구상', '건재상'] },
  { code: '47312', words: ['휴대폰 가게', '핸드폰 가게', '통신 대리점'] },
  { code: '47311', words: ['컴퓨터 가게'] },
  { code: '47911', words: ['온라인 쇼핑몰', '인터넷 판매', '스마트스토어', '쇼핑몰', '온라인 판매'] },
  { code: '47711', words: ['주유소'] },
  { code: '47', words: ['가게', '소매점', '상점'] },
  // 개인 서비스
  { code: '96112', words: ['미용실', '헤어샵', '미장원', '헤어'] },
  { code: '96111', words: ['이발소', '바버샵'] },
  { code: '96113', words: ['피부관리실', '피부샵', '에스테틱'] },
  { code: '96119', words: ['네일샵', '네일아트', '속눈썹'] },
  { code: '96912', words: ['세탁소', '빨래방', '코인세탁'] },
  { code: '96121', words: ['목욕탕', '사우나', '찜질방'] },
  { code: '96122', words: ['마사지', '발마사지'] },
  { code: '95211', words: ['카센터', '자동차 정비', '정비소', '공업사'] },
  { code: '95310', words: ['전자제품 수리', '가전 수리'] },
  { code: '95391', words: ['수선집', '옷 수선'] },
  { code: '95399', words: ['열쇠', '시계 수리'] },
  { code: '7330', words: ['사진관', '스튜디오'] },
  { code: '96991', words: ['예식장'] },
  // 교육·건강·숙박·기타
  { code: '85501', words: ['학원', '보습학원', '공부방', '교습소'] },
  { code: '8561', words: ['태권도장', '필라테스', '요가', '무술 도장'] },
  { code: '9113', words: ['헬스장', '체육관'] },
  { code: '86201', words: ['의원', '병원'] },
  { code: '86202', words: ['치과'] },
  { code: '86203', words: ['한의원'] },
  { code: '551', words: ['펜션', '민박', '게스트하우스', '모텔', '숙박'] },
  { code: '68221', words: ['부동산', '공인중개사', '복덕방'] },
  { code: '752', words: ['여행사'] },
  { code: '49231', words: ['용달', '화물 운송'] },
  { code: '4940', words: ['택배', '퀵서비스', '배달 대행'] },
  { code: '18111', words: ['인쇄소', '복사집', '현수막'] },
  { code: '42411', words: ['인테리어', '실내 공사', '도배', '타일'] },
  { code: '10712', words: ['빵 공장', '빵 제조'] },
  { code: '10711', words: ['떡집', '방앗간'] },
  { code: '10', words: ['식품 제조', '반찬 제조', '식품 공장'] },
  { code: '14', words: ['봉제공장', '의류 제조'] },
  { code: '62', words: ['소프트웨어 개발', '앱 개발', '홈페이지 제작'] },
  { code: '01', words: ['농사', '농업', '과수원', '비닐하우스'] },
];

/** The KSIC name of a code used by the word table (classification name; section name for a letter). */
export function industryName(code: string): string {
  return KSIC_NAMES[code] ?? MORE_NAMES[code] ?? KSIC_SECTIONS[code]?.name ?? ksicLabel(code);
}

/** Folds spaces and case so that "치킨 집" finds "치킨집". */
function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

export interface IndustryMatch {
  readonly code: string;
  /** The word that matched, or the table's first word when the name or code matched. */
  readonly word: string;
  readonly name: string;
}

/**
 * Finds industries by words: an exact word first, then words starting with the query, then words
 * or KSIC names containing it, then a KSIC code typed as such ("56193"). At most `limit` results,
 * one per code.
 */
export function searchIndustries(query: string, limit = 8): IndustryMatch[] {
  const q = fold(query);
  if (!q) return [];
  const scored: { code: string; word: string; score: number; order: number }[] = [];
  INDUSTRY_WORDS.forEach((entry, order) => {
    let best: { word: string; score: number } | null = null;
    for (const w of entry.words) {
      const f = fold(w);
      const score = f === q ? 0 : f.startsWith(q) ? 1 : f.includes(q) ? 2 : q.includes(f) && f.length >= 2 ? 3 : 9;
      if (score < 9 && (!best || score < best.score)) best = { word: w, score };
    }
    if (!best && fold(industryName(entry.code)).includes(q)) best = { word: entry.words[0]!, score: 4 };
    if (!best && /^\d{2,5}$/.test(q) && entry.code.startsWith(q)) best = { word: entry.words[0]!, score: 5 };
    if (best) scored.push({ code: entry.code, word: best.word, score: best.score, order });
  });
  // A code typed as such and not in the table is still a choice (the clerk knows it).
  if (/^\d{2,5}$/.test(q) && !scored.some((s) => s.code === q)) scored.push({ code: q, word: q, score: 6, order: 0 });
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  const seen = new Set<string>();
  const out: IndustryMatch[] = [];
  for (const s of scored) {
    if (seen.has(s.code)) continue;
    seen.add(s.code);
    out.push({ code: s.code, word: s.word, name: industryName(s.code) });
    if (out.length >= limit) break;
  }
  return out;
}

/** One option per table entry, for a select or datalist ("치킨집 · 치킨 전문점 (56193)"). */
export function industryOptions(): { value: string; label: string }[] {
  return INDUSTRY_WORDS.map((e) => ({ value: e.code, label: `${e.words[0]} · ${industryName(e.code)} (${e.code})` }));
}

/** The everyday word for a code (the table's first word), or null. */
export function industryWordOf(code: string | null | undefined): string | null {
  if (!code) return null;
  return INDUSTRY_WORDS.find((e) => e.code === code)?.words[0] ?? null;
}

/**
 * What a clerk typed in the 업종 box (issue 13 §1, the intake and edit forms) → a KSIC code: a code
 * as such ("56193"), a suggestion picked from the list ("치킨집 · 치킨 전문점 (56193)"), or an everyday
 * word of the table typed whole ("치킨집"). Anything else is returned unchanged (and refused by the
 * code's format check).
 */
export function ksicFromTyped(typed: string): string {
  const s = typed.trim();
  if (/^(\d{2,5}|[A-U])$/.test(s)) return s;
  const picked = /\((\d{2,5}|[A-U])\)\s*$/.exec(s);
  if (picked) return picked[1]!;
  const f = fold(s);
  const hits = INDUSTRY_WORDS.filter((e) => e.words.some((w) => fold(w) === f));
  return hits.length === 1 ? hits[0]!.code : s;
}

/** One suggestion per everyday word ("통닭 · 치킨 전문점 (56193)"), so the browser's list finds any of them. */
export function industrySuggestions(): string[] {
  return INDUSTRY_WORDS.flatMap((e) => e.words.map((w) => `${w} · ${industryName(e.code)} (${e.code})`));
}
