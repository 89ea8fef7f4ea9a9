-- Published chain heads (issue 14 §4; 안전성 확보조치 기준 §8: 접속기록은 위·변조되지 않도록 보관).
-- The hash chains of audit_event and access_record (src/domain/hash-chain.ts) show an edit only to
-- someone who does not recompute the tail after it. So each Korean day's last hash of each chain is
-- published outside the database — in the monthly report (a head per day) and in a signed e-mail to
-- ITDA_CHAIN_HEADS_TO (job 'chains.heads', 00:05 KST) — and `itda verify-chain` recomputes the chain
-- and compares it with what was published. A stored head is never rewritten (insert … on conflict
-- do nothing): once a day's head is out, changing a row of that day or before shows.
create table chain_head (
  chain            text not null check (chain in ('audit', 'access')),
  day              date not null,            -- Korean calendar day (KST)
  last_id          bigint,                   -- last row of the chain written before that day ended (null: none yet)
  head_hash        text,                     -- that row's hash: the chain head at the end of the day
  rows_that_day    integer not null,         -- rows written on that day
  computed_at      timestamptz not null,
  published_at     timestamptz,              -- when the signed message was queued (null: not yet sent)
  notification_id  uuid references notification (id),
  primary key (chain, day)
);
create index chain_head_unpublished_idx on chain_head (day) where published_at is null;
