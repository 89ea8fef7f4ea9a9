-- Casework: intake details, consent, caseload, activities (상담일지), tasks, participation
-- workflow history, document files, access records (접속기록) and owner access links.

-- Business intake details (facts live in the catalogue migration's columns).
alter table business add column owner_user_id uuid references app_user (id);
alter table business add column address text;
alter table business add column eup_myeon_dong text;
alter table business add column it_literacy text check (it_literacy in ('low', 'medium', 'high'));
alter table business add column preferred_channel text check (preferred_channel in ('visit', 'phone', 'sms'));
alter table business add column last_contact_at timestamptz;
alter table business add column minimal_only boolean not null default false;
create index business_clerk_idx on business (clerk_id);
create index business_office_idx on business (office_id);

-- 동의 (개인정보 보호법 §15 수집·이용, §17 제3자 제공): text version, date, method, by whom.
create table consent (
  id             uuid primary key default gen_random_uuid(),
  business_id    uuid not null references business (id),
  kind           text not null check (kind in ('collection', 'third_party')),
  text_version   text not null,
  method         text not null check (method in ('written', 'verbal', 'electronic')),
  given_on       date not null,
  recorded_by    uuid references app_user (id),
  recorded_at    timestamptz not null default now(),
  withdrawn_at   timestamptz,
  withdrawn_by   uuid references app_user (id)
);
create index consent_business_idx on consent (business_id);

-- 상담일지
create table activity (
  id             uuid primary key default gen_random_uuid(),
  business_id    uuid not null references business (id),
  clerk_id       uuid not null references app_user (id),
  kind           text not null check (kind in ('visit', 'call', 'office', 'sms')),
  occurred_on    date not null,
  minutes        integer check (minutes >= 0 and minutes <= 1440),
  summary        text not null,
  next_action    text,
  next_due_on    date,
  created_at     timestamptz not null default now()
);
create index activity_business_idx on activity (business_id, occurred_on desc);
create index activity_clerk_idx on activity (clerk_id, occurred_on desc);

create table task (
  id             uuid primary key default gen_random_uuid(),
  business_id    uuid not null references business (id),
  clerk_id       uuid not null references app_user (id),
  activity_id    uuid references activity (id),
  title          text not null,
  due_on         date not null,
  done_at        timestamptz,
  created_at     timestamptz not null default now()
);
create index task_clerk_idx on task (clerk_id, due_on) where done_at is null;

-- 사업 참여: workflow details and history.
alter table participation add column submitted_on date;
alter table participation add column submission_channel text;
alter table participation add column decided_on date;
alter table participation add column note text;
alter table participation add column created_by uuid references app_user (id);

create table participation_event (
  id                 bigserial primary key,
  participation_id   uuid not null references participation (id),
  from_status        text,
  to_status          text not null,
  reason             text,
  detail             jsonb not null default '{}'::jsonb,
  actor_user_id      uuid references app_user (id),
  at                 timestamptz not null default now()
);
create index participation_event_idx on participation_event (participation_id, id);

-- Document files (uploads). The bytes are stored here (bytea) so a backup of the database is a
-- backup of everything; size is capped by the upload limit.
create table document_file (
  id              uuid primary key default gen_random_uuid(),
  business_id     uuid not null references business (id),
  document_id     uuid references business_document (id),
  file_name       text not null,
  media_type      text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes      integer not null,
  sha256          text not null,
  content         bytea not null,
  uploaded_by     uuid references app_user (id),
  uploaded_at     timestamptz not null default now()
);
create index document_file_business_idx on document_file (business_id);
alter table business_document add column participation_id uuid references participation (id);
alter table business_document add column recorded_by uuid references app_user (id);

-- 접속기록 (안전성 확보조치 기준 §8): who, when, from where, whose data, what was done.
-- Kept ≥ 1 year (≥ 2 years above 50,000 data subjects); hash-chained like the audit trail.
create table access_record (
  id              bigserial primary key,
  at              timestamptz not null default now(),
  account_id      uuid references app_user (id),
  account_login   text,
  ip              text,
  subject_type    text not null,
  subject_id      text not null,
  action          text not null check (action in ('view', 'create', 'update', 'delete', 'print', 'download')),
  reason          text,
  detail          jsonb not null default '{}'::jsonb,
  request_id      text,
  retain_until    timestamptz not null,
  prev_hash       text,
  hash            text not null
);
create index access_record_at_idx on access_record (at);
create index access_record_subject_idx on access_record (subject_type, subject_id);
create index access_record_account_idx on access_record (account_id, at);

-- One-time links for owners (sent by SMS through the outbox; valid 24 h; hashed at rest).
create table owner_link (
  id            uuid primary key default gen_random_uuid(),
  business_id   uuid not null references business (id),
  token_hash    text not null unique,
  expires_at    timestamptz not null,
  used_at       timestamptz,
  created_by    uuid references app_user (id),
  created_at    timestamptz not null default now()
);
