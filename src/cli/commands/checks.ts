import { catalog, type ControlRecord } from '../../index';
import { benchmarkById, BENCHMARK_IDS, DEFAULT_BENCHMARK } from '../../frameworks/benchmarks';
import { CIS_SECTIONS } from '../../frameworks/cis-docker';
import { SCORE_FORMULA } from '../../findings/score';
import { SECTIONS, type Section } from '../../findings/types';
import { parse, UsageError } from '../args';
import { EXIT } from '../exit-codes';
import { benchmarkFlag } from './shared';

const DEFAULT_VERSION = benchmarkById(DEFAULT_BENCHMARK).version;

export const CHECKS_USAGE = `Usage: residency-audit checks [--json] [--section N|NAME] [--benchmark VERSION]

Lists every check the audit runs: id, title, CIS level, CIS's own Automated/Manual label beside
whether this tool decides it from evidence (automated) or needs a person (manual), severity, and how
it is decided. Every CIS Docker Benchmark recommendation of sections 1-7 has a check; manual ones
say what to look at. Ids follow the numbering of the benchmark version listed.

Options:
      --benchmark VERSION ${BENCHMARK_IDS.map((b) => b.replace('cis-docker-', '')).join(' or ')} (default ${DEFAULT_VERSION}; also cis-docker-${DEFAULT_VERSION})
      --json              print a JSON array instead of the table
      --section N|NAME    only CIS section N (1-7), or a pack section: residency, virtualization,
                          host, daemon, daemon-files, images, containers, operations, swarm, storage
  -h, --help              this help

Exit codes: 0 listed; 2 bad usage.`;

export interface ChecksIo {
  stdout: (text: string) => void;
  /** Terminal width for wrapping (default: the terminal's, else 100). */
  columns?: number;
}

const defaultIo: ChecksIo = { stdout: (t) => process.stdout.write(t), columns: process.stdout.columns };

/** Pack sections that hold CIS Docker Benchmark sections, so non-CIS hardening checks sit with their CIS neighbours. */
const CIS_SECTION_OF: Partial<Record<Section, number>> = { host: 1, daemon: 2, 'daemon-files': 3, images: 4, containers: 5, operations: 6, swarm: 7 };
const PACK_SECTIONS: readonly Section[] = SECTIONS;

/** One row of the listing; also the `--json` shape. */
export interface CheckListing {
  /** Control id in the benchmark listed (`cis-5.5`), or the check id for checks outside it. */
  id: string;
  /** Stable check id, the same in every benchmark version (`cis.privileged`). */
  check: string;
  title: string;
  /** Pack section. */
  section: Section;
  /** CIS Docker Benchmark section (1-7) for container-hardening checks, else null. */
  cisSection: number | null;
  level: 1 | 2 | null;
  /** `automated`: decided from evidence; `manual`: a person decides (the finding says what to look at). */
  decided: 'automated' | 'manual';
  /** The benchmark's own Automated/Manual label, which often differs from how this tool decides. */
  cisAssessment: 'automated' | 'manual' | null;
  severity: string;
  decidedBy: string;
  requires: string[];
  references: { framework: string; id: string; title?: string }[];
  remediation: string;
}

function listingRow(r: ControlRecord): CheckListing {
  return {
    id: r.control,
    check: r.check,
    title: r.title.en,
    section: r.section,
    cisSection: r.benchmark ? Number(r.benchmark.id.split('.')[0]) : CIS_SECTION_OF[r.section] ?? null,
    level: r.level ?? null,
    decided: r.automated ? 'automated' : 'manual',
    cisAssessment: r.benchmark?.assessment ?? null,
    severity: r.severity,
    decidedBy: r.decidedBy.en,
    requires: [...r.requires],
    references: r.references.map((ref) => ({ framework: ref.framework, id: ref.id, ...(ref.title ? { title: ref.title } : {}) })),
    remediation: r.remediation.en,
  };
}

/** Wrap text to `width` columns, every line starting with `indent`. */
function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  let line = indent;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line.length > indent.length && line.length + 1 + word.length > width) {
      out.push(line);
      line = indent;
    }
    line += (line.length > indent.length ? ' ' : '') + word;
  }
  if (line.length > indent.length) out.push(line);
  return out.join('\n');
}

function groupTitle(row: CheckListing): string {
  if (row.cisSection !== null) return `CIS ${row.cisSection}. ${CIS_SECTIONS[row.cisSection]}`;
  return row.section.charAt(0).toUpperCase() + row.section.slice(1);
}

function selectSection(rows: CheckListing[], section: string | undefined): CheckListing[] {
  if (section === undefined) return rows;
  if (/^\d+$/.test(section)) {
    const n = Number(section);
    if (!CIS_SECTIONS[n]) throw new UsageError(`--section takes a CIS section 1-7 or a pack section name; got "${section}"`);
    return rows.filter((r) => r.cisSection === n);
  }
  if (!(PACK_SECTIONS as readonly string[]).includes(section)) {
    throw new UsageError(`--section takes a CIS section 1-7 or one of ${PACK_SECTIONS.join(', ')}; got "${section}"`);
  }
  return rows.filter((r) => r.section === section);
}

/** `residency-audit checks [--json] [--section N] [--benchmark VERSION]`. */
export async function checksCommand(argv: string[], io: ChecksIo = defaultIo): Promise<number> {
  const { values } = parse('checks', argv, { json: { type: 'boolean' }, section: { type: 'string' }, benchmark: { type: 'string' } });
  if (values.help) {
    io.stdout(`${CHECKS_USAGE}\n`);
    return EXIT.ok;
  }
  const benchmark = benchmarkFlag(values.benchmark);
  const all = (await catalog({ benchmark: benchmark.id })).controls.map(listingRow);
  const rows = selectSection(all, values.section);
  if (values.json) {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  const width = Math.max(60, Math.min(io.columns ?? 100, 120));
  const listed = new Set(all.map((r) => r.check));
  const cisCovered = benchmark.recommendations.filter((r) => listed.has(r.check)).length;
  const manual = rows.filter((r) => r.decided === 'manual').length;
  const out: string[] = [
    `${rows.length} check(s)${values.section ? ` in section ${values.section}` : ''}: ${rows.length - manual} automated, ${manual} manual. ` +
      `${benchmark.name} ${benchmark.version}: ${cisCovered} of ${benchmark.recommendations.length} recommendations have a check.`,
    'CIS: the benchmark\'s own Automated/Manual label; DECIDED: how this tool decides it.',
  ];
  // The id column fits the longest id (residency ids are longer than CIS ones).
  const idWidth = Math.max(...rows.map((r) => r.id.length), 2) + 2;
  let group = '';
  for (const r of rows) {
    const g = groupTitle(r);
    if (g !== group) {
      group = g;
      out.push('', g, `${'ID'.padEnd(idWidth)}${'LEVEL'.padEnd(7)}${'CIS'.padEnd(11)}${'DECIDED'.padEnd(11)}${'SEVERITY'.padEnd(10)}TITLE`);
    }
    out.push(`${r.id.padEnd(idWidth)}${(r.level ? `L${r.level}` : '-').padEnd(7)}${(r.cisAssessment ?? '-').padEnd(11)}${r.decided.padEnd(11)}${r.severity.padEnd(10)}${r.title}`);
    out.push(wrap(`How: ${r.decidedBy}`, width, ' '.repeat(4)));
  }
  const missing = benchmark.recommendations.filter((r) => !listed.has(r.check) && (values.section === undefined || String(r.section) === values.section));
  if (missing.length) out.push('', `Not covered by a check: ${missing.map((r) => r.id).join(', ')}`);
  out.push('', wrap(`Score: ${SCORE_FORMULA}.`, width, ''));
  io.stdout(`${out.join('\n')}\n`);
  return EXIT.ok;
}
