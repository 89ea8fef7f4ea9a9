import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import ko from './messages/ko.json' with { type: 'json' };

/**
 * The message catalogue. Korean is the source language; every other locale is a JSON file with
 * the same keys (a test checks completeness), so adding a language (Gyeonggi has many
 * foreign-born shop owners) is adding data, not code.
 */
export type MessageKey = keyof typeof ko;
export type Translate = (key: MessageKey | (string & {}), params?: Record<string, string | number>) => string;

/**
 * `messages/<locale>.json` is the core file; an area may add `messages/<locale>.<area>.json`
 * (e.g. ko.recruitment.json) so that features keep their texts apart. All are merged per locale.
 */
const MESSAGES_DIR = fileURLToPath(new URL('./messages/', import.meta.url));
function loadCatalogues(): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const file of readdirSync(MESSAGES_DIR).sort()) {
    const m = /^([a-z]{2,3})(?:\.[a-z0-9-]+)?\.json$/.exec(file);
    if (!m) continue;
    const locale = m[1]!;
    const entries = JSON.parse(readFileSync(path.join(MESSAGES_DIR, file), 'utf8')) as Record<string, string>;
    out[locale] = { ...out[locale], ...entries };
  }
  return out;
}
const catalogues = loadCatalogues();

export const LOCALES = [
  { code: 'ko', label: '한국어', htmlLang: 'ko' },
  { code: 'en', label: 'English', htmlLang: 'en' },
] as const;
export type Locale = (typeof LOCALES)[number]['code'];
export const DEFAULT_LOCALE: Locale = 'ko';

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && LOCALES.some((l) => l.code === v);
}

export function catalogue(locale: string): Record<string, string> {
  return catalogues[locale] ?? catalogues.ko ?? {};
}

export function translator(locale: string): Translate {
  const own = catalogue(locale);
  return (key, params) => {
    const template = own[key] ?? catalogues.ko?.[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}
