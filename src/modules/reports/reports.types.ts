import type { ParticipationStatus } from '../../db/schema.ts';
import type { Balance, ClerkLoad, inactiveClerks } from '../../domain/metrics/caseload.ts';
import type { Dimension, FunnelStep } from '../../domain/metrics/figures.ts';
import type { Period } from '../../domain/metrics/period.ts';
import type { Satisfaction } from '../../domain/metrics/satisfaction.ts';
import type { PublicFigures, PublicMonth, PublicValue } from '../../domain/metrics/suppression.ts';
import type { Filters, ReportsRepository, Scope } from './reports.repository.ts';

/**
 * The shapes the reports service computes and its views (the page, the tables, the workbook, the
 * PDF) read. They live apart from the service so the views depend on them, not on the service
 * that calls the views (no import cycle: service → tables → types).
 */

export type ViewerKind = 'operator' | 'office' | 'clerk' | 'province';

export interface Viewer {
  kind: ViewerKind;
  scope: Scope;
  /** Aggregates only, small counts hidden (the province). */
  public: boolean;
  dimensions: readonly Dimension[];
}

type Rows<K extends keyof ReportsRepository> = Awaited<ReturnType<ReportsRepository[K]>>;

/** The filter choices a viewer is offered, and the labels of breakdown keys. */
export interface ReportOptions {
  regions: Rows<'regions'>;
  offices: Rows<'offices'>;
  clerks: Rows<'clerks'>;
  programmes: Rows<'programmes'>;
  categories: { code: string; label: string }[];
  /** Look-ups for labelling breakdown rows (600 clerks at 10×: a map, not a search per row). */
  byId: Record<Exclude<Dimension, 'category'>, Map<string, { label: string; sample: boolean }>>;
}

/** A row of a breakdown as shown: figures are exact for staff and public values for the province. */
export interface DisplayRow {
  key: string | null;
  /** null: the "none" label of the dimension (미배정, 미분류 …), translated by the view. */
  label: string | null;
  sample: boolean;
  figures: PublicFigures;
  satisfaction: PublicValue;
}

export type PublicSatisfaction = Omit<Satisfaction, 'responses'> & { responses: PublicValue };

export interface Dashboard {
  viewer: Viewer;
  period: Period;
  filters: Filters;
  dimension: Dimension;
  idleDays: number;
  asOf: string;
  total: PublicFigures;
  funnel: { step: FunnelStep['step']; count: PublicValue; rateFromPrevious: PublicValue; rateFromApplied: PublicValue }[];
  statuses: { status: ParticipationStatus; count: PublicValue; share: PublicValue }[];
  rows: DisplayRow[];
  trend: PublicMonth[];
  satisfaction: PublicSatisfaction;
  topApplied: DisplayRow[];
  topSuccessful: DisplayRow[];
  caseload: { loads: ClerkLoad[]; balance: Balance } | null;
  inactive: ReturnType<typeof inactiveClerks> | null;
  options: ReportOptions;
}

/** The figures of one month for the monthly report to the province (public values only). */
export interface MonthFigures {
  month: string;
  period: Period;
  ytd: Period;
  generatedOn: string;
  thisMonth: { figures: PublicFigures; satisfaction: PublicSatisfaction };
  year: { figures: PublicFigures; satisfaction: PublicSatisfaction };
  byRegion: DisplayRow[];
  byOffice: DisplayRow[];
  byCategory: DisplayRow[];
  topProgrammes: DisplayRow[];
  trend: PublicMonth[];
}
