-- Reminders the owner agreed to (issue 13 §2): per owner (one row per business, the owner's case)
-- the channels, the number or address used, the consent with its date and text version
-- (src/domain/consent-texts.ts, kind 'reminders'), its withdrawal, the language of the messages
-- and the weekly limit. No row, or no consent, or a withdrawn one: nothing is sent.
--
-- 개인정보 보호법 §15 (consent recorded with its text version and date), §37 (withdrawal at any
-- time); 정보통신망법 §50 (an opt-out in every message, free and easy; 21–08시 needs separate
-- consent — Itda never sends reminders in those hours, src/domain/quiet-hours.ts).
create table contact_preference (
  business_id          uuid primary key references business (id),
  sms                  boolean not null default false,
  email                boolean not null default false,
  alimtalk             boolean not null default false,
  phone                text check (phone is null or phone ~ '^01[016789][0-9]{7,8}$'),
  email_address        text check (email_address is null or length(email_address) <= 254),
  -- The owner's language for messages and owner pages; the languages work (issue 13 §4) reads it too.
  language             text not null default 'ko' check (language in ('ko', 'en', 'zh', 'vi')),
  consent_text_version text,
  consented_at         timestamptz,
  consent_method       text check (consent_method in ('written', 'verbal', 'electronic')),
  consent_recorded_by  uuid references app_user (id),
  withdrawn_at         timestamptz,
  withdrawn_via        text check (withdrawn_via in ('staff', 'opt_out_link', 'owner_link', 'owner_account')),
  -- Reminders that count against it: document deadlines, the weekly digest, the survey
  -- (participation status changes are the owner's own case and are not limited).
  weekly_limit         integer not null default 3 check (weekly_limit between 0 and 14),
  version              integer not null default 1,
  updated_at           timestamptz not null default now(),
  updated_by           uuid references app_user (id),
  check ((consented_at is null) = (consent_text_version is null))
);

-- One row per reminder event per channel: the dedup key (business, event, subject, channel) makes a
-- retried job or a double run send nothing twice; the opt-out token (only its SHA-256 kept) is the
-- link in the message.
create table reminder (
  id                uuid primary key default gen_random_uuid(),
  business_id       uuid not null references business (id),
  event             text not null check (event in ('status_changed', 'document_due', 'digest', 'survey')),
  subject_key       text not null,
  channel           text not null check (channel in ('sms', 'email', 'alimtalk')),
  counts_to_limit   boolean not null,
  notification_id   uuid references notification (id),
  opt_out_hash      text not null unique,
  opted_out_at      timestamptz,
  created_at        timestamptz not null default now(),
  unique (business_id, event, subject_key, channel)
);
create index reminder_business_idx on reminder (business_id, created_at desc);
create index reminder_notification_idx on reminder (notification_id);

-- The outbox learns 카카오 알림톡 and two states: cancelled (withdrawn before it went out) and
-- delivered (the provider reported the handset received it).
alter table notification drop constraint notification_channel_check;
alter table notification add constraint notification_channel_check check (channel in ('email', 'sms', 'alimtalk'));
alter table notification drop constraint notification_status_check;
alter table notification add constraint notification_status_check check (status in ('pending', 'sending', 'sent', 'delivered', 'failed', 'cancelled'));
alter table notification add column delivered_at timestamptz;
