-- One run of a background job at a time across processes (issue 12 §4: several instances on one
-- PostgreSQL, ITDA_WORKERS). pg-boss already hands each queued job to one worker (SKIP LOCKED) and
-- sends each cron tick once; what it does not prevent is a second job of the same name starting in
-- another process while a long run is still going (a `notices.read` fetching attachments for more
-- than a minute, a rebuild past its next tick, `itda jobs run` by hand). A run holds this row's lease
-- and renews it while it works; a process that dies loses it when `until` passes.
create table job_lease (
  name   text primary key,
  holder text not null,
  until  timestamptz not null
);
