import { z } from 'zod';

/**
 * The contract between the catalogue (rules as data), the businesses table (facts) and the engine.
 * Rules are JSON validated by `RuleSchema` and stored with each programme version.
 *
 * Facts: `null`/`undefined` means UNKNOWN, never "no" or zero (docs/domain.md: "Unknown is not no").
 */

// ── Business facts ────────────────────────────────────────────────────────────────────────────
export const OperatingStatus = z.enum(['preparing', 'active', 'suspended', 'closed']); // 예비창업 / 계속 / 휴업 / 폐업 (국세청 b_stt_cd 01/02/03)
export const Gender = z.enum(['female', 'male']);
export const Premises = z.enum(['leased', 'owned']);
/** 개인사업자 / 법인 (사업자등록의 구분). */
export const LegalForm = z.enum(['individual', 'corporation']);
/**
 * Where the shop is: in a 전통시장, a 상점가 or a 골목형상점가 (전통시장 및 상점가 육성을 위한 특별법
 * 제2조 — 시장 등록·인정, 상점가 지정, 골목형상점가 지정 by the 시·군·구), or none of them.
 */
export const MarketLocation = z.enum(['traditional_market', 'shopping_street', 'alley_shopping_street', 'none']);

const IsoDateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

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
  // ── Added for issue 11 §5 (what real notices say). Appended: the order is the engine's fact-bit order. ──
  /** 개인사업자 / 법인. */
  legalForm: LegalForm.nullable().optional(),
  /** 전통시장·상점가·골목형상점가 안 (or 'none': known to be outside all of them). */
  marketLocation: MarketLocation.nullable().optional(),
  /** 폐업 예정: the owner has decided to close (희망리턴 "폐업 예정 소상공인"); false = known not to. */
  closurePlanned: z.boolean().nullable().optional(),
  /** 폐업 예정일 (YYYY-MM-DD), when `closurePlanned`. */
  plannedClosureOn: IsoDateString.nullable().optional(),
  /** 재창업: the owner closed a business before and runs (or prepares) this one after it (재도전 programmes). */
  restart: z.boolean().nullable().optional(),
  /** The year `annualRevenue` is for (e.g. 2025 for the 2025 부가세 과세표준). */
  annualRevenueYear: z.number().int().min(1900).max(2999).nullable().optional(),
  /** Revenue in KRW of the year before `annualRevenueYear` (전년 대비 매출 감소). */
  previousAnnualRevenue: z.number().nonnegative().nullable().optional(),
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
  // ── issue 11 §5 ──
  /** 개인사업자 / 법인: the business's legal form is one of `allowed`. */
  z.object({ type: z.literal('legalForm'), allowed: z.array(LegalForm).min(1), ...Meta }),
  /**
   * 개업일 on absolute dates, both ends inclusive: "2023.12.31 이전 개업" → { to: '2023-12-31' };
   * "2024.1.1 이후 개업" → { from: '2024-01-01' }; "2024.3.1 개업" → from = to. (In Korean legal usage
   * 이전·이후 include the day named; 전·후 without 이 exclude it — write the day before/after then.)
   */
  z.object({ type: z.literal('openedBetween'), from: IsoDateString.optional(), to: IsoDateString.optional(), ...Meta }),
  /** 폐업일 between `from` and `to` (inclusive) and on or before the reference date: "2024.1.1.~2025.12.31. 폐업자". */
  z.object({ type: z.literal('closedBetween'), from: IsoDateString.optional(), to: IsoDateString.optional(), ...Meta }),
  /**
   * "개업일부터 폐업일까지 60일 이상 영업": days from 개업일 to 폐업일 (초일 불산입: closedOn − openedOn in
   * days) ≥ minDays. Before closure, the 폐업 예정일 stands in for the 폐업일 ("폐업(예정)일").
   */
  z.object({ type: z.literal('operatingDays'), minDays: z.number().int().positive(), ...Meta }),
  /** 전통시장 / 상점가 / 골목형상점가 안에 있는 점포: the business's `marketLocation` is one of `allowed`. */
  z.object({ type: z.literal('marketLocation'), allowed: z.array(MarketLocation).min(1), ...Meta }),
  /**
   * 폐업 예정 소상공인: closure planned, and the 폐업 예정일 not yet passed on the reference date; with
   * `withinMonths`, the 폐업 예정일 within that many months of the reference date.
   */
  z.object({ type: z.literal('closurePlanned'), withinMonths: z.number().int().positive().optional(), ...Meta }),
  /** 재창업(예정)자: the owner closed a business before (재도전·재창업 programmes). 예비창업자 is `operatingStatus: ['preparing']`. */
  z.object({ type: z.literal('restart'), ...Meta }),
  /**
   * 전년 대비 매출 감소 minPercent% 이상: previousAnnualRevenue > 0, annualRevenue < previousAnnualRevenue
   * and annualRevenue × 100 ≤ previousAnnualRevenue × (100 − minPercent) (so 0 reads "감소한"). The
   * years compared are the business's (`annualRevenueYear` and the year before); a notice that names
   * other years says so in `note`, and the explanation shows both so the clerk can compare.
   */
  z.object({ type: z.literal('revenueDecline'), minPercent: z.number().min(0).max(100), ...Meta }),
]);
export type Criterion = z.infer<typeof CriterionSchema>;
export type CriterionType = Criterion['type'];

export type Rule = { all: Rule[] } | { any: Rule[] } | { not: Rule } | Criterion;

export const RuleSchema: z.ZodType<Rule> = z.lazy(() =>
  z.union([z.object({ all: z.array(RuleSchema) }).strict(), z.object({ any: z.array(RuleSchema) }).strict(), z.object({ not: RuleSchema }).strict(), CriterionSchema]),
);

// ── Verdicts ──────────────────────────────────────────────────────────────────────────────────
export type Verdict = 'eligible' | 'ineligible' | 'unknown';

// ── Evaluation results (added with the engine; additive only) ─────────────────────────────────
/** The Korean word shown for a verdict of one criterion. */
export type CriterionStatus = '충족' | '미충족' | '확인 필요';

/** One criterion of a verdict, in plain Korean. */
export interface CriterionExplanation {
  readonly kind: 'criterion';
  /** Position of the criterion in the rule, depth-first from 0 (stable for a programme version). */
  readonly index: number;
  readonly type: CriterionType;
  /**
   * The criterion as written in the rule (structured): lets a page render it in another language
   * (eligibility.describe-owner.ts) while `rule`/`value`/`text` stay the engine's Korean.
   */
  readonly criterion: Criterion;
  readonly verdict: Verdict;
  /** The rule in words: "업력 3년 이상". */
  readonly rule: string;
  /** The business's value: "업력 2년 7개월", or "개업일 정보 없음". */
  readonly value: string;
  readonly status: CriterionStatus;
  /** When not met: the value against the limit, "연매출 3.2억 원 > 기준 3억 원". */
  readonly gap?: string;
  /** When unknown: the facts to ask for. */
  readonly needs: readonly FactName[];
  readonly note?: string;
  readonly source?: string;
  /** Things the clerk should check by hand (e.g. an exclusion that only part of a KSIC class has). */
  readonly remarks?: readonly string[];
  /** The whole line: "업력 3년 이상 — 업력 2년 7개월: 미충족 (출처: 공고문 3쪽)". */
  readonly text: string;
}

export interface GroupExplanation {
  readonly kind: 'all' | 'any' | 'not';
  readonly verdict: Verdict;
  /** "다음을 모두 충족" / "다음 중 하나 이상 충족" / "다음에 해당하지 않음". */
  readonly heading: string;
  readonly text: string;
  readonly children: readonly Explanation[];
}

export type Explanation = CriterionExplanation | GroupExplanation;

export interface Evaluation {
  readonly verdict: Verdict;
  /** Facts that would decide an unknown verdict (empty unless the verdict is unknown). */
  readonly missing: readonly FactName[];
  /** One sentence: "신청 가능 — 조건 6개 모두 충족". Present with `explain`. */
  readonly summary?: string;
  /** Present with `explain`. */
  readonly explanation?: Explanation;
}

/** A programme the business misses by one (or few) criteria. */
export interface NearMiss {
  readonly programmeKey: string;
  readonly title: string;
  /** The criteria that would have to change. */
  readonly unmet: readonly { readonly index: number; readonly type: CriterionType; readonly rule: string; readonly gap: string }[];
  /** Unknown facts that would also have to turn out right. */
  readonly alsoNeeds: readonly FactName[];
  /** The verdict if the unmet criteria were met. */
  readonly verdictIfMet: 'eligible' | 'unknown';
  /** "1개 조건 미충족: 연매출 3.2억 원 > 기준 3억 원". */
  readonly text: string;
}

/** A verdict that changes by itself with time (업력, 만 나이, 수혜 제한 기간, 폐업 후 기간, 서류 유효기간). */
export interface TimeChange {
  readonly programmeKey: string;
  readonly title: string;
  /** First day of the new verdict. */
  readonly date: string;
  readonly verdictThen: Verdict;
  /** What happens on that date: "개업 3년이 되는 2027-03-02". */
  readonly triggers: readonly string[];
  /** Facts still needed then (when `verdictThen` is unknown). */
  readonly needs: readonly FactName[];
  /** "개업 3년이 되는 2027-03-02부터 신청 가능". */
  readonly text: string;
}

/** "Ask next": a missing fact and how many unknown verdicts it would settle. */
export interface AskNextItem {
  readonly fact: FactName;
  /** Korean label ('annualRevenue' → '연매출'). */
  readonly label: string;
  /** Unknown programmes for which this is the ONLY missing fact: knowing it decides them, whatever its value. */
  readonly decides: number;
  /** Unknown programmes that need this fact (together with others, possibly). */
  readonly involved: number;
  readonly programmeKeys: readonly string[];
}

export interface ProgrammeVerdict extends Evaluation {
  readonly programmeKey: string;
  readonly title: string;
}

export interface CatalogueEvaluation {
  readonly refDate: string;
  readonly results: readonly ProgrammeVerdict[];
  readonly counts: Readonly<Record<Verdict, number>>;
  readonly nearMisses: readonly NearMiss[];
  /** Programmes not open now that open by themselves later (earliest date each). */
  readonly openings: readonly TimeChange[];
  /** Programmes open now that close by themselves later (업력 상한, 나이 상한, 폐업 후 기간, 서류 만료). */
  readonly closings: readonly TimeChange[];
  /** Most useful facts to ask for first. */
  readonly askNext: readonly AskNextItem[];
}

/** What a rule change does to a set of businesses (the editor's impact preview). */
export interface VerdictDiff {
  readonly refDate: string;
  readonly total: number;
  /** Businesses eligible under the new rule and not under the old one. */
  readonly gained: readonly { readonly id: string; readonly from: Verdict; readonly to: Verdict }[];
  /** Businesses eligible under the old rule and not under the new one. */
  readonly lost: readonly { readonly id: string; readonly from: Verdict; readonly to: Verdict }[];
  /** Every other change (ineligible ↔ unknown). */
  readonly otherChanges: readonly { readonly id: string; readonly from: Verdict; readonly to: Verdict }[];
  /** Count of businesses per "old→new" verdict pair, e.g. counts['unknown→eligible']. */
  readonly counts: Readonly<Record<`${Verdict}→${Verdict}`, number>>;
}
