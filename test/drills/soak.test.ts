import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../e2e/server.ts';
import { drillStore, liveHeap, LONG, median, percentile, rssOf, Session, sleep, start, type DrillStore } from './drill.ts';

/**
 * Drill (issue 14 §6): a soak of mixed reads and writes at 10 concurrent clients — 0 errors, and
 * the server's memory does not keep growing. Memory is the live JavaScript heap after a full
 * collection at the start and at the end of the run, and the resident set of the server process,
 * sampled every 500 ms (the median of the first and of the last quarter of the run). Both start
 * after a warm-up (code loaded, caches and the database's buffers filled), so what is compared is
 * steady state against steady state. Short: 15 s warm-up + 20 s;
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
    // The inspector, on loopback only, to ask for the live heap after a full collection.
    server = await start(store, { nodeArgs: ['--inspect=127.0.0.1:0'] });
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
    // Both live-heap readings are taken under the same load (requests in flight hold memory too).
    const heapBefore = await liveHeap(server);
    phase = 'run';
    runStart = performance.now();
    while (performance.now() - runStart < RUN_MS) {
      samples.push({ t: performance.now() - runStart, rss: rssOf(pid) });
      await sleep(500);
    }
    const seconds = (performance.now() - runStart) / 1000;
    const heapAfter = await liveHeap(server);
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
      `[drill soak ${store.kind}] ${CLIENTS} clients, ${seconds.toFixed(0)} s: ${latencies.length} requests (${(latencies.length / seconds).toFixed(1)} req/s, ${writes} writes), p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, errors ${errors.length}; RSS by quarter ${quarters.map(mb).join(' → ')} MB (${(growth * 100).toFixed(1)} %); live heap ${mb(heapBefore)} → ${mb(heapAfter)} MB (${(((heapAfter - heapBefore) / heapBefore) * 100).toFixed(1)} %)`,
    );
    expect(errors).toEqual([]);
    expect(latencies.length).toBeGreaterThan(50);
    // The leak check is the live heap after a full collection, at the end of the warm-up and at the
    // end of the run (live-heap.mjs): what a leak grows is what stays reachable. The resident set
    // over 20 s also measures how far V8 let its old generation grow before it next collected: on
    // PostgreSQL it read 277 → 333 MB (20 %) in one run and 247 → 223 (−10 %) in the next, with
    // the live heap 59 → 58 MB in both kinds of run, and the 5-minute run (DRILL_LONG=1) was flat
    // (255 → 220 → 218 → 216 MB). So the resident set only guards against memory outside the
    // JavaScript heap (buffers, native code): 10 % plus one step of heap growth, 64 MB. On PGlite
    // it also holds the embedded database's WebAssembly heap, which grows with the rows written and
    // is never handed back; Emscripten grows it in steps of 20 % of its size, at most 96 MiB beyond
    // what was asked (pglite.js, `overGrownHeapSize`), so PGlite is allowed one such step instead.
    expect(heapAfter - heapBefore, `live heap ${mb(heapBefore)} → ${mb(heapAfter)} MB`).toBeLessThan(0.1 * heapBefore);
    const allowed = 0.1 * first + (store.kind === 'pglite' ? 96 : 64) * 1024 * 1024;
    expect(last - first, `RSS by quarter ${quarters.map(mb).join(' → ')} MB: grew more than ${mb(allowed)} MB`).toBeLessThan(allowed);
  });
});
