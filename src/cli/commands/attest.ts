import * as path from 'node:path';
import { checksFor, controlRecords } from '../../checks/catalog';
import { ALL_CHECKS } from '../../checks/registry';
import { appendAttestation, ATTESTATIONS_FILE, validateAttestation } from '../../config/attestations';
import type { Benchmark } from '../../frameworks/benchmarks';
import { ATTESTED_OUTCOMES } from '../../findings/types';
import { parse, UsageError } from '../args';
import { EXIT } from '../exit-codes';
import { benchmarkFlag, loadConfigFlag } from './shared';

export const ATTEST_USAGE = `Usage: residency-audit attest CONTROL --outcome pass|fail|not-applicable --by NAME --statement TEXT [options]

Record a person's answer to a manual control in attestations.yaml (appended; the file's comments
and layout are kept; written atomically). CONTROL is a control id as the pack shows it (cis-5.9,
in the --benchmark, else the config's, else the default benchmark) or a stable check id
(cis.needed-ports); the file records the stable check id, with the control id as a comment, so the
attestation stays with its check when a later audit uses another benchmark version. While valid, the control's manual findings are "attested"
with the statement and who made it, and are scored as the attested outcome; findings decided from
evidence are never overridden. An expired attestation leaves the finding manual, saying so.

Options:
      --outcome O        pass, fail or not-applicable
      --by NAME          who attests
      --role ROLE        their role (e.g. "Security lead")
      --statement TEXT   what is attested, in a sentence
      --basis TEXT       what it rests on: a document, ticket or link
      --target PATTERN   only targets whose name, identity or id matches this glob (* and ?)
      --at DATE          when it was attested (ISO date or date-time; default today, UTC)
      --expires DATE     end of validity (default one year after --at); a date ends at the end of
                         that day UTC
      --file FILE        the attestations file (default attestations.yaml beside --config, else
                         ./attestations.yaml); created when missing
  -c, --config FILE      the audit config whose folder holds attestations.yaml (and whose
                         "benchmark" numbers CONTROL)
      --benchmark VERSION the benchmark CONTROL is numbered in (default: the config's, else the tool's)
  -h, --help             this help

Exit codes: 0 appended; 2 bad usage, an unknown control, or an invalid attestations file (left unchanged).`;

/** The check a control id (in `benchmark`) or a stable check id names, or null. */
function resolveControl(control: string, benchmark: Benchmark): { check: string; control: string; automated: boolean } | null {
  for (const [id, r] of Object.entries(controlRecords(checksFor(ALL_CHECKS, benchmark), benchmark))) {
    if (id === control || r.check === control) return { check: r.check, control: id, automated: r.automated };
  }
  return null;
}

export async function attestCommand(argv: string[], now: Date = new Date()): Promise<number> {
  const { values, positionals } = parse('attest', argv, {
    outcome: { type: 'string' }, by: { type: 'string' }, role: { type: 'string' }, statement: { type: 'string' }, basis: { type: 'string' },
    target: { type: 'string' }, at: { type: 'string' }, expires: { type: 'string' }, file: { type: 'string' }, config: { type: 'string', short: 'c' },
    benchmark: { type: 'string' },
  }, true);
  if (values.help) {
    process.stdout.write(`${ATTEST_USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('attest takes one control id: residency-audit attest CONTROL --outcome … --by NAME --statement …');
  const control = positionals[0];
  const benchmark = benchmarkFlag(values.benchmark ?? (values.config ? loadConfigFlag(values.config)?.benchmark : undefined));
  const known = resolveControl(control, benchmark);
  if (!known) throw new UsageError(`unknown control "${control}" in ${benchmark.name} ${benchmark.version}: give a control id as the pack shows it (cis-5.9) or a check id (see "residency-audit checks")`);
  if (values.outcome === undefined || !(ATTESTED_OUTCOMES as readonly string[]).includes(values.outcome)) throw new UsageError(`--outcome takes ${ATTESTED_OUTCOMES.join(', ')}`);
  for (const k of ['by', 'statement'] as const) if (!values[k]?.trim()) throw new UsageError(`--${k} is required`);
  const file = values.file ?? (values.config ? path.join(path.dirname(path.resolve(values.config)), ATTESTATIONS_FILE) : ATTESTATIONS_FILE);
  let entry;
  try {
    entry = validateAttestation({
      control: known.check, ...(values.target ? { target: values.target } : {}), outcome: values.outcome, statement: values.statement,
      by: { name: values.by, ...(values.role ? { role: values.role } : {}) }, at: values.at ?? now.toISOString().slice(0, 10),
      ...(values.basis ? { basis: values.basis } : {}), ...(values.expires ? { expires: values.expires } : {}),
    }, 'attest');
  } catch (err) {
    // The validator names file keys ("expires"); here they are flags.
    throw new UsageError((err as Error).message.replace(/^attest: /, '').replace(/"(\w+)"/g, '--$1'));
  }
  const r = await appendAttestation(file, entry, `${known.control} in ${benchmark.name} ${benchmark.version}`);
  process.stderr.write(`residency-audit: ${r.created ? 'created' : 'appended to'} ${file}: ${known.control} (${known.check})${entry.target ? ` on ${entry.target}` : ''} attested ${entry.outcome} by ${entry.by.name}, valid until ${entry.expires} (${r.count} attestation${r.count === 1 ? '' : 's'} in the file)\n`);
  if (known.automated) process.stderr.write(`residency-audit: note: ${control} is decided from evidence; the attestation applies only where its finding is manual (e.g. the evidence it needs was not collected)\n`);
  return EXIT.ok;
}
