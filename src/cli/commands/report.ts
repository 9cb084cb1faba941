import * as path from 'node:path';
import { report, type FindingsDocument } from '../../index';
import { parse, parseLangs, UsageError } from '../args';
import { EXIT } from '../exit-codes';
import { TOOL_VERSION } from '../../version';
import { invocation } from './invocation';
import { STOP_DEADLINE_MS, withInterrupt } from './interrupt';
import { acquireLock } from '../../pipeline/lock';
import { expandHistory, loadQuarterlyFlags, QUARTERLY_FLAGS, QUARTERLY_HELP } from './quarterly-flags';
import { isFleetFolder } from '../../fleet/folder';
import { reportFleetDir } from '../../fleet/report-fleet';
import { benchmarkFlag, EXIT_HELP, gatingFindings, loadConfigFlag, loadSignKeyFlag, parseDetail, parseFailOn, parseFormats, REPORT_FLAGS, REPORT_HELP } from './shared';

export const REPORT_USAGE = `Usage: residency-audit report DIR [options]

Evaluate and render from the evidence in DIR alone: no Docker engine or host access is needed, so
an auditor can re-create the pack on another machine. Refuses evidence that no longer matches
DIR/manifest.json. Writes findings.json, audit-pack.html, audit-pack.pdf and manifest.json into DIR.

Options:
  -c, --config FILE       audit config (YAML); default: the config.json saved in DIR, if any
${REPORT_HELP}
${QUARTERLY_HELP}
  -h, --help              this help

${EXIT_HELP}`;

export function summaryLine(doc: FindingsDocument): string {
  const c = doc.run.counts;
  const score = doc.run.score.value === null ? 'n/a' : `${doc.run.score.value}`;
  return `${doc.findings.length} findings: ${c.pass} pass, ${c.fail} fail, ${c.warn} warn, ${c.manual} manual, ${c.error} error, ${c['not-applicable']} not-applicable, ${c.info} info, ${c.waived} waived, ${c.attested} attested; score ${score}`;
}

/** "; since the last audit: …" when the pack records a comparison with the previous one. */
export function sinceLine(doc: FindingsDocument): string {
  const d = doc.quarterly?.previous;
  if (!d) return '';
  return `; since ${d.old.dir ?? 'the previous pack'}: ${d.counts.regressed} regressed, ${d.counts.new} new, ${d.counts.fixed} fixed, ${d.counts['still-failing']} still failing`;
}

export async function reportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse('report', expandHistory(argv), { ...REPORT_FLAGS, ...QUARTERLY_FLAGS }, true);
  if (values.help) {
    process.stdout.write(`${REPORT_USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('report takes exactly one folder: residency-audit report DIR');
  const failOn = parseFailOn(values['fail-on']);
  const benchmark = values.benchmark === undefined ? undefined : benchmarkFlag(values.benchmark).id;
  const dir = path.resolve(positionals[0]);
  // --- fleet folders (src/fleet: DIR/hosts/ + DIR/fleet.json): every host's pack and the fleet pack again ---
  if (await isFleetFolder(dir)) {
    if (values.config || values['allow-modified'] || values['allow-unverified'] || values['sign-key'] || values.previous || values.history?.length || values.attestations || values.key) throw new UsageError('report on a fleet folder takes --lang, --format and --fail-on only');
    // Re-rendered in place (no staging folder), but never by two runs at once.
    const lock = await acquireLock(dir, 'report', log);
    let fleet;
    try {
      fleet = await reportFleetDir({ dir, langs: parseLangs(values.lang), formats: parseFormats(values.format), toolVersion: TOOL_VERSION, invocation: invocation() });
    } finally {
      await lock.release();
    }
    process.stderr.write(`residency-audit: fleet of ${fleet.summary.totals.hosts} hosts (${fleet.summary.totals.notCollected} not collected); wrote ${fleet.written.map((f) => path.join(dir, f)).join(', ')} and each host's pack\n`);
    const gated = failOn !== undefined && (fleet.summary.totals.notCollected > 0 || fleet.hosts.some((h) => h.findings && gatingFindings(h.findings, failOn) > 0));
    return gated ? EXIT.findings : EXIT.ok;
  }
  // --- end fleet folders ---
  const config = loadConfigFlag(values.config);
  const langs = parseLangs(values.lang);
  const formats = parseFormats(values.format);
  const signingKey = await loadSignKeyFlag(values['sign-key']);
  const quarterly = await loadQuarterlyFlags(values, dir);
  return withInterrupt(async (signal) => {
    const { findings, written } = await report({
      dir,
      config,
      langs,
      formats,
      allowModified: !!values['allow-modified'],
      allowUnverified: !!values['allow-unverified'],
      invocation: invocation(),
      signingKey,
      benchmark,
      ...quarterly,
      detail: parseDetail(values.detail),
      signal,
      log,
    });
    if (findings.run.evidenceModified) process.stderr.write(`residency-audit: WARNING: rendered from evidence that does not match manifest.json (${findings.run.evidenceModified.join(', ')}); the manifest was not re-signed${values['sign-key'] ? ' (nor manifest.sig.json written)' : ''} and "verify" will fail\n`);
    process.stderr.write(`residency-audit: ${summaryLine(findings)}${sinceLine(findings)}\nresidency-audit: wrote ${written.map((f) => path.join(dir, f)).join(', ')}\n`);
    return gatingFindings(findings, failOn) > 0 ? EXIT.findings : EXIT.ok;
  }, { deadlineMs: STOP_DEADLINE_MS });
}

const log = (line: string) => process.stderr.write(`residency-audit: ${line}\n`);
