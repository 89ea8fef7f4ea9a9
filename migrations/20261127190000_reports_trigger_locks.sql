-- Report facts under concurrent writers. 20261127170000_reports.sql (shipped, not edited) keeps
-- report_participation and report_business_day current from statement-level triggers, but its
-- refresh functions assumed one writer per business. Under READ COMMITTED two transactions touching
-- the same business at once (a 상담일지 logged while a participation of that business changes; a
-- survey answer arriving while the participation moves 선정 → 수혜) each recomputed from a snapshot
-- that could not see the other's uncommitted rows, and then:
--   · report_refresh_business_days (delete, then insert) failed with a unique violation on
--     (business_id, year): the second DELETE skipped the rows the first had already deleted and
--     could not see the first's new ones, so its INSERT collided with them — a user request failed;
--   · report_refresh_participations (one upsert) silently wrote values read before the other
--     transaction committed: whichever committed last overwrote the other's status or survey answer,
--     and for an ended participation nothing refreshed it again, so the dashboards drifted.
-- The functions below keep their names and signatures (the triggers keep pointing at them) and now
-- 1. lock the parent rows, in a fixed order, before reading anything: every writer of a business's
--    facts goes through these functions (or, for report_business_changed, through an UPDATE of the
--    business row itself), so writers of one business take turns;
-- 2. recompute: in PL/pgSQL each statement of a VOLATILE function takes a fresh snapshot under
--    READ COMMITTED, so the statement after the lock sees everything the previous holder committed;
-- 3. write with insert … on conflict do update (no delete-then-insert window).
-- The lock is FOR NO KEY UPDATE, not FOR UPDATE: it must conflict with an UPDATE of the row and
-- with another refresher (both take NO KEY UPDATE), but not with the FOR KEY SHARE locks that
-- foreign-key checks take. With FOR UPDATE, two 상담일지 inserted at once for the same business
-- would deadlock (each insert's FK check holds KEY SHARE on the business, each trigger then waits
-- for the other's KEY SHARE to go).
-- Lock order: participation rows (by id) before business rows (by id). An UPDATE of participation
-- already holds its rows when its trigger fires, so the opposite order could deadlock against it.
-- No path takes a business row and then waits for a participation row.
-- On PGlite (one connection) the locks never wait; the functions behave as before.

create or replace function report_refresh_participations(ids uuid[]) returns void language plpgsql as $$
declare
  bids uuid[];
begin
  -- 1. Lock: the participations, then their businesses (their office, clerk and 시·군 are copied).
  perform 1 from participation where id = any (ids) order by id for no key update;
  bids := array(select distinct business_id from participation where id = any (ids));
  perform 1 from business where id = any (bids) order by id for no key update;
  -- 2.–3. Recompute and upsert (unchanged from 20261127170000_reports.sql; a fresh snapshot now).
  insert into report_participation (participation_id, business_id, office_id, clerk_id, municipality_code, programme_id, category, status,
    identified_on, submitted_on, decided_on, benefited_on, benefit_amount, ever_selected, days_to_submit, days_to_benefit,
    survey_answered_on, survey_q1, survey_q2, survey_q3)
  select pa.id, pa.business_id, b.office_id, b.clerk_id, b.municipality_code, pa.programme_id, coalesce(v.category, ''), pa.status,
    (pa.created_at at time zone 'Asia/Seoul')::date, pa.submitted_on, pa.decided_on, pa.benefited_on, pa.benefit_amount,
    pa.status in ('selected', 'benefited') or ev.selected_at is not null,
    (ev.submitted_at at time zone 'Asia/Seoul')::date - (ev.identified_at at time zone 'Asia/Seoul')::date,
    (ev.benefited_at at time zone 'Asia/Seoul')::date - (ev.identified_at at time zone 'Asia/Seoul')::date,
    (sv.answered_at at time zone 'Asia/Seoul')::date, sv.q1, sv.q2, sv.q3
  from participation pa
  join business b on b.id = pa.business_id
  join programme_version v on v.id = pa.programme_version_id
  left join (
    select e.participation_id,
      min(e.at) filter (where e.to_status = 'identified') as identified_at,
      min(e.at) filter (where e.to_status = 'submitted') as submitted_at,
      min(e.at) filter (where e.to_status = 'selected') as selected_at,
      min(e.at) filter (where e.to_status = 'benefited') as benefited_at
    from participation_event e where e.participation_id = any (ids) group by e.participation_id
  ) ev on ev.participation_id = pa.id
  left join (
    select i.participation_id, r.answered_at, r.q1, r.q2, r.q3
    from survey_invitation i join survey_response r on r.invitation_id = i.id
    where i.participation_id = any (ids)
  ) sv on sv.participation_id = pa.id
  where pa.id = any (ids)
  on conflict (participation_id) do update set
    business_id = excluded.business_id, office_id = excluded.office_id, clerk_id = excluded.clerk_id,
    municipality_code = excluded.municipality_code, programme_id = excluded.programme_id, category = excluded.category,
    status = excluded.status, identified_on = excluded.identified_on, submitted_on = excluded.submitted_on,
    decided_on = excluded.decided_on, benefited_on = excluded.benefited_on, benefit_amount = excluded.benefit_amount,
    ever_selected = excluded.ever_selected, days_to_submit = excluded.days_to_submit, days_to_benefit = excluded.days_to_benefit,
    survey_answered_on = excluded.survey_answered_on, survey_q1 = excluded.survey_q1, survey_q2 = excluded.survey_q2, survey_q3 = excluded.survey_q3;
end $$;

create or replace function report_refresh_business_days(bids uuid[]) returns void language plpgsql as $$
begin
  -- 1. Lock the businesses. Whoever else changes these businesses' facts (report_participation rows
  --    included, read below) either holds these rows already or refreshes again after taking them.
  perform 1 from business where id = any (bids) order by id for no key update;
  -- 2.–3. The business's years, computed as before, upserted; a year left without any day (its
  --    last 상담일지 or milestone moved or removed) is deleted. Rows that would not change are not
  --    rewritten. One statement: `fresh` is computed once and both writes see the same snapshot;
  --    they touch disjoint (business_id, year) keys.
  with fresh as (
    select s.business_id, extract(year from s.d)::int as year,
           bit_or(set_bit(repeat('0', 366)::bit(366), extract(doy from s.d)::int - 1, 1)) as days,
           bit_or(1 << (extract(month from s.d)::int - 1)) as months,
           b.office_id, b.clerk_id, b.municipality_code
    from (
      select a.business_id, a.occurred_on as d from activity a where a.business_id = any (bids)
      union all
      select rp.business_id, x.d from report_participation rp
        cross join lateral unnest(array[rp.identified_on, rp.submitted_on, rp.decided_on, rp.benefited_on]) as x(d)
      where rp.business_id = any (bids) and x.d is not null
    ) s
    join business b on b.id = s.business_id
    group by 1, 2, b.office_id, b.clerk_id, b.municipality_code
  ), upserted as (
    insert into report_business_day as bd (business_id, year, days, months, office_id, clerk_id, municipality_code)
    select business_id, year, days, months, office_id, clerk_id, municipality_code from fresh
    on conflict (business_id, year) do update set
      days = excluded.days, months = excluded.months,
      office_id = excluded.office_id, clerk_id = excluded.clerk_id, municipality_code = excluded.municipality_code
    where (bd.days, bd.months, bd.office_id, bd.clerk_id, bd.municipality_code)
          is distinct from (excluded.days, excluded.months, excluded.office_id, excluded.clerk_id, excluded.municipality_code)
  )
  delete from report_business_day bd
   where bd.business_id = any (bids)
     and not exists (select 1 from fresh f where f.business_id = bd.business_id and f.year = bd.year);
end $$;

-- Deleting a participation cascades to its report_participation row only; the 발굴·신청·결정·수혜
-- days it set in report_business_day stayed. Refresh the businesses it belonged to (statement-level,
-- after the cascade has removed the report_participation rows). No delete path exists in the app
-- today; this keeps the facts right for the first one (and for manual corrections).
create function report_participation_removed() returns trigger language plpgsql as $$
begin
  perform report_refresh_business_days(array(select distinct business_id from ot));
  return null;
end $$;
create trigger report_participation_ad after delete on participation referencing old table as ot for each statement execute function report_participation_removed();

-- Repair: facts a past race may have left wrong (an overwritten status or survey answer, the days
-- of a deleted participation) are recomputed once, now under the locks above.
select report_refresh_participations(array(select id from participation));
select report_refresh_business_days(array(select id from business));
