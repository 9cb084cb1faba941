import Docker from 'dockerode';
import type { DockerEvidence } from '../../evidence/types/docker';
import type { ContainerProcesses } from '../../evidence/types/host';
import { containerName } from '../../checks/targets';
import { mapLimit } from '../../util/map-limit';
import { parseEngineAddress } from '../docker/connection';

/** Calls in flight: `top` makes the engine run ps on the host, so keep it gentle. */
const CONCURRENCY = 4;

/**
 * Process names of every running container, via `GET /containers/{id}/top?ps_args=-o pid,comm`.
 * The engine runs `ps` on the host and filters the container's PIDs: nothing is started inside
 * the container (unlike `docker exec ps`, which also fails in images without ps). Still opt-in
 * (`--exec-checks`) because it reads the processes of running workloads.
 */
export async function collectContainerProcesses(dockerHost: string | undefined, ev: DockerEvidence, warnings: string[]): Promise<ContainerProcesses[]> {
  const docker = new Docker(parseEngineAddress(dockerHost ?? 'unix:///var/run/docker.sock').options);
  const running = ev.containers.filter((c) => c.State?.Running);
  return mapLimit(running, CONCURRENCY, async (c) => {
    const name = containerName(c);
    try {
      const top = (await docker.getContainer(c.Id).top({ ps_args: '-o pid,comm' })) as { Titles?: string[]; Processes?: string[][] };
      const col = (top.Titles ?? []).findIndex((t) => /^(COMMAND|CMD|COMM)$/i.test(t));
      const commands = (top.Processes ?? []).map((p) => (col >= 0 ? p[col] : p[p.length - 1]) ?? '');
      return { id: c.Id, name, commands };
    } catch (err) {
      const why = (err as { statusCode?: number; message?: string }).statusCode === 409 ? 'not running any more' : (err as Error).message;
      warnings.push(`processes of ${name} could not be listed: ${why}`);
      return { id: c.Id, name, commands: [], error: why };
    }
  });
}
