import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * Outreach visit lists (issue 12 §3; migration 20261206040000). Extends `DB` of ./schema.ts by
 * declaration merging, like schema.stores.ts, so this area adds no lines to the shared file.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Opt<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Json<T> = ColumnType<T, string | undefined, string>;

export type VisitOutcome = 'not_found' | 'declined' | 'interested' | 'helped';
export const VISIT_OUTCOMES: readonly VisitOutcome[] = ['not_found', 'declined', 'interested', 'helped'];

export interface VisitListFilter {
  programmes?: string[];
  category?: string;
  closingWithin?: number;
  dong?: string;
  municipality?: string;
}

export interface VisitListTable {
  id: Generated<number>;
  officeId: number | null;
  day: ColumnType<string, string, string>;
  title: string;
  filter: Json<VisitListFilter>;
  createdBy: string;
  createdAt: Timestamp;
}

export interface VisitListItemTable {
  listId: number;
  position: number;
  storeId: string;
  adongName: string | null;
  status: 'eligible' | 'unknown';
  ask: ColumnType<string, string | undefined, string>;
  outcome: Opt<VisitOutcome>;
  outcomeBy: Opt<string>;
  outcomeAt: Opt<Date>;
}

export type VisitList = Selectable<VisitListTable>;
export type VisitListItem = Selectable<VisitListItemTable>;

declare module './schema.ts' {
  interface DB {
    visitList: VisitListTable;
    visitListItem: VisitListItemTable;
  }
}
