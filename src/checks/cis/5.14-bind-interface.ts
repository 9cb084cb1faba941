import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { formatPort, isWildcard, publishedPorts } from '../docker/ports';

/** `8080:80` → `127.0.0.1:8080:80`; `0.0.0.0:8080:80` and `[::]:8080:80` → `127.0.0.1:8080:80`; `80` → `127.0.0.1::80`. */
export function bindToLoopback(v: string): string {
  if (!v.includes(':')) return `127.0.0.1::${v}`;
  const m = /^(\[[^\]]*\]|[^:]*):(.*:.*)$/.exec(v);
  if (m && isWildcard(m[1])) return `127.0.0.1:${m[2]}`;
  if (m && /^(\d+\.){3}\d+$|^\[/.test(m[1])) return v;
  return v.includes(':') ? `127.0.0.1:${v}` : v;
}

export default containerCheck({
  id: 'cis.bind-interface',
  title: 'Published ports are bound to a specific host interface',
  section: 'containers',
  severity: 'medium',
  ...cis('5.14'),
  automated: true,
  decidedBy:
    'Every published port: a host address that is empty, 0.0.0.0 or :: (IPv6 any, which docker-bench does not check) listens on every interface and fails. Live bindings are used for running containers, PortBindings for the others.',
  rationale: 'A port bound to every interface is reachable from every network the host is on, including ones nobody meant to serve, and Docker\'s iptables rules bypass host firewalls like ufw.',
  remediation: 'Name the interface: docker run -p 127.0.0.1:8080:80 ... (behind a reverse proxy) or -p <internal-ip>:8080:80 (compose: ports: ["127.0.0.1:8080:80"]).',
  judge: (c) => {
    if (c.HostConfig.NetworkMode === 'host') return { outcome: 'not-applicable', observed: { NetworkMode: 'host' }, expected: null, message: 'uses the host network, so it publishes no ports (see 5.10).' };
    const ports = publishedPorts(c);
    const wild = ports.filter((p) => isWildcard(p.hostIp));
    const observed = { published: ports.map(formatPort) };
    const expected = { hostIp: 'a specific address, not 0.0.0.0 or ::' };
    if (!ports.length) return { outcome: 'pass', observed, expected, message: 'publishes no ports.' };
    return wild.length
      ? { outcome: 'fail', observed, expected, message: `listens on every interface: ${wild.map(formatPort).join(', ')}.`, fix: { map: { flag: '-p', to: bindToLoopback }, drop: ['--publish-all'] } }
      : { outcome: 'pass', observed, expected, message: `binds its ports to specific addresses: ${ports.map(formatPort).join(', ')}.` };
  },
});
