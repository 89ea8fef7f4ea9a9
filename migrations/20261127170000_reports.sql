-- Operations and reporting (issue 5): dashboards' indexes, satisfaction surveys, the monthly report
-- kept for the province, and the monthly sign-off of the access-record review.
-- The figures themselves are defined in src/domain/metrics; these are the facts and their indexes.

-- ── Index for the activity calendar (operations): 상담일지 of a month, then their clerk ──────────
create index activity_occurred_idx on activity (occurred_on, business_id);

-- ── 만족도 조사 (satisfaction survey) ──────────────────────────────────────────────────────────
-- One invitation per participation, created when it ends (선정·탈락·취소·수혜) or by the sweep.
-- `code` is the printable short code (XXXX-XXXX) the clerk hands over on paper: it is kept in
-- clear so the slip can be printed again; it opens only the 3 questions of this one
-- participation (no personal data is shown behind it), once, until `expires_at`.
-- The SMS link carries a separate random token of which only the SHA-256 is stored.
create table survey_invitation (
  id                uuid primary key default gen_random_uuid(),
  participation_id  uuid not null unique references participation (id),
  business_id       uuid not null references business (id),
  outcome           text not null check (outcome in ('selected', 'rejected', 'withdrawn', 'benefited')),
  code              text not null unique check (code ~ '^[A-Z2-9]{4}-[A-Z2-9]{4}$'),
  token_hash        text unique,
  sms_queued        boolean not null default false,
  created_via       text not null check (created_via in ('transition', 'sweep', 'manual')),
  created_by        uuid references app_user (id),
  created_at        timestamptz not null default now(),
  expires_at        timestamptz not null,
  answered_at       timestamptz
);
create index survey_invitation_business_idx on survey_invitation (business_id);
create index survey_invitation_created_idx on survey_invitation (created_at);

-- Answers: three questions on a 1–5 scale and an optional comment (no 주민등록번호: checked by
-- the service). The 100-point figure is computed in src/domain/metrics/satisfaction.ts.
create table survey_response (
  id              bigserial primary key,
  invitation_id   uuid not null unique references survey_invitation (id),
  q1              smallint not null check (q1 between 1 and 5),
  q2              smallint not null check (q2 between 1 and 5),
  q3              smallint not null check (q3 between 1 and 5),
  comment         text check (comment is null or char_length(comment) <= 500),
  channel         text not null check (channel in ('link', 'code')),
  answered_at     timestamptz not null default now()
);
create index survey_response_answered_idx on survey_response (answered_at);

-- ── 월간 실적 보고 (monthly report to the province) ─────────────────────────────────────────────
-- Kept as generated (the bytes that were sent), with the figures it was made from. A month can be
-- generated again (a late correction): every generation is kept, the newest is the current one.
create table monthly_report (
  id             serial primary key,
  month          text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  trigger        text not null check (trigger in ('schedule', 'manual')),
  generated_by   uuid references app_user (id),
  generated_at   timestamptz not null default now(),
  figures        jsonb not null,
  xlsx           bytea not null,
  pdf            bytea not null,
  xlsx_sha256    text not null,
  pdf_sha256     text not null
);
create index monthly_report_month_idx on monthly_report (month, generated_at desc);

-- ── 접속기록 점검 (안전성 확보조치 기준 §8 ②: 월 1회 이상 점검) ───────────────────────────────────
-- Who reviewed which month, when, what they noted, and the flags they saw (a snapshot).
create table access_review_signoff (
  id              serial primary key,
  month           text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  reviewer_id     uuid not null references app_user (id),
  reviewer_login  text not null,
  signed_at       timestamptz not null default now(),
  note            text not null check (char_length(note) between 2 and 1000),
  flags           jsonb not null default '{}'::jsonb,
  unique (month, reviewer_id)
);

-- ── Report facts (src/domain/metrics/figures.ts) ───────────────────────────────────────────────
-- The dashboards must answer in well under a second over a year of a 10× programme (80,000
-- participations, 224,000 history rows, 400,000 상담일지: bench/reports.bench.ts). Joining and
-- aggregating those per request took 5–9 s; so the facts each figure counts are kept here, one
-- narrow row per participation and one bit string of 상담일지 days per business and year, kept
-- current by statement-level triggers (set-based: a bulk insert refreshes in one statement).
-- These are facts, not figures: rates, medians and suppression stay in the metric functions.

-- One row per participation: the keys it is counted under and its milestones.
create table report_participation (
  participation_id   uuid primary key references participation (id) on delete cascade,
  business_id        uuid not null,
  office_id          integer,             -- the business's office now (follows reassignment)
  clerk_id           uuid,                -- the business's clerk now
  municipality_code  text,                -- the business's 시·군 (its 권역 is looked up when read)
  programme_id       integer not null,
  category           text not null,       -- 분야 of the programme version applied to ('' = none)
  status             text not null,
  identified_on      date not null,       -- 발굴: Korean date the participation was recorded
  submitted_on       date,                -- 신청일
  decided_on         date,                -- 결정일
  benefited_on       date,                -- 수혜일
  benefit_amount     bigint,
  ever_selected      boolean not null,    -- 선정 now, or a history row into 선정 (선정 후 취소)
  days_to_submit     integer,             -- Korean days, first row into 발굴 → first into 신청완료
  days_to_benefit    integer,             -- Korean days, first row into 발굴 → first into 수혜
  survey_answered_on date,                -- 만족도: Korean date of the owner's answer, and the answers
  survey_q1          smallint,
  survey_q2          smallint,
  survey_q3          smallint
);
create index report_participation_business_idx on report_participation (business_id);
create index report_participation_clerk_idx on report_participation (clerk_id);

create function report_refresh_participations(ids uuid[]) returns void language sql as $$
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
$$;

create function report_participation_changed() returns trigger language plpgsql as $$
begin
  perform report_refresh_participations(array(select id from nt));
  perform report_refresh_business_days(array(select distinct business_id from nt));
  return null;
end $$;
create trigger report_participation_ai after insert on participation referencing new table as nt for each statement execute function report_participation_changed();
create trigger report_participation_au after update on participation referencing new table as nt for each statement execute function report_participation_changed();

create function report_event_added() returns trigger language plpgsql as $$
begin
  perform report_refresh_participations(array(select distinct participation_id from nt));
  return null;
end $$;
create function report_event_removed() returns trigger language plpgsql as $$
begin
  perform report_refresh_participations(array(select distinct participation_id from ot));
  return null;
end $$;
create trigger report_event_ai after insert on participation_event referencing new table as nt for each statement execute function report_event_added();
create trigger report_event_ad after delete on participation_event referencing old table as ot for each statement execute function report_event_removed();

-- A survey answer (the survey tables are above) is a fact of its participation.
create function report_survey_answered() returns trigger language plpgsql as $$
begin
  perform report_refresh_participations(array(select i.participation_id from nt join survey_invitation i on i.id = nt.invitation_id));
  return null;
end $$;
create trigger report_survey_ai after insert on survey_response referencing new table as nt for each statement execute function report_survey_answered();

-- A business moved to another clerk, office or 시·군 takes its participations along.
create function report_business_changed() returns trigger language plpgsql as $$
begin
  update report_participation rp
     set office_id = n.office_id, clerk_id = n.clerk_id, municipality_code = n.municipality_code
    from nt n join ot o on o.id = n.id
   where rp.business_id = n.id
     and (n.office_id is distinct from o.office_id or n.clerk_id is distinct from o.clerk_id or n.municipality_code is distinct from o.municipality_code);
  update report_business_day bd
     set office_id = n.office_id, clerk_id = n.clerk_id, municipality_code = n.municipality_code
    from nt n join ot o on o.id = n.id
   where bd.business_id = n.id
     and (n.office_id is distinct from o.office_id or n.clerk_id is distinct from o.clerk_id or n.municipality_code is distinct from o.municipality_code);
  return null;
end $$;
create trigger report_business_au after update on business referencing old table as ot new table as nt for each statement execute function report_business_changed();

-- 지원 사업체 (src/domain/metrics/figures.ts): the days a business was supported, per year — a
-- 상담일지 or a participation milestone (발굴, 신청일, 결정일, 수혜일) on that day. Bit d−1 of
-- `days` is day d of the year (Korean dates); bit m−1 of `months` is month m. "Supported in a
-- period" is then one AND with the period's mask over one row per business and year.
create table report_business_day (
  business_id        uuid not null references business (id) on delete cascade,
  year               integer not null,
  days               bit(366) not null,
  months             integer not null,
  office_id          integer,             -- the business's keys now (kept with reassignment)
  clerk_id           uuid,
  municipality_code  text,
  primary key (business_id, year)
);

create function report_refresh_business_days(bids uuid[]) returns void language sql as $$
  delete from report_business_day where business_id = any (bids);
  insert into report_business_day (business_id, year, days, months, office_id, clerk_id, municipality_code)
  select s.business_id, extract(year from s.d)::int,
         bit_or(set_bit(repeat('0', 366)::bit(366), extract(doy from s.d)::int - 1, 1)),
         bit_or(1 << (extract(month from s.d)::int - 1)),
         b.office_id, b.clerk_id, b.municipality_code
  from (
    select a.business_id, a.occurred_on as d from activity a where a.business_id = any (bids)
    union all
    select rp.business_id, x.d from report_participation rp
      cross join lateral unnest(array[rp.identified_on, rp.submitted_on, rp.decided_on, rp.benefited_on]) as x(d)
    where rp.business_id = any (bids) and x.d is not null
  ) s
  join business b on b.id = s.business_id
  group by 1, 2, b.office_id, b.clerk_id, b.municipality_code;
$$;

create function report_activity_added() returns trigger language plpgsql as $$
begin
  perform report_refresh_business_days(array(select distinct business_id from nt));
  return null;
end $$;
create function report_activity_updated() returns trigger language plpgsql as $$
begin
  perform report_refresh_business_days(array(select business_id from nt union select business_id from ot));
  return null;
end $$;
create function report_activity_removed() returns trigger language plpgsql as $$
begin
  perform report_refresh_business_days(array(select distinct business_id from ot));
  return null;
end $$;
create trigger report_activity_ai after insert on activity referencing new table as nt for each statement execute function report_activity_added();
create trigger report_activity_au after update on activity referencing old table as ot new table as nt for each statement execute function report_activity_updated();
create trigger report_activity_ad after delete on activity referencing old table as ot for each statement execute function report_activity_removed();

-- Facts of the rows already there.
select report_refresh_participations(array(select id from participation));
select report_refresh_business_days(array(select business_id from activity union select business_id from participation));
