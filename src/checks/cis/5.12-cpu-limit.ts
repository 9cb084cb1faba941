import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { joinTexts, templates } from '../text';
import type { LocalText } from '../types';

const m = templates({
  controls: { en: '{target} has CPU controls: {controls}.', nb: '{target} har CPU-styring: {controls}.' },
  none: { en: '{target} has no CPU limit or priority.', nb: '{target} har verken CPU-grense eller CPU-prioritet.' },
  // The items of {controls}.
  cpus: { en: '--cpus {cpus}', nb: '--cpus {cpus}' },
  quota: { en: 'cpu quota {quota}', nb: 'CPU-kvote {quota}' },
  shares: { en: 'cpu shares {shares}', nb: 'CPU-vekt {shares}' },
  cpuset: { en: 'cpuset {cpuset}', nb: 'cpuset {cpuset}' },
});

export default containerCheck({
  id: 'cis.cpu-limit',
  title: { en: 'Containers have a CPU limit or CPU priority set', nb: 'Containere har en CPU-grense eller CPU-prioritet' },
  section: 'containers',
  severity: 'low',
  ...cis('5.12'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'HostConfig.NanoCpus (--cpus), CpuQuota, CpuShares and CpusetCpus: when none is set the container competes for all CPUs without limit and fails.',
    nb: 'HostConfig.NanoCpus (--cpus), CpuQuota, CpuShares og CpusetCpus: er ingen av dem satt, konkurrerer containeren om alle CPU-ene uten grense og består ikke.',
  },
  rationale: {
    en: 'A container without a CPU limit or weight can starve the others and the host services on the same machine.',
    nb: 'En container uten CPU-grense eller vekting kan sulte ut de andre containerne og vertens egne tjenester på samme maskin.',
  },
  remediation: {
    en: 'docker run --cpus 1 ... (compose: cpus: "1.0"), or --cpu-shares 512 for a relative weight.',
    nb: 'docker run --cpus 1 ... (compose: cpus: "1.0"), eller --cpu-shares 512 som relativ vekt.',
  },
  judge: (c) => {
    const hc = c.HostConfig;
    const observed = { NanoCpus: hc.NanoCpus ?? 0, CpuQuota: hc.CpuQuota ?? 0, CpuShares: hc.CpuShares ?? 0, CpusetCpus: hc.CpusetCpus ?? '' };
    const set: LocalText[] = [];
    // A flag value as docker takes it (0.5, not a localized 0,5).
    if (hc.NanoCpus) set.push(m('cpus', { cpus: String(hc.NanoCpus / 1e9) }));
    if (hc.CpuQuota) set.push(m('quota', { quota: String(hc.CpuQuota) }));
    if (hc.CpuShares) set.push(m('shares', { shares: String(hc.CpuShares) }));
    if (hc.CpusetCpus) set.push(m('cpuset', { cpuset: hc.CpusetCpus }));
    return set.length
      ? { outcome: 'pass', observed, expected: { cpu: 'a limit or weight' }, message: m('controls', { controls: joinTexts(set) }) }
      : { outcome: 'fail', observed, expected: { cpu: 'a limit or weight' }, message: m('none'), fix: { add: [{ flag: '--cpus', value: '1' }] } };
  },
});
