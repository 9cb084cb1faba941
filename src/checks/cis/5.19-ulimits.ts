import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';

export default containerCheck({
  id: 'cis.ulimits',
  title: 'Container ulimits override the defaults only where needed',
  section: 'containers',
  severity: 'low',
  ...cis('5.19'),
  automated: true,
  decidedBy: "HostConfig.Ulimits: none means the daemon's defaults apply and passes; overrides are listed for a person to confirm they are needed.",
  rationale: 'Raised ulimits (open files, processes, locked memory) give one container room to exhaust resources shared with the others.',
  remediation: 'Remove --ulimit overrides that are not needed; set sensible defaults on the daemon ("default-ulimits", see 2.8).',
  judge: (c) => {
    const u = (c.HostConfig.Ulimits ?? []).map((x) => `${x.Name}=${x.Soft}:${x.Hard}`);
    return u.length
      ? { outcome: 'manual', observed: { Ulimits: u }, expected: { Ulimits: 'overrides only where needed' }, message: `overrides ulimits (${u.join(', ')}); confirm they are needed.` }
      : { outcome: 'pass', observed: { Ulimits: [] }, expected: { Ulimits: 'overrides only where needed' }, message: "uses the daemon's default ulimits." };
  },
});
