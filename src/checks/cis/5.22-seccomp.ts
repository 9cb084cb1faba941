import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { hasSecurityOption } from '../docker/engine';
import { templates } from '../text';

const m = templates({
  unconfined: { en: '{target} runs with seccomp disabled (seccomp=unconfined).', nb: '{target} kjører med seccomp slått av (seccomp=unconfined).' },
  privileged: { en: '{target} is privileged, which runs it without seccomp.', nb: '{target} er privilegert og kjører derfor uten seccomp.' },
  // Named by check id: its CIS number differs between benchmark versions (2.17 in 1.6.0, 2.18 in 1.8.0).
  noDaemonProfile: {
    en: '{target} gets no seccomp profile: the daemon has none (see cis.seccomp-profile).',
    nb: '{target} får ingen seccomp-profil: daemonen har ingen (se cis.seccomp-profile).',
  },
  custom: { en: '{target} runs with a custom seccomp profile ({options}).', nb: '{target} kjører med en egen seccomp-profil ({options}).' },
  default: { en: "{target} runs with Docker's default seccomp profile.", nb: '{target} kjører med seccomp-standardprofilen til Docker.' },
});

export default containerCheck({
  id: 'cis.seccomp',
  title: { en: 'Containers keep a seccomp profile', nb: 'Containere beholder en seccomp-profil' },
  section: 'containers',
  severity: 'high',
  ...cis('5.22'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'HostConfig.SecurityOpt seccomp=unconfined (or seccomp:unconfined) fails, as does --privileged (which turns seccomp off) and a daemon without seccomp; a custom profile passes.',
    nb: 'HostConfig.SecurityOpt seccomp=unconfined (eller seccomp:unconfined) gir ikke bestått, og det samme gjør --privileged (som slår av seccomp) og en daemon uten seccomp; en egen profil består.',
  },
  rationale: {
    en: 'The default seccomp profile blocks system calls (keyctl, unshare, mount, bpf, ...) used in real container escapes.',
    nb: 'Standardprofilen til seccomp blokkerer systemkall (keyctl, unshare, mount, bpf, ...) som er brukt i virkelige utbrudd fra containere.',
  },
  remediation: {
    en: 'Remove --security-opt seccomp=unconfined; if a syscall is missing, start from the default profile and allow only it: --security-opt seccomp=/path/profile.json.',
    nb: 'Fjern --security-opt seccomp=unconfined; mangler et systemkall, ta utgangspunkt i standardprofilen og tillat bare det: --security-opt seccomp=/sti/profil.json.',
  },
  judge: (c, { docker }) => {
    const opts = c.HostConfig.SecurityOpt ?? [];
    const sc = opts.filter((o) => /^seccomp[=:]/.test(o));
    const unconfined = sc.some((o) => /^seccomp[=:]unconfined$/.test(o));
    const observed = { SecurityOpt: opts, Privileged: !!c.HostConfig.Privileged, daemonSeccomp: hasSecurityOption(docker, 'seccomp') };
    const expected = { seccomp: 'default or custom profile' };
    const fix = { drop: ['--privileged'], dropWhere: (o: { flag: string; value?: string }) => o.flag === '--security-opt' && /^seccomp[=:]unconfined$/.test(o.value ?? '') };
    if (unconfined) return { outcome: 'fail', observed, expected, message: m('unconfined'), fix };
    if (c.HostConfig.Privileged) return { outcome: 'fail', observed, expected, message: m('privileged'), fix };
    if (!observed.daemonSeccomp) return { outcome: 'fail', observed, expected, message: m('noDaemonProfile') };
    return { outcome: 'pass', observed, expected, message: sc.length ? m('custom', { options: sc }) : m('default') };
  },
});
