import type { StorageEvidence, StorageTargetEvidence } from '../../evidence/types/storage';
import type { LocalText, Target } from '../../findings/types';
import type { StorageClassification } from '../../evidence/types/storage';
import { formatInt } from '../../i18n';
import { templates } from '../text';

const ROLE: Record<string, string> = { 'docker-data-root': 'Docker data-root', 'docker-volume': 'Docker volume', dir: 'directory' };

/** A measured filesystem as a finding target; the id is the path, stable from one audit to the next. */
export function storageTarget(t: StorageTargetEvidence): Target {
  const what = t.roles.map((r) => ROLE[r] ?? r).join(' + ');
  const where = [t.device?.name, t.filesystem?.type].filter(Boolean).join(', ');
  return { kind: 'storage', id: t.path, name: `${what} ${t.path}${where ? ` (${where})` : ''}` };
}

/** The target the pack's headline figures come from: the data-root, else the first measured directory. */
export function primaryTarget(s: StorageEvidence): StorageTargetEvidence | null {
  return s.primary !== null && s.primary !== undefined ? (s.targets[s.primary] ?? null) : null;
}

export const n0 = (n: number): string => Math.round(n).toLocaleString('en-US');

/** `fio-3.33`, `node v20.20.2`: the engine once, with its version. */
export function engineText(t: StorageTargetEvidence): string | null {
  if (!t.engine) return null;
  return t.engine.version.startsWith(t.engine.name) ? t.engine.version : `${t.engine.name} ${t.engine.version}`;
}

const reasons = templates({
  noDirectIo: { en: 'direct I/O (O_DIRECT) was refused, so the page cache answered', nb: 'direkte I/O (O_DIRECT) ble avvist, så sidebufferen svarte' },
  cache: { en: '{workload} looks like a cache (p50 {p50} µs{device})', nb: '{workload} ser ut som en hurtigbuffer (p50 {p50} µs{device})' },
  cacheDevice: { en: ', {ratio} device requests per op', nb: ', {ratio} forespørsler til enheten per operasjon' },
  fewRequests: { en: '{workload}: the device completed only {ratio} requests per operation', nb: '{workload}: enheten fullførte bare {ratio} forespørsler per operasjon' },
});
/** The templates of the reasons below, for the catalog tests. */
export const UNTRUSTWORTHY_TEXTS = reasons.templates;

/** Reasons a measured target's figures are not disk figures (empty when they are), in every pack language. */
export function untrustworthyText(t: StorageTargetEvidence): LocalText[] {
  const why: LocalText[] = [];
  if (t.testFile && !t.testFile.directIo) why.push(reasons('noDirectIo'));
  for (const r of Object.values(t.results)) {
    if (!r) continue;
    if (r.cacheSuspected) why.push(reasons('cache', { workload: r.id, p50: String(r.p50Us), device: r.device ? reasons('cacheDevice', { ratio: String(r.device.ratio) }) : { en: '', nb: '' } }));
    else if (r.device?.verdict === 'below') why.push(reasons('fewRequests', { workload: r.id, ratio: String(r.device.ratio) }));
  }
  return why;
}

/** Reasons a measured target's figures are not disk figures (empty when they are), in English. */
export function untrustworthy(t: StorageTargetEvidence): string[] {
  return untrustworthyText(t).map((x) => x.en);
}

const CLASS_NB: Record<string, string> = {
  'local-nvme': 'lokal flash av NVMe-klasse',
  'local-sata-ssd': 'en lokal SATA/SAS-SSD',
  'network-block': 'nettverksblokklagring',
  'spinning-disk': 'en roterende disk',
  'page-cache': 'en hurtigbuffer',
  unclassified: 'ingen kjent klasse',
};

/** A classification's "consistent with" statement in every pack language (the English is the domain's own). */
export function classificationText(c: StorageClassification): LocalText {
  const b = c.basis;
  if (c.consistentWith === 'unclassified' || b.qd1P50Us === null || b.qd1Iops === null) {
    return { en: c.statement, nb: 'ikke klassifisert: ingen tall for tilfeldig lesing av 4 KiB ved QD1' };
  }
  const deep = b.deepIops !== null && b.deepInFlight !== null ? `; ${formatInt('nb', b.deepIops)} IOPS med ${b.deepInFlight} samtidige` : '';
  const figures = `QD1 p50 ${b.qd1P50Us} µs, ${formatInt('nb', b.qd1Iops)} IOPS${deep}`;
  if (c.consistentWith === 'page-cache') return { en: c.statement, nb: `forenlig med en hurtigbuffer, ikke en disk (${figures})` };
  const what =
    c.consistentWith === 'iops-capped'
      ? `en IOPS-grense nær ${formatInt('nb', b.deepIops ?? b.qd1Iops)} IOPS (struping hos leverandøren eller én roterende disk)`
      : (CLASS_NB[c.consistentWith] ?? c.consistentWith);
  return { en: c.statement, nb: `forenlig med ${what} (${figures})` };
}
