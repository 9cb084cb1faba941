/**
 * What the run was evaluated against, for the cover and the method page: the CIS Docker Benchmark
 * version (findings.run.catalog and the controls' benchmark records) and every geolocation source
 * with its version, data date, licence and the attribution the licence requires (DB-IP Lite: CC BY
 * 4.0; GeoLite2: MaxMind's line), as the residency evidence and findings.residency recorded them.
 */
import type { FindingsDocument } from '../../findings/types';
import type { Translate } from '../../i18n';
import { visible } from '../format';
import type { RenderInput } from '../types';

export interface GeoSourceView {
  /** Short form for the cover: name, version, data date, licence id. */
  cover: string;
  /** Full form for the method page: with the licence sentence. */
  text: string;
  /** The attribution line the licence requires, with its link; null when none is required or known. */
  attribution: string | null;
}

/** `CIS Docker Benchmark 1.8.0` from the controls' benchmark records, else from `run.catalog.benchmark`. */
export function benchmarkName(doc: FindingsDocument): string {
  const b = Object.values(doc.controls ?? {}).find((c) => c?.benchmark)?.benchmark;
  if (b) return `${visible(b.name)} ${visible(b.version)}`;
  const m = /^cis-docker-(.+)$/.exec(doc.run.catalog?.benchmark ?? '');
  return m ? `CIS Docker Benchmark ${visible(m[1])}` : visible(doc.run.catalog?.benchmark ?? '?');
}

function rec(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Every geolocation source the run used: the evidence's list, else the one source findings.residency records. */
export function geolocationSources(t: Translate, input: RenderInput): GeoSourceView[] {
  const data = rec(input.evidence.residency?.data);
  const list = Array.isArray(data?.geolocationSources) && data.geolocationSources.length ? data.geolocationSources : [input.findings.residency?.geolocation ?? data?.geolocation].filter(Boolean);
  return list
    .map(rec)
    .filter((s): s is Record<string, unknown> => !!s)
    .map((s) => {
      const name = visible(str(s.name) ?? str(s.description) ?? t('cover.unknown'));
      const version = visible(str(s.version) ?? rec(s.package)?.version?.toString() ?? '—');
      const date = visible(str(s.buildDate) ?? t('cover.unknown'));
      const id = str(s.licenceId);
      const licenceShort = id ? visible(id.replace(/-/g, ' ')) : t('cover.unknown');
      const attribution = str(s.attribution);
      const url = str(s.attributionUrl);
      return {
        cover: t('cover.geoSource', { name, version, date, licence: licenceShort }),
        text: t('scope.geo.source', { name, version, date, licence: visible((str(s.licence) ?? licenceShort).replace(attribution ? /\s*Attribution:.*$/s : /$^/, '')) }),
        // The link the licence asks for, unless the attribution text carries it already (MaxMind's does).
        attribution: attribution ? (url && !attribution.includes(url) ? t('scope.geo.attribution', { text: visible(attribution), url: visible(url) }) : t('scope.geo.attributionText', { text: visible(attribution) })) : null,
      };
    });
}
