/**
 * Reference DATA the eligibility engine reads: KSIC structure, the 소기업 revenue caps, the 소상공인
 * worker thresholds, the named KSIC exclusion sets, and the Korean labels of facts and places.
 *
 * docs/domain.md: items that change yearly or come from secondary sources are data with a `source` and a
 * `reviewStatus`, never constants buried in code. Everything here that a programme editor might have
 * to correct carries `reviewStatus: '확인 필요'` until somebody checks it against the current law or
 * notice. The engine only ever reads these tables; it has no numbers of its own.
 */
import { CATEGORY_LABELS, type CategoryCode } from '../catalog/catalog.types.ts';
import { findDocumentType } from '../documents/document-types.ts';
import { BusinessFactsSchema, type FactName } from './eligibility.types.ts';
import { GYEONGGI_MUNICIPALITIES } from '../places.ts';

export const REVIEW_UNCHECKED = '확인 필요' as const;
export type ReviewStatus = typeof REVIEW_UNCHECKED | '확인됨';

// ── KSIC 10th revision: sections and divisions ──────────────────────────────────────────────────
/**
 * 한국표준산업분류 제10차 개정 (통계청 고시 제2017-13호, 2017-07-01 시행): section letter → its
 * 2-digit divisions. A business's `ksicCode` may be only a section letter or 2–4 digits when the
 * clerk knows no more; the engine then reasons over every division (or class) it could be.
 */
export const KSIC_SECTIONS: Readonly<Record<string, { readonly name: string; readonly divisions: readonly string[] }>> = {
  A: { name: '농업, 임업 및 어업', divisions: ['01', '02', '03'] },
  B: { name: '광업', divisions: ['05', '06', '07', '08'] },
  C: {
    name: '제조업',
    divisions: ['10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '32', '33', '34'],
  },
  D: { name: '전기, 가스, 증기 및 공기 조절 공급업', divisions: ['35'] },
  E: { name: '수도, 하수 및 폐기물 처리, 원료 재생업', divisions: ['36', '37', '38', '39'] },
  F: { name: '건설업', divisions: ['41', '42'] },
  G: { name: '도매 및 소매업', divisions: ['45', '46', '47'] },
  H: { name: '운수 및 창고업', divisions: ['49', '50', '51', '52'] },
  I: { name: '숙박 및 음식점업', divisions: ['55', '56'] },
  J: { name: '정보통신업', divisions: ['58', '59', '60', '61', '62', '63'] },
  K: { name: '금융 및 보험업', divisions: ['64', '65', '66'] },
  L: { name: '부동산업', divisions: ['68'] },
  M: { name: '전문, 과학 및 기술 서비스업', divisions: ['70', '71', '72', '73'] },
  N: { name: '사업시설 관리, 사업 지원 및 임대 서비스업', divisions: ['74', '75', '76'] },
  O: { name: '공공 행정, 국방 및 사회보장 행정', divisions: ['84'] },
  P: { name: '교육 서비스업', divisions: ['85'] },
  Q: { name: '보건업 및 사회복지 서비스업', divisions: ['86', '87'] },
  R: { name: '예술, 스포츠 및 여가관련 서비스업', divisions: ['90', '91'] },
  S: { name: '협회 및 단체, 수리 및 기타 개인 서비스업', divisions: ['94', '95', '96'] },
  T: { name: '가구 내 고용활동 및 달리 분류되지 않은 자가 소비 생산활동', divisions: ['97', '98'] },
  U: { name: '국제 및 외국기관', divisions: ['99'] },
};

export const KSIC_SECTION_LETTERS: readonly string[] = Object.keys(KSIC_SECTIONS);

/** Division (2 digits) → section letter. */
export const KSIC_DIVISION_SECTION: ReadonlyMap<string, string> = new Map(
  Object.entries(KSIC_SECTIONS).flatMap(([letter, s]) => s.divisions.map((d) => [d, letter] as const)),
);

export const KSIC_DIVISIONS: readonly string[] = [...KSIC_DIVISION_SECTION.keys()];

/** Section letter of a KSIC code ('56111' → 'I', 'I' → 'I'); undefined when the division does not exist. */
export function ksicSectionOf(code: string): string | undefined {
  if (/^[A-U]$/.test(code)) return code;
  return KSIC_DIVISION_SECTION.get(code.slice(0, 2));
}

/**
 * Names of the KSIC codes that appear in our sets, generators and explanations (KSIC 10th revision).
 * Not the whole classification (1,196 leaf classes): unknown codes are shown with their section name.
 */
export const KSIC_NAMES: Readonly<Record<string, string>> = {
  '10712': '빵류 제조업',
  '10711': '떡류 제조업',
  '18111': '경 인쇄업',
  '42411': '실내 건축 및 인테리어 공사업',
  '46333': '담배 도매업',
  '47121': '슈퍼마켓',
  '47122': '체인화 편의점',
  '47212': '육류 소매업',
  '47216': '과실 및 채소 소매업',
  '47412': '여자용 겉옷 소매업',
  '47811': '의약품 및 의료용품 소매업(약국)',
  '47813': '화장품, 비누 및 방향제 소매업',
  '47911': '전자상거래 소매업',
  '49231': '용달 화물자동차 운송업',
  '56111': '한식 일반 음식점업',
  '56112': '한식 면 요리 전문점',
  '56113': '한식 육류 요리 전문점',
  '56121': '중식 음식점업',
  '56122': '일식 음식점업',
  '56191': '제과점업',
  '56192': '피자, 햄버거, 샌드위치 및 유사 음식점업',
  '56193': '치킨 전문점',
  '56194': '김밥 및 기타 간이 음식점업',
  '5621': '주점업',
  '56211': '일반 유흥 주점업',
  '56212': '무도 유흥 주점업',
  '56219': '기타 주점업',
  '56221': '커피 전문점',
  '63992': '가상자산 매매 및 중개업',
  '64': '금융업',
  '65': '보험 및 연금업',
  '66': '금융 및 보험 관련 서비스업',
  '68': '부동산업',
  '6821': '부동산 관리업',
  '68221': '부동산 중개 및 대리업',
  '68224': '부동산 분양 대행업',
  '711': '법무 관련 서비스업',
  '712': '회계 및 세무 관련 서비스업',
  '731': '수의업',
  '75993': '신용조사 및 추심 대행업',
  '85501': '일반 교과 학원',
  '86': '보건업',
  '86902': '유사 의료업',
  '91113': '경주장 및 동물 경기장 운영업',
  '91121': '골프장 운영업',
  '91242': '카지노 운영업',
  '91249': '기타 사행시설 관리 및 운영업',
  '91291': '무도장 운영업',
  '95211': '자동차 종합 수리업',
  '96111': '이용업',
  '96112': '두발 미용업',
  '96113': '피부 미용업',
  '96912': '가정용 세탁업',
  '96992': '점술 및 유사 서비스업',
};

/** Plain-Korean name for a KSIC code: the exact name when we have it, else its section. */
export function ksicLabel(code: string): string {
  const exact = KSIC_NAMES[code];
  if (exact) return exact;
  const section = ksicSectionOf(code);
  return section ? `${KSIC_SECTIONS[section]!.name} 중` : '분류 없음';
}

// ── 소상공인: worker thresholds and 소기업 revenue caps ─────────────────────────────────────────
/**
 * 소상공인기본법 제2조 and 같은 법 시행령 제2조제1항: a 소상공인 is a 소기업 (중소기업기본법 제2조제2항)
 * whose 상시 근로자 are fewer than 10 in 광업·제조업·건설업·운수업 and fewer than 5 in every other
 * industry. We map those industries to KSIC sections B, C, F and H (H is "운수 및 창고업": whether
 * 창고업 (52) counts as 운수업 is the agency's reading — review).
 */
export const SMALL_BUSINESS_WORKER_LIMITS = {
  /** Sections whose limit is `limitInSections` (fewer than). */
  sections: ['B', 'C', 'F', 'H'] as readonly string[],
  limitInSections: 10,
  limitElsewhere: 5,
  source: '소상공인기본법 제2조, 같은 법 시행령 제2조제1항 (상시 근로자 수 기준)',
  reviewStatus: REVIEW_UNCHECKED as ReviewStatus,
  note: '운수업을 KSIC H(운수 및 창고업) 전체로 적용 — 창고업(52) 포함 여부 확인 필요',
};

export interface RevenueCapRow {
  /** KSIC prefixes (section letter or 2-digit divisions) the row covers. */
  readonly ksic: readonly string[];
  /** 주된 업종 as written in 별표 3. */
  readonly industry: string;
  /** 평균매출액등 cap, KRW, inclusive ("이하"). */
  readonly capKrw: number;
}

/**
 * 중소기업기본법 시행령 [별표 3] 주된 업종별 평균매출액등의 소기업 규모 기준 (제8조제1항 관련). The law
 * compares the 3-year 평균매출액등; the engine compares the fact `annualRevenue`, which is what
 * notices and clerks use in practice — a programme that insists on the 3-year average must say so in
 * the criterion note. Written from secondary summaries of the table (not the 법제처 text itself):
 * REVIEW before relying on a boundary case. Division 94 (협회 및 단체) and sections O, T, U have no row
 * and therefore no cap: the engine answers "unknown" rather than guessing.
 */
export const SMALL_ENTERPRISE_REVENUE_CAPS = {
  source: '중소기업기본법 시행령 [별표 3] 주된 업종별 평균매출액등의 소기업 규모 기준 (2차 자료로 작성)',
  reviewStatus: REVIEW_UNCHECKED as ReviewStatus,
  rows: [
    { ksic: ['10'], industry: '식료품 제조업', capKrw: 12_000_000_000 },
    { ksic: ['11'], industry: '음료 제조업', capKrw: 12_000_000_000 },
    { ksic: ['14'], industry: '의복, 의복액세서리 및 모피제품 제조업', capKrw: 12_000_000_000 },
    { ksic: ['15'], industry: '가죽, 가방 및 신발 제조업', capKrw: 12_000_000_000 },
    { ksic: ['19'], industry: '코크스, 연탄 및 석유정제품 제조업', capKrw: 12_000_000_000 },
    { ksic: ['20'], industry: '화학물질 및 화학제품 제조업(의약품 제조업 제외)', capKrw: 12_000_000_000 },
    { ksic: ['21'], industry: '의료용 물질 및 의약품 제조업', capKrw: 12_000_000_000 },
    { ksic: ['23'], industry: '비금속 광물제품 제조업', capKrw: 12_000_000_000 },
    { ksic: ['24'], industry: '1차 금속 제조업', capKrw: 12_000_000_000 },
    { ksic: ['25'], industry: '금속가공제품 제조업(기계 및 가구 제조업 제외)', capKrw: 12_000_000_000 },
    { ksic: ['26'], industry: '전자부품, 컴퓨터, 영상, 음향 및 통신장비 제조업', capKrw: 12_000_000_000 },
    { ksic: ['28'], industry: '전기장비 제조업', capKrw: 12_000_000_000 },
    { ksic: ['29'], industry: '그 밖의 기계 및 장비 제조업', capKrw: 12_000_000_000 },
    { ksic: ['30'], industry: '자동차 및 트레일러 제조업', capKrw: 12_000_000_000 },
    { ksic: ['32'], industry: '가구 제조업', capKrw: 12_000_000_000 },
    { ksic: ['D'], industry: '전기, 가스, 증기 및 공기조절 공급업', capKrw: 12_000_000_000 },
    { ksic: ['36'], industry: '수도업', capKrw: 12_000_000_000 },
    { ksic: ['A'], industry: '농업, 임업 및 어업', capKrw: 8_000_000_000 },
    { ksic: ['B'], industry: '광업', capKrw: 8_000_000_000 },
    { ksic: ['12'], industry: '담배 제조업', capKrw: 8_000_000_000 },
    { ksic: ['13'], industry: '섬유제품 제조업(의복 제조업 제외)', capKrw: 8_000_000_000 },
    { ksic: ['16'], industry: '목재 및 나무제품 제조업(가구 제조업 제외)', capKrw: 8_000_000_000 },
    { ksic: ['17'], industry: '펄프, 종이 및 종이제품 제조업', capKrw: 8_000_000_000 },
    { ksic: ['18'], industry: '인쇄 및 기록매체 복제업', capKrw: 8_000_000_000 },
    { ksic: ['22'], industry: '고무제품 및 플라스틱제품 제조업', capKrw: 8_000_000_000 },
    { ksic: ['27'], industry: '의료, 정밀, 광학기기 및 시계 제조업', capKrw: 8_000_000_000 },
    { ksic: ['31'], industry: '그 밖의 운송장비 제조업', capKrw: 8_000_000_000 },
    { ksic: ['33'], industry: '그 밖의 제품 제조업', capKrw: 8_000_000_000 },
    { ksic: ['F'], industry: '건설업', capKrw: 8_000_000_000 },
    { ksic: ['H'], industry: '운수 및 창고업', capKrw: 8_000_000_000 },
    { ksic: ['K'], industry: '금융 및 보험업', capKrw: 8_000_000_000 },
    { ksic: ['G'], industry: '도매 및 소매업', capKrw: 5_000_000_000 },
    { ksic: ['J'], industry: '정보통신업', capKrw: 5_000_000_000 },
    { ksic: ['37', '38', '39'], industry: '수도, 하수 및 폐기물 처리, 원료재생업(수도업 제외)', capKrw: 3_000_000_000 },
    { ksic: ['L'], industry: '부동산업', capKrw: 3_000_000_000 },
    { ksic: ['M'], industry: '전문, 과학 및 기술 서비스업', capKrw: 3_000_000_000 },
    { ksic: ['N'], industry: '사업시설관리, 사업지원 및 임대 서비스업', capKrw: 3_000_000_000 },
    { ksic: ['R'], industry: '예술, 스포츠 및 여가 관련 서비스업', capKrw: 3_000_000_000 },
    { ksic: ['34'], industry: '산업용 기계 및 장비 수리업', capKrw: 1_000_000_000 },
    { ksic: ['I'], industry: '숙박 및 음식점업', capKrw: 1_000_000_000 },
    { ksic: ['P'], industry: '교육 서비스업', capKrw: 1_000_000_000 },
    { ksic: ['Q'], industry: '보건업 및 사회복지 서비스업', capKrw: 1_000_000_000 },
    { ksic: ['95', '96'], industry: '수리(修理) 및 기타 개인 서비스업', capKrw: 1_000_000_000 },
  ] as readonly RevenueCapRow[],
};

/** Division → its cap row (built once from the table above; a section row covers all its divisions). */
export const REVENUE_CAP_BY_DIVISION: ReadonlyMap<string, RevenueCapRow> = (() => {
  const m = new Map<string, RevenueCapRow>();
  for (const row of SMALL_ENTERPRISE_REVENUE_CAPS.rows) {
    for (const k of row.ksic) {
      const divisions = /^[A-U]$/.test(k) ? KSIC_SECTIONS[k]!.divisions : [k];
      for (const d of divisions) {
        if (m.has(d)) throw new Error(`별표 3 표에 업종 ${d}가 두 번 있습니다`);
        m.set(d, row);
      }
    }
  }
  return m;
})();

/** 소상공인 worker limit ("fewer than") for a division. */
export function workerLimitOfDivision(division: string): number {
  const section = KSIC_DIVISION_SECTION.get(division);
  return section !== undefined && SMALL_BUSINESS_WORKER_LIMITS.sections.includes(section)
    ? SMALL_BUSINESS_WORKER_LIMITS.limitInSections
    : SMALL_BUSINESS_WORKER_LIMITS.limitElsewhere;
}

// ── Named KSIC sets (exclusion lists) ──────────────────────────────────────────────────────────
export interface KsicSetEntry {
  /** KSIC prefixes (section letter or 1–5 digits). */
  readonly codes: readonly string[];
  readonly label: string;
  /** Codes under `codes` that are NOT in the set (e.g. 부동산업 68 except 부동산 관리업 6821). */
  readonly except?: readonly { readonly codes: readonly string[]; readonly label: string }[];
}

export interface KsicSet {
  readonly name: string;
  readonly title: string;
  readonly source: string;
  readonly reviewStatus: ReviewStatus;
  readonly entries: readonly KsicSetEntry[];
  /** Other named sets whose entries are part of this one. */
  readonly extends?: readonly string[];
  /**
   * Listed by the source only for PART of a KSIC class ("○○중": e.g. 안마시술소 within 마사지업 96122).
   * A KSIC code cannot decide these, so they never change a verdict; explanations show them as a
   * note for the clerk to check by hand.
   */
  readonly advisory?: readonly KsicSetEntry[];
  readonly note?: string;
}

const SEMAS_EXCLUSIONS_SOURCE =
  '소상공인시장진흥공단 「소상공인 정책자금 융자제외 대상 업종」 (정책자금 융자계획 공고 별표; 2차 자료로 작성, 연도별 확인 필요)';

/**
 * The reusable exclusion lists real notices point to. Themes first, then the standard list composed
 * of them, so a notice that excludes "유흥·사행 업종" can name just that theme.
 *
 * Gambling codes: KSIC 10th revision 9124 사행시설 관리 및 운영업 has 91242 카지노 운영업 and 91249 기타
 * 사행시설 관리 및 운영업 — the codes the 소진공 table lists (docs/domain.md agrees). 91241 (복권 발행 및
 * 판매업) is not on that table and is therefore not excluded here.
 */
export const KSIC_SETS: readonly KsicSet[] = [
  {
    name: 'entertainment-bars',
    title: '유흥주점',
    source: SEMAS_EXCLUSIONS_SOURCE,
    reviewStatus: REVIEW_UNCHECKED,
    entries: [
      { codes: ['56211'], label: '일반 유흥 주점업' },
      { codes: ['56212'], label: '무도 유흥 주점업' },
      { codes: ['91291'], label: '무도장 운영업' },
    ],
  },
  {
    name: 'gambling',
    title: '사행산업',
    source: SEMAS_EXCLUSIONS_SOURCE,
    reviewStatus: REVIEW_UNCHECKED,
    entries: [
      { codes: ['91113'], label: '경주장 및 동물 경기장 운영업' },
      { codes: ['91242'], label: '카지노 운영업' },
      { codes: ['91249'], label: '기타 사행시설 관리 및 운영업' },
    ],
    advisory: [
      { codes: ['33409'], label: '도박·사행성 오락기구 제조업' },
      { codes: ['46463', '47640', '76390'], label: '도박·사행성 오락기구 도소매·임대업' },
      { codes: ['9122'], label: '성인용 게임장·성인 오락실' },
    ],
  },
  {
    name: 'finance-insurance',
    title: '금융 및 보험업',
    source: SEMAS_EXCLUSIONS_SOURCE,
    reviewStatus: REVIEW_UNCHECKED,
    entries: [
      { codes: ['64'], label: '금융업' },
      { codes: ['65'], label: '보험 및 연금업' },
      { codes: ['66'], label: '금융 및 보험 관련 서비스업' },
      { codes: ['63992'], label: '가상자산 매매 및 중개업' },
      { codes: ['75993'], label: '신용조사 및 추심 대행업' },
    ],
  },
  {
    name: 'real-estate',
    title: '부동산업',
    source: SEMAS_EXCLUSIONS_SOURCE,
    reviewStatus: REVIEW_UNCHECKED,
    entries: [
      {
        codes: ['68'],
        label: '부동산업',
        except: [
          { codes: ['6821'], label: '부동산 관리업' },
          // The source admits 중개 only after 6 months at the same premises: a KSIC code cannot
          // tell, so the clerk must check (noted in the explanation).
          { codes: ['68221'], label: '부동산 중개 및 대리업 (동일 장소 6개월 이상 영업 시)' },
          { codes: ['68224'], label: '부동산 분양 대행업' },
        ],
      },
    ],
  },
  {
    name: 'professional-licensed',
    title: '법무·회계·세무·수의 등 전문 자격 서비스업',
    source: SEMAS_EXCLUSIONS_SOURCE,
    reviewStatus: REVIEW_UNCHECKED,
    entries: [
      { codes: ['711'], label: '법무 관련 서비스업' },
      { codes: ['712'], label: '회계 및 세무 관련 서비스업' },
      { codes: ['731'], label: '수의업' },
    ],
    advisory: [{ codes: ['73904'], label: '감정평가업' }],
  },
  {
    name: 'health-pharmacy',
    title: '보건업·약국',
    source: SEMAS_EXCLUSIONS_SOURCE,
    reviewStatus: REVIEW_UNCHECKED,
    entries: [
      { codes: ['86'], label: '보건업', except: [{ codes: ['86902'], label: '유사 의료업' }] },
      { codes: ['47811'], label: '약국·한약국 (의약품 및 의료용품 소매업)' },
    ],
    advisory: [{ codes: ['9612'], label: '증기탕 및 안마시술소 (시각장애인 안마원 제외)' }],
  },
  {
    name: 'fortune-telling',
    title: '점술 및 유사 서비스업',
    source: SEMAS_EXCLUSIONS_SOURCE,
    reviewStatus: REVIEW_UNCHECKED,
    entries: [{ codes: ['96992'], label: '점술 및 유사 서비스업' }],
    advisory: [{ codes: ['96999'], label: '휴게텔·키스방·대화방 등' }],
  },
  {
    name: 'tobacco-trade',
    title: '담배 유통업',
    source: SEMAS_EXCLUSIONS_SOURCE,
    reviewStatus: REVIEW_UNCHECKED,
    entries: [{ codes: ['46333'], label: '담배 도매업' }],
  },
  {
    name: 'sbiz-standard-exclusions',
    title: '소상공인 지원사업 표준 제외 업종',
    source: SEMAS_EXCLUSIONS_SOURCE,
    reviewStatus: REVIEW_UNCHECKED,
    entries: [],
    extends: ['entertainment-bars', 'gambling', 'finance-insurance', 'real-estate', 'professional-licensed', 'health-pharmacy', 'fortune-telling', 'tobacco-trade'],
    note: '지자체 사업은 이 목록을 그대로 쓰거나 일부를 더하거나 뺍니다: 공고문의 제외 업종과 대조하세요.',
  },
];

export interface ResolvedKsicSet extends KsicSet {
  /** Entries of this set and every set it extends. */
  readonly allEntries: readonly KsicSetEntry[];
  readonly allAdvisory: readonly KsicSetEntry[];
}

/** Named sets with their `extends` resolved (done once, at module load). */
export const KSIC_SET_INDEX: ReadonlyMap<string, ResolvedKsicSet> = (() => {
  const raw = new Map(KSIC_SETS.map((s) => [s.name, s]));
  const out = new Map<string, ResolvedKsicSet>();
  const resolve = (name: string, trail: readonly string[]): ResolvedKsicSet => {
    const done = out.get(name);
    if (done) return done;
    const s = raw.get(name);
    if (!s) throw new Error(`알 수 없는 업종 묶음: ${name}`);
    if (trail.includes(name)) throw new Error(`업종 묶음이 순환합니다: ${[...trail, name].join(' → ')}`);
    const parents = (s.extends ?? []).map((p) => resolve(p, [...trail, name]));
    const r: ResolvedKsicSet = {
      ...s,
      allEntries: [...s.entries, ...parents.flatMap((p) => p.allEntries)],
      allAdvisory: [...(s.advisory ?? []), ...parents.flatMap((p) => p.allAdvisory)],
    };
    out.set(name, r);
    return r;
  };
  for (const s of KSIC_SETS) resolve(s.name, []);
  return out;
})();

export function getKsicSet(name: string): ResolvedKsicSet {
  const s = KSIC_SET_INDEX.get(name);
  if (!s) throw new Error(`알 수 없는 업종 묶음: ${name}`);
  return s;
}

// ── Places ─────────────────────────────────────────────────────────────────────────────────────
/** 시·도 codes (행정표준코드 앞 2자리). 강원 42→51 (2023-06-11) and 전북 45→52 (2024-01-18) kept both. */
export const SIDO_NAMES: Readonly<Record<string, string>> = {
  '11': '서울특별시',
  '26': '부산광역시',
  '27': '대구광역시',
  '28': '인천광역시',
  '29': '광주광역시',
  '30': '대전광역시',
  '31': '울산광역시',
  '36': '세종특별자치시',
  '41': '경기도',
  '42': '강원도(구 코드)',
  '43': '충청북도',
  '44': '충청남도',
  '45': '전라북도(구 코드)',
  '46': '전라남도',
  '47': '경상북도',
  '48': '경상남도',
  '50': '제주특별자치도',
  '51': '강원특별자치도',
  '52': '전북특별자치도',
};

/** 경기도 31 시·군: one list for the whole code base (src/domain/places.ts). */
export { GYEONGGI_MUNICIPALITIES };

const MUNICIPALITY_NAME = new Map(GYEONGGI_MUNICIPALITIES.map((m) => [m.code, m.name]));

export function municipalityLabel(code: string): string {
  const name = MUNICIPALITY_NAME.get(code);
  if (name) return `${name}(${code})`;
  const sido = SIDO_NAMES[code.slice(0, 2)];
  return sido ? `${sido} ${code}` : code;
}

/** A 시·군 as people write it: "경기도 안산시" (the code only when the name is not known). */
export function placeLabel(municipalityCode: string): string {
  const name = MUNICIPALITY_NAME.get(municipalityCode);
  const sido = SIDO_NAMES[municipalityCode.slice(0, 2)];
  if (name) return sido ? `${sido} ${name}` : name;
  return municipalityLabel(municipalityCode);
}

export function sidoLabel(code: string): string {
  return SIDO_NAMES[code] ?? `시·도 ${code}`;
}

// ── Facts ──────────────────────────────────────────────────────────────────────────────────────
/** Every fact name, in schema order (also the bit order of the engine's missing-fact masks). */
export const FACT_NAMES: readonly FactName[] = Object.keys(BusinessFactsSchema.shape) as FactName[];

/** What the clerk asks the owner for, in Korean ("ask next"). */
export const FACT_LABELS: Readonly<Record<FactName, string>> = {
  sidoCode: '소재지(시·도)',
  municipalityCode: '소재지(시·군)',
  openedOn: '개업일',
  closedOn: '폐업일',
  annualRevenue: '연매출',
  workers: '상시근로자 수',
  ksicCode: '업종(표준산업분류 코드)',
  ownerBirthDate: '대표자 생년월일',
  ownerGender: '대표자 성별',
  ownerDisabled: '대표자 장애 여부',
  ownerVeteran: '대표자 국가보훈대상자 여부',
  nationalTaxArrears: '국세 체납 여부',
  localTaxArrears: '지방세 체납 여부',
  taxArrearsDeferred: '체납처분 유예·분납 승인 여부',
  creditDelinquent: '금융 연체·신용불량 여부',
  operatingStatus: '영업 상태(계속·휴업·폐업)',
  premises: '사업장 임차·소유 여부',
  mailOrderRegistered: '통신판매업 신고 여부',
  priorReceipts: '지원사업 수혜 이력',
  documents: '보유 서류',
  legalForm: '사업자 구분(개인·법인)',
  marketLocation: '전통시장·상점가 입점 여부',
  closurePlanned: '폐업 예정 여부',
  plannedClosureOn: '폐업 예정일',
  restart: '재창업 여부(이전 폐업 이력)',
  annualRevenueYear: '연매출 기준 연도',
  previousAnnualRevenue: '전년도 매출',
};

export const FACT_LABELS_EN: Readonly<Record<FactName, string>> = {
  sidoCode: 'province',
  municipalityCode: 'city/county',
  openedOn: 'opening date',
  closedOn: 'closure date',
  annualRevenue: 'annual revenue',
  workers: 'regular workers',
  ksicCode: 'industry (KSIC code)',
  ownerBirthDate: "owner's date of birth",
  ownerGender: "owner's gender",
  ownerDisabled: 'owner has a disability',
  ownerVeteran: 'owner is a registered veteran',
  nationalTaxArrears: 'national tax arrears',
  localTaxArrears: 'local tax arrears',
  taxArrearsDeferred: 'approved tax deferral',
  creditDelinquent: 'credit delinquency',
  operatingStatus: 'operating status',
  premises: 'premises leased or owned',
  mailOrderRegistered: 'mail-order business registration',
  priorReceipts: 'support received before',
  documents: 'documents held',
  legalForm: 'sole proprietor or corporation',
  marketLocation: 'located in a traditional market or shopping street',
  closurePlanned: 'closure planned',
  plannedClosureOn: 'planned closure date',
  restart: 'restart after a previous closure',
  annualRevenueYear: 'year of the annual revenue',
  previousAnnualRevenue: "previous year's revenue",
};

export const OPERATING_STATUS_LABELS = { preparing: '예비창업', active: '영업 중(계속사업자)', suspended: '휴업', closed: '폐업' } as const;
export const PREMISES_LABELS = { leased: '임차', owned: '소유' } as const;
export const GENDER_LABELS = { female: '여성', male: '남성' } as const;
export const LEGAL_FORM_LABELS = { individual: '개인사업자', corporation: '법인' } as const;
export const MARKET_LOCATION_LABELS = {
  traditional_market: '전통시장',
  shopping_street: '상점가',
  alley_shopping_street: '골목형상점가',
  none: '전통시장·상점가 밖',
} as const;

/** 지원사업 category label (기업마당 codes 01…09); free text passes through. */
export function categoryLabel(code: string): string {
  return (CATEGORY_LABELS as Readonly<Record<string, string>>)[code as CategoryCode] ?? code;
}

/** 구비서류 name from the document-type table; the code itself when the type is not (yet) listed. */
export function documentLabel(code: string): string {
  return findDocumentType(code)?.name ?? code;
}
