import { cis } from '../docker/cis';
import { daemonSetting, truthy } from '../../domain/daemon-settings';
import { daemonConfigCheck } from '../docker/host-check';
import { settingSource } from '../docker/setting-text';
import { templates } from '../text';

const m = templates({
  on: { en: 'no-new-privileges is on for every container ({source}).', nb: 'no-new-privileges er slått på og gjelder alle containere ({source}).' },
  off: {
    en: 'no-new-privileges is not set on the daemon: setuid binaries can raise privileges in containers that do not set it themselves.',
    nb: 'no-new-privileges er ikke satt på daemonen: setuid-programmer kan gi høyere privilegier i containere som ikke setter det selv.',
  },
});

export default daemonConfigCheck({
  id: 'cis.daemon-no-new-privileges',
  title: { en: 'The daemon stops containers from gaining new privileges by default', nb: 'Daemonen hindrer som standard at containere får nye privilegier' },
  section: 'daemon',
  severity: 'medium',
  ...cis('2.14'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'The effective no-new-privileges setting: --no-new-privileges or "no-new-privileges": true in daemon.json (default false).',
    nb: 'Den effektive no-new-privileges-innstillingen: --no-new-privileges eller "no-new-privileges": true i daemon.json (standard: false).',
  },
  rationale: {
    en: 'no-new-privileges stops setuid binaries and file capabilities from raising privileges inside every container, unless a container opts out explicitly.',
    nb: 'no-new-privileges hindrer at setuid-programmer og capabilities på filer gir høyere privilegier i alle containere, med mindre en container uttrykkelig velger det bort.',
  },
  remediation: {
    en: 'daemon.json: { "no-new-privileges": true }, then restart the daemon (containers that rely on sudo/setuid will need changes).',
    nb: 'daemon.json: { "no-new-privileges": true }, og start daemonen på nytt (containere som er avhengige av sudo/setuid, må endres).',
  },
  judge: (host) => {
    const s = daemonSetting(host, 'no-new-privileges');
    const on = s.source !== 'default' && truthy(s.value);
    const observed = { 'no-new-privileges': on, source: s.where };
    return on
      ? { outcome: 'pass', observed, expected: { 'no-new-privileges': true }, message: m('on', { source: settingSource(s) }) }
      : { outcome: 'fail', observed, expected: { 'no-new-privileges': true }, message: m('off') };
  },
});
