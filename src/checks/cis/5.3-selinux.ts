import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { hasSecurityOption } from '../docker/engine';

export default containerCheck({
  id: 'cis.selinux',
  title: 'Containers run with SELinux labels where SELinux is enabled',
  section: 'containers',
  severity: 'medium',
  ...cis('5.3'),
  automated: true,
  decidedBy:
    'Only SELinux options count: `label=` entries in HostConfig.SecurityOpt, and whether the daemon runs with SELinux (name=selinux in Info.SecurityOptions). label=disable or --privileged fails. ' +
    'Unrelated options such as no-new-privileges or seccomp=unconfined do not satisfy it (docker-bench passes any option). Without SELinux on the daemon the control does not apply.',
  rationale: 'SELinux labels keep a container process from reading or writing host files and other containers\' files even when it runs as root.',
  remediation: 'Start dockerd with --selinux-enabled (daemon.json "selinux-enabled": true) on an SELinux host, and do not disable labels: remove --security-opt label=disable; add e.g. --security-opt label=level:s0:c100,c200 for separation.',
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
        message: `runs on a daemon without SELinux (no name=selinux in its security options)${opts.length && !labels.length ? `; its other options (${opts.join(', ')}) are not SELinux options` : ''}.`,
      };
    }
    if (disabled) {
      return {
        outcome: 'fail',
        observed,
        expected,
        message: c.HostConfig.Privileged ? 'is privileged, which disables SELinux labelling.' : 'disables SELinux labelling (label=disable).',
        fix: { drop: ['--privileged'], dropWhere: (o) => o.flag === '--security-opt' && /^label[=:]disable$/.test(o.value ?? '') },
      };
    }
    return { outcome: 'pass', observed, expected, message: labels.length ? `runs with SELinux options ${labels.join(', ')}.` : "runs with the daemon's default SELinux container label." };
  },
});
