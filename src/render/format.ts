/**
 * Turning evidence values into text for the pack. Shared by the HTML and PDF renderers so both say
 * the same thing. Nothing here escapes HTML: handlebars does that; these functions make invisible or
 * misleading characters visible, which neither escaping nor a PDF font would.
 */

/**
 * Characters that would hide or reorder text: C0/C1 controls, bidi embeddings/overrides/isolates
 * (a container label with U+202E can make "exe.txt" read as "txt.exe"), zero-width characters and
 * line/paragraph separators. They are shown as `\u{XXXX}` so the reader sees they are there.
 */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

export function visible(s: string): string {
  return s.replace(INVISIBLE, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`);
}

/** Shorten to `max` characters (by code point, never splitting a surrogate pair), adding `suffix` when cut. */
export function truncate(s: string, max: number, suffix: string): string {
  if (s.length <= max) return s;
  const cps = Array.from(s);
  if (cps.length <= max) return s;
  return `${cps.slice(0, max).join('')} ${suffix}`;
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v === '' ? '""' : visible(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? '[]' : v.map((x) => (x !== null && typeof x === 'object' ? visible(JSON.stringify(x)) : scalar(x))).join(', ');
  return visible(JSON.stringify(v));
}

/**
 * An observed/expected value as short readable text: objects become `key: value` lines, arrays
 * comma lists, nested objects compact JSON. `max` caps the length (the full value is in findings.json).
 */
export function formatValue(v: unknown, max: number, truncatedSuffix: string): string {
  let text: string;
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>);
    text = entries.length === 0 ? '{}' : entries.map(([k, x]) => `${visible(k)}: ${scalar(x)}`).join('\n');
  } else {
    text = scalar(v);
  }
  return truncate(text, max, truncatedSuffix);
}

/** `2026-11-23T14:05:09.123Z` → `2026-11-23 14:05 UTC`; unparseable input is returned as given. */
export function isoMinute(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return visible(iso);
  return `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `2026-11-23T14:05:09Z` → `2026-11-23`. */
export function isoDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return visible(iso);
  return new Date(t).toISOString().slice(0, 10);
}

/** A stable, URL- and id-safe anchor from any text (used for in-document links). */
export function anchor(prefix: string, id: string): string {
  return `${prefix}-${id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}
