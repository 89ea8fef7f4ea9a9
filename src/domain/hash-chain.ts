import { createHash } from 'node:crypto';

/**
 * Tamper evidence for the audit trail and the access records (안전성 확보조치 기준 §8: 접속기록은
 * 위·변조 및 도난, 분실되지 않도록 보관): each row stores the hash of its content and of the row before,
 * so an edited, inserted or removed row breaks the chain from that point on.
 */

/** JSON with object keys sorted, so the hash survives jsonb's own key order. */
export function stable(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stable);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return Object.fromEntries(
      Object.keys(v as Record<string, unknown>)
        .sort()
        .map((k) => [k, stable((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

export function chainHash(fields: unknown[], prevHash: string | null): string {
  return createHash('sha256').update(JSON.stringify(stable([prevHash, ...fields]))).digest('hex');
}

/** Returns the id of the first row whose hash does not follow, or null. Rows in id order. */
export function firstBrokenLink<R extends { id: number; prevHash: string | null; hash: string }>(rows: readonly R[], fieldsOf: (r: R) => unknown[]): number | null {
  // Rows past their retention are purged from the start: the first remaining row is the anchor.
  return verifyLinks(rows, fieldsOf, rows[0]?.prevHash ?? null).brokenAt;
}

/**
 * Checks a run of rows (id order) that must follow `anchor`, the hash of the row before them
 * (null: the chain's start). Returns the first broken row, or the last row checked, so the next
 * check can start from there (src/modules/audit/chain-check.ts).
 */
export function verifyLinks<R extends { id: number; prevHash: string | null; hash: string }>(
  rows: readonly R[],
  fieldsOf: (r: R) => unknown[],
  anchor: string | null,
): { brokenAt: number | null; last: { id: number; hash: string } | null } {
  let prev = anchor;
  let last: { id: number; hash: string } | null = null;
  for (const r of rows) {
    if (r.prevHash !== prev || r.hash !== chainHash(fieldsOf(r), prev)) return { brokenAt: r.id, last };
    prev = r.hash;
    last = { id: r.id, hash: r.hash };
  }
  return { brokenAt: null, last };
}
