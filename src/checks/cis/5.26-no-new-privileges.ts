import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { daemonSetting, daemonSettingsGap, truthy } from '../../domain/daemon-settings';

/** `no-new-privileges`, `no-new-privileges:true`, `no-new-privileges=true` → true; `=false` → false; absent → null. */
export function noNewPrivilegesOption(opts: readonly string[]): boolean | null {
  let v: boolean | null = null;
  for (const o of opts) {
    const m = /^no-new-privileges(?:[=:](.*))?$/.exec(o);
    if (m) v = m[1] === undefined ? true : truthy(m[1]);
  }
  return v;
}

export default containerCheck({
  id: 'cis.container-no-new-privileges',
  title: 'Containers cannot acquire additional privileges',
  section: 'containers',
  severity: 'medium',
  ...cis('5.26'),
  automated: true,
  requires: ['docker', 'host'],
  decidedBy:
    "HostConfig.SecurityOpt no-new-privileges of each container, else the daemon-wide no-new-privileges setting from the daemon's command line or daemon.json (which inspect does not show). An explicit no-new-privileges=false fails even when the daemon sets it.",
  rationale: 'no-new-privileges stops setuid binaries and file capabilities from raising a process\'s privileges inside the container.',
  remediation: 'docker run --security-opt no-new-privileges ... (compose: security_opt: [no-new-privileges:true]), or set "no-new-privileges": true in daemon.json for every container.',
  judge: (c, { host }) => {
    const opt = noNewPrivilegesOption(c.HostConfig.SecurityOpt ?? []);
    const fix = { dropWhere: (o: { flag: string; value?: string }) => o.flag === '--security-opt' && /^no-new-privileges/.test(o.value ?? ''), add: [{ flag: '--security-opt', value: 'no-new-privileges' }] };
    const expected = { 'no-new-privileges': true };
    if (opt === true) return { outcome: 'pass', observed: { SecurityOpt: c.HostConfig.SecurityOpt ?? [] }, expected, message: 'sets no-new-privileges.' };
    if (opt === false) return { outcome: 'fail', observed: { SecurityOpt: c.HostConfig.SecurityOpt ?? [] }, expected, message: 'explicitly allows new privileges (no-new-privileges=false).', fix };
    const gap = host ? daemonSettingsGap(host) : 'no host evidence';
    if (gap) return { outcome: 'error', observed: { SecurityOpt: c.HostConfig.SecurityOpt ?? [] }, expected, message: `does not set no-new-privileges itself, and the daemon-wide setting is unknown: ${gap}.` };
    const d = daemonSetting(host!, 'no-new-privileges');
    const daemonWide = d.source !== 'default' && truthy(d.value);
    const observed = { SecurityOpt: c.HostConfig.SecurityOpt ?? [], daemon: { 'no-new-privileges': daemonWide, source: d.where } };
    return daemonWide
      ? { outcome: 'pass', observed, expected, message: `gets no-new-privileges from the daemon (${d.where}).` }
      : { outcome: 'fail', observed, expected, message: 'can gain new privileges: neither it nor the daemon sets no-new-privileges.', fix };
  },
});
