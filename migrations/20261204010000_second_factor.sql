-- Second factor for staff (issue 14 §2; 개인정보의 안전성 확보조치 기준 §6: 안전한 인증수단 for
-- access to the personal-data system from outside and for accounts with wide access rights).
-- TOTP (RFC 6238). The shared secret is stored encrypted (AES-256-GCM, key from ITDA_TOTP_KEY);
-- confirmed_at is null while enrolment waits for the first correct code. last_step is the last
-- accepted time step: a code of that step or an earlier one is refused (RFC 6238 §5.2, no replay).
create table user_totp (
  user_id       uuid primary key references app_user (id) on delete cascade,
  secret_enc    text not null,
  confirmed_at  timestamptz,
  last_step     bigint,
  created_at    timestamptz not null default now()
);

-- Recovery codes: only a keyed hash (HMAC-SHA-256) is kept; each works once (used_at).
create table user_recovery_code (
  id          serial primary key,
  user_id     uuid not null references app_user (id) on delete cascade,
  code_hash   text not null,
  used_at     timestamptz,
  created_at  timestamptz not null default now(),
  unique (user_id, code_hash)
);

-- A session after the password but before the second factor: 'verify' (enrolled) or 'enrol'
-- (required but not yet enrolled). null = fully signed in. Such a session carries no actor.
alter table user_session add column second_factor text check (second_factor in ('verify', 'enrol'));
