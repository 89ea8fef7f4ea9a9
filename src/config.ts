import path from 'node:path';
import { z } from 'zod';
import { parseTrustedCidrs, type TrustedNetworks } from './domain/second-factor.ts';

/**
 * The only file that reads process.env. Parsed once, fails fast with a readable message.
 * Durations are in minutes unless the name says otherwise.
 */
const bool = z.enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no']).transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  ITDA_DATA_DIR: z.string().default('./data'),
  ITDA_DEMO: bool.optional(),
  ITDA_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ITDA_PUBLIC_URL: z.string().url().optional(),
  /** Cookies get `Secure` when served over TLS (directly or behind a proxy that says so). */
  ITDA_COOKIE_SECURE: bool.optional(),
  ITDA_TRUST_PROXY: bool.default(false),
  ITDA_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  ITDA_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  ITDA_LOCKOUT_THRESHOLD: z.coerce.number().int().positive().default(5),
  ITDA_LOCKOUT_MINUTES: z.coerce.number().int().positive().default(10),
  // Second factor (issue 14 §2): the networks staff may sign in from with the password alone
  // (comma-separated CIDRs; unset = the rule is off and only operator, admin and office lead need
  // it), and the key that encrypts the TOTP secrets and keys the recovery-code hashes.
  ITDA_TRUSTED_CIDRS: z.string().optional(),
  ITDA_TOTP_KEY: z.string().min(16).optional(),
  ITDA_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  ITDA_WORKER: bool.default(true),
  // Processes serving HTTP on the one port (node:cluster), each with its own pool and job worker;
  // PostgreSQL only (issue 12 §4; docs/architecture.md, "Several processes").
  ITDA_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  ITDA_PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
  // Notifications
  ITDA_NOTIFY_EMAIL: z.enum(['log', 'smtp']).default('log'),
  ITDA_NOTIFY_SMS: z.enum(['log', 'http']).default('log'),
  ITDA_SMTP_URL: z.string().optional(),
  ITDA_SMTP_FROM: z.string().default('잇다 <no-reply@itda.local>'),
  ITDA_SMS_ENDPOINT: z.string().url().optional(),
  ITDA_SMS_API_KEY: z.string().optional(),
  ITDA_SMS_SENDER: z.string().default('0310000000'),
  ITDA_NOTIFY_ALIMTALK: z.enum(['log', 'http']).default('log'),
  ITDA_ALIMTALK_ENDPOINT: z.string().url().optional(),
  ITDA_ALIMTALK_API_KEY: z.string().optional(),
  ITDA_ALIMTALK_SENDER_KEY: z.string().default(''),
  ITDA_SMS_QUIET_START: z.coerce.number().int().min(0).max(23).default(21),
  ITDA_SMS_QUIET_END: z.coerce.number().int().min(0).max(23).default(8),
  ITDA_NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  // 국세청 사업자등록 상태조회 (공공데이터포털): unset = not connected, no call is made.
  ITDA_NTS_ENDPOINT: z.string().url().optional(),
  ITDA_NTS_SERVICE_KEY: z.string().optional(),
  ITDA_NTS_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  // 공고문 첨부파일 (issue 11 §3): hosts we may fetch attachments from (comma-separated, e.g.
  // www.bizinfo.go.kr); unset = not fetched, the page says so. BASE sends every request to one
  // origin instead (a mirror, or the local test double), keeping the path and query.
  ITDA_NOTICE_FETCH_HOSTS: z.string().optional(),
  ITDA_NOTICE_FETCH_BASE: z.string().url().optional(),
  ITDA_NOTICE_FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  ITDA_NOTICE_FETCH_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  // Backups (issue 14 §5): the nightly job writes encrypted backups into DIR (unset = no nightly
  // backup); KEY (≥ 16 characters) encrypts them and is needed to restore; the newest KEEP are kept.
  ITDA_BACKUP_DIR: z.string().optional(),
  ITDA_BACKUP_KEY: z.string().min(16).optional(),
  ITDA_BACKUP_KEEP: z.coerce.number().int().positive().default(14),
  // Published chain heads (issue 14 §4): who receives the signed daily message (comma-separated
  // e-mail addresses; unset = heads are kept and printed in the monthly report, no message), the
  // Ed25519 private key (PEM; '\n' escapes allowed) or the file holding it (default: in the data
  // folder, generated at the first signing when neither is given).
  ITDA_CHAIN_HEADS_TO: z.string().optional(),
  ITDA_CHAIN_SIGNING_KEY: z.string().optional(),
  ITDA_CHAIN_SIGNING_KEY_FILE: z.string().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  /** The address people reach Itda at (links in SMS and e-mail). */
  publicUrl: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  demo: boolean;
  logLevel: Env['ITDA_LOG_LEVEL'];
  cookieSecure: boolean;
  trustProxy: boolean;
  session: { idleMinutes: number; absoluteHours: number };
  lockout: { threshold: number; minutes: number };
  /**
   * The second factor (issue 14 §2): trusted networks (null = none listed) and the encryption key.
   * Without ITDA_TOTP_KEY a built-in key is used: the secrets are then unreadable in lists but a
   * dump together with the code reveals them, so a deployment sets the key (README).
   */
  secondFactor: { trustedNetworks: TrustedNetworks | null; key: string; keyConfigured: boolean };
  bodyLimitBytes: number;
  worker: boolean;
  /** How many processes serve (ITDA_WORKERS); more than 1 only on PostgreSQL. */
  workers: number;
  /**
   * Memory for rendered page bodies kept per process (ITDA_PAGE_CACHE_MB, default 64; 0 = none):
   * the clerk home and the business page (src/web/page-cache.ts).
   */
  pageCacheBytes: number;
  notify: {
    email: 'log' | 'smtp';
    sms: 'log' | 'http';
    smtpUrl?: string;
    smtpFrom: string;
    smsEndpoint?: string;
    smsApiKey?: string;
    smsSender: string;
    /** 카카오 알림톡 through a generic HTTP gateway (issue 13 §2). */
    alimtalk: 'log' | 'http';
    alimtalkEndpoint?: string;
    alimtalkApiKey?: string;
    alimtalkSenderKey: string;
    quietStartHour: number;
    quietEndHour: number;
    maxAttempts: number;
  };
  /** 국세청 상태조회: e.g. https://api.odcloud.kr/api/nts-businessman/v1/status; absent = not connected. */
  nts: { endpoint?: string; serviceKey?: string; timeoutMs: number };
  /** 공고문 첨부파일 fetching: no hosts and no base = not connected (nothing is fetched). */
  noticeFetch: { hosts: string[]; base?: string; timeoutMs: number; maxBytes: number };
  backup: { dir?: string; key?: string; keep: number };
  chainHeads: { to: string[]; signingKeyPem?: string; keyFile: string };
}

export class ConfigError extends Error {}

/** Used when ITDA_TOTP_KEY is unset (the demo, tests); see Config.secondFactor. */
const BUILT_IN_TOTP_KEY = 'itda-built-in-totp-key-set-ITDA_TOTP_KEY';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`설정 오류 (configuration error):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const database = e.DATABASE_URL
    ? ({ kind: 'postgres', url: e.DATABASE_URL } as const)
    : ({ kind: 'pglite', dataDir: e.ITDA_DATA_DIR } as const);
  // Demo data exists only on the embedded database: a PostgreSQL deployment is a real one and
  // must never receive demo accounts with published passwords.
  if (database.kind === 'postgres' && e.ITDA_DEMO === true) {
    throw new ConfigError('ITDA_DEMO는 내장 데이터베이스(PGlite)에서만 켤 수 있습니다 (ITDA_DEMO is only for the embedded database).');
  }
  // PGlite is one process's database (it lives in this process's memory and locks its folder).
  if (database.kind === 'pglite' && e.ITDA_WORKERS > 1) {
    throw new ConfigError(
      'ITDA_WORKERS는 PostgreSQL(DATABASE_URL)에서만 1보다 클 수 있습니다: 내장 데이터베이스(PGlite)는 한 프로세스만 엽니다 (ITDA_WORKERS > 1 needs DATABASE_URL: PGlite is opened by one process only).',
    );
  }
  if (e.ITDA_NOTIFY_EMAIL === 'smtp' && !e.ITDA_SMTP_URL) {
    throw new ConfigError('ITDA_NOTIFY_EMAIL=smtp 에는 ITDA_SMTP_URL 이 필요합니다.');
  }
  if (e.ITDA_NOTIFY_SMS === 'http' && !e.ITDA_SMS_ENDPOINT) {
    throw new ConfigError('ITDA_NOTIFY_SMS=http 에는 ITDA_SMS_ENDPOINT 가 필요합니다.');
  }
  if (e.ITDA_NOTIFY_ALIMTALK === 'http' && !e.ITDA_ALIMTALK_ENDPOINT) {
    throw new ConfigError('ITDA_NOTIFY_ALIMTALK=http 에는 ITDA_ALIMTALK_ENDPOINT 가 필요합니다.');
  }
  const trusted = parseTrustedCidrs(e.ITDA_TRUSTED_CIDRS);
  if (!trusted.ok) {
    throw new ConfigError(`ITDA_TRUSTED_CIDRS: "${trusted.bad}"는 CIDR(예: 10.0.0.0/8)이 아닙니다 (not a CIDR).`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.ITDA_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    database,
    demo: database.kind === 'pglite' ? (e.ITDA_DEMO ?? true) : false,
    logLevel: e.ITDA_LOG_LEVEL,
    cookieSecure: e.ITDA_COOKIE_SECURE ?? e.ITDA_PUBLIC_URL?.startsWith('https://') ?? false,
    trustProxy: e.ITDA_TRUST_PROXY,
    session: { idleMinutes: e.ITDA_SESSION_IDLE_MINUTES, absoluteHours: e.ITDA_SESSION_ABSOLUTE_HOURS },
    lockout: { threshold: e.ITDA_LOCKOUT_THRESHOLD, minutes: e.ITDA_LOCKOUT_MINUTES },
    secondFactor: {
      trustedNetworks: trusted.networks,
      key: e.ITDA_TOTP_KEY ?? BUILT_IN_TOTP_KEY,
      keyConfigured: e.ITDA_TOTP_KEY !== undefined,
    },
    bodyLimitBytes: e.ITDA_BODY_LIMIT_BYTES,
    worker: e.ITDA_WORKER,
    workers: e.ITDA_WORKERS,
    pageCacheBytes: e.ITDA_PAGE_CACHE_MB * 1024 * 1024,
    notify: {
      email: e.ITDA_NOTIFY_EMAIL,
      sms: e.ITDA_NOTIFY_SMS,
      smtpUrl: e.ITDA_SMTP_URL,
      smtpFrom: e.ITDA_SMTP_FROM,
      smsEndpoint: e.ITDA_SMS_ENDPOINT,
      smsApiKey: e.ITDA_SMS_API_KEY,
      smsSender: e.ITDA_SMS_SENDER,
      alimtalk: e.ITDA_NOTIFY_ALIMTALK,
      alimtalkEndpoint: e.ITDA_ALIMTALK_ENDPOINT,
      alimtalkApiKey: e.ITDA_ALIMTALK_API_KEY,
      alimtalkSenderKey: e.ITDA_ALIMTALK_SENDER_KEY,
      quietStartHour: e.ITDA_SMS_QUIET_START,
      quietEndHour: e.ITDA_SMS_QUIET_END,
      maxAttempts: e.ITDA_NOTIFY_MAX_ATTEMPTS,
    },
    nts: { endpoint: e.ITDA_NTS_ENDPOINT, serviceKey: e.ITDA_NTS_SERVICE_KEY, timeoutMs: e.ITDA_NTS_TIMEOUT_MS },
    noticeFetch: {
      hosts: (e.ITDA_NOTICE_FETCH_HOSTS ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
      base: e.ITDA_NOTICE_FETCH_BASE,
      timeoutMs: e.ITDA_NOTICE_FETCH_TIMEOUT_MS,
      maxBytes: e.ITDA_NOTICE_FETCH_MAX_BYTES,
    },
    backup: { dir: e.ITDA_BACKUP_DIR, key: e.ITDA_BACKUP_KEY, keep: e.ITDA_BACKUP_KEEP },
    chainHeads: {
      to: (e.ITDA_CHAIN_HEADS_TO ?? '')
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
      signingKeyPem: e.ITDA_CHAIN_SIGNING_KEY?.replace(/\\n/g, '\n'),
      keyFile: e.ITDA_CHAIN_SIGNING_KEY_FILE ?? path.join(e.ITDA_DATA_DIR, 'chain-signing-key.pem'),
    },
  };
}
