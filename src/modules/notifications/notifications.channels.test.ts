import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type pino from 'pino';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../config.ts';
import {
  PermanentDeliveryError,
  TransientDeliveryError,
  createChannels,
  createHttpSmsChannel,
  createLogChannel,
  createSmtpChannel,
  type NotifyLogger,
} from './notifications.channels.ts';

// A pino Logger must fit the channels' logger type (main.ts passes one).
const _pinoFits: (l: pino.Logger) => NotifyLogger = (l) => l;
void _pinoFits;

const notify: Config['notify'] = {
  alimtalk: 'log',
  alimtalkSenderKey: '',
  email: 'log',
  sms: 'log',
  smtpFrom: '잇다 <no-reply@itda.local>',
  smsSender: '031-000-0000',
  quietStartHour: 21,
  quietEndHour: 8,
  maxAttempts: 5,
};

// ---------------------------------------------------------------------------------------------
// A minimal MIME reader (mailparser is not a dependency): headers, RFC 2047 encoded words, and a
// single-part body in base64, quoted-printable or 7/8bit.

function qpBytes(s: string): Buffer {
  const text = s.replace(/=\r?\n/g, ''); // soft line breaks (RFC 2045 §6.7 rule 5)
  const out: Buffer[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(Buffer.from([parseInt(hex, 16)]));
      i += 2;
    } else {
      out.push(Buffer.from(text[i]!, 'utf8'));
    }
  }
  return Buffer.concat(out);
}

/** RFC 2047: adjacent encoded words are joined (whitespace between them is dropped) before decoding. */
function decodeHeader(v: string): string {
  return v.replace(/(?:=\?[^?]+\?[BbQq]\?[^?]*\?=\s*)+/g, (run) => {
    const trailing = /\s*$/.exec(run)![0];
    const parts = [...run.matchAll(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g)].map(([, charset, enc, text]) => {
      expect(charset!.toLowerCase()).toBe('utf-8');
      return enc!.toUpperCase() === 'B' ? Buffer.from(text!, 'base64') : qpBytes(text!.replace(/_/g, ' '));
    });
    return Buffer.concat(parts).toString('utf8') + trailing;
  });
}

function parseMail(raw: string): { header: (name: string) => string | undefined; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' '); // unfold (RFC 5322 §2.2.3)
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const rawBody = raw.slice(split + 4);
  const bytes =
    encoding === 'base64'
      ? Buffer.from(rawBody.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? qpBytes(rawBody)
        : Buffer.from(rawBody, 'utf8');
  expect(headers.get('content-type')?.toLowerCase()).toContain('charset=utf-8');
  return {
    header: (name) => {
      const v = headers.get(name.toLowerCase());
      return v === undefined ? undefined : decodeHeader(v);
    },
    text: bytes.toString('utf8').replace(/\r\n/g, '\n').replace(/\n+$/, ''),
  };
}

// ---------------------------------------------------------------------------------------------

describe('smtp channel (against a local smtp-server)', () => {
  const received: { from: string; to: string[]; raw: string }[] = [];
  /** RCPT TO addresses the server refuses, with the reply code to refuse them with. */
  const refuse = new Map<string, number>();
  let server: SMTPServer;
  let port = 0;

  beforeAll(async () => {
    const options: SMTPServerOptions = {
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, cb) {
        const code = refuse.get(address.address);
        if (code) return cb(Object.assign(new Error(`refused ${address.address}`), { responseCode: code }));
        cb();
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('latin1'), // bytes as-is; the MIME reader decodes
          });
          cb();
        });
      },
    };
    server = new SMTPServer(options);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('delivers a Korean message whose subject and body decode back exactly', async () => {
    const channel = createSmtpChannel({ smtpUrl: `smtp://127.0.0.1:${port}`, from: notify.smtpFrom });
    expect(channel.name).toBe('smtp');
    const subject = '[잇다] 계정이 만들어졌습니다';
    const body = '김사무님, 안녕하세요.\n\n아이디: kim.clerk\n일회용 비밀번호는 담당자가 따로 알려 드립니다.';
    const receipt = await channel.send({ channel: 'email', recipient: 'kim@example.com', subject, body });

    expect(received).toHaveLength(1);
    const msg = received[0]!;
    expect(msg.from).toBe('no-reply@itda.local');
    expect(msg.to).toEqual(['kim@example.com']);
    // Nothing but ASCII on the wire: headers as encoded words, the body transfer-encoded.
    expect([...msg.raw].every((ch) => ch.charCodeAt(0) < 0x80)).toBe(true);
    const mail = parseMail(msg.raw);
    expect(mail.header('subject')).toBe(subject);
    expect(mail.header('from')).toContain('잇다');
    expect(mail.text).toBe(body);
    expect(receipt.providerRef).toBe(mail.header('message-id'));
  });

  it('fails permanently on a 5xx refusal and transiently on a 4xx one (RFC 5321 §4.2.1)', async () => {
    refuse.set('nobody@example.com', 550);
    refuse.set('busy@example.com', 451);
    const channel = createSmtpChannel({ smtpUrl: `smtp://127.0.0.1:${port}`, from: notify.smtpFrom });
    const m = { channel: 'email' as const, subject: 's', body: 'b' };
    await expect(channel.send({ ...m, recipient: 'nobody@example.com' })).rejects.toBeInstanceOf(PermanentDeliveryError);
    const e = await channel.send({ ...m, recipient: 'busy@example.com' }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(TransientDeliveryError);
    expect(e).not.toBeInstanceOf(PermanentDeliveryError);
  });

  it('treats an unreachable relay as retryable', async () => {
    // A port that was just free: connection refused.
    const tmp = http.createServer();
    await new Promise<void>((r) => tmp.listen(0, '127.0.0.1', r));
    const closedPort = (tmp.address() as AddressInfo).port;
    await new Promise<void>((r) => tmp.close(() => r()));
    const channel = createSmtpChannel({ smtpUrl: `smtp://127.0.0.1:${closedPort}`, from: notify.smtpFrom, timeoutMs: 2000 });
    await expect(channel.send({ channel: 'email', recipient: 'a@example.com', subject: 's', body: 'b' })).rejects.toBeInstanceOf(
      TransientDeliveryError,
    );
  });
});

describe('http sms channel (against a local test double)', () => {
  const requests: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: unknown }[] = [];
  let reply: { status: number; body: string } = { status: 200, body: '{"id":"msg-1"}' };
  let hang = false;
  let server: http.Server;
  let endpoint = '';

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let data = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (data += c));
      req.on('end', () => {
        requests.push({ method: req.method, url: req.url, headers: req.headers, body: JSON.parse(data) as unknown });
        if (hang) return; // never answer: the client's timeout must fire
        res.writeHead(reply.status, { 'content-type': 'application/json' });
        res.end(reply.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/sms`;
  });
  afterEach(() => {
    requests.length = 0;
    reply = { status: 200, body: '{"id":"msg-1"}' };
    hang = false;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  const send = (timeoutMs?: number) =>
    createHttpSmsChannel({ endpoint, apiKey: 'sk-test', sender: '031-000-0000', timeoutMs }).send({
      channel: 'sms',
      recipient: '010-1234-5678',
      subject: '[잇다] 테스트',
      body: '[잇다] 알림 발송 테스트 메시지입니다.',
    });

  it('POSTs {from, to, text} as JSON with a bearer token and keeps the provider id', async () => {
    const receipt = await send();
    expect(receipt.providerRef).toBe('msg-1');
    expect(requests).toHaveLength(1);
    const r = requests[0]!;
    expect(r.method).toBe('POST');
    expect(r.url).toBe('/v1/sms');
    expect(r.headers.authorization).toBe('Bearer sk-test');
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.body).toEqual({ from: '0310000000', to: '01012345678', text: '[잇다] 알림 발송 테스트 메시지입니다.' });
  });

  it('accepts a 2xx answer that is not JSON', async () => {
    reply = { status: 202, body: 'queued' };
    expect(await send()).toEqual({ providerRef: undefined });
  });

  it('fails permanently on 4xx, with the status', async () => {
    reply = { status: 400, body: '{"error":"invalid number"}' };
    const e = await send().catch((err: unknown) => err);
    expect(e).toBeInstanceOf(PermanentDeliveryError);
    expect((e as PermanentDeliveryError).status).toBe(400);
    expect((e as Error).message).toContain('400');
    expect((e as Error).message).toContain('invalid number');
  });

  it('retries on 5xx, 429 and 408', async () => {
    for (const status of [500, 503, 429, 408]) {
      reply = { status, body: '{}' };
      const e = await send().catch((err: unknown) => err);
      expect(e, String(status)).toBeInstanceOf(TransientDeliveryError);
      expect((e as TransientDeliveryError).status).toBe(status);
    }
  });

  it('gives up after its timeout and leaves the message for a retry', async () => {
    hang = true;
    const e = await send(200).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(TransientDeliveryError);
    expect((e as Error).message).toContain('timed out');
  });
});

describe('log channel and createChannels', () => {
  it('logs the message with the recipient masked, and sends nothing', async () => {
    const lines: { obj: object; msg?: string }[] = [];
    const logger: NotifyLogger = { info: (obj, msg) => lines.push({ obj, msg }), warn: () => {}, error: () => {} };
    const channel = createLogChannel('sms', logger);
    expect(await channel.send({ channel: 'sms', recipient: '01012345678', subject: null, body: '본문' })).toEqual({});
    expect(JSON.stringify(lines)).toContain('010-****-5678');
    expect(JSON.stringify(lines)).not.toContain('01012345678');
    expect(JSON.stringify(lines)).toContain('본문');
  });

  it('builds the configured channels', () => {
    const log = createChannels(notify);
    expect([log.email.name, log.sms.name]).toEqual(['log', 'log']);
    const real = createChannels({ ...notify, email: 'smtp', smtpUrl: 'smtp://127.0.0.1:2525', sms: 'http', smsEndpoint: 'http://127.0.0.1:1/sms' });
    expect([real.email.name, real.sms.name]).toEqual(['smtp', 'sms-http']);
    expect(() => createChannels({ ...notify, email: 'smtp' })).toThrow(/ITDA_SMTP_URL/);
    expect(() => createChannels({ ...notify, sms: 'http' })).toThrow(/ITDA_SMS_ENDPOINT/);
  });
});
