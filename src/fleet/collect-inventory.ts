/**
 * Fleet collection without a Swarm (`fleet --inventory hosts.yaml`): the Docker evidence of every
 * listed engine, read over its Engine API, concurrently, each with its own timeout, into the same
 * layout as a Swarm run. What only a process on the host can see (host files, virtualization, storage,
 * the packet filter) is recorded as skipped with "not assessed (engine API only)": never silently
 * missing. Residency runs on the docker evidence (endpoints in container settings).
 */
import { mkdtempSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { collectEngine, DOCKER_COLLECTOR_VERSION } from '../collectors/docker';
import { INSPECT_CONCURRENCY } from '../collectors/docker/collect';
import { engineClientFor } from '../collectors/docker/request';
import { ALL_COLLECTORS } from '../collectors/registry';
import type { AnyCollector, Collector } from '../collectors/types';
import type { AuditConfig } from '../config/load';
import { scrubString } from '../evidence/redact';
import { readEvidenceDir, toJson, writeFileAtomic } from '../evidence/store';
import type { CollectorName, DockerEvidence, EvidenceFile } from '../evidence/types';
import { InterruptedError } from '../errors';
import { FLEET_SCHEMA_VERSION, HOSTS_DIR, type FleetCollection, type HostCollectionRecord } from '../findings/fleet';
import { collectAll, sealEvidence } from '../pipeline/collect';
import { mapLimit } from '../util/map-limit';
import { TOOL_VERSION } from '../version';
import { writeNotCollected } from './host-folder';
import type { InventoryHost } from './inventory';
import { hostFolder } from './names';
import { ENGINE_API_ONLY } from './summary';

export interface InventoryCollectOptions {
  outDir: string;
  inventoryFile: string;
  hosts: InventoryHost[];
  timeoutSeconds: number;
  config: AuditConfig | undefined;
  noDns: boolean;
  signal: AbortSignal;
  log: (line: string) => void;
  concurrency?: number;
}

const NOT_ASSESSED: Partial<Record<CollectorName, string>> = {
  host: `${ENGINE_API_ONLY}: this host was reached over its Engine API, so its files, daemon process and audit rules were not read`,
  virt: `${ENGINE_API_ONLY}: the virtualization under this host can only be seen from a process on it`,
  storage: `${ENGINE_API_ONLY}: storage can only be measured on the host`,
  network: `${ENGINE_API_ONLY}: the packet filter and interfaces can only be read on the host`,
};

/**
 * The docker collector over the entry's engine options (unix, tcp with TLS, ssh with the pinned host key),
 * through the request layer: the fleet's per-host timeout and Ctrl-C reach it as the context's signal.
 */
function dockerOver(h: InventoryHost, endpoint: string): Collector<'docker'> {
  return {
    name: 'docker',
    version: DOCKER_COLLECTOR_VERSION,
    async collect(ctx) {
      const client = await engineClientFor(h.options, INSPECT_CONCURRENCY);
      try {
        const timeout = (h.options as { timeout?: number }).timeout;
        const { reason: _reason, ...outcome } = await collectEngine(client, endpoint, { signal: ctx.signal, ...(timeout ? { requestTimeoutMs: timeout } : {}) });
        return outcome;
      } finally {
        client.close();
      }
    },
  };
}

/**
 * The envelope names the machine the collector ran on; here that is the auditing machine, not the
 * host looked at. Name the host by its engine (docker info Name), else by its inventory name, before sealing.
 */
async function nameTheHost(dir: string, fallback: string): Promise<void> {
  const { evidence } = await readEvidenceDir(dir);
  const name = (evidence.docker?.data as DockerEvidence | null | undefined)?.info?.Name ?? fallback;
  for (const f of Object.values(evidence) as EvidenceFile[]) {
    if (!f || f.host.hostname === name) continue;
    await writeFileAtomic(path.join(dir, 'evidence', `${f.collector}.json`), toJson({ ...f, host: { ...f.host, hostname: name } }));
  }
}

async function collectOne(h: InventoryHost, folder: string, o: InventoryCollectOptions, emptyRoot: string): Promise<HostCollectionRecord> {
  const startedAt = new Date().toISOString();
  const hostsDir = path.join(o.outDir, HOSTS_DIR);
  const dir = path.join(hostsDir, folder);
  const base: HostCollectionRecord = { folder, name: h.name, nodeId: null, status: 'not-collected', scope: 'engine-api-only', endpoint: scrubString(h.display), reason: null, taskId: null, taskState: null, startedAt, endedAt: startedAt, stream: null };
  const ac = new AbortController();
  const onAbort = () => ac.abort(o.signal.reason);
  o.signal.addEventListener('abort', onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      ac.abort(new Error('timeout'));
      resolve('timeout');
    }, o.timeoutSeconds * 1000);
  });
  const fail = async (reason: string): Promise<HostCollectionRecord> => {
    const endedAt = new Date().toISOString();
    await writeNotCollected(hostsDir, folder, { kind: 'residency-audit-not-collected', host: h.name, nodeId: null, reason, taskState: null, at: endedAt });
    o.log(`fleet: ${h.name}: not collected: ${reason}`);
    return { ...base, reason, endedAt };
  };
  try {
    const collectors: AnyCollector[] = ALL_COLLECTORS.map((c) => (c.name === 'docker' ? dockerOver(h, scrubString(h.display)) : c));
    await fs.rm(dir, { recursive: true, force: true });
    await fs.mkdir(dir, { recursive: true });
    const work = collectAll({
      outDir: dir,
      hostRoot: emptyRoot,
      dockerHost: scrubString(h.display),
      skip: NOT_ASSESSED,
      collectors,
      signal: ac.signal,
      log: (l) => o.log(`fleet: ${h.name}: ${l}`),
      options: { residency: { noDns: o.noDns, config: o.config?.residency } },
    });
    const r = await Promise.race([work, timedOut]);
    if (r === 'timeout') return await fail(`no answer within the timeout of ${o.timeoutSeconds} s from ${scrubString(h.display)}`);
    if (o.signal.aborted) throw new InterruptedError('interrupted');
    const docker0 = r.evidence.docker;
    if (!docker0 || docker0.status === 'failed') return await fail(docker0?.error ?? 'the engine gave no evidence');
    await nameTheHost(dir, h.name);
    await sealEvidence(dir, o.config, TOOL_VERSION);
    o.log(`fleet: ${h.name}: collected over ${scrubString(h.display)}`);
    return { ...base, status: 'collected', endedAt: new Date().toISOString() };
  } catch (err) {
    if (err instanceof InterruptedError) throw err;
    return await fail((err as Error).message);
  } finally {
    clearTimeout(timer);
    o.signal.removeEventListener('abort', onAbort);
  }
}

export async function collectInventory(o: InventoryCollectOptions): Promise<FleetCollection> {
  const startedAt = new Date().toISOString();
  const taken = new Set<string>();
  const folders = o.hosts.map((h) => hostFolder(h.name, taken));
  // Residency reads name servers from the host root: an empty one, since no host files are visible here.
  const emptyRoot = mkdtempSync(path.join(os.tmpdir(), 'ra-fleet-noroot-'));
  let hosts: HostCollectionRecord[];
  try {
    hosts = await mapLimit(o.hosts, o.concurrency ?? 8, (h, i) => collectOne(h, folders[i], o, emptyRoot));
  } finally {
    await fs.rm(emptyRoot, { recursive: true, force: true });
  }
  if (o.signal.aborted) throw new InterruptedError('interrupted: no fleet pack was written');
  return {
    kind: 'residency-audit-fleet',
    schemaVersion: FLEET_SCHEMA_VERSION,
    toolVersion: TOOL_VERSION,
    mode: 'inventory',
    startedAt,
    endedAt: new Date().toISOString(),
    origin: { engine: null, managerNodeId: null, clusterId: null, inventory: path.basename(o.inventoryFile) },
    nodes: [],
    service: null,
    nodeTimeoutSeconds: o.timeoutSeconds,
    hosts,
  };
}
