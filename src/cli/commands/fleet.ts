import { existsSync, readFileSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, resolveEngineAddress } from '../../collectors/docker/connection';
import { toJson, writeFileAtomic } from '../../evidence/store';
import { FLEET_FILE, HOSTS_DIR, type FleetCollection } from '../../findings/fleet';
import { collectInventory } from '../../fleet/collect-inventory';
import { collectSwarm } from '../../fleet/collect-swarm';
import { loadInventory } from '../../fleet/inventory';
import { assembleFleetPack } from '../../fleet/pack';
import { TASK_OUT_DIR } from '../../fleet/service';
import { runTask } from '../../fleet/task';
import { TOOL_VERSION } from '../../version';
import { parse, parseLangs, UsageError } from '../args';
import { EXIT } from '../exit-codes';
import { withInterrupt } from './interrupt';
import { invocation } from './invocation';
import { COLLECT_FLAGS, collectOptionsFrom, EXIT_HELP, gatingFindings, loadConfigFlag, parseFailOn, parseFormats } from './shared';

export const FLEET_USAGE = `Usage: residency-audit fleet --out DIR [options]
       residency-audit fleet --inventory hosts.yaml --out DIR [options]

Audit every Docker host of an estate in one run. On a Docker Swarm manager (the engine address as
usual: --docker-host, DOCKER_HOST, or the default socket), a global job (a global service with restart
none before Docker 24) runs the tool's image once on
every node with the host mounted read-only; each node's evidence comes back through the task logs
(framed, compressed, hashed), is verified against the node's own manifest and written to
DIR/hosts/<node>/. A node that is down, lacks the image or whose task fails or times out is recorded
as not collected, with the reason. The service is always removed (also on Ctrl-C and on error); a
service left by a crashed run is removed at the next start.

Without a Swarm, --inventory FILE lists engines (unix://, tcp:// with TLS, ssh:// with a pinned host
key): their Docker evidence is read over the Engine API; host-side evidence is "not assessed (engine
API only)".

Then every host is evaluated into its own pack (DIR/hosts/<host>/audit-pack.html …) and the fleet
pack is written: DIR/fleet-pack.html and .pdf (fleet-pack.nb.html and .nb.pdf with --lang en,nb),
DIR/fleet-summary.json, DIR/fleet.json and
DIR/manifest.json over every file of every host. "report DIR" and "verify DIR" work on it.

Options:
  -o, --out DIR           output folder (created)
  -H, --docker-host URL   the Swarm manager's engine (else DOCKER_HOST, else the default socket)
      --image IMAGE       the tool's image on every node (default residency-audit:${TOOL_VERSION}; build it
                          with scripts/build-image.sh, or push it to your registry)
      --node-timeout S    seconds to wait for each node (default 300)
      --inventory FILE    engines without a Swarm (YAML: hosts: [{ name, engine, tls | hostKey }])
  -c, --config FILE       audit config (YAML), handed to every node as a Swarm config
      --no-dns            the nodes resolve no host names found in container settings
      --exec-checks       run checks that exec inside running containers (CIS 5.7)
      --lang LIST         en, nb or en,nb: languages of the host packs (the fleet pack is in English)
      --format LIST       extra outputs of each host pack (default sarif,junit,answers,csv; also xlsx, oscal, hdf)
      --fail-on SEVERITY  exit 1 when any host has a failed, warned or error finding at this
                          severity or higher, or a host could not be collected
  -q, --quiet             no progress lines
  -h, --help              this help

"residency-audit fleet task [collect options]" is what each Swarm task runs: collect with
--host-root /host, then the evidence folder on stdout as a framed stream.

${EXIT_HELP}`;

const FLEET_FLAGS = {
  out: { type: 'string', short: 'o' },
  'docker-host': { type: 'string', short: 'H' },
  image: { type: 'string' },
  'node-timeout': { type: 'string' },
  inventory: { type: 'string' },
  config: { type: 'string', short: 'c' },
  'no-dns': { type: 'boolean' },
  'exec-checks': { type: 'boolean' },
  lang: { type: 'string' },
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

function parseTimeout(v: string | undefined): number {
  if (v === undefined) return 300;
  const n = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v.trim()) || !(n > 0) || n > 86_400) throw new UsageError(`--node-timeout takes seconds between 1 and 86400; got "${v}"`);
  return n;
}

/** The task side: runs inside the tool's image on every node. */
async function taskCommand(argv: string[]): Promise<number> {
  const { values } = parse('fleet task', argv, COLLECT_FLAGS);
  if (values.help) {
    process.stdout.write('Usage: residency-audit fleet task [collect options]\n\nWhat each fleet task runs on its node: collect (default --host-root /host, storage not\nbenchmarked), then the evidence folder on stdout as a framed stream for the manager.\n');
    return EXIT.ok;
  }
  const config = loadConfigFlag(values.config);
  return withInterrupt(async (signal) => {
    // Flags become the library's collect options here; the task itself knows nothing of the CLI.
    const task = { ...values, out: values.out ?? TASK_OUT_DIR, 'host-root': values['host-root'] ?? (existsSync('/host') ? '/host' : '/'), bench: 'off' };
    return runTask({ collect: await collectOptionsFrom(task, config, signal) });
  });
}

export async function fleetCommand(argv: string[]): Promise<number> {
  if (argv[0] === 'task') return taskCommand(argv.slice(1));
  const { values, positionals } = parse('fleet', argv, FLEET_FLAGS, true);
  if (values.help) {
    process.stdout.write(`${FLEET_USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(`fleet takes no positional arguments (got "${positionals[0]}"); did you mean "fleet task"?`);
  if (!values.out) throw new UsageError('--out DIR is required');
  const nodeTimeout = parseTimeout(values['node-timeout']);
  const langs = parseLangs(values.lang);
  const formats = parseFormats(values.format);
  const failOn = parseFailOn(values['fail-on']);
  const config = loadConfigFlag(values.config);
  const configYaml = values.config ? readFileSync(values.config, 'utf8') : null;
  const inventory = values.inventory ? loadInventory(values.inventory) : null;
  if (inventory && values.image) throw new UsageError('--image is for Swarm runs; an inventory run reads each engine over its API and runs no image');
  let engine;
  try {
    engine = resolveEngineAddress(values['docker-host']);
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
  const outDir = path.resolve(values.out);
  try {
    await fs.mkdir(path.join(outDir, HOSTS_DIR), { recursive: true });
  } catch (err) {
    throw new UsageError(`--out ${outDir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const log = values.quiet ? () => undefined : (line: string) => process.stderr.write(`residency-audit: ${line}\n`);
  const started = Date.now();
  return withInterrupt(async (signal) => {
    const taskArgs = [...(values['no-dns'] ? ['--no-dns'] : []), ...(values['exec-checks'] ? ['--exec-checks'] : [])];
    const collection: FleetCollection = inventory
      ? await collectInventory({ outDir, inventoryFile: values.inventory!, hosts: inventory, timeoutSeconds: nodeTimeout, config, noDns: !!values['no-dns'], signal, log })
      : await collectSwarm({ outDir, engine, image: values.image ?? `residency-audit:${TOOL_VERSION}`, nodeTimeoutSeconds: nodeTimeout, taskArgs, configYaml, signal, log });
    await writeFileAtomic(path.join(outDir, FLEET_FILE), toJson(collection));
    const collected = collection.hosts.filter((h) => h.status === 'collected').length;
    log(`fleet: collected ${collected} of ${collection.hosts.length} hosts in ${((Date.now() - started) / 1000).toFixed(1)} s; evaluating`);
    const { summary, hosts, written } = await assembleFleetPack({ dir: outDir, collection, langs, formats, toolVersion: TOOL_VERSION, invocation: invocation(), log });
    process.stderr.write(`residency-audit: fleet of ${summary.totals.hosts} hosts: ${summary.totals.collected} collected, ${summary.totals.notCollected} not collected; wrote ${written.filter((f) => f.startsWith('fleet-pack')).map((f) => path.join(outDir, f)).join(', ')} and a pack per host under ${path.join(outDir, HOSTS_DIR)}\n`);
    if (collected === 0) return EXIT.nothingCollected;
    // --fail-on over a fleet: a host not collected trips it too (a gate must not pass a host it could not audit).
    const gated = failOn !== undefined && (summary.totals.notCollected > 0 || hosts.some((h) => h.findings && gatingFindings(h.findings, failOn) > 0));
    return gated ? EXIT.findings : EXIT.ok;
  });
}

