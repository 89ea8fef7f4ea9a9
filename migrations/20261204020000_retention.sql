-- Retention (issue 14 §3; 개인정보 보호법 §21, §35–37). The rules themselves are data in
-- src/domain/retention/retention.rules.ts; the nightly job retention.nightly runs them.

-- A business whose retention ended is anonymised, not deleted: its participations stay for the
-- programme's figures, without anything that identifies the owner (개인정보 보호법 §58의2).
alter table business add column anonymised_at timestamptz;

-- One row per run of the retention job (or a deletion decided on an owner's request).
create table retention_run (
  id           bigserial primary key,
  started_at   timestamptz not null,
  finished_at  timestamptz,
  trigger      text not null check (trigger in ('schedule', 'manual', 'request')),
  total        integer not null default 0
);

-- 파기 대장: what kind, how many, when, how, by which rule (개인정보 보호법 §21 ③, 표준 개인정보 보호지침
-- §10–11: 파기 결과를 기록·관리). No personal data: kinds and counts only.
create table destruction_record (
  id           bigserial primary key,
  run_id       bigint not null references retention_run (id),
  at           timestamptz not null,
  rule_id      text not null,
  kind         text not null,
  method       text not null check (method in ('destroy', 'anonymise')),
  count        integer not null check (count >= 0),
  cutoff       timestamptz,
  basis        text not null
);
create index destruction_record_at_idx on destruction_record (at desc);

-- 정보주체의 정정·삭제 요구 (개인정보 보호법 §36; 시행령 §43: 10일 이내 조치·통지), from the owner page.
create table data_request (
  id            uuid primary key default gen_random_uuid(),
  business_id   uuid not null references business (id),
  kind          text not null check (kind in ('correction', 'deletion')),
  reason        text not null,
  via           text not null check (via in ('owner_link', 'owner_account')),
  requested_at  timestamptz not null,
  due_on        date not null,
  status        text not null default 'open' check (status in ('open', 'corrected', 'deleted', 'refused')),
  outcome_note  text,
  decided_by    uuid references app_user (id),
  decided_at    timestamptz
);
create index data_request_business_idx on data_request (business_id);
create index data_request_open_idx on data_request (due_on) where status = 'open';
