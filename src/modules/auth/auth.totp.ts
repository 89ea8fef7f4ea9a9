import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { generate, generateSecret, generateURI, verify } from 'otplib';
import {
  RECOVERY_CODE_COUNT,
  recoveryCodeFromBytes,
  TOTP_DIGITS,
  TOTP_PERIOD_SECONDS,
  TOTP_WINDOW_STEPS,
} from '../../domain/second-factor.ts';

/**
 * TOTP (RFC 6238) through otplib (v13, its audited default plugins) and the storage of what the
 * second factor needs (issue 14 §2; 안전성 확보조치 기준 §6, §7 ①: authentication secrets are not
 * kept readable).
 *
 * - The shared secret is encrypted with AES-256-GCM under a key derived from ITDA_TOTP_KEY, so a
 *   copy of the table (a list, a dump, a backup without the key) does not give the codes.
 * - Recovery codes are kept as HMAC-SHA-256 under a key derived from the same secret. A slow hash
 *   (argon2, as for passwords) is for secrets people choose; these are random, about 49 bits each,
 *   tried online only under the lockout, and offline useless without the key, so a fast keyed hash
 *   is enough and lets the check find the code by its hash.
 */
export const TOTP_ISSUER = '잇다 Itda';

function subKey(key: string, purpose: string): Buffer {
  return createHash('sha256').update(`itda:${purpose}:${key}`).digest();
}

export function encryptSecret(secret: string, key: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', subKey(key, 'totp-secret'), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** The clear secret, or null when the key is not the one it was encrypted with (the admin resets it). */
export function decryptSecret(stored: string, key: string): string | null {
  const [version, iv, tag, body] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || !body) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', subKey(key, 'totp-secret'), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

export function hashRecoveryCode(code: string, key: string): string {
  return createHmac('sha256', subKey(key, 'recovery-code')).update(code.replace(/-/g, '').toUpperCase()).digest('hex');
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => recoveryCodeFromBytes(randomBytes(10)));
}

/** A new shared secret: 20 random bytes (160 bits, RFC 4226 §4), Base32. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, login: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: login, secret, digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS });
}

/**
 * The time step the code belongs to, within ±1 step of `at`, and later than `afterStep` (a code
 * of an already used step is a replay, RFC 6238 §5.2); null when it is not valid.
 */
export async function verifyTotp(secret: string, code: string, at: Date, afterStep: number | null): Promise<number | null> {
  try {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(at.getTime() / 1000),
      period: TOTP_PERIOD_SECONDS,
      digits: TOTP_DIGITS,
      epochTolerance: TOTP_WINDOW_STEPS * TOTP_PERIOD_SECONDS,
      ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    return null;
  }
}

/** The code at a moment (for the demo hint and the tests that play the authenticator app). */
export function totpCode(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000), period: TOTP_PERIOD_SECONDS, digits: TOTP_DIGITS });
}
