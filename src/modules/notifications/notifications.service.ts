import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB, Notification } from '../../db/schema.ts';
import { isQuietTime, nextAllowedSendTime, type QuietHours } from '../../domain/quiet-hours.ts';
import { InvalidError } from '../../errors.ts';
import type { Db } from '../../db/db.ts';
import { authorize, type Actor } from '../auth/auth.policy.ts';
import { PermanentDeliveryError, normalizePhone, type NotificationChannels, type NotifyLogger } from './notifications.channels.ts';
import type { NotificationChannelKind, NotificationStatus, NotificationsRepository } from './notifications.repository.ts';

/** The statuses and channels the notification pages filter by (pages do not import the repository). */
export { NOTIFICATION_STATUSES, type NotificationChannelKind, type NotificationStatus } from './notifications.repository.ts';
import { maskSentSecrets, renderTemplate, type TemplateName, type TemplateParams } from './notifications.templates.ts';

export interface EnqueueInput {
  channel: NotificationChannelKind;
  /** E-mail address, or a Korean mobile number (hyphens allowed). */
  recipient: string;
  recipientUserId?: string | null;
  template: TemplateName | `reminder.${string}`;
  /** The recipient's language; unsupported ones fall back to Korean. */
  locale?: string | null;
  params?: TemplateParams;
  /**
   * Text already rendered by the caller (reminders, from the message catalogue in the owner's
   * language); `template` then names it for the outbox and the provider.
   */
  text?: { subject: string; body: string };
}

export interface DeliveryCounts {
  sent: number;
  retried: number;
  failed: number;
  /** SMS held back by quiet hours, or claimed rows put back unsent at the end of a long run. */
  deferred: number;
  /** Rows found stuck in `sending` (a worker died mid-send) and put back in the queue. */
  recovered: number;
  /** Reminders cancelled at delivery: the owner withdrew consent after they were queued. */
  cancelled: number;
}

/** How long a worker owns a claimed row; after that the row counts as abandoned. */
export const SENDING_LEASE_MS = 10 * 60_000;
/** Stop starting new sends this long before the lease ends, so no row outlives its lease. */
const LEASE_MARGIN_MS = 2 * 60_000;
const RETRY_BASE_MS = 60_000;
const RETRY_FACTOR = 5;
const RETRY_CAP_MS = 6 * 60 * 60_000;
export const NOTIFICATIONS_PAGE_SIZE = 50;

/**
 * Wait before the next try after failed attempt number `attempt` (1-based): 1 min, 5 min,
 * 25 min, 125 min, then 6 h. Exponential so a provider outage is not hammered, capped so a
 * message still goes out the same working day once the provider is back.
 */
export function retryDelayMs(attempt: number): number {
  return Math.min(RETRY_BASE_MS * RETRY_FACTOR ** Math.max(0, attempt - 1), RETRY_CAP_MS);
}

/** Korean mobile numbers (SMS cannot reach landlines): 010, and the old 011/016/017/018/019. */
export function isMobileNumber(phone: string): boolean {
  return /^01[016789]\d{7,8}$/.test(normalizePhone(phone));
}

/** A plausible address; the relay decides the rest (and a refusal fails the message). */
function isEmailAddress(v: string): boolean {
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(v) && v.length <= 254;
}

/** SMS and 알림톡 reach the owner's phone: the quiet hours apply to both (e-mail waits in an inbox). */
function toPhone(channel: NotificationChannelKind): boolean {
  return channel !== 'email';
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err);
}

export function createNotificationService(deps: {
  db: Kysely<DB>;
  repo: NotificationsRepository;
  channels: NotificationChannels;
  config: Config['notify'];
  now: () => Date;
  logger?: NotifyLogger;
  /** Checked just before sending: a reason not to send after all (the row is cancelled), or null. */
  holdBack?: (row: Notification) => Promise<string | null>;
}) {
  const { db, repo, channels, config, now, logger } = deps;
  const quiet: QuietHours = { startHour: config.quietStartHour, endHour: config.quietEndHour };

  return {
    /**
     * Renders the template and queues the message in the caller's transaction (a transactional
     * outbox): the message exists if and only if the caller's change commits, and nothing is sent
     * before that. An SMS queued during quiet hours waits until they end.
     */
    async enqueue(trx: Db, input: EnqueueInput): Promise<Notification> {
      let recipient = input.recipient.trim();
      if (input.channel === 'sms' || input.channel === 'alimtalk') {
        if (!isMobileNumber(recipient)) {
          throw new InvalidError('validation.summary', [{ path: 'recipient', messageKey: 'notifications.recipientInvalid' }]);
        }
        recipient = normalizePhone(recipient);
      } else if (!isEmailAddress(recipient)) {
        throw new InvalidError('validation.summary', [{ path: 'recipient', messageKey: 'notifications.recipientInvalid' }]);
      }
      const params = input.params ?? {};
      const rendered = input.text ? { ...input.text, locale: input.locale ?? 'ko' } : renderTemplate(input.template, input.channel, input.locale, params);
      const at = now();
      return repo.insert(trx, {
        channel: input.channel,
        recipient,
        recipientUserId: input.recipientUserId ?? null,
        template: input.template,
        locale: rendered.locale,
        params: JSON.stringify(params),
        subject: rendered.subject,
        body: rendered.body,
        status: 'pending',
        nextAttemptAt: toPhone(input.channel) ? nextAllowedSendTime(at, quiet) : at,
        createdAt: at,
      });
    },

    /**
     * One worker pass: recover abandoned rows, claim due ones, send each through its channel.
     * Safe to run from several processes at once (rows are claimed with SKIP LOCKED).
     */
    async deliverDue(limit = 50): Promise<DeliveryCounts> {
      const counts: DeliveryCounts = { sent: 0, retried: 0, failed: 0, deferred: 0, recovered: 0, cancelled: 0 };
      const start = now();
      const stuck = await repo.recoverStuck(db, start, config.maxAttempts);
      counts.recovered = stuck.retried;
      counts.failed += stuck.failed;

      const leaseUntil = new Date(start.getTime() + SENDING_LEASE_MS);
      const rows = await repo.claimDue(db, start, limit, leaseUntil);
      for (const row of rows) {
        const t = now();
        if (t.getTime() >= leaseUntil.getTime() - LEASE_MARGIN_MS) {
          // A slow provider ate the lease: hand the rest back rather than risk a second worker
          // recovering and sending them while we still do.
          await repo.defer(db, row.id, t);
          counts.deferred++;
          continue;
        }
        // Quiet hours are checked again at send time: a retry or a backlog may fall into them.
        if (toPhone(row.channel) && isQuietTime(t, quiet)) {
          await repo.defer(db, row.id, nextAllowedSendTime(t, quiet));
          counts.deferred++;
          continue;
        }
        // A reminder whose owner withdrew consent (or turned the channel off) after it was queued is
        // checked again here, at delivery, and cancelled (개인정보 보호법 §37: withdrawal stops it).
        const hold = deps.holdBack ? await deps.holdBack(row) : null;
        if (hold) {
          await repo.markCancelled(db, row.id, hold);
          counts.cancelled++;
          continue;
        }
        const channel = channels[row.channel];
        try {
          const receipt = await channel.send({ channel: row.channel, recipient: row.recipient, subject: row.subject, body: row.body, template: row.template });
          const masked = maskSentSecrets(row.template, row.params, row.body);
          await repo.markSent(db, row.id, { sentAt: now(), provider: channel.name, providerRef: receipt.providerRef ?? null, delivered: receipt.delivered, masked });
          counts.sent++;
        } catch (err) {
          const reason = errorText(err);
          const permanent = err instanceof PermanentDeliveryError;
          if (permanent || row.attempts >= config.maxAttempts) {
            await repo.markFailed(db, row.id, reason, channel.name);
            counts.failed++;
            logger?.warn({ notificationId: row.id, channel: row.channel, attempts: row.attempts, permanent, err: reason }, 'notification failed');
          } else {
            let next = new Date(now().getTime() + retryDelayMs(row.attempts));
            if (toPhone(row.channel)) next = nextAllowedSendTime(next, quiet);
            await repo.markRetry(db, row.id, next, reason, channel.name);
            counts.retried++;
            logger?.info({ notificationId: row.id, channel: row.channel, attempts: row.attempts, next, err: reason }, 'notification retry scheduled');
          }
        }
      }
      return counts;
    },

    /** The outbox for the admin page, newest first, with counts per status. */
    async list(actor: Actor | null, f: { status?: NotificationStatus; channel?: NotificationChannelKind; page?: number }) {
      authorize(actor, 'notifications.read');
      const page = Math.max(1, Math.floor(f.page ?? 1));
      const [rows, counts] = await Promise.all([
        repo.list(db, {
          status: f.status,
          channel: f.channel,
          limit: NOTIFICATIONS_PAGE_SIZE + 1,
          offset: (page - 1) * NOTIFICATIONS_PAGE_SIZE,
        }),
        repo.countByStatus(db),
      ]);
      return { rows: rows.slice(0, NOTIFICATIONS_PAGE_SIZE), hasNext: rows.length > NOTIFICATIONS_PAGE_SIZE, page, counts };
    },
  };
}
export type NotificationService = ReturnType<typeof createNotificationService>;
