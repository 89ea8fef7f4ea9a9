-- 접속기록 appends in one round trip (안전성 확보조치 기준 §8 keeps every view of personal data, so
-- every casework page appends one). The chain head is read under an advisory lock; done from the
-- application that took three round trips (lock, read the head, insert) plus the commit, and the
-- lock was held while the Node event loop got round to the next query: under load every page queued
-- behind it. This function takes the lock, reads the head and inserts in one call. Each statement of
-- a VOLATILE PL/pgSQL function gets a fresh snapshot under READ COMMITTED, so the head read after
-- the lock sees the previous holder's committed row; called outside a transaction the lock is
-- released when the call commits, inside one (a change and its record) when that one ends.
--
-- The hash is the one src/domain/hash-chain.ts `chainHash(fields, prevHash)` computes and
-- `firstBrokenLink` verifies: sha256 of JSON.stringify([prevHash, ...fields]) (keys sorted). The
-- application passes JSON.stringify(stable(fields)) = '[f1,f2,…]'; prepending the previous hash (hex,
-- nothing to escape) gives the same text: '[' || '"<prev>"' or 'null' || ',' || 'f1,f2,…]'.
create function access_record_append(
  p_at timestamptz, p_account_id uuid, p_account_login text, p_ip text, p_subject_type text, p_subject_id text,
  p_action text, p_reason text, p_detail jsonb, p_request_id text, p_retain_until timestamptz, p_fields_json text
) returns void language plpgsql as $$
declare
  prev text;
begin
  perform pg_advisory_xact_lock(7411002);
  select hash into prev from access_record order by id desc limit 1;
  insert into access_record (at, account_id, account_login, ip, subject_type, subject_id, action, reason, detail, request_id, retain_until, prev_hash, hash)
  values (p_at, p_account_id, p_account_login, p_ip, p_subject_type, p_subject_id, p_action, p_reason, p_detail, p_request_id, p_retain_until, prev,
          encode(sha256(convert_to('[' || coalesce('"' || prev || '"', 'null') || ',' || substr(p_fields_json, 2), 'UTF8')), 'hex'));
end $$;
