import { describe, expect, it } from 'vitest';
import { ROLES } from './roles.ts';
import {
  isReplay,
  isTrustedAddress,
  parseTrustedCidrs,
  readSecondFactorAnswer,
  RECOVERY_ALPHABET,
  recoveryCodeFromBytes,
  secondFactorRequired,
} from './second-factor.ts';

function networks(text: string) {
  const r = parseTrustedCidrs(text);
  if (!r.ok || !r.networks) throw new Error(`bad ${text}`);
  return r.networks;
}

describe('trusted networks (ITDA_TRUSTED_CIDRS)', () => {
  it('reads IPv4 and IPv6 CIDRs and single addresses, and names the first bad entry', () => {
    expect(parseTrustedCidrs(undefined)).toEqual({ ok: true, networks: null });
    expect(parseTrustedCidrs(' , ')).toEqual({ ok: true, networks: null });
    expect(parseTrustedCidrs('10.0.0.0/8, 2001:db8::/32, 192.168.7.9').ok).toBe(true);
    expect(parseTrustedCidrs('10.0.0.0/8,intranet')).toEqual({ ok: false, bad: 'intranet' });
    expect(parseTrustedCidrs('10.0.0.0/33')).toEqual({ ok: false, bad: '10.0.0.0/33' });
    expect(parseTrustedCidrs('300.1.1.1/8')).toEqual({ ok: false, bad: '300.1.1.1/8' });
  });

  it('matches addresses inside the networks only; IPv4-mapped IPv6 counts as IPv4; unknown is outside', () => {
    const n = networks('10.0.0.0/8, 192.168.7.9, 2001:db8::/32');
    expect(isTrustedAddress('10.200.3.4', n)).toBe(true);
    expect(isTrustedAddress('::ffff:10.1.2.3', n)).toBe(true);
    expect(isTrustedAddress('192.168.7.9', n)).toBe(true);
    expect(isTrustedAddress('192.168.7.10', n)).toBe(false);
    expect(isTrustedAddress('11.0.0.1', n)).toBe(false);
    expect(isTrustedAddress('2001:db8:1::5', n)).toBe(true);
    expect(isTrustedAddress('2001:db9::5', n)).toBe(false);
    expect(isTrustedAddress(null, n)).toBe(false);
    expect(isTrustedAddress('not-an-ip', n)).toBe(false);
  });
});

describe('who needs the second factor (안전성 확보조치 기준 §6)', () => {
  const office = networks('10.0.0.0/8');
  it('operator, admin and office lead always; other staff only from outside the listed networks; owners never', () => {
    for (const role of ROLES) {
      const inside = secondFactorRequired(role, '10.1.1.1', office);
      const outside = secondFactorRequired(role, '203.0.113.5', office);
      const unlisted = secondFactorRequired(role, '203.0.113.5', null);
      if (role === 'owner') expect([inside, outside, unlisted]).toEqual([false, false, false]);
      else if (role === 'operator' || role === 'admin' || role === 'office_lead') expect([inside, outside, unlisted]).toEqual([true, true, true]);
      else expect([inside, outside, unlisted], role).toEqual([false, true, false]);
    }
    expect(secondFactorRequired('clerk', null, office)).toBe(true);
  });
});

describe('the answer in the second step', () => {
  it('reads 6 digits as a code (spaces, full-width digits allowed) and 10 letters as a recovery code', () => {
    expect(readSecondFactorAnswer(' 123 456 ')).toEqual({ kind: 'totp', code: '123456' });
    expect(readSecondFactorAnswer('１２３４５６')).toEqual({ kind: 'totp', code: '123456' });
    expect(readSecondFactorAnswer('abcde-fghjk')).toEqual({ kind: 'recovery', code: 'ABCDEFGHJK' });
    expect(readSecondFactorAnswer('12345')).toEqual({ kind: 'invalid' });
    expect(readSecondFactorAnswer('ABCDE-FGHJ0')).toEqual({ kind: 'invalid' }); // 0 is not in the alphabet
  });

  it('makes recovery codes of the unambiguous alphabet that read back as recovery codes', () => {
    const code = recoveryCodeFromBytes(Uint8Array.from([0, 1, 2, 3, 4, 250, 251, 252, 253, 254]));
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect([...code.replace('-', '')].every((ch) => RECOVERY_ALPHABET.includes(ch))).toBe(true);
    expect(readSecondFactorAnswer(code).kind).toBe('recovery');
  });

  it('treats a time step at or before the last accepted one as a replay', () => {
    expect(isReplay(100, null)).toBe(false);
    expect(isReplay(101, 100)).toBe(false);
    expect(isReplay(100, 100)).toBe(true);
    expect(isReplay(99, 100)).toBe(true);
  });
});
