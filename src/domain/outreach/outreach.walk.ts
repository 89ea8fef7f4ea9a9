/**
 * A day's visit list (issue 12 §3): N shops near each other, grouped by 행정동 and ordered by a
 * simple nearest-neighbour walk, so a clerk on foot goes from one door to the next without
 * doubling back across the 시·군. Pure: no I/O, deterministic for the same input (ties broken by
 * the shops' order, which the caller fixes — by 상가업소번호).
 *
 * The walk is the greedy nearest-neighbour tour (not an optimal route: a clerk needs "next door
 * first", not the last few hundred metres; an exact tour of 20 stops would change little). Distances
 * are equirectangular (x = Δlon·cos φ, y = Δlat), exact enough within a 시·군 (tens of km) and
 * monotone with the true distance at that scale.
 */
export interface WalkPoint {
  readonly id: string;
  /** 행정동 name (null: the file has none — grouped last, under "행정동 없음"). */
  readonly dong: string | null;
  readonly lon: number | null;
  readonly lat: number | null;
}

type Placed<T> = T & { lon: number; lat: number };
const hasPlace = <T extends WalkPoint>(p: T): p is Placed<T> => p.lon !== null && p.lat !== null && Number.isFinite(p.lon) && Number.isFinite(p.lat);

/** Squared equirectangular distance in degrees of latitude (only compared, never shown). */
function dist2(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const k = Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
  const dx = (a.lon - b.lon) * k;
  const dy = a.lat - b.lat;
  return dx * dx + dy * dy;
}

/** Metres between two points (for the list's "about N m" between stops). */
export function metresBetween(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  return Math.sqrt(dist2(a, b)) * 111_320;
}

/**
 * The greedy nearest-neighbour order of `points` from `start` (an index into `points`; default the
 * first). Points without coordinates come last, in their given order.
 */
export function nearestNeighbourWalk<T extends WalkPoint>(points: readonly T[], start = 0): T[] {
  const placed: Placed<T>[] = points.filter((p): p is Placed<T> => hasPlace(p));
  const unplaced = points.filter((p) => !hasPlace(p));
  if (placed.length === 0) return [...unplaced];
  const s0 = points[start];
  const first = s0 && hasPlace(s0) ? placed.indexOf(s0) : 0;
  const used = new Uint8Array(placed.length);
  const out: T[] = [];
  let cur = first;
  for (let step = 0; step < placed.length; step++) {
    used[cur] = 1;
    out.push(placed[cur]!);
    let best = -1;
    let bestD = Infinity;
    for (let j = 0; j < placed.length; j++) {
      if (used[j]) continue;
      const d = dist2(placed[cur]!, placed[j]!);
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    }
    if (best < 0) break;
    cur = best;
  }
  return [...out, ...unplaced];
}

/**
 * Groups a walk by 행정동 in the order the walk first reaches each 행정동, keeping the walk's order
 * inside a group (a 행정동 the walk enters twice is done in one go, where it was first entered).
 */
export function groupByDong<T extends WalkPoint>(walk: readonly T[]): { dong: string | null; stops: T[] }[] {
  const groups = new Map<string | null, T[]>();
  for (const p of walk) {
    const g = groups.get(p.dong);
    if (g) g.push(p);
    else groups.set(p.dong, [p]);
  }
  // "행정동 없음" last, whatever the walk did.
  const out = [...groups.entries()].map(([dong, stops]) => ({ dong, stops }));
  return [...out.filter((g) => g.dong !== null), ...out.filter((g) => g.dong === null)];
}

/**
 * Chooses `n` shops near each other among `candidates` and orders them for the day: the seed is the
 * shop whose n−1 nearest neighbours are closest in total (the densest spot), the list is the seed and
 * those neighbours, walked from the seed, then grouped by 행정동 (each group walked again from its
 * first stop, so the order inside a 행정동 is a walk too). Candidates without coordinates are used only
 * when there are not enough with them. Quadratic in the candidates: the caller caps them (a few
 * thousand at most).
 */
export function planVisitDay<T extends WalkPoint>(candidates: readonly T[], n: number): { dong: string | null; stops: T[] }[] {
  if (n <= 0 || candidates.length === 0) return [];
  const placed: Placed<T>[] = candidates.filter((p): p is Placed<T> => hasPlace(p));
  const unplaced = candidates.filter((p) => !hasPlace(p));
  let chosen: T[];
  if (placed.length <= n) {
    chosen = [...placed, ...unplaced.slice(0, n - placed.length)];
  } else {
    let seed = 0;
    let seedCost = Infinity;
    let seedNeighbours: number[] = [];
    const d = new Float64Array(placed.length);
    for (let i = 0; i < placed.length; i++) {
      for (let j = 0; j < placed.length; j++) d[j] = dist2(placed[i]!, placed[j]!);
      const order = Array.from({ length: placed.length }, (_, j) => j).filter((j) => j !== i);
      order.sort((a, b) => d[a]! - d[b]! || a - b);
      const near = order.slice(0, n - 1);
      const cost = near.reduce((s, j) => s + Math.sqrt(d[j]!), 0);
      if (cost < seedCost) {
        seedCost = cost;
        seed = i;
        seedNeighbours = near;
      }
    }
    chosen = [placed[seed]!, ...seedNeighbours.map((j) => placed[j]!)];
  }
  const walk = nearestNeighbourWalk(chosen, 0);
  return groupByDong(walk).map((g) => ({ dong: g.dong, stops: nearestNeighbourWalk(g.stops, 0) }));
}
