import { z } from 'zod';

/** Empty form fields mean "unknown" (never "no" or zero). */
const blank = (v: unknown) => (v === '' || v === undefined ? null : v);
const date = z.preprocess(blank, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'eligibility.dateFormat').nullable());
const money = z.preprocess(
  (v) => (typeof v === 'string' ? blank(v.replace(/[,\s원]/g, '')) : blank(v)),
  z.coerce.number({ message: 'eligibility.numberFormat' }).int('eligibility.numberFormat').nonnegative('eligibility.numberFormat').max(1e13).nullable(),
);
const count = z.preprocess(blank, z.coerce.number({ message: 'eligibility.numberFormat' }).nonnegative('eligibility.numberFormat').max(100_000).nullable());
const yesNo = z.preprocess(blank, z.enum(['yes', 'no']).nullable()).transform((v) => (v === null ? null : v === 'yes'));

/** The quick eligibility check: facts typed by a clerk, nothing stored. */
export const FactsInput = z.object({
  municipalityCode: z.preprocess(blank, z.string().regex(/^\d{5}$/, 'eligibility.municipalityInvalid').nullable()),
  openedOn: date,
  closedOn: date,
  annualRevenue: money,
  workers: count,
  ksicCode: z.preprocess(blank, z.string().trim().regex(/^(\d{2,5}|[A-U])$/, 'eligibility.ksicFormat').nullable()),
  ownerBirthDate: date,
  ownerGender: z.preprocess(blank, z.enum(['female', 'male']).nullable()),
  ownerDisabled: yesNo,
  ownerVeteran: yesNo,
  nationalTaxArrears: yesNo,
  localTaxArrears: yesNo,
  taxArrearsDeferred: yesNo,
  creditDelinquent: yesNo,
  operatingStatus: z.preprocess(blank, z.enum(['preparing', 'active', 'suspended', 'closed']).nullable()),
  premises: z.preprocess(blank, z.enum(['leased', 'owned']).nullable()),
  mailOrderRegistered: yesNo,
  refDate: date,
});
export type FactsInput = z.infer<typeof FactsInput>;
