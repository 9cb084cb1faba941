import { cis } from '../docker/cis';
import { daemonSetting, truthy } from '../../domain/daemon-settings';
import { daemonConfigCheck } from '../docker/host-check';

export default daemonConfigCheck({
  id: 'cis.userland-proxy',
  title: 'The userland proxy is disabled',
  section: 'daemon',
  severity: 'low',
  ...cis('2.16'),
  automated: true,
  decidedBy: 'The effective userland-proxy setting (--userland-proxy or "userland-proxy", default true); the number of docker-proxy processes on the host is shown as corroboration.',
  rationale: 'docker-proxy is an extra root process per published port that widens the attack surface; with hairpin NAT the kernel does the same job.',
  remediation: 'daemon.json: { "userland-proxy": false }, then restart the daemon (needs hairpin NAT, any current kernel). The daemon then sets route_localnet=1 on its bridges so ports published on 127.0.0.1 stay reachable; keep the engine current, as its firewall rules are what keep those ports off the network. A rootless daemon cannot turn the proxy off (its ports go through RootlessKit): record that as a waiver.',
  judge: (host) => {
    const s = daemonSetting(host, 'userland-proxy');
    const on = s.source === 'default' ? true : truthy(s.value);
    const observed = { 'userland-proxy': on, source: s.where, dockerProxyProcesses: host.dockerProxyCount };
    return on
      ? { outcome: 'fail', observed, expected: { 'userland-proxy': false }, message: `The userland proxy is on (${s.source})${host.dockerProxyCount ? `: ${host.dockerProxyCount} docker-proxy process(es) run` : ''}.` }
      : { outcome: 'pass', observed, expected: { 'userland-proxy': false }, message: 'The userland proxy is disabled.' };
  },
});
