import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * 공공사무원의 도움 받기 — help requests from the public self-check (issue 13 §1; migration
 * 20261203040000). Added to `DB` by declaration merging, like schema.stores.ts.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Opt<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type HelpRequestStatus = 'open' | 'converted' | 'closed';
export type PreferredTime = 'morning' | 'afternoon' | 'evening' | 'any';

export interface HelpRequestTable {
  id: Generated<string>;
  createdAt: Generated<Date>;
  municipalityCode: string;
  officeId: number | null;
  name: string;
  phone: string;
  preferredTime: PreferredTime;
  consentTextVersion: string;
  consentGivenAt: Timestamp;
  answers: ColumnType<Record<string, unknown>, string | undefined, string>;
  status: ColumnType<HelpRequestStatus, HelpRequestStatus | undefined, HelpRequestStatus>;
  businessId: Opt<string>;
  closedAt: Opt<Date>;
  closedBy: Opt<string>;
  purgeAfter: Opt<Date>;
  /** The owner's language on the form (migration 20261206020000). */
  language: ColumnType<string, string | undefined, string>;
  /** She also agreed to reminders by SMS on the form (migration 20261207010000): text version and time. */
  remindersConsentVersion: Opt<string>;
  remindersConsentedAt: Opt<Date>;
}
export type HelpRequest = Selectable<HelpRequestTable>;

declare module './schema.ts' {
  interface DB {
    helpRequest: HelpRequestTable;
  }
}
