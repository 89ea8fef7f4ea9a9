import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('ITDA_WORKERS (issue 12 §4: several processes)', () => {
  it('is one process unless set', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ DATABASE_URL: 'postgres://db.example/itda' }).workers).toBe(1);
  });

  it('runs several processes on PostgreSQL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db.example/itda', ITDA_WORKERS: '4' }).workers).toBe(4);
  });

  it('refuses more than one on PGlite, which one process opens, saying why', () => {
    expect(() => loadConfig({ ITDA_WORKERS: '2' })).toThrow(ConfigError);
    expect(() => loadConfig({ ITDA_WORKERS: '2' })).toThrow(/PGlite is opened by one process only/);
    expect(loadConfig({ ITDA_WORKERS: '1' }).workers).toBe(1);
  });

  it('refuses a count that is not a whole number from 1 to 64', () => {
    for (const bad of ['0', '-1', '1.5', 'two', '65']) {
      expect(() => loadConfig({ DATABASE_URL: 'postgres://db.example/itda', ITDA_WORKERS: bad }), bad).toThrow(/ITDA_WORKERS/);
    }
  });
});
