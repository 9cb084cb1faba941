/**
 * Turning evidence values into text for the pack. Shared by the HTML and PDF renderers so both say
 * the same thing. Nothing here escapes HTML: handlebars does that; these functions make invisible or
 * misleading characters visible, which neither escaping nor a PDF font would.
 */
import { CATALOGS, type MessageKey, type Translate } from '../i18n';

/**
 * Characters that would hide or reorder text: C0/C1 controls, bidi embeddings/overrides/isolates
 * (a container label with U+202E can make "exe.txt" read as "txt.exe"), zero-width characters and
 * line/paragraph separators. They are shown as `\u{XXXX}` so the reader sees they are there.
 */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

export function visible(s: string): string {
  return s.replace(INVISIBLE, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`);
}

/** Shorten to `max` characters at a word boundary (never splitting a surrogate pair or a token), adding `suffix` when cut. */
export function truncate(s: string, max: number, suffix: string): string {
  const cps = Array.from(s);
  if (cps.length <= max) return s;
  const head = cps.slice(0, max).join('');
  const cut = head.search(/\s\S*$/);
  return `${cut > max / 2 ? head.slice(0, cut) : head} ${suffix}`;
}

/**
 * A 64-hex token (an image digest, a container id) shortened to 12 characters, as the docker CLI
 * shows it: the only full SHA-256 values a pack prints are those of its own files (the manifest).
 */
export function shortHashes(s: string): string {
  return s.replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1…');
}

function scalarText(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v === '' ? '""' : shortHashes(visible(v));
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return '';
}

function isScalar(v: unknown): boolean {
  return v === null || v === undefined || typeof v !== 'object';
}

/** `a=1, b=x` for a flat object of scalars (one line per item of a list of objects). */
function inline(o: Record<string, unknown>): string | null {
  const entries = Object.entries(o);
  if (!entries.every(([, x]) => isScalar(x) || (Array.isArray(x) && x.every(isScalar)))) return null;
  return entries.map(([k, x]) => `${visible(k)}=${Array.isArray(x) ? x.map(scalarText).join('+') : scalarText(x)}`).join(', ');
}

function lines(prefix: string, v: unknown, out: string[], depth: number): void {
  const key = prefix ? `${prefix}: ` : '';
  if (isScalar(v)) {
    out.push(`${key}${scalarText(v)}`);
  } else if (Array.isArray(v)) {
    if (v.length === 0) out.push(`${key}(none)`);
    else if (v.every(isScalar)) out.push(`${key}${v.map(scalarText).join(', ')}`);
    else
      v.forEach((x, i) => {
        const one = x && typeof x === 'object' && !Array.isArray(x) ? inline(x as Record<string, unknown>) : null;
        if (one !== null) out.push(`${prefix || '•'}${prefix ? ` [${i + 1}]` : ''}: ${one}`);
        else lines(prefix ? `${prefix} [${i + 1}]` : `[${i + 1}]`, x, out, depth + 1);
      });
  } else {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) out.push(`${key}(none)`);
    for (const [k, x] of entries) lines(prefix ? `${prefix}.${visible(k)}` : visible(k), x, out, depth + 1);
  }
}

/**
 * An observed/expected value as readable `key: value` lines (nested keys dotted, lists comma
 * separated, lists of objects one line per item), never JSON. At most `maxLines` lines are kept,
 * whole: a cut line says how many follow, never a value broken mid-token.
 */
export function valueLines(v: unknown, maxLines: number, more: (n: number) => string): string[] {
  const out: string[] = [];
  lines('', v, out, 0);
  if (out.length <= maxLines) return out;
  return [...out.slice(0, maxLines - 1), more(out.length - maxLines + 1)];
}

/** The same as one string (lines joined by newlines), capped at `max` characters at a line boundary. */
export function formatValue(v: unknown, max: number, truncatedSuffix: string): string {
  const all = valueLines(v, Number.MAX_SAFE_INTEGER, () => '');
  const kept: string[] = [];
  let n = 0;
  for (const l of all) {
    if (n + l.length > max && kept.length) {
      kept.push(truncatedSuffix);
      break;
    }
    kept.push(l);
    n += l.length + 1;
  }
  return kept.join('\n');
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

/** A container's state (as the engine names it) in the pack's language; one the catalog lacks as recorded. */
export function containerStateText(t: Translate, state: string): string {
  const key = `container.state.${state}`;
  return key in CATALOGS.en ? t(key as MessageKey) : visible(state);
}
