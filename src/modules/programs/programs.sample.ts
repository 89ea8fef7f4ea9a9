/**
 * The shape of the SAMPLE programme catalogue (예시 지원사업 목록) — NOT AUTHORITATIVE.
 *
 * The data itself is a data file of the demo, `src/modules/demo/demo.programmes.json`, loaded and
 * validated with `SampleCatalogueSchema` by `src/modules/demo/demo.programmes.ts`.
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
 * - `requiredDocuments` are `document_type` codes (src/domain/documents/document-types.ts);
 * - `targetText` is the notice's 지원대상 in its words (`targetTextOrigin: 'notice'`); an entry invented
 *   for the demo (the 시·군 composites) says so: `targetTextOrigin: 'example'` and the text starts with
 *   `(예시)`, so the label survives wherever the text goes (the catalogue, a rule draft made from it).
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
import { RuleSchema, type Rule } from '../../domain/eligibility/eligibility.types.ts';

export const SAMPLE_LABEL = '예시 데이터 — 공고 원문을 확인하세요 (금액·조건·기간은 해마다 바뀝니다)';

/** Where a `targetText` comes from: the public notice's words, or written for the demo (예시). */
export type SampleTextOrigin = 'notice' | 'example';
export const EXAMPLE_TEXT_PREFIX = '(예시) ';

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
  /** 지원대상 as the notice words it; starts with `(예시)` when written for the demo. */
  targetText: string;
  targetTextOrigin: SampleTextOrigin;
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
    targetTextOrigin: z.enum(['notice', 'example']),
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
  .strict()
  .refine(
    (p) => (p.targetTextOrigin === 'example') === p.targetText.startsWith(EXAMPLE_TEXT_PREFIX),
    'targetText starts with "(예시) " exactly when targetTextOrigin is "example"',
  );

/** The data file as a whole: labelled, described, and at least one programme. */
export const SampleCatalogueSchema = z
  .object({
    label: z.literal(SAMPLE_LABEL),
    about: z.string().min(1),
    programmes: z.array(SampleProgrammeSchema).min(1),
  })
  .strict();

/**
 * Validates a sample catalogue document and returns its programmes, frozen. Throws naming the entry and
 * the field, so a wrong edit of the data file fails at start-up and in the tests, never half-loaded.
 */
export function parseSampleCatalogue(json: unknown): readonly SampleProgramme[] {
  const r = SampleCatalogueSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const [, index] = issue.path;
    const programmes = (json as { programmes?: { key?: unknown }[] } | null)?.programmes;
    const key = typeof index === 'number' ? programmes?.[index]?.key : undefined;
    throw new Error(`sample catalogue${typeof key === 'string' ? ` (${key})` : ''}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const keys = new Set<string>();
  for (const p of r.data.programmes) {
    if (keys.has(p.key)) throw new Error(`sample catalogue: key ${p.key} appears twice`);
    keys.add(p.key);
  }
  return Object.freeze(r.data.programmes.map((p) => Object.freeze<SampleProgramme>(p)));
}

// ── Names the data refers to ───────────────────────────────────────────────────────────────
/** The engine's named KSIC exclusion set (유흥·도박·부동산 임대·금융 등): the agreed name. */
export const SBIZ_STANDARD_EXCLUSIONS = 'sbiz-standard-exclusions';
