-- Papers signed on paper (issue 13 §3): the scan of a signed 위임장 or 동의서 uploaded back and
-- linked to the record it belongs to — the participation the 위임장 is for, or the consent the
-- 동의서 shows. The scan itself is a document_file of the business (content-checked, SHA-256 kept),
-- so it is destroyed with the business's other files when their retention ends.
create table signed_paper (
  id               uuid primary key default gen_random_uuid(),
  business_id      uuid not null references business (id) on delete cascade,
  kind             text not null check (kind in ('power_of_attorney', 'consent')),
  participation_id uuid references participation (id) on delete cascade,
  consent_id       uuid references consent (id) on delete set null,
  file_id          uuid not null references document_file (id) on delete cascade,
  -- the number printed at the foot of the paper, when the clerk typed it (matches scan ↔ print)
  doc_no           text,
  uploaded_by      uuid references app_user (id),
  uploaded_at      timestamptz not null default now(),
  check ((kind = 'power_of_attorney') = (participation_id is not null))
);
create index signed_paper_business on signed_paper (business_id, uploaded_at);
create index signed_paper_participation on signed_paper (participation_id) where participation_id is not null;
