import { cis } from '../docker/cis';
import { swarmCheck } from '../docker/swarm-check';
import { templates } from '../text';

const m = templates({
  address: {
    en: 'The node advertises {address}; confirm management traffic (--advertise-addr) and data traffic (--data-path-addr) use separate networks.',
    nb: 'Noden oppgir adressen {address} til klyngen; bekreft at administrasjonstrafikken (--advertise-addr) og datatrafikken (--data-path-addr) går på hvert sitt nettverk.',
  },
});

export default swarmCheck({
  id: 'cis.plane-separation',
  title: { en: 'Swarm management traffic is separated from data traffic', nb: 'Administrasjonstrafikken i swarm er skilt fra datatrafikken' },
  section: 'swarm',
  severity: 'low',
  ...cis('7.9'),
  automated: false,
  messages: m.templates,
  decidedBy: {
    en: 'A person checks that nodes joined with --advertise-addr on a management network and --data-path-addr on a separate data network; the node address is shown for reference.',
    nb: 'En person kontrollerer at nodene er koblet til med --advertise-addr på et administrasjonsnett og --data-path-addr på et eget datanett; nodeadressen vises som referanse.',
  },
  rationale: {
    en: 'Separate networks keep a flood or compromise of application traffic away from the cluster control plane.',
    nb: 'Separate nettverk holder en flom eller kompromittering av applikasjonstrafikken unna kontrollplanet i klyngen.',
  },
  remediation: {
    en: 'docker swarm init/join --advertise-addr <mgmt-ip> --data-path-addr <data-ip>.',
    nb: 'Koble nodene til med egne adresser: docker swarm init/join --advertise-addr <mgmt-ip> --data-path-addr <data-ip>.',
  },
  // The address the node advertises, as the decidedBy promises; without it the runner asks a person with decidedBy alone.
  judge: (docker) => {
    const address = docker.info.Swarm?.NodeAddr;
    return address ? [{ outcome: 'manual', observed: { NodeAddr: address }, message: m('address', { address }) }] : [];
  },
});
