-- 상가(상권)정보 (소상공인시장진흥공단) — the public shop registry (issue 12 §1).
-- A registry shop is public data about a place of business, not a casework business: no owner, no
-- personal data, no scope or 접속기록. It becomes a tracked business only when a clerk opens an
-- intake from it (business.store_id keeps the link).

create table store_import (
  id serial primary key,
  file_name text not null,
  encoding text,
  status text not null default 'running' check (status in ('running', 'done', 'failed')),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  started_by uuid references app_user (id),
  started_by_login text not null,
  -- data rows read (header excluded), and what became of them
  total_rows integer not null default 0,
  created integer not null default 0,
  updated integer not null default 0,
  unchanged integer not null default 0,
  closed integer not null default 0,
  rejected integer not null default 0,
  -- kept, but without coordinates (outside Korea or unreadable)
  without_coordinates integer not null default 0,
  -- rows of other 시·도 (the national file): not Itda's
  outside integer not null default 0,
  -- [{ line, storeId, reason, detail, kept }] — the first 1,000 (rejected and kept-with-a-note)
  issues jsonb not null default '[]',
  issues_truncated boolean not null default false,
  -- header notes: optional columns missing, unknown columns
  notes jsonb not null default '{}',
  rows_per_second integer,
  error text
);

create index store_import_started on store_import (started_at desc);

create table store (
  id text primary key, -- 상가업소번호
  name text not null,
  branch_name text,
  industry_large_code text,
  industry_large_name text,
  industry_mid_code text,
  industry_mid_name text,
  industry_small_code text,
  industry_small_name text,
  ksic_code text check (ksic_code ~ '^\d{5}$'),
  ksic_name text,
  sido_code text not null,
  sigungu_code text not null,
  sigungu_name text,
  municipality_code text not null references municipality (code),
  adong_code text,
  adong_name text,
  ldong_code text,
  ldong_name text,
  jibun_address text,
  road_address text,
  building_name text,
  postcode text,
  floor_info text,
  unit_info text,
  lon double precision,
  lat double precision,
  fingerprint text not null,
  first_import_id integer not null references store_import (id),
  changed_import_id integer not null references store_import (id),
  -- absent from a later file covering its 시·군: kept, marked closed (a re-appearance reopens it)
  closed_at timestamptz,
  closed_import_id integer references store_import (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index store_open_by_municipality on store (municipality_code, name) where closed_at is null;

-- Rows of a running import, loaded by COPY and merged into `store` in one transaction. Unlogged: it
-- is rebuilt from the file if the server stops. `rejected` rows keep only their id, so a shop whose
-- row was refused this time is not taken for closed.
create unlogged table store_staging (
  import_id integer not null,
  line integer not null,
  rejected boolean not null default false,
  id text not null,
  name text,
  branch_name text,
  industry_large_code text,
  industry_large_name text,
  industry_mid_code text,
  industry_mid_name text,
  industry_small_code text,
  industry_small_name text,
  ksic_code text,
  ksic_name text,
  sido_code text,
  sigungu_code text,
  sigungu_name text,
  municipality_code text,
  adong_code text,
  adong_name text,
  ldong_code text,
  ldong_name text,
  jibun_address text,
  road_address text,
  building_name text,
  postcode text,
  floor_info text,
  unit_info text,
  lon double precision,
  lat double precision,
  fingerprint text
);

create index store_staging_import on store_staging (import_id, id);

-- The tracked business opened from a registry shop (intake pre-filled from it).
alter table business add column store_id text references store (id) on delete set null;
create index business_store on business (store_id) where store_id is not null;
