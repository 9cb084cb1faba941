import { cis } from '../docker/cis';
import { swarmCheck } from '../docker/swarm-check';
import { templates } from '../text';

const m = templates({
  none: { en: 'There are no overlay networks.', nb: 'Det finnes ingen overlay-nettverk.' },
  plain: { en: 'Overlay networks without encryption: {networks}.', nb: 'Overlay-nettverk uten kryptering: {networks}.' },
  encrypted: { en: 'All {n} overlay network(s) are encrypted.', nb: 'Alle overlay-nettverkene ({n}) er kryptert.' },
});

export default swarmCheck({
  id: 'cis.overlay-encryption',
  title: { en: 'Overlay network traffic is encrypted', nb: 'Trafikken i overlay-nettverk er kryptert' },
  section: 'swarm',
  severity: 'medium',
  ...cis('7.3'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'Every overlay network from the Engine API: Options must contain encrypted. The ingress network is reported too, since it carries published-port traffic between nodes.',
    nb: 'Hvert overlay-nettverk fra Engine API: Options skal inneholde encrypted. Ingress-nettverket rapporteres også, siden det bærer trafikken til publiserte porter mellom nodene.',
  },
  rationale: {
    en: 'Unencrypted overlay (VXLAN) traffic between nodes can be read and injected by anyone on the underlying network.',
    nb: 'Ukryptert overlay-trafikk (VXLAN) mellom noder kan leses og forfalskes av hvem som helst på det underliggende nettverket.',
  },
  remediation: {
    en: 'docker network create --driver overlay --opt encrypted <name> (networks cannot be changed in place: create, move services, remove the old one).',
    nb: 'docker network create --driver overlay --opt encrypted <name> (nettverk kan ikke endres på stedet: opprett et nytt, flytt tjenestene og fjern det gamle).',
  },
  judge: (docker) => {
    const overlays = docker.networks.filter((n) => n.Driver === 'overlay');
    if (!overlays.length) return [{ outcome: 'not-applicable', observed: { overlays: [] }, message: m('none') }];
    const plain = overlays.filter((n) => !Object.prototype.hasOwnProperty.call(n.Options ?? {}, 'encrypted'));
    const observed = { overlays: overlays.map((n) => n.Name), unencrypted: plain.map((n) => n.Name) };
    return [plain.length
      ? { outcome: 'fail', observed, expected: { unencrypted: [] }, message: m('plain', { networks: observed.unencrypted }) }
      : { outcome: 'pass', observed, expected: { unencrypted: [] }, message: m('encrypted', { n: overlays.length }) }];
  },
});
