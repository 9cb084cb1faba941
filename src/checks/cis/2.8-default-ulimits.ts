import { cis } from '../docker/cis';
import { daemonSetting } from '../../domain/daemon-settings';
import { daemonConfigCheck } from '../docker/host-check';
import { settingSource } from '../docker/setting-text';
import { templates } from '../text';

const m = templates({
  set: { en: 'Default ulimits are set ({source}).', nb: 'Standardgrenser (ulimits) er satt ({source}).' },
  unset: {
    en: "No default ulimits are set on the daemon: containers inherit the daemon's own limits. Confirm that suits the workloads.",
    nb: 'Ingen standardgrenser (ulimits) er satt på daemonen: containere arver daemonens egne grenser. Bekreft at det passer arbeidslastene.',
  },
});

export default daemonConfigCheck({
  id: 'cis.default-ulimits',
  title: { en: 'Default ulimits are configured on the daemon', nb: 'Standardgrenser (ulimits) er satt på daemonen' },
  section: 'daemon',
  severity: 'low',
  ...cis('2.8'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'The effective default-ulimits: --default-ulimit flags or "default-ulimits" in daemon.json. Set: pass; unset: a person decides whether the inherited limits suit the workloads.',
    nb: 'De effektive default-ulimits: --default-ulimit-flagg eller "default-ulimits" i daemon.json. Satt: bestått; ikke satt: en person avgjør om de arvede grensene passer arbeidslastene.',
  },
  rationale: {
    en: 'Default ulimits (open files, processes) stop one container from exhausting per-user kernel resources shared with the others.',
    nb: 'Standardgrenser (åpne filer, prosesser) hindrer at én container bruker opp kjerneressurser per bruker som den deler med de andre.',
  },
  remediation: {
    en: 'daemon.json: { "default-ulimits": { "nofile": { "Name": "nofile", "Soft": 1024, "Hard": 4096 }, "nproc": { "Name": "nproc", "Soft": 1024, "Hard": 2048 } } }, then restart the daemon.',
    nb: 'daemon.json: { "default-ulimits": { "nofile": { "Name": "nofile", "Soft": 1024, "Hard": 4096 }, "nproc": { "Name": "nproc", "Soft": 1024, "Hard": 2048 } } }, og start daemonen på nytt.',
  },
  judge: (host) => {
    const s = daemonSetting(host, 'default-ulimit');
    const set = s.source !== 'default' && s.value !== null && (typeof s.value !== 'object' || Object.keys(s.value as object).length > 0);
    const observed = { 'default-ulimits': s.value ?? null, source: s.where };
    return set
      ? { outcome: 'pass', observed, expected: { 'default-ulimits': 'set' }, message: m('set', { source: settingSource(s) }) }
      : { outcome: 'manual', observed, expected: { 'default-ulimits': 'set, or limits set per container' }, message: m('unset') };
  },
});
