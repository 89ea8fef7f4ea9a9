import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../e2e/server.ts';
import { drillStore, LONG, Session, sleep, start, storedSummaries, type DrillStore } from './drill.ts';

/**
 * Drill (issue 14 §6): SIGTERM — what a supervisor sends — under load. Every request already sent
 * when the signal goes is answered (an HTTP status, not a reset), the process exits 0 within 10 s,
 * and every write answered 303 is in the database afterwards.
 */
const LOAD_MS = LONG ? 10_000 : 3_000;
const CLIENTS = 10;

let store: DrillStore | undefined;
let server: RunningServer | undefined;
afterAll(async () => {
  await server?.crash().catch(() => undefined);
  await store?.dispose();
});

describe('SIGTERM under load', () => {
  it('answers what is in flight, exits 0 within 10 s, keeps every acknowledged write', { timeout: 90_000 + LOAD_MS }, async () => {
    store = await drillStore(CLIENTS);
    server = await start(store);
    const session = await new Session(server.origin).login();
    let signalled = false;
    let answered = 0;
    let inFlightAtSignal = 0;
    let inFlight = 0;
    const failures: string[] = [];
    const acknowledged = new Set<string>();
    const clients = store.businessIds.map(async (businessId, w) => {
      for (let i = 0; !signalled; i++) {
        inFlight++;
        try {
          if (i % 2) {
            const summary = `sigterm-w${w}-${i}`;
            if ((await session.addActivity(businessId, summary)) === 303) acknowledged.add(summary);
          } else {
            await session.get(i % 4 ? '/home' : `/businesses/${businessId}`);
          }
          answered++;
        } catch (e) {
          failures.push(e instanceof Error ? `${e.message} ${String((e.cause as Error | undefined)?.message ?? '')}` : String(e));
        } finally {
          inFlight--;
        }
      }
    });
    await sleep(LOAD_MS);
    // Stop sending new requests at the moment of the signal: every one still open was sent before it.
    signalled = true;
    inFlightAtSignal = inFlight;
    const t0 = Date.now();
    const code = await server.stop();
    const exitMs = Date.now() - t0;
    await Promise.all(clients);
    server = undefined;
    const stored = await storedSummaries(store, 'sigterm-');
    const lost = [...acknowledged].filter((s) => !stored.has(s));
    console.log(
      `[drill sigterm ${store.kind}] requests answered ${answered}, in flight at SIGTERM ${inFlightAtSignal}, failed ${failures.length}${failures.length ? ` (${failures.slice(0, 3).join('; ')})` : ''}, exit code ${code} after ${exitMs} ms, writes acknowledged ${acknowledged.size}, lost ${lost.length}`,
    );
    expect(failures).toEqual([]);
    expect(inFlightAtSignal).toBeGreaterThan(0);
    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(10_000);
    expect(lost).toEqual([]);
  });
});
