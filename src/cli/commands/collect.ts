import { collect } from '../../index';
import { parse } from '../args';
import { EXIT } from '../exit-codes';
import { COLLECT_FLAGS, COLLECT_HELP, collectOptionsFrom, incompleteLine, loadConfigFlag } from './shared';
import { STOP_DEADLINE_MS, withInterrupt } from './interrupt';

export const COLLECT_USAGE = `Usage: residency-audit collect --out DIR [options]

Collect evidence only (read-only): Docker engine, host configuration, virtualization, data
endpoints and their locations, storage performance. Writes DIR/evidence/*.json and DIR/manifest.json.
Render it later, anywhere, with "residency-audit report DIR".

Options:
${COLLECT_HELP}
  -h, --help              this help

Exit codes: 0 done; 2 bad usage or config, or another run is writing into DIR; 3 nothing could be
collected, or the engine only in part (the evidence says what is missing); 4 the tool failed;
130 interrupted (DIR is left as it was).`;

export async function collectCommand(argv: string[]): Promise<number> {
  const { values } = parse('collect', argv, COLLECT_FLAGS);
  if (values.help) {
    process.stdout.write(`${COLLECT_USAGE}\n`);
    return EXIT.ok;
  }
  const config = loadConfigFlag(values.config);
  return withInterrupt(async (signal) => {
    // Interrupted (exit 130) and nothing collected (exit 3, the evidence still sealed) are thrown as typed errors.
    const { outDir, incomplete } = await collect(await collectOptionsFrom(values, config, signal));
    process.stderr.write(`residency-audit: evidence written to ${outDir}\n`);
    if (incomplete.length) {
      process.stderr.write(incompleteLine(incomplete));
      return EXIT.incomplete;
    }
    return EXIT.ok;
  }, { deadlineMs: STOP_DEADLINE_MS });
}
