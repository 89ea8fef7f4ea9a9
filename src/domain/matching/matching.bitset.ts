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

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Gathers the low bit of each of a word's 4 bytes into bits 0…3 (no carries: see packTri). */
const GATHER = (1 << 24) | (1 << 17) | (1 << 10) | (1 << 3);

/**
 * Packs a per-row answer (2 met, 1 unknown, 0 not met; `tri[i]` for rows from…to−1) into T and F.
 * Word-aligned ranges are packed 4 rows at a time: with v ∈ {0,1,2}, "met" is bit 1 of the byte and
 * "not met" is "neither bit"; multiplying the masked word by GATHER moves byte k's bit to bit 24+k
 * (bits land on distinct positions, so nothing carries). `tri` must start on a 4-byte boundary.
 * Other ranges (the one-row update) go bit by bit.
 */
export function packTri(tri: Uint8Array, from: number, to: number, t: Bits, f: Bits): void {
  if ((from & 31) === 0 && LITTLE_ENDIAN && tri.byteOffset % 4 === 0) {
    const fullEnd = from + ((to - from) & ~31);
    const q = new Uint32Array(tri.buffer, tri.byteOffset, fullEnd >>> 2);
    for (let base = from; base < fullEnd; base += 32) {
      let tw = 0;
      let fw = 0;
      const q0 = base >>> 2;
      for (let k = 0; k < 8; k++) {
        const x = q[q0 + k]!;
        tw |= ((Math.imul((x >>> 1) & 0x01010101, GATHER) >>> 24) & 0xf) << (k * 4);
        fw |= ((Math.imul(~(x | (x >>> 1)) & 0x01010101, GATHER) >>> 24) & 0xf) << (k * 4);
      }
      t[base >>> 5] = tw;
      f[base >>> 5] = fw;
    }
    from = fullEnd;
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

/**
 * Bitsets of one size carved from large slabs and recycled: a matrix of 1 M rows × 2,000 columns
 * holds 4,000 bitsets of 125 KB, and one ArrayBuffer each would make the garbage collector walk the
 * heap again and again (external memory counts towards its triggers).
 */
export class BitsPool {
  readonly words: number;
  readonly #free: Bits[] = [];
  #slab: ArrayBuffer | null = null;
  #next = 0;
  #perSlab: number;

  constructor(words: number) {
    this.words = Math.max(1, words);
    // ~16 MB slabs (at least one bitset each)
    this.#perSlab = Math.max(1, Math.floor((16 << 20) / (this.words * 4)));
  }

  /** A zeroed bitset. */
  alloc(): Bits {
    const hit = this.#free.pop();
    if (hit) {
      hit.fill(0);
      return hit;
    }
    if (!this.#slab || this.#next === this.#perSlab) {
      this.#slab = new ArrayBuffer(this.#perSlab * this.words * 4);
      this.#next = 0;
    }
    return new Uint32Array(this.#slab, this.#next++ * this.words * 4, this.words);
  }

  release(b: Bits): void {
    if (b.length === this.words) this.#free.push(b);
  }
}
