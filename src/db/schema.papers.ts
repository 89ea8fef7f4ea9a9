import type { ColumnType, Generated } from 'kysely';

/**
 * Signed papers uploaded back (issue 13 §3; migration 20261204050000): the scan of a signed 위임장
 * linked to its participation, or of a signed 동의서 linked to the consent record. Added to `DB` by
 * declaration merging, like schema.help.ts.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Opt<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type SignedPaperKind = 'power_of_attorney' | 'consent';

export interface SignedPaperTable {
  id: Generated<string>;
  businessId: string;
  kind: SignedPaperKind;
  participationId: Opt<string>;
  consentId: Opt<string>;
  fileId: string;
  docNo: Opt<string>;
  uploadedBy: Opt<string>;
  uploadedAt: Timestamp;
}

declare module './schema.ts' {
  interface DB {
    signedPaper: SignedPaperTable;
  }
}
