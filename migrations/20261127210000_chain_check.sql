-- Tamper checks of the two hash chains (audit_event, access_record) without re-reading years of rows
-- on every view. The audit page used to recompute the whole audit chain each time it was opened;
-- with sign-ins audited that is ~100,000 rows a year. Now:
--   · a view checks only the rows added since the last good check (and that the last checked row
--     still carries the hash it had), then moves the mark forward;
--   · a nightly job ('chains.verify', src/jobs/jobs.ts) recomputes both chains in full, so an edit
--     of an older row is found by the next morning; the page shows when and with what result.
create table chain_check (
  chain             text primary key check (chain in ('audit', 'access')),
  verified_to_id    bigint,       -- last row found good (null: none yet)
  verified_to_hash  text,         -- its hash at that time
  full_at           timestamptz,  -- last full recomputation
  full_broken_at    bigint,       -- its result: first row that does not follow, or null
  checked_at        timestamptz not null default now()
);
