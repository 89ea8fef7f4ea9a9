import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpCode, totpUri, verifyTotp } from './auth.totp.ts';

const at = new Date('2026-11-27T01:00:10Z');
const step = Math.floor(at.getTime() / 30_000);
const shifted = (steps: number) => new Date(at.getTime() + steps * 30_000);

describe('TOTP (RFC 6238) through otplib', () => {
  const secret = newTotpSecret();

  it('accepts the code of this step and of one step either side, not two', async () => {
    expect(await verifyTotp(secret, await totpCode(secret, at), at, null)).toBe(step);
    expect(await verifyTotp(secret, await totpCode(secret, shifted(-1)), at, null)).toBe(step - 1);
    expect(await verifyTotp(secret, await totpCode(secret, shifted(1)), at, null)).toBe(step + 1);
    expect(await verifyTotp(secret, await totpCode(secret, shifted(-2)), at, null)).toBeNull();
    expect(await verifyTotp(secret, await totpCode(secret, shifted(2)), at, null)).toBeNull();
    expect(await verifyTotp(secret, 'abcdef', at, null)).toBeNull();
  });

  it('refuses a code of a step already accepted (replay), takes a later one', async () => {
    const code = await totpCode(secret, at);
    expect(await verifyTotp(secret, code, at, step)).toBeNull();
    expect(await verifyTotp(secret, await totpCode(secret, shifted(-1)), at, step)).toBeNull();
    expect(await verifyTotp(secret, await totpCode(secret, shifted(1)), at, step)).toBe(step + 1);
  });

  it('matches the RFC 6238 test vector (SHA-1, T = 59 s → 94287082, 8 digits; our 6 = its last 6)', async () => {
    const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
    expect(await totpCode(rfcSecret, new Date(59_000))).toBe('287082');
  });

  it('writes an otpauth URI an authenticator app reads', () => {
    const uri = totpUri(secret, 'demo-admin');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('issuer=%EC%9E%87%EB%8B%A4%20Itda'); // 잇다 Itda; the RFC defaults (SHA-1, 6, 30 s) are implied
  });
});

describe('storage', () => {
  it('encrypts the secret (a new IV each time) and decrypts only with the same key', () => {
    const secret = newTotpSecret();
    const a = encryptSecret(secret, 'key-one-0123456789');
    const b = encryptSecret(secret, 'key-one-0123456789');
    expect(a).not.toContain(secret);
    expect(a).not.toBe(b);
    expect(decryptSecret(a, 'key-one-0123456789')).toBe(secret);
    expect(decryptSecret(a, 'key-two-0123456789')).toBeNull();
    expect(decryptSecret('garbage', 'key-one-0123456789')).toBeNull();
  });

  it('hashes recovery codes with the key, the same however they are typed', () => {
    const [code] = newRecoveryCodes();
    expect(newRecoveryCodes()).toHaveLength(10);
    const h = hashRecoveryCode(code!, 'k'.repeat(16));
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(code!.replace('-', '').toLowerCase(), 'k'.repeat(16))).toBe(h);
    expect(hashRecoveryCode(code!, 'other-key-0123456')).not.toBe(h);
  });
});
