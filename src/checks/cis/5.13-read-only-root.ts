import { cisDocker, defineCheck } from '../define';
import { containerTarget } from '../targets';

export default defineCheck({
  id: 'cis-5.13',
  title: "Containers' root filesystems are mounted read-only",
  section: 'containers',
  severity: 'medium',
  level: 1,
  automated: true,
  requires: ['docker'],
  decidedBy: 'HostConfig.ReadonlyRootfs of every container.',
  rationale: 'A writable root filesystem lets an attacker drop a payload or change the application; a read-only root forces state into declared volumes.',
  remediation: 'docker run --read-only --tmpfs /run --tmpfs /tmp -v <data>:/data ... (compose: read_only: true, tmpfs: [/run, /tmp])',
  references: [cisDocker('5.13', "Ensure that the container's root filesystem is mounted as read only")],
  evaluate: ({ docker }) =>
    docker.containers.map((c) => {
      const target = containerTarget(c);
      const ro = !!c.HostConfig.ReadonlyRootfs;
      return {
        outcome: ro ? ('pass' as const) : ('fail' as const),
        target,
        observed: { ReadonlyRootfs: ro, Tmpfs: c.HostConfig.Tmpfs ?? {} },
        expected: { ReadonlyRootfs: true },
        message: ro ? `${target.name} has a read-only root filesystem.` : `${target.name} has a writable root filesystem.`,
      };
    }),
});
