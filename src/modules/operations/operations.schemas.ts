import { z } from 'zod';
import { isIsoDate, isMonth } from '../../domain/metrics/period.ts';
import { INT4_MAX, noRrn } from '../../validation.ts';

const blank = (v: unknown) => (v === '' || v === undefined || v === null ? undefined : v);

/** The calendar: a month, and one clerk or one office (else the viewer's whole scope). */
export const CalendarQuery = z.object({
  month: z.preprocess(blank, z.string().refine(isMonth, 'reports.monthFormat').optional()),
  clerk: z.preprocess(blank, z.string().uuid('reports.invalidFilter').optional()),
  office: z.preprocess(blank, z.coerce.number({ message: 'reports.invalidFilter' }).int().positive().max(INT4_MAX, 'reports.invalidFilter').optional()),
});

/**
 * Hand-over when a clerk leaves: every business of `fromClerkId` goes either to one clerk or,
 * balanced, to the active clerks of the same office.
 */
export const HandoverInput = z
  .object({
    fromClerkId: z.string().uuid('operations.fromRequired'),
    mode: z.enum(['balance', 'one'], { message: 'operations.modeRequired' }),
    toClerkId: z.preprocess(blank, z.string().uuid('operations.toRequired').optional()),
    note: z.preprocess(blank, z.string().trim().max(300, 'validation.tooLong').refine(...noRrn).optional()),
  })
  .refine((v) => v.mode !== 'one' || !!v.toClerkId, { path: ['toClerkId'], message: 'operations.toRequired' })
  .refine((v) => v.mode !== 'one' || v.toClerkId !== v.fromClerkId, { path: ['toClerkId'], message: 'operations.toSame' });
export type HandoverInput = z.infer<typeof HandoverInput>;

export const ACCESS_ACTIONS = ['view', 'create', 'update', 'delete', 'print', 'download'] as const;

/** The access-record review: month (or period), account, whose data, action. */
export const AccessReviewQuery = z
  .object({
    month: z.preprocess(blank, z.string().refine(isMonth, 'reports.monthFormat').optional()),
    from: z.preprocess(blank, z.string().refine(isIsoDate, 'reports.dateFormat').optional()),
    to: z.preprocess(blank, z.string().refine(isIsoDate, 'reports.dateFormat').optional()),
    account: z.preprocess(blank, z.string().trim().max(100, 'reports.invalidFilter').optional()),
    subject: z.preprocess(blank, z.string().trim().max(100, 'reports.invalidFilter').optional()),
    action: z.preprocess(blank, z.enum(ACCESS_ACTIONS, { message: 'reports.invalidFilter' }).optional()),
    offHours: z.preprocess(blank, z.enum(['1']).optional()),
    page: z.preprocess(blank, z.coerce.number().int().min(1).max(10_000).optional()),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'reports.periodOrder' });
export type AccessReviewQuery = z.infer<typeof AccessReviewQuery>;

export const SignoffInput = z.object({
  month: z.string({ message: 'reports.monthFormat' }).trim().refine(isMonth, 'reports.monthFormat'),
  note: z.string({ message: 'operations.noteRequired' }).trim().min(2, 'operations.noteRequired').max(1000, 'validation.tooLong').refine(...noRrn),
});
