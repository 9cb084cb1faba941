import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { hasSecurityOption } from '../docker/engine';

export default containerCheck({
  id: 'cis.seccomp',
  title: 'Containers keep a seccomp profile',
  section: 'containers',
  severity: 'high',
  ...cis('5.22'),
  automated: true,
  decidedBy: 'HostConfig.SecurityOpt seccomp=unconfined (or seccomp:unconfined) fails, as does --privileged (which turns seccomp off) and a daemon without seccomp; a custom profile passes.',
  rationale: 'The default seccomp profile blocks system calls (keyctl, unshare, mount, bpf, ...) used in real container escapes.',
  remediation: 'Remove --security-opt seccomp=unconfined; if a syscall is missing, start from the default profile and allow only it: --security-opt seccomp=/path/profile.json.',
  judge: (c, { docker }) => {
    const opts = c.HostConfig.SecurityOpt ?? [];
    const sc = opts.filter((o) => /^seccomp[=:]/.test(o));
    const unconfined = sc.some((o) => /^seccomp[=:]unconfined$/.test(o));
    const observed = { SecurityOpt: opts, Privileged: !!c.HostConfig.Privileged, daemonSeccomp: hasSecurityOption(docker, 'seccomp') };
    const expected = { seccomp: 'default or custom profile' };
    const fix = { drop: ['--privileged'], dropWhere: (o: { flag: string; value?: string }) => o.flag === '--security-opt' && /^seccomp[=:]unconfined$/.test(o.value ?? '') };
    if (unconfined) return { outcome: 'fail', observed, expected, message: 'runs with seccomp disabled (seccomp=unconfined).', fix };
    if (c.HostConfig.Privileged) return { outcome: 'fail', observed, expected, message: 'is privileged, which runs it without seccomp.', fix };
    if (!observed.daemonSeccomp) return { outcome: 'fail', observed, expected, message: 'gets no seccomp profile: the daemon has none (see 2.17).' };
    return { outcome: 'pass', observed, expected, message: sc.length ? `runs with a custom seccomp profile (${sc.join(', ')}).` : "runs with Docker's default seccomp profile." };
  },
});
