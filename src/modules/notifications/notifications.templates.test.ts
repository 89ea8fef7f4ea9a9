import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  OWNER_TEMPLATES,
  SMS_MAX_BYTES,
  hasTemplateLocale,
  TEMPLATE_NAMES,
  TemplateParamError,
  UnknownTemplateError,
  maskRecipient,
  renderTemplate,
  smsByteLength,
  smsKind,
} from './notifications.templates.ts';

describe('renderTemplate', () => {
  it('renders account.created in Korean with the login and without any password', () => {
    const r = renderTemplate('account.created', 'email', 'ko', { login: 'kim.clerk', displayName: '김사무', url: 'https://itda.example.kr/login' });
    expect(r.locale).toBe('ko');
    expect(r.subject).toBe('[잇다] 계정이 만들어졌습니다');
    expect(r.body).toContain('김사무님, 안녕하세요.');
    expect(r.body).toContain('아이디: kim.clerk');
    expect(r.body).toContain('로그인 주소: https://itda.example.kr/login');
    expect(r.body).toContain('일회용 비밀번호는 보안을 위해 이 메일에 적지 않았습니다');
  });
  it('leaves out optional lines that have no value', () => {
    const r = renderTemplate('account.created', 'email', 'ko', { login: 'kim.clerk' });
    expect(r.body).not.toContain('로그인 주소');
    expect(r.body.startsWith('안녕하세요.')).toBe(true);
  });
  it('renders English, and falls back to Korean for other languages', () => {
    expect(renderTemplate('account.created', 'sms', 'en', { login: 'kim' }).body).toBe('[Itda] Account kim created. Staff will give you a one-time password.');
    const vi = renderTemplate('test.message', 'email', 'vi', {});
    expect(vi.locale).toBe('ko');
    expect(vi.subject).toBe('[잇다] 테스트 메시지');
    expect(renderTemplate('test.message', 'email', null, { sentBy: '운영자' }).body).toContain('보낸 사람: 운영자');
  });
  it('has every owner message in all four languages, each in its own words (issue 13 §4)', () => {
    const params = { business: '행복치킨', url: 'https://itda.example/o/abcd1234', office: '안산 사무소', phone: '031-000-0000', programme: '소상공인 경영개선', code: 'AB12CD' };
    for (const name of OWNER_TEMPLATES) {
      for (const locale of ['ko', 'en', 'zh', 'vi']) {
        expect(hasTemplateLocale(name, locale), `${name}/${locale}`).toBe(true);
        for (const channel of ['sms', 'email'] as const) {
          const r = renderTemplate(name, channel, locale, params);
          expect(r.locale).toBe(locale);
          if (locale !== 'ko') expect(r.body, `${name}/${channel}/${locale}`).not.toBe(renderTemplate(name, channel, 'ko', params).body);
        }
      }
    }
    expect(renderTemplate('help.received', 'sms', 'vi', params).body).toContain('Nhân viên 안산 사무소');
    expect(renderTemplate('help.received', 'sms', 'zh', params).body).toContain('已收到帮助请求');
    // Staff messages have no zh/vi text: asked for in Vietnamese, they go out in Korean.
    expect(hasTemplateLocale('account.created', 'vi')).toBe(false);
    expect(renderTemplate('account.created', 'sms', 'vi', { login: 'kim' }).locale).toBe('ko');
  });
  it('throws on an unknown template or a missing parameter', () => {
    expect(() => renderTemplate('no.such', 'email', 'ko', {})).toThrow(UnknownTemplateError);
    // Inherited object keys are not templates.
    expect(() => renderTemplate('toString', 'email', 'ko', {})).toThrow(UnknownTemplateError);
    expect(() => renderTemplate('account.created', 'sms', 'ko', {})).toThrow(TemplateParamError);
    expect(() => renderTemplate('account.created', 'sms', 'ko', { login: '' })).toThrow(TemplateParamError);
  });
  it('keeps every SMS within one SMS (90 bytes EUC-KR) for logins up to 23 characters', () => {
    const login = 'a'.repeat(23);
    for (const name of TEMPLATE_NAMES) {
      for (const locale of ['ko', 'en', 'zh', 'vi']) {
        const { body } = renderTemplate(name, 'sms', locale, { login, displayName: '김사무', sentBy: '운영자' });
        expect(smsByteLength(body), `${name}/${locale}: ${body}`).toBeLessThanOrEqual(SMS_MAX_BYTES);
      }
    }
    // A longer login is not cut: the message goes out whole, as an LMS.
    const long = renderTemplate('account.created', 'sms', 'ko', { login: 'a'.repeat(50) }).body;
    expect(long).toContain('a'.repeat(50));
    expect(smsKind(long)).toBe('LMS');
  });
});

describe('smsByteLength', () => {
  it('counts Hangul as 2 bytes and ASCII as 1, as carriers do in EUC-KR', () => {
    expect(smsByteLength('abc')).toBe(3);
    expect(smsByteLength('잇다')).toBe(4);
    expect(smsByteLength('[잇다] 1')).toBe(8);
    expect(smsKind('가'.repeat(45))).toBe('SMS');
    expect(smsKind('가'.repeat(46))).toBe('LMS');
  });
});

describe('maskRecipient', () => {
  it('masks phone numbers and e-mail addresses', () => {
    expect(maskRecipient('sms', '01012345678')).toBe('010-****-5678');
    expect(maskRecipient('sms', '010-1234-5678')).toBe('010-****-5678');
    expect(maskRecipient('sms', '0212345678')).toBe('02-****-5678');
    expect(maskRecipient('email', 'kim.clerk@example.com')).toBe('k***@example.com');
    expect(maskRecipient('email', 'not-an-address')).toBe('***');
    expect(maskRecipient('sms', '123')).toBe('***');
  });
  it('never shows the middle digits of a mobile number (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^010\d{8}$/), (n) => {
        const m = maskRecipient('sms', n);
        // The digits left in the mask are the prefix and the last four, nothing of the middle. (Checking that the
        // middle four do not appear as a substring failed when they equal the last four, e.g. 010-5678-5678.)
        return m === `010-****-${n.slice(-4)}` && m.replace(/\D/g, '') === `010${n.slice(-4)}`;
      }),
    );
  });
  it('never shows the local part of an e-mail address beyond its first character (property)', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (a) => {
        const m = maskRecipient('email', a);
        const local = a.slice(0, a.lastIndexOf('@'));
        return m.startsWith(`${local[0]}***@`) && m.endsWith(a.slice(a.lastIndexOf('@')));
      }),
    );
  });
});
