-- 접속기록 점검 without reading a month of access records on every view (issue 14 §6). The review's
-- flags (src/domain/metrics/access-review.ts) need, per account and Korean day, the records of each
-- action inside and outside working hours; computed from access_record that was a scan of the whole
-- month (50,000 records: ~0.3–0.5 s on PGlite, where one slow query holds every other request up).
-- This table keeps those counts (about accounts × days × actions rows a month), maintained by
-- statement-level triggers: one upsert per group of an insert, however many rows it has.
-- Working hours are 08:00–20:00 Korean time, as WORKING_HOURS in src/domain/metrics/access-review.ts
-- (weekends and public holidays are told apart by the day, in the application).
create table access_record_day (
  account_key  text not null,            -- account_id as text, '' for none (a key column cannot be null)
  account_id   uuid,
  login        text,                     -- max(account_login) of the group, as the review showed it
  day          date not null,            -- Korean calendar day
  action       text not null,
  in_hours     integer not null,         -- records from 08:00 to 19:59 Korean time
  off_hours    integer not null,         -- records before 08:00 or from 20:00
  primary key (day, account_key, action)
);

insert into access_record_day (account_key, account_id, login, day, action, in_hours, off_hours)
select coalesce(account_id::text, ''), account_id, max(account_login), (at at time zone 'Asia/Seoul')::date, action,
       count(*) filter (where extract(hour from at at time zone 'Asia/Seoul') between 8 and 19),
       count(*) filter (where extract(hour from at at time zone 'Asia/Seoul') not between 8 and 19)
from access_record
group by account_id, 4, action;

create function access_record_day_add() returns trigger language plpgsql as $$
begin
  insert into access_record_day as d (account_key, account_id, login, day, action, in_hours, off_hours)
  select coalesce(account_id::text, ''), account_id, max(account_login), (at at time zone 'Asia/Seoul')::date, action,
         count(*) filter (where extract(hour from at at time zone 'Asia/Seoul') between 8 and 19),
         count(*) filter (where extract(hour from at at time zone 'Asia/Seoul') not between 8 and 19)
  from added
  group by account_id, 4, action
  on conflict (day, account_key, action) do update
    set in_hours = d.in_hours + excluded.in_hours, off_hours = d.off_hours + excluded.off_hours, login = greatest(d.login, excluded.login);
  return null;
end $$;

create function access_record_day_remove() returns trigger language plpgsql as $$
begin
  -- Records past their retention are deleted in bulk: their counts go with them.
  update access_record_day d set in_hours = d.in_hours - r.in_hours, off_hours = d.off_hours - r.off_hours
  from (select coalesce(account_id::text, '') as account_key, (at at time zone 'Asia/Seoul')::date as day, action,
               count(*) filter (where extract(hour from at at time zone 'Asia/Seoul') between 8 and 19) as in_hours,
               count(*) filter (where extract(hour from at at time zone 'Asia/Seoul') not between 8 and 19) as off_hours
        from removed group by 1, 2, 3) r
  where d.day = r.day and d.account_key = r.account_key and d.action = r.action;
  delete from access_record_day where in_hours + off_hours <= 0;
  return null;
end $$;

create trigger access_record_day_insert after insert on access_record
  referencing new table as added for each statement execute function access_record_day_add();
create trigger access_record_day_delete after delete on access_record
  referencing old table as removed for each statement execute function access_record_day_remove();
