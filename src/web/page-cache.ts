import { LRUCache } from 'lru-cache';

/**
 * Rendered page bodies kept per process (issue 12 §4: `/home` and `/businesses/:id` at p99 ≤ 100 ms
 * under 50 connections). A page asks its service for a fingerprint of everything it shows — row
 * versions read from the tables on every view, so a change made by another process, a job or SQL
 * by hand gives a new one — and keeps the HTML of its body under a key made of that fingerprint and
 * of everything else the body depends on (who looks, in which language, on which day). A view
 * with a kept body still passes the personal-data gate and leaves its 접속기록; only the reading
 * and the rendering are saved. Nothing is ever invalidated: a changed page has a new key, and the
 * old body ages out (least recently used first, bounded in bytes, and at most PAGE_CACHE_TTL_MS).
 *
 * The CSRF token is per browser session, so the kept body is cut where the token was, and each
 * view joins the pieces with its own token (`get`).
 */
export interface KeptBody {
  /** The page's title (the layout's <title>). */
  title: string;
  /** The body's HTML, as rendered. */
  html: string;
  /**
   * How many people a list on the page showed (the clerk home's data-request card): a view of the
   * kept body records that list's view with this count, as reading it again would have.
   */
  shown?: number;
}
/**
 * A kept body as a view gets it: its bytes (UTF-8) in pieces, this request's token between them,
 * ready to be sent without being decoded, joined into one string or encoded again (`pageResponse`
 * in src/web/layout.tsx); `html` decodes them, for a caller that needs the text.
 */
export interface KeptView {
  title: string;
  shown?: number;
  chunks: readonly Uint8Array[];
  readonly html: string;
}
export interface PageCache {
  /** The kept body for this key with this request's CSRF token in it, or undefined. */
  get(key: string, csrfToken: string): KeptView | undefined;
  /**
   * Keep a body rendered for this key (with this request's token, taken out here). `slot` names the
   * page as one person sees it (the key without the fingerprint and the day): the body kept before
   * for the same slot is dropped at once, since no view can reach it any more.
   */
  set(key: string, body: KeptBody, csrfToken: string, slot?: string): void;
  /** How many bodies are kept and their size (for the tests and the benchmark's figures). */
  stats(): { entries: number; bytes: number; hits: number; misses: number; slots: number };
}

/**
 * How long a body is kept at most. A kept body holds the personal data its page showed; when the
 * page changes (or its data is erased, 개인정보 보호법 §21·§37) the old body can no longer be reached
 * (its fingerprint is gone), and within this time it is dropped from memory too.
 */
export const PAGE_CACHE_TTL_MS = 15 * 60_000;

/**
 * A string's UTF-8 bytes in a buffer of their own, for keeping. `Buffer.from` puts a short string's
 * bytes in a shared 8 KB slab, and a kept piece of 200 bytes would hold its whole slab in memory
 * for as long as it is kept, outside the byte count.
 */
export function ownBytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text, 'utf8'));
  bytes.write(text, 'utf8');
  return bytes;
}

/** Pieces of bytes with `between` between each two (a kept body or frame with a view's token). */
export function interleave(out: Uint8Array[], parts: readonly Uint8Array[], between: Uint8Array): Uint8Array[] {
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) out.push(between);
    out.push(parts[i]!);
  }
  return out;
}

export function createPageCache(opts: { maxBytes: number; ttlMs?: number; clock?: { now(): number } }): PageCache {
  // Sizes in bytes: a body is kept as its UTF-8 bytes (outside the JavaScript heap), the title as a
  // string (two bytes a character).
  const ttl = opts.ttlMs ?? PAGE_CACHE_TTL_MS;
  /** The key kept for each slot (see `set`): a page changed 100 times holds one body, not 100. */
  const current = new Map<string, string>();
  // The body is kept cut at the token's places, so a view joins the pieces with its token instead
  // of searching 40–60 KB of HTML for where it goes; and kept as bytes, so a view sends them as they
  // are: joining and encoding 60 KB of text on every view was most of the garbage a kept view made
  // (issue 12 §4: garbage collection was 18 % of the business page's CPU).
  const kept = new LRUCache<string, { title: string; parts: Buffer[]; bytes: number; slot?: string; shown?: number }>({
    maxSize: opts.maxBytes,
    sizeCalculation: (b) => b.bytes,
    ttl,
    // Evicted, expired or replaced: the slot no longer points at it.
    dispose: (b, key) => {
      if (b.slot !== undefined && current.get(b.slot) === key) current.delete(b.slot);
    },
    ...(opts.clock ? { perf: opts.clock, ttlResolution: 0 } : {}),
  });
  // Bodies past their time are dropped even when nobody asks for them again (one sweep a minute).
  setInterval(() => kept.purgeStale(), Math.min(ttl, 60_000)).unref();
  let hits = 0;
  let misses = 0;
  return {
    get(key, csrfToken) {
      const body = kept.get(key);
      if (body === undefined) {
        misses++;
        return undefined;
      }
      hits++;
      const chunks = interleave([], body.parts, Buffer.from(csrfToken));
      return {
        title: body.title,
        shown: body.shown,
        chunks,
        get html() {
          return Buffer.concat(chunks).toString('utf8');
        },
      };
    },
    set(key, body, csrfToken, slot) {
      // A token too short to be one (or none, for a page without a session) is not taken out.
      const parts = (csrfToken.length >= 16 ? body.html.split(csrfToken) : [body.html]).map(ownBytes);
      const bytes = Math.max(1, parts.reduce((n, p) => n + p.byteLength, 0) + body.title.length * 2);
      // A body bigger than all the memory given is not kept (LRUCache would refuse it anyway).
      if (bytes > opts.maxBytes) return;
      if (slot !== undefined) {
        const before = current.get(slot);
        if (before !== undefined && before !== key) kept.delete(before);
      }
      kept.set(key, { title: body.title, parts, bytes, slot, shown: body.shown });
      if (slot !== undefined && kept.has(key)) current.set(slot, key);
    },
    stats: () => ({ entries: kept.size, bytes: kept.calculatedSize, hits, misses, slots: current.size }),
  };
}

/** A key from its parts (none may hold the separator: ids, codes, hex digests, dates, flags). */
export function pageKey(...parts: readonly (string | number | boolean | null | undefined)[]): string {
  return parts.map((p) => (p === null || p === undefined ? '' : String(p))).join('\u0001');
}

/** A JSX element rendered to its HTML, to be kept (a tree with an async component renders to a promise). */
export async function renderHtml(node: { toString(): string | Promise<string> }): Promise<string> {
  return String(await node.toString());
}
