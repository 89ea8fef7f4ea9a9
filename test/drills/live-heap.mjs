// The live JavaScript heap of a process started with --inspect, after a full garbage collection:
// `node --experimental-websocket test/drills/live-heap.mjs ws://127.0.0.1:PORT/ID` prints
// {"usedBytes":…,"totalBytes":…}. The soak drill's leak check uses it because the resident set
// over a 20-second run also measures how far V8 chose to let its heap grow before collecting
// (a 20 % "growth" in a short run that was flat over 5 minutes); what a leak grows is what is
// still reachable after a collection. Node 20's WebSocket client needs the flag; the test process
// (vitest) cannot take it, hence a process of its own. Chrome DevTools Protocol: HeapProfiler
// .collectGarbage, Runtime.getHeapUsage (https://chromedevtools.github.io/devtools-protocol/v8/).
const url = process.argv[2];
if (!url) throw new Error('usage: live-heap.mjs ws://host:port/id');
/* global WebSocket -- Node 20 with --experimental-websocket */
const ws = new WebSocket(url);
let next = 1;
const waiting = new Map();
const call = (method, params = {}) =>
  new Promise((resolve, reject) => {
    const id = next++;
    waiting.set(id, { resolve, reject });
    ws.send(JSON.stringify({ id, method, params }));
  });
ws.addEventListener('message', (ev) => {
  const msg = JSON.parse(String(ev.data));
  const w = waiting.get(msg.id);
  if (!w) return;
  waiting.delete(msg.id);
  if (msg.error) w.reject(new Error(JSON.stringify(msg.error)));
  else w.resolve(msg.result);
});
ws.addEventListener('error', () => {
  console.error(`cannot reach the inspector at ${url}`);
  process.exit(1);
});
ws.addEventListener('open', async () => {
  // Twice: the first collection's finalizers can free more on the second.
  await call('HeapProfiler.collectGarbage');
  await call('HeapProfiler.collectGarbage');
  const usage = await call('Runtime.getHeapUsage');
  console.log(JSON.stringify({ usedBytes: usage.usedSize, totalBytes: usage.totalSize }));
  ws.close();
  process.exit(0);
});
