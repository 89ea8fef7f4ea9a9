import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Work done once per request: several parts of one page may ask the same question (the business
 * page and its participations section both need the business's eligibility). Outside a request
 * (jobs, CLI, tests calling services) nothing is memoized.
 */
const store = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

export function withRequestMemo<T>(fn: () => T): T {
  return store.run(new Map(), fn);
}

export function memoized<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const memo = store.getStore();
  if (!memo) return compute();
  const hit = memo.get(key) as Promise<T> | undefined;
  if (hit) return hit;
  const p = compute();
  memo.set(key, p);
  // A failed computation is not kept: the next caller tries again.
  p.catch(() => memo.delete(key));
  return p;
}
