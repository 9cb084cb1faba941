import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { formatPort, portsText, publishedPorts } from '../docker/ports';
import { templates } from '../text';

const m = templates({
  publishAll: { en: '{target} publishes every port its image exposes (--publish-all).', nb: '{target} publiserer alle portene imaget eksponerer (--publish-all).' },
  none: { en: '{target} publishes no ports.', nb: '{target} publiserer ingen porter.' },
  review: { en: '{target} publishes {ports}; confirm each is needed.', nb: '{target} publiserer {ports}; bekreft at hver av dem trengs.' },
});

export default containerCheck({
  id: 'cis.needed-ports',
  title: { en: 'Containers publish only the ports they need', nb: 'Containere publiserer bare portene de trenger' },
  section: 'containers',
  severity: 'low',
  ...cis('5.9'),
  automated: false,
  messages: m.templates,
  decidedBy: {
    en: 'Lists the ports each container publishes; a person confirms each is needed. No published ports passes; --publish-all (-P), which publishes every EXPOSEd port, warns.',
    nb: 'Lister portene hver container publiserer; en person bekrefter at hver av dem trengs. Ingen publiserte porter består; --publish-all (-P), som publiserer alle porter imaget eksponerer (EXPOSE), gir advarsel.',
  },
  rationale: {
    en: 'Every published port is a way in from the network; ports published "just in case" are unreviewed attack surface.',
    nb: 'Hver publisert port er en vei inn fra nettverket; porter som er publisert «i tilfelle», er angrepsflate ingen har vurdert.',
  },
  remediation: {
    en: 'Publish only the ports the service must offer (-p 127.0.0.1:8080:80), never -P / --publish-all; expose the rest only on internal networks.',
    nb: 'Publiser bare portene tjenesten må tilby (-p 127.0.0.1:8080:80), aldri -P / --publish-all; eksponer resten bare på interne nettverk.',
  },
  judge: (c) => {
    const ports = publishedPorts(c);
    const observed = { published: ports.map(formatPort), PublishAllPorts: !!c.HostConfig.PublishAllPorts };
    const expected = { published: 'only needed ports' };
    if (c.HostConfig.PublishAllPorts) return { outcome: 'warn', observed, expected, message: m('publishAll'), fix: { drop: ['--publish-all'] } };
    if (!ports.length) return { outcome: 'pass', observed, expected, message: m('none') };
    return { outcome: 'manual', observed, expected, message: m('review', { ports: portsText(ports) }) };
  },
});
