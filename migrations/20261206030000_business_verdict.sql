-- Stored verdicts (issue 12 §2, §4): one compact row per tracked business holding its verdict for
-- every current programme, so that /home and /businesses/:id read verdicts instead of evaluating the
-- catalogue (2,000 programmes) with explanations on every view. Filled by the application
-- (src/modules/matching/stored-verdicts.service.ts) from the per-business engine, the oracle.
--
-- cells: { "<programme id>": "e" | "p" | <mask> } for the programmes that are not ruled out:
--   "e"    eligible (a reviewed rule, region set);
--   <mask> unknown, with the facts still missing as the engine's bit mask (FACT_BIT, src/domain/eligibility);
--   "p"    awaiting review (drafted rule / region unset) and not ruled out by the screen (issue 11 §2).
-- A programme absent from cells is ineligible (or ruled out by the screen).
-- ref_date: the Korean day the row was evaluated for (업력, 나이, 서류 유효기간 move with it); a row of an
-- earlier day is stale and recomputed on read (and by the nightly rebuild). Application windows
-- (마감 임박, 접수 예정) are not stored: pages compare the programme's dates with today at read time.
--
-- Invalidation is kept by triggers so that no write path can forget it (a form, the API, an import,
-- the owner's corrections, a NTS status check, a participation, a document, the retention job):
-- - a business's facts, participations (수혜 이력) or documents change → its row's cells become null
--   (recomputed on the next read: one row);
-- - a programme's current version changes, or the current version is updated in place (review,
--   region, rule, dates) → the programme is marked in verdict_dirty_programme (readers evaluate that
--   column live until the column is recomputed — one column — and the mark removed) and the
--   catalogue epoch moves (every process reloads its cached catalogue on its next request).
create table business_verdict (
  business_id  uuid primary key references business (id) on delete cascade,
  ref_date     date not null,
  cells        jsonb,
  computed_at  timestamptz not null default now()
);

create table verdict_dirty_programme (
  programme_id integer primary key references programme (id) on delete cascade,
  marked_at    timestamptz not null default clock_timestamp()
);

-- One row: the catalogue's epoch, read on every request by each process (a shared invalidation).
create table verdict_state (
  id     integer primary key check (id = 1),
  epoch  bigint not null
);
insert into verdict_state (id, epoch) values (1, 1);

create function business_verdict_stale() returns trigger language plpgsql as $$
begin
  if tg_op <> 'INSERT' then
    update business_verdict set cells = null where business_id = old.business_id and cells is not null;
  end if;
  if tg_op <> 'DELETE' then
    update business_verdict set cells = null where business_id = new.business_id and cells is not null;
  end if;
  return null;
end $$;

create function business_verdict_stale_business() returns trigger language plpgsql as $$
begin
  update business_verdict set cells = null where business_id = new.id and cells is not null;
  return null;
end $$;

create trigger business_verdict_business after update on business
  for each row when (old.* is distinct from new.*) execute function business_verdict_stale_business();
create trigger business_verdict_participation after insert or update or delete on participation
  for each row execute function business_verdict_stale();
create trigger business_verdict_document after insert or update or delete on business_document
  for each row execute function business_verdict_stale();

create function verdict_programme_changed() returns trigger language plpgsql as $$
declare
  pid integer;
begin
  if tg_table_name = 'programme' then
    if tg_op = 'DELETE' then
      update verdict_state set epoch = epoch + 1 where id = 1;
      return null;
    end if;
    pid := new.id;
  else
    -- programme_version: only the current version counts (a draft changes nothing yet).
    select p.id into pid from programme p where p.current_version_id = new.id;
    if pid is null then
      return null;
    end if;
  end if;
  insert into verdict_dirty_programme (programme_id) values (pid)
    on conflict (programme_id) do update set marked_at = clock_timestamp();
  update verdict_state set epoch = epoch + 1 where id = 1;
  return null;
end $$;

create trigger verdict_programme_insert after insert on programme
  for each row execute function verdict_programme_changed();
create trigger verdict_programme_current after update of current_version_id on programme
  for each row when (old.current_version_id is distinct from new.current_version_id) execute function verdict_programme_changed();
create trigger verdict_programme_delete after delete on programme
  for each row execute function verdict_programme_changed();
create trigger verdict_programme_version after update on programme_version
  for each row when (old.* is distinct from new.*) execute function verdict_programme_changed();
