import { z } from 'zod';
import { ksicFromTyped } from '../../domain/eligibility/industry-words.ts';
import { isValidBrn, normalizeBrn } from '../../domain/identifiers.ts';
import { noRrn } from '../../validation.ts';

/** Empty = unknown (null), never "no" or zero. */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '') || v === undefined ? null : v;
const text = (max: number) =>
  z.preprocess(
    blank,
    z
      .string()
      .trim()
      .max(max, 'validation.tooLong')
      .refine(...noRrn)
      .nullable(),
  );
const date = z.preprocess(blank, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'eligibility.dateFormat').nullable());
const yesNo = z.preprocess(blank, z.enum(['yes', 'no']).nullable()).transform((v) => (v === null ? null : v === 'yes'));
const money = z.preprocess(
  (v) => (typeof v === 'string' ? blank(v.replace(/[,\s원]/g, '')) : blank(v)),
  z.coerce.number({ message: 'eligibility.numberFormat' }).int('eligibility.numberFormat').nonnegative('eligibility.numberFormat').max(1e13).nullable(),
);
const count = z.preprocess(blank, z.coerce.number({ message: 'eligibility.numberFormat' }).nonnegative('eligibility.numberFormat').max(100_000).nullable());

export const BusinessInput = z.object({
  brn: z
    .string()
    .trim()
    .min(1, 'businesses.brnRequired')
    .refine(...noRrn)
    .refine((v) => isValidBrn(v), 'businesses.brnInvalid')
    .transform(normalizeBrn),
  name: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong').refine(...noRrn),
  ownerName: text(50),
  phone: z.preprocess(blank, z.string().trim().regex(/^0\d{1,2}-?\d{3,4}-?\d{4}$/, 'validation.phone').nullable()),
  municipalityCode: z.string().regex(/^\d{5}$/, 'businesses.municipalityRequired'),
  eupMyeonDong: text(40),
  address: text(200),
  openedOn: date,
  // A code, a suggestion picked from the list or an everyday word ("치킨집" → 56193): issue 13 §1.
  ksicCode: z.preprocess(
    (v) => blank(typeof v === 'string' ? ksicFromTyped(v) : v),
    z.string().trim().regex(/^(\d{2,5}|[A-U])$/, 'check.industryUnknown').nullable(),
  ),
  ntsIndustryCode: z.preprocess(blank, z.string().trim().regex(/^\d{6}$/, 'businesses.ntsCodeFormat').nullable()),
  annualRevenue: money,
  workers: count,
  ownerBirthDate: date,
  ownerGender: z.preprocess(blank, z.enum(['female', 'male']).nullable()),
  ownerDisabled: yesNo,
  ownerVeteran: yesNo,
  nationalTaxArrears: yesNo,
  localTaxArrears: yesNo,
  taxArrearsDeferred: yesNo,
  creditDelinquent: yesNo,
  operatingStatus: z.preprocess(blank, z.enum(['preparing', 'active', 'suspended', 'closed']).nullable()),
  closedOn: date,
  premises: z.preprocess(blank, z.enum(['leased', 'owned']).nullable()),
  mailOrderRegistered: yesNo,
  // Facts real notices ask about (issue 11 §5).
  legalForm: z.preprocess(blank, z.enum(['individual', 'corporation']).nullable()),
  marketLocation: z.preprocess(blank, z.enum(['traditional_market', 'shopping_street', 'alley_shopping_street', 'none']).nullable()),
  closurePlanned: yesNo,
  plannedClosureOn: date,
  restart: yesNo,
  annualRevenueYear: z.preprocess(blank, z.coerce.number({ message: 'businesses.yearFormat' }).int('businesses.yearFormat').min(1900, 'businesses.yearFormat').max(2999, 'businesses.yearFormat').nullable()),
  previousAnnualRevenue: money,
  itLiteracy: z.preprocess(blank, z.enum(['low', 'medium', 'high']).nullable()),
  preferredChannel: z.preprocess(blank, z.enum(['visit', 'phone', 'sms']).nullable()),
  /** 개인정보 수집·이용 동의 (§15) — how it was given, or empty if not given. */
  consentCollection: z.preprocess(blank, z.enum(['written', 'verbal', 'electronic']).nullable()),
  /** 제3자 제공 동의 (§17) to programme agencies. */
  consentThirdParty: z.preprocess(blank, z.enum(['written', 'verbal', 'electronic']).nullable()),
  version: z.preprocess(blank, z.coerce.number().int().positive().nullable()).optional(),
  /** The 상가(상권)정보 shop the intake was opened from (issue 12 §1); kept as the link. */
  storeId: z.preprocess(blank, z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).nullable()).optional(),
});
export type BusinessInput = z.infer<typeof BusinessInput>;

export const ActivityInput = z.object({
  kind: z.enum(['visit', 'call', 'office', 'sms'], { message: 'activities.kindRequired' }),
  occurredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'eligibility.dateFormat'),
  minutes: z.preprocess(blank, z.coerce.number({ message: 'eligibility.numberFormat' }).int('eligibility.numberFormat').min(0).max(1440).nullable()),
  summary: z.string().trim().min(1, 'activities.summaryRequired').max(2000, 'validation.tooLong').refine(...noRrn),
  nextAction: text(300),
  nextDueOn: date,
});

export const WithdrawConsentInput = z.object({
  kind: z.enum(['collection', 'third_party']),
});

export const AssignInput = z.object({
  clerkId: z.string().uuid('caseload.clerkRequired'),
  businessIds: z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])).pipe(z.array(z.string().uuid()).min(1, 'caseload.chooseBusinesses').max(500)),
});

export const ExportInput = z.object({
  reason: z.string().trim().min(4, 'businesses.exportReasonRequired').max(300, 'validation.tooLong'),
});
