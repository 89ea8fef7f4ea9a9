import { z } from 'zod';
import { RuleSchema } from '../eligibility/eligibility.types.ts';

/**
 * The normalized form of one programme notice (지원사업 공고) as the three public sources give it,
 * before the catalogue stores it as a `programme_version`. Produced by the pure parsers in this
 * folder (`parseBizinfo`, `parseKstartup`, `parseGov24`); no I/O here.
 *
 * Absent information is `undefined` (left out), never an empty string pretending to be an answer.
 */

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** 지원사업 공고 출처 (docs/domain.md "Names in code"). */
export const ProgrammeSourceSchema = z.enum(['bizinfo', 'kstartup', 'gov24', 'manual']);
export type ProgrammeSource = z.infer<typeof ProgrammeSourceSchema>;

/**
 * 기업마당 지원분야 대분류 (pldirSportRealmLclasCodeNm) codes: 01 금융 02 기술 03 인력 04 수출 05 내수
 * 06 창업 07 경영 09 기타 (there is no 08).
 */
export const CategoryCodeSchema = z.enum(['01', '02', '03', '04', '05', '06', '07', '09']);
export type CategoryCode = z.infer<typeof CategoryCodeSchema>;

export const CATEGORY_LABELS: Readonly<Record<CategoryCode, string>> = {
  '01': '금융',
  '02': '기술',
  '03': '인력',
  '04': '수출',
  '05': '내수',
  '06': '창업',
  '07': '경영',
  '09': '기타',
};

/**
 * 신청기간. `raw` is always the source's own text (shown to people next to the parsed dates).
 * - range: dated (either end may be missing: "~ 2026-05-15" has only an end)
 * - always: 상시 (start may be given: "2026-01-02 ~ 상시")
 * - untilBudget: 예산 소진시까지 (start may be given)
 * - varies: 사업별 상이, or several rounds (start/end then span the first to the last round)
 * - unknown: nothing dated or recognisable ("추후 공지", "-", empty)
 */
export const PeriodKindSchema = z.enum(['range', 'always', 'untilBudget', 'varies', 'unknown']);
export type PeriodKind = z.infer<typeof PeriodKindSchema>;

export const ApplicationPeriodSchema = z
  .object({
    kind: PeriodKindSchema,
    start: IsoDate.optional(),
    end: IsoDate.optional(),
    raw: z.string(),
  })
  .refine((p) => !p.start || !p.end || p.start <= p.end, { message: '신청 종료일이 시작일보다 빠릅니다' });
export type ApplicationPeriod = z.infer<typeof ApplicationPeriodSchema>;

/**
 * 지원 지역. `nationwide` = 전국; otherwise the 시·도 codes (2 digits, current codes: 강원 51, 전북 52)
 * and 시·군 행정표준코드 (5 digits). All empty and not nationwide = the source said nothing (unknown).
 * A 시·군 code narrows its 시·도: "경기, 수원" gives municipalities ['41110'] and no '41' in `sido`.
 */
export const RegionScopeSchema = z.object({
  nationwide: z.boolean(),
  sido: z.array(z.string().regex(/^\d{2}$/)),
  municipalities: z.array(z.string().regex(/^\d{5}$/)),
});
export type RegionScope = z.infer<typeof RegionScopeSchema>;

/**
 * 지원 형태:
 * grant = cash paid to the business (지원금·보조금·장려금); subsidy = part of a cost paid or waived
 * (비용 일부 지원, 이자 지원, 감면, 바우처); loan = 융자·대출; guarantee = 보증; service = in kind
 * (컨설팅·교육·멘토링·판로·공간); other = none of these. `maxAmount` in KRW when the notice states one.
 */
export const BenefitTypeSchema = z.enum(['grant', 'loan', 'guarantee', 'subsidy', 'service', 'other']);
export type BenefitType = z.infer<typeof BenefitTypeSchema>;

export const BenefitSchema = z.object({
  type: BenefitTypeSchema.optional(),
  maxAmount: z.number().int().positive().optional(),
});
export type Benefit = z.infer<typeof BenefitSchema>;

const HttpUrl = z.string().regex(/^https?:\/\/\S+$/i);

export const AttachmentSchema = z.object({ url: HttpUrl, name: z.string().min(1) });
export type Attachment = z.infer<typeof AttachmentSchema>;

export const ProgrammeDraftSchema = z.object({
  source: ProgrammeSourceSchema,
  /** The source's key: bizinfo pblancId, K-Startup pbanc_sn, 보조금24 서비스ID. */
  sourceId: z.string().min(1),
  title: z.string().min(1),
  agencies: z.object({
    /** 소관 기관 (bizinfo jrsdInsttNm, 보조금24 소관기관명). */
    ministry: z.string().optional(),
    /** 수행 기관 (bizinfo excInsttNm, K-Startup pbanc_ntrp_nm, 보조금24 접수기관). */
    executingAgency: z.string().optional(),
  }),
  category: z.object({ code: CategoryCodeSchema, label: z.string() }),
  /** The source's finer field, kept as text (bizinfo 중분류, K-Startup supt_biz_clsfc, 보조금24 서비스분야). */
  subcategory: z.string().optional(),
  /** Plain text (HTML stripped), line breaks kept. */
  summary: z.string().optional(),
  /** 지원대상 as written. */
  target: z.string().optional(),
  /** 지원 제외 대상 as written (K-Startup aply_excl_trgt_ctnt). */
  exclusions: z.string().optional(),
  /** 선정기준 as written (보조금24). */
  selectionCriteria: z.string().optional(),
  /** 지원내용 as written (보조금24). */
  supportContent: z.string().optional(),
  period: ApplicationPeriodSchema,
  howToApply: z.string().optional(),
  detailUrl: HttpUrl.optional(),
  applicationUrl: HttpUrl.optional(),
  contact: z.string().optional(),
  regions: RegionScopeSchema,
  benefit: BenefitSchema,
  /** Document names as the notice writes them; the catalogue maps them to `document_type` later. */
  requiredDocuments: z.array(z.string().min(1)),
  attachments: z.array(AttachmentSchema),
  /** The source's own "recruiting now" flag where it has one (K-Startup rcrt_prgs_yn). */
  recruiting: z.boolean().optional(),
  /** Source's last change, ISO 8601 with the KST offset (the sources write Korean local time). */
  sourceUpdatedAt: z.string().optional(),
  /** Criteria the source states in a structured way (K-Startup bands, 보조금24 지원조건 flags). */
  rule: RuleSchema.optional(),
  /** What the parser noticed and could not use (dropped URLs, ambiguous bands…), for the editor. */
  notes: z.array(z.string()),
  /** The original record(s), untouched, for audit. */
  raw: z.unknown(),
});
export type ProgrammeDraft = z.infer<typeof ProgrammeDraftSchema>;

export interface ImportedRecord {
  /** 1-based position in the source list. */
  line: number;
  draft: ProgrammeDraft;
}

export interface ImportProblem {
  /** 1-based position in the source list. */
  line: number;
  sourceId?: string;
  /** Korean, for the editor. */
  reason: string;
  /** Which file of a several-file import the line refers to (보조금24: 'serviceDetail', 'supportConditions'). */
  part?: string;
}

export interface ImportBatch {
  source: ProgrammeSource;
  records: ImportedRecord[];
  /** Records that could not be read (missing id, bad date, wrong type…). */
  rejected: ImportProblem[];
  /** Well-formed records that are deliberately not imported (e.g. 보조금24 services for 개인 only). */
  skipped: ImportProblem[];
  /** Number of items in the source list. records + rejected + skipped = total. */
  total: number;
}

/**
 * The whole payload is unusable (not the expected JSON shape, or the API answered with an error
 * such as bizinfo's `reqErr`). One bad record never throws: it is rejected and the rest goes on.
 */
export class ImportSourceError extends Error {
  constructor(
    readonly source: ProgrammeSource,
    message: string,
    /** The source's own error text, when it sent one. */
    readonly sourceMessage?: string,
  ) {
    super(message);
    this.name = 'ImportSourceError';
  }
}
