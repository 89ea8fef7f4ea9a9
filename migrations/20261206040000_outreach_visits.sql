-- Outreach visit lists (issue 12 §3): a day's list of registry shops (public data, src/modules/stores)
-- to visit, and what came of each visit. No personal data: a shop is a public record; the clerk's
-- name is kept as who recorded the outcome and when (the audit of her work), and the outcomes feed the
-- outreach list's "visited recently" exclusion.

create table visit_list (
  id serial primary key,
  -- the office whose area the shops are in (null: made by the operator, who covers every office)
  office_id integer references office (id),
  day date not null,
  title text not null,
  -- the outreach filter the list was chosen from (programmes, 분야, closing within, 행정동), to show it again
  filter jsonb not null default '{}',
  created_by uuid not null references app_user (id),
  created_at timestamptz not null default now()
);

create index visit_list_office_day on visit_list (office_id, day desc);

create table visit_list_item (
  list_id integer not null references visit_list (id) on delete cascade,
  position integer not null,
  store_id text not null references store (id),
  adong_name text,
  -- eligible / unknown when chosen, and what to ask ("업력·매출을 물어봐야 함")
  status text not null check (status in ('eligible', 'unknown')),
  ask text not null default '',
  outcome text check (outcome in ('not_found', 'declined', 'interested', 'helped')),
  outcome_by uuid references app_user (id),
  outcome_at timestamptz,
  primary key (list_id, position),
  unique (list_id, store_id),
  check ((outcome is null) = (outcome_at is null) and (outcome is null) = (outcome_by is null))
);

-- "visited recently": the latest outcome per shop
create index visit_list_item_recent on visit_list_item (store_id, outcome_at desc) where outcome_at is not null;
