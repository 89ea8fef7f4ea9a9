-- One number per business that moves whenever a row the business page shows changes (issue 12 §4).
-- The page's fingerprint (businesses.repository.ts `pageFingerprint`) read the row version of every
-- row of every table in PAGE_TABLES, one index probe and one aggregate per table: 0.6–0.8 ms of
-- PostgreSQL's CPU on each view, three quarters of the whole fingerprint (measured on the bench's
-- database: 0.19 ms without those lists). It now reads this row instead: one primary-key probe.
-- Kept by statement-level triggers on each table of PAGE_TABLES (one upsert per statement, however
-- many rows; businesses in key order, so two statements over several businesses take their rows'
-- locks in the same order). A rolled-back change rolls its bump back; a committed one always gives
-- a new number, because bumps of one business wait for each other on its row.
-- No foreign key: a business's rows are deleted with it (cascade), and their triggers run after its
-- own row is gone; an orphan row holds no personal data (a uuid and a count) and is never read.
-- A test (test/integration/page-cache.test.ts) checks that every table of PAGE_TABLES has the three
-- triggers, so a table added to the page later cannot be left out here.
create table business_revision (
  business_id uuid primary key,
  rev         bigint not null
);

create function business_revision_added() returns trigger language plpgsql as $$
begin
  insert into business_revision as r (business_id, rev)
  select distinct business_id, 1 from added where business_id is not null order by 1
  on conflict (business_id) do update set rev = r.rev + 1;
  return null;
end $$;

create function business_revision_removed() returns trigger language plpgsql as $$
begin
  insert into business_revision as r (business_id, rev)
  select distinct business_id, 1 from removed where business_id is not null order by 1
  on conflict (business_id) do update set rev = r.rev + 1;
  return null;
end $$;

create function business_revision_changed() returns trigger language plpgsql as $$
begin
  -- Both sides: a row moved to another business changes both pages.
  insert into business_revision as r (business_id, rev)
  select business_id, 1 from (select business_id from added union select business_id from removed) x
  where business_id is not null order by 1
  on conflict (business_id) do update set rev = r.rev + 1;
  return null;
end $$;

do $$
declare
  t text;
begin
  foreach t in array array['consent', 'activity', 'participation', 'contact_preference', 'reminder', 'signed_paper', 'document_file', 'business_document'] loop
    execute format('create trigger %I after insert on %I referencing new table as added for each statement execute function business_revision_added()', t || '_revision_insert', t);
    execute format('create trigger %I after update on %I referencing old table as removed new table as added for each statement execute function business_revision_changed()', t || '_revision_update', t);
    execute format('create trigger %I after delete on %I referencing old table as removed for each statement execute function business_revision_removed()', t || '_revision_delete', t);
  end loop;
end $$;
