-- 공공사무원의 도움 받기 (issue 13 §1): an owner who did the public self-check asks a clerk for help.
-- The request goes to the queue of the office covering the 시·군 answered, with the answers as facts.
-- Personal data (name, phone): seen only by staff of that office (and operators) through the
-- personal-data gate. Retention (개인정보 보호법 §21): a request is deleted 90 days after it is
-- closed or converted into a tracked business (purge_after), by the daily help_requests.purge job;
-- an open request older than a year is closed by the same job and purged 90 days later.
create table help_request (
  id                    uuid primary key default gen_random_uuid(),
  created_at            timestamptz not null default now(),
  municipality_code     text not null references municipality (code),
  office_id             integer references office (id),
  name                  text not null,
  phone                 text not null,
  preferred_time        text not null check (preferred_time in ('morning', 'afternoon', 'evening', 'any')),
  consent_text_version  text not null,
  consent_given_at      timestamptz not null,
  -- the self-check answers (CheckAnswersInput: ranges, no birth date)
  answers               jsonb not null default '{}',
  status                text not null default 'open' check (status in ('open', 'converted', 'closed')),
  business_id           uuid references business (id) on delete set null,
  closed_at             timestamptz,
  closed_by             uuid references app_user (id),
  purge_after           timestamptz,
  check ((status = 'open') = (closed_at is null))
);
create index help_request_queue on help_request (office_id, status, created_at);
create index help_request_purge on help_request (purge_after) where purge_after is not null;
