import type { ColumnType, Generated, Selectable } from 'kysely';
import type { DataRequestKind, DataRequestStatus, RetentionAction } from '../domain/retention/retention.rules.ts';

/**
 * Retention (issue 14 §3; migration 20261204020000): the job's runs, the 파기 대장 and the owners'
 * correction / deletion requests. Added to `DB` by declaration merging, like schema.help.ts.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Opt<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface RetentionRunTable {
  id: Generated<number>;
  startedAt: Timestamp;
  finishedAt: Opt<Date>;
  trigger: 'schedule' | 'manual' | 'request';
  total: ColumnType<number, number | undefined, number>;
}

export interface DestructionRecordTable {
  id: Generated<number>;
  runId: number;
  at: Timestamp;
  ruleId: string;
  kind: string;
  method: RetentionAction;
  count: number;
  cutoff: Opt<Date>;
  basis: string;
}
export type DestructionRecord = Selectable<DestructionRecordTable>;

export interface DataRequestTable {
  id: Generated<string>;
  businessId: string;
  kind: DataRequestKind;
  reason: string;
  via: 'owner_link' | 'owner_account';
  requestedAt: Timestamp;
  dueOn: string;
  status: ColumnType<DataRequestStatus, DataRequestStatus | undefined, DataRequestStatus>;
  outcomeNote: Opt<string>;
  decidedBy: Opt<string>;
  decidedAt: Opt<Date>;
}
export type DataRequest = Selectable<DataRequestTable>;

declare module './schema.ts' {
  interface DB {
    retentionRun: RetentionRunTable;
    destructionRecord: DestructionRecordTable;
    dataRequest: DataRequestTable;
  }
}
