import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * JSON logs, one line per event; the request id is bound per request (src/web/middleware.ts).
 * On a terminal (a person running `npm start`) the same events are printed as short readable
 * lines instead, so they do not drown the start-up banner; anything else (a file, a pipe, a log
 * collector) gets JSON.
 */
export function createLogger(level: string, opts: { pretty?: boolean; out?: DestinationStream } = {}): Logger {
  const out: DestinationStream = opts.out ?? process.stdout;
  const pretty = opts.pretty ?? (out === process.stdout && process.stdout.isTTY === true);
  const options = {
    level,
    base: { app: 'itda' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['password', '*.password', 'token', '*.token', 'req.headers.cookie', 'req.headers.authorization'], remove: true },
  };
  return pino(options, pretty ? prettyLines(out) : out);
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };

/** `12:34:56 INFO  request GET /home 200 12ms` — the time, the level, the message, the other fields. */
export function prettyLine(json: string): string {
  type Event = { time?: string; level?: number; msg?: string; method?: string; path?: string; status?: number; ms?: number } & Record<string, unknown>;
  const { time, level, msg, app: _app, pid: _pid, hostname: _hostname, reqId: _reqId, method, path, status, ms, ...rest } = JSON.parse(json) as Event;
  const parts = [time?.slice(11, 19) ?? '', LEVELS[level ?? 30] ?? `${level}`, msg ?? ''];
  if (method !== undefined) parts.push(`${method} ${path} ${status} ${ms}ms`);
  if (Object.keys(rest).length) parts.push(JSON.stringify(rest));
  return `${parts.join(' ')}\n`;
}

function prettyLines(out: DestinationStream): DestinationStream {
  return {
    write(line: string) {
      out.write(prettyLine(line));
    },
  };
}
