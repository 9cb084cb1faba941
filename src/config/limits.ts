/**
 * Length limits for the strings of an audit config (and of the files beside it: attestations). The pack
 * shows them on its cover, in tables and in the running header of every PDF page, so a 20 KB
 * organisation name costs minutes and gigabytes to lay out; no real name or justification is that long.
 * Names and short fields get NAME_MAX characters, free text (justifications, statements, notes, transfer
 * bases) TEXT_MAX; lists at most LIST_MAX entries.
 */
/** Names, roles, periods, ids, match patterns, countries, dates. */
export const NAME_MAX = 200;
/** Justifications, statements, notes, transfer bases: anything else that is text. */
export const TEXT_MAX = 2000;
/** Entries of any list (waivers, endpoints, public ports, attestations). */
export const LIST_MAX = 10_000;

/** Keys whose value is free text (TEXT_MAX); every other string is a name or a short field (NAME_MAX). */
const TEXT_KEYS = new Set(['justification', 'statement', 'note', 'notes', 'transferBasis', 'description', 'reason', 'comment', 'document', 'evidence']);

/** The config has a value over its limit: bad input (exit 2). */
export class ConfigLimitError extends Error {}

function characters(s: string, limit: number): number {
  // UTF-16 length is an upper bound of the code points: count exactly only when it could be over.
  if (s.length <= limit) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Every string (values and mapping keys) and list of a parsed config document within its limit; throws
 * a ConfigLimitError naming the key (`waivers[0].justification`) and the limit.
 */
export function checkConfigLimits(doc: unknown, source: string): void {
  const walk = (v: unknown, where: string, key: string): void => {
    if (typeof v === 'string') {
      const limit = TEXT_KEYS.has(key) ? TEXT_MAX : NAME_MAX;
      const n = characters(v, limit);
      if (n > limit) throw new ConfigLimitError(`${source}: "${where}" is ${fmt(n)} characters long; the limit is ${fmt(limit)} (${limit === TEXT_MAX ? 'free text' : 'a name or short field'})`);
      return;
    }
    if (Array.isArray(v)) {
      if (v.length > LIST_MAX) throw new ConfigLimitError(`${source}: "${where}" has ${fmt(v.length)} entries; the limit is ${fmt(LIST_MAX)}`);
      v.forEach((x, i) => walk(x, `${where}[${i}]`, key));
      return;
    }
    if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const path = where ? `${where}.${k}` : k;
        if (characters(k, NAME_MAX) > NAME_MAX) throw new ConfigLimitError(`${source}: a key under "${where || '(top level)'}" is ${fmt(characters(k, NAME_MAX))} characters long; the limit is ${fmt(NAME_MAX)}`);
        walk(x, path, k);
      }
    }
  };
  walk(doc, '', '');
}
