/**
 * The collection service: one global job on the Swarm that runs the tool's image once on every node,
 * with the host mounted read-only, and is always removed afterwards.
 *
 * The container settings follow the tool's own container checks as far as a collection job allows:
 * read-only root filesystem (a small tmpfs at /tmp for the evidence folder), every capability dropped
 * except those reading the host needs, no-new-privileges, memory, CPU and PIDs limits, restart none,
 * the json-file log driver (the manager reads the evidence back from the task log, whatever the
 * daemon's default driver is). After creation the spec is read back: an engine that does not know a
 * field drops it silently, and the pack must show what was in force, not what was asked for.
 */
import type Docker from 'dockerode';
import type { CollectionService, ServiceSetting } from '../findings/fleet';
import { LABEL, leftoverReason } from './names';

/**
 * Capabilities the collection task keeps. Measured (README "Fleet"): as uid 0 with every capability
 * dropped, collect reads the host's files by their owner bits (root-owned: readable) but not
 * /proc/<dockerd>/exe nor the host PID 1's namespaces, which need CAP_SYS_PTRACE; CAP_DAC_READ_SEARCH
 * changed nothing on the test hosts, so it is not added (a file root cannot read by its mode is
 * recorded as unreadable, and the pack says so).
 */
export const TASK_CAPABILITIES: readonly string[] = ['SYS_PTRACE'];
/** The task touches this file while it works; its health check fails when it is older than 30 s (a hung collection). */
export const TASK_HEARTBEAT = '/tmp/residency-audit-heartbeat';
export const TASK_HEALTH_JS = `process.exit(Date.now()-require('fs').statSync('${TASK_HEARTBEAT}').mtimeMs<30000?0:1)`;
export const TASK_MEMORY_BYTES = 1024 * 1024 * 1024;
export const TASK_NANO_CPUS = 1_000_000_000;
export const TASK_PIDS = 256;
/** The evidence folder lives here (tmpfs: the root filesystem is read-only). */
export const TASK_TMPFS_BYTES = 256 * 1024 * 1024;
export const TASK_OUT_DIR = '/tmp/residency-audit';
export const TASK_CONFIG_PATH = '/run/residency-audit/config.yaml';
/** Where each node's Docker socket is, as the node sees it. */
export const NODE_SOCKET = '/var/run/docker.sock';

export interface ServiceRequest {
  name: string;
  labels: Record<string, string>;
  image: string;
  /** Arguments after the image's entrypoint (`fleet task …`). */
  args: string[];
  apiVersion: string | null;
  /** A Swarm config holding the audit config, mounted at TASK_CONFIG_PATH. */
  config?: { id: string; name: string };
}

/** `1.41` >= `1.41`; unparsable versions count as old. */
export function apiAtLeast(v: string | null, want: string): boolean {
  const [a, b] = (v ?? '0.0').split('.').map(Number);
  const [c, d] = want.split('.').map(Number);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return a > c || (a === c && b >= d);
}

/**
 * Global job on API >= 1.43 (Docker 24); global with restart none before. Job services exist since API
 * 1.41 (Docker 20.10), but until swarmkit's fix in Docker 24 (moby/moby#44312, swarmkit#3112) removing a
 * job service left its tasks and their exited containers on every node: the next audit found them. A
 * global service with restart none runs the task once per node as well and is cleaned up on removal.
 */
export const GLOBAL_JOB_API = '1.43';
export function serviceMode(apiVersion: string | null): 'global-job' | 'global' {
  return apiAtLeast(apiVersion, GLOBAL_JOB_API) ? 'global-job' : 'global';
}

/** The service spec (POST /services/create body). Pure: unit-tested without an engine. */
export function serviceSpec(req: ServiceRequest): Record<string, unknown> {
  const mode = serviceMode(req.apiVersion);
  return {
    Name: req.name,
    Labels: req.labels,
    TaskTemplate: {
      ContainerSpec: {
        Image: req.image,
        Args: req.args,
        // The evidence envelope names the host by the container's host name: make it the node's.
        Hostname: '{{.Node.Hostname}}',
        Env: ['RESIDENCY_AUDIT_FLEET_NODE_ID={{.Node.ID}}', 'RESIDENCY_AUDIT_FLEET_NODE_HOSTNAME={{.Node.Hostname}}'],
        Labels: { [`${LABEL}.task`]: '1', [LABEL]: '1' },
        ReadOnly: true,
        Mounts: [
          { Type: 'bind', Source: '/', Target: '/host', ReadOnly: true },
          { Type: 'bind', Source: NODE_SOCKET, Target: NODE_SOCKET, ReadOnly: true },
          { Type: 'tmpfs', Target: '/tmp', TmpfsOptions: { SizeBytes: TASK_TMPFS_BYTES, Mode: 0o1777 } },
        ],
        CapabilityDrop: ['ALL'],
        CapabilityAdd: [...TASK_CAPABILITIES],
        Privileges: { NoNewPrivileges: true },
        StopGracePeriod: 10_000_000_000,
        Healthcheck: { Test: ['CMD', '/usr/local/bin/node', '-e', TASK_HEALTH_JS], Interval: 10_000_000_000, Timeout: 5_000_000_000, Retries: 3, StartPeriod: 20_000_000_000 },
        ...(req.config ? { Configs: [{ ConfigID: req.config.id, ConfigName: req.config.name, File: { Name: TASK_CONFIG_PATH, UID: '0', GID: '0', Mode: 0o400 } }] } : {}),
      },
      Resources: { Limits: { MemoryBytes: TASK_MEMORY_BYTES, NanoCPUs: TASK_NANO_CPUS, Pids: TASK_PIDS } },
      RestartPolicy: { Condition: 'none', MaxAttempts: 0 },
      LogDriver: { Name: 'json-file', Options: {} },
    },
    Mode: mode === 'global-job' ? { GlobalJob: {} } : { Global: {} },
  };
}

type Spec = {
  Mode?: Record<string, unknown>;
  TaskTemplate?: {
    ContainerSpec?: {
      ReadOnly?: boolean;
      CapabilityDrop?: string[] | null;
      CapabilityAdd?: string[] | null;
      Privileges?: { NoNewPrivileges?: boolean } | null;
      Healthcheck?: { Test?: string[] } | null;
      Mounts?: { Type?: string; Source?: string; Target?: string; ReadOnly?: boolean }[];
      User?: string;
      Hostname?: string;
    };
    Resources?: { Limits?: { MemoryBytes?: number; NanoCPUs?: number; Pids?: number } };
    RestartPolicy?: { Condition?: string };
    LogDriver?: { Name?: string } | null;
  };
};

/** The settings that matter to the pack, from the spec the engine stored (GET /services/{id}). */
export function settingsFromSpec(stored: Spec, apiVersion: string | null): ServiceSetting[] {
  const cs = stored.TaskTemplate?.ContainerSpec ?? {};
  const limits = stored.TaskTemplate?.Resources?.Limits ?? {};
  const mount = (target: string) => (cs.Mounts ?? []).find((m) => m.Target === target);
  const drop = cs.CapabilityDrop ?? [];
  const add = cs.CapabilityAdd ?? [];
  const older = (field: string, since: string) => (apiAtLeast(apiVersion, since) ? `the engine did not keep ${field}` : `${field} needs API ${since}; this engine speaks ${apiVersion ?? 'an unknown version'}`);
  const s = (key: string, value: unknown, applied: boolean, note: string | null = null): ServiceSetting => ({ key, value: value ?? null, applied, note: applied ? null : note });
  return [
    s('mode', Object.keys(stored.Mode ?? {})[0] ?? null, true),
    s('read-only root filesystem', cs.ReadOnly ?? false, cs.ReadOnly === true, 'the engine did not keep ReadOnly'),
    s('capabilities dropped', drop, drop.includes('ALL'), older('CapabilityDrop', '1.41')),
    s('capabilities added', add, add.every((c) => TASK_CAPABILITIES.includes(c.replace(/^CAP_/, ''))), 'more capabilities than the task needs'),
    s('no-new-privileges', cs.Privileges?.NoNewPrivileges ?? false, cs.Privileges?.NoNewPrivileges === true, `this engine (API ${apiVersion ?? 'unknown'}) did not keep ContainerSpec.Privileges.NoNewPrivileges (only newer engines have it for services); the image built by scripts/build-image.sh or the Dockerfile has no setuid or setgid files, so nothing in it can gain privileges that way`),
    s('memory limit (bytes)', limits.MemoryBytes ?? null, (limits.MemoryBytes ?? 0) > 0, 'no memory limit kept'),
    s('CPU limit (nano CPUs)', limits.NanoCPUs ?? null, (limits.NanoCPUs ?? 0) > 0, 'no CPU limit kept'),
    s('PIDs limit', limits.Pids ?? null, (limits.Pids ?? 0) > 0, older('Resources.Limits.Pids', '1.41')),
    s('host / mounted read-only at /host', mount('/host')?.ReadOnly ?? null, mount('/host')?.ReadOnly === true, 'the host mount is not read-only'),
    s(`Docker socket mounted read-only`, mount(NODE_SOCKET)?.ReadOnly ?? null, mount(NODE_SOCKET)?.ReadOnly === true, 'the socket mount is not read-only'),
    s('health check (heartbeat younger than 30 s)', cs.Healthcheck?.Test ?? null, (cs.Healthcheck?.Test?.length ?? 0) > 0, 'the engine did not keep the health check'),
    s('restart policy', stored.TaskTemplate?.RestartPolicy?.Condition ?? null, stored.TaskTemplate?.RestartPolicy?.Condition === 'none', 'a failed collection would be retried'),
    s('log driver', stored.TaskTemplate?.LogDriver?.Name ?? null, stored.TaskTemplate?.LogDriver?.Name === 'json-file', 'the evidence cannot be read back from the log'),
  ];
}

export interface TaskView {
  id: string;
  nodeId: string;
  state: string;
  desired: string;
  /** Status.Err, else Status.Message. */
  message: string | null;
  exitCode: number | null;
  containerId: string | null;
  updatedAt: string;
}

interface TaskObject {
  ID?: string;
  NodeID?: string;
  DesiredState?: string;
  UpdatedAt?: string;
  Status?: { State?: string; Err?: string; Message?: string; ContainerStatus?: { ExitCode?: number; ContainerID?: string } };
}

/** The tasks of a service, the newest per node. */
export async function serviceTasks(docker: Docker, serviceName: string): Promise<Map<string, TaskView>> {
  const tasks = (await (docker.listTasks as (o: object) => Promise<unknown>).call(docker, { filters: JSON.stringify({ service: [serviceName] }) })) as TaskObject[];
  const byNode = new Map<string, TaskView>();
  for (const t of tasks) {
    if (!t.NodeID || !t.ID) continue;
    const v: TaskView = {
      id: t.ID,
      nodeId: t.NodeID,
      state: t.Status?.State ?? 'unknown',
      desired: t.DesiredState ?? 'unknown',
      message: t.Status?.Err || t.Status?.Message || null,
      exitCode: t.Status?.ContainerStatus?.ExitCode ?? null,
      containerId: t.Status?.ContainerStatus?.ContainerID ?? null,
      updatedAt: t.UpdatedAt ?? '',
    };
    const prev = byNode.get(t.NodeID);
    if (!prev || prev.updatedAt < v.updatedAt) byNode.set(t.NodeID, v);
  }
  return byNode;
}

/** Task states after which nothing more will happen. */
export const FINAL_STATES = new Set(['complete', 'failed', 'rejected', 'shutdown', 'orphaned', 'remove']);

/** The stdout of a task, as its log holds it (multiplexed frames), from the manager. */
export async function taskLog(docker: Docker, taskId: string): Promise<Buffer> {
  const task = docker.getTask(taskId) as unknown as { logs(o: object): Promise<Buffer | string | NodeJS.ReadableStream> };
  const out = await task.logs({ stdout: true, stderr: false, follow: false, timestamps: false, details: false });
  if (Buffer.isBuffer(out)) return out;
  if (typeof out === 'string') return Buffer.from(out, 'utf8');
  const parts: Buffer[] = [];
  for await (const c of out as AsyncIterable<Buffer>) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

/** Remove a service, retrying briefly (a manager can be busy right after the job ends). */
export async function removeService(docker: Docker, id: string): Promise<string | null> {
  let last: unknown = null;
  for (let i = 0; i < 5; i++) {
    try {
      await docker.getService(id).remove();
      return null;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return null;
      last = err;
      await new Promise((r) => setTimeout(r, 500 * (i + 1)));
    }
  }
  return (last as Error)?.message ?? String(last);
}

/** Remove the services and configs earlier fleet runs left behind (crashed, killed); returns what was removed. */
export async function sweepLeftovers(docker: Docker, log: (l: string) => void, now = new Date()): Promise<string[]> {
  const removed: string[] = [];
  const services = (await (docker.listServices as (o: object) => Promise<unknown>).call(docker, { filters: JSON.stringify({ label: [`${LABEL}=1`] }) })) as { ID: string; Spec?: { Name?: string; Labels?: Record<string, string> } }[];
  for (const s of services) {
    const why = leftoverReason(s.Spec?.Labels, now);
    if (!why) {
      log(`fleet: leaving service ${s.Spec?.Name ?? s.ID} alone: another fleet run may still use it`);
      continue;
    }
    const err = await removeService(docker, s.ID);
    if (err) log(`fleet: could not remove leftover service ${s.Spec?.Name ?? s.ID}: ${err}`);
    else {
      log(`fleet: removed leftover service ${s.Spec?.Name ?? s.ID} (${why})`);
      removed.push(s.Spec?.Name ?? s.ID);
    }
  }
  const configs = (await (docker.listConfigs as (o: object) => Promise<unknown>).call(docker, { filters: JSON.stringify({ label: [`${LABEL}=1`] }) }).catch(() => [])) as { ID: string; Spec?: { Name?: string; Labels?: Record<string, string> } }[];
  for (const c of configs) {
    if (!leftoverReason(c.Spec?.Labels, now)) continue;
    try {
      await docker.getConfig(c.ID).remove();
      removed.push(c.Spec?.Name ?? c.ID);
    } catch {
      /* still in use by a service not yet gone: the next run removes it */
    }
  }
  return removed;
}

export type { CollectionService };
