/**
 * A real multi-node Docker Swarm on this machine, built on the namespace rig (netns-rig.ts): every node
 * a dockerd in its own network, UTS and mount namespace; node 1 runs `swarm init` on its namespace
 * address, the others join as workers. The tool's own image (scripts/build-image.sh, built once into a
 * tar) and the busybox test image are imported into every node: no registry is reachable.
 *
 * Default prefix `rafleet` and subnet 10.213.0.0/24, so it never collides with the network-exposure
 * rig (10.214.0.0/24, prefix ranet) in the same test run. The rig's startup sweep removes what a
 * crashed run left; `teardown` removes everything, also when a test failed.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { rigPrerequisites, startRig, type Rig, type RigNode } from './netns-rig';
import { PROJECT_ROOT, TOOL_VERSION } from '../../src/version';

const exec = promisify(execFile);

export interface SwarmRigOptions {
  prefix?: string;
  subnet?: string;
  nodes?: number;
  /** Import the tool's image residency-audit:<version> into every node (default true). */
  toolImage?: boolean;
  log?: (line: string) => void;
}

export interface SwarmRig {
  rig: Rig;
  manager: RigNode;
  nodes: RigNode[];
  /** The tool's image tag on every node. */
  image: string;
  /** Seconds spent building the rig (dockerds, swarm, images). */
  setupSeconds: number;
  teardown(): Promise<void>;
}

async function waitNodesReady(rig: Rig, count: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  let last = '';
  while (Date.now() < until) {
    const nodes = (await rig.nodes[0].docker.listNodes()) as { Status?: { State?: string } }[];
    last = nodes.map((n) => n.Status?.State).join(',');
    if (nodes.length === count && nodes.every((n) => n.Status?.State === 'ready')) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`swarm nodes not ready within ${ms} ms (states: ${last})`);
}

/** Build the Swarm. On any failure everything built so far is torn down before the error is thrown. */
export async function startSwarmRig(opts: SwarmRigOptions = {}): Promise<SwarmRig> {
  const t0 = Date.now();
  const log = opts.log ?? (() => undefined);
  const count = opts.nodes ?? 3;
  const rig = await startRig({ prefix: opts.prefix ?? 'rafleet', subnet: opts.subnet ?? '10.213.0', subnet6: null, nodes: count, image: true, log });
  const image = `residency-audit:${TOOL_VERSION}`;
  try {
    const [manager, ...workers] = rig.nodes;
    await manager.docker.swarmInit({ ListenAddr: `${manager.address}:2377`, AdvertiseAddr: manager.address });
    const token = ((await manager.docker.swarmInspect()) as { JoinTokens: { Worker: string } }).JoinTokens.Worker;
    for (const w of workers) await w.docker.swarmJoin({ ListenAddr: `${w.address}:2377`, AdvertiseAddr: w.address, RemoteAddrs: [`${manager.address}:2377`], JoinToken: token });
    await waitNodesReady(rig, count, 30_000);
    log(`swarm: ${count} nodes ready`);
    if (opts.toolImage !== false) {
      const tar = path.join(rig.root, 'tool-image.tar');
      const script = path.join(PROJECT_ROOT, 'scripts/build-image.sh');
      await exec('bash', [script, '--tar', tar, '--no-import'], { timeout: 300_000 });
      for (const n of rig.nodes) await exec('bash', [script, '--from-tar', tar], { env: { ...process.env, DOCKER_HOST: n.host }, timeout: 300_000 });
      log(`swarm: ${image} imported into every node`);
    }
    return { rig, manager, nodes: rig.nodes, image, setupSeconds: (Date.now() - t0) / 1000, teardown: () => rig.teardown() };
  } catch (err) {
    await rig.teardown().catch(() => undefined);
    throw err;
  }
}

export { rigPrerequisites };
