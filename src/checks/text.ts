/**
 * Check texts in every pack language. Titles, rationales and fixes are LocalText; result messages
 * come from keyed templates with `{name}` placeholders, so both languages are written from the same
 * parameters and no sentence is assembled in code:
 *
 *   const m = templates({ privileged: { en: '{target} is privileged.', nb: '{target} er privilegert.' } });
 *   ... message: m('privileged')              // {target} is filled in by the container factory
 *
 * A parameter may itself be a LocalText (a translated word such as a container state). Numbers are
 * written with each language's grouping. A placeholder without a value stays visible as `{name}`, so
 * a factory can fill it later (see `fill`).
 */
import type { LocalText } from '../findings/types';
import { formatInt } from '../i18n';

export type Lang = keyof LocalText;
export const TEXT_LANGS: readonly Lang[] = ['en', 'nb'];

/** A template parameter: evidence values (names, commands) as they are, translated words as LocalText. */
export type Param = string | number | LocalText | readonly string[];
export type Params = Record<string, Param>;

const PLACEHOLDER = /\{(\w+)\}/g;

function paramText(v: Param, lang: Lang): string {
  if (typeof v === 'number') return Number.isInteger(v) ? formatInt(lang, v) : String(v);
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.join(', ');
  return (v as LocalText)[lang];
}

/** Fill the placeholders of a text in every language; unknown ones stay for a later fill. */
export function fill(text: LocalText, params: Params = {}): LocalText {
  const one = (lang: Lang) => text[lang].replace(PLACEHOLDER, (whole, name: string) => (name in params ? paramText(params[name], lang) : whole));
  return { en: one('en'), nb: one('nb') };
}

/** The `{name}` placeholders of a template, sorted (both languages must have the same). */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();
}

export interface TemplateSet<K extends string> {
  (key: K, params?: Params): LocalText;
  /** The templates, for the catalog tests (every key in both languages, same placeholders). */
  readonly templates: Readonly<Record<K, LocalText>>;
}

/** A check's message templates; the returned function formats one in every language. */
export function templates<K extends string>(t: Record<K, LocalText>): TemplateSet<K> {
  const f = ((key: K, params?: Params) => fill(t[key], params)) as TemplateSet<K>;
  Object.defineProperty(f, 'templates', { value: t, enumerable: true });
  return f;
}

/** Texts joined per language (`a, b, c`), for a list whose items are themselves translated. */
export function joinTexts(parts: readonly LocalText[], separator = ', '): LocalText {
  return { en: parts.map((p) => p.en).join(separator), nb: parts.map((p) => p.nb).join(separator) };
}
