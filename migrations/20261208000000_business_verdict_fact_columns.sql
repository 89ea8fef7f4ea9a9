-- Stored verdicts (issue 12 §4): a business's stored row was nulled by ANY change of its business
-- row, so logging a visit (last_contact_at), an NTS status check (nts_checked_at), a new phone
-- number or a handover made the next view of the page re-evaluate the whole catalogue for nothing.
-- Now only a change of a column the engine reads as a fact (src/modules/eligibility/
-- eligibility.repository.ts, factsOf) nulls it. test/integration/verdict-fact-columns.test.ts
-- changes every column factsOf reads, one at a time, and fails when one is missing here.
drop trigger business_verdict_business on business;
create trigger business_verdict_business after update on business
  for each row when (
    (old.sido_code, old.municipality_code, old.opened_on, old.closed_on, old.annual_revenue, old.workers, old.ksic_code,
     old.owner_birth_date, old.owner_gender, old.owner_disabled, old.owner_veteran, old.national_tax_arrears,
     old.local_tax_arrears, old.tax_arrears_deferred, old.credit_delinquent, old.operating_status, old.premises,
     old.mail_order_registered, old.legal_form, old.market_location, old.closure_planned, old.planned_closure_on,
     old.restart, old.annual_revenue_year, old.previous_annual_revenue)
    is distinct from
    (new.sido_code, new.municipality_code, new.opened_on, new.closed_on, new.annual_revenue, new.workers, new.ksic_code,
     new.owner_birth_date, new.owner_gender, new.owner_disabled, new.owner_veteran, new.national_tax_arrears,
     new.local_tax_arrears, new.tax_arrears_deferred, new.credit_delinquent, new.operating_status, new.premises,
     new.mail_order_registered, new.legal_form, new.market_location, new.closure_planned, new.planned_closure_on,
     new.restart, new.annual_revenue_year, new.previous_annual_revenue)
  ) execute function business_verdict_stale_business();
