import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';

function mib(n: number): string {
  return `${Math.round(n / 1048576)} MiB`;
}

export default containerCheck({
  id: 'cis.memory-limit',
  title: 'Containers have a memory limit, with swap limited too',
  section: 'containers',
  severity: 'medium',
  ...cis('5.11'),
  automated: true,
  decidedBy: 'HostConfig.Memory: 0 means unlimited and fails. With a limit, HostConfig.MemorySwap = -1 (unlimited swap) warns; the default (twice the limit) or an equal value passes.',
  rationale: 'Without a memory limit one container can push the host into out-of-memory and get other containers, or the daemon, killed; unlimited swap turns the same problem into a host-wide slowdown.',
  remediation: 'docker run --memory 512m --memory-swap 512m ... (compose: mem_limit: 512m, memswap_limit: 512m), sized to the workload.',
  judge: (c) => {
    const mem = c.HostConfig.Memory ?? 0;
    const swap = c.HostConfig.MemorySwap ?? 0;
    const observed = { Memory: mem, MemorySwap: swap };
    const expected = { Memory: '> 0', MemorySwap: 'not -1 (unlimited)' };
    const fix = { drop: ['--memory', '--memory-swap'], add: [{ flag: '--memory', value: mem ? `${Math.round(mem / 1048576)}m` : '512m' }, { flag: '--memory-swap', value: mem ? `${Math.round(mem / 1048576)}m` : '512m' }] };
    if (!mem) return { outcome: 'fail', observed, expected, message: 'has no memory limit.', fix };
    if (swap === -1) return { outcome: 'warn', observed, expected, severity: 'low', message: `is limited to ${mib(mem)} of memory but may use unlimited swap (--memory-swap -1).`, fix };
    return { outcome: 'pass', observed, expected, message: `is limited to ${mib(mem)} of memory${swap > mem ? ` and ${mib(swap - mem)} of swap` : ', no swap'}.` };
  },
});
