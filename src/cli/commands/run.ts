import * as path from 'node:path';
import { run } from '../../index';
import { parse, parseLangs, UsageError } from '../args';
import { EXIT } from '../exit-codes';
import { STOP_DEADLINE_MS, withInterrupt } from './interrupt';
import { sinceLine, summaryLine } from './report';
import { invocation } from './invocation';
import { expandHistory, loadQuarterlyFlags, QUARTERLY_FLAGS, QUARTERLY_HELP } from './quarterly-flags';
import { benchmarkFlag, COLLECT_FLAGS, COLLECT_HELP, collectOptionsFrom, EXIT_HELP, gatingFindings, incompleteLine, loadConfigFlag, loadSignKeyFlag, parseDetail, parseFailOn, parseFormats, REPORT_FLAGS, REPORT_HELP } from './shared';

export const RUN_USAGE = `Usage: residency-audit run --out DIR [options]

Collect evidence from this host and its Docker engine, evaluate every check, and write the audit
pack: DIR/evidence/*.json, findings.json, audit-pack.html, audit-pack.pdf, manifest.json.

Options:
${COLLECT_HELP}
${REPORT_HELP}
${QUARTERLY_HELP}
  -h, --help              this help

${EXIT_HELP}`;

export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parse('run', expandHistory(argv), { ...COLLECT_FLAGS, ...REPORT_FLAGS, ...QUARTERLY_FLAGS });
  if (values.help) {
    process.stdout.write(`${RUN_USAGE}\n`);
    return EXIT.ok;
  }
  // Validate everything before touching the host or the output folder.
  const failOn = parseFailOn(values['fail-on']);
  const langs = parseLangs(values.lang);
  const formats = parseFormats(values.format);
  const config = loadConfigFlag(values.config);
  const benchmark = values.benchmark === undefined ? undefined : benchmarkFlag(values.benchmark).id;
  const signingKey = await loadSignKeyFlag(values['sign-key']);
  if (!values.out) throw new UsageError('--out DIR is required');
  const quarterly = await loadQuarterlyFlags(values, values.out);
  const detail = parseDetail(values.detail);
  return withInterrupt(async (signal) => {
    // Interrupted (exit 130) and nothing collected (exit 3) are thrown as typed errors; neither writes a pack.
    const { findings, written, outDir, incomplete } = await run({ ...(await collectOptionsFrom(values, config, signal)), langs, formats, signingKey, benchmark, detail, invocation: invocation(), ...quarterly });
    process.stderr.write(`residency-audit: ${summaryLine(findings)}${sinceLine(findings)}\nresidency-audit: wrote ${written.map((f) => path.join(outDir, f)).join(', ')}\n`);
    // A pack over part of the engine is written (its cover lists the gaps) but never passes as a complete audit.
    if (incomplete.length) {
      process.stderr.write(incompleteLine(incomplete));
      return EXIT.incomplete;
    }
    return gatingFindings(findings, failOn) > 0 ? EXIT.findings : EXIT.ok;
  }, { deadlineMs: STOP_DEADLINE_MS });
}
