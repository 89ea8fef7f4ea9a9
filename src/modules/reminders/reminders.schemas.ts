import { z } from 'zod';
import { OWNER_LANGUAGES } from '../../domain/reminders.ts';
import { noRrn } from '../../validation.ts';

const blank = (v: unknown) => ((typeof v === 'string' && v.trim() === '') || v === undefined ? null : v);
/** A checkbox: present ("on") or absent. */
const box = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

/**
 * The owner's contact preferences as the clerk records them with her in the shop (issue 13 §2).
 * `consent` ticked records the 알림 수신 동의 (text version and date); unticking it withdraws it.
 */
export const ContactPreferenceInput = z
  .object({
    sms: box,
    email: box,
    alimtalk: box,
    phone: z.preprocess(
      (v) => (typeof v === 'string' ? blank(v.replace(/[\s().-]/g, '')) : blank(v)),
      z.string().regex(/^01[016789]\d{7,8}$/, 'reminders.phoneInvalid').nullable(),
    ),
    emailAddress: z.preprocess(blank, z.string().trim().max(254, 'validation.tooLong').email('reminders.emailInvalid').refine(...noRrn).nullable()),
    language: z.enum(OWNER_LANGUAGES, { message: 'validation.required' }),
    weeklyLimit: z.coerce.number({ message: 'eligibility.numberFormat' }).int('eligibility.numberFormat').min(0, 'reminders.limitRange').max(14, 'reminders.limitRange'),
    consent: box,
    consentMethod: z.preprocess(blank, z.enum(['written', 'verbal', 'electronic']).nullable()),
    version: z.coerce.number().int().min(0),
  })
  .superRefine((v, ctx) => {
    if ((v.sms || v.alimtalk) && !v.phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'reminders.phoneNeeded' });
    if (v.email && !v.emailAddress) ctx.addIssue({ code: 'custom', path: ['emailAddress'], message: 'reminders.emailNeeded' });
    if (v.consent && !v.consentMethod) ctx.addIssue({ code: 'custom', path: ['consentMethod'], message: 'reminders.methodNeeded' });
  });
export type ContactPreferenceInput = z.infer<typeof ContactPreferenceInput>;

/** What the owner changes herself on her page: the language and the channels (never the consent on her behalf). */
export const OwnerPreferenceInput = z.object({
  language: z.enum(OWNER_LANGUAGES, { message: 'validation.required' }),
});
