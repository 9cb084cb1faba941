import { promises as fs } from 'node:fs';
import type Docker from 'dockerode';
import type { DockerEvidence } from '../../evidence/types/docker';
import type { ContainerProcesses } from '../../evidence/types/host';
import { containerName } from '../../domain/container-names';
import { mapLimit } from '../../util/map-limit';
import { parseEngineAddress } from '../docker/connection';
import type { HostFs } from './host-fs';

/** Engine calls in flight for the fallback: `top` makes the engine fork ps on the host each time. */
const CONCURRENCY = 4;

/** A container id in a cgroup path: `/docker/<id>`, `/system.slice/docker-<id>.scope`, `.../moby/<id>`. */
const CONTAINER_ID = /(?:^|[/-])([0-9a-f]{64})(?:\.scope)?(?:\/|$)/;

/**
 * Process names per container from the host's /proc: each process's cgroup path names its container.
 * One pass over /proc, no engine calls, nothing run inside containers.
 */
export async function processesFromProc(hfs: HostFs, wanted: ReadonlySet<string>): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const pids = (await hfs.list('/proc')).filter((e) => /^\d+$/.test(e));
  await mapLimit(pids, 64, async (pid) => {
    try {
      const cgroup = await fs.readFile(hfs.local(`/proc/${pid}/cgroup`), 'utf8');
      const m = CONTAINER_ID.exec(cgroup.split('\n').find((l) => CONTAINER_ID.test(l)) ?? '');
      if (!m || !wanted.has(m[1])) return;
      const comm = (await fs.readFile(hfs.local(`/proc/${pid}/comm`), 'utf8')).trim();
      // The runtime's shim and the init/pause helpers are not the workload.
      if (comm.startsWith('containerd-shim') || comm === 'runc') return;
      const list = found.get(m[1]) ?? [];
      list.push(comm);
      found.set(m[1], list);
    } catch {
      // the process exited meanwhile
    }
  });
  return found;
}

/** `GET /containers/{id}/top?ps_args=-o pid,comm`: the engine runs ps on its host and keeps the container's PIDs. */
async function processesFromTop(docker: Docker, id: string): Promise<string[]> {
  const top = (await docker.getContainer(id).top({ ps_args: '-o pid,comm' })) as { Titles?: string[]; Processes?: string[][] };
  const col = (top.Titles ?? []).findIndex((t) => /^(COMMAND|CMD|COMM)$/i.test(t));
  return (top.Processes ?? []).map((p) => (col >= 0 ? p[col] : p[p.length - 1]) ?? '');
}

/**
 * Process names of every running container (CIS 5.7), opt-in with --exec-checks because it reads the
 * processes of running workloads. From the host's /proc when the container's processes are visible
 * there (the tool runs on the host, or with the host's /proc and --pid=host), else from the engine's
 * top endpoint. Nothing is ever started inside a container (docker-bench runs `docker exec ps`, which
 * also fails in images without ps).
 */
export async function collectContainerProcesses(hfs: HostFs, dockerHost: string | undefined, ev: DockerEvidence, warnings: string[]): Promise<ContainerProcesses[]> {
  const running = ev.containers.filter((c) => c.State?.Running);
  let fromProc = new Map<string, string[]>();
  try {
    fromProc = await processesFromProc(hfs, new Set(running.map((c) => c.Id)));
  } catch (err) {
    warnings.push(`${hfs.local('/proc')} could not be read for container processes (${(err as NodeJS.ErrnoException).code ?? err}); asking the engine instead`);
  }
  const missing = running.filter((c) => !fromProc.has(c.Id));
  let docker: Docker | null = null;
  // dockerode is loaded only when the engine has to be asked: loading it costs every run a tenth of a second.
  if (missing.length) docker = new (await import('dockerode')).default(parseEngineAddress(dockerHost ?? 'unix:///var/run/docker.sock').options);
  const viaTop = new Map<string, { commands: string[]; error?: string }>();
  await mapLimit(missing, CONCURRENCY, async (c) => {
    try {
      viaTop.set(c.Id, { commands: await processesFromTop(docker!, c.Id) });
    } catch (err) {
      const why = (err as { statusCode?: number }).statusCode === 409 ? 'not running any more' : (err as Error).message;
      warnings.push(`processes of ${containerName(c)} could not be listed: ${why}`);
      viaTop.set(c.Id, { commands: [], error: why });
    }
  });
  return running.map((c) => ({ id: c.Id, name: containerName(c), ...(fromProc.has(c.Id) ? { commands: fromProc.get(c.Id)! } : viaTop.get(c.Id)!) }));
}
