import { z } from 'zod';

/**
 * The contract between the catalogue (rules as data), the businesses table (facts) and the engine.
 * Rules are JSON validated by `RuleSchema` and stored with each programme version.
 *
 * Facts: `null`/`undefined` means UNKNOWN, never "no" or zero (DOMAIN.md: "Unknown is not no").
 */

// ── Business facts ────────────────────────────────────────────────────────────────────────────
export const OperatingStatus = z.enum(['preparing', 'active', 'suspended', 'closed']); // 예비창업 / 계속 / 휴업 / 폐업 (국세청 b_stt_cd 01/02/03)
export const Gender = z.enum(['female', 'male']);
export const Premises = z.enum(['leased', 'owned']);

export const PriorReceipt = z.object({
  /** `programme.key` of the programme received (e.g. 'gg-env-improvement'). */
  programmeKey: z.string(),
  /** Category of that programme (금융·기술·인력·수출·내수·창업·경영·기타 as codes 01…09). */
  category: z.string(),
  /** Date the benefit was received (participation status `benefited`). */
  receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

export const HeldDocument = z.object({
  /** `document_type.code`, e.g. 'local_tax_certificate'. */
  type: z.string(),
  issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Computed from the document type's validity rule when the document was recorded. */
  validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
});

export const BusinessFactsSchema = z.object({
  /** 시·도 code (2 digits, 경기 = '41'). */
  sidoCode: z.string().regex(/^\d{2}$/).nullable().optional(),
  /** 시·군 행정표준코드 (5 digits). */
  municipalityCode: z.string().regex(/^\d{5}$/).nullable().optional(),
  /** 개업일 (YYYY-MM-DD). Business age is computed on the reference date. */
  openedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
  /** 폐업일, for 희망리턴-type programmes. */
  closedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
  /** Annual revenue in KRW (부가세 과세표준 / 수입금액 of the latest closed year). */
  annualRevenue: z.number().nonnegative().nullable().optional(),
  /** 상시근로자: monthly average of the previous year. */
  workers: z.number().nonnegative().nullable().optional(),
  /** KSIC 10th revision code, 1 letter section or 2–5 digits (most specific known). */
  ksicCode: z.string().regex(/^(\d{2,5}|[A-U])$/).nullable().optional(),
  ownerBirthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
  ownerGender: Gender.nullable().optional(),
  ownerDisabled: z.boolean().nullable().optional(),
  /** 국가보훈대상자 */
  ownerVeteran: z.boolean().nullable().optional(),
  nationalTaxArrears: z.boolean().nullable().optional(),
  localTaxArrears: z.boolean().nullable().optional(),
  /** 체납처분 유예 / 분납 승인 in force. */
  taxArrearsDeferred: z.boolean().nullable().optional(),
  creditDelinquent: z.boolean().nullable().optional(),
  operatingStatus: OperatingStatus.nullable().optional(),
  premises: Premises.nullable().optional(),
  /** 통신판매업 신고 */
  mailOrderRegistered: z.boolean().nullable().optional(),
  /** From Itda's own participation records; null = not known (records not kept for this business). */
  priorReceipts: z.array(PriorReceipt).nullable().optional(),
  /** Documents on file; null = not known. */
  documents: z.array(HeldDocument).nullable().optional(),
});
export type BusinessFacts = z.infer<typeof BusinessFactsSchema>;
export type FactName = keyof BusinessFacts;

// ── Rules ─────────────────────────────────────────────────────────────────────────────────────
/** Common to every criterion: where it comes from in the notice. */
const Meta = {
  /** Plain-Korean wording from the notice, shown next to the generated explanation. */
  note: z.string().max(500).optional(),
  /** Where the condition is written (URL or "공고문 3쪽"). */
  source: z.string().max(500).optional(),
};

export const CriterionSchema = z.discriminatedUnion('type', [
  /** 소재지: 시·도 codes and/or 시·군 codes (either list matching is enough). */
  z.object({ type: z.literal('region'), sido: z.array(z.string().regex(/^\d{2}$/)).optional(), municipalities: z.array(z.string().regex(/^\d{5}$/)).optional(), ...Meta }),
  /** 업력 in whole months on the reference date: minMonths ≤ age (< maxMonths when given). */
  z.object({ type: z.literal('businessAge'), minMonths: z.number().int().nonnegative().optional(), maxMonths: z.number().int().positive().optional(), ...Meta }),
  /** 연매출 (KRW): min ≤ revenue ≤ max. */
  z.object({ type: z.literal('revenue'), min: z.number().nonnegative().optional(), max: z.number().nonnegative().optional(), ...Meta }),
  /** 상시근로자: min ≤ workers < maxExclusive (notices say "5인 미만"). */
  z.object({ type: z.literal('workers'), min: z.number().nonnegative().optional(), maxExclusive: z.number().positive().optional(), ...Meta }),
  /** 소상공인 (소상공인기본법 제2조, 시행령 제2조): workers < 5 (< 10 in 광업·제조업·건설업·운수업) and within the 소기업 revenue cap of the industry. */
  z.object({ type: z.literal('smallBusiness'), ...Meta }),
  /** KSIC by code prefix: must match an include prefix (if any) and no exclude prefix / named exclusion set. */
  z.object({
    type: z.literal('ksic'),
    include: z.array(z.string().regex(/^(\d{1,5}|[A-U])$/)).optional(),
    exclude: z.array(z.string().regex(/^(\d{1,5}|[A-U])$/)).optional(),
    excludeSets: z.array(z.string()).optional(),
    ...Meta,
  }),
  /** 대표자 만 나이 on the reference date: min ≤ age ≤ max. */
  z.object({ type: z.literal('ownerAge'), min: z.number().int().nonnegative().optional(), max: z.number().int().positive().optional(), ...Meta }),
  z.object({ type: z.literal('ownerGender'), gender: Gender, ...Meta }),
  z.object({ type: z.literal('ownerDisabled'), ...Meta }),
  z.object({ type: z.literal('ownerVeteran'), ...Meta }),
  /** 국세/지방세 체납 없음; with allowDeferral, arrears under an approved deferral pass. */
  z.object({ type: z.literal('noTaxArrears'), kinds: z.array(z.enum(['national', 'local'])).min(1), allowDeferral: z.boolean().default(false), ...Meta }),
  /** 금융기관 연체·신용불량 없음. */
  z.object({ type: z.literal('noCreditDelinquency'), ...Meta }),
  z.object({ type: z.literal('operatingStatus'), allowed: z.array(OperatingStatus).min(1), ...Meta }),
  z.object({ type: z.literal('premises'), allowed: z.array(Premises).min(1), ...Meta }),
  z.object({ type: z.literal('mailOrderRegistered'), ...Meta }),
  /** No receipt of the listed programmes / categories within `years` before the reference date. */
  z.object({
    type: z.literal('noPriorReceipt'),
    programmeKeys: z.array(z.string()).optional(),
    categories: z.array(z.string()).optional(),
    years: z.number().int().positive(),
    ...Meta,
  }),
  /** A document of this type held and still valid on the reference date. */
  z.object({ type: z.literal('documentValid'), documentType: z.string(), ...Meta }),
  /** Closed (폐업) within the last N months — 희망리턴패키지. */
  z.object({ type: z.literal('closedWithin'), months: z.number().int().positive(), ...Meta }),
]);
export type Criterion = z.infer<typeof CriterionSchema>;
export type CriterionType = Criterion['type'];

export type Rule = { all: Rule[] } | { any: Rule[] } | { not: Rule } | Criterion;

export const RuleSchema: z.ZodType<Rule> = z.lazy(() =>
  z.union([z.object({ all: z.array(RuleSchema) }).strict(), z.object({ any: z.array(RuleSchema) }).strict(), z.object({ not: RuleSchema }).strict(), CriterionSchema]),
);

// ── Verdicts ──────────────────────────────────────────────────────────────────────────────────
export type Verdict = 'eligible' | 'ineligible' | 'unknown';
