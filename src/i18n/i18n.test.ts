import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { catalogue, LOCALES, translator } from './i18n.ts';

const dir = fileURLToPath(new URL('./messages/', import.meta.url));

describe('message catalogue', () => {
  const ko = catalogue('ko');
  it('has every Korean key in every other language, and no extra ones', () => {
    for (const { code } of LOCALES) {
      const other = catalogue(code);
      expect(Object.keys(ko).filter((k) => !(k in other)), `missing in ${code}`).toEqual([]);
      expect(Object.keys(other).filter((k) => !(k in ko)), `extra in ${code}`).toEqual([]);
      expect(Object.entries(other).filter(([, v]) => !v.trim()), `empty in ${code}`).toEqual([]);
    }
  });

  it('ships a file for each declared language (adding a language is adding a file)', () => {
    const locales = new Set(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.split('.')[0]!));
    expect([...locales].sort()).toEqual(LOCALES.map((l) => l.code).sort());
  });

  it('keeps the same {placeholders} in every language', () => {
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
    for (const { code } of LOCALES) {
      const other = catalogue(code);
      for (const [k, v] of Object.entries(ko)) expect(ph(other[k] ?? ''), `${code}:${k}`).toBe(ph(v));
    }
  });

  it('has every key that the code names literally', () => {
    const root = fileURLToPath(new URL('../', import.meta.url));
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f) && !f.includes('.test.'));
    const pattern = /(?:\bt\(|messageKey: |labelKey: |Error\(|message: )'([a-z]+\.[A-Za-z0-9_.]+)'/g;
    const missing = new Set<string>();
    let seen = 0;
    for (const f of files) {
      for (const m of readFileSync(path.join(root, f), 'utf8').matchAll(pattern)) {
        seen++;
        if (!(m[1]! in ko)) missing.add(`${m[1]} (${f})`);
      }
    }
    expect(seen).toBeGreaterThan(100);
    expect([...missing]).toEqual([]);
  });

  it('fills parameters and falls back to Korean for an unknown language', () => {
    expect(translator('en')('users.count', { n: 3 })).toBe('3 accounts');
    expect(translator('xx')('auth.signIn')).toBe('로그인');
  });
});
