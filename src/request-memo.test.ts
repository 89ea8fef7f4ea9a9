import { describe, expect, it } from 'vitest';
import { memoized, memoizedRead, withRequestMemo } from './request-memo.ts';

describe('request memo', () => {
  const counter = () => {
    let n = 0;
    return () => Promise.resolve(++n);
  };

  it('memoized: once per request, again in the next request, never outside one', async () => {
    const next = counter();
    await withRequestMemo(async () => {
      expect(await memoized('k', next)).toBe(1);
      expect(await memoized('k', next)).toBe(1);
    });
    expect(await withRequestMemo(() => memoized('k', next))).toBe(2);
    expect(await memoized('k', next)).toBe(3);
    expect(await memoized('k', next)).toBe(4);
  });

  it('memoizedRead: kept in a read-only request (GET), computed every time in one that changes things', async () => {
    const next = counter();
    await withRequestMemo(
      async () => {
        expect(await memoizedRead('scope', next)).toBe(1);
        expect(await memoizedRead('scope', next)).toBe(1);
      },
      { readOnly: true },
    );
    await withRequestMemo(async () => {
      // A POST that hands a business over and asks again must see the new clerk.
      expect(await memoizedRead('scope', next)).toBe(2);
      expect(await memoizedRead('scope', next)).toBe(3);
    });
  });
});
