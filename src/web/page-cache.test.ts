import { describe, expect, it } from 'vitest';
import { createPageCache, pageKey, PAGE_CACHE_TTL_MS } from './page-cache.ts';

const TOKEN_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const TOKEN_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

describe('page cache', () => {
  it("gives each view its own CSRF token where the renderer's was", () => {
    const cache = createPageCache({ maxBytes: 1 << 20 });
    const html = `<form><input type="hidden" name="_csrf" value="${TOKEN_A}"></form><form><input name="_csrf" value="${TOKEN_A}"></form>`;
    cache.set('k', { title: '수원 분식', html }, TOKEN_A);
    const kept = cache.get('k', TOKEN_B)!;
    expect(kept.title).toBe('수원 분식');
    expect(kept.html).toBe(html.replaceAll(TOKEN_A, TOKEN_B));
    expect(cache.get('k', TOKEN_A)!.html).toBe(html);
    // The bytes a view sends are the body's UTF-8 with its token.
    expect(Buffer.concat(cache.get('k', TOKEN_B)!.chunks).equals(Buffer.from(html.replaceAll(TOKEN_A, TOKEN_B), 'utf8'))).toBe(true);
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 3, misses: 0 });
    expect(cache.get('other', TOKEN_A)).toBeUndefined();
    expect(cache.stats().misses).toBe(1);
  });

  it('keeps within its bytes (least recently used first) and refuses a body bigger than all of them', () => {
    const cache = createPageCache({ maxBytes: 10_000 });
    // Bytes as UTF-8: 2,000 a body, so five fit.
    for (let i = 0; i < 10; i++) cache.set(`k${i}`, { title: '', html: 'x'.repeat(2_000) }, TOKEN_A);
    expect(cache.stats().bytes).toBeLessThanOrEqual(10_000);
    expect(cache.get('k0', TOKEN_A)).toBeUndefined();
    expect(cache.get('k4', TOKEN_A)).toBeUndefined();
    expect(cache.get('k5', TOKEN_A)).toBeDefined();
    expect(cache.get('k9', TOKEN_A)).toBeDefined();
    // 4,000 Korean characters are 12,000 bytes in UTF-8: more than all of them.
    cache.set('huge', { title: '', html: '가'.repeat(4_000) }, TOKEN_A);
    expect(cache.get('huge', TOKEN_A)).toBeUndefined();
  });

  it('drops a body after PAGE_CACHE_TTL_MS (a page with personal data does not stay in memory)', () => {
    let now = 1_000_000;
    const cache = createPageCache({ maxBytes: 1 << 20, clock: { now: () => now } });
    cache.set('k', { title: '', html: '<p>김민용 010-1234-5678</p>' }, TOKEN_A);
    now += PAGE_CACHE_TTL_MS - 1_000;
    expect(cache.get('k', TOKEN_A)).toBeDefined();
    now += 2_000;
    expect(cache.get('k', TOKEN_A)).toBeUndefined();
    expect(cache.stats().entries).toBe(0);
  });

  it("drops a page's earlier body when the same page (slot) is kept again under a new fingerprint", () => {
    const cache = createPageCache({ maxBytes: 1 << 20 });
    for (let v = 0; v < 50; v++)
      cache.set(pageKey('business', 'b1', 'u1', 'fp', v), { title: '', html: `<p>${v}</p>` }, TOKEN_A, pageKey('business', 'b1', 'u1'));
    cache.set(pageKey('business', 'b2', 'u1', 'fp', 0), { title: '', html: '<p>b2</p>' }, TOKEN_A, pageKey('business', 'b2', 'u1'));
    expect(cache.stats()).toMatchObject({ entries: 2, slots: 2 });
    expect(cache.get(pageKey('business', 'b1', 'u1', 'fp', 49), TOKEN_A)!.html).toBe('<p>49</p>');
    expect(cache.get(pageKey('business', 'b1', 'u1', 'fp', 48), TOKEN_A)).toBeUndefined();
  });

  it('keeps each piece in a buffer of its own (not in a shared slab it would hold on to)', () => {
    const cache = createPageCache({ maxBytes: 1 << 20 });
    cache.set('k', { title: '', html: `<p>작은 조각</p>${TOKEN_A}<p>또 하나</p>` }, TOKEN_A);
    const [first, , second] = cache.get('k', TOKEN_B)!.chunks;
    expect(first!.buffer.byteLength).toBe(first!.byteLength);
    expect(second!.buffer.byteLength).toBe(second!.byteLength);
  });

  it('makes keys that do not run into each other', () => {
    expect(pageKey('a', 1, null, true)).not.toBe(pageKey('a1', null, true));
    expect(pageKey('x', undefined)).toBe(pageKey('x', null));
  });
});
