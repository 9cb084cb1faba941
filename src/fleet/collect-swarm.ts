/**
 * Per-node collection through the Swarm: one global job (or global service, see serviceMode), one task per node, each node's evidence read
 * back from its task log, verified, and written to DIR/hosts/<node>/. Each node has the same deadline
 * (service creation + --node-timeout); a node that is down, drained, lacks the image, or whose task
 * fails or times out is recorded as not collected with the reason, and the others go on. The service
 * (and the config holding the audit config) is removed on every path: done, error, or interrupt.
 */
import Docker from 'dockerode';
import * as path from 'node:path';
import type { EngineAddress } from '../collectors/docker/connection';
import { InterruptedError } from '../errors';
import { FLEET_SCHEMA_VERSION, HOSTS_DIR, type CollectionService, type FleetCollection, type FleetNode, type HostCollectionRecord } from '../findings/fleet';
import { TOOL_VERSION } from '../version';
import { installHostFolder, writeNotCollected } from './host-folder';
import { hostFolder, newRunIdentity } from './names';
import { listNodes, requireManager } from './nodes';
import { FINAL_STATES, removeService, serviceMode, serviceSpec, serviceTasks, settingsFromSpec, sweepLeftovers, taskLog, TASK_CONFIG_PATH, type TaskView } from './service';
import { demuxLogLines, FrameDecoder, StreamError } from './stream';

export interface SwarmCollectOptions {
  /** The fleet folder. */
  outDir: string;
  engine: EngineAddress;
  image: string;
  nodeTimeoutSeconds: number;
  /** Extra `collect` flags for every task (e.g. `--no-dns`). */
  taskArgs: string[];
  /** The audit config (YAML text) handed to every task as a Swarm config. */
  configYaml?: string | null;
  signal: AbortSignal;
  log: (line: string) => void;
  pollMs?: number;
}

interface Pending {
  node: FleetNode;
  folder: string;
  task: TaskView | null;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Decode a finished task's log; throws StreamError (or the task's own FAIL reason) when it holds no usable stream. */
async function readStream(docker: Docker, task: TaskView) {
  const dec = new FrameDecoder();
  for (const line of demuxLogLines(await taskLog(docker, task.id))) dec.push(line);
  return { dec, stream: () => dec.finish() };
}

export async function collectSwarm(o: SwarmCollectOptions): Promise<FleetCollection> {
  const docker = new Docker(o.engine.options);
  const startedAt = new Date().toISOString();
  const manager = await requireManager(docker, o.engine.display);
  await sweepLeftovers(docker, o.log);
  const nodes = await listNodes(docker);
  o.log(`fleet: ${nodes.length} nodes: ${nodes.map((n) => `${n.hostname} (${n.role}, ${n.availability}, ${n.state})`).join(', ')}`);
  const hostsDir = path.join(o.outDir, HOSTS_DIR);
  const taken = new Set<string>();
  const pending = new Map<string, Pending>(nodes.map((n) => [n.id, { node: n, folder: hostFolder(n.hostname, taken), task: null }]));
  const records: HostCollectionRecord[] = [];
  const record = async (p: Pending, r: Partial<HostCollectionRecord> & { status: HostCollectionRecord['status'] }) => {
    const endedAt = new Date().toISOString();
    const rec: HostCollectionRecord = { folder: p.folder, name: p.node.hostname, nodeId: p.node.id, scope: 'full', endpoint: null, reason: null, taskId: p.task?.id ?? null, taskState: p.task?.state ?? null, startedAt, endedAt, stream: null, ...r };
    if (rec.status === 'not-collected') {
      await writeNotCollected(hostsDir, p.folder, { kind: 'residency-audit-not-collected', host: p.node.hostname, nodeId: p.node.id, reason: rec.reason ?? 'unknown', taskState: rec.taskState, at: endedAt });
      o.log(`fleet: ${p.node.hostname}: not collected: ${rec.reason}`);
    } else o.log(`fleet: ${p.node.hostname}: collected (${rec.stream?.files ?? 0} files, ${rec.stream?.bytes ?? 0} bytes compressed)`);
    records.push(rec);
    pending.delete(p.node.id);
  };

  const mode = serviceMode(manager.apiVersion);
  const identity = newRunIdentity(new Date(Date.now() + (o.nodeTimeoutSeconds + 600) * 1000));
  const args = ['fleet', 'task', '--host-root', '/host', ...(o.configYaml ? ['--config', TASK_CONFIG_PATH] : []), ...o.taskArgs];
  const service: CollectionService = { name: identity.name, id: null, image: o.image, mode, apiVersion: manager.apiVersion, settings: [], args, removed: false, removeError: null };
  let configId: string | null = null;
  try {
    if (o.configYaml) {
      const c = (await docker.createConfig({ Name: `${identity.name}-config`, Labels: identity.labels, Data: Buffer.from(o.configYaml, 'utf8').toString('base64') })) as unknown as { id?: string; ID?: string };
      configId = c.id ?? c.ID ?? null;
    }
    const spec = serviceSpec({ name: identity.name, labels: identity.labels, image: o.image, args, apiVersion: manager.apiVersion, ...(configId ? { config: { id: configId, name: `${identity.name}-config` } } : {}) });
    const created = (await docker.createService(spec as never)) as unknown as { id?: string; ID?: string };
    service.id = created.id ?? created.ID ?? null;
    const stored = (await docker.getService(service.id ?? identity.name).inspect()) as { Spec?: Record<string, unknown> };
    service.settings = settingsFromSpec((stored.Spec ?? {}) as never, manager.apiVersion);
    o.log(`fleet: created ${mode} service ${identity.name} with image ${o.image}; waiting up to ${o.nodeTimeoutSeconds} s per node`);

    const deadline = Date.now() + o.nodeTimeoutSeconds * 1000;
    // Nodes the Swarm will not run the job on are decided at once.
    for (const p of [...pending.values()]) {
      if (p.node.availability !== 'active') await record(p, { status: 'not-collected', reason: `node availability is ${p.node.availability}: the Swarm runs no new tasks there` });
      else if (p.node.state !== 'ready') await record(p, { status: 'not-collected', reason: `node is ${p.node.state}${p.node.message ? ` (${p.node.message})` : ''}` });
    }
    let lastNodeCheck = Date.now();
    while (pending.size && Date.now() < deadline && !o.signal.aborted) {
      const tasks = await serviceTasks(docker, identity.name);
      const states = Date.now() - lastNodeCheck > 2000 ? new Map((await listNodes(docker)).map((n) => [n.id, n])) : null;
      if (states) lastNodeCheck = Date.now();
      for (const p of [...pending.values()]) {
        p.task = tasks.get(p.node.id) ?? p.task;
        const t = p.task;
        if (t && t.state === 'complete') {
          try {
            const { stream } = await readStream(docker, t);
            const s = stream();
            if (s.meta.nodeId && s.meta.nodeId !== p.node.id) throw new StreamError(`the stream says it came from node ${s.meta.nodeId}, not ${p.node.id}`);
            await installHostFolder(hostsDir, p.folder, s.files);
            await record(p, { status: 'collected', stream: { bytes: s.bytes, sha256: s.sha256, files: s.files.length } });
          } catch (err) {
            await record(p, { status: 'not-collected', reason: `the task completed but its evidence was not usable: ${(err as Error).message}` });
          }
        } else if (t && FINAL_STATES.has(t.state)) {
          let said: string | null = null;
          try {
            said = (await readStream(docker, t)).dec.failure;
          } catch {
            /* no log to read (the container never started) */
          }
          await record(p, { status: 'not-collected', reason: `task ${t.state}${t.message ? `: ${t.message}` : ''}${t.exitCode ? ` (exit code ${t.exitCode})` : ''}${said ? `; the task said: ${said}` : ''}` });
        } else if (states && states.get(p.node.id) && states.get(p.node.id)!.state !== 'ready') {
          const n = states.get(p.node.id)!;
          await record(p, { status: 'not-collected', reason: `node went ${n.state} during the run${n.message ? ` (${n.message})` : ''}; task state ${t?.state ?? 'none'}` });
        }
      }
      if (pending.size) await sleep(o.pollMs ?? 1000, o.signal);
    }
    if (o.signal.aborted) throw new InterruptedError('interrupted: the collection service was removed; no fleet pack was written');
    for (const p of [...pending.values()]) {
      const t = p.task;
      await record(p, { status: 'not-collected', reason: `no result within the node timeout of ${o.nodeTimeoutSeconds} s (${t ? `task state ${t.state}${t.message ? `: ${t.message}` : ''}` : 'no task was scheduled on it'})` });
    }
  } finally {
    if (service.id) {
      service.removeError = await removeService(docker, service.id);
      service.removed = service.removeError === null;
      o.log(service.removed ? `fleet: removed service ${identity.name}` : `fleet: could not remove service ${identity.name}: ${service.removeError} (the next run removes it)`);
    }
    if (configId) {
      for (let i = 0; i < 10; i++) {
        try {
          await docker.getConfig(configId).remove();
          break;
        } catch (err) {
          if ((err as { statusCode?: number }).statusCode === 404) break;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    }
  }
  const order = new Map(nodes.map((n, i) => [n.id, i]));
  records.sort((a, b) => (order.get(a.nodeId ?? '') ?? 0) - (order.get(b.nodeId ?? '') ?? 0));
  return {
    kind: 'residency-audit-fleet',
    schemaVersion: FLEET_SCHEMA_VERSION,
    toolVersion: TOOL_VERSION,
    mode: 'swarm',
    startedAt,
    endedAt: new Date().toISOString(),
    origin: { engine: o.engine.display, managerNodeId: manager.nodeId, clusterId: manager.clusterId, inventory: null },
    nodes,
    service,
    nodeTimeoutSeconds: o.nodeTimeoutSeconds,
    hosts: records,
  };
}
