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
  let prev: string | null = rows[0]?.prevHash ?? null;
  for (const r of rows) {
    if (r.prevHash !== prev || r.hash !== chainHash(fieldsOf(r), prev)) return r.id;
    prev = r.hash;
  }
  return null;
}
