/**
 * Message templates of the outbox, in Korean (source language) and English.
 *
 * A template is rendered once, when the message is enqueued, and the text is stored in the
 * outbox row: what the admin page shows is exactly what was sent, even after a template changes.
 *
 * Never put a secret in a template or its params (e.g. a one-time password): the outbox row,
 * the log channel and the admin page keep the text in clear. 개인정보 안전성 확보조치 기준 §7
 * requires passwords to be stored only one-way encrypted, so the password is handed over by the
 * staff member who created the account and the message only says so.
 *
 * SMS length: Korean carriers bill an SMS up to 90 bytes counted in EUC-KR (a Hangul syllable is
 * 2 bytes, ASCII 1). Anything longer goes out as an LMS (up to 2,000 bytes) at a higher price, or
 * is cut by some providers. We never truncate silently — a cut message can lose the one fact it
 * carries — so SMS bodies are written short and a test checks them with typical values;
 * `smsByteLength` lets callers and the admin page see when a message became an LMS.
 */
export type ChannelKind = 'email' | 'sms';
export type TemplateParams = Record<string, string | number>;
export type TemplateLocale = 'ko' | 'en';
export const TEMPLATE_LOCALES: readonly TemplateLocale[] = ['ko', 'en'];

export interface RenderedMessage {
  /** E-mail subject; for SMS the title shown when the carrier turns it into an LMS. */
  subject: string;
  body: string;
}

export class UnknownTemplateError extends Error {
  constructor(readonly template: string) {
    super(`unknown notification template: ${template}`);
    this.name = 'UnknownTemplateError';
  }
}

export class TemplateParamError extends Error {
  constructor(
    readonly template: string,
    readonly param: string,
  ) {
    super(`notification template ${template} needs the parameter "${param}"`);
    this.name = 'TemplateParamError';
  }
}

type Render = (p: TemplateParams) => RenderedMessage;
interface TemplateDef {
  /** Params that must be present and non-empty. */
  required: readonly string[];
  text: Record<TemplateLocale, Record<ChannelKind, Render>>;
}

const s = (v: string | number | undefined): string => (v === undefined ? '' : String(v));
/** A line only when the value is there, so optional params leave no empty "label:" lines. */
const line = (label: string, v: string | number | undefined): string[] => (v === undefined || v === '' ? [] : [`${label}${v}`]);

const TEMPLATES = {
  'account.created': {
    required: ['login'],
    text: {
      ko: {
        email: (p) => ({
          subject: '[잇다] 계정이 만들어졌습니다',
          body: [
            p.displayName ? `${s(p.displayName)}님, 안녕하세요.` : '안녕하세요.',
            '',
            '잇다(경기도 소상공인 지원 공공사무원 사업 운영 시스템)에 계정이 만들어졌습니다.',
            '',
            `아이디: ${s(p.login)}`,
            ...line('로그인 주소: ', p.url),
            '',
            '처음 로그인할 때 쓰는 일회용 비밀번호는 보안을 위해 이 메일에 적지 않았습니다.',
            '계정을 만든 담당자가 따로 알려 드립니다. 처음 로그인하면 비밀번호를 새로 정해야 합니다.',
            '',
            '요청하지 않은 계정이라면 담당 사무소에 알려 주세요.',
            '이 메일은 발신 전용입니다.',
          ].join('\n'),
        }),
        // 67 bytes + the login: one SMS for logins up to 23 characters (logins may have 50: an LMS).
        sms: (p) => ({
          subject: '[잇다] 계정 생성',
          body: `[잇다] 계정 생성(아이디 ${s(p.login)}). 일회용 비밀번호는 담당자가 알려드립니다.`,
        }),
      },
      en: {
        email: (p) => ({
          subject: '[Itda] Your account has been created',
          body: [
            p.displayName ? `Hello ${s(p.displayName)},` : 'Hello,',
            '',
            'An account has been created for you in Itda, the operations system of the Gyeonggi small-business support programme.',
            '',
            `Login: ${s(p.login)}`,
            ...line('Sign-in address: ', p.url),
            '',
            'For security, your one-time password is not in this e-mail: the staff member who created',
            'the account gives it to you separately. You will choose a new password at first sign-in.',
            '',
            'If you did not expect this account, please tell your local office.',
            'This mailbox is not monitored.',
          ].join('\n'),
        }),
        // 65 bytes + the login.
        sms: (p) => ({
          subject: '[Itda] Account created',
          body: `[Itda] Account ${s(p.login)} created. Staff will give you a one-time password.`,
        }),
      },
    },
  },
  'test.message': {
    required: [],
    text: {
      ko: {
        email: (p) => ({
          subject: '[잇다] 테스트 메시지',
          body: ['알림 발송 설정을 확인하기 위한 테스트 메시지입니다.', ...line('보낸 사람: ', p.sentBy), '', '이 메일은 발신 전용입니다.'].join('\n'),
        }),
        sms: () => ({ subject: '[잇다] 테스트', body: '[잇다] 알림 발송 테스트 메시지입니다.' }),
      },
      en: {
        email: (p) => ({
          subject: '[Itda] Test message',
          body: ['This is a test message to check the notification settings.', ...line('Sent by: ', p.sentBy), '', 'This mailbox is not monitored.'].join('\n'),
        }),
        sms: () => ({ subject: '[Itda] Test', body: '[Itda] This is a test notification.' }),
      },
    },
  },
} as const satisfies Record<string, TemplateDef>;

export type TemplateName = keyof typeof TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

export function isTemplateName(v: string): v is TemplateName {
  return Object.hasOwn(TEMPLATES, v);
}

/** Unsupported locales fall back to Korean, the source language. */
export function templateLocale(locale: string | null | undefined): TemplateLocale {
  return (TEMPLATE_LOCALES as readonly string[]).includes(locale ?? '') ? (locale as TemplateLocale) : 'ko';
}

/** Renders a template; throws UnknownTemplateError / TemplateParamError (programming errors). */
export function renderTemplate(
  template: string,
  channel: ChannelKind,
  locale: string | null | undefined,
  params: TemplateParams,
): RenderedMessage & { locale: TemplateLocale } {
  if (!isTemplateName(template)) throw new UnknownTemplateError(template);
  const def: TemplateDef = TEMPLATES[template];
  for (const name of def.required) {
    const v = params[name];
    if (v === undefined || v === '') throw new TemplateParamError(template, name);
  }
  const loc = templateLocale(locale);
  return { ...def.text[loc][channel](params), locale: loc };
}

/** SMS limit of Korean carriers, in EUC-KR bytes; longer messages are sent (and billed) as LMS. */
export const SMS_MAX_BYTES = 90;

/**
 * Length in EUC-KR bytes as carriers count it: ASCII is 1 byte, everything else (Hangul,
 * Hanja, symbols) 2. Characters outside EUC-KR (emoji) are usually refused or replaced by
 * providers; they count 2 here as a lower bound.
 */
export function smsByteLength(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.codePointAt(0)! < 0x80 ? 1 : 2;
  return n;
}

export function smsKind(text: string): 'SMS' | 'LMS' {
  return smsByteLength(text) <= SMS_MAX_BYTES ? 'SMS' : 'LMS';
}

/**
 * Masks a recipient for display (개인정보 보호법 §29, 안전성 확보조치 기준: show no more personal
 * data than the task needs): 010-****-5678, k***@example.com.
 */
export function maskRecipient(channel: ChannelKind, recipient: string): string {
  if (channel === 'email') {
    const at = recipient.lastIndexOf('@');
    if (at <= 0) return '***';
    return `${recipient[0]}***${recipient.slice(at)}`;
  }
  const digits = recipient.replace(/\D/g, '');
  if (digits.length < 8) return '***';
  const last = digits.slice(-4);
  // Seoul numbers start 02 (2-digit area code); mobiles and others 3 digits (010, 031 …).
  const head = digits.startsWith('02') ? '02' : digits.slice(0, 3);
  return `${head}-****-${last}`;
}
