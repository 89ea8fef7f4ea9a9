/**
 * Numbers the way Korean notices write them: "3.2억 원", "3억 2,345만 원", "4.9명".
 */

/** 1234567 → "1,234,567" (by hand: `toLocaleString` goes through Intl and dominated explain time). */
function groupThousands(n: number): string {
  const s = String(Math.round(Math.abs(n)));
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return n < 0 ? `-${out}` : out;
}

/**
 * KRW in 억/만 units. Round 천만 amounts read as decimals of 억 ("3.2억 원", as notices say); other
 * amounts keep every digit ("3억 2,345만 6,789원") so that a value next to a cap never looks equal to
 * it when it is not.
 */
export function formatKrw(amount: number): string {
  if (!Number.isFinite(amount)) return String(amount);
  const neg = amount < 0;
  const a = Math.round(Math.abs(amount));
  const sign = neg ? '-' : '';
  const EOK = 100_000_000;
  const MAN = 10_000;
  if (a >= EOK && a % 10_000_000 === 0) {
    const eok = a / EOK;
    return `${sign}${Number.isInteger(eok) ? groupThousands(eok) : eok.toFixed(1)}억 원`;
  }
  const eok = Math.floor(a / EOK);
  const man = Math.floor((a % EOK) / MAN);
  const won = a % MAN;
  const parts: string[] = [];
  if (eok > 0) parts.push(`${groupThousands(eok)}억`);
  if (man > 0) parts.push(`${groupThousands(man)}만`);
  if (won > 0) return `${sign}${[...parts, `${groupThousands(won)}원`].join(' ')}`;
  if (parts.length === 0) return '0원';
  return `${sign}${parts.join(' ')} 원`;
}

export function formatKrwEn(amount: number): string {
  return `KRW ${groupThousands(Math.round(amount))}`;
}

/** Worker counts may be fractional (monthly average of the previous year): "4.9명", "5명". */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? groupThousands(n) : String(Math.round(n * 100) / 100);
}
