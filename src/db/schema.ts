import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Role } from '../domain/roles.ts';

/** Table types, camelCase (CamelCasePlugin maps to the snake_case columns of migrations/). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = Record<string, unknown>> = ColumnType<T, string | T | undefined, string | T>;

/** The roles are the domain's (src/domain/roles.ts); the column holds one of them. */
export type { Role };

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
  /** Pending second step (migration 20261204010000): null = fully signed in. */
  secondFactor: ColumnType<SecondFactorStep | null, SecondFactorStep | null | undefined, SecondFactorStep | null>;
}

export type SecondFactorStep = 'verify' | 'enrol';

/** TOTP enrolment of one account (issue 14 §2); the secret encrypted, see auth.crypto.ts. */
export interface UserTotpTable {
  userId: string;
  secretEnc: string;
  confirmedAt: Date | null;
  /** The last accepted RFC 6238 time step (bigint, read as a number: src/db/database.ts). */
  lastStep: number | null;
  createdAt: Timestamp;
}

export interface UserRecoveryCodeTable {
  id: Generated<number>;
  userId: string;
  codeHash: string;
  usedAt: Date | null;
  createdAt: Timestamp;
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

export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'delivered' | 'failed' | 'cancelled';
export type NotificationChannel = 'email' | 'sms' | 'alimtalk';

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
  deliveredAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface DocumentTypeTable {
  code: string;
  name: string;
  nameEn: string | null;
  issuer: string | null;
  validity: Json<Record<string, unknown>>;
  source: string | null;
  reviewStatus: ColumnType<string, string | undefined, string>;
}

export type ProgrammeSource = 'bizinfo' | 'kstartup' | 'gov24' | 'manual';

export interface ProgrammeTable {
  id: Generated<number>;
  key: string;
  source: ProgrammeSource;
  sourceId: string;
  currentVersionId: number | null;
  isSample: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type RuleReview = 'drafted' | 'reviewed';

export type PeriodKind = 'range' | 'always' | 'untilBudget' | 'varies' | 'unknown';

export interface ProgrammeVersionTable {
  id: Generated<number>;
  programmeId: number;
  version: number;
  status: ColumnType<
    'draft' | 'published' | 'discarded',
    'draft' | 'published' | 'discarded' | undefined,
    'draft' | 'published' | 'discarded'
  >;
  title: string;
  ministry: string | null;
  executingAgency: string | null;
  category: string | null;
  summary: string | null;
  targetText: string | null;
  periodKind: ColumnType<PeriodKind, PeriodKind | undefined, PeriodKind>;
  periodStart: string | null;
  periodEnd: string | null;
  periodRaw: string | null;
  howToApply: string | null;
  detailUrl: string | null;
  applyUrl: string | null;
  contact: string | null;
  nationwide: ColumnType<boolean, boolean | undefined, boolean>;
  sido: ColumnType<string[], string[] | undefined, string[]>;
  municipalities: ColumnType<string[], string[] | undefined, string[]>;
  benefitType: string | null;
  benefitMaxAmount: number | null;
  requiredDocuments: ColumnType<string[], string[] | undefined, string[]>;
  documentNames: ColumnType<string[], string[] | undefined, string[]>;
  attachments: Json<{ url: string; name: string }[]>;
  rule: Json<unknown> | null;
  /** Issue 11 §2 (migration 20261202130000): the rule judges only once 'reviewed'. */
  ruleReview: ColumnType<RuleReview, RuleReview | undefined, RuleReview>;
  ruleReviewedBy: ColumnType<string | null, string | null | undefined, string | null>;
  ruleReviewedByName: ColumnType<string | null, string | null | undefined, string | null>;
  ruleReviewedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  reviewStatus: ColumnType<string, string | undefined, string>;
  reviewNote: string | null;
  fingerprint: string | null;
  sourceUpdatedAt: Date | null;
  raw: Json<unknown> | null;
  changeReason: string;
  basedOnVersionId: number | null;
  createdBy: string | null;
  createdByLogin: string | null;
  createdAt: Timestamp;
  publishedAt: Date | null;
}

export interface BusinessTable {
  id: Generated<string>;
  brn: string | null;
  name: string;
  ownerName: string | null;
  phone: string | null;
  sidoCode: string | null;
  municipalityCode: string | null;
  openedOn: string | null;
  closedOn: string | null;
  annualRevenue: number | null;
  workers: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  ksicCode: string | null;
  ntsIndustryCode: string | null;
  ownerBirthDate: string | null;
  ownerGender: 'female' | 'male' | null;
  ownerDisabled: boolean | null;
  ownerVeteran: boolean | null;
  nationalTaxArrears: boolean | null;
  localTaxArrears: boolean | null;
  taxArrearsDeferred: boolean | null;
  creditDelinquent: boolean | null;
  operatingStatus: 'preparing' | 'active' | 'suspended' | 'closed' | null;
  premises: 'leased' | 'owned' | null;
  mailOrderRegistered: boolean | null;
  officeId: number | null;
  clerkId: string | null;
  isSample: ColumnType<boolean, boolean | undefined, boolean>;
  version: ColumnType<number, number | undefined, number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  ownerUserId: ColumnType<string | null, string | null | undefined, string | null>;
  address: ColumnType<string | null, string | null | undefined, string | null>;
  eupMyeonDong: ColumnType<string | null, string | null | undefined, string | null>;
  itLiteracy: ColumnType<'low' | 'medium' | 'high' | null, 'low' | 'medium' | 'high' | null | undefined, 'low' | 'medium' | 'high' | null>;
  preferredChannel: ColumnType<
    'visit' | 'phone' | 'sms' | null,
    'visit' | 'phone' | 'sms' | null | undefined,
    'visit' | 'phone' | 'sms' | null
  >;
  lastContactAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  minimalOnly: ColumnType<boolean, boolean | undefined, boolean>;
  /** 국세청 상태조회: when, what it said, and the last failure (migration 20261202140000). */
  ntsCheckedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  ntsState: ColumnType<
    'active' | 'suspended' | 'closed' | 'unregistered' | null,
    'active' | 'suspended' | 'closed' | 'unregistered' | null | undefined,
    'active' | 'suspended' | 'closed' | 'unregistered' | null
  >;
  ntsTaxType: ColumnType<string | null, string | null | undefined, string | null>;
  ntsError: ColumnType<string | null, string | null | undefined, string | null>;
  ntsErrorAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The account that registered it (walk-in hand-over, src/domain/scope.ts); null for older rows. */
  registeredBy: ColumnType<string | null, string | null | undefined, string | null>;
  /** Facts real notices ask about (issue 11 §5, migration 20261202120000); NULL = not known. */
  legalForm: ColumnType<
    'individual' | 'corporation' | null,
    'individual' | 'corporation' | null | undefined,
    'individual' | 'corporation' | null
  >;
  marketLocation: ColumnType<MarketLocationValue | null, MarketLocationValue | null | undefined, MarketLocationValue | null>;
  closurePlanned: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  plannedClosureOn: ColumnType<string | null, string | null | undefined, string | null>;
  restart: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  annualRevenueYear: ColumnType<number | null, number | null | undefined, number | null>;
  previousAnnualRevenue: ColumnType<number | null, number | null | undefined, number | null>;
  /** Retention ended: the owner's data was removed (migration 20261204020000, src/domain/retention). */
  anonymisedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type MarketLocationValue = 'traditional_market' | 'shopping_street' | 'alley_shopping_street' | 'none';

/** 공고문 첨부파일 read for a programme version (migration 20261202110000, issue 11 §3). */
export type NoticeDocumentStatus =
  'pending' | 'not_fetched' | 'fetch_failed' | 'extracted' | 'empty' | 'encrypted' | 'unsupported' | 'failed';
export interface NoticeDocumentTable {
  id: Generated<number>;
  programmeVersionId: number;
  position: number;
  fileName: string;
  url: string;
  format: string | null;
  status: ColumnType<NoticeDocumentStatus, NoticeDocumentStatus | undefined, NoticeDocumentStatus>;
  error: string | null;
  text: string | null;
  /** NoticeSection[] (src/domain/notices/notice.sections.ts). */
  sections: Json<unknown>;
  sha256: string | null;
  byteSize: number | null;
  attempts: ColumnType<number, number | undefined, number>;
  fetchedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type ParticipationStatus =
  'identified' | 'informed' | 'preparing' | 'submitted' | 'selected' | 'rejected' | 'withdrawn' | 'benefited';

export interface ParticipationTable {
  id: Generated<string>;
  businessId: string;
  programmeId: number;
  programmeVersionId: number;
  status: ColumnType<ParticipationStatus, ParticipationStatus | undefined, ParticipationStatus>;
  benefitAmount: number | null;
  benefitedOn: string | null;
  version: ColumnType<number, number | undefined, number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  submittedOn: ColumnType<string | null, string | null | undefined, string | null>;
  submissionChannel: ColumnType<string | null, string | null | undefined, string | null>;
  decidedOn: ColumnType<string | null, string | null | undefined, string | null>;
  note: ColumnType<string | null, string | null | undefined, string | null>;
  createdBy: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface BusinessDocumentTable {
  id: Generated<string>;
  businessId: string;
  documentType: string;
  issuedOn: string;
  validUntil: string | null;
  createdAt: Timestamp;
  participationId: ColumnType<string | null, string | null | undefined, string | null>;
  recordedBy: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ConsentTable {
  id: Generated<string>;
  businessId: string;
  kind: 'collection' | 'third_party';
  textVersion: string;
  method: 'written' | 'verbal' | 'electronic';
  givenOn: string;
  recordedBy: string | null;
  recordedAt: Timestamp;
  withdrawnAt: Date | null;
  withdrawnBy: string | null;
}

export type ActivityKind = 'visit' | 'call' | 'office' | 'sms';
export interface ActivityTable {
  id: Generated<string>;
  businessId: string;
  clerkId: string;
  kind: ActivityKind;
  occurredOn: string;
  minutes: number | null;
  summary: string;
  nextAction: string | null;
  nextDueOn: string | null;
  createdAt: Timestamp;
}

export interface TaskTable {
  id: Generated<string>;
  businessId: string;
  clerkId: string;
  activityId: string | null;
  title: string;
  dueOn: string;
  doneAt: Date | null;
  createdAt: Timestamp;
}

export interface ParticipationEventTable {
  id: Generated<number>;
  participationId: string;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  detail: Json;
  actorUserId: string | null;
  at: Timestamp;
}

export interface DocumentFileTable {
  id: Generated<string>;
  businessId: string;
  documentId: string | null;
  fileName: string;
  mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
  sizeBytes: number;
  sha256: string;
  content: Uint8Array;
  uploadedBy: string | null;
  uploadedAt: Timestamp;
}

export type AccessAction = 'view' | 'create' | 'update' | 'delete' | 'print' | 'download';
export interface AccessRecordTable {
  id: Generated<number>;
  at: Timestamp;
  accountId: string | null;
  accountLogin: string | null;
  ip: string | null;
  subjectType: string;
  subjectId: string;
  action: AccessAction;
  reason: string | null;
  detail: Json;
  requestId: string | null;
  retainUntil: Date;
  prevHash: string | null;
  hash: string;
}

export interface OwnerLinkTable {
  id: Generated<string>;
  businessId: string;
  tokenHash: string;
  expiresAt: Date;
  usedAt: Date | null;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface DB {
  municipality: MunicipalityTable;
  region: RegionTable;
  office: OfficeTable;
  officeMunicipality: OfficeMunicipalityTable;
  appUser: AppUserTable;
  userSession: UserSessionTable;
  userTotp: UserTotpTable;
  userRecoveryCode: UserRecoveryCodeTable;
  apiToken: ApiTokenTable;
  auditEvent: AuditEventTable;
  notification: NotificationTable;
  documentType: DocumentTypeTable;
  programme: ProgrammeTable;
  programmeVersion: ProgrammeVersionTable;
  noticeDocument: NoticeDocumentTable;
  business: BusinessTable;
  participation: ParticipationTable;
  businessDocument: BusinessDocumentTable;
  consent: ConsentTable;
  activity: ActivityTable;
  task: TaskTable;
  participationEvent: ParticipationEventTable;
  documentFile: DocumentFileTable;
  accessRecord: AccessRecordTable;
  ownerLink: OwnerLinkTable;
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
export type Programme = Selectable<ProgrammeTable>;
export type ProgrammeVersion = Selectable<ProgrammeVersionTable>;
export type NewProgrammeVersion = Insertable<ProgrammeVersionTable>;
export type Business = Selectable<BusinessTable>;

// ── Recruitment, training, contracts, employment linkage (issue 6; migration 20261127140000) ──
// Kept in one block; `DB` is extended by declaration merging so this area adds no lines inside
// the interface above.
type Numeric = ColumnType<string, number | string, number | string>;

export interface RecruitmentRoundTable {
  id: Generated<number>;
  title: string;
  notice: string;
  opensAt: Date;
  closesAt: Date;
  activityStart: string | null;
  activityEnd: string | null;
  questions: Json<unknown[]>;
  documents: Json<unknown[]>;
  criteria: Json<unknown[]>;
  retentionMonths: ColumnType<number, number | undefined, number>;
  consentVersion: string;
  published: ColumnType<boolean, boolean | undefined, boolean>;
  selectionDoneAt: Date | null;
  receiptSeq: ColumnType<number, number | undefined, number>;
  isSample: ColumnType<boolean, boolean | undefined, boolean>;
  version: ColumnType<number, number | undefined, number>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface RecruitmentQuotaTable {
  roundId: number;
  officeId: number;
  posts: number;
}

export type ApplicantStatus = 'draft' | 'submitted' | 'withdrawn';
export type ApplicantDecision = 'selected' | 'waiting' | 'rejected' | 'declined' | 'withdrawn';

export interface ApplicantTable {
  id: Generated<number>;
  roundId: number;
  status: ColumnType<ApplicantStatus, ApplicantStatus | undefined, ApplicantStatus>;
  receiptNo: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  officeId: number | null;
  answers: Json<Record<string, string>>;
  careerSummary: string | null;
  motivation: string | null;
  consentVersion: string;
  consentedAt: Date;
  retainUntil: string;
  codeHash: string;
  codeExpiresAt: Date;
  codeFailures: ColumnType<number, number | undefined, number>;
  codeLockedUntil: Date | null;
  sessionHash: string | null;
  sessionExpiresAt: Date | null;
  screening: Json<unknown> | null;
  eligible: boolean | null;
  screeningOverride: Json<unknown> | null;
  interviewAt: Date | null;
  interviewPlace: string | null;
  decision: ApplicantDecision | null;
  rank: number | null;
  decidedAt: Date | null;
  clerkUserId: string | null;
  submittedAt: Date | null;
  version: ColumnType<number, number | undefined, number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ApplicantFileTable {
  id: Generated<number>;
  applicantId: number;
  documentCode: string;
  fileName: string;
  mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
  sizeBytes: number;
  sha256: string;
  content: Buffer;
  createdAt: Timestamp;
}

export interface ReviewerAssignmentTable {
  id: Generated<number>;
  applicantId: number;
  reviewerId: string;
  stage: 'document' | 'interview';
  status: ColumnType<
    'assigned' | 'scored' | 'conflict',
    'assigned' | 'scored' | 'conflict' | undefined,
    'assigned' | 'scored' | 'conflict'
  >;
  scores: Json<Record<string, number>> | null;
  comment: string | null;
  conflictReason: string | null;
  assignedBy: string | null;
  assignedAt: Timestamp;
  scoredAt: Date | null;
  version: ColumnType<number, number | undefined, number>;
}

export interface ApplicantEventTable {
  id: Generated<number>;
  applicantId: number;
  at: Timestamp;
  action: string;
  reason: string | null;
  actorUserId: string | null;
  actorLogin: string | null;
  detail: Json;
}

export interface TrainingCourseTable {
  id: Generated<number>;
  title: string;
  description: string | null;
  requiredHours: Numeric;
  requiredForCaseload: ColumnType<boolean, boolean | undefined, boolean>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  certificateSeq: ColumnType<number, number | undefined, number>;
  version: ColumnType<number, number | undefined, number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface TrainingSessionTable {
  id: Generated<number>;
  courseId: number;
  startsAt: Date;
  hours: Numeric;
  place: string | null;
  online: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: Timestamp;
}

export interface TrainingEnrolmentTable {
  courseId: number;
  clerkId: string;
  enrolledAt: Timestamp;
  enrolledBy: string | null;
  completedAt: Date | null;
  certificateNo: string | null;
}

export interface TrainingAttendanceTable {
  sessionId: number;
  clerkId: string;
  attended: boolean;
  recordedBy: string | null;
  recordedAt: Timestamp;
}

export interface ClerkContractTable {
  id: Generated<number>;
  clerkId: string;
  applicantId: number | null;
  officeId: number | null;
  startsOn: string;
  endsOn: string;
  endedAt: Date | null;
  endedBy: string | null;
  endNote: string | null;
  version: ColumnType<number, number | undefined, number>;
  createdAt: Timestamp;
}

export interface CaseloadHandoverTable {
  id: Generated<number>;
  contractId: number;
  businessId: string;
  fromClerkId: string;
  toClerkId: string | null;
  action: 'reassigned' | 'closed';
  reason: string | null;
  at: Timestamp;
  byUserId: string | null;
}

export interface EmploymentConsentTable {
  id: Generated<number>;
  clerkId: string;
  consentVersion: string;
  method: 'web' | 'paper';
  givenAt: Timestamp;
  withdrawnAt: Date | null;
}

export interface EmploymentReferralTable {
  id: Generated<number>;
  clerkId: string;
  counsellorId: string;
  consentId: number;
  referredBy: string | null;
  referredAt: Timestamp;
  referredOn: string;
  note: string | null;
  outcome: 'employed' | 'seeking' | 'not_seeking' | null;
  employerType: 'private' | 'public' | 'social' | 'self' | 'other' | null;
  employedOn: string | null;
  outcomeAt: Date | null;
  closedAt: Date | null;
  version: ColumnType<number, number | undefined, number>;
}

export interface CounsellingSessionTable {
  id: Generated<number>;
  referralId: number;
  heldOn: string;
  mode: 'visit' | 'phone' | 'online';
  summary: string;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface JobReferralTable {
  id: Generated<number>;
  referralId: number;
  employer: string;
  jobTitle: string;
  referredOn: string;
  result: ColumnType<
    'pending' | 'hired' | 'not_hired' | 'declined',
    'pending' | 'hired' | 'not_hired' | 'declined' | undefined,
    'pending' | 'hired' | 'not_hired' | 'declined'
  >;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface DB {
  recruitmentRound: RecruitmentRoundTable;
  recruitmentQuota: RecruitmentQuotaTable;
  applicant: ApplicantTable;
  applicantFile: ApplicantFileTable;
  reviewerAssignment: ReviewerAssignmentTable;
  applicantEvent: ApplicantEventTable;
  trainingCourse: TrainingCourseTable;
  trainingSession: TrainingSessionTable;
  trainingEnrolment: TrainingEnrolmentTable;
  trainingAttendance: TrainingAttendanceTable;
  clerkContract: ClerkContractTable;
  caseloadHandover: CaseloadHandoverTable;
  employmentConsent: EmploymentConsentTable;
  employmentReferral: EmploymentReferralTable;
  counsellingSession: CounsellingSessionTable;
  jobReferral: JobReferralTable;
}
export type RecruitmentRound = Selectable<RecruitmentRoundTable>;
export type Applicant = Selectable<ApplicantTable>;
export type TrainingCourse = Selectable<TrainingCourseTable>;
export type ClerkContract = Selectable<ClerkContractTable>;
export type EmploymentReferral = Selectable<EmploymentReferralTable>;

// ── Reports, surveys, access review (issue 5; migration 20261127170000) ──
export interface SurveyInvitationTable {
  id: Generated<string>;
  participationId: string;
  businessId: string;
  outcome: 'selected' | 'rejected' | 'withdrawn' | 'benefited';
  code: string;
  tokenHash: string | null;
  smsQueued: ColumnType<boolean, boolean | undefined, boolean>;
  createdVia: 'transition' | 'sweep' | 'manual';
  createdBy: string | null;
  createdAt: Timestamp;
  expiresAt: Date;
  answeredAt: Date | null;
}

export interface SurveyResponseTable {
  id: Generated<number>;
  invitationId: string;
  q1: number;
  q2: number;
  q3: number;
  comment: string | null;
  channel: 'link' | 'code';
  answeredAt: Timestamp;
}

export interface MonthlyReportTable {
  id: Generated<number>;
  month: string;
  trigger: 'schedule' | 'manual';
  generatedBy: string | null;
  generatedAt: Timestamp;
  figures: Json<unknown>;
  xlsx: Uint8Array;
  pdf: Uint8Array;
  xlsxSha256: string;
  pdfSha256: string;
}

export interface AccessReviewSignoffTable {
  id: Generated<number>;
  month: string;
  reviewerId: string;
  reviewerLogin: string;
  signedAt: Timestamp;
  note: string;
  flags: Json;
}

export interface DB {
  surveyInvitation: SurveyInvitationTable;
  surveyResponse: SurveyResponseTable;
  monthlyReport: MonthlyReportTable;
  accessReviewSignoff: AccessReviewSignoffTable;
}

// ── Hash-chain checks (migration 20261127210000_chain_check.sql) ────────────────────────────────
export type ChainName = 'audit' | 'access';
export interface ChainCheckTable {
  chain: ChainName;
  verifiedToId: number | null;
  verifiedToHash: string | null;
  fullAt: Timestamp | null;
  fullBrokenAt: number | null;
  checkedAt: Timestamp;
}
export interface DB {
  chainCheck: ChainCheckTable;
}
export type NoticeDocument = Selectable<NoticeDocumentTable>;
export type NewNoticeDocument = Insertable<NoticeDocumentTable>;

// ── Published chain heads (migration 20261204030000_chain_head.sql, issue 14 §4) ──────────────
export interface ChainHeadTable {
  chain: ChainName;
  /** Korean calendar day, 'YYYY-MM-DD'. */
  day: string;
  lastId: number | null;
  headHash: string | null;
  rowsThatDay: number;
  computedAt: Timestamp;
  publishedAt: Timestamp | null;
  notificationId: string | null;
}
export interface DB {
  chainHead: ChainHeadTable;
}

// ── Access-record counts per account, Korean day and action (migration 20261204030100, issue 14 §6) ──
export interface AccessRecordDayTable {
  accountKey: string;
  accountId: string | null;
  login: string | null;
  day: string;
  action: string;
  inHours: number;
  offHours: number;
}
export interface DB {
  accessRecordDay: AccessRecordDayTable;
}

// ── Reminders the owner agreed to (migration 20261206010000, issue 13 §2) ──
export type OwnerLanguage = 'ko' | 'en' | 'zh' | 'vi';
export type ReminderEvent = 'status_changed' | 'document_due' | 'digest' | 'survey';
export type ReminderChannel = 'sms' | 'email' | 'alimtalk';
export interface ContactPreferenceTable {
  businessId: string;
  sms: ColumnType<boolean, boolean | undefined, boolean>;
  email: ColumnType<boolean, boolean | undefined, boolean>;
  alimtalk: ColumnType<boolean, boolean | undefined, boolean>;
  phone: string | null;
  emailAddress: string | null;
  language: ColumnType<OwnerLanguage, OwnerLanguage | undefined, OwnerLanguage>;
  consentTextVersion: string | null;
  consentedAt: Date | null;
  consentMethod: 'written' | 'verbal' | 'electronic' | null;
  consentRecordedBy: string | null;
  withdrawnAt: Date | null;
  withdrawnVia: 'staff' | 'opt_out_link' | 'owner_link' | 'owner_account' | null;
  weeklyLimit: ColumnType<number, number | undefined, number>;
  version: ColumnType<number, number | undefined, number>;
  updatedAt: Timestamp;
  updatedBy: string | null;
}
export interface ReminderTable {
  id: Generated<string>;
  businessId: string;
  event: ReminderEvent;
  subjectKey: string;
  channel: ReminderChannel;
  countsToLimit: boolean;
  notificationId: string | null;
  optOutHash: string;
  optedOutAt: Date | null;
  createdAt: Timestamp;
}
export type ContactPreference = Selectable<ContactPreferenceTable>;
export type Reminder = Selectable<ReminderTable>;
export interface DB {
  contactPreference: ContactPreferenceTable;
  reminder: ReminderTable;
}

// ── Stored verdicts (migration 20261206030000, issue 12 §2/§4) ──
/** A programme's stored cell: "e" eligible, "p" awaiting review and not ruled out, a number = unknown (missing-facts mask). */
export type VerdictCell = 'e' | 'p' | number;
export interface BusinessVerdictTable {
  businessId: string;
  refDate: ColumnType<string, string, string>;
  cells: ColumnType<Record<string, VerdictCell> | null, string | null, string | null>;
  computedAt: Generated<Date>;
}
export interface VerdictDirtyProgrammeTable {
  programmeId: number;
  markedAt: Generated<Date>;
}
export interface VerdictStateTable {
  id: number;
  epoch: ColumnType<string, string | number, string | number>;
}
export interface DB {
  businessVerdict: BusinessVerdictTable;
  verdictDirtyProgramme: VerdictDirtyProgrammeTable;
  verdictState: VerdictStateTable;
}

// ── Job leases (migration 20261206230000, issue 12 §4: several processes) ──
export interface JobLeaseTable {
  name: string;
  holder: string;
  until: Timestamp;
}
export interface DB {
  jobLease: JobLeaseTable;
}
