/**
 * SAMPLE programme catalogue (예시 지원사업 목록) — NOT AUTHORITATIVE.
 *
 * These entries are SAMPLE DATA (예시) for demonstrations, training and tests. They were written by
 * hand from public notices and programme pages as best known, in the shape of a `manual` source;
 * amounts, thresholds, dates, contacts and even whether a programme runs this year change every year
 * and were NOT checked against the current notice. Some municipal entries are illustrative
 * composites of what 시·군 typically run. Therefore:
 *
 * - every entry has `isSample: true`, `reviewStatus: '확인 필요'` and a `reviewNote`; the UI must show
 *   them labelled as sample data (see `SAMPLE_LABEL`), never as an official notice;
 * - `detailUrl` is the official site where the real notice is published (not fetched, not a
 *   deep link to a specific notice); a clerk must read the current notice there before applying;
 * - `rule` is the eligibility rule as data (`RuleSchema`, src/domain/eligibility/eligibility.types.ts);
 *   each criterion's `note` is the condition in the notice's words;
 * - `requiredDocuments` are `document_type` codes (src/domain/documents/document-types.ts).
 *
 * Dates are placed in 2026 with each programme's typical yearly timing in `period.typicalTiming`.
 */
import { z } from 'zod';
import {
  BenefitTypeSchema,
  CategoryCodeSchema,
  RegionScopeSchema,
  type BenefitType,
  type CategoryCode,
  type PeriodKind,
  type RegionScope,
} from '../../domain/catalog/catalog.types.ts';
import { DOCUMENT_TYPE_CODES, type DocumentTypeCode } from '../../domain/documents/document-types.ts';
import { RuleSchema, type Criterion, type Rule } from '../../domain/eligibility/eligibility.types.ts';

export const SAMPLE_LABEL = '예시 데이터 — 공고 원문을 확인하세요 (금액·조건·기간은 해마다 바뀝니다)';

/** Sample periods are always known, so `unknown` (catalog.types.ts) is not used here. */
export type SamplePeriodKind = Exclude<PeriodKind, 'unknown'>;

export interface SamplePeriod {
  kind: SamplePeriodKind;
  /** YYYY-MM-DD */
  start?: string;
  /** YYYY-MM-DD */
  end?: string;
  /** As a notice would write it (`reqstBeginEndDe` style). */
  raw: string;
  /** When the programme usually opens each year. */
  typicalTiming: string;
}

/** 시·도 codes (경기 = '41') and 시·군 행정표준코드, as in the catalogue (catalog.types.ts). */
export type SampleRegions = RegionScope;

export interface SampleBenefit {
  type: BenefitType;
  /** KRW; omitted when the notice gives no single cap. */
  maxAmount?: number;
  description: string;
}

export interface SampleProgramme {
  /** Stable slug; also what `noPriorReceipt.programmeKeys` refers to. */
  key: string;
  source: 'manual';
  sourceId: string;
  isSample: true;
  title: string;
  /** 소관 */
  ministry: string;
  /** 수행 */
  executingAgency: string;
  category: CategoryCode;
  /** Plain Korean, 2–3 sentences a shop owner understands. */
  summary: string;
  targetText: string;
  period: SamplePeriod;
  howToApply: string;
  /** Official public page where the notice is published. */
  detailUrl: string;
  applyUrl?: string;
  contact: string;
  regions: SampleRegions;
  benefit: SampleBenefit;
  requiredDocuments: DocumentTypeCode[];
  rule: Rule;
  reviewStatus: '확인 필요';
  reviewNote: string;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const httpsUrl = z.url({ protocol: /^https$/ });

/** Validates a sample entry (used by the tests and by any seeding code). */
export const SampleProgrammeSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    source: z.literal('manual'),
    sourceId: z.string().min(1),
    isSample: z.literal(true),
    title: z.string().min(1),
    ministry: z.string().min(1),
    executingAgency: z.string().min(1),
    category: CategoryCodeSchema,
    summary: z.string().min(20),
    targetText: z.string().min(1),
    period: z
      .object({
        kind: z.enum(['range', 'always', 'untilBudget', 'varies']),
        start: isoDate.optional(),
        end: isoDate.optional(),
        raw: z.string().min(1),
        typicalTiming: z.string().min(1),
      })
      .strict()
      .refine((p) => !(p.start && p.end) || p.start <= p.end, 'period.start must not be after period.end')
      .refine((p) => p.kind !== 'range' || (p.start !== undefined && p.end !== undefined), 'a range needs start and end'),
    howToApply: z.string().min(1),
    detailUrl: httpsUrl,
    applyUrl: httpsUrl.optional(),
    contact: z.string().min(1),
    regions: RegionScopeSchema.strict().refine(
      (r) => r.nationwide !== r.sido.length + r.municipalities.length > 0,
      'either nationwide or a list of regions',
    ),
    benefit: z
      .object({
        type: BenefitTypeSchema,
        maxAmount: z.number().int().positive().optional(),
        description: z.string().min(1),
      })
      .strict(),
    requiredDocuments: z.array(z.enum(DOCUMENT_TYPE_CODES as [DocumentTypeCode, ...DocumentTypeCode[]])),
    rule: RuleSchema,
    reviewStatus: z.literal('확인 필요'),
    reviewNote: z.string().min(1),
  })
  .strict();

// ── Criteria used by many notices ─────────────────────────────────────────────────────────────
/** The engine's named KSIC exclusion set (유흥·도박·부동산 임대·금융 등): the agreed name. */
export const SBIZ_STANDARD_EXCLUSIONS = 'sbiz-standard-exclusions';

const excludedIndustries = (
  note = '지원 제외 업종(유흥주점, 도박·사행성 업종, 부동산 임대업, 금융·보험업 등 「소상공인 지원 제외 업종」) 제외',
): Criterion => ({ type: 'ksic', excludeSets: [SBIZ_STANDARD_EXCLUSIONS], note });
const smallBusiness = (note = '「소상공인기본법」상 소상공인 (상시근로자 5인 미만, 광업·제조업·건설업·운수업 10인 미만)'): Criterion => ({
  type: 'smallBusiness',
  note,
});
const operating = (note = '신청일 현재 사업자등록 후 영업 중 (휴업·폐업 중인 자 제외)'): Criterion => ({
  type: 'operatingStatus',
  allowed: ['active'],
  note,
});
const preparing = (note = '예비창업자 (신청일 현재 사업자등록이 없는 자)'): Criterion => ({
  type: 'operatingStatus',
  allowed: ['preparing'],
  note,
});
const closingSoon = (note = '폐업 예정 소상공인 (아직 폐업 신고 전, 휴업 포함)'): Criterion => ({
  type: 'operatingStatus',
  allowed: ['active', 'suspended'],
  note,
});
const noNationalOrLocalArrears = (note = '국세·지방세 체납 중인 자 제외', allowDeferral = false): Criterion => ({
  type: 'noTaxArrears',
  kinds: ['national', 'local'],
  allowDeferral,
  note,
});
const noLocalArrears = (note = '지방세 체납이 없을 것'): Criterion => ({
  type: 'noTaxArrears',
  kinds: ['local'],
  allowDeferral: false,
  note,
});
const noDelinquency = (note = '금융기관 대출 연체 중이거나 신용관리 대상인 자 제외'): Criterion => ({ type: 'noCreditDelinquency', note });
const gyeonggi = (note = '공고일 현재 경기도 내에 사업장(사업자등록 주소)이 있을 것'): Criterion => ({
  type: 'region',
  sido: ['41'],
  note,
});
const inMunicipality = (code: string, name: string): Criterion => ({
  type: 'region',
  municipalities: [code],
  note: `공고일 현재 ${name} 내에 사업장(사업자등록 주소)이 있을 것`,
});
const manufacturingKsic = (): Criterion => ({
  type: 'ksic',
  include: ['C'], // KSIC 10th revision section C = divisions 10–34
  note: '제조업(한국표준산업분류 C) 영위 사업자',
});

const NATIONWIDE: SampleRegions = { nationwide: true, sido: [], municipalities: [] };
const GYEONGGI: SampleRegions = { nationwide: false, sido: ['41'], municipalities: [] };
const municipality = (code: string): SampleRegions => ({ nationwide: false, sido: [], municipalities: [code] });

const YEARLY = '금액·지원 한도·자격 기준·접수 기간은 해마다 바뀝니다. 올해 공고문으로 확인하세요.';

type Entry = Omit<SampleProgramme, 'source' | 'isSample' | 'reviewStatus' | 'sourceId'>;

const ENTRIES: Entry[] = [
  // ═══ 전국 (중앙정부) ═══════════════════════════════════════════════════════════════════════
  {
    key: 'semas-policy-fund-general',
    title: '소상공인 정책자금 일반경영안정자금',
    ministry: '중소벤처기업부',
    executingAgency: '소상공인시장진흥공단',
    category: '01',
    summary:
      '가게 운영에 필요한 돈(재료비, 인건비, 임차료 등)을 정부가 시중보다 낮은 금리로 빌려주는 대출입니다. 공단에서 지원대상 확인서를 받은 뒤 은행에서 대출을 받는 방식(대리대출)이 일반적입니다. 갚아야 하는 돈이므로 상환 계획을 함께 세워야 합니다.',
    targetText:
      '「소상공인기본법」상 소상공인. 융자 제외 업종(유흥·도박·부동산 임대 등), 국세·지방세 체납자, 금융기관 연체자, 휴·폐업자는 제외.',
    period: {
      kind: 'untilBudget',
      start: '2026-01-19',
      raw: '2026-01-19 ~ 예산 소진 시까지',
      typicalTiming: '매년 1월 중순 융자 공고, 월별 접수 일정에 따라 신청, 예산 소진 시 마감',
    },
    howToApply:
      '소상공인 정책자금 누리집(ols.sbiz.or.kr)에서 온라인 신청 → 지원대상 확인서 발급 → 취급 은행에서 대출 심사·실행. 온라인이 어려우면 가까운 소상공인지원센터 방문(예약).',
    detailUrl: 'https://ols.sbiz.or.kr',
    applyUrl: 'https://ols.sbiz.or.kr',
    contact: '중소기업 통합콜센터 ☎1357, 관할 소상공인지원센터',
    regions: NATIONWIDE,
    benefit: {
      type: 'loan',
      maxAmount: 70_000_000,
      description: '업체당 최대 7천만원 내외, 정책자금 기준금리 연동, 거치 후 분할상환 (연도별 상이)',
    },
    requiredDocuments: [
      'business_registration_cert',
      'vat_tax_base_cert',
      'national_tax_certificate',
      'local_tax_certificate',
      'id_copy_masked',
      'policy_fund_confirmation',
    ],
    rule: {
      all: [
        smallBusiness(),
        excludedIndustries('「소상공인 정책자금 융자 제외 대상 업종」(유흥주점, 무도장, 도박·사행, 부동산 임대 등) 제외'),
        operating('휴업 또는 폐업 중인 자 제외'),
        noNationalOrLocalArrears('국세 또는 지방세를 체납 중인 자 제외'),
        noDelinquency('금융기관 연체 중인 자 제외'),
      ],
    },
    reviewNote: `${YEARLY} 한도·금리·우선 지원 대상(청년·저신용 등)은 매년 융자 공고에서 바뀝니다.`,
  },
  {
    key: 'semas-growth-promotion-fund',
    title: '소상공인 성장촉진자금 (성장기반자금)',
    ministry: '중소벤처기업부',
    executingAgency: '소상공인시장진흥공단',
    category: '01',
    summary:
      '업력 3년 이상으로 성장 가능성이 있는 소상공인에게 운영자금과 시설자금을 빌려주는 정책자금입니다. 일반경영안정자금보다 한도가 크고 상환 기간이 깁니다. 심사가 있어 사업 계획을 설명할 수 있어야 합니다.',
    targetText: '업력 3년 이상 소상공인 (융자 제외 업종, 체납자, 연체자, 휴·폐업자 제외)',
    period: {
      kind: 'untilBudget',
      start: '2026-01-19',
      raw: '2026-01-19 ~ 예산 소진 시까지',
      typicalTiming: '매년 1월 정책자금 융자 공고와 함께 시작, 예산 소진 시 마감',
    },
    howToApply: '소상공인 정책자금 누리집(ols.sbiz.or.kr)에서 신청 → 소상공인지원센터 상담·평가 → 직접대출 또는 대리대출 실행.',
    detailUrl: 'https://ols.sbiz.or.kr',
    contact: '중소기업 통합콜센터 ☎1357, 관할 소상공인지원센터',
    regions: NATIONWIDE,
    benefit: { type: 'loan', maxAmount: 200_000_000, description: '운전자금 최대 1억원·시설자금 최대 2억원 수준 (연도·세부 자금별 상이)' },
    requiredDocuments: [
      'business_registration_cert',
      'vat_tax_base_cert',
      'national_tax_certificate',
      'local_tax_certificate',
      'id_copy_masked',
      'business_plan',
      'policy_fund_confirmation',
    ],
    rule: {
      all: [
        smallBusiness(),
        { type: 'businessAge', minMonths: 36, note: '업력 3년 이상 (사업자등록증상 개업일 기준)' },
        excludedIndustries('「소상공인 정책자금 융자 제외 대상 업종」 제외'),
        operating(),
        noNationalOrLocalArrears(),
        noDelinquency(),
      ],
    },
    reviewNote: `${YEARLY} 자금 이름과 세부 구분(성장기반자금·혁신성장촉진자금 등)도 바뀌곤 합니다.`,
  },
  {
    key: 'semas-restart-fund',
    title: '소상공인 재도전특별자금 (재창업·채무조정 성실상환자)',
    ministry: '중소벤처기업부',
    executingAgency: '소상공인시장진흥공단',
    category: '01',
    summary:
      '경영이 어려워 채무조정을 받고 성실하게 갚고 있거나, 폐업 후 다시 창업한 소상공인이 다시 일어설 수 있도록 빌려주는 정책자금입니다. 재기 교육 이수 같은 조건이 붙을 수 있습니다.',
    targetText: '채무조정(신용회복위원회·새출발기금 등) 성실상환 중인 소상공인, 폐업 후 재창업한 소상공인 (세부 요건은 공고 확인)',
    period: {
      kind: 'untilBudget',
      start: '2026-01-19',
      raw: '2026-01-19 ~ 예산 소진 시까지',
      typicalTiming: '매년 1월 정책자금 융자 공고와 함께, 예산 소진 시 마감',
    },
    howToApply: '소상공인 정책자금 누리집(ols.sbiz.or.kr) 신청 후 소상공인지원센터 상담. 채무조정 확인 서류가 추가로 필요합니다.',
    detailUrl: 'https://ols.sbiz.or.kr',
    contact: '중소기업 통합콜센터 ☎1357',
    regions: NATIONWIDE,
    benefit: { type: 'loan', maxAmount: 70_000_000, description: '업체당 최대 7천만원 내외 (직접대출, 연도별 상이)' },
    requiredDocuments: [
      'business_registration_cert',
      'vat_tax_base_cert',
      'national_tax_certificate',
      'local_tax_certificate',
      'id_copy_masked',
    ],
    rule: {
      all: [
        smallBusiness(),
        excludedIndustries(),
        operating('재창업 후 영업 중인 소상공인'),
        noNationalOrLocalArrears('국세·지방세 체납 중인 자 제외 (징수유예·분납 승인을 받은 경우는 공고에 따라 예외)', true),
      ],
    },
    reviewNote: `${YEARLY} 채무조정 성실상환·재창업 여부는 사업장 정보로 판정할 수 없어 규칙에 없습니다 — 영업 중인 모든 소상공인이 "해당"으로 보이니 사업주에게 확인하세요.`,
  },
  {
    key: 'hope-return-closure',
    title: '희망리턴패키지 원스톱 폐업지원',
    ministry: '중소벤처기업부',
    executingAgency: '소상공인시장진흥공단',
    category: '07',
    summary:
      '가게를 정리하려는 소상공인에게 폐업 절차 상담(세무·법률·부동산)과 점포 철거·원상복구 비용을 지원합니다. 폐업 뒤에는 재취업이나 재창업 교육으로 이어서 연결해 줍니다. 점포 철거비는 철거 전에 신청해야 하니 먼저 상담하세요.',
    targetText: '폐업 예정이거나 최근 폐업한 소상공인 (실제 영업기간 60일 이상). 점포철거비는 철거 전 신청.',
    period: {
      kind: 'untilBudget',
      start: '2026-02-02',
      raw: '2026-02-02 ~ 예산 소진 시까지',
      typicalTiming: '매년 1~2월 공고, 연중 상시 접수 (예산 소진 시 마감)',
    },
    howToApply: '희망리턴패키지 누리집(hope.sbiz.or.kr)에서 온라인 신청 또는 소상공인지원센터 방문. 철거는 지원 결정 후에 시작합니다.',
    detailUrl: 'https://hope.sbiz.or.kr',
    applyUrl: 'https://hope.sbiz.or.kr',
    contact: '중소기업 통합콜센터 ☎1357, 관할 소상공인지원센터',
    regions: NATIONWIDE,
    benefit: {
      type: 'grant',
      maxAmount: 4_000_000,
      description: '점포철거·원상복구비 최대 400만원 (전용면적 기준 단가), 사업정리 컨설팅·법률 자문',
    },
    requiredDocuments: [
      'business_registration_cert',
      'closure_cert',
      'lease_contract',
      'quotation',
      'premises_photos',
      'id_copy_masked',
      'bank_account_copy',
      'application_form',
      'privacy_consent_form',
    ],
    rule: {
      all: [
        excludedIndustries(),
        { type: 'businessAge', minMonths: 2, note: '실제 사업 운영기간 60일 이상' },
        { any: [closingSoon(), { type: 'closedWithin', months: 12, note: '이미 폐업한 경우 최근 폐업자 (지원 범위는 공고 확인)' }] },
      ],
    },
    reviewNote: `${YEARLY} "폐업 예정"은 사업주의 의사라 규칙으로 판정하지 않습니다(영업 중이면 해당으로 보임). 이미 폐업한 경우 철거비 지원 여부와 인정 기간을 공고로 확인하세요.`,
  },
  {
    key: 'hope-return-reemployment',
    title: '희망리턴패키지 재취업 지원',
    ministry: '중소벤처기업부',
    executingAgency: '소상공인시장진흥공단',
    category: '03',
    summary:
      '폐업했거나 폐업할 예정인 소상공인이 취업할 수 있도록 교육과 취업 상담을 하고, 고용노동부 국민취업지원제도와 연결해 줍니다. 교육을 마치면 전직장려수당을 받을 수 있습니다.',
    targetText: '폐업(예정) 소상공인 (국민취업지원제도 연계 시 연령 요건 있음)',
    period: { kind: 'untilBudget', start: '2026-02-02', raw: '2026-02-02 ~ 예산 소진 시까지', typicalTiming: '매년 1~2월 공고, 연중 접수' },
    howToApply: '희망리턴패키지 누리집(hope.sbiz.or.kr)에서 신청 → 교육 이수 → 국민취업지원제도 참여·취업 활동.',
    detailUrl: 'https://hope.sbiz.or.kr',
    contact: '중소기업 통합콜센터 ☎1357',
    regions: NATIONWIDE,
    benefit: { type: 'subsidy', maxAmount: 1_000_000, description: '전직장려수당 최대 100만원 (교육 이수·취업 활동 조건), 취업 교육·상담' },
    requiredDocuments: ['closure_cert', 'id_copy_masked', 'bank_account_copy', 'application_form', 'privacy_consent_form'],
    rule: {
      all: [
        { any: [closingSoon(), { type: 'closedWithin', months: 12, note: '최근 폐업한 소상공인' }] },
        { type: 'ownerAge', min: 15, max: 69, note: '국민취업지원제도 연계 시 만 15~69세' },
      ],
    },
    reviewNote: `${YEARLY} "폐업 예정" 여부는 사업주에게 확인하세요. 전직장려수당 금액과 폐업 인정 기간을 확인하세요.`,
  },
  {
    key: 'hope-return-restart',
    title: '희망리턴패키지 재창업 지원',
    ministry: '중소벤처기업부',
    executingAgency: '소상공인시장진흥공단',
    category: '06',
    summary:
      '폐업 경험이 있는 소상공인이 유망한 업종으로 다시 창업할 수 있도록 교육·멘토링과 사업화 자금을 지원합니다. 사업계획 심사를 거쳐 선정되며, 자기부담금이 있습니다.',
    targetText: '폐업 후 재창업을 준비하는 소상공인 또는 재창업 초기 사업자 (세부 요건은 공고 확인)',
    period: {
      kind: 'range',
      start: '2026-03-02',
      end: '2026-03-27',
      raw: '2026-03-02 ~ 2026-03-27',
      typicalTiming: '매년 2~4월 모집 (연 1~2회)',
    },
    howToApply: '희망리턴패키지 누리집(hope.sbiz.or.kr)에서 사업계획서와 함께 신청 → 서류·발표 평가 → 교육 이수 → 사업화 자금 집행.',
    detailUrl: 'https://hope.sbiz.or.kr',
    contact: '중소기업 통합콜센터 ☎1357',
    regions: NATIONWIDE,
    benefit: { type: 'grant', maxAmount: 20_000_000, description: '재창업 사업화 자금 최대 2천만원 내외 (자부담 있음), 교육·멘토링' },
    requiredDocuments: [
      'closure_cert',
      'business_plan',
      'id_copy_masked',
      'national_tax_certificate',
      'local_tax_certificate',
      'application_form',
      'privacy_consent_form',
    ],
    rule: {
      all: [
        excludedIndustries('재창업 제한 업종 제외'),
        {
          any: [
            { type: 'closedWithin', months: 36, note: '최근 폐업한 소상공인 (재창업 준비)' },
            { all: [operating('재창업 후 영업 중'), { type: 'businessAge', maxMonths: 12, note: '재창업 1년 이내' }] },
          ],
        },
        noNationalOrLocalArrears(),
      ],
    },
    reviewNote: `${YEARLY} 폐업 인정 기간과 재창업 업력 기준을 확인하세요.`,
  },
  {
    key: 'smart-store-tech',
    title: '스마트상점 기술보급',
    ministry: '중소벤처기업부',
    executingAgency: '소상공인시장진흥공단',
    category: '02',
    summary:
      '가게에 스마트 기술(서빙로봇, 스마트오더, 재고·예약 관리 시스템 등)을 들이는 비용의 일부를 정부가 지원합니다. 공급기업과 기술을 고른 뒤 신청하며, 소상공인은 자부담분을 냅니다.',
    targetText: '소상공인확인서가 있는 소상공인 (융자 제외 업종, 체납자, 최근 같은 사업 지원받은 점포 제외)',
    period: {
      kind: 'range',
      start: '2026-03-02',
      end: '2026-03-31',
      raw: '2026-03-02 ~ 2026-03-31 (1차)',
      typicalTiming: '매년 2~3월 1차 모집, 예산이 남으면 하반기 추가 모집',
    },
    howToApply: '스마트상점 누리집에서 기술·공급기업 선택 후 온라인 신청 → 선정 → 설치 → 자부담 납부 및 정산.',
    detailUrl: 'https://www.sbiz.or.kr/smst/index.do',
    contact: '중소기업 통합콜센터 ☎1357',
    regions: NATIONWIDE,
    benefit: { type: 'subsidy', maxAmount: 5_000_000, description: '기술 도입비의 최대 70% (일반형 최대 500만원 수준), 자부담 30%' },
    requiredDocuments: [
      'business_registration_cert',
      'small_business_cert',
      'national_tax_certificate',
      'local_tax_certificate',
      'quotation',
      'application_form',
      'privacy_consent_form',
    ],
    rule: {
      all: [
        smallBusiness(),
        { type: 'documentValid', documentType: 'small_business_cert', note: '유효기간 내 소상공인확인서 제출' },
        excludedIndustries(),
        operating(),
        noNationalOrLocalArrears(),
        {
          type: 'noPriorReceipt',
          programmeKeys: ['smart-store-tech', 'smart-tech-kiosk-table-order'],
          years: 3,
          note: '최근 3년 이내 스마트상점(스마트기술 보급) 지원을 받은 점포 제외',
        },
      ],
    },
    reviewNote: `${YEARLY} 지원 유형(일반형·선도형 등)과 유형별 한도를 확인하세요.`,
  },
  {
    key: 'smart-tech-kiosk-table-order',
    title: '소상공인 디지털 전환 지원 (키오스크·테이블오더 보급)',
    ministry: '중소벤처기업부',
    executingAgency: '소상공인시장진흥공단',
    category: '02',
    summary:
      '주문을 받는 키오스크나 테이블오더 기기를 들일 때 비용의 일부를 지원합니다. 장애인·고령자도 쓰기 쉬운 배리어프리 키오스크는 더 많이 지원받을 수 있습니다.',
    targetText: '소상공인 (융자 제외 업종, 체납자, 최근 3년 내 같은 지원 수혜자 제외)',
    period: {
      kind: 'range',
      start: '2026-04-01',
      end: '2026-04-30',
      raw: '2026-04-01 ~ 2026-04-30 (예산 소진 시 조기 마감)',
      typicalTiming: '매년 상반기 공고, 선착순·예산 소진 시 조기 마감',
    },
    howToApply: '스마트상점 누리집에서 기기·공급기업을 고른 뒤 온라인 신청 → 설치 → 자부담 납부.',
    detailUrl: 'https://www.sbiz.or.kr/smst/index.do',
    contact: '중소기업 통합콜센터 ☎1357',
    regions: NATIONWIDE,
    benefit: { type: 'subsidy', maxAmount: 5_000_000, description: '기기 공급가의 최대 70~80% (기기별 한도, 배리어프리 키오스크 우대)' },
    requiredDocuments: ['business_registration_cert', 'small_business_cert', 'quotation', 'application_form', 'privacy_consent_form'],
    rule: {
      all: [
        smallBusiness(),
        { type: 'documentValid', documentType: 'small_business_cert', note: '유효기간 내 소상공인확인서' },
        excludedIndustries(),
        operating(),
        noNationalOrLocalArrears(),
        {
          type: 'noPriorReceipt',
          programmeKeys: ['smart-tech-kiosk-table-order', 'smart-store-tech'],
          years: 3,
          note: '최근 3년 이내 같은 기기 보급 지원 수혜 점포 제외',
        },
      ],
    },
    reviewNote: `${YEARLY} 스마트상점 사업 안의 한 유형으로 공고되기도 합니다.`,
  },
  {
    key: 'clean-manufacturing',
    title: '소공인 클린제조환경 조성 지원',
    ministry: '중소벤처기업부',
    executingAgency: '소상공인시장진흥공단',
    category: '02',
    summary:
      '작업장이 좁고 위험하거나 먼지·소음이 심한 제조 소공인의 작업환경 개선(환기·조명·안전설비 등)과 장비 도입 비용을 지원합니다. 비용의 일부는 사업자가 부담합니다.',
    targetText: '상시근로자 10인 미만 제조업 소공인 (체납자, 최근 3년 내 같은 지원 수혜자 제외)',
    period: { kind: 'range', start: '2026-03-16', end: '2026-04-10', raw: '2026-03-16 ~ 2026-04-10', typicalTiming: '매년 2~4월 공고' },
    howToApply: '소상공인시장진흥공단 공고에 따라 온라인 신청 → 현장 확인·평가 → 시공·설치 → 자부담 납부·정산.',
    detailUrl: 'https://www.semas.or.kr',
    contact: '중소기업 통합콜센터 ☎1357',
    regions: NATIONWIDE,
    benefit: { type: 'grant', maxAmount: 15_000_000, description: '공급가의 최대 70% 내외, 업체당 최대 1,500만원 수준 (자부담 있음)' },
    requiredDocuments: [
      'business_registration_cert',
      'small_business_cert',
      'social_insurance_roster',
      'national_tax_certificate',
      'local_tax_certificate',
      'quotation',
      'premises_photos',
      'application_form',
      'privacy_consent_form',
    ],
    rule: {
      all: [
        manufacturingKsic(),
        { type: 'workers', maxExclusive: 10, note: '상시근로자 10인 미만 소공인' },
        excludedIndustries(),
        operating(),
        noNationalOrLocalArrears(),
        {
          type: 'noPriorReceipt',
          programmeKeys: ['clean-manufacturing'],
          years: 3,
          note: '최근 3년 이내 같은 사업 지원을 받은 사업장 제외',
        },
      ],
    },
    reviewNote: `${YEARLY} 지원 비율·한도와 제외 업종을 확인하세요.`,
  },
  {
    key: 'durunuri-social-insurance',
    title: '두루누리 사회보험료 지원',
    ministry: '고용노동부·보건복지부',
    executingAgency: '근로복지공단·국민연금공단 (국민건강보험공단 징수)',
    category: '03',
    summary:
      '직원이 10명 미만인 사업장이 새로 채용한 저임금 근로자의 고용보험료와 국민연금 보험료 일부(80%)를 나라가 대신 내 줍니다. 사업주 몫과 근로자 몫이 모두 지원되며 최대 36개월까지 받을 수 있습니다.',
    targetText: '근로자 수 10명 미만 사업장의 사업주와, 월평균보수 기준 미만인 신규 가입 근로자 (재산·소득 기준 있음)',
    period: { kind: 'always', raw: '상시', typicalTiming: '연중 신청 (보수 기준은 매년 1월 바뀜)' },
    howToApply:
      '4대사회보험 정보연계센터(www.4insure.or.kr) 또는 근로복지공단·국민연금공단 지사에 지원 신청서 제출 (근로자 자격취득 신고 때 함께 신청 가능).',
    detailUrl: 'https://insurancesupport.or.kr',
    contact: '근로복지공단 ☎1588-0075, 국민연금공단 ☎1355',
    regions: NATIONWIDE,
    benefit: { type: 'subsidy', description: '신규 가입 근로자·사업주의 고용보험·국민연금 보험료 80%, 최대 36개월' },
    requiredDocuments: ['business_registration_cert', 'social_insurance_roster', 'application_form'],
    rule: {
      all: [{ type: 'workers', maxExclusive: 10, note: '근로자 수가 10명 미만인 사업' }, operating()],
    },
    reviewNote: `${YEARLY} 근로자 월평균보수 기준(예: 270만원 미만)과 지원 기간을 확인하세요. 근로자 개인 요건은 사업장 규칙으로 판정하지 않습니다.`,
  },
  {
    key: 'self-employed-employment-insurance',
    title: '소상공인 고용보험료 지원 (1인 자영업자)',
    ministry: '중소벤처기업부',
    executingAgency: '소상공인시장진흥공단·근로복지공단',
    category: '03',
    summary:
      '근로자 없이 혼자 일하는 소상공인이 자영업자 고용보험에 가입하면 낸 보험료의 일부를 돌려받을 수 있습니다. 나중에 어쩔 수 없이 폐업하면 실업급여를 받을 수 있는 안전판이 됩니다.',
    targetText: '근로자를 고용하지 않은 1인 소상공인으로 자영업자 고용보험에 가입한 사업자',
    period: { kind: 'always', raw: '상시 (예산 범위 내)', typicalTiming: '연중 신청, 분기별 환급' },
    howToApply: '근로복지공단에 자영업자 고용보험 가입 → 소상공인 고용보험료 지원 누리집 또는 소상공인지원센터에 지원 신청.',
    detailUrl: 'https://www.semas.or.kr',
    contact: '중소기업 통합콜센터 ☎1357, 근로복지공단 ☎1588-0075',
    regions: NATIONWIDE,
    benefit: { type: 'subsidy', description: '기준보수 등급별로 고용보험료의 일부(약 50~80%) 환급, 최대 5년 (연도별 상이)' },
    requiredDocuments: [
      'business_registration_cert',
      'health_insurance_eligibility_cert',
      'id_copy_masked',
      'bank_account_copy',
      'application_form',
    ],
    rule: {
      all: [{ type: 'workers', maxExclusive: 1, note: '근로자를 고용하지 않은 1인 자영업자' }, smallBusiness(), operating()],
    },
    reviewNote: `${YEARLY} 등급별 환급 비율과 최대 지원 기간을 확인하세요.`,
  },
  {
    key: 'electricity-bill-support',
    title: '영세 소상공인 전기요금 특별지원',
    ministry: '중소벤처기업부',
    executingAgency: '소상공인시장진흥공단',
    category: '09',
    summary:
      '매출이 적은 영세 소상공인의 전기요금 부담을 덜어 주기 위해 전기요금 일부를 지원합니다. 온라인으로 신청하면 전기요금에서 차감해 줍니다.',
    targetText: '연매출 3천만원 이하 소상공인으로 영업 중인 사업자, 한전 전기요금 계약자와 사업자가 같을 것 (연도별 기준 상이)',
    period: {
      kind: 'range',
      start: '2026-03-16',
      end: '2026-12-31',
      raw: '2026-03-16 ~ 2026-12-31 (예산 소진 시 마감)',
      typicalTiming: '예산이 편성된 해에만 한시 공고 (시행 여부·기준이 해마다 다름)',
    },
    howToApply: '전용 신청 누리집(소진공 공고 안내)에서 사업자 본인 인증 후 온라인 신청 → 매출 자동 확인 → 전기요금 차감.',
    detailUrl: 'https://www.semas.or.kr',
    contact: '중소기업 통합콜센터 ☎1357',
    regions: NATIONWIDE,
    benefit: { type: 'subsidy', maxAmount: 200_000, description: '업체당 최대 20만원 (전기요금 차감)' },
    requiredDocuments: ['business_registration_cert', 'id_copy_masked'],
    rule: {
      all: [{ type: 'revenue', max: 30_000_000, note: '직전 연도 연매출 3천만원 이하' }, excludedIndustries(), operating()],
    },
    reviewNote: `${YEARLY} 한시 사업이라 올해 시행 여부부터 확인하세요. 매출 기준이 확대된 해도 있습니다.`,
  },
  {
    key: 'delivery-parcel-fee-support',
    title: '소상공인 배달·택배비 지원',
    ministry: '중소벤처기업부',
    executingAgency: '소상공인시장진흥공단',
    category: '05',
    summary:
      '배달앱이나 택배로 음식·물건을 보내는 영세 소상공인에게 배달비·택배비 일부를 지원합니다. 실제로 낸 배달·택배 이용 내역을 확인해 지급합니다.',
    targetText: '연매출 3억원 이하 소상공인 중 배달·택배 이용 실적이 있는 사업자',
    period: {
      kind: 'range',
      start: '2026-05-11',
      end: '2026-11-30',
      raw: '2026-05-11 ~ 2026-11-30 (예산 소진 시 마감)',
      typicalTiming: '예산이 편성된 해에 상반기 공고, 연중 접수',
    },
    howToApply: '전용 신청 누리집에서 온라인 신청 → 배달앱·택배 이용 내역 연계 확인 → 지원금 지급(또는 차감).',
    detailUrl: 'https://www.semas.or.kr',
    contact: '중소기업 통합콜센터 ☎1357',
    regions: NATIONWIDE,
    benefit: { type: 'subsidy', maxAmount: 300_000, description: '업체당 최대 30만원 (실제 이용 금액 한도)' },
    requiredDocuments: ['business_registration_cert', 'id_copy_masked', 'bank_account_copy', 'application_form'],
    rule: {
      all: [{ type: 'revenue', max: 300_000_000, note: '연매출 3억원 이하' }, smallBusiness(), excludedIndustries(), operating()],
    },
    reviewNote: `${YEARLY} 다른 부담경감 사업과 통합되어 공고되는 해도 있습니다.`,
  },
  {
    key: 'online-market-support',
    title: '소상공인 온라인 판로지원 (온라인 판로 진출)',
    ministry: '중소벤처기업부',
    executingAgency: '소상공인시장진흥공단',
    category: '05',
    summary:
      '온라인 쇼핑몰 입점, 기획전 참여, 라이브커머스 방송, 상세페이지 제작 등 온라인으로 물건을 팔 수 있도록 돕습니다. 온라인으로 팔려면 통신판매업 신고가 먼저 필요합니다.',
    targetText: '통신판매업 신고를 한 소상공인 (프로그램별 추가 요건)',
    period: { kind: 'varies', raw: '사업별 상이', typicalTiming: '2~3월부터 프로그램별로 수시 모집' },
    howToApply: '판판대로 누리집(fanfandaero.kr)에서 프로그램별로 온라인 신청.',
    detailUrl: 'https://fanfandaero.kr',
    contact: '중소기업 통합콜센터 ☎1357',
    regions: NATIONWIDE,
    benefit: { type: 'service', description: '쇼핑몰 입점·기획전, 라이브커머스 제작, 상세페이지·홍보 콘텐츠 제작 지원 (프로그램별 상이)' },
    requiredDocuments: [
      'business_registration_cert',
      'mail_order_report_cert',
      'small_business_cert',
      'application_form',
      'privacy_consent_form',
    ],
    rule: {
      all: [smallBusiness(), excludedIndustries(), operating(), { type: 'mailOrderRegistered', note: '통신판매업 신고를 마친 사업자' }],
    },
    reviewNote: `${YEARLY} 프로그램마다 대상 상품(제조·가공 상품 등)과 선정 방식이 다릅니다.`,
  },
  {
    key: 'semas-consulting',
    title: '소상공인 컨설팅 (경영개선 컨설팅)',
    ministry: '중소벤처기업부',
    executingAgency: '소상공인시장진흥공단',
    category: '07',
    summary:
      '경영·마케팅·세무·노무·점포 운영 등 분야의 전문가가 가게를 찾아와 1:1로 문제를 진단하고 개선 방법을 알려 줍니다. 비용은 대부분 정부가 부담합니다.',
    targetText: '소상공인 및 예비창업자 (융자 제외 업종 제외)',
    period: { kind: 'untilBudget', start: '2026-02-16', raw: '2026-02-16 ~ 예산 소진 시까지', typicalTiming: '매년 2월 시작, 연중 접수' },
    howToApply: '소상공인마당 또는 소상공인24에서 온라인 신청 → 전문가 배정 → 현장 컨설팅.',
    detailUrl: 'https://www.sbiz.or.kr',
    contact: '중소기업 통합콜센터 ☎1357, 관할 소상공인지원센터',
    regions: NATIONWIDE,
    benefit: { type: 'service', description: '분야별 전문가 현장 컨설팅 (일부 자부담이 있을 수 있음)' },
    requiredDocuments: ['business_registration_cert', 'application_form', 'privacy_consent_form'],
    rule: {
      all: [excludedIndustries(), { any: [{ all: [smallBusiness(), operating()] }, preparing()] }],
    },
    reviewNote: `${YEARLY} 분야별 횟수와 자부담 비율을 확인하세요.`,
  },
  {
    key: 'semas-education',
    title: '소상공인 역량강화 교육 (소상공인 지식배움터)',
    ministry: '중소벤처기업부',
    executingAgency: '소상공인시장진흥공단',
    category: '07',
    summary:
      '디지털 마케팅, 세무, 온라인 판매, 창업 준비 등 가게 운영에 필요한 교육을 무료로 받을 수 있습니다. 온라인 강의는 언제든 들을 수 있고, 현장 교육은 일정에 맞춰 신청합니다.',
    targetText: '소상공인, 예비창업자, 휴업 중인 사업자 누구나',
    period: { kind: 'always', raw: '상시', typicalTiming: '온라인 상시, 현장 교육은 월별 일정' },
    howToApply: '소상공인 지식배움터(edu.sbiz.or.kr)에서 회원가입 후 강의 신청.',
    detailUrl: 'https://edu.sbiz.or.kr',
    contact: '중소기업 통합콜센터 ☎1357',
    regions: NATIONWIDE,
    benefit: { type: 'service', description: '무료 온라인·현장 교육 (일부 과정은 수료증 발급)' },
    requiredDocuments: ['privacy_consent_form'],
    rule: { type: 'operatingStatus', allowed: ['preparing', 'active', 'suspended'], note: '예비창업자 및 소상공인' },
    reviewNote: '교육 과정은 수시로 바뀝니다. 정책자금 등 다른 사업의 "교육 이수" 요건과 연결되는 과정인지 확인하세요.',
  },
  {
    key: 'new-business-academy',
    title: '신사업창업사관학교',
    ministry: '중소벤처기업부',
    executingAgency: '소상공인시장진흥공단',
    category: '06',
    summary:
      '유망한 아이템으로 창업하려는 예비창업자에게 창업 교육, 점포 경영 체험, 멘토링을 제공하고, 수료 후 창업하면 사업화 자금을 지원합니다. 서류와 면접 심사로 선발합니다.',
    targetText: '신청일 현재 사업자등록이 없는 예비창업자 (창업 제한 업종 제외)',
    period: {
      kind: 'range',
      start: '2026-01-20',
      end: '2026-02-13',
      raw: '2026-01-20 ~ 2026-02-13 (상반기)',
      typicalTiming: '매년 1~2월 상반기 모집 (하반기 모집이 있는 해도 있음)',
    },
    howToApply: '소상공인마당 공고에 따라 온라인 신청(사업계획서) → 서류·면접 평가 → 교육 입교.',
    detailUrl: 'https://www.sbiz.or.kr',
    contact: '중소기업 통합콜센터 ☎1357',
    regions: NATIONWIDE,
    benefit: {
      type: 'grant',
      maxAmount: 40_000_000,
      description: '창업 교육·점포 체험, 수료 후 사업화 자금 최대 4천만원 (총 사업비의 50% 이내)',
    },
    requiredDocuments: ['id_copy_masked', 'business_plan', 'application_form', 'privacy_consent_form'],
    rule: { all: [preparing(), excludedIndustries('창업 제한 업종(유흥·사행·부동산 임대 등) 제외')] },
    reviewNote: `${YEARLY} 사업화 자금 한도와 자부담 비율, 모집 권역을 확인하세요.`,
  },
  {
    key: 'preliminary-startup-package',
    title: '예비창업패키지',
    ministry: '중소벤처기업부',
    executingAgency: '창업진흥원',
    category: '06',
    summary:
      '아직 사업자등록을 하지 않은 예비창업자에게 시제품 제작, 마케팅 등 창업에 드는 비용과 교육·멘토링을 지원합니다. 기술·아이디어 중심의 창업이 주로 선정됩니다.',
    targetText: '공고일 현재 사업자등록(개인·법인)이 없는 예비창업자',
    period: { kind: 'range', start: '2026-02-25', end: '2026-03-19', raw: '2026-02-25 ~ 2026-03-19', typicalTiming: '매년 2~3월 공고' },
    howToApply: 'K-Startup 누리집(k-startup.go.kr)에서 사업계획서 제출 → 서류·발표 평가 → 협약.',
    detailUrl: 'https://www.k-startup.go.kr',
    contact: '중소기업 통합콜센터 ☎1357',
    regions: NATIONWIDE,
    benefit: { type: 'grant', maxAmount: 100_000_000, description: '사업화 자금 최대 1억원 (평균 5천만원 내외), 창업 교육·멘토링' },
    requiredDocuments: ['id_copy_masked', 'business_plan', 'application_form', 'privacy_consent_form'],
    rule: { all: [preparing('공고일 현재 사업자등록이 없는 예비창업자'), excludedIndustries('창업 지원 제외 업종 제외')] },
    reviewNote: `${YEARLY} 일반 소상공인 업종(음식점 등)은 선정이 어려운 경우가 많으니 공고의 지원 분야를 확인하세요.`,
  },
  {
    key: 'disabled-startup-support',
    title: '장애인 창업 사업화 지원',
    ministry: '중소벤처기업부',
    executingAgency: '(재)장애인기업종합지원센터',
    category: '06',
    summary:
      '장애인 예비창업자나 창업 초기 장애인기업에게 사업화 자금과 교육·멘토링을 지원합니다. 장애인증명서나 장애인기업확인서로 자격을 확인합니다.',
    targetText: '대표자가 「장애인복지법」상 장애인인 예비창업자 또는 창업 7년 이내 기업',
    period: { kind: 'range', start: '2026-03-03', end: '2026-03-27', raw: '2026-03-03 ~ 2026-03-27', typicalTiming: '매년 2~3월 공고' },
    howToApply: '장애인기업종합지원센터 누리집에서 온라인 신청 → 서류·발표 평가 → 협약.',
    detailUrl: 'https://www.debc.or.kr',
    contact: '(재)장애인기업종합지원센터 (공고문의 담당자)',
    regions: NATIONWIDE,
    benefit: { type: 'grant', maxAmount: 30_000_000, description: '사업화 자금 최대 3천만원 내외, 교육·멘토링' },
    requiredDocuments: [
      'disability_cert',
      'disabled_business_cert',
      'business_registration_cert',
      'business_plan',
      'id_copy_masked',
      'application_form',
      'privacy_consent_form',
    ],
    rule: {
      all: [
        { type: 'ownerDisabled', note: '대표자가 「장애인복지법」상 장애인' },
        {
          any: [
            preparing('장애인 예비창업자'),
            { all: [operating(), { type: 'businessAge', maxMonths: 84, note: '창업 7년 이내 장애인기업' }] },
          ],
        },
        noNationalOrLocalArrears(),
      ],
    },
    reviewNote: `${YEARLY} 예비창업자·초기기업 구분과 한도를 확인하세요.`,
  },
  {
    key: 'veteran-business-loan',
    title: '보훈대상자 사업자금 대부',
    ministry: '국가보훈부',
    executingAgency: '지방보훈관서 (대부 취급 금융기관)',
    category: '01',
    summary:
      '국가유공자 등 보훈대상자가 가게를 차리거나 운영할 때 필요한 자금을 낮은 금리로 빌려줍니다. 보훈관서에서 대부 대상 결정을 받은 뒤 금융기관에서 대출을 받습니다.',
    targetText: '국가유공자 등 대부 대상 보훈대상자 (본인·유족 범위는 법령 확인)',
    period: { kind: 'always', raw: '상시', typicalTiming: '연중 신청 (분기별 한도 소진 시 대기)' },
    howToApply: '관할 보훈관서에 대부 신청 → 대상 결정 → 취급 금융기관에서 대출 실행.',
    detailUrl: 'https://www.mpva.go.kr',
    contact: '보훈상담센터 ☎1577-0606, 관할 보훈지청',
    regions: NATIONWIDE,
    benefit: { type: 'loan', description: '사업자금 대부 (한도·금리는 국가보훈부 기준, 연도별 상이)' },
    requiredDocuments: ['veteran_cert', 'business_registration_cert', 'business_plan', 'id_copy_masked', 'application_form'],
    rule: {
      all: [{ type: 'ownerVeteran', note: '국가유공자 등 대부 대상 보훈대상자' }, noDelinquency('금융기관 연체 중인 자 제외')],
    },
    reviewNote: `${YEARLY} 한도·금리·대상 범위는 국가보훈부 기준을 확인하세요.`,
  },
  {
    key: 'traditional-market-modernization',
    title: '전통시장 시설현대화 (주차환경·공동시설 개선)',
    ministry: '중소벤처기업부',
    executingAgency: '소상공인시장진흥공단 (시·군 경유)',
    category: '05',
    summary:
      '전통시장과 상점가의 지붕(아케이드), 주차장, 화장실, 고객지원센터 같은 공동 시설을 고쳐 손님이 편하게 찾아오도록 지원합니다. 개별 점포가 아니라 시장 상인회가 시·군을 통해 신청합니다.',
    targetText: '「전통시장 및 상점가 육성을 위한 특별법」상 전통시장·상점가 (상인회 신청, 지방비 매칭)',
    period: { kind: 'varies', raw: '전년도 수요조사 후 선정 (사업별 상이)', typicalTiming: '전년도 하반기 수요조사 → 당해 연도 초 선정' },
    howToApply: '시장 상인회가 관할 시·군 전통시장 담당 부서에 사업계획 제출 → 시·도 검토 → 중소벤처기업부 선정.',
    detailUrl: 'https://www.semas.or.kr',
    contact: '관할 시·군 전통시장 담당 부서',
    regions: NATIONWIDE,
    benefit: { type: 'grant', description: '사업비의 국비 지원 (지방비·자부담 매칭), 시장 단위 지원' },
    requiredDocuments: ['business_registration_cert', 'application_form'],
    rule: {
      all: [smallBusiness('전통시장·상점가 안의 점포 상인 (신청은 상인회)'), operating()],
    },
    reviewNote: `${YEARLY} 개별 사업자가 직접 신청하는 사업이 아닙니다 — 상인회 참여 여부를 확인하세요.`,
  },
  {
    key: 'small-business-burden-credit',
    title: '소상공인 부담경감 크레딧',
    ministry: '중소벤처기업부',
    executingAgency: '소상공인시장진흥공단',
    category: '07',
    summary:
      '매출이 적은 소상공인에게 전기·가스·수도요금과 4대보험료 등에 쓸 수 있는 크레딧을 드립니다. 사업자 카드로 공과금을 내면 크레딧에서 차감됩니다.',
    targetText: '연매출 기준(예: 1억 400만원) 이하이고 기준일 이전 개업해 영업 중인 소상공인 (연도별 상이)',
    period: {
      kind: 'range',
      start: '2026-07-14',
      end: '2026-11-28',
      raw: '2026-07-14 ~ 2026-11-28',
      typicalTiming: '예산이 편성된 해에만 한시 공고',
    },
    howToApply: '소상공인24(sbiz24.kr)에서 온라인 신청 → 매출 자동 확인 → 카드 연동 후 사용.',
    detailUrl: 'https://www.sbiz24.kr',
    applyUrl: 'https://www.sbiz24.kr',
    contact: '중소기업 통합콜센터 ☎1357',
    regions: NATIONWIDE,
    benefit: { type: 'subsidy', maxAmount: 500_000, description: '업체당 50만원 크레딧 (공과금·4대보험료 등, 사용 기한 있음)' },
    requiredDocuments: ['business_registration_cert', 'id_copy_masked'],
    rule: {
      all: [{ type: 'revenue', max: 104_000_000, note: '연매출 1억 400만원 이하' }, excludedIndustries(), operating()],
    },
    reviewNote: `${YEARLY} 한시 사업입니다. 개업일 기준일과 사용처를 확인하세요.`,
  },

  // ═══ 경기도 ═══════════════════════════════════════════════════════════════════════════════
  {
    key: 'gg-env-improvement',
    title: '경기도 소상공인 경영환경개선 지원',
    ministry: '경기도',
    executingAgency: '경기도시장상권진흥원',
    category: '07',
    summary:
      '오래된 가게의 간판, 인테리어, 위생·안전 설비를 고치거나 홍보물을 만드는 비용을 지원합니다. 경기도에서 3년 이상 가게를 운영한 영세 소상공인이 대상이며, 최대 200만원까지 받을 수 있습니다(자부담 있음).',
    targetText:
      '경기도 내 사업장, 업력 3년 이상, 상시근로자 5인 미만 소상공인. 지방세 체납자, 최근 3년 이내 같은·유사 지원을 받은 사업자, 지원 제외 업종 제외.',
    period: {
      kind: 'range',
      start: '2026-03-09',
      end: '2026-03-27',
      raw: '2026-03-09 ~ 2026-03-27',
      typicalTiming: '매년 2~4월 공고 (시·군별 배정, 예산 소진 시 마감)',
    },
    howToApply:
      '경기도시장상권진흥원 누리집에서 온라인 신청(또는 시·군 접수처 방문) → 서류 심사·선정 → 시공 → 사진·영수증으로 정산 후 지원금 지급.',
    detailUrl: 'https://www.gmr.or.kr',
    contact: '경기도시장상권진흥원 (공고문의 사업 담당), 경기도콜센터 ☎031-120',
    regions: GYEONGGI,
    benefit: { type: 'grant', maxAmount: 2_000_000, description: '업체당 최대 200만원 (자부담 일부), 시설·환경 개선 및 홍보' },
    requiredDocuments: [
      'business_registration_cert',
      'small_business_cert',
      'local_tax_certificate',
      'id_copy_masked',
      'lease_contract',
      'quotation',
      'premises_photos',
      'bank_account_copy',
      'application_form',
      'privacy_consent_form',
    ],
    rule: {
      all: [
        gyeonggi(),
        { type: 'businessAge', minMonths: 36, note: '공고일 기준 업력 3년 이상' },
        { type: 'workers', maxExclusive: 5, note: '상시근로자 5인 미만' },
        excludedIndustries(),
        operating(),
        noLocalArrears('지방세 체납이 없을 것'),
        {
          type: 'noPriorReceipt',
          programmeKeys: ['gg-env-improvement'],
          years: 3,
          note: '최근 3년 이내 경영환경개선 등 같은·유사 지원을 받지 않았을 것',
        },
      ],
    },
    reviewNote: `${YEARLY} "유사 지원"의 범위(시·군 시설개선 사업 포함 여부)는 공고로 확인해 규칙의 programmeKeys에 반영하세요.`,
  },
  {
    key: 'gg-yellow-umbrella-hope-incentive',
    title: '경기도 노란우산 희망장려금',
    ministry: '경기도·시·군',
    executingAgency: '중소기업중앙회 (노란우산)',
    category: '09',
    summary:
      '노란우산(폐업·노후 대비 공제)에 새로 가입한 경기도의 영세 소상공인에게 1년 동안 매달 부금의 일부를 보태 적립해 줍니다. 적립금은 폐업하거나 노후에 공제금과 함께 돌려받습니다.',
    targetText: '경기도 내 사업장, 연매출 3억원 이하 소상공인 중 노란우산공제 신규 가입자 (시·군별 기준 상이)',
    period: {
      kind: 'untilBudget',
      start: '2026-01-02',
      raw: '2026-01-02 ~ 예산 소진 시까지',
      typicalTiming: '매년 1월부터 예산 소진 시까지',
    },
    howToApply: '노란우산 가입(누리집·은행 창구) 시 희망장려금 함께 신청 → 매출 요건 확인 → 12개월간 적립.',
    detailUrl: 'https://www.8899.or.kr',
    contact: '노란우산 고객센터 (누리집 안내 번호)',
    regions: GYEONGGI,
    benefit: { type: 'subsidy', maxAmount: 240_000, description: '월 최대 2만원 × 12개월 적립 (도·시군 부담, 시·군별 상이)' },
    requiredDocuments: ['business_registration_cert', 'vat_tax_base_cert', 'id_copy_masked', 'application_form', 'privacy_consent_form'],
    rule: {
      all: [
        gyeonggi(),
        { type: 'revenue', max: 300_000_000, note: '연매출 3억원 이하' },
        smallBusiness(),
        excludedIndustries('노란우산 가입 제한 업종 제외'),
        operating(),
      ],
    },
    reviewNote: `${YEARLY} "신규 가입자" 요건은 규칙으로 판정하지 않으니 가입일을 확인하세요.`,
  },
  {
    key: 'gcgf-special-guarantee',
    title: '경기도 소상공인 특례보증 (경기신용보증재단)',
    ministry: '경기도',
    executingAgency: '경기신용보증재단',
    category: '01',
    summary:
      '담보가 부족한 경기도 소상공인이 은행에서 돈을 빌릴 수 있도록 경기신용보증재단이 보증서를 발급해 줍니다. 경기도가 이자의 일부를 대신 내 주는(이차보전) 경우가 많습니다.',
    targetText: '경기도 내 사업장 소상공인 (보증 제한 업종, 체납자, 연체자, 휴·폐업자 제외)',
    period: {
      kind: 'untilBudget',
      start: '2026-01-05',
      raw: '2026-01-05 ~ 자금 소진 시까지',
      typicalTiming: '매년 초 공고, 자금 소진 시 마감',
    },
    howToApply: '경기신용보증재단 누리집·모바일 앱 또는 가까운 지점에 보증 상담 신청 → 현장 실사·심사 → 보증서 발급 → 협약 은행 대출.',
    detailUrl: 'https://www.gcgf.or.kr',
    contact: '경기신용보증재단 고객센터 (누리집 안내), 가까운 지점',
    regions: GYEONGGI,
    benefit: { type: 'guarantee', maxAmount: 50_000_000, description: '업체당 최대 5천만원 내외 보증, 보증료 감면·이차보전 (연도별 상이)' },
    requiredDocuments: [
      'business_registration_cert',
      'vat_tax_base_cert',
      'national_tax_certificate',
      'local_tax_certificate',
      'id_copy_masked',
      'lease_contract',
    ],
    rule: {
      all: [
        gyeonggi(),
        smallBusiness(),
        excludedIndustries('보증 제한 업종 제외'),
        operating(),
        { type: 'businessAge', minMonths: 3, note: '사업자등록 후 3개월 이상 영업 (상품별 상이)' },
        noNationalOrLocalArrears('국세·지방세 체납 시 보증 제한'),
        noDelinquency('금융기관 연체 등 신용관리 대상자 보증 제한'),
      ],
    },
    reviewNote: `${YEARLY} 특례보증 상품(청년·재도전 등)별 한도와 이차보전율을 확인하세요.`,
  },
  {
    key: 'gg-youth-startup',
    title: '경기도 청년 창업 지원',
    ministry: '경기도',
    executingAgency: '경기도경제과학진흥원',
    category: '06',
    summary:
      '경기도의 청년(만 39세 이하)이 창업을 준비하거나 막 창업했을 때 교육, 멘토링, 사업화 자금을 지원합니다. 사업계획서 심사로 선정합니다.',
    targetText: '대표자 만 39세 이하, 경기도 내 창업 예정 또는 창업 3년 이내 기업',
    period: { kind: 'range', start: '2026-03-16', end: '2026-04-10', raw: '2026-03-16 ~ 2026-04-10', typicalTiming: '매년 3~4월 공고' },
    howToApply: '경기도경제과학진흥원 누리집(또는 이지비즈) 공고에 따라 온라인 신청 → 서류·발표 평가 → 협약.',
    detailUrl: 'https://www.gbsa.or.kr',
    contact: '경기도경제과학진흥원 (공고문의 사업 담당), 경기도콜센터 ☎031-120',
    regions: GYEONGGI,
    benefit: { type: 'grant', maxAmount: 30_000_000, description: '사업화 자금 최대 3천만원 내외, 교육·멘토링 (연도별 상이)' },
    requiredDocuments: [
      'business_plan',
      'id_copy_masked',
      'business_registration_cert',
      'national_tax_certificate',
      'local_tax_certificate',
      'application_form',
      'privacy_consent_form',
    ],
    rule: {
      all: [
        gyeonggi('경기도 내 사업장 또는 창업 예정지'),
        { type: 'ownerAge', min: 19, max: 39, note: '대표자 만 19세 이상 39세 이하' },
        {
          any: [preparing(), { all: [operating(), { type: 'businessAge', maxMonths: 36, note: '창업 3년 이내' }] }],
        },
        excludedIndustries(),
        noNationalOrLocalArrears(),
      ],
    },
    reviewNote: `${YEARLY} 연령 기준일(공고일/신청일)과 업력 기준을 확인하세요.`,
  },
  {
    key: 'gg-women-business',
    title: '경기도 여성 소상공인·여성기업 성장 지원',
    ministry: '경기도',
    executingAgency: '(재)경기도일자리재단',
    category: '07',
    summary:
      '경기도에서 여성이 대표인 소상공인·중소기업의 홍보, 판로 개척, 시제품 제작 등을 지원합니다. 창업 7년 이내 여성 대표 사업자가 주로 대상입니다.',
    targetText: '경기도 내 사업장, 여성 대표자, 창업 7년 이내 (여성기업확인서 요구 여부는 공고 확인)',
    period: { kind: 'range', start: '2026-04-06', end: '2026-04-24', raw: '2026-04-06 ~ 2026-04-24', typicalTiming: '매년 3~5월 공고' },
    howToApply: '경기도일자리재단 누리집 공고에 따라 온라인 신청 → 서류 심사 → 선정 후 지원.',
    detailUrl: 'https://www.gjf.or.kr',
    contact: '(재)경기도일자리재단 (공고문의 사업 담당), 경기도콜센터 ☎031-120',
    regions: GYEONGGI,
    benefit: { type: 'grant', maxAmount: 10_000_000, description: '기업당 최대 1천만원 내외 (홍보·마케팅·시제품 등)' },
    requiredDocuments: [
      'business_registration_cert',
      'women_business_cert',
      'id_copy_masked',
      'national_tax_certificate',
      'local_tax_certificate',
      'application_form',
      'privacy_consent_form',
    ],
    rule: {
      all: [
        gyeonggi(),
        { type: 'ownerGender', gender: 'female', note: '여성 대표자 (여성기업확인서 또는 대표자 확인)' },
        { type: 'businessAge', maxMonths: 84, note: '창업 7년 이내' },
        operating(),
        excludedIndustries(),
        noNationalOrLocalArrears(),
      ],
    },
    reviewNote: `${YEARLY} 수행기관과 사업명이 해마다 바뀔 수 있습니다.`,
  },
  {
    key: 'gg-local-currency-merchant',
    title: '경기지역화폐 가맹점 등록 (매출 연계)',
    ministry: '경기도·시·군',
    executingAgency: '시·군 (지역화폐 운영대행사)',
    category: '05',
    summary:
      '경기지역화폐(시·군 지역화폐)로 결제를 받을 수 있게 가게를 가맹점으로 등록합니다. 지역화폐를 쓰는 손님은 할인·인센티브를 받기 때문에 동네 손님이 늘 수 있습니다. 등록은 무료입니다.',
    targetText: '경기도 내 사업장, 연매출 기준(예: 12억원) 이하 소상공인 (유흥·사행 업종, 대형 유통 등 제외, 시·군별 기준 상이)',
    period: { kind: 'always', raw: '상시', typicalTiming: '연중 등록 (인센티브율은 시·군별·시기별 상이)' },
    howToApply: '카드형 지역화폐는 카드 결제 단말기가 있으면 매출 기준 충족 시 자동 가맹, 모바일(QR) 결제는 운영대행사 누리집·앱에서 신청.',
    detailUrl: 'https://www.gg.go.kr',
    contact: '관할 시·군 지역화폐 담당 부서, 경기도콜센터 ☎031-120',
    regions: GYEONGGI,
    benefit: { type: 'other', description: '지역화폐 결제 가맹 — 소비자 인센티브로 매출 증대 (직접 지급되는 지원금은 없음)' },
    requiredDocuments: ['business_registration_cert', 'bank_account_copy', 'application_form'],
    rule: {
      all: [
        gyeonggi(),
        { type: 'revenue', max: 1_200_000_000, note: '연매출 12억원 이하 (시·군별 상이)' },
        excludedIndustries('유흥·사행 업종 등 가맹 제한 업종 제외'),
        operating(),
      ],
    },
    reviewNote: `${YEARLY} 지원사업이라기보다 매출 연계 안내입니다. 매출 기준과 제한 업종은 시·군별로 확인하세요.`,
  },
  {
    key: 'gg-good-price-store',
    title: '경기도 착한가격업소 지정·지원',
    ministry: '행정안전부·경기도',
    executingAgency: '시·군 (지역경제 담당 부서)',
    category: '07',
    summary:
      '지역 평균보다 싼 가격으로 좋은 서비스를 제공하는 가게를 "착한가격업소"로 지정하고, 공공요금 감면이나 물품·홍보를 지원합니다. 시·군이 현장을 확인한 뒤 지정합니다.',
    targetText: '경기도 내 외식업·이미용·세탁 등 개인서비스업소로 가격이 지역 평균 이하인 업소 (시·군 기준)',
    period: { kind: 'varies', raw: '시·군별 수시 지정', typicalTiming: '시·군별로 연중 또는 상·하반기 신청' },
    howToApply: '관할 시·군 지역경제 담당 부서 또는 읍·면·동 행정복지센터에 신청 → 현장 평가 → 지정.',
    detailUrl: 'https://www.gg.go.kr',
    contact: '관할 시·군 지역경제 담당 부서',
    regions: GYEONGGI,
    benefit: { type: 'other', description: '상하수도 요금 감면, 물품·홍보 지원 등 (시·군별 상이)' },
    requiredDocuments: ['business_registration_cert', 'local_tax_certificate', 'application_form', 'privacy_consent_form'],
    rule: {
      all: [
        gyeonggi(),
        { type: 'ksic', include: ['56', '961', '9691'], note: '외식업, 이·미용·목욕·세탁 등 개인서비스업' },
        { type: 'businessAge', minMonths: 6, note: '영업 6개월 이상 (시·군 기준)' },
        operating(),
        noLocalArrears('지방세 체납 업소 제외'),
      ],
    },
    reviewNote: `${YEARLY} 가격 기준(지역 평균 이하)은 현장 평가라 규칙으로 판정하지 않습니다.`,
  },
  {
    key: 'gg-restart-support',
    title: '경기도 소상공인 재도전 지원 (폐업·재기)',
    ministry: '경기도',
    executingAgency: '경기도시장상권진흥원',
    category: '07',
    summary:
      '경기도에서 가게를 정리했거나 정리하려는 소상공인에게 폐업 비용(철거·원상복구 등)과 재기 교육·컨설팅을 지원합니다. 정부 희망리턴패키지와 중복으로 받을 수 없는 항목이 있으니 함께 확인합니다.',
    targetText: '경기도 내 사업장의 폐업 예정 또는 최근 폐업 소상공인 (정부 폐업지원과 중복 수혜 제한)',
    period: {
      kind: 'range',
      start: '2026-03-02',
      end: '2026-11-30',
      raw: '2026-03-02 ~ 2026-11-30 (예산 소진 시 마감)',
      typicalTiming: '매년 2~3월 공고, 연중 접수',
    },
    howToApply: '경기도시장상권진흥원 누리집에서 온라인 신청 → 상담 → 지원 결정 후 철거·정산.',
    detailUrl: 'https://www.gmr.or.kr',
    contact: '경기도시장상권진흥원 (공고문의 사업 담당)',
    regions: GYEONGGI,
    benefit: { type: 'grant', maxAmount: 3_000_000, description: '폐업 비용 최대 300만원 내외, 재기 교육·컨설팅' },
    requiredDocuments: [
      'business_registration_cert',
      'closure_cert',
      'lease_contract',
      'quotation',
      'premises_photos',
      'id_copy_masked',
      'bank_account_copy',
      'application_form',
      'privacy_consent_form',
    ],
    rule: {
      all: [
        gyeonggi('폐업(예정) 사업장이 경기도 내에 있을 것'),
        { any: [closingSoon(), { type: 'closedWithin', months: 12, note: '최근 1년 이내 폐업' }] },
        {
          type: 'noPriorReceipt',
          programmeKeys: ['hope-return-closure'],
          years: 1,
          note: '같은 항목(점포철거 등)을 정부 희망리턴패키지로 지원받은 경우 제외',
        },
      ],
    },
    reviewNote: `${YEARLY} "폐업 예정" 여부는 사업주에게 확인하세요. 중복 수혜 제한 범위를 확인하세요.`,
  },
  {
    key: 'gg-online-market',
    title: '경기도 소상공인 온라인 판로 지원',
    ministry: '경기도',
    executingAgency: '경기도시장상권진흥원',
    category: '05',
    summary:
      '경기도 소상공인이 온라인 쇼핑몰에 입점하고 상세페이지·라이브커머스 등으로 판매할 수 있도록 교육과 제작비를 지원합니다. 온라인 판매에는 통신판매업 신고가 필요합니다.',
    targetText: '경기도 내 사업장, 통신판매업 신고를 한 소상공인',
    period: { kind: 'range', start: '2026-04-13', end: '2026-05-08', raw: '2026-04-13 ~ 2026-05-08', typicalTiming: '매년 3~5월 공고' },
    howToApply: '경기도시장상권진흥원 누리집에서 온라인 신청 → 선정 → 교육·제작 지원.',
    detailUrl: 'https://www.gmr.or.kr',
    contact: '경기도시장상권진흥원 (공고문의 사업 담당)',
    regions: GYEONGGI,
    benefit: { type: 'service', description: '온라인몰 입점, 상세페이지 제작, 라이브커머스·광고비 일부 지원' },
    requiredDocuments: ['business_registration_cert', 'mail_order_report_cert', 'application_form', 'privacy_consent_form'],
    rule: {
      all: [
        gyeonggi(),
        smallBusiness(),
        { type: 'mailOrderRegistered', note: '통신판매업 신고 사업자' },
        excludedIndustries(),
        operating(),
      ],
    },
    reviewNote: `${YEARLY} 지원 채널(입점몰)과 자부담을 확인하세요.`,
  },
  {
    key: 'gg-export-online-mall',
    title: '경기도 해외 온라인몰 입점 지원 (수출 초보기업)',
    ministry: '경기도',
    executingAgency: '경기도경제과학진흥원',
    category: '04',
    summary:
      '국내에서 온라인으로 물건을 팔고 있는 경기도 소상공인·중소기업이 해외 온라인몰에 입점할 수 있도록 번역, 상세페이지, 입점 대행, 물류비 일부를 지원합니다. 처음 수출해 보는 사업자도 전문 대행사의 도움을 받을 수 있습니다.',
    targetText: '경기도 내 사업장, 국내 온라인 판매 중인 소상공인·중소기업 (수출 초보)',
    period: { kind: 'range', start: '2026-03-23', end: '2026-04-17', raw: '2026-03-23 ~ 2026-04-17', typicalTiming: '매년 2~4월 공고' },
    howToApply: '경기도경제과학진흥원 누리집(또는 이지비즈) 공고에 따라 온라인 신청 → 평가 → 입점 대행사 매칭.',
    detailUrl: 'https://www.gbsa.or.kr',
    contact: '경기도경제과학진흥원 (공고문의 사업 담당)',
    regions: GYEONGGI,
    benefit: { type: 'service', description: '해외몰 입점 대행, 현지화 콘텐츠, 물류비 일부 (기업당 한도는 공고 확인)' },
    requiredDocuments: [
      'business_registration_cert',
      'mail_order_report_cert',
      'vat_tax_base_cert',
      'national_tax_certificate',
      'local_tax_certificate',
      'application_form',
      'privacy_consent_form',
    ],
    rule: {
      all: [
        gyeonggi(),
        { type: 'mailOrderRegistered', note: '국내 온라인 판매 중 (통신판매업 신고)' },
        operating(),
        excludedIndustries(),
        noNationalOrLocalArrears(),
      ],
    },
    reviewNote: `${YEARLY} 소상공인보다 중소기업 대상인 해가 많습니다 — 대상 기업 규모를 확인하세요.`,
  },
  {
    key: 'gg-consulting',
    title: '경기도 소상공인 찾아가는 컨설팅',
    ministry: '경기도',
    executingAgency: '경기도시장상권진흥원',
    category: '07',
    summary:
      '경기도 소상공인의 가게로 전문가가 직접 찾아가 메뉴·가격, 마케팅, 세무·노무, 디지털 전환 등을 상담해 줍니다. 비용은 무료입니다.',
    targetText: '경기도 내 소상공인 및 예비창업자',
    period: { kind: 'untilBudget', start: '2026-03-02', raw: '2026-03-02 ~ 예산 소진 시까지', typicalTiming: '매년 2~3월 시작, 연중 접수' },
    howToApply: '경기도시장상권진흥원 누리집에서 온라인 신청 또는 권역별 센터에 전화 신청 → 전문가 배정 → 현장 방문.',
    detailUrl: 'https://www.gmr.or.kr',
    contact: '경기도시장상권진흥원 권역별 센터',
    regions: GYEONGGI,
    benefit: { type: 'service', description: '전문가 현장 컨설팅 (무료, 횟수는 공고 확인)' },
    requiredDocuments: ['business_registration_cert', 'application_form', 'privacy_consent_form'],
    rule: {
      all: [gyeonggi(), { any: [{ all: [smallBusiness(), operating()] }, preparing()] }],
    },
    reviewNote: `${YEARLY} 분야와 횟수를 확인하세요.`,
  },

  // ═══ 시·군 자체 사업 (예시) ═════════════════════════════════════════════════════════════════
  {
    key: 'suwon-special-guarantee',
    title: '수원시 소상공인 특례보증',
    ministry: '수원시',
    executingAgency: '경기신용보증재단 (수원 지점)·협약 은행',
    category: '01',
    summary:
      '수원시에 사업장이 있는 소상공인이 경기신용보증재단 보증으로 은행 대출을 받을 수 있도록 수원시가 보증 재원을 내고, 이자 일부를 지원합니다. 담보가 부족해도 보증서로 대출을 받을 수 있습니다.',
    targetText: '수원시 내 사업장 소상공인 (보증 제한 업종, 체납자, 연체자 제외)',
    period: {
      kind: 'untilBudget',
      start: '2026-01-12',
      raw: '2026-01-12 ~ 자금 소진 시까지',
      typicalTiming: '매년 초 공고, 자금 소진 시 마감',
    },
    howToApply: '경기신용보증재단 수원 지점(또는 모바일 앱)에 보증 상담 신청 → 심사 → 협약 은행 대출 → 이차보전은 수원시에 별도 신청.',
    detailUrl: 'https://www.suwon.go.kr',
    contact: '수원시 지역경제 담당 부서, 경기신용보증재단 수원 지점',
    regions: municipality('41110'),
    benefit: { type: 'guarantee', maxAmount: 50_000_000, description: '업체당 최대 5천만원 내외 보증, 이차보전 (시 예산 범위)' },
    requiredDocuments: [
      'business_registration_cert',
      'vat_tax_base_cert',
      'national_tax_certificate',
      'local_tax_certificate',
      'id_copy_masked',
      'lease_contract',
    ],
    rule: {
      all: [
        inMunicipality('41110', '수원시'),
        smallBusiness(),
        excludedIndustries('보증 제한 업종 제외'),
        operating(),
        noNationalOrLocalArrears(),
        noDelinquency(),
      ],
    },
    reviewNote: `예시 항목 — 시·군 자체 사업은 해마다 시행 여부·이름·조건이 다릅니다. ${YEARLY}`,
  },
  {
    key: 'yongin-card-fee-support',
    title: '용인시 소상공인 카드수수료 지원',
    ministry: '용인시',
    executingAgency: '용인시 (지역경제 담당 부서)',
    category: '07',
    summary:
      '용인시에서 가게를 하는 영세 소상공인이 지난해 낸 카드 결제 수수료의 일부를 현금으로 돌려줍니다. 카드매출 내역으로 금액을 계산합니다.',
    targetText: '용인시 내 사업장, 연매출 3억원 이하 소상공인, 신청일 현재 영업 중, 지방세 체납 없음',
    period: {
      kind: 'range',
      start: '2026-04-01',
      end: '2026-05-29',
      raw: '2026-04-01 ~ 2026-05-29',
      typicalTiming: '시행하는 해 상반기 공고',
    },
    howToApply: '용인시 누리집 공고에 따라 온라인 또는 읍·면·동 행정복지센터 방문 신청 → 카드매출 확인 → 계좌 입금.',
    detailUrl: 'https://www.yongin.go.kr',
    contact: '용인시 지역경제 담당 부서',
    regions: municipality('41460'),
    benefit: { type: 'subsidy', maxAmount: 500_000, description: '전년도 카드수수료의 일부, 업체당 최대 50만원 내외' },
    requiredDocuments: [
      'business_registration_cert',
      'vat_tax_base_cert',
      'card_sales_statement',
      'local_tax_certificate',
      'id_copy_masked',
      'bank_account_copy',
      'application_form',
      'privacy_consent_form',
    ],
    rule: {
      all: [
        inMunicipality('41460', '용인시'),
        { type: 'revenue', max: 300_000_000, note: '전년도 연매출 3억원 이하' },
        smallBusiness(),
        excludedIndustries(),
        operating(),
        noLocalArrears(),
      ],
    },
    reviewNote: `예시 항목 — 카드수수료 지원은 여러 시·군이 해마다 다른 조건으로 시행합니다. ${YEARLY}`,
  },
  {
    key: 'anseong-interest-subsidy',
    title: '안성시 소상공인 경영안정자금 이자 지원',
    ministry: '안성시',
    executingAgency: '안성시·경기신용보증재단',
    category: '01',
    summary:
      '안성시 소상공인이 은행에서 빌린 경영안정자금의 이자 중 일부를 안성시가 대신 내 줍니다. 경기신용보증재단 보증 대출과 함께 신청하는 경우가 많습니다.',
    targetText: '안성시 내 사업장 소상공인 (체납자, 연체자 제외)',
    period: { kind: 'untilBudget', start: '2026-01-19', raw: '2026-01-19 ~ 예산 소진 시까지', typicalTiming: '매년 초 공고' },
    howToApply: '경기신용보증재단 보증 상담 → 협약 은행 대출 → 안성시에 이자 지원 신청.',
    detailUrl: 'https://www.anseong.go.kr',
    contact: '안성시 지역경제 담당 부서',
    regions: municipality('41550'),
    benefit: { type: 'subsidy', description: '대출 이자 연 2%p 내외, 최대 2~3년 (예시)' },
    requiredDocuments: [
      'business_registration_cert',
      'national_tax_certificate',
      'local_tax_certificate',
      'id_copy_masked',
      'application_form',
      'privacy_consent_form',
    ],
    rule: {
      all: [
        inMunicipality('41550', '안성시'),
        smallBusiness(),
        excludedIndustries(),
        operating(),
        noNationalOrLocalArrears(),
        noDelinquency(),
      ],
    },
    reviewNote: `예시 항목 — 이차보전율·기간은 시 예산에 따라 다릅니다. ${YEARLY}`,
  },
  {
    key: 'guri-small-business-support',
    title: '구리시 소상공인 경영안정 지원금',
    ministry: '구리시',
    executingAgency: '구리시 (지역경제 담당 부서)',
    category: '07',
    summary:
      '구리시에 사업장이 있는 영세 소상공인에게 경영 안정을 위한 지원금을 한 번 드립니다. 매출 기준과 영업 기간을 확인한 뒤 계좌로 입금합니다.',
    targetText: '구리시 내 사업장, 영업 6개월 이상, 연매출 기준 이하 소상공인, 지방세 체납 없음',
    period: {
      kind: 'range',
      start: '2026-06-01',
      end: '2026-06-30',
      raw: '2026-06-01 ~ 2026-06-30',
      typicalTiming: '시행하는 해에 한시 공고',
    },
    howToApply: '구리시 누리집 공고에 따라 온라인 또는 동 행정복지센터 방문 신청 → 요건 확인 → 계좌 입금.',
    detailUrl: 'https://www.guri.go.kr',
    contact: '구리시 지역경제 담당 부서',
    regions: municipality('41310'),
    benefit: { type: 'grant', maxAmount: 1_500_000, description: '업체당 50만~150만원 (예시, 해마다 시행 여부 상이)' },
    requiredDocuments: [
      'business_registration_cert',
      'vat_tax_base_cert',
      'local_tax_certificate',
      'id_copy_masked',
      'bank_account_copy',
      'application_form',
      'privacy_consent_form',
    ],
    rule: {
      all: [
        inMunicipality('41310', '구리시'),
        { type: 'businessAge', minMonths: 6, note: '신청일 기준 6개월 이상 영업' },
        { type: 'revenue', max: 200_000_000, note: '연매출 2억원 이하 (예시)' },
        excludedIndustries(),
        operating(),
        noLocalArrears(),
      ],
    },
    reviewNote: `예시 항목 — 시·군 지원금은 해마다 시행 여부·금액·매출 기준이 다릅니다. ${YEARLY}`,
  },
];

/** The sample catalogue. Frozen: callers copy before changing. */
export const SAMPLE_PROGRAMMES: readonly SampleProgramme[] = Object.freeze(
  ENTRIES.map((e): SampleProgramme => ({
    ...e,
    source: 'manual',
    // Derived from the key, not the position, so it stays stable when entries are added.
    sourceId: `sample:${e.key}`,
    isSample: true,
    reviewStatus: '확인 필요',
  })),
);

export function findSampleProgramme(key: string): SampleProgramme | undefined {
  return SAMPLE_PROGRAMMES.find((p) => p.key === key);
}
