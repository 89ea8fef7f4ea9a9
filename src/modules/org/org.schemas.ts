import { z } from 'zod';

/** Checkbox lists arrive as one string or an array of strings. */
const codes = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().regex(/^\d{5}$/, 'org.municipalityInvalid')).max(31));

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'validation.tooLong')
    .optional()
    .transform((v) => (v ? v : null));

export const RegionInput = z.object({
  name: z.string().trim().min(1, 'validation.required').max(40, 'validation.tooLong'),
  hub: z.string().trim().min(1, 'validation.required').max(20, 'validation.tooLong'),
  municipalities: codes,
  version: z.coerce.number().int().positive(),
});
export type RegionInput = z.infer<typeof RegionInput>;

export const OfficeInput = z.object({
  name: z.string().trim().min(1, 'validation.required').max(60, 'validation.tooLong'),
  regionId: z.coerce.number({ message: 'org.regionRequired' }).int().positive('org.regionRequired'),
  address: optional(200),
  phone: optional(20),
  municipalities: codes,
  active: z
    .union([z.literal('on'), z.literal('true'), z.literal('false'), z.literal(''), z.boolean()])
    .optional()
    .transform((v) => v === 'on' || v === 'true' || v === true),
  version: z.coerce.number().int().min(0).default(0),
});
export type OfficeInput = z.infer<typeof OfficeInput>;
