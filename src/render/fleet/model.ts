/**
 * What the fleet pack shows, from the fleet summary and each host's findings.json only (renderers never
 * re-decide): per host, its controls with outcome counts, and the targets of every control that did
 * not pass (passing targets are counted, not listed: the host's own pack lists them).
 */
import type { FleetHostRow, FleetSummary } from '../../findings/fleet';
import type { FindingsDocument, Outcome } from '../../findings/types';

export interface FleetRenderInput {
  summary: FleetSummary;
  /** Each host's findings (null when it was not collected or not evaluated), by folder, and the pack files its folder got. */
  hosts: { folder: string; findings: FindingsDocument | null; written?: readonly string[] }[];
  lang: 'en' | 'nb';
  /** `.nb` when this is a further language (fleet-pack.nb.pdf): the host packs it points to are then audit-pack.nb.*. */
  suffix?: string;
}

/**
 * The host's own pack in the fleet pack's language, relative to the fleet folder's hosts/: the
 * suffixed pack when the host's folder got one (audit-pack.nb.pdf), else what the summary records.
 */
export function ownPack(input: FleetRenderInput, h: FleetHostRow): { html: string | null; pdf: string | null; findings: string } | null {
  if (!h.pack) return null;
  const written = input.hosts.find((x) => x.folder === h.folder)?.written ?? [];
  const pick = (ext: 'html' | 'pdf', recorded: string | null) => {
    const name = `audit-pack${input.suffix ?? ''}.${ext}`;
    return input.suffix && written.includes(name) ? `${h.folder}/${name}` : recorded;
  };
  return { html: pick('html', h.pack.html), pdf: pick('pdf', h.pack.pdf), findings: h.pack.findings };
}

/** Outcomes whose targets are listed in the host part. */
export const LISTED: ReadonlySet<Outcome> = new Set(['fail', 'warn', 'error', 'manual']);

export interface ControlRow {
  control: string;
  title: string;
  section: string;
  severity: string;
  counts: Partial<Record<Outcome, number>>;
  /** [target name, outcome, message] for every listed outcome. */
  targets: [string, Outcome, string][];
}

export interface HostPart {
  folder: string;
  controls: ControlRow[];
}

const RANK: Outcome[] = ['fail', 'error', 'warn', 'manual', 'attested', 'waived', 'info', 'not-applicable', 'pass'];
const SEV = ['critical', 'high', 'medium', 'low', 'info'];

function worst(r: ControlRow): number {
  return Math.min(...(Object.keys(r.counts) as Outcome[]).map((o) => RANK.indexOf(o)));
}

export function hostPart(folder: string, doc: FindingsDocument, lang: 'en' | 'nb'): HostPart {
  const rows = new Map<string, ControlRow>();
  for (const f of doc.findings) {
    let r = rows.get(f.control);
    if (!r) {
      const title = doc.controls[f.control]?.title?.[lang] ?? f.title;
      r = { control: f.control, title, section: f.section, severity: f.severity, counts: {}, targets: [] };
      rows.set(f.control, r);
    }
    r.counts[f.outcome] = (r.counts[f.outcome] ?? 0) + 1;
    if (LISTED.has(f.outcome)) r.targets.push([f.target.name, f.outcome, f.message?.[lang] ?? f.message?.en ?? '']);
  }
  const controls = [...rows.values()].sort((a, b) => worst(a) - worst(b) || SEV.indexOf(a.severity) - SEV.indexOf(b.severity) || a.control.localeCompare(b.control, 'en', { numeric: true }));
  return { folder, controls };
}

/** A control's title in the language, from whichever host's findings.json knows the control. */
export function controlTitle(docs: readonly (FindingsDocument | null)[], control: string, lang: 'en' | 'nb', fallback: string): string {
  for (const d of docs) {
    const title = d?.controls[control]?.title?.[lang];
    if (title) return title;
  }
  return fallback;
}
