import { z } from 'zod';
import { ROLES } from '../../domain/roles.ts';
import { INT4_MAX } from '../../validation.ts';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'validation.tooLong')
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

const officeId = z
  .union([z.literal(''), z.coerce.number().int().positive().max(INT4_MAX)])
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();

/** Phone numbers as Koreans write them: 010-1234-5678, 031-123-4567, 0311234567. */
const phone = z
  .string()
  .trim()
  .max(20)
  .refine((v) => v === '' || /^0\d{1,2}-?\d{3,4}-?\d{4}$/.test(v), 'validation.phone')
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();

const email = z
  .string()
  .trim()
  .max(200)
  .refine((v) => v === '' || z.email().safeParse(v).success, 'validation.email')
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();

export const CreateUserInput = z.object({
  login: z
    .string()
    .trim()
    .min(3, 'users.loginFormat')
    .max(50, 'users.loginFormat')
    .regex(/^[a-zA-Z0-9._@-]+$/, 'users.loginFormat'),
  displayName: z.string().trim().min(1, 'validation.required').max(50, 'validation.tooLong'),
  role: z.enum(ROLES as [string, ...string[]], { message: 'users.roleInvalid' }),
  officeId,
  email,
  phone,
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z.object({
  displayName: z.string().trim().min(1, 'validation.required').max(50, 'validation.tooLong'),
  role: z.enum(ROLES as [string, ...string[]], { message: 'users.roleInvalid' }),
  officeId,
  email,
  phone,
  active: z
    .union([z.literal('on'), z.literal('true'), z.literal('false'), z.literal(''), z.boolean()])
    .optional()
    .transform((v) => v === 'on' || v === 'true' || v === true),
  version: z.coerce.number().int().positive(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export const IssueTokenInput = z.object({
  name: z.string().trim().min(1, 'validation.required').max(80, 'validation.tooLong'),
  expiresInDays: z
    .union([z.literal(''), z.coerce.number().int().min(1).max(730)])
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional(),
});
export type IssueTokenInput = z.infer<typeof IssueTokenInput>;

export { optionalText };

/** The admin's reset of a lost second factor: only with the identity check confirmed. */
export const ResetSecondFactorInput = z.object({
  confirm: z.literal('on', { message: 'users.secondFactorResetConfirm' }),
});
