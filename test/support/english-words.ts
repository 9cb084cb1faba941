/**
 * Counting English function words in a rendered pack (issue #13.2): the words that give away an
 * untranslated sentence, counted as whole words outside the values the evidence and the config
 * carry (names, paths, commands, rule lines, declared notes), outside «…» quotes and `code` spans.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export const FUNCTION_WORDS = ['the', 'is', 'are', 'and', 'of', 'with', 'which', 'must', 'not', 'has', 'have', 'this', 'that', 'from', 'for', 'to'] as const;
/** `for` and `to` are everyday Norwegian words (for = for/too, to = two): counted apart, in both languages. */
export const UNAMBIGUOUS = FUNCTION_WORDS.filter((w) => w !== 'for' && w !== 'to');

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Every string value of the pack folder's evidence files (their `data`), its config.json and the
 * data its findings.json records per finding (`observed`, `expected`: machine fields printed as
 * `key: value`, the same in every language) and the titles of the documents findings cite, longest first.
 */
export function evidenceValues(dir: string): string[] {
  const values: string[] = [];
  const evidence = path.join(dir, 'evidence');
  for (const f of readdirSync(evidence).filter((n) => n.endsWith('.json'))) strings((JSON.parse(readFileSync(path.join(evidence, f), 'utf8')) as { data?: unknown }).data, values);
  if (existsSync(path.join(dir, 'config.json'))) strings(JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')), values);
  const findings = JSON.parse(readFileSync(path.join(dir, 'findings.json'), 'utf8')) as { findings: { observed: unknown; expected: unknown; references: { title?: string }[] }[] };
  for (const f of findings.findings) {
    strings(f.observed, values);
    strings(f.expected, values);
    for (const r of f.references) if (r.title) values.push(r.title);
  }
  // Words of four letters or fewer on their own are not values worth removing ("true", "tcp", "none").
  return [...new Set(values.map(squash).filter((v) => v.length > 4 && /\s|[/:.=_-]/.test(v)))].sort((a, b) => b.length - a.length);
}

const compact = (s: string) => s.replace(/[\s\u00ad-]+/g, '');
const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A value as it may come out of pdftotext: a line break after a separator becomes a space, and the
 * hyphen at a line end may be dropped.
 */
function wrapped(v: string): RegExp {
  let re = '';
  for (const c of v) {
    if (/\s/.test(c)) re += '\\s+';
    else if (c === '-') re += '-?\\s?';
    else re += escape(c) + (/[/_.:,=;]/.test(c) ? '\\s?' : '');
  }
  return new RegExp(re, 'g');
}

/** The text with evidence/config values, «…» and "…" quotes and `code` spans taken out. */
export function withoutValues(text: string, values: readonly string[]): string {
  let t = squash(text.replace(/\u00ad/g, ''));
  let flat = compact(t);
  for (const v of values) {
    if (!flat.includes(compact(v))) continue;
    t = t.split(v).join(' ');
    // Occurrences pdftotext wrapped are still there in the compact form.
    if (compact(t).includes(compact(v))) t = t.replace(wrapped(v), ' ');
    flat = compact(t);
  }
  return t.replace(/«[^»]*»|`[^`]*`|"[^"]*"/g, ' ');
}

/** Occurrences per function word (whole words, case-insensitive). */
export function countWords(text: string, words: readonly string[] = FUNCTION_WORDS): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(words.map((w) => [w, 0]));
  for (const w of text.match(/\p{L}+/gu) ?? []) {
    const k = w.toLowerCase();
    if (k in out) out[k]++;
  }
  return out;
}

export const total = (c: Record<string, number>, words: readonly string[] = Object.keys(c)) => words.reduce((n, w) => n + (c[w] ?? 0), 0);
