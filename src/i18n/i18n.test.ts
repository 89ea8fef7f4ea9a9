import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { catalogue, isOwnerKey, LOCALES, localeFromAcceptLanguage, translator } from './i18n.ts';

const dir = fileURLToPath(new URL('./messages/', import.meta.url));

describe('message catalogue', () => {
  const ko = catalogue('ko');
  it('has every Korean key in every full-coverage language, every owner key in the others, and no extra ones', () => {
    for (const { code, coverage } of LOCALES) {
      const other = catalogue(code);
      const needed = Object.keys(ko).filter((k) => coverage === 'all' || isOwnerKey(k));
      expect(needed.filter((k) => !(k in other)), `missing in ${code}`).toEqual([]);
      if (coverage === 'owner') expect(Object.keys(other).filter((k) => !isOwnerKey(k)), `staff keys in ${code}`).toEqual([]);
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
      for (const [k, v] of Object.entries(ko)) if (k in other) expect(ph(other[k]!), `${code}:${k}`).toBe(ph(v));
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

  it('covers the owner pages with a real share of the catalogue in zh and vi (the owner scope is not empty)', () => {
    const owner = Object.keys(ko).filter(isOwnerKey);
    expect(owner.length).toBeGreaterThan(200);
    for (const code of ['zh', 'vi']) {
      const other = catalogue(code);
      // A translation that is the Korean text copied over is not a translation (names like 잇다 are
      // allowed inside a translated sentence; a whole value equal to the Korean one is not).
      const copied = owner.filter((k) => other[k] === ko[k] && /[가-힣]/.test(ko[k]!));
      expect(copied, `untranslated in ${code}`).toEqual([]);
    }
  });

  it('guesses the language from Accept-Language by weight, ignoring unknown ones', () => {
    expect(localeFromAcceptLanguage('vi-VN,vi;q=0.9,en;q=0.8')).toBe('vi');
    expect(localeFromAcceptLanguage('fr-FR,zh-CN;q=0.7,en;q=0.9')).toBe('en');
    expect(localeFromAcceptLanguage('zh-Hans-CN')).toBe('zh');
    expect(localeFromAcceptLanguage('fr,de;q=0.5')).toBeNull();
    expect(localeFromAcceptLanguage('vi;q=0, ko')).toBe('ko');
    expect(localeFromAcceptLanguage(undefined)).toBeNull();
  });

  it('fills parameters and falls back to Korean for an unknown language', () => {
    expect(translator('en')('users.count', { n: 3 })).toBe('3 accounts');
    expect(translator('xx')('auth.signIn')).toBe('로그인');
    expect(translator('vi')('users.count', { n: 3 })).toBe(translator('ko')('users.count', { n: 3 }));
  });
});
