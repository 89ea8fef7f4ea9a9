-- 국세청 사업자등록 상태조회 (issue 11 §6): 영업 상태 and 폐업일 with their source and date.
-- The facts themselves stay in business.operating_status / closed_on (the engine reads those); these
-- columns say where the last check came from, when, and what the 국세청 said, so the page can show
-- "국세청 조회 2026-12-02" or a stale/failed check, and the weekly job can find what is due.
alter table business add column nts_checked_at timestamptz;
alter table business add column nts_state text check (nts_state in ('active', 'suspended', 'closed', 'unregistered'));
alter table business add column nts_tax_type text;
-- The last failed attempt (network, quota, bad answer): shown to the clerk, cleared by the next success.
alter table business add column nts_error text;
alter table business add column nts_error_at timestamptz;

create index business_nts_due on business (nts_checked_at nulls first) where brn is not null;
