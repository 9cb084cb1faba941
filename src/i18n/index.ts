import { en, type MessageKey } from './en';
import { nb } from './nb';

export type Lang = 'en' | 'nb';
export const LANGS: readonly Lang[] = ['en', 'nb'];
export type { MessageKey };
export type Catalog = Record<MessageKey, string>;

export const CATALOGS: Record<Lang, Catalog> = { en, nb };

/** A catalog message in every pack language (a check's LocalText from a word the packs share). */
export function inEveryLanguage(key: MessageKey): Record<Lang, string> {
  return { en: CATALOGS.en[key], nb: CATALOGS.nb[key] };
}

/** BCP 47 tags, for `<html lang>`, the PDF's /Lang and number formatting. */
export const LOCALE: Record<Lang, string> = { en: 'en-GB', nb: 'nb-NO' };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const PLACEHOLDER = /\{(\w+)\}/g;

/** The `{name}` placeholders of a message, sorted (used by the catalog test). */
export function placeholders(message: string): string[] {
  return [...message.matchAll(PLACEHOLDER)].map((m) => m[1]).sort();
}

/** A translator for one language. A placeholder without a value stays visible as `{name}` rather than vanishing. */
export function translator(lang: Lang): Translate {
  const catalog = CATALOGS[lang];
  return (key, params) => {
    const message = catalog[key] ?? en[key] ?? key;
    if (!params) return message;
    return message.replace(PLACEHOLDER, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

/** Whole numbers with the language's grouping (1 000 in nb, 1,000 in en). */
export function formatInt(lang: Lang, n: number): string {
  return new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 0 }).format(n);
}

/** Decimal numbers with up to `digits` fraction digits and the language's decimal sign. */
export function formatDecimal(lang: Lang, n: number, digits = 1): string {
  return new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits }).format(n);
}
