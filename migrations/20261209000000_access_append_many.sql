-- 접속기록 appended in batches (issue 12 §4). Every view of personal data appends one record, and the
-- chain head is read and extended under one advisory lock held until the commit — so the appends of
-- the whole service went one commit (one WAL flush, 3–4 ms on the CI machine's disk) at a time: about
-- 250 records a second in all, which capped the business page and the clerk home at that rate
-- whatever the application did. The application now gathers the records of views that arrive while
-- a batch is being written and appends them in one call (src/modules/access-log/personal-data.gate.ts):
-- one lock, one commit for all of them; each request still waits until its own record is committed
-- before it answers. The hash and the order are exactly those of access_record_append (one record
-- after another, each chained to the one before, ids in chain order), so the chain check is unchanged.
create function access_record_append_many(p_records jsonb) returns void language plpgsql as $$
declare
  prev text;
  r jsonb;
  h text;
  prevs text[] := '{}';
  hashes text[] := '{}';
begin
  perform pg_advisory_xact_lock(7411002);
  select hash into prev from access_record order by id desc limit 1;
  -- The chain first (each hash needs the one before), then one INSERT for the whole batch: one run of
  -- the statement-level access_record_day trigger instead of one per record. Rows go in in the
  -- array's order (ORDER BY n), so their ids follow the chain.
  for r in select value from jsonb_array_elements(p_records) with ordinality as x(value, n) order by n loop
    h := encode(sha256(convert_to('[' || coalesce('"' || prev || '"', 'null') || ',' || substr(r->>'fields_json', 2), 'UTF8')), 'hex');
    prevs := prevs || prev;
    hashes := hashes || h;
    prev := h;
  end loop;
  insert into access_record (at, account_id, account_login, ip, subject_type, subject_id, action, reason, detail, request_id, retain_until, prev_hash, hash)
  select (x.value->>'at')::timestamptz, (x.value->>'account_id')::uuid, x.value->>'account_login', x.value->>'ip', x.value->>'subject_type',
         x.value->>'subject_id', x.value->>'action', x.value->>'reason', x.value->'detail', x.value->>'request_id',
         (x.value->>'retain_until')::timestamptz, prevs[x.n], hashes[x.n]
  from jsonb_array_elements(p_records) with ordinality as x(value, n)
  order by x.n;
end $$;
