import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { hasSecurityOption } from '../docker/engine';
import { templates } from '../text';

const m = templates({
  noSelinux: {
    en: '{target} runs on a daemon without SELinux (no name=selinux in its security options).',
    nb: '{target} kjører på en daemon uten SELinux (sikkerhetsvalgene inneholder ikke name=selinux).',
  },
  noSelinuxOther: {
    en: '{target} runs on a daemon without SELinux (no name=selinux in its security options); its other options ({options}) are not SELinux options.',
    nb: '{target} kjører på en daemon uten SELinux (sikkerhetsvalgene inneholder ikke name=selinux); de andre valgene ({options}) er ikke SELinux-valg.',
  },
  privileged: { en: '{target} is privileged, which disables SELinux labelling.', nb: '{target} er privilegert, og da er SELinux-merkingen slått av.' },
  disabled: { en: '{target} disables SELinux labelling (label=disable).', nb: '{target} slår av SELinux-merkingen (label=disable).' },
  labels: { en: '{target} runs with SELinux options {labels}.', nb: '{target} kjører med SELinux-valgene {labels}.' },
  defaultLabel: {
    en: "{target} runs with the daemon's default SELinux container label.",
    nb: '{target} kjører med SELinux-etiketten daemonen gir containere som standard.',
  },
});

export default containerCheck({
  id: 'cis.selinux',
  title: { en: 'Containers run with SELinux labels where SELinux is enabled', nb: 'Containere kjører med SELinux-etiketter der SELinux er slått på' },
  section: 'containers',
  severity: 'medium',
  ...cis('5.3'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en:
      'Only SELinux options count: `label=` entries in HostConfig.SecurityOpt, and whether the daemon runs with SELinux (name=selinux in Info.SecurityOptions). label=disable or --privileged fails. ' +
      'Unrelated options such as no-new-privileges or seccomp=unconfined do not satisfy it (docker-bench passes any option). Without SELinux on the daemon the control does not apply.',
    nb:
      'Bare SELinux-valg teller: `label=`-oppføringer i HostConfig.SecurityOpt, og om daemonen kjører med SELinux (name=selinux i Info.SecurityOptions). label=disable eller --privileged gir ikke bestått. ' +
      'Andre valg, som no-new-privileges eller seccomp=unconfined, oppfyller ikke kontrollen (docker-bench godtar hvilket som helst valg). Uten SELinux på daemonen gjelder ikke kontrollen.',
  },
  rationale: {
    en: 'SELinux labels keep a container process from reading or writing host files and other containers\' files even when it runs as root.',
    nb: 'SELinux-etiketter hindrer en containerprosess i å lese eller skrive filer på verten og i andre containere, også når den kjører som root.',
  },
  remediation: {
    en: 'Start dockerd with --selinux-enabled (daemon.json "selinux-enabled": true) on an SELinux host, and do not disable labels: remove --security-opt label=disable; add e.g. --security-opt label=level:s0:c100,c200 for separation.',
    nb: 'Start dockerd med --selinux-enabled (daemon.json "selinux-enabled": true) på en vert med SELinux, og ikke slå av etikettene: fjern --security-opt label=disable; legg til f.eks. --security-opt label=level:s0:c100,c200 for å skille containere fra hverandre.',
  },
  judge: (c, { docker }) => {
    const opts = c.HostConfig.SecurityOpt ?? [];
    const labels = opts.filter((o) => /^label[=:]/.test(o));
    const disabled = !!c.HostConfig.Privileged || labels.some((l) => /^label[=:]disable$/.test(l));
    const selinux = hasSecurityOption(docker, 'selinux');
    const observed = { SecurityOpt: opts, selinuxLabels: labels, Privileged: !!c.HostConfig.Privileged, daemonSELinux: selinux };
    const expected = { daemonSELinux: true, SecurityOpt: 'no label=disable; label=type:/level: options where needed' };
    if (!selinux) {
      return {
        outcome: 'not-applicable',
        observed,
        expected,
        message: opts.length && !labels.length ? m('noSelinuxOther', { options: opts }) : m('noSelinux'),
      };
    }
    if (disabled) {
      return {
        outcome: 'fail',
        observed,
        expected,
        message: c.HostConfig.Privileged ? m('privileged') : m('disabled'),
        fix: { drop: ['--privileged'], dropWhere: (o) => o.flag === '--security-opt' && /^label[=:]disable$/.test(o.value ?? '') },
      };
    }
    return { outcome: 'pass', observed, expected, message: labels.length ? m('labels', { labels }) : m('defaultLabel') };
  },
});
