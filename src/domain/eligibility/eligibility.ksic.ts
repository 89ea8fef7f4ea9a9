/**
 * KSIC prefix sets, compiled once into hash tries.
 *
 * A set is a list of prefixes, each IN the set or an exception (OUT), e.g. 부동산업 68 IN, except
 * 부동산 관리업 6821 OUT. A code belongs to the set when its LONGEST matching prefix is IN. A code that
 * is shorter than the entries below it ("68" when 6821 is an exception, "I" when only 56211 is
 * listed) cannot be decided: the answer is UNKNOWN — ask for a more specific code — never a guess.
 *
 * Three-valued results use the engine's scale: 2 = member, 1 = cannot tell, 0 = not a member.
 */
import { KSIC_SECTIONS, getKsicSet, type KsicSetEntry } from './eligibility.reference.ts';

export type Tri = 0 | 1 | 2;

export interface KsicPrefixEntry {
  readonly prefix: string;
  readonly member: boolean;
  readonly label: string;
  /** Which named set the entry came from (for explanations). */
  readonly set?: string;
}

export interface KsicMatcher {
  readonly entries: readonly KsicPrefixEntry[];
  /** Membership of a code given as its prefixes (length 1…5, see `ksicPrefixes`) or a section letter. */
  test(code: string, prefixes: readonly string[] | null): Tri;
  /** The entry that decides a code (longest IN/OUT prefix), for explanations. */
  decidingEntry(code: string, prefixes: readonly string[] | null): KsicPrefixEntry | undefined;
}

/** '56111' → ['5', '56', '561', '5611', '56111']; a section letter → null. */
export function ksicPrefixes(code: string): string[] | null {
  if (!/^\d+$/.test(code)) return null;
  const out: string[] = [];
  for (let i = 1; i <= code.length; i++) out.push(code.slice(0, i));
  return out;
}

/** Expands section letters to their 2-digit divisions (the trie is digits only). */
function expand(prefix: string): readonly string[] {
  return /^[A-U]$/.test(prefix) ? KSIC_SECTIONS[prefix]!.divisions : [prefix];
}

export function compileKsicMatcher(entries: readonly KsicPrefixEntry[]): KsicMatcher {
  // Within ONE list an exception is more specific than the entry it carves out of, so longest
  // prefix wins; for the same prefix an exception wins. Unions of lists are `unionMatcher`.
  const exact = new Map<string, KsicPrefixEntry>();
  for (const e of entries) {
    for (const p of expand(e.prefix)) {
      const prev = exact.get(p);
      if (!prev || (prev.member && !e.member)) exact.set(p, { ...e, prefix: p });
    }
  }
  /** prefix → bit 1: an IN entry strictly below, bit 2: an OUT entry strictly below. */
  const below = new Map<string, number>();
  for (const e of exact.values()) {
    for (let i = 1; i < e.prefix.length; i++) {
      const p = e.prefix.slice(0, i);
      below.set(p, (below.get(p) ?? 0) | (e.member ? 1 : 2));
    }
  }

  const testDigits = (prefixes: readonly string[]): Tri => {
    let member = false;
    for (let i = 0; i < prefixes.length; i++) {
      const e = exact.get(prefixes[i]!);
      if (e !== undefined) member = e.member;
    }
    const b = below.get(prefixes[prefixes.length - 1]!);
    if (b !== undefined && (member ? b & 2 : b & 1)) return 1;
    return member ? 2 : 0;
  };

  const sectionCache = new Map<string, Tri>();
  for (const [letter, s] of Object.entries(KSIC_SECTIONS)) {
    let all: Tri | undefined;
    for (const d of s.divisions) {
      const r = testDigits([d.slice(0, 1), d]);
      all = all === undefined ? r : all === r ? all : 1;
    }
    sectionCache.set(letter, all ?? 0);
  }

  return {
    entries,
    test(code, prefixes) {
      if (prefixes === null) return sectionCache.get(code) ?? 1;
      return testDigits(prefixes);
    },
    decidingEntry(code, prefixes) {
      if (prefixes === null) {
        // A section letter: the first entry inside the section, to say what made it uncertain.
        const divisions = KSIC_SECTIONS[code]?.divisions ?? [];
        for (const e of exact.values()) if (divisions.includes(e.prefix.slice(0, 2))) return e;
        return undefined;
      }
      let found: KsicPrefixEntry | undefined;
      for (const p of prefixes) found = exact.get(p) ?? found;
      if (found) return found;
      // Nothing above: report an entry below (the reason for "cannot tell").
      const last = prefixes[prefixes.length - 1]!;
      for (const e of exact.values()) if (e.prefix.startsWith(last)) return e;
      return undefined;
    },
  };
}

/** Prefix entries of a list of rule prefixes (all IN). */
export function prefixEntries(prefixes: readonly string[], label: (p: string) => string, set?: string): KsicPrefixEntry[] {
  return prefixes.map((p) => ({ prefix: p, member: true, label: label(p), ...(set ? { set } : {}) }));
}

function entriesOfSet(name: string, list: readonly KsicSetEntry[]): KsicPrefixEntry[] {
  const ins: KsicPrefixEntry[] = [];
  const outs: KsicPrefixEntry[] = [];
  for (const e of list) {
    for (const c of e.codes) ins.push({ prefix: c, member: true, label: e.label, set: name });
    for (const x of e.except ?? []) for (const c of x.codes) outs.push({ prefix: c, member: false, label: x.label, set: name });
  }
  return [...ins, ...outs];
}

/**
 * A code is in a union of sets when it is in ANY of them (Kleene "or": member if one says member,
 * else unknown if one cannot tell). Evaluated part by part — merging the tries would let one set's
 * exception (68 except 6821) hide another set's member (6821).
 */
export function unionMatcher(parts: readonly KsicMatcher[]): KsicMatcher {
  if (parts.length === 1) return parts[0]!;
  return {
    entries: parts.flatMap((p) => p.entries),
    test(code, prefixes) {
      let r: Tri = 0;
      for (const p of parts) {
        const t = p.test(code, prefixes);
        if (t > r) r = t;
      }
      return r;
    },
    decidingEntry(code, prefixes) {
      let fallback: KsicPrefixEntry | undefined;
      for (const p of parts) {
        const t = p.test(code, prefixes);
        if (t === 2) return p.decidingEntry(code, prefixes);
        if (t === 1 && !fallback) fallback = p.decidingEntry(code, prefixes);
      }
      return fallback;
    },
  };
}

export interface NamedSetMatcher {
  readonly name: string;
  readonly title: string;
  /** Dense index, for the per-business cache in the evaluation context. */
  readonly index: number;
  readonly matcher: KsicMatcher;
  readonly advisory: KsicMatcher;
}

const NAMED: Map<string, NamedSetMatcher> = new Map();

/** Compiled matcher of a named set (compiled on first use, then shared by every programme). */
export function namedSetMatcher(name: string): NamedSetMatcher {
  const hit = NAMED.get(name);
  if (hit) return hit;
  const set = getKsicSet(name); // throws on an unknown name: a rule naming a missing set is invalid
  const parents = (set.extends ?? []).map((p) => namedSetMatcher(p));
  const own = compileKsicMatcher(entriesOfSet(name, set.entries));
  const ownAdvisory = compileKsicMatcher(entriesOfSet(name, set.advisory ?? []));
  const m: NamedSetMatcher = {
    name,
    title: set.title,
    index: NAMED.size,
    matcher: unionMatcher([own, ...parents.map((p) => p.matcher)]),
    advisory: unionMatcher([ownAdvisory, ...parents.map((p) => p.advisory)]),
  };
  NAMED.set(name, m);
  return m;
}

/** Upper bound of named-set indexes so far (sizes the per-context cache). */
export function namedSetCount(): number {
  return NAMED.size;
}
