import { cis } from '../docker/cis';
import { daemonSetting, truthy } from '../../domain/daemon-settings';
import { daemonConfigCheck } from '../docker/host-check';
import { settingSource } from '../docker/setting-text';
import { templates } from '../text';

const m = templates({
  on: { en: 'The userland proxy is on ({source}).', nb: 'Userland-proxyen er slått på ({source}).' },
  onWithProcesses: {
    en: 'The userland proxy is on ({source}): {n} docker-proxy process(es) run.',
    nb: 'Userland-proxyen er slått på ({source}): {n} docker-proxy-prosess(er) kjører.',
  },
  off: { en: 'The userland proxy is disabled.', nb: 'Userland-proxyen er slått av.' },
});

export default daemonConfigCheck({
  id: 'cis.userland-proxy',
  title: { en: 'The userland proxy is disabled', nb: 'Userland-proxyen er slått av' },
  section: 'daemon',
  severity: 'low',
  ...cis('2.16'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'The effective userland-proxy setting (--userland-proxy or "userland-proxy", default true); the number of docker-proxy processes on the host is shown as corroboration.',
    nb: 'Den effektive userland-proxy-innstillingen (--userland-proxy eller "userland-proxy", standard: true); antallet docker-proxy-prosesser på verten vises som støtte.',
  },
  rationale: {
    en: 'docker-proxy is an extra root process per published port that widens the attack surface; with hairpin NAT the kernel does the same job.',
    nb: 'docker-proxy er en ekstra root-prosess per publisert port, som gjør angrepsflaten større; med hairpin NAT gjør kjernen den samme jobben.',
  },
  remediation: {
    en: 'daemon.json: { "userland-proxy": false }, then restart the daemon (needs hairpin NAT, any current kernel). The daemon then sets route_localnet=1 on its bridges so ports published on 127.0.0.1 stay reachable; keep the engine current, as its firewall rules are what keep those ports off the network. A rootless daemon cannot turn the proxy off (its ports go through RootlessKit): record that as a waiver.',
    nb: 'daemon.json: { "userland-proxy": false }, og start daemonen på nytt (krever hairpin NAT, som alle nyere kjerner har). Daemonen setter da route_localnet=1 på broene sine, slik at porter publisert på 127.0.0.1 fortsatt kan nås; hold motoren oppdatert, for det er brannmurreglene dens som holder disse portene borte fra nettverket. En rootless daemon kan ikke slå av proxyen (portene går gjennom RootlessKit): registrer det som et unntak.',
  },
  judge: (host) => {
    const s = daemonSetting(host, 'userland-proxy');
    const on = s.source === 'default' ? true : truthy(s.value);
    const observed = { 'userland-proxy': on, source: s.where, dockerProxyProcesses: host.dockerProxyCount };
    if (!on) return { outcome: 'pass', observed, expected: { 'userland-proxy': false }, message: m('off') };
    const source = settingSource(s);
    return {
      outcome: 'fail',
      observed,
      expected: { 'userland-proxy': false },
      message: host.dockerProxyCount ? m('onWithProcesses', { source, n: host.dockerProxyCount }) : m('on', { source }),
    };
  },
});
