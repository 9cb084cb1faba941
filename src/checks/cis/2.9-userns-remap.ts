import { cis } from '../docker/cis';
import { engineTarget, securityOptions } from '../docker/engine';
import { defineCheck } from '../define';
import { templates } from '../text';

const m = templates({
  remapped: {
    en: 'The daemon remaps container users to an unprivileged range.',
    nb: 'Daemonen kobler brukerne i containere om til et område uten privilegier.',
  },
  notRemapped: {
    en: 'The daemon runs containers without user namespace remapping: root in a container is root on the host.',
    nb: 'Daemonen kjører containere uten omkobling av brukernavnerom: root i en container er root på verten.',
  },
});

export default defineCheck<'docker'>({
  id: 'cis.userns-remap',
  title: { en: 'User namespace remapping is enabled on the daemon', nb: 'Daemonen bruker omkobling av brukernavnerom (userns-remap)' },
  section: 'daemon',
  severity: 'medium',
  ...cis('2.9'),
  automated: true,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en: 'The engine reports `name=userns` in Info.SecurityOptions when --userns-remap / "userns-remap" is in effect (a rootless daemon is remapped by design).',
    nb: 'Motoren oppgir `name=userns` i Info.SecurityOptions når --userns-remap / "userns-remap" er i kraft (en rootless daemon er alltid omkoblet).',
  },
  rationale: {
    en: 'With userns-remap, root inside a container maps to an unprivileged user on the host, so a breakout lands as nobody rather than root.',
    nb: 'Med userns-remap svarer root i en container til en bruker uten privilegier på verten, så den som bryter ut, havner som en rettighetsløs bruker og ikke som root.',
  },
  remediation: {
    en: 'daemon.json: { "userns-remap": "default" } (or dockerd --userns-remap=default), then restart the daemon; check /etc/subuid and /etc/subgid. Existing images are pulled again into the remapped data root.',
    nb: 'daemon.json: { "userns-remap": "default" } (eller dockerd --userns-remap=default), og start daemonen på nytt; kontroller /etc/subuid og /etc/subgid. Eksisterende images hentes på nytt inn i den omkoblede dataroten.',
  },
  evaluate: ({ docker }) => {
    const opts = securityOptions(docker);
    const on = opts.some((o) => o.name === 'userns' || o.name === 'rootless');
    return [{
      outcome: on ? 'pass' : 'fail',
      target: engineTarget(docker),
      observed: { SecurityOptions: docker.info.SecurityOptions ?? [] },
      expected: { SecurityOptions: 'contains name=userns' },
      message: m(on ? 'remapped' : 'notRemapped'),
    }];
  },
});
