import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * 상가(상권)정보 — the public shop registry (issue 12 §1; migration 20261203020000). `DB` and
 * `BusinessTable` of ./schema.ts are extended here by declaration merging, like the recruitment
 * block there, so this area adds no lines to the shared file (it was being edited by several people
 * at once when this landed; moving this block into schema.ts later changes nothing).
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Opt<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type StoreImportStatus = 'running' | 'done' | 'failed';

/** One line of the import report: a refused row, or a row kept with a note (`kept`). */
export interface StoreImportIssue {
  line: number;
  storeId: string | null;
  reason: string;
  detail: string;
  kept: boolean;
}

export interface StoreImportTable {
  id: Generated<number>;
  fileName: string;
  encoding: string | null;
  status: ColumnType<StoreImportStatus, StoreImportStatus | undefined, StoreImportStatus>;
  startedAt: Timestamp;
  finishedAt: Opt<Date>;
  startedBy: Opt<string>;
  startedByLogin: string;
  totalRows: ColumnType<number, number | undefined, number>;
  created: ColumnType<number, number | undefined, number>;
  updated: ColumnType<number, number | undefined, number>;
  unchanged: ColumnType<number, number | undefined, number>;
  closed: ColumnType<number, number | undefined, number>;
  rejected: ColumnType<number, number | undefined, number>;
  withoutCoordinates: ColumnType<number, number | undefined, number>;
  outside: ColumnType<number, number | undefined, number>;
  issues: ColumnType<StoreImportIssue[], string | undefined, string>;
  issuesTruncated: ColumnType<boolean, boolean | undefined, boolean>;
  notes: ColumnType<{ missingOptional?: string[]; unknown?: string[] }, string | undefined, string>;
  rowsPerSecond: Opt<number>;
  error: Opt<string>;
}

export interface StoreTable {
  id: string;
  name: string;
  branchName: string | null;
  industryLargeCode: string | null;
  industryLargeName: string | null;
  industryMidCode: string | null;
  industryMidName: string | null;
  industrySmallCode: string | null;
  industrySmallName: string | null;
  ksicCode: string | null;
  ksicName: string | null;
  sidoCode: string;
  sigunguCode: string;
  sigunguName: string | null;
  municipalityCode: string;
  adongCode: string | null;
  adongName: string | null;
  ldongCode: string | null;
  ldongName: string | null;
  jibunAddress: string | null;
  roadAddress: string | null;
  buildingName: string | null;
  postcode: string | null;
  floorInfo: string | null;
  unitInfo: string | null;
  lon: number | null;
  lat: number | null;
  fingerprint: string;
  firstImportId: number;
  changedImportId: number;
  closedAt: Opt<Date>;
  closedImportId: Opt<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type StoreImport = Selectable<StoreImportTable>;
export type Store = Selectable<StoreTable>;

declare module './schema.ts' {
  interface DB {
    store: StoreTable;
    storeImport: StoreImportTable;
  }
  interface BusinessTable {
    /** The registry shop the intake was opened from (null: registered directly). */
    storeId: Opt<string>;
  }
}
