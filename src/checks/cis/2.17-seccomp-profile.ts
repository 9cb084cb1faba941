import { cis } from '../docker/cis';
import { engineTarget, securityOptions } from '../docker/engine';
import { defineCheck } from '../define';

export default defineCheck<'docker'>({
  id: 'cis.seccomp-profile',
  title: 'A daemon-wide seccomp profile is applied',
  section: 'daemon',
  severity: 'medium',
  ...cis('2.17'),
  automated: true,
  requires: ['docker'],
  decidedBy: 'Info.SecurityOptions from the Engine API: `name=seccomp,profile=default` or a custom profile passes; `profile=unconfined` or no seccomp at all fails.',
  rationale: 'Seccomp removes about 50 rarely needed system calls from containers, closing kernel attack surface that has carried real escapes.',
  remediation: 'Remove "seccomp-profile": "unconfined" from daemon.json, or set "seccomp-profile": "/etc/docker/seccomp/custom.json" to a tightened copy of the default profile; the kernel needs CONFIG_SECCOMP.',
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const sc = securityOptions(docker).find((o) => o.name === 'seccomp');
    const observed = { SecurityOptions: docker.info.SecurityOptions ?? [] };
    const expected = { seccomp: 'profile=default or a custom profile' };
    if (!sc) return [{ outcome: 'fail', target, observed, expected, message: 'The daemon applies no seccomp profile (the kernel or build lacks seccomp).' }];
    if (sc.profile === 'unconfined') return [{ outcome: 'fail', target, observed, expected, message: 'The daemon-wide seccomp profile is unconfined: containers can make every system call.' }];
    return [{ outcome: 'pass', target, observed, expected, message: sc.profile === 'default' || !sc.profile ? "Containers get Docker's default seccomp profile." : `Containers get the custom seccomp profile ${sc.profile}.` }];
  },
});
