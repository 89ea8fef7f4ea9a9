-- Facts real notices ask about (issue 11 §5; docs/domain.md "Eligibility"): NULL = not known, as
-- for every other fact column of business (never read as "no" or zero by the engine).
-- 개인사업자 / 법인 (사업자등록의 구분).
alter table business add column legal_form text check (legal_form in ('individual', 'corporation'));
-- 전통시장·상점가·골목형상점가 안의 점포 (전통시장 및 상점가 육성을 위한 특별법 제2조), or 'none'.
alter table business add column market_location text check (market_location in ('traditional_market', 'shopping_street', 'alley_shopping_street', 'none'));
-- 폐업 예정 (희망리턴 "폐업 예정 소상공인") and its planned date.
alter table business add column closure_planned boolean;
alter table business add column planned_closure_on date;
-- 재창업: the owner closed a business before this one (재도전 programmes).
alter table business add column restart boolean;
-- 전년 대비 매출 감소: the year annual_revenue is for, and the revenue of the year before it.
alter table business add column annual_revenue_year integer check (annual_revenue_year between 1900 and 2999);
alter table business add column previous_annual_revenue bigint check (previous_annual_revenue >= 0);
