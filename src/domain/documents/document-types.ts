/**
 * 구비서류 종류 (document types) as DATA.
 *
 * docs/domain.md ("Documents"): validity periods change and come partly from secondary sources, so every
 * type carries its validity rule as data, the `source` it was written from and a `reviewStatus`
 * ('확인 필요' until a programme editor has checked it against the current law / notice). The table is
 * seeded into `document_type` (see `documentTypeRows()`); the date arithmetic lives in
 * `document-validity.ts` and reads only the `validity` field, so an edited row in the database works
 * the same way as this built-in table.
 *
 * The document printed by the issuer always wins: when a certificate states its own 유효기간, the
 * clerk records that date on the held document (`business_document.valid_until`).
 */
import { z } from 'zod';

// ── Validity rules ────────────────────────────────────────────────────────────────────────────
/**
 * How long a document of a type stays usable after its issue date. Period counting follows 민법
 * (국세기본법 제4조 and 지방세기본법 제23조 send tax-law periods to 민법): the issue day is not counted
 * (민법 제157조 초일불산입) and the period ends at the end of its last day (제159조). See
 * `document-validity.ts` for the worked reading.
 */
export const ValidityRuleSchema = z.discriminatedUnion('kind', [
  /** N days counted from the day after issue: issued 2026-01-01, 30 days → last valid day 2026-01-31. */
  z.object({ kind: z.literal('days'), days: z.number().int().positive(), note: z.string().max(500).optional() }).strict(),
  /** N calendar months (민법 제160조): issued 2026-01-15, 3 months → 2026-04-15; a missing day → month end. */
  z.object({ kind: z.literal('months'), months: z.number().int().positive(), note: z.string().max(500).optional() }).strict(),
  /**
   * Valid until the next `month`/`day` on or after the issue date (소상공인확인서, December closers:
   * 31 March). Issued 2026-05-10 → 2027-03-31; issued 2026-02-10 → 2026-03-31.
   */
  z
    .object({
      kind: z.literal('fixedYearEnd'),
      month: z.number().int().min(1).max(12),
      day: z.number().int().min(1).max(31),
      note: z.string().max(500).optional(),
    })
    .strict(),
  /**
   * The programme notice decides (e.g. "최근 1개월 이내 발급분"). `defaultDays` (counted like `days`)
   * is what the app assumes until a notice says otherwise; `note` tells the clerk what to check.
   */
  z.object({ kind: z.literal('perNotice'), defaultDays: z.number().int().positive(), note: z.string().max(500) }).strict(),
  /** Does not expire by itself (an ID copy, a lease contract, a form). */
  z.object({ kind: z.literal('none'), note: z.string().max(500).optional() }).strict(),
]);
export type ValidityRule = z.infer<typeof ValidityRuleSchema>;
export type ValidityKind = ValidityRule['kind'];

export const REVIEW_STATUS_UNCHECKED = '확인 필요' as const;

export const DocumentTypeSchema = z
  .object({
    /** snake_case English, stable: referenced by programme rules and held documents. */
    code: z.string().regex(/^[a-z][a-z0-9_]*$/),
    /** Korean name as printed / as notices call it. */
    name: z.string().min(1),
    nameEn: z.string().min(1),
    /** Who issues it. */
    issuer: z.string().min(1),
    /** Where the owner (or the clerk with the owner) gets it: 홈택스, 정부24, 위택스, … */
    obtainFrom: z.array(z.string().min(1)).min(1),
    /** Whether 공공마이데이터 can deliver it with the owner's consent (manual upload stays the default). */
    publicMyData: z.boolean(),
    /** The paper can show a 주민등록번호: the uploaded copy must have the back 7 digits masked (docs/domain.md). */
    mayShowRrn: z.boolean(),
    validity: ValidityRuleSchema,
    /** Where the validity rule (and the facts above) were written from. */
    source: z.string().min(1),
    reviewStatus: z.string().min(1),
    /** Plain-Korean hint for the clerk. */
    note: z.string().max(500).optional(),
  })
  .strict();
export type DocumentType = z.infer<typeof DocumentTypeSchema>;

const DOMAIN_TABLE = 'docs/domain.md 구비서류 표 (2차 자료, 확인 필요)';
const NTS_CERTS = '국세청 홈택스 민원증명 안내 (발급 경로); 유효기간은 법정 기간이 없어 공고가 정함';
const RRN_HINT = '발급 시 주민등록번호 뒷자리 "비공개(가림)"를 선택하고, 그렇지 않으면 업로드 전 가립니다.';

/**
 * The built-in table. `satisfies` keeps the literal codes (see `DocumentTypeCode`) so sample
 * programmes cannot name a document type that does not exist.
 */
export const DOCUMENT_TYPES = [
  // ── 국세청 (홈택스) ──
  {
    code: 'business_registration_cert',
    name: '사업자등록증명',
    nameEn: 'Certificate of business registration',
    issuer: '국세청 (관할 세무서)',
    obtainFrom: ['홈택스·손택스', '정부24', '세무서 민원실', '무인민원발급기'],
    publicMyData: true,
    mayShowRrn: true,
    validity: {
      kind: 'perNotice',
      defaultDays: 90,
      note: '법정 유효기간 없음. 공고가 "최근 1개월(또는 3개월) 이내 발급분"을 정하는 경우가 많음 — 공고 기준 확인.',
    },
    source: `${DOMAIN_TABLE}; ${NTS_CERTS}`,
    reviewStatus: REVIEW_STATUS_UNCHECKED,
    note: RRN_HINT,
  },
  {
    code: 'vat_tax_base_cert',
    name: '부가가치세 과세표준증명',
    nameEn: 'Certificate of VAT tax base (taxable sales)',
    issuer: '국세청 (관할 세무서)',
    obtainFrom: ['홈택스·손택스', '정부24', '세무서 민원실'],
    publicMyData: true,
    mayShowRrn: true,
    validity: {
      kind: 'perNotice',
      defaultDays: 90,
      note: '공고가 정한 과세기간(예: 직전 연도 1~12월)의 증명이어야 함. 발급 시기는 공고 기준 확인.',
    },
    source: `${DOMAIN_TABLE}; ${NTS_CERTS}`,
    reviewStatus: REVIEW_STATUS_UNCHECKED,
    note: `과세사업자의 매출 증빙. ${RRN_HINT}`,
  },
  {
    code: 'tax_exempt_income_cert',
    name: '면세사업자 수입금액증명',
    nameEn: 'Certificate of revenue for VAT-exempt businesses',
    issuer: '국세청 (관할 세무서)',
    obtainFrom: ['홈택스·손택스', '정부24', '세무서 민원실'],
    publicMyData: true,
    mayShowRrn: true,
    validity: {
      kind: 'perNotice',
      defaultDays: 90,
      note: '공고가 정한 연도(보통 직전 연도)의 수입금액이어야 함 (사업장현황신고 후 발급).',
    },
    source: `${DOMAIN_TABLE}; ${NTS_CERTS}`,
    reviewStatus: REVIEW_STATUS_UNCHECKED,
    note: `면세사업자(학원·병의원·농축수산물 판매 등)의 매출 증빙. ${RRN_HINT}`,
  },
  {
    code: 'income_amount_cert',
    name: '소득금액증명',
    nameEn: 'Certificate of income amount',
    issuer: '국세청 (관할 세무서)',
    obtainFrom: ['홈택스·손택스', '정부24', '세무서 민원실'],
    publicMyData: true,
    mayShowRrn: true,
    validity: {
      kind: 'perNotice',
      defaultDays: 90,
      note: '직전 연도 귀속분 (종합소득세 신고 후, 보통 6월 이후 발급 가능). 공고 기준 확인.',
    },
    source: `${DOMAIN_TABLE}; ${NTS_CERTS}`,
    reviewStatus: REVIEW_STATUS_UNCHECKED,
    note: RRN_HINT,
  },
  {
    code: 'national_tax_certificate',
    name: '국세 납세증명서 (국세완납증명)',
    nameEn: 'National tax payment certificate (no arrears)',
    issuer: '국세청 (관할 세무서)',
    obtainFrom: ['홈택스·손택스', '정부24', '세무서 민원실', '무인민원발급기'],
    publicMyData: true,
    mayShowRrn: true,
    validity: {
      kind: 'days',
      days: 30,
      note: '발급일부터 30일간 (첫날 불산입: 1월 1일 발급 → 1월 31일까지). 발급일 현재 곧 납부기한이 오는 국세가 있으면 그 기한까지로 짧아질 수 있으니 증명서에 적힌 유효기간을 우선합니다.',
    },
    source:
      '국세징수법 시행령 "납세증명서의 유효기간" (발급일부터 30일간); 국세기본법 제4조 → 민법 제157조(초일불산입)·제159조(말일 종료). 조문 번호는 개정으로 바뀔 수 있음 (확인 필요)',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
    note: RRN_HINT,
  },
  {
    code: 'local_tax_certificate',
    name: '지방세 납세증명서 (지방세 완납증명)',
    nameEn: 'Local tax payment certificate (no arrears)',
    issuer: '시·군·구청 (지방자치단체장)',
    obtainFrom: ['위택스', '정부24', '시·군·구청 및 주민센터', '무인민원발급기'],
    publicMyData: true,
    mayShowRrn: true,
    validity: {
      kind: 'days',
      days: 30,
      note: '발급일부터 30일간 (첫날 불산입). 곧 납부기한이 오는 지방세가 있으면 짧아질 수 있으니 증명서에 적힌 유효기간을 우선합니다.',
    },
    source:
      '지방세징수법 시행령 "납세증명서의 유효기간" (발급일부터 30일간); 지방세기본법 기간 계산 → 민법 제157조·제159조. 조문 번호 확인 필요',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
    note: RRN_HINT,
  },
  {
    code: 'closure_cert',
    name: '폐업사실증명',
    nameEn: 'Certificate of business closure',
    issuer: '국세청 (관할 세무서)',
    obtainFrom: ['홈택스·손택스', '정부24', '세무서 민원실'],
    publicMyData: true,
    mayShowRrn: true,
    validity: { kind: 'none', note: '폐업일을 증명하는 서류로 그 자체의 만료는 없음. 일부 공고는 최근 발급분을 요구하므로 공고 확인.' },
    source: `${NTS_CERTS}; 희망리턴패키지 공고 구비서류`,
    reviewStatus: REVIEW_STATUS_UNCHECKED,
    note: RRN_HINT,
  },
  {
    code: 'standard_financial_statements_cert',
    name: '표준재무제표증명',
    nameEn: 'Certificate of standard financial statements',
    issuer: '국세청 (관할 세무서)',
    obtainFrom: ['홈택스', '세무서 민원실'],
    publicMyData: true,
    mayShowRrn: false,
    validity: { kind: 'perNotice', defaultDays: 90, note: '복식부기 의무자·법인. 공고가 정한 사업연도의 것이어야 함.' },
    source: NTS_CERTS,
    reviewStatus: REVIEW_STATUS_UNCHECKED,
  },
  // ── 중소벤처기업부 / 소상공인시장진흥공단 ──
  {
    code: 'small_business_cert',
    name: '소상공인확인서',
    nameEn: 'Small business (sosanggongin) confirmation',
    issuer: '중소벤처기업부 (소상공인시장진흥공단)',
    obtainFrom: ['중소기업현황정보시스템 (sminfo.mss.go.kr)', '소상공인지원센터 방문'],
    publicMyData: false,
    mayShowRrn: false,
    validity: {
      kind: 'fixedYearEnd',
      month: 3,
      day: 31,
      note: '12월 결산 사업자 기준: 4월 1일 ~ 다음 해 3월 31일. 3월 31일 이전(1~3월)에 발급받은 확인서는 그 해 3월 31일까지. 결산월이 다르면 날짜가 다르므로 확인서에 적힌 유효기간을 입력합니다.',
    },
    source:
      '「중소기업 범위 및 확인에 관한 규정」(중소벤처기업부 고시)의 확인서 유효기간 — 직전 사업연도 말일부터 3개월이 지난 날부터 1년 (12월 결산: 4.1.~다음 해 3.31.); docs/domain.md 구비서류 표',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
  },
  {
    code: 'policy_fund_confirmation',
    name: '정책자금 지원대상 확인서',
    nameEn: 'Policy fund eligibility confirmation (SEMAS)',
    issuer: '소상공인시장진흥공단 (지역 소상공인지원센터)',
    obtainFrom: ['소상공인 정책자금 누리집 (ols.sbiz.or.kr)', '소상공인지원센터'],
    publicMyData: false,
    mayShowRrn: false,
    validity: {
      kind: 'months',
      months: 3,
      note: '자금(대출)별로 정해짐. 확인서에 적힌 대출 신청·실행 기한이 있으면 그 날짜를 우선합니다.',
    },
    source: 'docs/domain.md 구비서류 표 ("per loan"); 소상공인 정책자금 융자 공고 — 3개월은 가정값 (확인 필요)',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
  },
  // ── 4대보험 ──
  {
    code: 'social_insurance_roster',
    name: '4대보험 사업장 가입자명부',
    nameEn: 'Social insurance subscriber roster (workplace)',
    issuer: '국민건강보험공단·국민연금공단·근로복지공단',
    obtainFrom: ['4대사회보험 정보연계센터 (www.4insure.or.kr)', '국민건강보험 EDI', '공단 지사 방문'],
    publicMyData: false,
    mayShowRrn: true,
    validity: {
      kind: 'perNotice',
      defaultDays: 30,
      note: '상시근로자 수 확인용. 공고가 정한 기준일(예: 신청일 또는 직전 연도 말) 현재의 명부여야 함.',
    },
    source: `${DOMAIN_TABLE} ("to count workers")`,
    reviewStatus: REVIEW_STATUS_UNCHECKED,
    note: '근로자의 주민등록번호가 보이면 가립니다.',
  },
  {
    code: 'health_insurance_eligibility_cert',
    name: '건강보험 자격득실확인서',
    nameEn: 'Health insurance eligibility history',
    issuer: '국민건강보험공단',
    obtainFrom: ['국민건강보험공단 누리집·앱 (The건강보험)', '정부24', '공단 지사 방문'],
    publicMyData: true,
    mayShowRrn: true,
    validity: { kind: 'perNotice', defaultDays: 30, note: '1인 자영업자 여부·고용 확인용. 공고의 기준일 현재 발급분.' },
    source: '각 공고 구비서류 (예: 두루누리·고용보험료 지원)',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
    note: RRN_HINT,
  },
  // ── 시·군·구 / 정부24 ──
  {
    code: 'mail_order_report_cert',
    name: '통신판매업 신고증',
    nameEn: 'Mail-order (e-commerce) business report certificate',
    issuer: '시·군·구청',
    obtainFrom: ['정부24 (통신판매업 신고)', '시·군·구청 지역경제 담당'],
    publicMyData: false,
    mayShowRrn: false,
    validity: { kind: 'none', note: '신고가 유지되는 동안 유효 (매년 등록면허세 납부). 폐업·변경 시 다시 확인.' },
    source: '전자상거래 등에서의 소비자보호에 관한 법률 제12조 (통신판매업 신고); 온라인 판로지원 공고',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
  },
  {
    code: 'building_register',
    name: '건축물대장 (일반/집합)',
    nameEn: 'Building register',
    issuer: '시·군·구청',
    obtainFrom: ['정부24', '세움터', '시·군·구청 및 주민센터'],
    publicMyData: true,
    mayShowRrn: false,
    validity: { kind: 'perNotice', defaultDays: 90, note: '시설 개선 사업에서 사업장 용도·위반건축물 여부 확인용. 공고 기준 확인.' },
    source: '경영환경개선·시설개선 사업 공고 구비서류',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
  },
  {
    code: 'disability_cert',
    name: '장애인증명서',
    nameEn: 'Certificate of disability',
    issuer: '시·군·구청 (읍·면·동 주민센터)',
    obtainFrom: ['정부24', '주민센터', '무인민원발급기'],
    publicMyData: true,
    mayShowRrn: true,
    validity: {
      kind: 'perNotice',
      defaultDays: 90,
      note: '증명서 자체의 만료는 없으나 공고가 "최근 N개월 이내 발급분"을 요구하는 경우가 많음.',
    },
    source: '장애인복지법 시행규칙 (장애인증명서 발급); 장애인기업 지원 공고 구비서류',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
    note: RRN_HINT,
  },
  {
    code: 'veteran_cert',
    name: '국가유공자증 (또는 국가유공자 등 확인원)',
    nameEn: 'National merit (veteran) certificate',
    issuer: '국가보훈부 (지방보훈관서)',
    obtainFrom: ['정부24 (국가유공자 등 확인원)', '보훈관서 방문'],
    publicMyData: false,
    mayShowRrn: true,
    validity: { kind: 'none', note: '유공자증(카드)은 만료 없음. 확인원을 요구하면 공고가 정한 기간 내 발급분.' },
    source: '국가유공자 등 예우 및 지원에 관한 법률; 보훈 대부 안내',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
    note: RRN_HINT,
  },
  {
    code: 'women_business_cert',
    name: '여성기업확인서',
    nameEn: "Women's business confirmation",
    issuer: '중소벤처기업부 (한국여성경제인협회)',
    obtainFrom: ['공공구매종합정보망 (www.smpp.go.kr)'],
    publicMyData: false,
    mayShowRrn: false,
    validity: {
      kind: 'perNotice',
      defaultDays: 365,
      note: '확인서에 적힌 유효기간을 입력합니다. 공고에 따라 대표자 성별 확인으로 대신하기도 함.',
    },
    source: '여성기업지원에 관한 법률 (여성기업 확인); 유효기간은 확인서 기재 (확인 필요)',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
  },
  {
    code: 'disabled_business_cert',
    name: '장애인기업확인서',
    nameEn: 'Disabled-owned business confirmation',
    issuer: '중소벤처기업부 ((재)장애인기업종합지원센터)',
    obtainFrom: ['장애인기업종합지원센터 누리집 (www.debc.or.kr)'],
    publicMyData: false,
    mayShowRrn: false,
    validity: { kind: 'perNotice', defaultDays: 365, note: '확인서에 적힌 유효기간을 입력합니다.' },
    source: '장애인기업활동 촉진법 (장애인기업 확인); 유효기간은 확인서 기재 (확인 필요)',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
  },
  {
    code: 'venture_business_cert',
    name: '벤처기업확인서',
    nameEn: 'Venture business confirmation',
    issuer: '벤처기업확인기관 ((사)벤처기업협회 벤처확인종합관리시스템)',
    obtainFrom: ['벤처확인종합관리시스템 (www.smes.go.kr/venturein)'],
    publicMyData: false,
    mayShowRrn: false,
    validity: { kind: 'months', months: 36, note: '확인서에 적힌 유효기간(보통 확인일부터 3년)을 입력합니다. 유형(벤처투자·연구개발·혁신성장·예비벤처)에 따라 다를 수 있음.' },
    source: '벤처기업육성에 관한 특별법 제25조 (벤처기업 확인, 2021 민간 확인제도); 유효기간 3년은 2차 자료 (확인 필요)',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
  },
  // ── 지방자치단체 ──
  {
    code: 'good_price_store_designation',
    name: '착한가격업소 지정서 (지정증·표찰)',
    nameEn: 'Good-price store designation',
    issuer: '시·군·구청 (행정안전부 착한가격업소 지정·관리 지침)',
    obtainFrom: ['관할 시·군·구청 지역경제 담당 부서', '착한가격업소 누리집 (www.goodprice.go.kr)'],
    publicMyData: false,
    mayShowRrn: false,
    validity: {
      kind: 'perNotice',
      defaultDays: 365,
      note: '지정에 만료일은 없으나 시·군·구가 해마다 재점검해 취소할 수 있음 — 지정 유지 여부(최근 점검일)를 확인하고 유효기간을 입력합니다.',
    },
    source: '행정안전부 「착한가격업소 지정 및 관리 지침」 (지방물가 안정); 재점검 주기는 지침·지자체별 (확인 필요)',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
  },
  // ── 본인·당사자 서류 ──
  {
    code: 'id_copy_masked',
    name: '신분증 사본 (주민등록번호 뒷자리 가림)',
    nameEn: 'Copy of ID card (resident number masked)',
    issuer: '본인 (주민등록증·운전면허증 등)',
    obtainFrom: ['본인 신분증을 복사·촬영한 뒤 주민등록번호 뒷자리를 가림'],
    publicMyData: false,
    mayShowRrn: true,
    validity: { kind: 'none', note: '신분증 자체가 유효한 동안. 주민등록번호 뒷자리는 반드시 가립니다 (수집·보관 금지).' },
    source: '개인정보 보호법 제24조의2 (주민등록번호 처리 제한); docs/domain.md Identifiers',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
  },
  {
    code: 'lease_contract',
    name: '임대차계약서 (사업장)',
    nameEn: 'Lease contract for the business premises',
    issuer: '임대인·임차인 (계약 당사자)',
    obtainFrom: ['사업주 보관 원본의 사본'],
    publicMyData: false,
    mayShowRrn: true,
    validity: { kind: 'none', note: '계약서 자체의 만료는 없지만 계약기간이 신청일(또는 공고 기준일)에 유효해야 함 — 계약기간을 확인.' },
    source: '경영환경개선·임차료 관련 공고 구비서류',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
    note: '임대인·임차인 주민등록번호가 적혀 있으면 가립니다.',
  },
  {
    code: 'bank_account_copy',
    name: '통장 사본',
    nameEn: 'Copy of bank passbook',
    issuer: '거래 은행',
    obtainFrom: ['통장 표지 사본', '인터넷뱅킹 "통장 사본" 출력'],
    publicMyData: false,
    mayShowRrn: false,
    validity: { kind: 'none', note: '공고가 정한 명의(대표자 또는 사업자)의 계좌여야 함.' },
    source: '보조금 지급 공고 구비서류',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
  },
  {
    code: 'card_sales_statement',
    name: '카드매출 내역',
    nameEn: 'Card sales statement',
    issuer: '여신금융협회 (카드매출 조회 서비스) / 카드사·VAN사',
    obtainFrom: ['여신금융협회 카드매출 조회 (www.cardsales.or.kr)', 'POS·VAN사 출력'],
    publicMyData: false,
    mayShowRrn: false,
    validity: { kind: 'perNotice', defaultDays: 90, note: '공고가 정한 기간(예: 직전 연도 또는 최근 3개월)의 매출이어야 함.' },
    source: '카드수수료 지원·매출 감소 확인 공고 구비서류',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
  },
  // ── 공고 서식 ──
  {
    code: 'application_form',
    name: '신청서 (공고 서식)',
    nameEn: 'Application form (notice template)',
    issuer: '사업 수행기관 (공고 첨부 서식)',
    obtainFrom: ['공고문 첨부파일', '신청 누리집에서 온라인 작성'],
    publicMyData: false,
    mayShowRrn: false,
    validity: { kind: 'none', note: '해당 공고의 서식으로 작성해야 함 (지난해 서식 사용 주의).' },
    source: '각 공고문',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
  },
  {
    code: 'privacy_consent_form',
    name: '개인정보 수집·이용 및 제3자 제공 동의서',
    nameEn: 'Consent to collection, use and provision of personal data',
    issuer: '사업 수행기관 (공고 첨부 서식)',
    obtainFrom: ['공고문 첨부파일', '신청 누리집 온라인 동의'],
    publicMyData: false,
    mayShowRrn: false,
    validity: { kind: 'none', note: '해당 공고의 서식·문구 버전으로 받아야 함.' },
    source: '개인정보 보호법 제15조·제17조; 각 공고문',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
  },
  {
    code: 'business_plan',
    name: '사업계획서 (공고 서식)',
    nameEn: 'Business plan (notice template)',
    issuer: '신청인 작성 (공고 첨부 서식)',
    obtainFrom: ['공고문 첨부파일'],
    publicMyData: false,
    mayShowRrn: false,
    validity: { kind: 'none' },
    source: '창업·사업화 지원 공고',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
  },
  {
    code: 'quotation',
    name: '견적서 (시공·장비 구입)',
    nameEn: 'Quotation (works or equipment)',
    issuer: '시공·공급 업체',
    obtainFrom: ['업체에 요청'],
    publicMyData: false,
    mayShowRrn: false,
    validity: { kind: 'perNotice', defaultDays: 30, note: '견적서에 적힌 유효기간이 있으면 그 날짜. 공고가 정한 업체·형식 확인.' },
    source: '경영환경개선·스마트상점 공고 (시공·장비 지원)',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
  },
  {
    code: 'premises_photos',
    name: '사업장 사진 (시공 전·후)',
    nameEn: 'Photos of the premises (before / after works)',
    issuer: '신청인 촬영',
    obtainFrom: ['사업장 내·외부 촬영'],
    publicMyData: false,
    mayShowRrn: false,
    validity: { kind: 'none', note: '시공 전 사진은 공사 시작 전에 찍어 둡니다.' },
    source: '경영환경개선 공고 구비서류',
    reviewStatus: REVIEW_STATUS_UNCHECKED,
  },
] as const satisfies readonly DocumentType[];

export type DocumentTypeCode = (typeof DOCUMENT_TYPES)[number]['code'];

const BY_CODE: ReadonlyMap<string, DocumentType> = new Map(DOCUMENT_TYPES.map((t) => [t.code, t]));

export const DOCUMENT_TYPE_CODES: readonly DocumentTypeCode[] = DOCUMENT_TYPES.map((t) => t.code);

export function isDocumentTypeCode(code: string): code is DocumentTypeCode {
  return BY_CODE.has(code);
}

export function findDocumentType(code: string): DocumentType | undefined {
  return BY_CODE.get(code);
}

export function getDocumentType(code: string): DocumentType {
  const t = BY_CODE.get(code);
  if (!t) throw new RangeError(`unknown document type: ${code}`);
  return t;
}

/** Exactly the `document_type` table's columns (see `ProgramsRepository.upsertDocumentTypes`). */
export interface DocumentTypeRow {
  code: string;
  name: string;
  nameEn: string | null;
  issuer: string | null;
  validity: ValidityRule;
  source: string | null;
  reviewStatus: string;
}

/** Rows for seeding `document_type`; the extra fields (obtainFrom, …) stay in code for now. */
export function documentTypeRows(): DocumentTypeRow[] {
  return DOCUMENT_TYPES.map((t) => ({
    code: t.code,
    name: t.name,
    nameEn: t.nameEn,
    issuer: t.issuer,
    validity: t.validity,
    source: t.source,
    reviewStatus: t.reviewStatus,
  }));
}

/**
 * Notices name their papers in free text ("사업자등록증명원 1부", "국세 납세증명서(완납)"): find the
 * document types they mean, by name, ignoring spaces, brackets and 원/1부 suffixes. Names that match
 * no type stay text on the programme (shown as written).
 */
export function matchDocumentTypes(names: readonly string[]): string[] {
  const norm = (s: string) =>
    s
      .replace(/\([^)]*\)|\[[^\]]*\]/g, '')
      .replace(/\d+\s*부|사본|원본/g, '')
      .replace(/원$/, '')
      .replace(/[\s·ㆍ.,/-]/g, '');
  const out = new Set<string>();
  for (const raw of names) {
    const n = norm(raw);
    if (n.length < 3) continue;
    for (const t of DOCUMENT_TYPES) {
      const tn = norm(t.name);
      if (tn.length >= 3 && (n.includes(tn) || tn.includes(n))) out.add(t.code);
    }
  }
  return [...out];
}
