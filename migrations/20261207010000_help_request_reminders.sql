-- Issue 13 §2 and the acceptance journey: on the help form the owner may also agree, herself, to
-- hear by SMS how her case goes (the reminders consent, src/domain/consent-texts.ts kind 'reminders').
-- Optional and separate from the contact consent (개인정보 보호법 §22 ①: each consent apart).
-- Recorded with its text version and time; conversion carries it, with her phone and language, into
-- the tracked business's contact_preference (method 'electronic': she ticked it on the form).
alter table help_request add column reminders_consent_version text;
alter table help_request add column reminders_consented_at timestamptz;
alter table help_request add constraint help_request_reminders_consent_check
  check ((reminders_consent_version is null) = (reminders_consented_at is null));
