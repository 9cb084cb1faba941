import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';

export default containerCheck({
  id: 'cis.cpu-limit',
  title: 'Containers have a CPU limit or CPU priority set',
  section: 'containers',
  severity: 'low',
  ...cis('5.12'),
  automated: true,
  decidedBy: 'HostConfig.NanoCpus (--cpus), CpuQuota, CpuShares and CpusetCpus: when none is set the container competes for all CPUs without limit and fails.',
  rationale: 'A container without a CPU limit or weight can starve the others and the host services on the same machine.',
  remediation: 'docker run --cpus 1 ... (compose: cpus: "1.0"), or --cpu-shares 512 for a relative weight.',
  judge: (c) => {
    const hc = c.HostConfig;
    const observed = { NanoCpus: hc.NanoCpus ?? 0, CpuQuota: hc.CpuQuota ?? 0, CpuShares: hc.CpuShares ?? 0, CpusetCpus: hc.CpusetCpus ?? '' };
    const set = [hc.NanoCpus ? `--cpus ${(hc.NanoCpus ?? 0) / 1e9}` : '', hc.CpuQuota ? `cpu quota ${hc.CpuQuota}` : '', hc.CpuShares ? `cpu shares ${hc.CpuShares}` : '', hc.CpusetCpus ? `cpuset ${hc.CpusetCpus}` : ''].filter(Boolean);
    return set.length
      ? { outcome: 'pass', observed, expected: { cpu: 'a limit or weight' }, message: `has CPU controls: ${set.join(', ')}.` }
      : { outcome: 'fail', observed, expected: { cpu: 'a limit or weight' }, message: 'has no CPU limit or priority.', fix: { add: [{ flag: '--cpus', value: '1' }] } };
  },
});
