import { z } from 'zod';
import { EMPLOYER_TYPES, OUTCOMES } from '../../domain/recruitment/reemployment.ts';
import { isoDate } from '../recruitment/recruitment.schemas.ts';

const text = (max: number) =>
  z.string({ message: 'validation.required' }).trim().min(1, 'validation.required').max(max, 'validation.tooLong');
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'validation.tooLong')
    .optional()
    .transform((v) => (v ? v : null));

export const ContractInput = z
  .object({
    clerkId: z.string({ message: 'contracts.clerkRequired' }).uuid('contracts.clerkRequired'),
    startsOn: isoDate,
    endsOn: isoDate,
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'recruitment.activityOrder' });

export const EndContractInput = z.object({
  note: text(500),
  version: z.coerce.number().int().positive(),
});

export const ReferralInput = z.object({
  clerkId: z.string({ message: 'employment.clerkRequired' }).uuid('employment.clerkRequired'),
  counsellorId: z.string({ message: 'employment.counsellorRequired' }).uuid('employment.counsellorRequired'),
  note: optionalText(1000),
});

export const ConsentInput = z.object({
  agree: z.literal('on', { message: 'employment.consentRequired' }),
});

export const SessionInput = z.object({
  heldOn: isoDate,
  mode: z.enum(['visit', 'phone', 'online'], { message: 'employment.modeRequired' }),
  summary: text(2000),
});

export const JobInput = z.object({
  employer: text(200),
  jobTitle: text(200),
  referredOn: isoDate,
  result: z.enum(['pending', 'hired', 'not_hired', 'declined'], { message: 'employment.resultRequired' }),
});

export const OutcomeInput = z
  .object({
    outcome: z.enum(OUTCOMES as [string, ...string[]], { message: 'employment.outcomeRequired' }),
    employerType: z
      .union([z.literal(''), z.enum(EMPLOYER_TYPES as [string, ...string[]])])
      .optional()
      .transform((v) => (v ? v : null)),
    employedOn: z
      .union([z.literal(''), isoDate])
      .optional()
      .transform((v) => (v ? v : null)),
    version: z.coerce.number().int().positive(),
  })
  .refine((v) => v.outcome !== 'employed' || v.employerType !== null, {
    path: ['employerType'],
    message: 'employment.employerTypeRequired',
  })
  .refine((v) => v.outcome !== 'employed' || v.employedOn !== null, { path: ['employedOn'], message: 'employment.employedOnRequired' });
