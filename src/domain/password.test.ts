import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPassword, isLocked, lockoutAfterFailure, sessionExpired } from './password.ts';

describe('checkPassword', () => {
  it('accepts 10+ characters of one class and 8+ with two classes', () => {
    expect(checkPassword('abcdefghij')).toBeNull();
    expect(checkPassword('abcdef12')).toBeNull();
    expect(checkPassword('한글비밀번호입니다12')).toBeNull();
  });
  it('refuses short or simple passwords', () => {
    expect(checkPassword('abc12')).toBe('tooShort');
    expect(checkPassword('abcdefgh')).toBe('tooSimple');
    expect(checkPassword('123456789')).toBe('tooSimple');
  });
  it('refuses a password containing the login', () => {
    expect(checkPassword('kimclerk-2026', 'kimclerk')).toBe('containsLogin');
  });
  it('never accepts anything shorter than 8 characters (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 7 }), (s) => checkPassword(s) !== null));
  });
});

describe('lockout', () => {
  const policy = { threshold: 5, minutes: 10 };
  const now = new Date('2026-11-27T10:00:00Z');
  it('locks for 10 minutes on the 5th consecutive failure', () => {
    let state = { failedAttempts: 0, lockedUntil: null as Date | null };
    for (let i = 0; i < 4; i++) {
      state = lockoutAfterFailure(state.failedAttempts, now, policy);
      expect(state.lockedUntil).toBeNull();
    }
    state = lockoutAfterFailure(state.failedAttempts, now, policy);
    expect(state.lockedUntil?.toISOString()).toBe('2026-11-27T10:10:00.000Z');
    expect(isLocked(state.lockedUntil, new Date('2026-11-27T10:09:59Z'))).toBe(true);
    expect(isLocked(state.lockedUntil, new Date('2026-11-27T10:10:00Z'))).toBe(false);
  });
});

describe('sessionExpired', () => {
  const created = new Date('2026-11-27T09:00:00Z');
  const s = { createdAt: created, lastSeenAt: created, expiresAt: new Date('2026-11-27T21:00:00Z') };
  it('expires after 30 idle minutes', () => {
    expect(sessionExpired(s, new Date('2026-11-27T09:29:00Z'), 30)).toBe(false);
    expect(sessionExpired(s, new Date('2026-11-27T09:31:00Z'), 30)).toBe(true);
  });
  it('expires at the absolute limit even when active', () => {
    const active = { ...s, lastSeenAt: new Date('2026-11-27T20:59:00Z') };
    expect(sessionExpired(active, new Date('2026-11-27T21:00:00Z'), 30)).toBe(true);
  });
});
