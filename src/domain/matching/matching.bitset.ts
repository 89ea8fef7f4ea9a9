/**
 * Bitsets for the verdict matrix (issue 12 §2): one bit per row (shop or business), 32 rows per
 * Uint32 word. A three-valued answer over all rows is a pair (T, F): bit set in T = met
 * (eligible), in F = not met (ineligible), in neither = unknown; never in both. Bits at and beyond
 * the row count stay 0 in both.
 *
 * Typed arrays, not a compressed bitmap library: the sets here are dense and mixed (a region rule
 * leaves a few percent of 1 M shops met, a 소상공인 rule half of them), every operation is a full
 * word-wise pass, and a pass over 31,250 words is ~20 µs — see README "Benchmarks" for the figures.
 */

export type Bits = Uint32Array;

/** A three-valued answer over all rows: T = met, F = not met, unknown = neither. */
export interface TriBits {
  readonly t: Bits;
  readonly f: Bits;
}

export const wordsFor = (n: number): number => (n + 31) >>> 5;

export function bitGet(b: Bits, i: number): boolean {
  return ((b[i >>> 5]! >>> (i & 31)) & 1) === 1;
}

export function bitSet(b: Bits, i: number, on: boolean): void {
  const w = i >>> 5;
  const m = 1 << (i & 31);
  b[w] = on ? b[w]! | m : b[w]! & ~m;
}

export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) >>> 0;
}

export function cardinality(b: Bits): number {
  let n = 0;
  for (let w = 0; w < b.length; w++) {
    const x = b[w]!;
    if (x !== 0) n += popcount32(x);
  }
  return n;
}

/** All rows `0 … n−1` set (tail bits of the last word clear). */
export function onesFor(n: number, words: number): Bits {
  const b = new Uint32Array(words);
  const full = n >>> 5;
  b.fill(0xffffffff, 0, full);
  if (n & 31) b[full] = (1 << (n & 31)) - 1;
  return b;
}

/**
 * Packs a per-row answer (2 met, 1 unknown, 0 not met; `tri[i]` for rows from…to−1) into T and F.
 * Word-aligned `from` packs whole words; otherwise bit by bit (the one-row update).
 */
export function packTri(tri: Uint8Array, from: number, to: number, t: Bits, f: Bits): void {
  if ((from & 31) === 0) {
    for (let base = from; base < to; base += 32) {
      const end = base + 32 < to ? base + 32 : to;
      let tw = 0;
      let fw = 0;
      for (let i = base; i < end; i++) {
        const v = tri[i]!;
        const m = 1 << (i - base);
        if (v === 2) tw |= m;
        else if (v === 0) fw |= m;
      }
      const w = base >>> 5;
      if (end - base === 32) {
        t[w] = tw;
        f[w] = fw;
      } else {
        const keep = ~((end - base === 32 ? 0xffffffff : (1 << (end - base)) - 1) >>> 0);
        t[w] = (t[w]! & keep) | tw;
        f[w] = (f[w]! & keep) | fw;
      }
    }
    return;
  }
  for (let i = from; i < to; i++) {
    const v = tri[i]!;
    bitSet(t, i, v === 2);
    bitSet(f, i, v === 0);
  }
}

/** The answer of row i: 2 met, 1 unknown, 0 not met. */
export function triAt(x: TriBits, i: number): 0 | 1 | 2 {
  return bitGet(x.t, i) ? 2 : bitGet(x.f, i) ? 0 : 1;
}
