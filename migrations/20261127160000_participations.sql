-- 사업 참여 workflow and document checklist: constraints and indexes on the casework tables.
-- The workflow itself is src/domain/participation-workflow.ts; these are the database's backstops.

-- At most one participation in progress per business and programme (a second "새 참여" for the
-- same programme while one is open would double-count applications in the official figures).
-- 탈락 / 취소 / 수혜 are closed: a later application is a new participation.
create unique index participation_open_unique on participation (business_id, programme_id)
  where status in ('identified', 'informed', 'preparing', 'submitted', 'selected');

alter table participation add constraint participation_channel_check
  check (submission_channel is null or submission_channel in ('online', 'visit', 'mail', 'email'));
alter table participation add constraint participation_benefit_amount_check
  check (benefit_amount is null or benefit_amount > 0);
alter table participation add constraint participation_benefit_check
  check (status <> 'benefited' or (benefit_amount is not null and benefited_on is not null));
alter table participation add constraint participation_submitted_check
  check (status not in ('submitted', 'selected', 'rejected', 'benefited') or (submitted_on is not null and submission_channel is not null));

-- Checklist look-ups: a business's documents of one type; the files of one document.
create index business_document_type_idx on business_document (business_id, document_type, issued_on desc);
create index business_document_participation_idx on business_document (participation_id);
create index document_file_document_idx on document_file (document_id);
