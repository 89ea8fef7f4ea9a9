/**
 * The verdict matrix (issue 12 §2): every row (registry shop or tracked business) × every programme
 * version of the catalogue, three-valued, column by column.
 *
 * - Facts live in typed columns (`FactColumns`, one reference date).
 * - Each criterion is compiled once to a vectorised predicate (matching.predicates.ts) answering all
 *   rows as two bitsets (met, not met; unknown = neither).
 * - Rules combine those bitsets with Kleene's logic word by word: all = (AND of met, OR of not met),
 *   any = (OR of met, AND of not met), not = (swap) — the same three-valued logic as the
 *   per-business engine (eligibility.engine.ts: all([]) met, any([]) not met).
 * - Identical sub-rules are one node (a DAG keyed by the rule's canonical JSON without its note and
 *   source, which change no answer): "경기도", "표준 제외 업종", "지방세 체납 없음" stated by hundreds
 *   of programmes are computed once. Criteria and shared sub-rules keep their bitsets.
 * - A column is a programme version as the service judges it (matching.version.ts: region, review
 *   state); an unreviewed version is never eligible.
 *
 * Incremental: `setProgramme` (a new version) evaluates one column, reusing every criterion already
 * computed; `updateRow` / `appendRow` (a changed or new business) answer one row for every node and
 * write its bits. Both are checked against a full rebuild by the tests.
 *
 * The per-business engine stays the oracle and gives the explanations; this engine gives the same
 * verdicts (matching.properties.test.ts) for many rows at once, and nothing else.
 */
import type { Criterion, Rule, Verdict } from '../eligibility/eligibility.types.ts';
import type { BusinessFacts } from '../eligibility/eligibility.types.ts';
import { BitsPool, bitSet, cardinality, packTri, triAt, wordsFor, type Bits, type TriBits } from './matching.bitset.ts';
import type { FactColumns } from './matching.columns.ts';
import { compilePredicate, type Predicate } from './matching.predicates.ts';
import { planVersion, type VersionInput, type VersionPlan } from './matching.version.ts';

type Kind = 'leaf' | 'all' | 'any' | 'not';

interface Node {
  readonly key: string;
  readonly kind: Kind;
  readonly kids: readonly Node[];
  readonly pred: Predicate | null;
  /** Edges from parent nodes. */
  parents: number;
  /** Columns whose root this is. */
  roots: number;
  bits: TriBits | null;
  /** Position in `order` (children before parents), for the one-row update. */
  pos: number;
}

export interface MatrixColumn {
  readonly key: string;
  readonly plan: VersionPlan;
  /** Rows eligible (empty for a version that does not judge). */
  readonly eligible: Bits;
  /** Rows ineligible. Unknown = neither. */
  readonly ineligible: Bits;
}

interface Column {
  readonly plan: VersionPlan;
  readonly root: Node;
}

export interface MatrixStats {
  readonly rows: number;
  readonly columns: number;
  /** Distinct criteria (leaf predicates) in the DAG. */
  readonly criteria: number;
  /** Distinct nodes (criteria and groups). */
  readonly nodes: number;
  /** Leaf predicates run over all rows since creation (each distinct criterion once, unless rows grew). */
  readonly leafRuns: number;
  /** Group nodes combined over all rows. */
  readonly groupRuns: number;
}

const DROP = new Set(['note', 'source']);

/** JSON with sorted keys, without note/source: two criteria with the same key answer alike. */
export function canonicalKey(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonicalKey).join(',')}]`;
  if (x !== null && typeof x === 'object') {
    const keys = Object.keys(x)
      .filter((k) => !DROP.has(k) && (x as Record<string, unknown>)[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalKey((x as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(x);
}

export class VerdictMatrix {
  readonly cols: FactColumns;
  readonly #nodes = new Map<string, Node>();
  #order: Node[] = [];
  readonly #columns = new Map<string, Column>();
  #words: number;
  #pool: BitsPool;
  #scratch: Uint8Array;
  #empty: Bits;
  #leafRuns = 0;
  #groupRuns = 0;

  constructor(cols: FactColumns) {
    this.cols = cols;
    this.#words = wordsFor(cols.capacity);
    this.#pool = new BitsPool(this.#words);
    this.#scratch = new Uint8Array(cols.capacity);
    this.#empty = new Uint32Array(this.#words);
  }

  // ── Columns ───────────────────────────────────────────────────────────────────────────────
  /**
   * Adds a programme version, or replaces the programme's previous version: evaluates its column.
   * Takes the version as stored, or its plan (`planVersion`, once per version: it parses the rule).
   */
  setProgramme(v: VersionInput | VersionPlan): MatrixColumn {
    const plan = 'judged' in v ? v : planVersion(v);
    const root = this.#build(plan.rule);
    root.roots++;
    const old = this.#columns.get(plan.key);
    this.#columns.set(plan.key, { plan, root });
    this.#evaluate(root);
    if (old) this.#releaseRoot(old.root);
    return this.column(plan.key)!;
  }

  removeProgramme(key: string): void {
    const old = this.#columns.get(key);
    if (!old) return;
    this.#columns.delete(key);
    this.#releaseRoot(old.root);
  }

  keys(): string[] {
    return [...this.#columns.keys()];
  }

  column(key: string): MatrixColumn | undefined {
    const c = this.#columns.get(key);
    if (!c) return undefined;
    const bits = this.#evaluate(c.root);
    return { key, plan: c.plan, eligible: c.plan.judged ? bits.t : this.#empty, ineligible: bits.f };
  }

  /** The verdict of row i for programme `key`. */
  verdict(i: number, key: string): Verdict {
    const c = this.column(key);
    if (!c) throw new RangeError(`no programme ${key}`);
    if (i < 0 || i >= this.cols.n) throw new RangeError(`row ${i} outside 0…${this.cols.n - 1}`);
    const t = triAt({ t: c.eligible, f: c.ineligible }, i);
    return t === 2 ? 'eligible' : t === 0 ? 'ineligible' : 'unknown';
  }

  counts(key: string): Record<Verdict, number> {
    const c = this.column(key)!;
    const eligible = cardinality(c.eligible);
    const ineligible = cardinality(c.ineligible);
    return { eligible, ineligible, unknown: this.cols.n - eligible - ineligible };
  }

  /** Every programme's verdict for row i (a business page reads this instead of evaluating). */
  row(i: number): Map<string, Verdict> {
    const out = new Map<string, Verdict>();
    for (const k of this.#columns.keys()) out.set(k, this.verdict(i, k));
    return out;
  }

  stats(): MatrixStats {
    let criteria = 0;
    for (const n of this.#nodes.values()) if (n.kind === 'leaf') criteria++;
    return {
      rows: this.cols.n,
      columns: this.#columns.size,
      criteria,
      nodes: this.#nodes.size,
      leafRuns: this.#leafRuns,
      groupRuns: this.#groupRuns,
    };
  }

  // ── Rows ──────────────────────────────────────────────────────────────────────────────────
  /** A changed business: rewrites its facts and answers its row for every node. */
  updateRow(i: number, facts: BusinessFacts): void {
    this.cols.setRow(i, facts);
    this.#recomputeRow(i);
  }

  /** A new business (or shop): appends a row and answers it. Returns its index. */
  appendRow(facts: BusinessFacts): number {
    const i = this.cols.append(facts);
    if (wordsFor(this.cols.capacity) !== this.#words || this.#scratch.length !== this.cols.capacity) this.#grow();
    this.#recomputeRow(i);
    return i;
  }

  #recomputeRow(i: number): void {
    const order = this.#order;
    const val = new Uint8Array(order.length);
    const s = this.#scratch;
    for (let k = 0; k < order.length; k++) {
      const node = order[k]!;
      let v: number;
      switch (node.kind) {
        case 'leaf':
          node.pred!.fill(s, i, i + 1);
          v = s[i]!;
          break;
        case 'not':
          v = 2 - val[node.kids[0]!.pos]!;
          break;
        case 'all':
          v = 2;
          for (const kid of node.kids) v = Math.min(v, val[kid.pos]!);
          break;
        case 'any':
          v = 0;
          for (const kid of node.kids) v = Math.max(v, val[kid.pos]!);
          break;
      }
      val[k] = v;
      if (node.bits) {
        bitSet(node.bits.t, i, v === 2);
        bitSet(node.bits.f, i, v === 0);
      }
    }
  }

  #grow(): void {
    const words = wordsFor(this.cols.capacity);
    const pool = new BitsPool(words);
    const widen = (b: Bits) => {
      const x = pool.alloc();
      x.set(b);
      return x;
    };
    for (const n of this.#nodes.values()) if (n.bits) n.bits = { t: widen(n.bits.t), f: widen(n.bits.f) };
    this.#words = words;
    this.#pool = pool;
    this.#empty = new Uint32Array(words);
    this.#scratch = new Uint8Array(this.cols.capacity);
  }

  // ── The DAG ───────────────────────────────────────────────────────────────────────────────
  /** The node of a rule: kids first, so that the key is built once from theirs (= canonicalKey(rule)). */
  #build(rule: Rule): Node {
    let kind: Kind;
    let kids: Node[];
    let key: string;
    if ('all' in rule || 'any' in rule) {
      kind = 'all' in rule ? 'all' : 'any';
      kids = ('all' in rule ? rule.all : rule.any).map((r) => this.#build(r));
      key = `{"${kind}":[${kids.map((k) => k.key).join(',')}]}`;
    } else if ('not' in rule) {
      kind = 'not';
      kids = [this.#build(rule.not)];
      key = `{"not":${kids[0]!.key}}`;
    } else {
      kind = 'leaf';
      kids = [];
      key = canonicalKey(rule);
    }
    const hit = this.#nodes.get(key);
    if (hit) return hit;
    for (const k of kids) k.parents++;
    const node: Node = {
      key,
      kind,
      kids,
      pred: kind === 'leaf' ? compilePredicate(rule as Criterion, this.cols) : null,
      parents: 0,
      roots: 0,
      bits: null,
      pos: this.#order.length,
    };
    this.#order.push(node);
    this.#nodes.set(key, node);
    return node;
  }

  #releaseRoot(root: Node): void {
    root.roots--;
    this.#release(root);
    this.#order = this.#order.filter((n) => this.#nodes.get(n.key) === n);
    this.#order.forEach((n, k) => (n.pos = k));
  }

  #drop(node: Node): void {
    if (!node.bits) return;
    this.#pool.release(node.bits.t);
    this.#pool.release(node.bits.f);
    node.bits = null;
  }

  #release(node: Node): void {
    if (node.roots > 0 || node.parents > 0) {
      if (!this.#keeps(node)) this.#drop(node);
      return;
    }
    this.#nodes.delete(node.key);
    this.#drop(node);
    for (const k of node.kids) {
      k.parents--;
      this.#release(k);
    }
  }

  /** Bitsets kept: every criterion, every column's root, every sub-rule shared by two parents. */
  #keeps(node: Node): boolean {
    return node.kind === 'leaf' || node.roots > 0 || node.parents >= 2;
  }

  #evaluate(node: Node): TriBits {
    if (node.bits) return node.bits;
    const n = this.cols.n;
    const used = wordsFor(n);
    const pool = this.#pool;
    const t = pool.alloc();
    const f = pool.alloc();
    if (node.kind === 'leaf') {
      this.#leafRuns++;
      node.pred!.fill(this.#scratch, 0, n);
      packTri(this.#scratch, 0, n, t, f);
    } else {
      this.#groupRuns++;
      const kids = node.kids.map((k) => this.#evaluate(k));
      if (node.kind === 'not') {
        t.set(kids[0]!.f);
        f.set(kids[0]!.t);
      } else if (kids.length === 0) {
        // all([]) is met by every row, any([]) by none (eligibility.engine.ts)
        const ones = node.kind === 'all' ? t : f;
        ones.fill(0xffffffff, 0, n >>> 5);
        if (n & 31) ones[n >>> 5] = (1 << (n & 31)) - 1;
      } else {
        combine(node.kind === 'all', kids, t, f, used);
      }
      // sub-rules not kept were computed for this node only
      node.kids.forEach((k, i) => {
        if (!k.bits) {
          pool.release(kids[i]!.t);
          pool.release(kids[i]!.f);
        }
      });
    }
    const r = { t, f };
    if (this.#keeps(node)) node.bits = r;
    return r;
  }
}

/** Cache-sized blocks of words: the output stays in L1 while every child streams through once. */
const BLOCK = 1024;

/** Kleene all (met = AND of met, not met = OR of not met) or any (the dual), into t and f. */
function combine(all: boolean, kids: readonly TriBits[], t: Bits, f: Bits, used: number): void {
  for (let w0 = 0; w0 < used; w0 += BLOCK) {
    const w1 = w0 + BLOCK < used ? w0 + BLOCK : used;
    const k0t = kids[0]!.t;
    const k0f = kids[0]!.f;
    for (let w = w0; w < w1; w++) {
      t[w] = k0t[w]!;
      f[w] = k0f[w]!;
    }
    for (let k = 1; k < kids.length; k++) {
      const xt = kids[k]!.t;
      const xf = kids[k]!.f;
      if (all) {
        for (let w = w0; w < w1; w++) {
          t[w] = t[w]! & xt[w]!;
          f[w] = f[w]! | xf[w]!;
        }
      } else {
        for (let w = w0; w < w1; w++) {
          t[w] = t[w]! | xt[w]!;
          f[w] = f[w]! & xf[w]!;
        }
      }
    }
  }
}
