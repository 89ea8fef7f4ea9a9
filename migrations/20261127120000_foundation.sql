-- Foundation: administrative geography, organisation, accounts, sessions, tokens, audit, outbox.

-- 시·군 (행정표준코드). Reference data from DOMAIN.md; 일반구 codes below cities change over time,
-- so the table is versioned by valid_from / valid_to instead of being a constant in code.
create table municipality (
  code        text primary key check (code ~ '^[0-9]{5}$'),
  name        text not null,
  kind        text not null check (kind in ('si', 'gun')),
  region_id   integer,
  valid_from  date not null default date '2026-01-01',
  valid_to    date,
  source      text not null default '행정표준코드관리시스템 (DOMAIN.md)'
);

-- 권역 (editable): defaults from the 6-region split used by 경기도시장상권진흥원 centres.
create table region (
  id          serial primary key,
  name        text not null unique,
  hub         text not null,
  version     integer not null default 1,
  updated_at  timestamptz not null default now()
);
alter table municipality add constraint municipality_region_fk foreign key (region_id) references region (id);

-- 사무소
create table office (
  id          serial primary key,
  name        text not null unique,
  region_id   integer not null references region (id),
  address     text,
  phone       text,
  is_demo     boolean not null default false,
  active      boolean not null default true,
  version     integer not null default 1,
  updated_at  timestamptz not null default now()
);

create table office_municipality (
  office_id          integer not null references office (id) on delete cascade,
  municipality_code  text not null references municipality (code),
  primary key (office_id, municipality_code)
);

create table app_user (
  id                    uuid primary key default gen_random_uuid(),
  login                 text not null,
  display_name          text not null,
  email                 text,
  phone                 text,
  role                  text not null check (role in ('owner','clerk','office_lead','operator','province','saeil_counsellor','catalog_editor','admin')),
  office_id             integer references office (id),
  locale                text not null default 'ko',
  password_hash         text not null,
  must_change_password  boolean not null default false,
  active                boolean not null default true,
  failed_attempts       integer not null default 0,
  locked_until          timestamptz,
  last_login_at         timestamptz,
  is_demo               boolean not null default false,
  version               integer not null default 1,
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now()
);
create unique index app_user_login_key on app_user (lower(login));

-- Sessions: the cookie holds a random token, the table only its SHA-256.
create table user_session (
  id_hash       text primary key,
  user_id       uuid not null references app_user (id) on delete cascade,
  created_at    timestamptz not null default now(),
  last_seen_at  timestamptz not null default now(),
  expires_at    timestamptz not null,
  ip            text,
  user_agent    text
);
create index user_session_user_idx on user_session (user_id);
create index user_session_expires_idx on user_session (expires_at);

-- Personal access tokens for API clients (hashed at rest; the clear token is shown once).
create table api_token (
  id            uuid primary key default gen_random_uuid(),
  user_id       uuid not null references app_user (id) on delete cascade,
  name          text not null,
  prefix        text not null,
  token_hash    text not null unique,
  created_by    uuid references app_user (id),
  created_at    timestamptz not null default now(),
  last_used_at  timestamptz,
  expires_at    timestamptz,
  revoked_at    timestamptz,
  revoked_by    uuid references app_user (id)
);

-- Audit trail (sign-in, failures, lockouts, permission grants/changes/revocations, settings).
-- 「개인정보의 안전성 확보조치 기준」 §5: records of granting, changing and revoking access rights
-- are kept for at least 3 years; retain_until is set per row and only the purge job may delete
-- after it. Rows are chained by hash so that an edited or removed row is detectable.
create table audit_event (
  id              bigserial primary key,
  at              timestamptz not null default now(),
  actor_user_id   uuid references app_user (id),
  actor_login     text,
  action          text not null,
  target_user_id  uuid references app_user (id),
  subject_type    text,
  subject_id      text,
  detail          jsonb not null default '{}'::jsonb,
  ip              text,
  request_id      text,
  retain_until    timestamptz not null,
  prev_hash       text,
  hash            text not null
);
create index audit_event_at_idx on audit_event (at);
create index audit_event_action_idx on audit_event (action);
create index audit_event_target_idx on audit_event (target_user_id);

-- Notification outbox: written in the same transaction as the change that causes it,
-- delivered by the worker with retries, ending in 'sent' or 'failed'.
create table notification (
  id               uuid primary key default gen_random_uuid(),
  channel          text not null check (channel in ('email', 'sms')),
  recipient        text not null,
  recipient_user_id uuid references app_user (id),
  template         text not null,
  locale           text not null default 'ko',
  params           jsonb not null default '{}'::jsonb,
  subject          text,
  body             text not null,
  status           text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
  attempts         integer not null default 0,
  next_attempt_at  timestamptz not null default now(),
  last_error       text,
  provider         text,
  provider_ref     text,
  created_at       timestamptz not null default now(),
  sent_at          timestamptz
);
create index notification_due_idx on notification (next_attempt_at) where status = 'pending';

-- 6 권역 (default, editable).
insert into region (name, hub) values
  ('남부(수원)', '수원'),
  ('남부(화성)', '화성'),
  ('남동(광주)', '광주'),
  ('남서(시흥)', '시흥'),
  ('북부(남양주)', '남양주'),
  ('북서(파주)', '파주');

-- 31 시·군 with 행정표준코드 and their default 권역.
insert into municipality (code, name, kind, region_id) values
  ('41110', '수원시',   'si',  (select id from region where name = '남부(수원)')),
  ('41130', '성남시',   'si',  (select id from region where name = '남동(광주)')),
  ('41150', '의정부시', 'si',  (select id from region where name = '북부(남양주)')),
  ('41170', '안양시',   'si',  (select id from region where name = '남서(시흥)')),
  ('41190', '부천시',   'si',  (select id from region where name = '남서(시흥)')),
  ('41210', '광명시',   'si',  (select id from region where name = '남서(시흥)')),
  ('41220', '평택시',   'si',  (select id from region where name = '남부(화성)')),
  ('41250', '동두천시', 'si',  (select id from region where name = '북서(파주)')),
  ('41270', '안산시',   'si',  (select id from region where name = '남서(시흥)')),
  ('41280', '고양시',   'si',  (select id from region where name = '북서(파주)')),
  ('41290', '과천시',   'si',  (select id from region where name = '남부(수원)')),
  ('41310', '구리시',   'si',  (select id from region where name = '북부(남양주)')),
  ('41360', '남양주시', 'si',  (select id from region where name = '북부(남양주)')),
  ('41370', '오산시',   'si',  (select id from region where name = '남부(화성)')),
  ('41390', '시흥시',   'si',  (select id from region where name = '남서(시흥)')),
  ('41410', '군포시',   'si',  (select id from region where name = '남부(수원)')),
  ('41430', '의왕시',   'si',  (select id from region where name = '남부(수원)')),
  ('41450', '하남시',   'si',  (select id from region where name = '북부(남양주)')),
  ('41460', '용인시',   'si',  (select id from region where name = '남부(수원)')),
  ('41480', '파주시',   'si',  (select id from region where name = '북서(파주)')),
  ('41500', '이천시',   'si',  (select id from region where name = '남동(광주)')),
  ('41550', '안성시',   'si',  (select id from region where name = '남부(화성)')),
  ('41570', '김포시',   'si',  (select id from region where name = '북서(파주)')),
  ('41590', '화성시',   'si',  (select id from region where name = '남부(화성)')),
  ('41610', '광주시',   'si',  (select id from region where name = '남동(광주)')),
  ('41630', '양주시',   'si',  (select id from region where name = '북서(파주)')),
  ('41650', '포천시',   'si',  (select id from region where name = '북부(남양주)')),
  ('41670', '여주시',   'si',  (select id from region where name = '남동(광주)')),
  ('41800', '연천군',   'gun', (select id from region where name = '북서(파주)')),
  ('41820', '가평군',   'gun', (select id from region where name = '북부(남양주)')),
  ('41830', '양평군',   'gun', (select id from region where name = '북부(남양주)'));
