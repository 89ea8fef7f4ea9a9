import { z } from 'zod';
import { SCORE_MAX, SCORE_MIN } from '../../domain/recruitment/scoring.ts';

/** Inputs of the recruitment area, one zod schema each (forms; messages are catalogue keys). */

const text = (max: number) => z.string().trim().max(max, 'validation.tooLong');
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'validation.tooLong')
    .optional()
    .transform((v) => (v ? v : null));
const required = (max: number) =>
  z.string({ message: 'validation.required' }).trim().min(1, 'validation.required').max(max, 'validation.tooLong');
/** A number field: an empty box is "missing", never 0. */
const num = (message: string) =>
  z.preprocess((v) => (v === '' || v === undefined || v === null ? undefined : v), z.coerce.number({ message }));
const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal('false'), z.literal(''), z.boolean()])
  .optional()
  .transform((v) => v === 'on' || v === 'true' || v === true);

/** `<input type="datetime-local">` in Korean time (the programme's time zone), e.g. 2026-04-19T09:00. */
export const kstDateTime = z
  .string({ message: 'validation.required' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'recruitment.dateTimeFormat')
  .transform((v) => new Date(`${v}:00+09:00`))
  .refine((d) => !Number.isNaN(d.getTime()), 'recruitment.dateTimeFormat');

export const isoDate = z
  .string({ message: 'validation.required' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'recruitment.dateFormat')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'recruitment.dateFormat');
export const optionalDate = z
  .union([z.literal(''), isoDate])
  .optional()
  .transform((v) => (v ? v : null));

/** Phone numbers as Koreans write them: 010-1234-5678, 031-123-4567. */
const phone = z
  .string()
  .trim()
  .max(20, 'validation.tooLong')
  .optional()
  .refine((v) => !v || /^0\d{1,2}-?\d{3,4}-?\d{4}$/.test(v), 'validation.phone')
  .transform((v) => (v ? v : null));
const email = z
  .string()
  .trim()
  .max(200, 'validation.tooLong')
  .optional()
  .refine((v) => !v || z.email().safeParse(v).success, 'validation.email')
  .transform((v) => (v ? v.toLowerCase() : null));

// ── Operator: the round ──

export const RoundInput = z
  .object({
    title: required(120),
    notice: required(10_000),
    opensAt: kstDateTime,
    closesAt: kstDateTime,
    activityStart: optionalDate,
    activityEnd: optionalDate,
    retentionMonths: num('recruitment.retentionRange').pipe(
      z.number().int('recruitment.retentionRange').min(1, 'recruitment.retentionRange').max(60, 'recruitment.retentionRange'),
    ),
    published: checkbox,
    qResidence: checkbox,
    qCareer: checkbox,
    qCareerMin: num('recruitment.careerMinRange').pipe(
      z.number().min(0, 'recruitment.careerMinRange').max(50, 'recruitment.careerMinRange'),
    ),
    qCareerBreak: checkbox,
    customQuestions: text(2000).optional().default(''),
    documents: text(2000).optional().default(''),
    version: z.coerce.number().int().min(0).default(0),
  })
  .refine((v) => v.closesAt > v.opensAt, { path: ['closesAt'], message: 'recruitment.closesBeforeOpens' })
  .refine((v) => !v.activityStart || !v.activityEnd || v.activityEnd >= v.activityStart, {
    path: ['activityEnd'],
    message: 'recruitment.activityOrder',
  });
export type RoundInput = z.infer<typeof RoundInput>;

/** Up to this many criterion rows on the round form. */
export const CRITERION_ROWS = 6;

// ── Public: the application ──

export const StartInput = z
  .object({
    name: required(50),
    email,
    phone,
    consent: z.literal('on', { message: 'recruitment.consentRequired' }),
  })
  .refine((v) => v.email !== null || v.phone !== null, { path: ['email'], message: 'recruitment.contactRequired' })
  .refine((v) => v.phone === null || /^01[016789]/.test(v.phone.replace(/-/g, '')) || v.email !== null, {
    path: ['phone'],
    message: 'recruitment.mobileNeeded',
  });
export type StartInput = z.infer<typeof StartInput>;

export const ResumeInput = z.object({
  contact: required(200),
  code: required(20),
});

/** Saving a draft: everything optional, only lengths and formats checked. */
export const DraftInput = z.object({
  officeId: z
    .union([z.literal(''), z.coerce.number().int().positive()])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v)),
  careerSummary: optionalText(3000),
  motivation: optionalText(3000),
});
export type DraftInput = z.infer<typeof DraftInput>;

export const SubmitInput = z.object({
  officeId: z.coerce.number({ message: 'recruitment.officeRequired' }).int().positive('recruitment.officeRequired'),
  careerSummary: required(3000),
  motivation: required(3000),
});

// ── Operator: decisions (each with its reason) ──

export const ReasonInput = z.object({ reason: required(500) });

export const OverrideInput = z.object({
  eligible: z.enum(['yes', 'no'], { message: 'recruitment.overrideChoice' }),
  reason: required(500),
});

export const AssignInput = z.object({
  stage: z.enum(['document', 'interview'], { message: 'recruitment.stageRequired' }),
  reviewers: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().uuid('recruitment.reviewersRequired')).min(1, 'recruitment.reviewersRequired').max(10)),
  officeId: z
    .union([z.literal(''), z.coerce.number().int().positive()])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v)),
});

export const InterviewInput = z.object({
  at: kstDateTime,
  place: required(200),
});

/** A reviewer's scores: `s_<criterion>` fields, 0–10 in steps of 0.5. */
export function scoreSchema(codes: readonly string[]) {
  const shape: Record<string, z.ZodType<number>> = {};
  for (const code of codes) {
    shape[`s_${code}`] = num('recruitment.scoreRange').pipe(
      z
        .number()
        .min(SCORE_MIN, 'recruitment.scoreRange')
        .max(SCORE_MAX, 'recruitment.scoreRange')
        .refine((n) => Number.isInteger(n * 2), 'recruitment.scoreRange'),
    );
  }
  return z.object({ ...shape, comment: optionalText(2000), version: z.coerce.number().int().positive() });
}
