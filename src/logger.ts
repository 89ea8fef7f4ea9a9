import pino, { type Logger } from 'pino';

/** JSON logs, one line per event; the request id is bound per request (app.ts). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'itda' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['password', '*.password', 'token', '*.token', 'req.headers.cookie', 'req.headers.authorization'], remove: true },
  });
}
