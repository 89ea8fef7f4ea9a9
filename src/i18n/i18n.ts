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

/**
 * `coverage`: 'all' — every key (the staff UI too); 'owner' — only what a shop owner reads (the
 * self-check, the help request, the owner's pages, the handout, owner messages: OWNER_KEYS). Clerks
 * and operators work in Korean (or English), so a zh/vi staff page would only be a half-translated
 * page; those locales are offered on owner-facing pages only and fall back to Korean elsewhere.
 * Chinese is Simplified (中文 简体: most Chinese-born residents of 경기 — 안산, 시흥, 화성 — are from
 * mainland China), so its HTML language is zh-Hans.
 */
export const LOCALES = [
  { code: 'ko', label: '한국어', htmlLang: 'ko', coverage: 'all' },
  { code: 'en', label: 'English', htmlLang: 'en', coverage: 'all' },
  { code: 'zh', label: '中文(简体)', htmlLang: 'zh-Hans', coverage: 'owner' },
  { code: 'vi', label: 'Tiếng Việt', htmlLang: 'vi', coverage: 'owner' },
] as const;
export type Locale = (typeof LOCALES)[number]['code'];
export const DEFAULT_LOCALE: Locale = 'ko';

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && LOCALES.some((l) => l.code === v);
}

/** The value of an HTML `lang` attribute for a locale code (zh → zh-Hans). */
export function htmlLang(locale: string): string {
  return LOCALES.find((l) => l.code === locale)?.htmlLang ?? locale;
}

/** Locales a staff page offers (the owner-only ones would show a mostly Korean page). */
export const STAFF_LOCALES = LOCALES.filter((l) => l.coverage === 'all');

/**
 * The keys an owner may read, by prefix: every `owner`-coverage locale must have all of them (a test),
 * and a test renders each owner page in zh and vi and fails on any key that fell back to Korean.
 */
export const OWNER_KEY_PREFIXES = [
  'app.',
  'layout.',
  'check.',
  'help.',
  'owner.',
  // the owner's own correction / deletion requests (개인정보 보호법 §36), not the office's side of them
  'rights.kind',
  'rights.reason',
  'rights.status.',
  'rights.note',
  'handout.',
  'optOut.',
  // reminders the owner agreed to (issue 13 §2): her section, the opt-out page, the message texts
  'reminders.owner.',
  'reminders.optOut',
  'reminders.lang.',
  'reminders.channel.',
  'reminders.short.',
  'reminders.msg.',
  'error.',
  'validation.',
  'form.',
] as const;
/** Single keys outside those prefixes that owner pages use: the error page's sign-in link. */
export const OWNER_KEYS_EXACT: readonly string[] = ['auth.signIn'];
export function isOwnerKey(key: string): boolean {
  return OWNER_KEYS_EXACT.includes(key) || OWNER_KEY_PREFIXES.some((p) => key.startsWith(p));
}

/** First guess from the browser's Accept-Language (`vi-VN,vi;q=0.9,en;q=0.8`), by weight. */
export function localeFromAcceptLanguage(header: string | undefined | null): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...ps] = part.trim().split(';');
      const q = ps.map((x) => /^\s*q=([\d.]+)/.exec(x)?.[1]).find(Boolean);
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.base && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((x) => x.base).find(isLocale) ?? null;
}

/** Test hook: called with (locale, key) when a key is missing in that locale and Korean is used instead. */
let fallbackObserver: ((locale: string, key: string) => void) | null = null;
export function observeFallbacks(fn: ((locale: string, key: string) => void) | null): void {
  fallbackObserver = fn;
}

export function catalogue(locale: string): Record<string, string> {
  return catalogues[locale] ?? catalogues.ko ?? {};
}

export function translator(locale: string): Translate {
  const own = catalogue(locale);
  return (key, params) => {
    let template = own[key];
    if (template === undefined) {
      if (locale !== 'ko') fallbackObserver?.(locale, key);
      template = catalogues.ko?.[key] ?? key;
    }
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}
