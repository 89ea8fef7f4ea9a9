import en from './messages/en.json' with { type: 'json' };
import ko from './messages/ko.json' with { type: 'json' };

/**
 * The message catalogue. Korean is the source language; every other locale is a JSON file with
 * the same keys (a test checks completeness), so adding a language (Gyeonggi has many
 * foreign-born shop owners) is adding data, not code.
 */
export type MessageKey = keyof typeof ko;
export type Translate = (key: MessageKey | (string & {}), params?: Record<string, string | number>) => string;

const catalogues: Record<string, Record<string, string>> = { ko, en };

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
  return catalogues[locale] ?? ko;
}

export function translator(locale: string): Translate {
  const own = catalogue(locale);
  return (key, params) => {
    const template = own[key] ?? (ko as Record<string, string>)[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}
