import type { Target } from './types';

/**
 * A target pattern of an attestation: a glob over the whole target name, identity or id, where `*`
 * is any run of characters and `?` one character; everything else is literal and case-sensitive.
 */
export function targetPattern(glob: string): RegExp {
  const body = [...glob].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 's');
}

export function targetMatches(pattern: RegExp, t: Target): boolean {
  return pattern.test(t.name) || pattern.test(t.id) || (t.identity !== undefined && pattern.test(t.identity));
}
