import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { formatPort, publishedPorts } from '../docker/ports';

/** 80 → 8080, 443 → 8443, 22 → 8022: an unprivileged host port that still reads like the original. */
export function unprivilegedPort(p: number): number {
  return p < 1024 ? p + 8000 : p;
}

export default containerCheck({
  id: 'cis.privileged-ports',
  title: 'Containers do not publish privileged host ports (below 1024)',
  section: 'containers',
  severity: 'low',
  ...cis('5.8'),
  automated: true,
  decidedBy: 'Published ports (live bindings of running containers, PortBindings of the others): a host port from 1 to 1023 fails. Containers on the host network publish nothing and are not applicable here (see 5.10).',
  rationale: 'Ports below 1024 are reserved for system services; letting containers take them hides what is serving where and usually means extra privileges somewhere.',
  remediation: 'Publish a high host port (-p 8080:80) and put a reverse proxy or load balancer on the well-known port.',
  judge: (c) => {
    if (c.HostConfig.NetworkMode === 'host') return { outcome: 'not-applicable', observed: { NetworkMode: 'host' }, expected: null, message: 'uses the host network, so it publishes no ports (see 5.10).' };
    const ports = publishedPorts(c);
    const low = ports.filter((p) => p.hostPort !== '' && Number(p.hostPort) > 0 && Number(p.hostPort) < 1024);
    const observed = { published: ports.map(formatPort) };
    const fix = {
      map: {
        flag: '-p',
        to: (v: string) => {
          const parts = v.split(':');
          if (parts.length < 2) return v;
          const hp = Number(parts[parts.length - 2]);
          if (Number.isInteger(hp) && hp > 0 && hp < 1024) parts[parts.length - 2] = String(unprivilegedPort(hp));
          return parts.join(':');
        },
      },
    };
    return low.length
      ? { outcome: 'fail', observed, expected: { hostPorts: '>= 1024' }, message: `publishes privileged host ports: ${[...new Set(low.map(formatPort))].join(', ')}.`, fix }
      : { outcome: 'pass', observed, expected: { hostPorts: '>= 1024' }, message: ports.length ? 'publishes only unprivileged host ports.' : 'publishes no ports.' };
  },
});
