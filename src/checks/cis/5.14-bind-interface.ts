import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { formatPort, isWildcard, portsText, publishedPorts } from '../docker/ports';
import { templates } from '../text';

const m = templates({
  hostNetwork: {
    en: '{target} uses the host network, so it publishes no ports (see 5.10).',
    nb: '{target} bruker vertens nettverk og publiserer derfor ingen porter (se 5.10).',
  },
  none: { en: '{target} publishes no ports.', nb: '{target} publiserer ingen porter.' },
  wildcard: { en: '{target} listens on every interface: {ports}.', nb: '{target} lytter på alle grensesnitt: {ports}.' },
  specific: { en: '{target} binds its ports to specific addresses: {ports}.', nb: '{target} binder portene sine til bestemte adresser: {ports}.' },
});

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
  title: { en: 'Published ports are bound to a specific host interface', nb: 'Publiserte porter er bundet til et bestemt grensesnitt på verten' },
  section: 'containers',
  severity: 'medium',
  ...cis('5.14'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'Every published port: a host address that is empty, 0.0.0.0 or :: (IPv6 any, which docker-bench does not check) listens on every interface and fails. Live bindings are used for running containers, PortBindings for the others.',
    nb: 'Hver publisert port: en vertsadresse som er tom, 0.0.0.0 eller :: (alle IPv6-adresser, som docker-bench ikke sjekker), lytter på alle grensesnitt og gir ikke bestått. Aktive bindinger brukes for kjørende containere, PortBindings for de andre.',
  },
  rationale: {
    en: 'A port bound to every interface is reachable from every network the host is on, including ones nobody meant to serve, and Docker\'s iptables rules bypass host firewalls like ufw.',
    nb: 'En port som er bundet til alle grensesnitt, kan nås fra alle nettverk verten er koblet til, også dem ingen hadde tenkt å betjene, og iptables-reglene til Docker går utenom brannmurer på verten, som ufw.',
  },
  remediation: {
    en: 'Name the interface: docker run -p 127.0.0.1:8080:80 ... (behind a reverse proxy) or -p <internal-ip>:8080:80 (compose: ports: ["127.0.0.1:8080:80"]).',
    nb: 'Oppgi grensesnittet: docker run -p 127.0.0.1:8080:80 ... (bak en omvendt proxy) eller -p <intern-ip>:8080:80 (compose: ports: ["127.0.0.1:8080:80"]).',
  },
  judge: (c) => {
    if (c.HostConfig.NetworkMode === 'host') return { outcome: 'not-applicable', observed: { NetworkMode: 'host' }, expected: null, message: m('hostNetwork') };
    const ports = publishedPorts(c);
    const wild = ports.filter((p) => isWildcard(p.hostIp));
    const observed = { published: ports.map(formatPort) };
    const expected = { hostIp: 'a specific address, not 0.0.0.0 or ::' };
    if (!ports.length) return { outcome: 'pass', observed, expected, message: m('none') };
    return wild.length
      ? { outcome: 'fail', observed, expected, message: m('wildcard', { ports: portsText(wild) }), fix: { map: { flag: '-p', to: bindToLoopback }, drop: ['--publish-all'] } }
      : { outcome: 'pass', observed, expected, message: m('specific', { ports: portsText(ports) }) };
  },
});
