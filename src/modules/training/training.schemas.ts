import { z } from 'zod';
import { kstDateTime } from '../recruitment/recruitment.schemas.ts';

const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal('false'), z.literal(''), z.boolean()])
  .optional()
  .transform((v) => v === 'on' || v === 'true' || v === true);
const hours = (max: number) =>
  z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : v),
    z.coerce
      .number({ message: 'training.hoursRange' })
      .positive('training.hoursRange')
      .max(max, 'training.hoursRange')
      .refine((n) => Number.isInteger(n * 2), 'training.hoursRange'),
  );
const ids = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().uuid('validation.invalid')).max(500));

export const CourseInput = z.object({
  title: z.string().trim().min(1, 'validation.required').max(120, 'validation.tooLong'),
  description: z
    .string()
    .trim()
    .max(2000, 'validation.tooLong')
    .optional()
    .transform((v) => (v ? v : null)),
  requiredHours: hours(500),
  requiredForCaseload: checkbox,
  active: checkbox,
  version: z.coerce.number().int().min(0).default(0),
});

export const SessionInput = z.object({
  startsAt: kstDateTime,
  hours: hours(24),
  place: z.string().trim().min(1, 'training.placeRequired').max(200, 'validation.tooLong'),
  online: checkbox,
});

export const EnrolInput = z.object({ clerks: ids, allClerks: checkbox });
export const AttendanceInput = z.object({ present: ids });
