-- Who registered a business (issue 10 §1, walk-in hand-over). A business belongs to the office
-- covering its 시·군; when a clerk of another office registers it (a walk-in owner), it is handed to
-- that office unassigned and the registering clerk keeps read access until a clerk there takes it on
-- (src/domain/scope.ts). Older rows have no registrar: nothing changes for them.
alter table business add column registered_by uuid references app_user (id);
create index business_registered_by_idx on business (registered_by) where clerk_id is null;
