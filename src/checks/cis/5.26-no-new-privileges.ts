import type { HostEvidence } from '../../evidence/types/host';
import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { daemonSetting, daemonSettingsGap, truthy } from '../../domain/daemon-settings';
import { templates } from '../text';
import type { LocalText } from '../types';

const m = templates({
  set: { en: '{target} sets no-new-privileges.', nb: '{target} setter no-new-privileges.' },
  allowed: { en: '{target} explicitly allows new privileges (no-new-privileges=false).', nb: '{target} tillater uttrykkelig nye privilegier (no-new-privileges=false).' },
  unknown: {
    en: '{target} does not set no-new-privileges itself, and the daemon-wide setting is unknown: {gap}.',
    nb: '{target} setter ikke no-new-privileges selv, og innstillingen på daemonnivå er ukjent: {gap}.',
  },
  fromDaemon: { en: '{target} gets no-new-privileges from the daemon ({where}).', nb: '{target} får no-new-privileges fra daemonen ({where}).' },
  neither: {
    en: '{target} can gain new privileges: neither it nor the daemon sets no-new-privileges.',
    nb: '{target} kan få nye privilegier: verken containeren eller daemonen setter no-new-privileges.',
  },
  // Why the daemon's settings are unknown (the cases of daemonSettingsGap).
  noHostEvidence: { en: 'no host evidence', nb: 'bevis fra verten mangler' },
  noDaemon: {
    en: 'no dockerd process serving this engine was found under the host root, so its command line is unknown',
    nb: 'ingen dockerd-prosess som betjener denne motoren, ble funnet under vertens rotmappe, så kommandolinjen er ukjent',
  },
  unreadable: { en: '{path} could not be read ({error})', nb: '{path} kunne ikke leses ({error})' },
  invalid: { en: '{path} is not valid JSON ({error}); dockerd would refuse to start with it', nb: '{path} er ikke gyldig JSON ({error}); dockerd ville nektet å starte med den' },
});

/** Why the daemon-wide setting cannot be read, in every pack language; null when it can. */
function gapText(host: HostEvidence | undefined): LocalText | null {
  if (!host) return m('noHostEvidence');
  if (!daemonSettingsGap(host)) return null;
  const cfg = host.daemonConfig;
  if (!host.daemon) return m('noDaemon');
  if (cfg.file.error) return m('unreadable', { path: cfg.path, error: cfg.file.error });
  return m('invalid', { path: cfg.path, error: cfg.error ?? '' });
}

/** `no-new-privileges`, `no-new-privileges:true`, `no-new-privileges=true` → true; `=false` → false; absent → null. */
export function noNewPrivilegesOption(opts: readonly string[]): boolean | null {
  let v: boolean | null = null;
  for (const o of opts) {
    const match = /^no-new-privileges(?:[=:](.*))?$/.exec(o);
    if (match) v = match[1] === undefined ? true : truthy(match[1]);
  }
  return v;
}

export default containerCheck({
  id: 'cis.container-no-new-privileges',
  title: { en: 'Containers cannot acquire additional privileges', nb: 'Containere kan ikke skaffe seg flere privilegier' },
  section: 'containers',
  severity: 'medium',
  ...cis('5.26'),
  automated: true,
  requires: ['docker', 'host'],
  messages: m.templates,
  decidedBy: {
    en: "HostConfig.SecurityOpt no-new-privileges of each container, else the daemon-wide no-new-privileges setting from the daemon's command line or daemon.json (which inspect does not show). An explicit no-new-privileges=false fails even when the daemon sets it.",
    nb: 'HostConfig.SecurityOpt no-new-privileges for hver container, ellers innstillingen no-new-privileges på daemonnivå, fra daemonens kommandolinje eller daemon.json (som inspect ikke viser). En uttrykkelig no-new-privileges=false består ikke, selv når daemonen setter den.',
  },
  rationale: {
    en: 'no-new-privileges stops setuid binaries and file capabilities from raising a process\'s privileges inside the container.',
    nb: 'no-new-privileges hindrer setuid-programmer og fil-capabilities i å gi en prosess flere privilegier inne i containeren.',
  },
  remediation: {
    en: 'docker run --security-opt no-new-privileges ... (compose: security_opt: [no-new-privileges:true]), or set "no-new-privileges": true in daemon.json for every container.',
    nb: 'docker run --security-opt no-new-privileges ... (compose: security_opt: [no-new-privileges:true]), eller sett "no-new-privileges": true i daemon.json, så gjelder det alle containere.',
  },
  judge: (c, { host }) => {
    const opt = noNewPrivilegesOption(c.HostConfig.SecurityOpt ?? []);
    const fix = { dropWhere: (o: { flag: string; value?: string }) => o.flag === '--security-opt' && /^no-new-privileges/.test(o.value ?? ''), add: [{ flag: '--security-opt', value: 'no-new-privileges' }] };
    const expected = { 'no-new-privileges': true };
    if (opt === true) return { outcome: 'pass', observed: { SecurityOpt: c.HostConfig.SecurityOpt ?? [] }, expected, message: m('set') };
    if (opt === false) return { outcome: 'fail', observed: { SecurityOpt: c.HostConfig.SecurityOpt ?? [] }, expected, message: m('allowed'), fix };
    const gap = gapText(host);
    if (gap) return { outcome: 'error', observed: { SecurityOpt: c.HostConfig.SecurityOpt ?? [] }, expected, message: m('unknown', { gap }) };
    const d = daemonSetting(host!, 'no-new-privileges');
    const daemonWide = d.source !== 'default' && truthy(d.value);
    const observed = { SecurityOpt: c.HostConfig.SecurityOpt ?? [], daemon: { 'no-new-privileges': daemonWide, source: d.where } };
    return daemonWide
      ? { outcome: 'pass', observed, expected, message: m('fromDaemon', { where: d.where }) }
      : { outcome: 'fail', observed, expected, message: m('neither'), fix };
  },
});
