/**
 * Reminders the owner agreed to (issue 13 §2): the rules that need no I/O.
 *
 * The law they keep:
 * - 개인정보 보호법 §15 ①: the phone number and e-mail are used for messages only with a consent
 *   recorded with its date and text version (src/domain/consent-texts.ts, kind 'reminders'); §37: the
 *   owner may withdraw it at any time, and a withdrawal stops everything, queued messages included.
 * - 정보통신망법 §50: a message that could be read as advertising (the weekly list of new programmes)
 *   needs prior consent (①), none between 21:00 and 08:00 without a separate one (③ — Itda never asks
 *   for it and keeps the quiet hours, src/domain/quiet-hours.ts, for every reminder), and every such
 *   message must say how to refuse, free of charge and easily (④, ⑧; 시행령 §61-63): the opt-out link
 *   is in every reminder, works without sign-in, and one button confirms.
 */
import { KST_OFFSET_MS } from './korean-time.ts';

export const REMINDER_EVENTS = ['status_changed', 'document_due', 'digest', 'survey'] as const;
export type ReminderEvent = (typeof REMINDER_EVENTS)[number];
export const REMINDER_CHANNELS = ['sms', 'alimtalk', 'email'] as const;
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];
export const OWNER_LANGUAGES = ['ko', 'en', 'zh', 'vi'] as const;
export type OwnerLanguage = (typeof OWNER_LANGUAGES)[number];

/** The default weekly limit a clerk starts from; the owner and the clerk may lower or raise it (0–14). */
export const DEFAULT_WEEKLY_LIMIT = 3;
export const WEEK_MS = 7 * 86_400_000;
/** A document reminder is sent when the programme's deadline is this close (in days, inclusive). */
export const DOCUMENT_DUE_WINDOW_DAYS = 14;

/**
 * Status changes are the owner's own case moving (신청완료, 선정, 탈락, 지급): she needs each of them,
 * they are few (at most a handful per application) and never promotional, so they do not count
 * against the weekly limit. Everything else does: document deadlines, the weekly digest and the
 * survey are the messages that could pile up.
 */
export function countsToLimit(event: ReminderEvent): boolean {
  return event !== 'status_changed';
}

export interface PreferenceState {
  consentedAt: Date | null;
  withdrawnAt: Date | null;
}

/** Consent given and not withdrawn since. A withdrawal followed by a new consent counts from the new one. */
export function hasReminderConsent(p: PreferenceState | null | undefined): boolean {
  if (!p?.consentedAt) return false;
  return !p.withdrawnAt || p.withdrawnAt.getTime() < p.consentedAt.getTime();
}

export interface ChannelChoice {
  sms: boolean;
  email: boolean;
  alimtalk: boolean;
  phone: string | null;
  emailAddress: string | null;
}

/** The channels turned on that have somewhere to go: SMS and 알림톡 need the mobile number, e-mail the address. */
export function activeChannels(p: ChannelChoice): { channel: ReminderChannel; recipient: string }[] {
  const out: { channel: ReminderChannel; recipient: string }[] = [];
  if (p.sms && p.phone) out.push({ channel: 'sms', recipient: p.phone });
  if (p.alimtalk && p.phone) out.push({ channel: 'alimtalk', recipient: p.phone });
  if (p.email && p.emailAddress) out.push({ channel: 'email', recipient: p.emailAddress });
  return out;
}

/** Whether one more limited reminder fits: `sent` limited reminders in the last 7 days, against the limit. */
export function withinWeeklyLimit(sent: number, limit: number): boolean {
  return sent < limit;
}

/**
 * The Korean week of a moment as `YYYY-Www` (ISO 8601 week, Monday first, in KST): the digest's
 * dedup subject, so a second run in the same week (a retry, two instances) finds it already sent.
 */
export function kstIsoWeek(at: Date): string {
  const kst = new Date(at.getTime() + KST_OFFSET_MS);
  const d = new Date(Date.UTC(kst.getUTCFullYear(), kst.getUTCMonth(), kst.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day); // the Thursday of this week decides the year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The opt-out token in the link: 16 URL-safe characters (96 random bits) keep `/u/<token>` short for an SMS. */
export const OPT_OUT_TOKEN = /^[A-Za-z0-9_-]{16}$/;

/**
 * The participation statuses the owner hears about: the ones that change what she waits for or has
 * to do. 발굴·안내·준비 (identified, informed, preparing) happen with the clerk at her side, so a
 * message would only repeat what she was just told.
 */
export const NOTIFIED_STATUSES = ['submitted', 'selected', 'rejected', 'withdrawn', 'benefited'] as const;
export function notifiesOwner(status: string): boolean {
  return (NOTIFIED_STATUSES as readonly string[]).includes(status);
}

/**
 * A programme title shortened for an SMS (90 bytes in EUC-KR; above that the carrier bills an LMS,
 * about three times the price). The status, the one fact the message carries, is never cut; the
 * title is the owner's own application, which she recognises from its first words.
 */
export function shortTitle(title: string, max = 14): string {
  const chars = [...title.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
