import { z } from 'zod';
import { MAX_REASON_LENGTH, PARTICIPATION_STATUSES, SUBMISSION_CHANNELS } from '../../domain/participation-workflow.ts';

/** An empty form field is "not given". */
const blank = (v: unknown) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v);

/** A calendar date as the date input sends it (the workflow checks order and "not in the future"). */
export const optionalDate = z
  .preprocess(
    blank,
    z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'participations.dateFormat')
      .nullable(),
  )
  .optional();

/** Won as people type them: 1,500,000 / 1500000원 / 150 0000. Range is the workflow's rule. */
const amount = z
  .preprocess(
    (v) => (typeof v === 'string' ? blank(v.replace(/[,\s원]/g, '')) : blank(v)),
    z.coerce.number({ message: 'participations.amountFormat' }).int('participations.amountFormat').nullable(),
  )
  .optional();

const reason = z.preprocess(blank, z.string().trim().max(MAX_REASON_LENGTH, 'validation.tooLong').nullable()).optional();

/**
 * One status change. Which fields are required depends on the transition
 * (src/domain/participation-workflow.ts `transitionFields`); here only their formats.
 * `version` is the participation's version the form was rendered from (optimistic locking).
 */
export const TransitionInput = z.object({
  to: z.enum(PARTICIPATION_STATUSES, { message: 'participations.toInvalid' }),
  version: z.coerce
    .number({ message: 'participations.versionMissing' })
    .int('participations.versionMissing')
    .positive('participations.versionMissing'),
  submittedOn: optionalDate,
  channel: z.preprocess(blank, z.enum(SUBMISSION_CHANNELS, { message: 'participations.channelRequired' }).nullable()).optional(),
  decidedOn: optionalDate,
  amount,
  benefitedOn: optionalDate,
  reason,
});
export type TransitionInput = z.infer<typeof TransitionInput>;

/** "새 참여 만들기": a programme (its current published version is used) and an optional memo. */
export const CreateParticipationInput = z.object({
  programmeId: z.preprocess(
    blank,
    z.coerce
      .number({ message: 'participations.programmeRequired' })
      .int('participations.programmeRequired')
      .positive('participations.programmeRequired'),
  ),
  reason,
});
export type CreateParticipationInput = z.infer<typeof CreateParticipationInput>;
