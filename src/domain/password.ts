/**
 * Password policy. 「개인정보의 안전성 확보조치 기준」 (해설서) asks for a combination rule:
 * at least 10 characters, or at least 8 characters using 2 or more character classes
 * (upper-case, lower-case, digits, symbols).
 */
export type PasswordProblem = 'tooShort' | 'tooLong' | 'tooSimple' | 'containsLogin';

export function characterClasses(pw: string): number {
  let n = 0;
  if (/[a-z]/.test(pw)) n++;
  if (/[A-Z]/.test(pw)) n++;
  if (/[0-9]/.test(pw)) n++;
  if (/[^a-zA-Z0-9]/.test(pw)) n++;
  return n;
}

export function checkPassword(pw: string, login?: string): PasswordProblem | null {
  const len = [...pw].length;
  if (len > 200) return 'tooLong';
  if (len < 8) return 'tooShort';
  if (len < 10 && characterClasses(pw) < 2) return 'tooSimple';
  if (login && login.length >= 4 && pw.toLowerCase().includes(login.toLowerCase())) return 'containsLogin';
  return null;
}

/** Lockout: 5 consecutive failures lock the account for 10 minutes (both configurable). */
export function lockoutAfterFailure(
  failedAttempts: number,
  now: Date,
  policy: { threshold: number; minutes: number },
): { failedAttempts: number; lockedUntil: Date | null } {
  const next = failedAttempts + 1;
  if (next >= policy.threshold) {
    return { failedAttempts: 0, lockedUntil: new Date(now.getTime() + policy.minutes * 60_000) };
  }
  return { failedAttempts: next, lockedUntil: null };
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

/** Session validity: idle timeout and absolute timeout, both measured on the server. */
export function sessionExpired(
  s: { createdAt: Date; lastSeenAt: Date; expiresAt: Date },
  now: Date,
  idleMinutes: number,
): boolean {
  if (now.getTime() >= s.expiresAt.getTime()) return true;
  return now.getTime() - s.lastSeenAt.getTime() > idleMinutes * 60_000;
}
