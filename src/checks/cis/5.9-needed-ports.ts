import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { formatPort, publishedPorts } from '../docker/ports';

export default containerCheck({
  id: 'cis.needed-ports',
  title: 'Containers publish only the ports they need',
  section: 'containers',
  severity: 'low',
  ...cis('5.9'),
  automated: false,
  decidedBy: 'Lists the ports each container publishes; a person confirms each is needed. No published ports passes; --publish-all (-P), which publishes every EXPOSEd port, warns.',
  rationale: 'Every published port is a way in from the network; ports published "just in case" are unreviewed attack surface.',
  remediation: 'Publish only the ports the service must offer (-p 127.0.0.1:8080:80), never -P / --publish-all; expose the rest only on internal networks.',
  judge: (c) => {
    const ports = publishedPorts(c);
    const observed = { published: ports.map(formatPort), PublishAllPorts: !!c.HostConfig.PublishAllPorts };
    const expected = { published: 'only needed ports' };
    if (c.HostConfig.PublishAllPorts) return { outcome: 'warn', observed, expected, message: 'publishes every port its image exposes (--publish-all).', fix: { drop: ['--publish-all'] } };
    if (!ports.length) return { outcome: 'pass', observed, expected, message: 'publishes no ports.' };
    return { outcome: 'manual', observed, expected, message: `publishes ${ports.map(formatPort).join(', ')}; confirm each is needed.` };
  },
});
