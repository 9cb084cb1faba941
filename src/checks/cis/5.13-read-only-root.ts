import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';

export default containerCheck({
  id: 'cis.read-only-root',
  title: "Containers' root filesystems are mounted read-only",
  section: 'containers',
  severity: 'medium',
  ...cis('5.13'),
  automated: true,
  decidedBy: 'HostConfig.ReadonlyRootfs of every container; the tmpfs mounts are shown so the fix keeps /run and /tmp writable.',
  rationale: 'A writable root filesystem lets an attacker drop a payload or change the application; a read-only root forces state into declared volumes.',
  remediation: 'docker run --read-only --tmpfs /run --tmpfs /tmp -v <data>:/data ... (compose: read_only: true, tmpfs: [/run, /tmp])',
  judge: (c) => {
    const ro = !!c.HostConfig.ReadonlyRootfs;
    const tmpfs = Object.keys(c.HostConfig.Tmpfs ?? {});
    const missing = ['/run', '/tmp'].filter((p) => !tmpfs.includes(p));
    return {
      outcome: ro ? 'pass' : 'fail',
      observed: { ReadonlyRootfs: ro, Tmpfs: c.HostConfig.Tmpfs ?? {} },
      expected: { ReadonlyRootfs: true, Tmpfs: ['/run', '/tmp'] },
      message: ro ? `has a read-only root filesystem${tmpfs.length ? ` with tmpfs on ${tmpfs.join(', ')}` : ''}.` : 'has a writable root filesystem.',
      fix: { add: [{ flag: '--read-only' }, ...missing.map((p) => ({ flag: '--tmpfs', value: p }))] },
    };
  },
});
