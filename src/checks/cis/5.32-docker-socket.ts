import type { MountPoint } from '../../evidence/types/docker';
import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';

/** Host paths that are, or contain, an engine control socket. docker-bench only greps for `docker.sock`. */
const SOCKET_FILE = /(^|\/)(docker|containerd|podman)\.sock$/;
const SOCKET_DIRS = new Set(['/run', '/var/run', '/run/docker', '/var/run/docker', '/run/containerd', '/var/run/containerd']);

export function exposesEngineSocket(m: MountPoint): boolean {
  if (m.Type && m.Type !== 'bind') return false;
  const src = (m.Source ?? '').replace(/\/+$/, '') || '/';
  return SOCKET_FILE.test(src) || SOCKET_FILE.test(m.Destination ?? '') || SOCKET_DIRS.has(src) || src === '/';
}

export default containerCheck({
  id: 'cis.docker-socket',
  title: 'The Docker socket is not mounted inside containers',
  section: 'containers',
  severity: 'critical',
  ...cis('5.32'),
  automated: true,
  decidedBy:
    'Looks at every bind mount: a source or destination ending in docker.sock, containerd.sock or podman.sock, or a bind of a folder that holds the socket (/, /run, /var/run), fails.',
  rationale: 'Whoever can talk to the engine socket can start a privileged container and so owns the host.',
  remediation: 'Remove the -v /var/run/docker.sock:/var/run/docker.sock (or /run) mount; give tools that need the API a narrowly scoped proxy instead.',
  judge: (c) => {
    const bad = (c.Mounts ?? []).filter(exposesEngineSocket);
    const shown = bad.map((m) => `${m.Source}:${m.Destination}`);
    const sources = new Set(bad.map((m) => m.Source ?? ''));
    return {
      outcome: bad.length ? 'fail' : 'pass',
      observed: { socketMounts: shown },
      expected: { socketMounts: [] },
      message: bad.length ? `mounts the engine socket (${shown.join(', ')}).` : 'does not mount the engine socket.',
      fix: { dropWhere: (o) => (o.flag === '-v' && sources.has((o.value ?? '').split(':')[0])) || (o.flag === '--mount' && [...sources].some((s) => (o.value ?? '').includes(`source=${s}`))) },
    };
  },
});
