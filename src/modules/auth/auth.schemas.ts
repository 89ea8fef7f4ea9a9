import { z } from 'zod';

/** Sign-in form and API. Messages are catalogue keys; the edge translates them. */
export const SignInInput = z.object({
  login: z.string().trim().min(1, 'auth.loginRequired').max(100, 'auth.loginRequired'),
  password: z.string().min(1, 'auth.passwordRequired').max(200, 'auth.passwordRequired'),
});
export type SignInInput = z.infer<typeof SignInInput>;

/** The second step of sign-in and the enrolment's confirmation: a 6-digit code or a recovery code. */
export const SecondFactorInput = z.object({
  code: z.string().trim().min(1, 'secondFactor.codeRequired').max(40, 'secondFactor.codeRequired'),
});
export type SecondFactorInput = z.infer<typeof SecondFactorInput>;

export const ChangePasswordInput = z
  .object({
    currentPassword: z.string().min(1, 'auth.passwordRequired').max(200),
    newPassword: z.string().min(1, 'auth.passwordRequired').max(200, 'password.tooLong'),
    confirmPassword: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'password.mismatch' });
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const LocaleInput = z.object({
  locale: z.string().min(2).max(10),
  returnTo: z.string().max(500).optional(),
});
