import { z } from 'zod';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'validation.tooLong')
    .optional()
    .transform((v) => v || undefined);

const optionalInt = (min: number, max: number) =>
  z
    .union([z.literal(''), z.coerce.number().int().min(min).max(max)])
    .optional()
    .transform((v) => (v === '' || v === undefined ? undefined : v));

/** The outreach filter (query string, and the hidden fields of the visit-list form). */
export const OutreachQuery = z.object({
  /** Programme keys picked (none: every open programme matching 분야 and closing-within). */
  programme: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean)))
    .pipe(z.array(z.string().max(120)).max(50)),
  category: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.string().regex(/^(0[1-7]|09)$/, 'validation.invalid').optional()),
  closingWithin: optionalInt(0, 365),
  /** Shops with a visit outcome within this many days are left out (0: none left out). */
  visitedWithin: z
    .union([z.literal(''), z.coerce.number().int().min(0).max(365)])
    .optional()
    .transform((v) => (v === '' || v === undefined ? 30 : v)),
  municipality: optionalText(5).pipe(z.string().regex(/^\d{5}$/, 'validation.invalid').optional()),
  dong: optionalText(60),
});
export type OutreachQuery = z.infer<typeof OutreachQuery>;

/** A day's visit list made from the outreach result. */
export const VisitListInput = OutreachQuery.extend({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'outreach.visit.dayInvalid'),
  size: z.coerce.number().int().min(1, 'outreach.visit.sizeInvalid').max(40, 'outreach.visit.sizeInvalid'),
});
export type VisitListInput = z.infer<typeof VisitListInput>;

export const VisitOutcomeInput = z.object({
  outcome: z.enum(['not_found', 'declined', 'interested', 'helped'], { message: 'outreach.visit.outcomeRequired' }),
});
