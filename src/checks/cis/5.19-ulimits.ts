import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { templates } from '../text';

const m = templates({
  overrides: { en: '{target} overrides ulimits ({ulimits}); confirm they are needed.', nb: '{target} overstyrer ulimits ({ulimits}); bekreft at det trengs.' },
  defaults: { en: "{target} uses the daemon's default ulimits.", nb: '{target} bruker daemonens standardverdier (ulimits).' },
});

export default containerCheck({
  id: 'cis.ulimits',
  title: { en: 'Container ulimits override the defaults only where needed', nb: 'Containere overstyrer standardgrensene (ulimits) bare der det trengs' },
  section: 'containers',
  severity: 'low',
  ...cis('5.19'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: "HostConfig.Ulimits: none means the daemon's defaults apply and passes; overrides are listed for a person to confirm they are needed.",
    nb: 'HostConfig.Ulimits: ingen overstyringer betyr at daemonens standardverdier gjelder, og det består; overstyringer listes, så en person kan bekrefte at de trengs.',
  },
  rationale: {
    en: 'Raised ulimits (open files, processes, locked memory) give one container room to exhaust resources shared with the others.',
    nb: 'Høyere ulimits (åpne filer, prosesser, låst minne) gir én container rom til å bruke opp ressurser den deler med de andre.',
  },
  remediation: {
    // Named by check id: its CIS number differs between benchmark versions (2.8 in 1.6.0, 2.9 in 1.8.0).
    en: 'Remove --ulimit overrides that are not needed; set sensible defaults on the daemon ("default-ulimits", see cis.default-ulimits).',
    nb: 'Fjern --ulimit-overstyringer som ikke trengs; sett fornuftige standardverdier på daemonen («default-ulimits», se cis.default-ulimits).',
  },
  judge: (c) => {
    const u = (c.HostConfig.Ulimits ?? []).map((x) => `${x.Name}=${x.Soft}:${x.Hard}`);
    return u.length
      ? { outcome: 'manual', observed: { Ulimits: u }, expected: { Ulimits: 'overrides only where needed' }, message: m('overrides', { ulimits: u }) }
      : { outcome: 'pass', observed: { Ulimits: [] }, expected: { Ulimits: 'overrides only where needed' }, message: m('defaults') };
  },
});
