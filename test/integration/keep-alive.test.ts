import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ItdaServer } from '../../src/web/server.ts';
import { createHarness, type Harness } from '../harness.ts';

/**
 * Issue 14 §1: a refusal sent before a large body is read (413 on the declared size, 404 ahead of
 * an upload) went out with keep-alive, the server then reset the socket, and the client's next
 * request on it failed; during shutdown requests on open keep-alive connections got resets. Here a
 * real HTTP server and node's keep-alive Agent (one socket): the next request must be answered.
 */
let h: Harness;
let srv: ItdaServer;
let port: number;

beforeAll(async () => {
  h = await createHarness({ ITDA_BODY_LIMIT_BYTES: '65536' });
  srv = startServer({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => (srv.server.listening ? resolve() : srv.server.once('listening', () => resolve())));
  port = (srv.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await srv?.shutdown({ graceMs: 0 });
  await h?.close();
});

type Answer = { status: number; connection: string | undefined; socket: unknown } | { error: string };

/** A request on the agent; the body is sent in pieces with a pause (a slow upload) when `slowly`. */
function send(agent: http.Agent, method: string, path: string, body?: { bytes: number; type: string; slowly?: boolean }): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: body ? { 'content-type': body.type, 'content-length': String(body.bytes) } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, socket: req.socket }));
    });
    req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    if (!body) return void req.end();
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < body.bytes) {
        const n = Math.min(chunk.length, body.bytes - sent);
        sent += n;
        const ok = req.write(chunk.subarray(0, n));
        if (body.slowly && sent >= body.bytes / 2 && sent - n < body.bytes / 2) return void setTimeout(pump, 800);
        if (!ok) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('keep-alive after an early refusal (issue 14 §1)', () => {
  const cases = [
    { label: '413 on the declared size', method: 'POST', path: '/login', body: { bytes: 8 * 1024 * 1024, type: 'application/octet-stream', slowly: true }, status: 413 },
    { label: '403 (CSRF) before an upload is read', method: 'POST', path: '/no/such/upload', body: { bytes: 48 * 1024, type: 'application/octet-stream', slowly: true }, status: 403 },
  ];
  it.each(cases)('$label: the next request on the same agent is answered', async (c) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await send(agent, c.method, c.path, c.body);
      // The refusal itself may reach the client or the client may see the close first; both are fine.
      if ('status' in first) {
        expect(first.status).toBe(c.status);
        expect(first.connection).toBe('close');
      }
      for (let i = 0; i < 3; i += 1) {
        const next = await send(agent, 'GET', '/healthz');
        expect(next).toMatchObject({ status: 200 });
      }
    } finally {
      agent.destroy();
    }
  });

  it('a small body that was read keeps the connection open', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await send(agent, 'POST', '/login', { bytes: 10, type: 'application/x-www-form-urlencoded' });
      expect(first).toMatchObject({ status: 403 });
      expect('connection' in first && first.connection).toBe('keep-alive');
      const next = await send(agent, 'GET', '/healthz');
      expect('socket' in next && 'socket' in first && next.socket === first.socket).toBe(true);
    } finally {
      agent.destroy();
    }
  });
});

describe('graceful shutdown (issue 14 §1)', () => {
  it('answers requests on open keep-alive connections during shutdown, each saying Connection: close', async () => {
    const other = startServer({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => (other.server.listening ? resolve() : other.server.once('listening', () => resolve())));
    const otherPort = (other.server.address() as AddressInfo).port;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    const get = () =>
      new Promise<Answer>((resolve) => {
        const req = http.request({ host: '127.0.0.1', port: otherPort, path: '/healthz', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, socket: req.socket }));
        });
        req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
        req.end();
      });
    try {
      // Four open keep-alive connections.
      await Promise.all([get(), get(), get(), get()]);
      const stopped = other.shutdown({ graceMs: 300 });
      const during = await Promise.all(Array.from({ length: 8 }, get));
      expect(during.filter((a) => 'error' in a)).toEqual([]);
      expect(during.every((a) => 'connection' in a && a.connection === 'close')).toBe(true);
      await stopped;
      expect(other.server.listening).toBe(false);
    } finally {
      agent.destroy();
    }
  });
});
