import type { MountPoint } from '../../evidence/types/docker';
import { cisDocker, defineCheck } from '../define';
import { containerTarget } from '../targets';

/** Host paths that are, or contain, an engine control socket. docker-bench only greps for `docker.sock`. */
const SOCKET_FILE = /(^|\/)(docker|containerd|podman)\.sock$/;
const SOCKET_DIRS = new Set(['/run', '/var/run', '/run/docker', '/var/run/docker', '/run/containerd', '/var/run/containerd']);

export function exposesEngineSocket(m: MountPoint): boolean {
  const src = (m.Source ?? '').replace(/\/+$/, '') || '/';
  return SOCKET_FILE.test(src) || SOCKET_FILE.test(m.Destination ?? '') || SOCKET_DIRS.has(src) || src === '/';
}

export default defineCheck({
  id: 'cis-5.32',
  title: 'The Docker socket is not mounted inside containers',
  section: 'containers',
  severity: 'critical',
  level: 1,
  automated: true,
  requires: ['docker'],
  decidedBy:
    'Looks at every mount: a source or destination ending in docker.sock, containerd.sock or podman.sock, or a bind of a folder that holds the socket (/, /run, /var/run), fails.',
  rationale: 'Whoever can talk to the engine socket can start a privileged container and so owns the host.',
  remediation: 'Remove the -v /var/run/docker.sock:/var/run/docker.sock (or /run) mount; give tools that need the API a narrowly scoped proxy instead.',
  references: [cisDocker('5.32', 'Ensure that the Docker socket is not mounted inside any containers')],
  evaluate: ({ docker }) =>
    docker.containers.map((c) => {
      const target = containerTarget(c);
      const bad = (c.Mounts ?? []).filter(exposesEngineSocket).map((m) => `${m.Source}:${m.Destination}`);
      return {
        outcome: bad.length ? ('fail' as const) : ('pass' as const),
        target,
        observed: { socketMounts: bad },
        expected: { socketMounts: [] },
        message: bad.length ? `${target.name} mounts the engine socket (${bad.join(', ')}).` : `${target.name} does not mount the engine socket.`,
      };
    }),
});
