-- Issue 13 §4: the language the owner used on the self-check and the help form (ko, en, zh, vi).
-- Her confirmation SMS goes out in it, the clerk's queue shows it, and conversion carries it to the
-- tracked business's contact preferences. Existing requests were all made in Korean or English
-- pages; 'ko' is the honest default for them (the owner's choice was not recorded).
alter table help_request add column language text not null default 'ko';
alter table help_request add constraint help_request_language_check check (language in ('ko', 'en', 'zh', 'vi'));
