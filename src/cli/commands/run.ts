import * as path from 'node:path';
import { collectAll, sealEvidence } from '../../pipeline/collect';
import { reportFromDir } from '../../pipeline/report';
import { TOOL_VERSION } from '../../version';
import { parse, parseLangs } from '../args';
import { EXIT } from '../exit-codes';
import { withInterrupt } from './interrupt';
import { summaryLine } from './report';
import { invocation } from './invocation';
import { COLLECT_FLAGS, COLLECT_HELP, collectOptionsFrom, EXIT_HELP, gatingFindings, nothingCollectedMessage, loadConfigFlag, loadSignKeyFlag, parseDetail, parseFailOn, parseFormats, REPORT_FLAGS, REPORT_HELP } from './shared';

export const RUN_USAGE = `Usage: residency-audit run --out DIR [options]

Collect evidence from this host and its Docker engine, evaluate every check, and write the audit
pack: DIR/evidence/*.json, findings.json, audit-pack.html, audit-pack.pdf, manifest.json.

Options:
${COLLECT_HELP}
${REPORT_HELP}
  -h, --help              this help

${EXIT_HELP}`;

export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parse('run', argv, { ...COLLECT_FLAGS, ...REPORT_FLAGS });
  if (values.help) {
    process.stdout.write(`${RUN_USAGE}\n`);
    return EXIT.ok;
  }
  // Validate everything before touching the host or the output folder.
  const failOn = parseFailOn(values['fail-on']);
  const langs = parseLangs(values.lang);
  const formats = parseFormats(values.format);
  const config = loadConfigFlag(values.config);
  const signingKey = await loadSignKeyFlag(values['sign-key']);
  const detail = parseDetail(values.detail);
  return withInterrupt(async (signal) => {
    const opts = await collectOptionsFrom(values, config, signal);
    const collected = await collectAll(opts);
    if (collected.interrupted) {
      process.stderr.write(`residency-audit: interrupted: the evidence in ${opts.outDir} is incomplete and no pack or manifest was written\n`);
      return EXIT.interrupted;
    }
    if (!collected.anyData) {
      process.stderr.write(nothingCollectedMessage(collected.evidence));
      return EXIT.nothingCollected;
    }
    await sealEvidence(opts.outDir, config, TOOL_VERSION);
    const { findings, written } = await reportFromDir({ dir: opts.outDir, langs, formats, toolVersion: TOOL_VERSION, invocation: invocation(), signingKey, detail });
    process.stderr.write(`residency-audit: ${summaryLine(findings)}\nresidency-audit: wrote ${written.map((f) => path.join(opts.outDir, f)).join(', ')}\n`);
    return gatingFindings(findings, failOn) > 0 ? EXIT.findings : EXIT.ok;
  });
}
