/**
 * The shape of a collection: which keys the evidence has, of which JSON type, and how long its arrays
 * are, without the values (ids, times and addresses differ between runs). Docker objects are limited
 * to those one test run created (by label), so other tests using the same engine do not change it.
 */
import type { EvidenceFile, LoadedEvidence } from '../../../src/evidence/types';
import type { DockerEvidence } from '../../../src/evidence/types/docker';

export interface EvidenceShape {
  /** Engine version and API version the shape was recorded on: container inspect keys differ between engines. */
  engine: { version: string | null; apiVersion: string | null };
  /** Per collector: status and the top-level keys of its data (the rest depends on the machine). */
  collectors: Record<string, { status: string; dataKeys: string[] }>;
  docker: {
    dataKeys: string[];
    versionKeys: string[];
    infoKeys: string[];
    /** Per container (by its name without the run suffix): JSON pointer → type, `array(n)` for arrays. */
    containers: Record<string, Record<string, string>>;
    images: Record<string, Record<string, string>>;
    networks: Record<string, Record<string, string>>;
    volumes: Record<string, Record<string, string>>;
  };
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `array(${v.length})`;
  return typeof v;
}

/**
 * Every pointer under `value` with its type. Keys that are data rather than field names (container and
 * network ids, the run-specific suffix of names) are replaced through `key`.
 */
export function paths(value: unknown, key: (k: string, at: string) => string = (k) => k, at = ''): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (v: unknown, p: string): void => {
    out[p || '/'] = typeOf(v);
    if (Array.isArray(v)) {
      // The engine lists some arrays in no fixed order (Mounts): elements are numbered by their own shape.
      const shapes = v.map((x) => paths(x, key, '')).map((sub) => JSON.stringify(Object.entries(sub).sort()));
      shapes.sort().forEach((sub, i) => {
        for (const [k, t] of JSON.parse(sub) as [string, string][]) out[`${p}/${i}${k === '/' ? '' : k}`] = t;
      });
    } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${p}/${key(k, p)}`);
  };
  walk(value, at);
  return out;
}

/** `prefix`: the scenario's objects are the labelled ones whose name starts with it (other tests of the run label theirs too). */
export function shapeOf(evidence: LoadedEvidence, runId: string, label: string, ownImage: string, prefix: string): EvidenceShape {
  const suffix = runId.slice(-6);
  const strip = (s: string): string => s.split(suffix).join('<run>').split(runId).join('<run>');
  const collectors: EvidenceShape['collectors'] = {};
  for (const f of Object.values(evidence) as EvidenceFile[]) {
    if (!f) continue;
    collectors[f.collector] = { status: f.status, dataKeys: f.data && typeof f.data === 'object' ? Object.keys(f.data).sort() : [] };
  }
  const d = evidence.docker?.data as DockerEvidence | null | undefined;
  if (!d) throw new Error(`no docker data: ${evidence.docker?.error ?? 'missing'}`);
  const own = d.containers.filter((c) => c.Config?.Labels?.[label] === runId && (c.Name ?? '').replace(/^\//, '').startsWith(prefix));
  const ownIds = new Set(own.map((c) => c.Id));
  const idKey = (k: string): string => (ownIds.has(k) ? '<own container>' : /^[0-9a-f]{64}$/.test(k) ? '<container>' : strip(k));
  const byName = <T>(items: T[], name: (t: T) => string, key = (k: string) => strip(k)): Record<string, Record<string, string>> =>
    Object.fromEntries(items.map((t) => [strip(name(t)), paths(t, key)]).sort(([a], [b]) => String(a).localeCompare(String(b))));
  const ownNets = d.networks.filter((n) => (n.Labels as Record<string, string> | undefined)?.[label] === runId && n.Name.startsWith(prefix));
  return {
    engine: { version: d.version.Version ?? null, apiVersion: d.version.ApiVersion ?? null },
    collectors,
    docker: {
      dataKeys: Object.keys(d).sort(),
      versionKeys: Object.keys(d.version).sort(),
      infoKeys: Object.keys(d.info).sort(),
      containers: byName(own, (c) => (c.Name ?? '').replace(/^\//, ''), idKey),
      images: byName(d.images.filter((i) => i.RepoTags?.includes(ownImage)), () => ownImage),
      networks: byName(ownNets, (n) => n.Name, idKey),
      volumes: byName(d.volumes.filter((v) => v.Labels?.[label] === runId && v.Name.startsWith(prefix)), (v) => v.Name),
    },
  };
}
