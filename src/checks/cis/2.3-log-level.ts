import { cis } from '../docker/cis';
import { daemonSetting, truthy } from '../../domain/daemon-settings';
import { daemonConfigCheck } from '../docker/host-check';
import { settingSource, settingWhere } from '../docker/setting-text';
import { templates } from '../text';

const m = templates({
  debug: { en: 'The daemon runs in debug mode ({where}).', nb: 'Daemonen kjører i debug-modus ({where}).' },
  info: { en: 'The daemon logs at level info ({source}).', nb: 'Daemonen logger på nivå info ({source}).' },
  other: { en: 'The daemon logs at level {level} ({where}), not info.', nb: 'Daemonen logger på nivå {level} ({where}), ikke info.' },
});

export default daemonConfigCheck({
  id: 'cis.log-level',
  title: { en: "The daemon logs at level 'info'", nb: 'Daemonen logger på nivå «info»' },
  section: 'daemon',
  severity: 'low',
  ...cis('2.3'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'The effective log-level of the running daemon: -l/--log-level on its command line, else "log-level" in its daemon.json, else the default info; --debug / "debug": true also counts as debug.',
    nb: 'Det effektive loggnivået til daemonen som kjører: -l/--log-level på kommandolinjen, ellers "log-level" i daemon.json, ellers standardverdien info; --debug / "debug": true teller også som debug.',
  },
  rationale: {
    en: "'info' records the events an investigation needs; 'debug' floods the log and may record request details, while warn/error drop the events.",
    nb: '«info» registrerer hendelsene en etterforskning trenger; «debug» oversvømmer loggen og kan registrere detaljer fra forespørsler, mens warn/error utelater hendelsene.',
  },
  remediation: {
    en: 'daemon.json: { "log-level": "info" } and remove --debug / "debug": true; restart the daemon.',
    nb: 'daemon.json: { "log-level": "info" }, og fjern --debug / "debug": true; start daemonen på nytt.',
  },
  judge: (host) => {
    const level = daemonSetting(host, 'log-level');
    const debug = daemonSetting(host, 'debug');
    const observed = { 'log-level': level.value ?? 'info', source: level.where, debug: debug.source === 'default' ? false : truthy(debug.value) };
    const expected = { 'log-level': 'info' };
    if (observed.debug) return { outcome: 'fail', observed, expected, message: m('debug', { where: settingWhere(debug) }) };
    const v = String(level.value ?? 'info').toLowerCase();
    return v === 'info'
      ? { outcome: 'pass', observed, expected, message: m('info', { source: settingSource(level) }) }
      : { outcome: 'fail', observed, expected, message: m('other', { level: v, where: settingWhere(level) }) };
  },
});
