import { cis } from '../docker/cis';
import { daemonSetting } from '../../domain/daemon-settings';
import { daemonConfigCheck } from '../docker/host-check';

export default daemonConfigCheck({
  id: 'cis.default-ulimits',
  title: 'Default ulimits are configured on the daemon',
  section: 'daemon',
  severity: 'low',
  ...cis('2.8'),
  automated: true,
  decidedBy: 'The effective default-ulimits: --default-ulimit flags or "default-ulimits" in daemon.json. Set: pass; unset: a person decides whether the inherited limits suit the workloads.',
  rationale: 'Default ulimits (open files, processes) stop one container from exhausting per-user kernel resources shared with the others.',
  remediation: 'daemon.json: { "default-ulimits": { "nofile": { "Name": "nofile", "Soft": 1024, "Hard": 4096 }, "nproc": { "Name": "nproc", "Soft": 1024, "Hard": 2048 } } }, then restart the daemon.',
  judge: (host) => {
    const s = daemonSetting(host, 'default-ulimit');
    const set = s.source !== 'default' && s.value !== null && (typeof s.value !== 'object' || Object.keys(s.value as object).length > 0);
    const observed = { 'default-ulimits': s.value ?? null, source: s.where };
    return set
      ? { outcome: 'pass', observed, expected: { 'default-ulimits': 'set' }, message: `Default ulimits are set (${s.source}).` }
      : { outcome: 'manual', observed, expected: { 'default-ulimits': 'set, or limits set per container' }, message: 'No default ulimits are set on the daemon: containers inherit the daemon\'s own limits. Confirm that suits the workloads.' };
  },
});
