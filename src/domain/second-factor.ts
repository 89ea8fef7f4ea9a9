import { BlockList, isIP } from 'node:net';
import { isStaff, type Role } from './roles.ts';

/**
 * Second factor for staff (issue 14 §2). 개인정보의 안전성 확보조치 기준 §6 ②: access to the
 * personal-data system from outside (through the internet) and by those who handle personal data
 * with wide rights needs a safe means of authentication beyond the password. Here: TOTP (RFC 6238).
 *
 * - Always for the accounts with the widest rights: 운영기관 (operator), 시스템 관리자 (admin) and
 *   사무소 팀장 (office lead: the whole office's businesses, exports).
 * - For every other staff role when the sign-in comes from outside the networks the operator lists
 *   (ITDA_TRUSTED_CIDRS). An unknown address counts as outside. Without a list this rule is off.
 * - Never for owners (소상공인: not staff; their data is their own).
 */
export const ROLES_ALWAYS_REQUIRING_SECOND_FACTOR: readonly Role[] = ['operator', 'admin', 'office_lead'];

/** RFC 6238 defaults that every authenticator app reads: 30 s steps, 6 digits, HMAC-SHA-1. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** One step either side of the server's clock (RFC 6238 §5.2 allows for clock drift). */
export const TOTP_WINDOW_STEPS = 1;
/** Recovery codes given at enrolment; each works once. */
export const RECOVERY_CODE_COUNT = 10;
/** 10 characters of a 31-letter alphabet: about 49 bits per code. */
export const RECOVERY_CODE_LENGTH = 10;
/** No 0/O, 1/I/L: codes are read off paper. */
export const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Trusted networks parsed once (node's BlockList does the CIDR arithmetic for v4 and v6). */
export interface TrustedNetworks {
  list: BlockList;
  cidrs: readonly string[];
}

/** `10.0.0.0/8, 192.168.1.0/24, 2001:db8::/32` → networks, or the first entry that is not a CIDR. */
export function parseTrustedCidrs(text: string | undefined): { ok: true; networks: TrustedNetworks | null } | { ok: false; bad: string } {
  const entries = (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!entries.length) return { ok: true, networks: null };
  const list = new BlockList();
  for (const entry of entries) {
    const m = /^([^/]+)\/(\d{1,3})$/.exec(entry);
    const address = m?.[1] ?? entry;
    const family = isIP(address);
    if (!family) return { ok: false, bad: entry };
    const prefix = m ? Number(m[2]) : family === 4 ? 32 : 128;
    if (prefix > (family === 4 ? 32 : 128)) return { ok: false, bad: entry };
    list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return { ok: true, networks: { list, cidrs: entries } };
}

/** Whether the address is inside one of the networks. IPv4-mapped IPv6 (`::ffff:10.1.2.3`) is read as IPv4. */
export function isTrustedAddress(ip: string | null, networks: TrustedNetworks): boolean {
  if (!ip) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const address = mapped ? mapped[1]! : ip;
  const family = isIP(address);
  if (!family) return false;
  return networks.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Whether this sign-in needs the second factor (see the rules above). */
export function secondFactorRequired(role: Role, ip: string | null, trusted: TrustedNetworks | null): boolean {
  if (!isStaff(role)) return false;
  if (ROLES_ALWAYS_REQUIRING_SECOND_FACTOR.includes(role)) return true;
  return trusted !== null && !isTrustedAddress(ip, trusted);
}

/** What the person typed in the second step: a 6-digit code, a recovery code, or neither. */
export type SecondFactorAnswer = { kind: 'totp'; code: string } | { kind: 'recovery'; code: string } | { kind: 'invalid' };

export function readSecondFactorAnswer(input: string): SecondFactorAnswer {
  const compact = input.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  if (/^\d{6}$/.test(compact)) return { kind: 'totp', code: compact };
  if (compact.length === RECOVERY_CODE_LENGTH && [...compact].every((ch) => RECOVERY_ALPHABET.includes(ch))) {
    return { kind: 'recovery', code: compact };
  }
  return { kind: 'invalid' };
}

/** Random bytes → one recovery code, shown as `XXXXX-XXXXX`. */
export function recoveryCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < RECOVERY_CODE_LENGTH) throw new Error('need 10 random bytes');
  const chars = [...bytes.slice(0, RECOVERY_CODE_LENGTH)].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]!);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** A time step is accepted once: a step at or before the last accepted one is a replay. */
export function isReplay(step: number, lastAcceptedStep: number | null): boolean {
  return lastAcceptedStep !== null && step <= lastAcceptedStep;
}
