import { serve, type HttpBindings, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';

/**
 * The HTTP server around the app: connection handling, which is transport, not a route's business.
 *
 * Keep-alive (issue 14 §1): a refusal sent before the request body was read (413 on the declared
 * size, a 403/404 ahead of a large upload) left the body on the socket; the server then gave up
 * draining it and reset the connection, and the client's next request on that socket failed. Such a
 * response now says `Connection: close`, so the client opens a new connection instead of reusing
 * one the server is about to drop. During graceful shutdown every response says it too, and the
 * server keeps answering for a short grace period before it stops listening, so requests on open
 * keep-alive connections get an answer instead of a reset.
 */
export interface ItdaServer {
  server: ServerType;
  /** Stop: answer with `Connection: close` for `graceMs`, then stop listening and wait for in-flight requests. */
  shutdown(opts?: { graceMs?: number }): Promise<void>;
}

type Fetch = (req: Request, env: HttpBindings) => Response | Promise<Response>;

function bodyLeftUnread(req: Request, env: HttpBindings | undefined): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  const incoming = env?.incoming;
  if (!incoming) return false;
  const declared = Number(req.headers.get('content-length') ?? '0');
  return (declared > 0 || req.headers.has('transfer-encoding')) && !incoming.readableEnded;
}

function withConnectionClose(res: Response): Response {
  try {
    res.headers.set('connection', 'close');
    return res;
  } catch {
    // Immutable headers (a Response made by Response.redirect/error): copy it.
    const copy = new Response(res.body, res);
    copy.headers.set('connection', 'close');
    return copy;
  }
}

export function startServer(opts: { fetch: Fetch; port: number; hostname?: string; onListening?: (info: AddressInfo) => void }): ItdaServer {
  let draining = false;
  const fetch: Fetch = async (req, env) => {
    const res = await opts.fetch(req, env);
    return draining || bodyLeftUnread(req, env) ? withConnectionClose(res) : res;
  };
  const server = serve({ fetch: fetch as never, port: opts.port, hostname: opts.hostname }, opts.onListening);
  let stopped: Promise<void> | null = null;
  return {
    server,
    shutdown({ graceMs = 1000 } = {}) {
      stopped ??= new Promise<void>((resolve) => {
        draining = true;
        setTimeout(() => {
          // close() stops listening, closes idle connections and calls back once in-flight requests are answered.
          // After the I/O poll (setImmediate), not in the timer phase: when a long embedded-database query
          // blocked the loop, a request sent before the signal can still sit unread on a keep-alive socket
          // that then looks idle and would be reset (the SIGTERM drill under load, test/drills/sigterm.test.ts).
          setImmediate(() => {
            server.close(() => resolve());
            (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
          });
        }, graceMs).unref();
      });
      return stopped;
    },
  };
}
