-- The clerk's lifecycle (issue 6): open recruitment (서류 → 면접), selection within office quotas
-- with a waiting list, training, contract periods with caseload hand-over, and employment
-- linkage with 여성새로일하기센터 (새일센터) counsellors.

-- 채용 회차. questions / documents / criteria are small lists edited with the round (jsonb);
-- their shapes are in src/domain/recruitment (screening.ts, scoring.ts).
create table recruitment_round (
  id                 serial primary key,
  title              text not null,
  notice             text not null,
  opens_at           timestamptz not null,
  closes_at          timestamptz not null,
  activity_start     date,
  activity_end       date,
  questions          jsonb not null default '[]'::jsonb,
  documents          jsonb not null default '[]'::jsonb,
  criteria           jsonb not null default '[]'::jsonb,
  -- How long applicants' data is kept after the round closes (stated in the consent text).
  retention_months   integer not null default 12 check (retention_months between 1 and 60),
  consent_version    text not null,
  published          boolean not null default false,
  selection_done_at  timestamptz,
  receipt_seq        integer not null default 0,
  is_sample          boolean not null default false,
  version            integer not null default 1,
  created_by         uuid references app_user (id),
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  check (closes_at > opens_at),
  check (activity_end is null or activity_start is null or activity_end >= activity_start)
);

-- 사무소별 선발 인원 (posts per office).
create table recruitment_quota (
  round_id   integer not null references recruitment_round (id) on delete cascade,
  office_id  integer not null references office (id),
  posts      integer not null check (posts between 0 and 500),
  primary key (round_id, office_id)
);

-- 지원자. No 주민등록번호 column, ever (개인정보 보호법 제24조의2); the service refuses inputs that
-- look like one. The access code (resume a draft / see the status) is stored only as SHA-256.
create table applicant (
  id                   serial primary key,
  round_id             integer not null references recruitment_round (id),
  status               text not null default 'draft' check (status in ('draft', 'submitted', 'withdrawn')),
  receipt_no           text unique,
  name                 text not null,
  email                text,
  phone                text,
  office_id            integer references office (id),
  answers              jsonb not null default '{}'::jsonb,
  career_summary       text,
  motivation           text,
  consent_version      text not null,
  consented_at         timestamptz not null,
  retain_until         date not null,
  code_hash            text not null,
  code_expires_at      timestamptz not null,
  code_failures        integer not null default 0,
  code_locked_until    timestamptz,
  session_hash         text unique,
  session_expires_at   timestamptz,
  screening            jsonb,
  eligible             boolean,
  screening_override   jsonb,
  interview_at         timestamptz,
  interview_place      text,
  decision             text check (decision in ('selected', 'waiting', 'rejected', 'declined', 'withdrawn')),
  rank                 integer,
  decided_at           timestamptz,
  clerk_user_id        uuid unique references app_user (id),
  submitted_at         timestamptz,
  version              integer not null default 1,
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now(),
  check (email is not null or phone is not null),
  check (status = 'draft' or receipt_no is not null)
);
create index applicant_round_idx on applicant (round_id, status);
create index applicant_contact_email_idx on applicant (round_id, lower(email));
create index applicant_contact_phone_idx on applicant (round_id, phone);

-- 증빙 파일: PDF/JPG/PNG checked by content, kept in the database with the application (same
-- transaction, same backup, deleted with it when the retention period ends).
create table applicant_file (
  id             serial primary key,
  applicant_id   integer not null references applicant (id) on delete cascade,
  document_code  text not null,
  file_name      text not null,
  media_type     text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes     integer not null check (size_bytes > 0),
  sha256         text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content        bytea not null,
  created_at     timestamptz not null default now()
);
create index applicant_file_applicant_idx on applicant_file (applicant_id);

-- 심사위원 배정: each reviewer sees and scores only their own assignments; a declared conflict of
-- interest takes them off the application and their scores out of the total.
create table reviewer_assignment (
  id               serial primary key,
  applicant_id     integer not null references applicant (id) on delete cascade,
  reviewer_id      uuid not null references app_user (id),
  stage            text not null check (stage in ('document', 'interview')),
  status           text not null default 'assigned' check (status in ('assigned', 'scored', 'conflict')),
  scores           jsonb,
  comment          text,
  conflict_reason  text,
  assigned_by      uuid references app_user (id),
  assigned_at      timestamptz not null default now(),
  scored_at        timestamptz,
  version          integer not null default 1,
  unique (applicant_id, reviewer_id, stage)
);
create index reviewer_assignment_reviewer_idx on reviewer_assignment (reviewer_id, status);

-- Every decision about an applicant, with who and why (shown on the applicant page; the audit
-- trail has the same events in its hash chain).
create table applicant_event (
  id             bigserial primary key,
  applicant_id   integer not null references applicant (id) on delete cascade,
  at             timestamptz not null default now(),
  action         text not null,
  reason         text,
  actor_user_id  uuid references app_user (id),
  actor_login    text,
  detail         jsonb not null default '{}'::jsonb
);
create index applicant_event_applicant_idx on applicant_event (applicant_id, id);

-- 교육
create table training_course (
  id                     serial primary key,
  title                  text not null,
  description            text,
  required_hours         numeric(5, 1) not null check (required_hours > 0),
  -- Must be complete before a caseload is given (configurable per course).
  required_for_caseload  boolean not null default true,
  active                 boolean not null default true,
  certificate_seq        integer not null default 0,
  version                integer not null default 1,
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now()
);

create table training_session (
  id          serial primary key,
  course_id   integer not null references training_course (id) on delete cascade,
  starts_at   timestamptz not null,
  hours       numeric(4, 1) not null check (hours > 0 and hours <= 24),
  place       text,
  online      boolean not null default false,
  created_at  timestamptz not null default now()
);
create index training_session_course_idx on training_session (course_id, starts_at);

create table training_enrolment (
  course_id       integer not null references training_course (id) on delete cascade,
  clerk_id        uuid not null references app_user (id),
  enrolled_at     timestamptz not null default now(),
  enrolled_by     uuid references app_user (id),
  completed_at    timestamptz,
  certificate_no  text unique,
  primary key (course_id, clerk_id)
);
create index training_enrolment_clerk_idx on training_enrolment (clerk_id);

create table training_attendance (
  session_id   integer not null references training_session (id) on delete cascade,
  clerk_id     uuid not null references app_user (id),
  attended     boolean not null,
  recorded_by  uuid references app_user (id),
  recorded_at  timestamptz not null default now(),
  primary key (session_id, clerk_id)
);

-- 활동 기간 (contract). At its end the clerk's caseload is handed over, never orphaned.
create table clerk_contract (
  id            serial primary key,
  clerk_id      uuid not null references app_user (id),
  applicant_id  integer references applicant (id),
  office_id     integer references office (id),
  starts_on     date not null,
  ends_on       date not null,
  ended_at      timestamptz,
  ended_by      uuid references app_user (id),
  end_note      text,
  version       integer not null default 1,
  created_at    timestamptz not null default now(),
  check (ends_on >= starts_on)
);
create index clerk_contract_clerk_idx on clerk_contract (clerk_id);
create index clerk_contract_ends_idx on clerk_contract (ends_on) where ended_at is null;

create table caseload_handover (
  id             bigserial primary key,
  contract_id    integer not null references clerk_contract (id),
  business_id    uuid not null references business (id),
  from_clerk_id  uuid not null references app_user (id),
  to_clerk_id    uuid references app_user (id),
  action         text not null check (action in ('reassigned', 'closed')),
  reason         text,
  at             timestamptz not null default now(),
  by_user_id     uuid references app_user (id),
  check ((action = 'reassigned') = (to_clerk_id is not null))
);
create index caseload_handover_contract_idx on caseload_handover (contract_id);

-- 새일센터 연계: the clerk's own consent (text version, date, method), then the referral.
create table employment_consent (
  id               serial primary key,
  clerk_id         uuid not null references app_user (id),
  consent_version  text not null,
  method           text not null check (method in ('web', 'paper')),
  given_at         timestamptz not null default now(),
  withdrawn_at     timestamptz
);
create index employment_consent_clerk_idx on employment_consent (clerk_id);

create table employment_referral (
  id              serial primary key,
  clerk_id        uuid not null references app_user (id),
  counsellor_id   uuid not null references app_user (id),
  consent_id      integer not null references employment_consent (id),
  referred_by     uuid references app_user (id),
  referred_at     timestamptz not null default now(),
  referred_on     date not null,
  note            text,
  outcome         text check (outcome in ('employed', 'seeking', 'not_seeking')),
  employer_type   text check (employer_type in ('private', 'public', 'social', 'self', 'other')),
  employed_on     date,
  outcome_at      timestamptz,
  closed_at       timestamptz,
  version         integer not null default 1,
  check (outcome is distinct from 'employed' or (employer_type is not null and employed_on is not null))
);
-- One open referral per clerk.
create unique index employment_referral_open_idx on employment_referral (clerk_id) where closed_at is null;
create index employment_referral_counsellor_idx on employment_referral (counsellor_id);

create table counselling_session (
  id           serial primary key,
  referral_id  integer not null references employment_referral (id) on delete cascade,
  held_on      date not null,
  mode         text not null check (mode in ('visit', 'phone', 'online')),
  summary      text not null,
  created_by   uuid references app_user (id),
  created_at   timestamptz not null default now()
);

create table job_referral (
  id           serial primary key,
  referral_id  integer not null references employment_referral (id) on delete cascade,
  employer     text not null,
  job_title    text not null,
  referred_on  date not null,
  result       text not null default 'pending' check (result in ('pending', 'hired', 'not_hired', 'declined')),
  created_by   uuid references app_user (id),
  created_at   timestamptz not null default now()
);
