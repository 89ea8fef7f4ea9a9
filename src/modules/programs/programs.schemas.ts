import { z } from 'zod';
import { parseRegionText } from '../../domain/catalog/catalog.region.ts';

const optionalCode = (re: RegExp) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.string().regex(re, 'validation.invalid').optional());

/** Catalogue search and filters (query string). */
export const CatalogueQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100, 'validation.tooLong')
    .optional()
    .transform((v) => v || undefined),
  category: optionalCode(/^(0[1-7]|09)$/),
  agency: z
    .string()
    .trim()
    .max(60)
    .optional()
    .transform((v) => v || undefined),
  region: optionalCode(/^(\d{2}|\d{5})$/),
  open: z
    .enum(['', 'on'])
    .optional()
    .transform((v) => v === 'on'),
  closingWithin: z
    .union([z.literal(''), z.coerce.number().int().min(0).max(365)])
    .optional()
    .transform((v) => (v === '' || v === undefined ? undefined : v)),
  sort: z.enum(['deadline', 'title', 'recent']).optional().default('deadline'),
  page: z.coerce.number().int().min(1).max(1000).optional().default(1),
});
export type CatalogueQuery = z.infer<typeof CatalogueQuery>;

/** The editor's rule change: JSON of the rule (validated by RuleSchema in the service) and why. */
export const RuleDraftInput = z.object({
  rule: z.string().min(2, 'programmes.ruleRequired').max(50_000, 'validation.tooLong'),
  reason: z.string().trim().min(2, 'programmes.reasonRequired').max(500, 'validation.tooLong'),
  reviewStatus: z.enum(['확인 필요', '확인됨']).default('확인 필요'),
  /** Issue 11 §2: only a rule saved as reviewed (and then published) gives verdicts. */
  ruleReview: z.enum(['drafted', 'reviewed']).default('drafted'),
  /** '전국', or 시·도 / 경기 시·군 by name or code, separated by commas; empty keeps the current region. */
  region: z
    .string()
    .trim()
    .max(500, 'validation.tooLong')
    .optional()
    .refine((v) => !v || !('unknown' in parseRegionText(v)), 'review.regionUnknown')
    .transform((v) => v || undefined),
  baseVersionId: z.coerce.number().int().positive(),
});

/** The region text of the rule forms → the version's region columns (validated by `RuleDraftInput`). */
export function regionFromText(text: string): { nationwide: boolean; sido: string[]; municipalities: string[] } {
  const r = parseRegionText(text);
  if ('unknown' in r) throw new Error(`region not validated: ${r.unknown.join(', ')}`);
  return r;
}

export const PublishInput = z.object({
  draftId: z.coerce.number().int().positive(),
});

export const ImportInput = z.object({
  source: z.enum(['bizinfo', 'kstartup', 'gov24'], { message: 'programmes.importSourceRequired' }),
  url: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.url({ protocol: /^https?$/, message: 'programmes.importUrlInvalid' }).optional()),
});
