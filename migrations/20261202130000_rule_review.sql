-- Issue 11 §2: a programme judges only after its rule is reviewed. Every version carries the review
-- state of its rule: 'drafted' (written from the source or by a drafter, not yet checked against the
-- notice) or 'reviewed' (a catalogue editor confirmed it; who and when recorded). A new version
-- (a changed notice, an edited rule) starts drafted again, so the state is part of the version history.
-- A version whose rule is not reviewed is never "신청 가능" (src/domain/eligibility/eligibility.programme.ts).
alter table programme_version add column rule_review text not null default 'drafted' check (rule_review in ('drafted', 'reviewed'));
alter table programme_version add column rule_reviewed_by uuid references app_user (id);
alter table programme_version add column rule_reviewed_by_name text;
alter table programme_version add column rule_reviewed_at timestamptz;
-- A draft saved "as reviewed" names its reviewer when it is published (the editor who publishes it).
alter table programme_version add constraint programme_version_review_recorded
  check (rule_review = 'drafted' or status <> 'published' or (rule_reviewed_by_name is not null and rule_reviewed_at is not null));

-- Versions that exist now were never reviewed in this sense: they stay 'drafted' (the default),
-- except the demo's sample programmes (is_sample, embedded database only), whose rules the demo
-- marks reviewed by a labelled demo reviewer so the demo keeps showing verdicts (README, demo data).
update programme_version v
   set rule_review = 'reviewed', rule_reviewed_by_name = '데모 검토자 (예시 데이터)', rule_reviewed_at = now()
  from programme p
 where p.id = v.programme_id and p.is_sample and v.status = 'published'
   and coalesce(v.target_text, '') not like '(예시)%'; -- the 시·군 composites written for the demo stay drafted
