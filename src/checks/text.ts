import type { LocalText } from '../findings/types';
import type { Text } from './types';

/** A check text in every pack language; an English-only text stands for both until it is translated. */
export function localText(t: Text, nb?: string): LocalText {
  return typeof t === 'string' ? { en: t, nb: nb ?? t } : t;
}

/** The English form of a check text (machine formats, ids, the `checks` command in English). */
export function englishText(t: Text): string {
  return typeof t === 'string' ? t : t.en;
}
