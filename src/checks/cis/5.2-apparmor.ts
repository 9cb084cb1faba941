import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { hasSecurityOption } from '../docker/engine';

export default containerCheck({
  id: 'cis.apparmor',
  title: 'Containers run under an AppArmor profile where AppArmor is available',
  section: 'containers',
  severity: 'medium',
  ...cis('5.2'),
  automated: true,
  decidedBy:
    'Where the engine reports name=apparmor in Info.SecurityOptions, each container\'s AppArmorProfile must be set and not unconfined (privileged containers are unconfined). On hosts without AppArmor the control does not apply (docker-bench warns on every container).',
  rationale: 'AppArmor confines what a container process may touch on the host (mounts, /proc, raw sockets) even when it is root inside.',
  remediation: 'Run with the default profile (remove --security-opt apparmor=unconfined) or a custom one: docker run --security-opt apparmor=<profile> ...',
  judge: (c, { docker }) => {
    const profile = c.HostConfig.Privileged ? 'unconfined' : c.AppArmorProfile ?? '';
    const observed = { AppArmorProfile: c.AppArmorProfile ?? '', Privileged: !!c.HostConfig.Privileged, hostAppArmor: hasSecurityOption(docker, 'apparmor') };
    const expected = { AppArmorProfile: 'docker-default or a custom profile' };
    if (!observed.hostAppArmor) return { outcome: 'not-applicable', observed, expected, message: 'runs on a host without AppArmor (no name=apparmor in the engine\'s security options).' };
    const ok = profile !== '' && profile !== 'unconfined';
    return {
      outcome: ok ? 'pass' : 'fail',
      observed,
      expected,
      message: ok ? `runs under AppArmor profile ${profile}.` : `runs without AppArmor confinement (${profile || 'no profile'}).`,
      fix: { drop: ['--privileged'], dropWhere: (o) => o.flag === '--security-opt' && /^apparmor[=:]/.test(o.value ?? ''), add: [{ flag: '--security-opt', value: 'apparmor=docker-default' }] },
    };
  },
});
