-- Notice documents (issue 11 §3): the files attached to a programme version (기업마당 flpthNm/fileNm and
-- printFlpthNm/printFileNm), fetched and read. One row a file; the extracted text and the sections
-- found in it (지원대상 / 신청자격 / 지원 제외 / 제출서류) stay with the version they were read for.
-- status: pending (planned, not read yet) · not_fetched (no fetcher configured, a format we do not
-- read, too many files) · fetch_failed (HTTP error, timeout, too large, host not allowed) ·
-- extracted · empty (no text: a scan) · encrypted (password, 배포용, DRM) · unsupported · failed.
create table notice_document (
  id                    serial primary key,
  programme_version_id  integer not null references programme_version (id) on delete cascade,
  position              integer not null,
  file_name             text not null,
  url                   text not null,
  format                text,
  status                text not null default 'pending'
                        check (status in ('pending', 'not_fetched', 'fetch_failed', 'extracted', 'empty', 'encrypted', 'unsupported', 'failed')),
  error                 text,
  text                  text,
  sections              jsonb not null default '[]'::jsonb,
  sha256                text check (sha256 ~ '^[0-9a-f]{64}$'),
  byte_size             integer,
  attempts              integer not null default 0,
  fetched_at            timestamptz,
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  unique (programme_version_id, url)
);
create index notice_document_version_idx on notice_document (programme_version_id, position);
create index notice_document_pending_idx on notice_document (status) where status in ('pending', 'fetch_failed');
