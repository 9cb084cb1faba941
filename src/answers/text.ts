/** Small wording helpers shared by the draft and reason texts: names, counts, titles, countries. */
import type { Finding, FindingsDocument, TargetKind } from '../findings/types';
import { LOCALE, translator, type Lang, type MessageKey, type Translate } from '../i18n';

/** At most this many names in one sentence; the rest are counted. */
const MAX_NAMES = 8;

/** Names joined with `sep` (`; ` when the names have commas of their own), the ones past MAX_NAMES counted. */
export function nameList(t: Translate, names: readonly string[], sep = ', '): string {
  const unique = [...new Set(names)];
  if (unique.length <= MAX_NAMES) return unique.join(sep);
  return t('answers.text.andMore', { names: unique.slice(0, MAX_NAMES).join(sep), n: unique.length - MAX_NAMES });
}

const COUNTED_KINDS = new Set<TargetKind>(['container', 'image', 'file', 'endpoint', 'network', 'volume', 'port']);

/** `6 containers`, `1 image`; other kinds: `3 targets`. */
export function countOf(t: Translate, kind: TargetKind, n: number): string {
  const k = COUNTED_KINDS.has(kind) ? kind : 'target';
  return t(`answers.count.${k}.${n === 1 ? 'one' : 'other'}` as MessageKey, { n });
}

/** Checks outside the CIS benchmark whose titles the check catalog does not translate yet: our own, for the drafts. */
const OWN_TITLES = new Set(['virt-shared-kernel', 'residency-host-location', 'residency-endpoint-jurisdiction', 'residency-foreign-control', 'residency-geolocation-freshness']);

/** The control's title as the pack printed it (findings.json `controls`), else the catalog's, else the finding's. */
export function titleOf(doc: FindingsDocument, f: Finding, lang: Lang): string {
  const rec = doc.controls?.[f.control];
  const title = rec?.title?.[lang] ?? f.title;
  // An English title in a Norwegian draft: use ours while the check's own is untranslated.
  if (lang !== 'en' && OWN_TITLES.has(f.check) && title === (rec?.title?.en ?? f.title)) return translator(lang)(`answers.title.${f.check}` as MessageKey);
  return title;
}

export function targetName(f: Finding): string {
  return f.target.name || f.target.id;
}

/** The finding's message in the language (English until a check's texts are translated). */
export function messageOf(f: Finding, lang: Lang): string {
  return f.message?.[lang] ?? f.message?.en ?? '';
}

const regionNames = new Map<Lang, Intl.DisplayNames>();

/** Country name in the language (Norge, Kina); the code itself when unknown. */
export function countryName(lang: Lang, code: string | null | undefined): string {
  if (!code) return '?';
  let names = regionNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([LOCALE[lang]], { type: 'region' });
    regionNames.set(lang, names);
  }
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** ISO date (YYYY-MM-DD) of an ISO time, or `?`. */
export function dateOf(iso: string | null | undefined): string {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : '?';
}

/** The words every draft shares: host name, ` in Norway` when the host's country is known, evidence date. */
export function draftContext(doc: FindingsDocument, lang: Lang): { host: string; where: string; date: string } {
  const t = translator(lang);
  const country = doc.residency?.host?.country;
  return {
    host: doc.run.host?.hostname || '?',
    where: country ? t('answers.text.where', { country: countryName(lang, country) }) : '',
    date: dateOf(doc.run.collectedAt),
  };
}
