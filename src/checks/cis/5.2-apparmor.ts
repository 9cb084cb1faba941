import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { hasSecurityOption } from '../docker/engine';
import { templates } from '../text';

const m = templates({
  noAppArmor: {
    en: "{target} runs on a host without AppArmor (no name=apparmor in the engine's security options).",
    nb: '{target} kjører på en vert uten AppArmor (motorens sikkerhetsvalg inneholder ikke name=apparmor).',
  },
  confined: { en: '{target} runs under AppArmor profile {profile}.', nb: '{target} kjører med AppArmor-profilen {profile}.' },
  unconfined: { en: '{target} runs without AppArmor confinement ({profile}).', nb: '{target} kjører uten AppArmor-begrensning ({profile}).' },
  noProfile: { en: 'no profile', nb: 'ingen profil' },
});

export default containerCheck({
  id: 'cis.apparmor',
  title: {
    en: 'Containers run under an AppArmor profile where AppArmor is available',
    nb: 'Containere kjører med en AppArmor-profil der AppArmor er tilgjengelig',
  },
  section: 'containers',
  severity: 'medium',
  ...cis('5.2'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'Where the engine reports name=apparmor in Info.SecurityOptions, each container\'s AppArmorProfile must be set and not unconfined (privileged containers are unconfined). On hosts without AppArmor the control does not apply (docker-bench warns on every container).',
    nb: 'Der motoren oppgir name=apparmor i Info.SecurityOptions, må AppArmorProfile være satt og ikke unconfined for hver container (privilegerte containere er alltid unconfined). På verter uten AppArmor gjelder ikke kontrollen (docker-bench gir advarsel om hver container).',
  },
  rationale: {
    en: 'AppArmor confines what a container process may touch on the host (mounts, /proc, raw sockets) even when it is root inside.',
    nb: 'AppArmor begrenser hva en containerprosess kan røre på verten (monteringer, /proc, rå sockets), også når den er root inne i containeren.',
  },
  remediation: {
    en: 'Run with the default profile (remove --security-opt apparmor=unconfined) or a custom one: docker run --security-opt apparmor=<profile> ...',
    nb: 'Kjør med standardprofilen (fjern --security-opt apparmor=unconfined) eller en egen profil: docker run --security-opt apparmor=<profil> ...',
  },
  judge: (c, { docker }) => {
    const profile = c.HostConfig.Privileged ? 'unconfined' : c.AppArmorProfile ?? '';
    const observed = { AppArmorProfile: c.AppArmorProfile ?? '', Privileged: !!c.HostConfig.Privileged, hostAppArmor: hasSecurityOption(docker, 'apparmor') };
    const expected = { AppArmorProfile: 'docker-default or a custom profile' };
    if (!observed.hostAppArmor) return { outcome: 'not-applicable', observed, expected, message: m('noAppArmor') };
    const ok = profile !== '' && profile !== 'unconfined';
    return {
      outcome: ok ? 'pass' : 'fail',
      observed,
      expected,
      message: ok ? m('confined', { profile }) : m('unconfined', { profile: profile || m('noProfile') }),
      fix: { drop: ['--privileged'], dropWhere: (o) => o.flag === '--security-opt' && /^apparmor[=:]/.test(o.value ?? ''), add: [{ flag: '--security-opt', value: 'apparmor=docker-default' }] },
    };
  },
});
