import { cis } from '../docker/cis';
import { engineTarget, securityOptions } from '../docker/engine';
import { defineCheck } from '../define';
import { templates } from '../text';

const m = templates({
  none: {
    en: 'The daemon applies no seccomp profile (the kernel or build lacks seccomp).',
    nb: 'Daemonen bruker ingen seccomp-profil (kjernen eller bygget mangler seccomp).',
  },
  unconfined: {
    en: 'The daemon-wide seccomp profile is unconfined: containers can make every system call.',
    nb: 'Seccomp-profilen som gjelder hele daemonen, er unconfined: containere kan gjøre alle systemkall.',
  },
  default: { en: "Containers get Docker's default seccomp profile.", nb: 'Containere får Dockers standardprofil i seccomp.' },
  custom: { en: 'Containers get the custom seccomp profile {profile}.', nb: 'Containere får den egendefinerte seccomp-profilen {profile}.' },
});

export default defineCheck<'docker'>({
  id: 'cis.seccomp-profile',
  title: { en: 'A daemon-wide seccomp profile is applied', nb: 'En seccomp-profil gjelder for hele daemonen' },
  section: 'daemon',
  severity: 'medium',
  ...cis('2.17'),
  automated: true,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en: 'Info.SecurityOptions from the Engine API: `name=seccomp,profile=default` or a custom profile passes; `profile=unconfined` or no seccomp at all fails.',
    nb: 'Info.SecurityOptions fra Engine API: `name=seccomp,profile=default` eller en egendefinert profil består; `profile=unconfined` eller ingen seccomp i det hele tatt består ikke.',
  },
  rationale: {
    en: 'Seccomp removes about 50 rarely needed system calls from containers, closing kernel attack surface that has carried real escapes.',
    nb: 'Seccomp fjerner rundt 50 sjelden brukte systemkall fra containere og stenger dermed angrepsflate i kjernen som har vært brukt til faktiske utbrudd.',
  },
  remediation: {
    en: 'Remove "seccomp-profile": "unconfined" from daemon.json, or set "seccomp-profile": "/etc/docker/seccomp/custom.json" to a tightened copy of the default profile; the kernel needs CONFIG_SECCOMP.',
    nb: 'Fjern "seccomp-profile": "unconfined" fra daemon.json, eller sett "seccomp-profile": "/etc/docker/seccomp/custom.json" til en strammere kopi av standardprofilen; kjernen må ha CONFIG_SECCOMP.',
  },
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const sc = securityOptions(docker).find((o) => o.name === 'seccomp');
    const observed = { SecurityOptions: docker.info.SecurityOptions ?? [] };
    const expected = { seccomp: 'profile=default or a custom profile' };
    if (!sc) return [{ outcome: 'fail', target, observed, expected, message: m('none') }];
    if (sc.profile === 'unconfined') return [{ outcome: 'fail', target, observed, expected, message: m('unconfined') }];
    return [{ outcome: 'pass', target, observed, expected, message: sc.profile === 'default' || !sc.profile ? m('default') : m('custom', { profile: sc.profile }) }];
  },
});
