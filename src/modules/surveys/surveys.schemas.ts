import { z } from 'zod';
import { noRrn } from '../../validation.ts';

const answer = (q: string) => z.coerce.number({ message: `surveys.answerRequired.${q}` }).int(`surveys.answerRequired.${q}`).min(1, `surveys.answerRequired.${q}`).max(5, `surveys.answerRequired.${q}`);

/** The owner's answers: three questions on 1–5 and an optional comment (no 주민등록번호). */
export const SurveyAnswerInput = z.object({
  q1: answer('q1'),
  q2: answer('q2'),
  q3: answer('q3'),
  comment: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
    z.string().trim().max(500, 'validation.tooLong').refine(...noRrn).nullable().optional(),
  ),
});
export type SurveyAnswerInput = z.infer<typeof SurveyAnswerInput>;

/** The printable code: 8 characters (no 0/O, 1/I), typed with or without the hyphen, any case. */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const SurveyCodeInput = z.object({
  code: z
    .string({ message: 'surveys.codeRequired' })
    .transform((v) => v.toUpperCase().replace(/[^A-Z0-9]/g, ''))
    .refine((v) => /^[A-HJ-NP-Z2-9]{8}$/.test(v), 'surveys.codeInvalid')
    .transform((v) => `${v.slice(0, 4)}-${v.slice(4)}`),
});

export const OfferInput = z.object({
  participationId: z.string().uuid('surveys.participationRequired'),
});
