import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';

/** `''`, `root`, `0`, `0:0`, `root:root`, `0:1000` all run the process as uid 0. */
export function runsAsRoot(user: string | undefined): boolean {
  const u = (user ?? '').trim().split(':')[0];
  return u === '' || u === 'root' || u === '0';
}

export default containerCheck({
  id: 'cis.container-user',
  title: 'Containers run as a non-root user',
  section: 'images',
  severity: 'medium',
  ...cis('4.1'),
  automated: true,
  decidedBy: "Config.User of every container (the image's USER unless --user overrode it): empty, root or uid 0 fails.",
  rationale: 'A process that is root inside the container is root on the host kernel unless user namespaces remap it; any escape then starts from root.',
  remediation: 'Add `RUN useradd -r -u 10001 app` and `USER 10001` to the Dockerfile, or run with --user 10001:10001 (compose: user: "10001:10001").',
  judge: (c) => {
    const user = c.Config.User ?? '';
    const root = runsAsRoot(user);
    return {
      outcome: root ? 'fail' : 'pass',
      observed: { User: user },
      expected: { User: 'a non-root uid or user name' },
      message: root ? `runs as root${user ? ` (User: ${user})` : ' (no user set)'}.` : `runs as ${user}.`,
      fix: { drop: ['--user'], add: [{ flag: '--user', value: '10001:10001' }] },
    };
  },
});
