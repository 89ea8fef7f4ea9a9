import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Work done once per request: several parts of one page may ask the same question (the business
 * page and its participations section both need the business's eligibility). Outside a request
 * (jobs, CLI, tests calling services) nothing is memoized.
 */
const store = new AsyncLocalStorage<{ memo: Map<string, Promise<unknown>>; readOnly: boolean }>();

/**
 * `readOnly`: the request changes nothing (GET, HEAD), so answers about stored rows (who a
 * business belongs to) may be kept for the rest of it too (`memoizedRead`).
 */
export function withRequestMemo<T>(fn: () => T, opts: { readOnly?: boolean } = {}): T {
  return store.run({ memo: new Map(), readOnly: opts.readOnly ?? false }, fn);
}

/**
 * Like `memoized`, but only in a read-only request: a POST that changes a business's clerk and
 * then asks again must see the change, so there every call computes.
 */
export function memoizedRead<T>(key: string, compute: () => Promise<T>): Promise<T> {
  return store.getStore()?.readOnly ? memoized(key, compute) : compute();
}

export function memoized<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const memo = store.getStore()?.memo;
  if (!memo) return compute();
  const hit = memo.get(key) as Promise<T> | undefined;
  if (hit) return hit;
  const p = compute();
  memo.set(key, p);
  // A failed computation is not kept: the next caller tries again.
  p.catch(() => memo.delete(key));
  return p;
}
