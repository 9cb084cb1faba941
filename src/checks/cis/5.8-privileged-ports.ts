import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { formatPort, portsText, publishedPorts } from '../docker/ports';
import { templates } from '../text';

const m = templates({
  hostNetwork: {
    en: '{target} uses the host network, so it publishes no ports (see 5.10).',
    nb: '{target} bruker vertens nettverk og publiserer derfor ingen porter (se 5.10).',
  },
  privileged: { en: '{target} publishes privileged host ports: {ports}.', nb: '{target} publiserer privilegerte porter på verten: {ports}.' },
  unprivileged: { en: '{target} publishes only unprivileged host ports.', nb: '{target} publiserer bare uprivilegerte porter på verten.' },
  none: { en: '{target} publishes no ports.', nb: '{target} publiserer ingen porter.' },
});

/** 80 → 8080, 443 → 8443, 22 → 8022: an unprivileged host port that still reads like the original. */
export function unprivilegedPort(p: number): number {
  return p < 1024 ? p + 8000 : p;
}

export default containerCheck({
  id: 'cis.privileged-ports',
  title: { en: 'Containers do not publish privileged host ports (below 1024)', nb: 'Containere publiserer ikke privilegerte porter på verten (under 1024)' },
  section: 'containers',
  severity: 'low',
  ...cis('5.8'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'Published ports (live bindings of running containers, PortBindings of the others): a host port from 1 to 1023 fails. Containers on the host network publish nothing and are not applicable here (see 5.10).',
    nb: 'Publiserte porter (aktive bindinger for kjørende containere, PortBindings for de andre): en vertsport fra 1 til 1023 gir ikke bestått. Containere på vertens nettverk publiserer ingenting, og kontrollen gjelder ikke dem (se 5.10).',
  },
  rationale: {
    en: 'Ports below 1024 are reserved for system services; letting containers take them hides what is serving where and usually means extra privileges somewhere.',
    nb: 'Porter under 1024 er reservert til systemtjenester; når containere tar dem, blir det uklart hva som svarer hvor, og det betyr som regel ekstra privilegier et sted.',
  },
  remediation: {
    en: 'Publish a high host port (-p 8080:80) and put a reverse proxy or load balancer on the well-known port.',
    nb: 'Publiser en høy port på verten (-p 8080:80), og la en omvendt proxy eller lastbalanserer lytte på den velkjente porten.',
  },
  judge: (c) => {
    if (c.HostConfig.NetworkMode === 'host') return { outcome: 'not-applicable', observed: { NetworkMode: 'host' }, expected: null, message: m('hostNetwork') };
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
      ? { outcome: 'fail', observed, expected: { hostPorts: '>= 1024' }, message: m('privileged', { ports: portsText(low) }), fix }
      : { outcome: 'pass', observed, expected: { hostPorts: '>= 1024' }, message: m(ports.length ? 'unprivileged' : 'none') };
  },
});
