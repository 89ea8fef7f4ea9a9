import type { Kysely } from 'kysely';
import { CONSENT_TEXT_VERSION } from '../../domain/consent-texts.ts';
import type { ContactPreference, DB, Notification } from '../../db/schema.ts';
import type { Db } from '../../db/db.ts';
import { documentStatus, type ValiditySource } from '../../domain/documents/document-validity.ts';
import { kstDate } from '../../domain/korean-time.ts';
import {
  activeChannels,
  countsToLimit,
  DEFAULT_WEEKLY_LIMIT,
  DOCUMENT_DUE_WINDOW_DAYS,
  hasReminderConsent,
  kstIsoWeek,
  notifiesOwner,
  OPT_OUT_TOKEN,
  shortTitle,
  WEEK_MS,
  withinWeeklyLimit,
  type ReminderChannel,
  type ReminderEvent,
} from '../../domain/reminders.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.ts';
import { translator } from '../../i18n/i18n.ts';
import { parseInput } from '../../validation.ts';
import type { PersonalDataGate } from '../access-log/personal-data.gate.ts';
import type { AuditService, RequestMeta } from '../audit/audit.service.ts';
import { randomToken, sha256 } from '../auth/auth.crypto.ts';
import { requireActor, type Actor } from '../auth/auth.policy.ts';
import type { EligibilityService } from '../eligibility/eligibility.service.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import type { RemindersRepository } from './reminders.repository.ts';
import { ContactPreferenceInput, OwnerPreferenceInput } from './reminders.schemas.ts';

/**
 * Reminders the owner agreed to (issue 13 §2): the one service every reminder goes through.
 *
 * `remind(trx, …)` is the single door: it checks the consent (개인정보 보호법 §15; no row, no consent
 * or a withdrawn one → nothing is queued), the weekly limit (status changes exempt, src/domain/reminders.ts),
 * the dedup key (business, event, subject, channel: a unique index, so a retried job or two instances
 * never queue twice), renders the text from the message catalogue in the owner's language with an
 * opt-out link, and queues it in the outbox in the caller's transaction. The outbox checks the consent
 * again just before sending (`holdBack`), and a withdrawal cancels whatever still waits (§37).
 * Quiet hours are the outbox's (SMS and 알림톡 wait until 08:00; src/domain/quiet-hours.ts).
 */
export interface RemindInput {
  businessId: string;
  event: ReminderEvent;
  /** What the reminder is about, for the dedup key: a participation and status, a week, … */
  subjectKey: string;
  /** Catalogue parameters of the texts (besides `business` and `optOut`, filled here). */
  params: Record<string, string | number>;
}
export type RemindResult = { queued: number; skipped: null } | { queued: 0; skipped: 'noConsent' | 'noChannel' | 'limit' | 'duplicate' };

/** The message texts per event in the catalogue (`ko.reminders.json`, …). */
const TEXT_KEY: Record<ReminderEvent, string> = {
  status_changed: 'reminders.msg.status',
  document_due: 'reminders.msg.document',
  digest: 'reminders.msg.digest',
  survey: 'reminders.msg.survey',
};

export function createRemindersService(deps: {
  db: Kysely<DB>;
  repo: RemindersRepository;
  gate: PersonalDataGate;
  audit: AuditService;
  notifications: Pick<NotificationService, 'enqueue'>;
  /** The eligibility engine for the weekly digest (only reviewed rules are ever "eligible"). */
  eligibility: Pick<EligibilityService, 'evaluateBusiness'>;
  now: () => Date;
  publicUrl: string;
}) {
  const { db, repo, gate, now } = deps;

  function render(event: ReminderEvent, channel: ReminderChannel, language: string, params: Record<string, string | number>) {
    const t = translator(language);
    const base = TEXT_KEY[event];
    // 알림톡 carries the short (SMS) wording; e-mail the long one with a subject.
    const body = channel === 'email' ? t(`${base}.email`, params) : t(`${base}.sms`, params);
    return { subject: t(`${base}.subject`, params), body };
  }

  async function remind(trx: Db, input: RemindInput): Promise<RemindResult> {
    const pref = await repo.findPreference(trx, input.businessId);
    if (!pref || !hasReminderConsent(pref)) return { queued: 0, skipped: 'noConsent' };
    const channels = activeChannels(pref);
    if (!channels.length) return { queued: 0, skipped: 'noChannel' };
    const at = now();
    const limited = countsToLimit(input.event);
    if (limited && !(await repo.exists(trx, input.businessId, input.event, input.subjectKey))) {
      const sent = await repo.countLimitedSince(trx, input.businessId, new Date(at.getTime() - WEEK_MS));
      if (!withinWeeklyLimit(sent, pref.weeklyLimit)) return { queued: 0, skipped: 'limit' };
    }
    const business = (await repo.businessContact(trx, input.businessId))?.name ?? '';
    let queued = 0;
    for (const { channel, recipient } of channels) {
      const token = randomToken(12);
      const row = await repo.insertReminder(trx, {
        businessId: input.businessId,
        event: input.event,
        subjectKey: input.subjectKey,
        channel,
        countsToLimit: limited,
        optOutHash: sha256(token),
        createdAt: at,
      });
      if (!row) continue; // the same reminder on this channel exists: never twice
      const params = { ...input.params, business, optOut: `${deps.publicUrl}/u/${token}` };
      const n = await deps.notifications.enqueue(trx, {
        channel,
        recipient,
        template: `reminder.${input.event}`,
        locale: pref.language,
        params,
        text: render(input.event, channel, pref.language, params),
      });
      await repo.linkNotification(trx, row.id, n.id);
      queued++;
    }
    return queued ? { queued, skipped: null } : { queued: 0, skipped: 'duplicate' };
  }

  /** Withdrawal: record it and cancel everything queued, in the caller's transaction. */
  async function withdrawIn(trx: Db, businessId: string, via: 'opt_out_link' | 'owner_link' | 'owner_account' | 'staff', by: string | null) {
    const at = now();
    const n = await repo.withdraw(trx, businessId, at, via, by);
    const cancelled = await repo.cancelQueued(trx, businessId, `consent withdrawn (${via})`);
    return { withdrawn: n > 0, cancelled };
  }

  async function openOptOut(token: string) {
    if (!OPT_OUT_TOKEN.test(token)) throw new NotFoundError('reminders.optOutInvalid');
    const r = await repo.findByOptOutHash(db, sha256(token));
    if (!r) throw new NotFoundError('reminders.optOutInvalid');
    return r;
  }

  /** The form's values and what the page shows about the preferences. */
  function view(pref: ContactPreference | undefined, defaults: { phone: string | null }) {
    return {
      exists: !!pref,
      consented: hasReminderConsent(pref),
      consentedAt: pref?.consentedAt ?? null,
      consentTextVersion: pref?.consentTextVersion ?? null,
      consentMethod: pref?.consentMethod ?? null,
      withdrawnAt: pref?.withdrawnAt ?? null,
      withdrawnVia: pref?.withdrawnVia ?? null,
      sms: pref?.sms ?? false,
      email: pref?.email ?? false,
      alimtalk: pref?.alimtalk ?? false,
      phone: pref?.phone ?? defaults.phone,
      emailAddress: pref?.emailAddress ?? null,
      language: pref?.language ?? 'ko',
      weeklyLimit: pref?.weeklyLimit ?? DEFAULT_WEEKLY_LIMIT,
      version: pref?.version ?? 0,
    };
  }

  return {
    remind,

    /** Preferences and what was sent, for the business page (under its recorded view: `check`, no second record). */
    async forBusinessPage(actor: Actor | null, businessId: string) {
      const b = await gate.check(db, actor, businessId, 'read');
      const [pref, contact, sent] = await Promise.all([repo.findPreference(db, businessId), repo.businessContact(db, businessId), repo.listSent(db, businessId, 50)]);
      let canWrite = true;
      try {
        await gate.check(db, actor, b.id, 'write');
      } catch {
        canWrite = false;
      }
      const digits = contact?.phone?.replace(/\D/g, '') ?? null;
      return { prefs: view(pref, { phone: digits && /^01[016789]\d{7,8}$/.test(digits) ? digits : null }), sent, canWrite };
    },

    /**
     * The clerk records the owner's choices with her (a gate-recorded write, optimistic locking on
     * `version`). Ticking the consent records text version, date and method; unticking withdraws it
     * and cancels what is queued.
     */
    async savePreferences(actor: Actor | null, businessId: string, raw: unknown, meta: RequestMeta) {
      requireActor(actor);
      await gate.check(db, actor, businessId, 'write');
      const input = parseInput(ContactPreferenceInput, raw);
      return db.transaction().execute(async (trx) => {
        const at = now();
        const before = await repo.findPreference(trx, businessId);
        const wasConsented = hasReminderConsent(before);
        const cols = {
          sms: input.sms,
          email: input.email,
          alimtalk: input.alimtalk,
          phone: input.phone,
          emailAddress: input.emailAddress,
          language: input.language,
          weeklyLimit: input.weeklyLimit,
          updatedAt: at,
          updatedBy: actor.userId,
        };
        const consentCols =
          input.consent && !wasConsented
            ? // A new consent after a withdrawal: the earlier withdrawal stays in the audit trail.
              { consentTextVersion: CONSENT_TEXT_VERSION.reminders, consentedAt: at, consentMethod: input.consentMethod, consentRecordedBy: actor.userId, withdrawnAt: null, withdrawnVia: null }
            : {};
        let after: ContactPreference | null;
        if (!before) {
          if (input.version !== 0) throw new ConflictError('error.conflictReload');
          after = await repo.insertPreference(trx, { businessId, ...cols, ...consentCols });
        } else {
          after = await repo.updatePreference(trx, businessId, input.version, { ...cols, ...consentCols });
        }
        if (!after) throw new ConflictError('error.conflictReload');
        let cancelled = 0;
        if (!input.consent && wasConsented) cancelled = (await withdrawIn(trx, businessId, 'staff', actor.userId)).cancelled;
        else {
          // A channel turned off: what waits for it is cancelled too.
          for (const ch of ['sms', 'email', 'alimtalk'] as const) if (before?.[ch] && !input[ch]) cancelled += await repo.cancelQueued(trx, businessId, `channel ${ch} turned off`, ch);
        }
        const consent = input.consent && !wasConsented ? 'given' : !input.consent && wasConsented ? 'withdrawn' : null;
        await gate.business(trx, actor, meta, { id: businessId, mode: 'write', action: 'update', detail: { reminders: { consent, cancelled } } });
        if (consent) {
          await deps.audit.record(trx, meta, {
            action: consent === 'given' ? 'reminders.consent' : 'reminders.withdraw',
            actor,
            subjectType: 'business',
            subjectId: businessId,
            detail: { textVersion: CONSENT_TEXT_VERSION.reminders, via: 'staff', cancelled },
          });
        }
        return after;
      });
    },

    /** The opt-out page (GET): only whether the link is known and already used — it changes nothing. */
    async optOutState(token: string) {
      const r = await openOptOut(token);
      const pref = await repo.findPreference(db, r.businessId);
      return { alreadyWithdrawn: !hasReminderConsent(pref), language: pref?.language ?? 'ko' };
    },

    /**
     * The owner's "알림 그만 받기" (POST from the link, no sign-in; 정보통신망법 §50 ⑧: free and easy):
     * withdraws the reminders consent, cancels every queued reminder, recorded in the 접속기록 (by link)
     * and the audit trail. Idempotent: a second press changes nothing.
     */
    async optOut(token: string, meta: RequestMeta) {
      const r = await openOptOut(token);
      return db.transaction().execute(async (trx) => {
        const out = await withdrawIn(trx, r.businessId, 'opt_out_link', null);
        await repo.markOptedOut(trx, r.id, now());
        await gate.byLink(trx, meta, {
          subjectType: 'business',
          subjectId: r.businessId,
          action: 'update',
          detail: { via: 'opt-out-link', remindersWithdrawn: out.withdrawn, cancelled: out.cancelled },
          link: r.id,
        });
        if (out.withdrawn) {
          await deps.audit.record(trx, meta, {
            action: 'reminders.withdraw',
            actor: null,
            subjectType: 'business',
            subjectId: r.businessId,
            detail: { via: 'opt_out_link', channel: r.channel, cancelled: out.cancelled },
          });
        }
        return out;
      });
    },

    /** The owner's own page (`/o/:token`, her account): her preferences as she sees them. */
    async forOwner(businessId: string) {
      const pref = await repo.findPreference(db, businessId);
      return view(pref, { phone: null });
    },

    /** The owner withdraws from her own page (link or account), or changes the language of her messages. */
    async ownerUpdate(businessId: string, raw: Record<string, unknown>, via: 'owner_link' | 'owner_account', meta: RequestMeta, record: (trx: Db, detail: Record<string, unknown>) => Promise<void>) {
      if (raw.action === 'withdraw') {
        return db.transaction().execute(async (trx) => {
          const out = await withdrawIn(trx, businessId, via, null);
          await record(trx, { remindersWithdrawn: out.withdrawn, cancelled: out.cancelled });
          if (out.withdrawn) await deps.audit.record(trx, meta, { action: 'reminders.withdraw', actor: null, subjectType: 'business', subjectId: businessId, detail: { via, cancelled: out.cancelled } });
          return out;
        });
      }
      const input = parseInput(OwnerPreferenceInput, raw);
      return db.transaction().execute(async (trx) => {
        const n = await repo.setLanguage(trx, businessId, input.language, now());
        if (!n) throw new NotFoundError();
        await record(trx, { reminderLanguage: input.language });
        return { withdrawn: false, cancelled: 0 };
      });
    },

    /** For the outbox's delivery-time check: a reason not to send this reminder after all, or null. */
    async holdBack(row: Notification): Promise<string | null> {
      if (!row.template.startsWith('reminder.')) return null;
      const p = await repo.preferenceOfNotification(db, row.id);
      if (!p) return null;
      if (!hasReminderConsent(p)) return 'consent withdrawn before delivery';
      if (!p[p.channel]) return `channel ${p.channel} turned off before delivery`;
      return null;
    },

    /** A participation changed status (called in the transition's transaction): the owner hears in plain words. */
    async statusChanged(trx: Db, participationId: string) {
      const p = await repo.participation(trx, participationId);
      if (!p || !notifiesOwner(p.status)) return null;
      const pref = await repo.findPreference(trx, p.businessId);
      const t = translator(pref?.language ?? 'ko');
      return remind(trx, {
        businessId: p.businessId,
        event: 'status_changed',
        subjectKey: `${p.id}:${p.status}`,
        params: { programme: shortTitle(p.title), programmeFull: p.title, status: t(`reminders.short.${p.status}`), statusFull: t(`owner.status.${p.status}`) },
      });
    },

    /** The survey after a benefit (surveys.service `offerSurvey` hands its link here when the owner set up reminders). */
    async survey(trx: Db, input: { businessId: string; participationId: string; programme: string; url: string; code: string }) {
      return remind(trx, {
        businessId: input.businessId,
        event: 'survey',
        subjectKey: input.participationId,
        params: { programme: shortTitle(input.programme), programmeFull: input.programme, url: input.url, code: input.code },
      });
    },

    /**
     * A help request converted into this business (help-requests.service `markConverted`, in its
     * transaction): her language and mobile number become the contact preferences, with SMS on and
     * the reminders consent she ticked on the form (its text version and time, method 'electronic',
     * recorded by nobody: she gave it herself). Without that consent the row only carries the
     * language — nothing is sent. A business that already has preferences keeps them ('kept').
     */
    async carryFromHelpRequest(
      trx: Db,
      businessId: string,
      v: { phone: string; language: string; consentTextVersion: string | null; consentedAt: Date | null; helpRequestId: string; meta: RequestMeta },
    ): Promise<'consent' | 'language' | 'kept'> {
      const digits = v.phone.replace(/\D/g, '');
      const phone = /^01[016789]\d{7,8}$/.test(digits) ? digits : null;
      const language = (['ko', 'en', 'zh', 'vi'] as const).find((l) => l === v.language) ?? 'ko';
      const consent = !!(v.consentTextVersion && v.consentedAt && phone);
      const row = await repo.insertPreference(trx, {
        businessId,
        sms: consent,
        phone,
        language,
        updatedAt: now(),
        ...(consent ? { consentTextVersion: v.consentTextVersion, consentedAt: v.consentedAt, consentMethod: 'electronic' as const } : {}),
      });
      if (!row) return 'kept';
      if (consent) {
        await deps.audit.record(trx, v.meta, {
          action: 'reminders.consent',
          actor: null,
          subjectType: 'business',
          subjectId: businessId,
          detail: { textVersion: v.consentTextVersion, via: 'help_request', helpRequestId: v.helpRequestId },
        });
      }
      return consent ? 'consent' : 'language';
    },

    /** Whether the business's reminders are governed by a preference row (set up with the owner). */
    async hasPreferences(trx: Db, businessId: string) {
      return !!(await repo.findPreference(trx, businessId));
    },

    /**
     * Daily: for each consenting owner, participations still being prepared whose programme closes
     * within 14 days and a required paper that is missing, or will no longer be valid on the deadline
     * (src/domain/documents/document-validity.ts). One reminder per participation and deadline.
     */
    async documentsDue() {
      const today = kstDate(now());
      const until = kstDate(new Date(now().getTime() + DOCUMENT_DUE_WINDOW_DAYS * 86_400_000));
      const types = new Map((await repo.documentTypes(db)).map((t) => [t.code, t]));
      let queued = 0;
      let after: string | null = null;
      for (;;) {
        const batch = await repo.consentingBusinesses(db, after, 200);
        if (!batch.length) break;
        after = batch[batch.length - 1]!.businessId;
        for (const { businessId } of batch) {
          const parts = await repo.preparingWithDeadline(db, businessId, today, until);
          if (!parts.length) continue;
          const docs = await repo.documents(db, businessId);
          for (const p of parts) {
            const deadline = p.periodEnd!;
            const lacking = p.requiredDocuments.filter((code) => {
              const type = types.get(code);
              const held = docs
                .filter((d) => d.documentType === code)
                .map((d) => documentStatus((type?.validity ?? { kind: 'none' }) as ValiditySource, d.issuedOn, deadline, 0, { validUntil: d.validUntil }));
              return !held.some((s) => s === 'valid' || s === 'expiring');
            });
            if (!lacking.length) continue;
            const pref = await repo.findPreference(db, businessId);
            const t = translator(pref?.language ?? 'ko');
            const names = lacking.map((code) => types.get(code)?.name ?? code);
            const r = await db.transaction().execute((trx) =>
              remind(trx, {
                businessId,
                event: 'document_due',
                subjectKey: `${p.id}:${deadline}`,
                params: {
                  programme: shortTitle(p.title),
                  programmeFull: p.title,
                  deadline: deadline.slice(5).replace('-', '.'),
                  documents: names.length > 1 ? t('reminders.msg.documentsMore', { first: names[0]!, n: names.length - 1 }) : names[0]!,
                  documentList: names.join(', '),
                },
              }),
            );
            queued += r.queued;
          }
        }
      }
      return { queued };
    },

    /**
     * Weekly (Monday 10:00 KST): programmes published in the last 7 days that the business may apply
     * for now — eligible under a reviewed rule (a drafted one never says 신청 가능), still open, and not
     * one it already takes part in. At most one digest a week (dedup on the Korean ISO week).
     */
    async weeklyDigest() {
      const at = now();
      const week = kstIsoWeek(at);
      const today = kstDate(at);
      const since = at.getTime() - WEEK_MS;
      let queued = 0;
      let after: string | null = null;
      for (;;) {
        const batch = await repo.consentingBusinesses(db, after, 200);
        if (!batch.length) break;
        after = batch[batch.length - 1]!.businessId;
        for (const { businessId } of batch) {
          if (await repo.exists(db, businessId, 'digest', week)) continue;
          const e = await deps.eligibility.evaluateBusiness(businessId, today);
          const taking = new Set((await repo.participatingProgrammes(db, businessId)).map((r) => r.programmeId));
          const fresh = e.result.results
            .filter((r) => r.verdict === 'eligible')
            .map((r) => e.info.get(r.programmeKey))
            .filter((i): i is NonNullable<typeof i> => !!i && i.ruleReview === 'reviewed' && !taking.has(i.id))
            .filter((i) => new Date(i.versionCreatedAt).getTime() >= since)
            .filter((i) => i.periodKind !== 'range' || !i.periodEnd || i.periodEnd >= today);
          if (!fresh.length) continue;
          const pref = await repo.findPreference(db, businessId);
          const t = translator(pref?.language ?? 'ko');
          const first = shortTitle(fresh[0]!.title);
          const r = await db.transaction().execute((trx) =>
            remind(trx, {
              businessId,
              event: 'digest',
              subjectKey: week,
              params: {
                n: fresh.length,
                titles: fresh.length > 1 ? t('reminders.msg.titlesMore', { first, n: fresh.length - 1 }) : first,
                titleList: fresh.map((i) => `- ${i.title}${i.periodEnd ? ` (~${i.periodEnd})` : ''}`).join('\n'),
              },
            }),
          );
          queued += r.queued;
        }
      }
      return { queued, week };
    },

    /** Who may write the preferences on the business page (the form is shown only to them). */
    async assertCanWrite(actor: Actor | null, businessId: string) {
      if (!actor) throw new ForbiddenError();
      await gate.check(db, actor, businessId, 'write');
    },
  };
}
export type RemindersService = ReturnType<typeof createRemindersService>;
