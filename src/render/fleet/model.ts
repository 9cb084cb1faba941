/**
 * What the fleet pack shows, from the fleet summary and each host's findings.json only (renderers never
 * re-decide): per host, its controls with outcome counts, and the targets of every control that did
 * not pass (passing targets are counted, not listed: the host's own pack lists them).
 */
import type { FleetSummary } from '../../findings/fleet';
import type { FindingsDocument, Outcome } from '../../findings/types';

export interface FleetRenderInput {
  summary: FleetSummary;
  /** Each host's findings (null when it was not collected or not evaluated), by folder. */
  hosts: { folder: string; findings: FindingsDocument | null }[];
  lang: 'en' | 'nb';
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
