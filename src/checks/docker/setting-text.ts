/**
 * Daemon settings in finding texts, in every pack language: where a setting came from (`command
 * line`, `daemon.json`, the default) and why the settings could not be read at all. The values
 * themselves (flags, daemon.json excerpts) are evidence and stay as they are.
 */
import { daemonSettingsGap, type DaemonSetting, type SettingSource } from '../../domain/daemon-settings';
import type { HostEvidence } from '../../evidence/types/host';
import type { LocalText } from '../../findings/types';
import { fill, templates } from '../text';

const SOURCES: Record<SettingSource, LocalText> = {
  'command line': { en: 'command line', nb: 'kommandolinjen' },
  'daemon.json': { en: 'daemon.json', nb: 'daemon.json' },
  default: { en: 'default', nb: 'standardverdi' },
};

/** Where a setting came from, as one word or file name (`(command line)` after a sentence). */
export function settingSource(s: DaemonSetting): LocalText {
  return SOURCES[s.source];
}

/** A setting left at dockerd's default; the English is what `settingFrom` writes as `where`. */
const DEFAULT_WHERE: LocalText = { en: 'dockerd default ({value})', nb: 'standardverdien i dockerd ({value})' };

/** Where to look for a setting: the flag or daemon.json excerpt as it is, or dockerd's default. */
export function settingWhere(s: DaemonSetting): LocalText {
  if (s.source !== 'default') return { en: s.where, nb: s.where };
  return fill(DEFAULT_WHERE, { value: s.value === undefined ? { en: 'unset', nb: 'ikke satt' } : JSON.stringify(s.value) });
}

/** Why the daemon's settings cannot be read, in the words of `daemonSettingsGap` and in bokmål. */
export const GAP_TEXTS = templates({
  noDaemon: {
    en: 'no dockerd process serving this engine was found under the host root, so its command line is unknown',
    nb: 'ingen dockerd-prosess som betjener denne motoren, ble funnet under vertens rotkatalog, så kommandolinjen er ukjent',
  },
  unreadable: { en: '{path} could not be read ({error})', nb: '{path} kunne ikke leses ({error})' },
  invalid: {
    en: '{path} is not valid JSON ({error}); dockerd would refuse to start with it',
    nb: '{path} er ikke gyldig JSON ({error}); dockerd ville nekte å starte med den',
  },
});

/** `daemonSettingsGap` in every pack language, or null when the settings can be judged. */
export function settingsGapText(host: HostEvidence): LocalText | null {
  if (daemonSettingsGap(host) === null) return null;
  const path = host.daemonConfig.path;
  if (!host.daemon) return GAP_TEXTS('noDaemon');
  if (host.daemonConfig.file.error) return GAP_TEXTS('unreadable', { path, error: host.daemonConfig.file.error });
  return GAP_TEXTS('invalid', { path, error: host.daemonConfig.error ?? '' });
}
