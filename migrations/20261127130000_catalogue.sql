-- Programme catalogue (지원사업), versions, document types, businesses (facts for the engine) and
-- participations (사업 참여; the casework workflow extends this table later).

-- 구비서류 종류: validity rules are data (they change), see src/domain/documents/document-types.ts.
create table document_type (
  code           text primary key,
  name           text not null,
  name_en        text,
  issuer         text,
  validity       jsonb not null,
  source         text,
  review_status  text not null default '확인 필요'
);

create table programme (
  id                  serial primary key,
  key                 text not null unique,
  source              text not null check (source in ('bizinfo', 'kstartup', 'gov24', 'manual')),
  source_id           text not null,
  current_version_id  integer,
  is_sample           boolean not null default false,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  unique (source, source_id)
);

-- Every change of rules or facts is a new version with who / when / why (history is viewable).
-- status: 'draft' (editor's proposal, not used for matching) or 'published'.
create table programme_version (
  id                  serial primary key,
  programme_id        integer not null references programme (id) on delete cascade,
  version             integer not null,
  status              text not null default 'published' check (status in ('draft', 'published', 'discarded')),
  title               text not null,
  ministry            text,
  executing_agency    text,
  category            text,
  summary             text,
  target_text         text,
  period_kind         text not null default 'unknown' check (period_kind in ('range', 'always', 'untilBudget', 'varies', 'unknown')),
  period_start        date,
  period_end          date,
  period_raw          text,
  how_to_apply        text,
  detail_url          text,
  apply_url           text,
  contact             text,
  nationwide          boolean not null default false,
  sido                text[] not null default '{}',
  municipalities      text[] not null default '{}',
  benefit_type        text,
  benefit_max_amount  bigint,
  required_documents  text[] not null default '{}',
  document_names      text[] not null default '{}',
  attachments         jsonb not null default '[]'::jsonb,
  rule                jsonb,
  review_status       text not null default '확인 필요',
  review_note         text,
  fingerprint         text,
  source_updated_at   timestamptz,
  raw                 jsonb,
  change_reason       text not null,
  -- The published version a draft was written against: publishing fails (409) if another
  -- version was published in the meantime (optimistic locking, no lost update).
  based_on_version_id integer references programme_version (id),
  created_by          uuid references app_user (id),
  created_by_login    text,
  created_at          timestamptz not null default now(),
  published_at        timestamptz,
  unique (programme_id, version)
);
create index programme_version_programme_idx on programme_version (programme_id, version desc);
alter table programme add constraint programme_current_version_fk foreign key (current_version_id) references programme_version (id);

-- 소상공인 (사업체). The facts the eligibility engine reads; null = unknown, never "no".
-- The intake form, consent and casework fields come with the casework issue.
create table business (
  id                     uuid primary key default gen_random_uuid(),
  brn                    text unique check (brn ~ '^[0-9]{10}$'),
  name                   text not null,
  owner_name             text,
  phone                  text,
  sido_code              text,
  municipality_code      text references municipality (code),
  opened_on              date,
  closed_on              date,
  annual_revenue         bigint,
  workers                numeric(6, 1),
  ksic_code              text,
  nts_industry_code      text,
  owner_birth_date       date,
  owner_gender           text check (owner_gender in ('female', 'male')),
  owner_disabled         boolean,
  owner_veteran          boolean,
  national_tax_arrears   boolean,
  local_tax_arrears      boolean,
  tax_arrears_deferred   boolean,
  credit_delinquent      boolean,
  operating_status       text check (operating_status in ('preparing', 'active', 'suspended', 'closed')),
  premises               text check (premises in ('leased', 'owned')),
  mail_order_registered  boolean,
  office_id              integer references office (id),
  clerk_id               uuid references app_user (id),
  is_sample              boolean not null default false,
  version                integer not null default 1,
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now()
);
create index business_municipality_idx on business (municipality_code);

-- 사업 참여: one business × one programme version.
create table participation (
  id                     uuid primary key default gen_random_uuid(),
  business_id            uuid not null references business (id),
  programme_id           integer not null references programme (id),
  programme_version_id   integer not null references programme_version (id),
  status                 text not null default 'identified' check (status in ('identified', 'informed', 'preparing', 'submitted', 'selected', 'rejected', 'withdrawn', 'benefited')),
  benefit_amount         bigint,
  benefited_on           date,
  version                integer not null default 1,
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now()
);
create index participation_business_idx on participation (business_id);

-- Documents a business holds (구비서류); files and checklists come with the casework issue.
create table business_document (
  id             uuid primary key default gen_random_uuid(),
  business_id    uuid not null references business (id),
  document_type  text not null references document_type (code),
  issued_on      date not null,
  valid_until    date,
  created_at     timestamptz not null default now()
);
create index business_document_business_idx on business_document (business_id);
