import { cis } from '../docker/cis';
import { asList, daemonSetting } from '../../domain/daemon-settings';
import { daemonConfigCheck } from '../docker/host-check';

export default daemonConfigCheck({
  id: 'cis.dm-basesize',
  title: 'The base device size is left at its default',
  section: 'daemon',
  severity: 'low',
  ...cis('2.11'),
  automated: true,
  decidedBy: 'The effective storage options: --storage-opt or "storage-opts" in daemon.json must not contain dm.basesize (devicemapper).',
  rationale: 'A larger base device lets each container write more before it is stopped; raised without need it weakens the disk-exhaustion guard.',
  remediation: 'Remove dm.basesize from "storage-opts" in daemon.json unless a workload needs it, and record why.',
  judge: (host) => {
    const s = daemonSetting(host, 'storage-opt');
    const opts = asList(s.value);
    const base = opts.filter((o) => /^dm\.basesize=/.test(o));
    const observed = { 'storage-opts': opts, source: s.where };
    return base.length
      ? { outcome: 'warn', observed, expected: { 'storage-opts': 'no dm.basesize' }, message: `The base device size is changed (${base.join(', ')}); confirm a workload needs it.` }
      : { outcome: 'pass', observed, expected: { 'storage-opts': 'no dm.basesize' }, message: 'The base device size is not changed.' };
  },
});
