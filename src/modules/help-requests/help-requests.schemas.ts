import { z } from 'zod';
import { isMobileNumber } from '../notifications/notifications.service.ts';
import { noRrn } from '../../validation.ts';

/**
 * "공공사무원의 도움 받기" (issue 13 §1): who to call, when, and the consent. The self-check answers
 * come with it (CheckAnswersInput); `website` is a honeypot the form hides from people.
 */
export const HelpRequestInput = z.object({
  name: z.string({ message: 'help.nameRequired' }).trim().min(1, 'help.nameRequired').max(50, 'help.nameTooLong').refine(...noRrn),
  phone: z
    .string({ message: 'help.phoneInvalid' })
    .trim()
    .refine(...noRrn)
    .refine((v) => isMobileNumber(v), 'help.phoneInvalid'),
  municipalityCode: z.string({ message: 'help.municipalityRequired' }).regex(/^41\d{3}$/, 'help.municipalityRequired'),
  preferredTime: z.enum(['morning', 'afternoon', 'evening', 'any'], { message: 'help.timeRequired' }),
  consent: z.literal('on', { message: 'help.consentRequired' }),
  /** Optional, apart from the contact consent (개인정보 보호법 §22 ①): SMS about her case. */
  reminders: z.preprocess((v) => (v === 'on' ? true : v === undefined || v === '' ? false : v), z.boolean({ message: 'help.remindersInvalid' })),
});
export type HelpRequestInput = z.infer<typeof HelpRequestInput>;
