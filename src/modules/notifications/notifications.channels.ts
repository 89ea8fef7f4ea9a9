import { createTransport } from 'nodemailer';
import type { Config } from '../../config.ts';
import { maskRecipient, type ChannelKind } from './notifications.templates.ts';

/**
 * Delivery channels of the outbox. A channel only moves one rendered message to one provider;
 * retries, backoff and quiet hours are the service's business.
 *
 * Errors: a channel throws `PermanentDeliveryError` when sending the same message again cannot
 * succeed (the provider refused it: bad number, unknown mailbox), so the service fails it at once;
 * any other error (network, timeout, provider 5xx) is retried with backoff.
 */
export interface OutgoingMessage {
  channel: ChannelKind;
  recipient: string;
  subject: string | null;
  body: string;
  /** The template name (알림톡 sends it as the approved template's code). */
  template?: string;
}

export interface DeliveryReceipt {
  /** The provider's id of the message, kept for support requests to the provider. */
  providerRef?: string;
  /**
   * The provider already reports the handset received it (its answer says `"status": "delivered"`).
   * Gateways that report delivery later, by a callback, leave the message `sent` (not wired yet).
   */
  delivered?: boolean;
}

export interface NotificationChannel {
  /** Stored in `notification.provider`. */
  name: string;
  send(msg: OutgoingMessage): Promise<DeliveryReceipt>;
}

export interface NotificationChannels {
  email: NotificationChannel;
  sms: NotificationChannel;
  /** 카카오 알림톡 (issue 13 §2). */
  alimtalk: NotificationChannel;
}

/** The subset of pino's API we use (a pino Logger fits). */
export interface NotifyLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const consoleLogger: NotifyLogger = {
  info: (obj, msg) => console.info(msg ?? '', obj),
  warn: (obj, msg) => console.warn(msg ?? '', obj),
  error: (obj, msg) => console.error(msg ?? '', obj),
};

/** Sending the same message again cannot succeed: fail it now, do not retry. */
export class PermanentDeliveryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'PermanentDeliveryError';
  }
}

/** A failure worth retrying later (network, timeout, provider overloaded). */
export class TransientDeliveryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'TransientDeliveryError';
  }
}

/**
 * Writes the message to the log instead of sending it: the default, so a fresh install and the
 * demo send nothing to real people. The admin page lists the same rows from the outbox. The
 * recipient is masked in the log line (logs are kept and shipped more widely than the database).
 */
export function createLogChannel(kind: ChannelKind, logger: NotifyLogger = consoleLogger): NotificationChannel {
  return {
    name: 'log',
    async send(msg) {
      logger.info(
        { notification: { channel: kind, to: maskRecipient(kind, msg.recipient), subject: msg.subject, body: msg.body } },
        'notification (log channel, not sent)',
      );
      return {};
    },
  };
}

/** nodemailer's error fields we read (see its smtp-connection `_formatError`). */
interface SmtpError {
  code?: string;
  responseCode?: number;
  permanent?: boolean;
  message?: string;
}

/**
 * E-mail through an SMTP relay (ITDA_SMTP_URL, e.g. smtps://user:pass@smtp.example.go.kr).
 * Plain text only: no tracking pixels, no remote content.
 */
export function createSmtpChannel(opts: { smtpUrl: string; from: string; timeoutMs?: number }): NotificationChannel {
  const timeout = opts.timeoutMs ?? 30_000;
  // nodemailer's defaults wait up to 2 minutes to connect and 10 minutes on a silent socket; a
  // worker run should not hang that long on one relay.
  const transport = createTransport({
    url: opts.smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    name: 'smtp',
    async send(msg) {
      try {
        const info = await transport.sendMail({
          from: opts.from,
          to: msg.recipient,
          subject: msg.subject ?? '',
          text: msg.body,
        });
        return { providerRef: info.messageId };
      } catch (err) {
        const e = err as SmtpError;
        const reason = `SMTP ${e.responseCode ?? e.code ?? 'error'}: ${e.message ?? String(err)}`;
        // RFC 5321 §4.2.1: a 5yz reply is a permanent negative completion, 4yz transient;
        // nodemailer flags the former as `permanent`. An authentication failure (535) is also 5yz,
        // but it is our configuration, not this message, that is wrong: keep retrying so the
        // messages go out once an operator fixes the credentials.
        if (e.permanent === true && e.code !== 'EAUTH') {
          throw new PermanentDeliveryError(reason, e.responseCode, { cause: err });
        }
        throw new TransientDeliveryError(reason, e.responseCode, { cause: err });
      }
    },
  };
}

/** Digits only: 010-1234-5678 → 01012345678, the form SMS gateways expect. */
export function normalizePhone(phone: string): string {
  return phone.replace(/[\s().-]/g, '');
}

/**
 * SMS through a generic HTTP gateway: POST {from, to, text} as JSON with a bearer token. Korean
 * gateways (and 전기통신사업법 §84-2, caller-ID registration) require `from` to be a number
 * registered in advance with the provider — ITDA_SMS_SENDER.
 */
export function createHttpSmsChannel(opts: {
  endpoint: string;
  apiKey?: string;
  sender: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}): NotificationChannel {
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return {
    name: 'sms-http',
    async send(msg) {
      let res: Response;
      try {
        res = await doFetch(opts.endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}),
          },
          body: JSON.stringify({ from: normalizePhone(opts.sender), to: normalizePhone(msg.recipient), text: msg.body }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        // Network error or our timeout: the gateway may or may not have the message; retry.
        const e = err as Error;
        const reason = e.name === 'TimeoutError' ? `SMS gateway timed out after ${timeoutMs} ms` : `SMS gateway unreachable: ${e.message}`;
        throw new TransientDeliveryError(reason, undefined, { cause: err });
      }
      const text = await res.text().catch(() => '');
      if (!res.ok) {
        const reason = `SMS gateway HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
        // RFC 9110 §15.5: a 4xx says the request itself is wrong (bad number, rejected text), so
        // the same request will fail again — except 408 (timeout) and 429 (rate limited,
        // RFC 6585 §4), which invite a retry. 5xx is the gateway's trouble: retry.
        if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
          throw new PermanentDeliveryError(reason, res.status);
        }
        throw new TransientDeliveryError(reason, res.status);
      }
      return receiptFrom(text);
    },
  };
}

/**
 * 카카오 알림톡 through a generic HTTP gateway (the same "configurable HTTP message interface" as SMS):
 * POST {senderKey, to, templateCode, text} as JSON with a bearer token. 알림톡 is for information the
 * recipient asked for (카카오 비즈메시지 policy: no advertising), sent only from templates the 딜러사
 * has approved in advance — `templateCode` is Itda's template name, registered under that code.
 */
export function createHttpAlimtalkChannel(opts: { endpoint: string; apiKey?: string; senderKey: string; timeoutMs?: number; fetch?: typeof fetch }): NotificationChannel {
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return {
    name: 'alimtalk-http',
    async send(msg) {
      let res: Response;
      try {
        res = await doFetch(opts.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}) },
          body: JSON.stringify({ senderKey: opts.senderKey, to: normalizePhone(msg.recipient), templateCode: msg.template ?? '', text: msg.body }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const e = err as Error;
        throw new TransientDeliveryError(e.name === 'TimeoutError' ? `알림톡 gateway timed out after ${timeoutMs} ms` : `알림톡 gateway unreachable: ${e.message}`, undefined, { cause: err });
      }
      const text = await res.text().catch(() => '');
      if (!res.ok) {
        const reason = `알림톡 gateway HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
        // As for SMS: a 4xx (not 408/429) is this message's fault (no 카카오톡 user, template not approved).
        if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new PermanentDeliveryError(reason, res.status);
        throw new TransientDeliveryError(reason, res.status);
      }
      return receiptFrom(text);
    },
  };
}

function receiptFrom(text: string): DeliveryReceipt {
  let delivered = false;
  try {
    delivered = (JSON.parse(text) as Record<string, unknown>).status === 'delivered';
  } catch {
    // Not JSON.
  }
  return { providerRef: providerRefFrom(text), ...(delivered ? { delivered } : {}) };
}

/** Gateways differ; take a message id from the usual fields of a JSON answer when there is one. */
function providerRefFrom(text: string): string | undefined {
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    for (const k of ['id', 'messageId', 'message_id', 'msgId', 'ref']) {
      const v = json[k];
      if (typeof v === 'string' || typeof v === 'number') return String(v);
    }
  } catch {
    // Not JSON: nothing to keep.
  }
  return undefined;
}

/** Builds the configured channel for each kind; `log` unless the deployment configured a provider. */
export function createChannels(notify: Config['notify'], logger?: NotifyLogger): NotificationChannels {
  let email: NotificationChannel;
  if (notify.email === 'smtp') {
    if (!notify.smtpUrl) throw new Error('ITDA_NOTIFY_EMAIL=smtp needs ITDA_SMTP_URL');
    email = createSmtpChannel({ smtpUrl: notify.smtpUrl, from: notify.smtpFrom });
  } else {
    email = createLogChannel('email', logger);
  }
  let sms: NotificationChannel;
  if (notify.sms === 'http') {
    if (!notify.smsEndpoint) throw new Error('ITDA_NOTIFY_SMS=http needs ITDA_SMS_ENDPOINT');
    sms = createHttpSmsChannel({ endpoint: notify.smsEndpoint, apiKey: notify.smsApiKey, sender: notify.smsSender });
  } else {
    sms = createLogChannel('sms', logger);
  }
  let alimtalk: NotificationChannel;
  if (notify.alimtalk === 'http') {
    if (!notify.alimtalkEndpoint) throw new Error('ITDA_NOTIFY_ALIMTALK=http needs ITDA_ALIMTALK_ENDPOINT');
    alimtalk = createHttpAlimtalkChannel({ endpoint: notify.alimtalkEndpoint, apiKey: notify.alimtalkApiKey, senderKey: notify.alimtalkSenderKey });
  } else {
    alimtalk = createLogChannel('alimtalk', logger);
  }
  return { email, sms, alimtalk };
}
