import { createHash, randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

/**
 * One-way password hashing with argon2id (안전성 확보조치 기준 §7: passwords stored with a
 * one-way cipher). Parameters follow the OWASP minimum for argon2id (19 MiB, t=2, p=1).
 */
// Algorithm.Argon2id is an ambient const enum (value 2), not importable under verbatimModuleSyntax.
const ARGON2 = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(pw: string): Promise<string> {
  return hash(pw, ARGON2);
}

export async function verifyPassword(stored: string, pw: string): Promise<boolean> {
  try {
    return await verify(stored, pw);
  } catch {
    return false;
  }
}

/** A hash of a password nobody has: verified against when the login is unknown, so timing reveals nothing. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(v: string): string {
  return createHash('sha256').update(v).digest('hex');
}

/**
 * The CSRF token of a signed-in session, derived from the session's secret (issue 14 §1: a token
 * bound only to a cookie could be planted with the cookie). Only the server and the session's own
 * browser know the session token (HttpOnly), so nobody else can compute it.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`itda-csrf:${sessionToken}`).digest('base64url');
}

/** A readable one-time password: 14 characters from an unambiguous alphabet, 3 classes. */
export function oneTimePassword(): string {
  const lower = 'abcdefghjkmnpqrstuvwxyz';
  const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const all = lower + upper + digits;
  const bytes = randomBytes(14);
  const chars = [...bytes].map((b, i) => {
    const set = i === 0 ? upper : i === 1 ? digits : i === 2 ? lower : all;
    return set[b % set.length]!;
  });
  return chars.join('');
}
