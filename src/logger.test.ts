import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

function capture(pretty: boolean) {
  const lines: string[] = [];
  const logger = createLogger('info', { pretty, out: { write: (s: string) => lines.push(s) } });
  return { logger, lines };
}

describe('logger', () => {
  it('writes JSON lines when not on a terminal (log collectors, files)', () => {
    const { logger, lines } = capture(false);
    logger.info({ method: 'GET', path: '/home', status: 200, ms: 3, password: 'secret' }, 'request');
    const o = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(o).toMatchObject({ msg: 'request', method: 'GET', path: '/home', status: 200, app: 'itda' });
    expect(o.password).toBeUndefined();
  });

  it('writes one short readable line per event on a terminal, still without secrets', () => {
    const { logger, lines } = capture(true);
    logger.info({ method: 'GET', path: '/home', status: 200, ms: 3, token: 'secret' }, 'request');
    logger.warn({ applied: ['a.sql'] }, 'migrations applied');
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d INFO {2}request GET \/home 200 3ms\n$/);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d WARN {2}migrations applied \{"applied":\["a\.sql"\]\}\n$/);
    expect(lines.join('')).not.toContain('secret');
  });
});
