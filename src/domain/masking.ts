/**
 * One masking rule for lists and exports (docs/domain.md; 개인정보 보호법 §29, 표준 개인정보 보호지침):
 * names keep the first and last character (김*용, 남궁*훈, 이*), phones keep the first and last
 * group (010-****-5678), e-mails keep the first character of the local part (k***@example.com).
 * The full value is shown only on the detail page, which writes an access record.
 */
export function maskName(name: string | null | undefined): string {
  if (!name) return '';
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  const last = digits.slice(-4);
  const first = digits.startsWith('02') ? '02' : digits.slice(0, 3);
  return `${first}-****-${last}`;
}

export function maskEmail(email: string | null | undefined): string {
  if (!email) return '';
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** 사업자등록번호: 123-45-67890 → 123-45-***90 (the check digit area stays partly visible to tell records apart). */
export function maskBrn(brn: string | null | undefined): string {
  if (!brn) return '';
  const d = brn.replace(/\D/g, '');
  if (d.length !== 10) return '***';
  return `${d.slice(0, 3)}-${d.slice(3, 5)}-***${d.slice(8)}`;
}
