import { cis } from '../docker/cis';
import { daemonSetting, truthy } from '../../domain/daemon-settings';
import { daemonConfigCheck } from '../docker/host-check';
import { settingSource, settingWhere } from '../docker/setting-text';
import { templates } from '../text';

const m = templates({
  managed: { en: 'Docker manages iptables ({source}).', nb: 'Docker styrer iptables ({source}).' },
  unmanaged: { en: 'Docker is told not to manage iptables ({where}).', nb: 'Docker er satt til ikke å styre iptables ({where}).' },
});

export default daemonConfigCheck({
  id: 'cis.iptables',
  title: { en: 'Docker manages the iptables rules for its networks', nb: 'Docker styrer iptables-reglene for nettverkene sine' },
  section: 'daemon',
  severity: 'medium',
  ...cis('2.4'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'The effective iptables setting: --iptables on the command line, else "iptables" in daemon.json, else the default true.',
    nb: 'Den effektive iptables-innstillingen: --iptables på kommandolinjen, ellers "iptables" i daemon.json, ellers standardverdien true.',
  },
  rationale: {
    en: 'With iptables off, Docker no longer writes the rules that isolate networks and publish only the declared ports; hand-written rules drift from what the containers need.',
    nb: 'Når iptables er slått av, skriver ikke Docker lenger reglene som isolerer nettverkene og bare publiserer de oppgitte portene; håndskrevne regler kommer etter hvert i utakt med det containerne trenger.',
  },
  remediation: {
    en: 'Remove --iptables=false / "iptables": false from the daemon configuration and restart the daemon.',
    nb: 'Fjern --iptables=false / "iptables": false fra daemonkonfigurasjonen, og start daemonen på nytt.',
  },
  judge: (host) => {
    const s = daemonSetting(host, 'iptables');
    const on = s.source === 'default' ? true : truthy(s.value);
    const observed = { iptables: on, source: s.where };
    return on
      ? { outcome: 'pass', observed, expected: { iptables: true }, message: m('managed', { source: settingSource(s) }) }
      : { outcome: 'fail', observed, expected: { iptables: true }, message: m('unmanaged', { where: settingWhere(s) }) };
  },
});
