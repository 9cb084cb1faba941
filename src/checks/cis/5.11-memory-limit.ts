import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { templates } from '../text';

const m = templates({
  none: { en: '{target} has no memory limit.', nb: '{target} har ingen minnegrense.' },
  unlimitedSwap: {
    en: '{target} is limited to {memory} MiB of memory but may use unlimited swap (--memory-swap -1).',
    nb: '{target} er begrenset til {memory} MiB minne, men kan bruke ubegrenset swap (--memory-swap -1).',
  },
  swap: { en: '{target} is limited to {memory} MiB of memory and {swap} MiB of swap.', nb: '{target} er begrenset til {memory} MiB minne og {swap} MiB swap.' },
  noSwap: { en: '{target} is limited to {memory} MiB of memory, no swap.', nb: '{target} er begrenset til {memory} MiB minne, uten swap.' },
});

/** Bytes as whole MiB. */
function mib(n: number): number {
  return Math.round(n / 1048576);
}

export default containerCheck({
  id: 'cis.memory-limit',
  title: { en: 'Containers have a memory limit, with swap limited too', nb: 'Containere har en minnegrense, og swap er også begrenset' },
  section: 'containers',
  severity: 'medium',
  ...cis('5.11'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'HostConfig.Memory: 0 means unlimited and fails. With a limit, HostConfig.MemorySwap = -1 (unlimited swap) warns; the default (twice the limit) or an equal value passes.',
    nb: 'HostConfig.Memory: 0 betyr ubegrenset og gir ikke bestått. Med en grense gir HostConfig.MemorySwap = -1 (ubegrenset swap) advarsel; standardverdien (det dobbelte av grensen) eller samme verdi som grensen består.',
  },
  rationale: {
    en: 'Without a memory limit one container can push the host into out-of-memory and get other containers, or the daemon, killed; unlimited swap turns the same problem into a host-wide slowdown.',
    nb: 'Uten minnegrense kan én container bruke opp minnet på verten, slik at andre containere eller daemonen blir drept; ubegrenset swap gjør det samme problemet om til at hele verten går tregt.',
  },
  remediation: {
    en: 'docker run --memory 512m --memory-swap 512m ... (compose: mem_limit: 512m, memswap_limit: 512m), sized to the workload.',
    nb: 'docker run --memory 512m --memory-swap 512m ... (compose: mem_limit: 512m, memswap_limit: 512m), tilpasset arbeidslasten.',
  },
  judge: (c) => {
    const mem = c.HostConfig.Memory ?? 0;
    const swap = c.HostConfig.MemorySwap ?? 0;
    const observed = { Memory: mem, MemorySwap: swap };
    const expected = { Memory: '> 0', MemorySwap: 'not -1 (unlimited)' };
    const fix = { drop: ['--memory', '--memory-swap'], add: [{ flag: '--memory', value: mem ? `${mib(mem)}m` : '512m' }, { flag: '--memory-swap', value: mem ? `${mib(mem)}m` : '512m' }] };
    if (!mem) return { outcome: 'fail', observed, expected, message: m('none'), fix };
    if (swap === -1) return { outcome: 'warn', observed, expected, severity: 'low', message: m('unlimitedSwap', { memory: mib(mem) }), fix };
    return { outcome: 'pass', observed, expected, message: swap > mem ? m('swap', { memory: mib(mem), swap: mib(swap - mem) }) : m('noSwap', { memory: mib(mem) }) };
  },
});
