import { z } from 'zod';
import { DIMENSIONS } from '../../domain/metrics/figures.ts';
import { daysBetween, isIsoDate, isMonth } from '../../domain/metrics/period.ts';
import { INT4_MAX, noRrn } from '../../validation.ts';

/** Empty query values are "not given". */
const blank = (v: unknown) => (v === '' || v === undefined || v === null ? undefined : v);
const date = z.preprocess(blank, z.string().refine(isIsoDate, 'reports.dateFormat').optional());
const id = z.preprocess(blank, z.coerce.number({ message: 'reports.invalidFilter' }).int('reports.invalidFilter').positive('reports.invalidFilter').max(INT4_MAX, 'reports.invalidFilter').optional());

/** The longest period a dashboard covers (the programme runs yearly; 3 years lets years be compared). */
export const MAX_PERIOD_DAYS = 3 * 366;

/** Dashboard filters: one schema for the page, the .xlsx exports and the API. */
export const DashboardQuery = z
  .object({
    from: date,
    to: date,
    region: id,
    office: id,
    clerk: z.preprocess(blank, z.string().uuid('reports.invalidFilter').optional()),
    programme: id,
    category: z.preprocess(blank, z.string().trim().max(40, 'reports.invalidFilter').optional()),
    by: z.preprocess(blank, z.enum(DIMENSIONS, { message: 'reports.invalidFilter' }).optional()),
    idleDays: z.preprocess(blank, z.coerce.number({ message: 'reports.invalidFilter' }).int('reports.invalidFilter').min(1, 'reports.invalidFilter').max(365, 'reports.invalidFilter').optional()),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'reports.periodOrder' })
  .refine((v) => !v.from || !v.to || daysBetween(v.from, v.to) < MAX_PERIOD_DAYS, { path: ['to'], message: 'reports.periodTooLong' });
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/**
 * Why a table with personal data (clerks' names and figures; access records) leaves the system
 * (안전성 확보조치 기준 §8: the reason is recorded with the download).
 */
export const EXPORT_PURPOSES = ['report', 'review', 'audit', 'other'] as const;
export const ExportReasonInput = z
  .object({
    purpose: z.enum(EXPORT_PURPOSES, { message: 'reports.purposeRequired' }),
    note: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
      z.string().trim().max(200, 'validation.tooLong').refine(...noRrn).nullable().optional(),
    ),
  })
  .refine((v) => v.purpose !== 'other' || (v.note ?? '').length >= 2, { path: ['note'], message: 'reports.noteRequired' });
export type ExportReasonInput = z.infer<typeof ExportReasonInput>;

export const MonthInput = z.object({
  month: z.string({ message: 'reports.monthFormat' }).trim().refine(isMonth, 'reports.monthFormat'),
});
