import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Table types, camelCase (CamelCasePlugin maps to the snake_case columns of migrations/). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = Record<string, unknown>> = ColumnType<T, string | T | undefined, string | T>;

export type Role =
  | 'owner'
  | 'clerk'
  | 'office_lead'
  | 'operator'
  | 'province'
  | 'saeil_counsellor'
  | 'catalog_editor'
  | 'admin';

export interface MunicipalityTable {
  code: string;
  name: string;
  kind: 'si' | 'gun';
  regionId: number | null;
  validFrom: ColumnType<string, string | undefined, string>;
  validTo: string | null;
  source: ColumnType<string, string | undefined, string>;
}

export interface RegionTable {
  id: Generated<number>;
  name: string;
  hub: string;
  version: ColumnType<number, number | undefined, number>;
  updatedAt: Timestamp;
}

export interface OfficeTable {
  id: Generated<number>;
  name: string;
  regionId: number;
  address: string | null;
  phone: string | null;
  isDemo: ColumnType<boolean, boolean | undefined, boolean>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  version: ColumnType<number, number | undefined, number>;
  updatedAt: Timestamp;
}

export interface OfficeMunicipalityTable {
  officeId: number;
  municipalityCode: string;
}

export interface AppUserTable {
  id: Generated<string>;
  login: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  role: Role;
  officeId: number | null;
  locale: ColumnType<string, string | undefined, string>;
  passwordHash: string;
  mustChangePassword: ColumnType<boolean, boolean | undefined, boolean>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  failedAttempts: ColumnType<number, number | undefined, number>;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  isDemo: ColumnType<boolean, boolean | undefined, boolean>;
  version: ColumnType<number, number | undefined, number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface UserSessionTable {
  idHash: string;
  userId: string;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export interface ApiTokenTable {
  id: Generated<string>;
  userId: string;
  name: string;
  prefix: string;
  tokenHash: string;
  createdBy: string | null;
  createdAt: Timestamp;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: Timestamp;
  actorUserId: string | null;
  actorLogin: string | null;
  action: string;
  targetUserId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  detail: Json;
  ip: string | null;
  requestId: string | null;
  retainUntil: Date;
  prevHash: string | null;
  hash: string;
}

export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed';
export type NotificationChannel = 'email' | 'sms';

export interface NotificationTable {
  id: Generated<string>;
  channel: NotificationChannel;
  recipient: string;
  recipientUserId: string | null;
  template: string;
  locale: ColumnType<string, string | undefined, string>;
  params: Json<Record<string, string | number>>;
  subject: string | null;
  body: string;
  status: ColumnType<NotificationStatus, NotificationStatus | undefined, NotificationStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  nextAttemptAt: Timestamp;
  lastError: string | null;
  provider: string | null;
  providerRef: string | null;
  createdAt: Timestamp;
  sentAt: Date | null;
}

export interface DB {
  municipality: MunicipalityTable;
  region: RegionTable;
  office: OfficeTable;
  officeMunicipality: OfficeMunicipalityTable;
  appUser: AppUserTable;
  userSession: UserSessionTable;
  apiToken: ApiTokenTable;
  auditEvent: AuditEventTable;
  notification: NotificationTable;
}

export type AppUser = Selectable<AppUserTable>;
export type NewAppUser = Insertable<AppUserTable>;
export type AppUserUpdate = Updateable<AppUserTable>;
export type Office = Selectable<OfficeTable>;
export type Region = Selectable<RegionTable>;
export type Municipality = Selectable<MunicipalityTable>;
export type AuditEvent = Selectable<AuditEventTable>;
export type Notification = Selectable<NotificationTable>;
export type ApiToken = Selectable<ApiTokenTable>;
