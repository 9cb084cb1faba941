import type { MountPoint } from '../../evidence/types/docker';
import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { templates } from '../text';

const m = templates({
  mounted: { en: '{target} mounts the engine socket ({mounts}).', nb: '{target} monterer motorens socket ({mounts}).' },
  none: { en: '{target} does not mount the engine socket.', nb: '{target} monterer ikke motorens socket.' },
});

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
  title: { en: 'The Docker socket is not mounted inside containers', nb: 'Docker-socketen er ikke montert i containere' },
  section: 'containers',
  severity: 'critical',
  ...cis('5.32'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'Looks at every bind mount: a source or destination ending in docker.sock, containerd.sock or podman.sock, or a bind of a folder that holds the socket (/, /run, /var/run), fails.',
    nb: 'Ser på hver bind-montering: en kilde eller et mål som ender på docker.sock, containerd.sock eller podman.sock, eller en bind-montering av en mappe som inneholder socketen (/, /run, /var/run), gir ikke bestått.',
  },
  rationale: {
    en: 'Whoever can talk to the engine socket can start a privileged container and so owns the host.',
    nb: 'Den som kan snakke med motorens socket, kan starte en privilegert container og har dermed full kontroll over verten.',
  },
  remediation: {
    en: 'Remove the -v /var/run/docker.sock:/var/run/docker.sock (or /run) mount; give tools that need the API a narrowly scoped proxy instead.',
    nb: 'Fjern monteringen -v /var/run/docker.sock:/var/run/docker.sock (eller av /run); gi heller verktøy som trenger API-et, en snevert avgrenset proxy.',
  },
  judge: (c) => {
    const bad = (c.Mounts ?? []).filter(exposesEngineSocket);
    const shown = bad.map((m) => `${m.Source}:${m.Destination}`);
    const sources = new Set(bad.map((m) => m.Source ?? ''));
    return {
      outcome: bad.length ? 'fail' : 'pass',
      observed: { socketMounts: shown },
      expected: { socketMounts: [] },
      message: bad.length ? m('mounted', { mounts: shown }) : m('none'),
      fix: { dropWhere: (o) => (o.flag === '-v' && sources.has((o.value ?? '').split(':')[0])) || (o.flag === '--mount' && [...sources].some((s) => (o.value ?? '').includes(`source=${s}`))) },
    };
  },
});
