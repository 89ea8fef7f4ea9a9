import { z } from 'zod';
import { AGE_BAND_KEYS, REVENUE_BAND_KEYS, type AgeBand, type RevenueBand, type SelfCheckAnswers } from '../../domain/eligibility/self-check.ts';

/** An empty answer or "모름" (`unknown`) is null: never "no" or zero. */
const blank = (v: unknown) => (v === '' || v === undefined || v === 'unknown' ? null : v);
const yesNo = z
  .preprocess((v) => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : blank(v)), z.enum(['yes', 'no'], { message: 'check.invalidChoice' }).nullable())
  .transform((v) => (v === null ? null : v === 'yes'));

/**
 * The self-check's answers (issue 13 §1), as the /check pages send them (query strings) and as
 * partner sites send them to POST /api/v1/eligibility/check (JSON): plain answers, ranges where
 * people know a range, and nothing that identifies a person (no name, no birth date).
 */
export const CheckAnswersInput = z.object({
  municipalityCode: z.preprocess(blank, z.string().regex(/^41\d{3}$/, 'check.municipalityInvalid').nullable()).default(null),
  ksicCode: z.preprocess(blank, z.string().trim().regex(/^(\d{2,5}|[A-U])$/, 'check.ksicInvalid').nullable()).default(null),
  openedMonth: z
    .preprocess(
      (v) => (typeof v === 'string' ? blank(v.trim().replace(/[./]/g, '-').replace(/^(\d{4})-(\d)$/, '$1-0$2')) : blank(v)),
      z
        .string()
        .regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, 'check.openedInvalid')
        .nullable(),
    )
    .default(null),
  revenueBand: z
    .preprocess(blank, z.enum(REVENUE_BAND_KEYS as [RevenueBand, ...RevenueBand[]], { message: 'check.invalidChoice' }).nullable())
    .default(null),
  annualRevenue: z
    .preprocess(
      (v) => (typeof v === 'string' ? blank(v.replace(/[,\s원]/g, '')) : blank(v)),
      z.coerce.number({ message: 'check.numberInvalid' }).int('check.numberInvalid').nonnegative('check.numberInvalid').max(1e13, 'check.numberInvalid').nullable(),
    )
    .default(null),
  workers: z
    .preprocess(
      (v) => (typeof v === 'string' ? blank(v.replace(/[,\s명]/g, '')) : blank(v)),
      z.coerce.number({ message: 'check.numberInvalid' }).int('check.numberInvalid').nonnegative('check.numberInvalid').max(100_000, 'check.numberInvalid').nullable(),
    )
    .default(null),
  legalForm: z.preprocess(blank, z.enum(['individual', 'corporation'], { message: 'check.invalidChoice' }).nullable()).default(null),
  ageBand: z.preprocess(blank, z.enum(AGE_BAND_KEYS as [AgeBand, ...AgeBand[]], { message: 'check.invalidChoice' }).nullable()).default(null),
  ownerGender: z.preprocess(blank, z.enum(['female', 'male'], { message: 'check.invalidChoice' }).nullable()).default(null),
  ownerDisabled: yesNo.default(null),
  ownerVeteran: yesNo.default(null),
}) satisfies z.ZodType<SelfCheckAnswers, unknown>;
export type CheckAnswersInput = z.infer<typeof CheckAnswersInput>;

/** The names the /check pages carry from screen to screen in the query string. */
export const CHECK_FIELDS = [
  'municipalityCode',
  'ksicCode',
  'openedMonth',
  'revenueBand',
  'workers',
  'legalForm',
  'ageBand',
  'ownerGender',
  'ownerDisabled',
  'ownerVeteran',
] as const;
