import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../e2e/server.ts';
import { drillStore, LONG, median, percentile, rssOf, Session, sleep, start, type DrillStore } from './drill.ts';

/**
 * Drill (issue 14 §6): a soak of mixed reads and writes at 10 concurrent clients — 0 errors, and
 * the server's memory does not keep growing. Memory is the resident set of the server process,
 * sampled every 500 ms; the first window is taken after a warm-up (code loaded, caches and the
 * database's buffers filled), so what is compared is steady state against steady state: the median
 * of the first and of the last quarter of the measured run. Short: 15 s warm-up + 20 s;
 * DRILL_LONG=1: 30 s + 5 min.
 */
const WARM_MS = LONG ? 30_000 : 15_000;
const RUN_MS = LONG ? 300_000 : 20_000;
const CLIENTS = 10;

let store: DrillStore | undefined;
let server: RunningServer | undefined;
afterAll(async () => {
  await server?.crash().catch(() => undefined);
  await store?.dispose();
});

describe('soak: mixed reads and writes', () => {
  it('serves without errors and without growing memory', { timeout: 90_000 + WARM_MS + RUN_MS }, async () => {
    store = await drillStore(CLIENTS);
    server = await start(store);
    const pid = server.pid;
    const session = await new Session(server.origin).login();
    let phase: 'warm' | 'run' | 'done' = 'warm';
    const latencies: number[] = [];
    const errors: string[] = [];
    let writes = 0;
    const samples: { t: number; rss: number }[] = [];
    let runStart = 0;
    const clients = store.businessIds.map(async (businessId, w) => {
      for (let i = 0; phase !== 'done'; i++) {
        const kind = i % 4; // 1 write : 3 reads
        const t = performance.now();
        try {
          const status =
            kind === 0
              ? await session.addActivity(businessId, `soak-w${w}-${i}`)
              : await session.get(kind === 1 ? '/home' : kind === 2 ? `/businesses/${businessId}` : '/businesses?q=%ED%9B%88%EB%A0%A8');
          if (status >= 400) errors.push(`${kind} → ${status}`);
          if (kind === 0 && status === 303 && phase === 'run') writes++;
        } catch (e) {
          errors.push(e instanceof Error ? e.message : String(e));
        }
        if (phase === 'run') latencies.push(performance.now() - t);
      }
    });
    await sleep(WARM_MS);
    phase = 'run';
    runStart = performance.now();
    while (performance.now() - runStart < RUN_MS) {
      samples.push({ t: performance.now() - runStart, rss: rssOf(pid) });
      await sleep(500);
    }
    const seconds = (performance.now() - runStart) / 1000;
    phase = 'done';
    await Promise.all(clients);
    await server.stop();
    server = undefined;

    // Medians of the four quarters of the run.
    const q = RUN_MS / 4;
    const quarters = [0, 1, 2, 3].map((k) => median(samples.filter((s) => s.t >= k * q && s.t < (k + 1) * q).map((s) => s.rss)));
    const first = quarters[0]!;
    const last = quarters[3]!;
    const growth = (last - first) / first;
    const sorted = [...latencies].sort((a, b) => a - b);
    const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
    console.log(
      `[drill soak ${store.kind}] ${CLIENTS} clients, ${seconds.toFixed(0)} s: ${latencies.length} requests (${(latencies.length / seconds).toFixed(1)} req/s, ${writes} writes), p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, errors ${errors.length}; RSS by quarter ${quarters.map(mb).join(' → ')} MB (${(growth * 100).toFixed(1)} %)`,
    );
    expect(errors).toEqual([]);
    expect(latencies.length).toBeGreaterThan(50);
    // The warm-up is 15 s: after 5 s the heap was still growing to its working size, and the
    // 20 s run read that as 5–18 % growth on PostgreSQL, with the code before this change too; the
    // 5-minute run (DRILL_LONG=1) is flat (207 → 203 → 205 → 203 MB over 64,530 requests), and with
    // 15 s of warm-up the short run is too (−0.3 %, 1.0 %). On PostgreSQL the resident set is the
    // app's own: under 10 % growth. On PGlite it also holds the embedded database's WebAssembly heap,
    // which grows with the rows written and is never handed back; Emscripten grows it in steps of
    // 20 % of its size, at most 96 MiB beyond what was asked (pglite.js, `overGrownHeapSize`). One
    // such step read as 16 % (517 → 601 MB) in one CI run. So PGlite is allowed the same 10 % plus
    // one heap step; the app's own leak check is the PostgreSQL run, which CI makes too.
    const allowed = store.kind === 'pglite' ? 0.1 * first + 96 * 1024 * 1024 : 0.1 * first;
    expect(last - first, `RSS by quarter ${quarters.map(mb).join(' → ')} MB: grew more than ${mb(allowed)} MB`).toBeLessThan(allowed);
  });
});
