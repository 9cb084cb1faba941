import type { DaemonFlags, HostEvidence } from '../evidence/types/host';

/**
 * dockerd options: how the command line and daemon.json name the same setting, and how
 * dockerd's argv is read. Pure functions, shared by the host collector and the checks.
 */

/** dockerd flags that take no value (`--icc` alone means true; `--icc=false` sets false). */
const BOOLEAN_FLAGS = new Set([
  'debug', 'experimental', 'icc', 'init', 'ip-forward', 'ip-masq', 'ip6tables', 'ipv6', 'iptables', 'live-restore',
  'no-new-privileges', 'raw-logs', 'rootless', 'selinux-enabled', 'tls', 'tlsverify', 'userland-proxy', 'validate', 'version', 'help',
]);

/** Short flags dockerd accepts, by long name. */
const SHORT_FLAGS: Record<string, string> = { H: 'host', D: 'debug', l: 'log-level', G: 'group', g: 'graph', p: 'pidfile', b: 'bridge', s: 'storage-driver', v: 'version', h: 'help' };

/** Flag names whose daemon.json key differs (plural lists mostly). */
const JSON_KEY: Record<string, string> = {
  host: 'hosts',
  'insecure-registry': 'insecure-registries',
  'authorization-plugin': 'authorization-plugins',
  'default-ulimit': 'default-ulimits',
  'storage-opt': 'storage-opts',
  'log-opt': 'log-opts',
  'exec-opt': 'exec-opts',
  label: 'labels',
  'registry-mirror': 'registry-mirrors',
  'dns-opt': 'dns-opts',
  'add-runtime': 'runtimes',
};

/** Built-in defaults of dockerd (Linux) for the settings the checks read. */
export const DOCKERD_DEFAULTS: Record<string, unknown> = {
  'config-file': '/etc/docker/daemon.json',
  'data-root': '/var/lib/docker',
  'exec-root': '/var/run/docker',
  host: ['unix:///var/run/docker.sock'],
  group: 'docker',
  icc: true,
  iptables: true,
  'userland-proxy': true,
  'live-restore': false,
  'no-new-privileges': false,
  'log-level': 'info',
  tls: false,
  tlsverify: false,
};

/** Read dockerd's argv into long-name → values. Unknown flags are kept as given. */
export function parseDockerdArgs(argv: readonly string[]): DaemonFlags {
  const flags: DaemonFlags = {};
  const put = (name: string, value: string) => (flags[name] ??= []).push(value);
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    let name: string;
    let value: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      value = eq < 0 ? undefined : a.slice(eq + 1);
    } else if (a.startsWith('-') && a.length > 1) {
      // -H unix://x, -Hunix://x, -H=unix://x, -D
      const letter = a[1];
      name = SHORT_FLAGS[letter] ?? letter;
      const rest = a.slice(2);
      value = rest === '' ? undefined : rest.replace(/^=/, '');
    } else {
      continue; // dockerd has no positional arguments; ignore stray words
    }
    if (!name) continue;
    if (BOOLEAN_FLAGS.has(name)) {
      put(name, value ?? 'true');
    } else if (value !== undefined) {
      put(name, value);
    } else if (i + 1 < argv.length) {
      put(name, argv[++i]);
    } else {
      put(name, '');
    }
  }
  return flags;
}

export function jsonKeyOf(flag: string): string {
  return JSON_KEY[flag] ?? flag;
}

export type SettingSource = 'command line' | 'daemon.json' | 'default';

export interface DaemonSetting {
  /** Value as dockerd applies it: booleans as booleans, lists as arrays, the rest as given. */
  value: unknown;
  source: SettingSource;
  /** Where to look, for the finding's evidence: `dockerd --icc=false` or `/etc/docker/daemon.json "icc": false`. */
  where: string;
}

function asBool(v: string): boolean {
  return !/^(false|0|no|off)$/i.test(v.trim());
}

/**
 * The value dockerd uses for a setting: command line first, then daemon.json, then the default.
 * (dockerd refuses to start when a setting is in both, so there is never a real conflict.)
 */
export function settingFrom(
  flags: DaemonFlags,
  json: Record<string, unknown> | null,
  name: string,
  configPath = 'daemon.json',
  defaults: Record<string, unknown> = DOCKERD_DEFAULTS,
): DaemonSetting {
  const fromFlag = flags[name];
  if (fromFlag?.length) {
    const last = fromFlag[fromFlag.length - 1];
    if (BOOLEAN_FLAGS.has(name)) return { value: asBool(last), source: 'command line', where: `dockerd --${name}=${last}` };
    const isList = Array.isArray(DOCKERD_DEFAULTS[name]) || JSON_KEY[name] !== undefined;
    return { value: isList ? [...fromFlag] : last, source: 'command line', where: fromFlag.map((v) => `--${name}=${v}`).join(' ') };
  }
  const key = jsonKeyOf(name);
  if (json && Object.prototype.hasOwnProperty.call(json, key)) {
    return { value: json[key], source: 'daemon.json', where: `${configPath} "${key}": ${JSON.stringify(json[key])}` };
  }
  // Older daemons used "graph" for the data root.
  if (name === 'data-root') {
    if (flags.graph?.length) return { value: flags.graph[flags.graph.length - 1], source: 'command line', where: `--graph=${flags.graph[flags.graph.length - 1]}` };
    if (json && typeof json.graph === 'string') return { value: json.graph, source: 'daemon.json', where: `${configPath} "graph"` };
  }
  const d = name in defaults ? defaults[name] : DOCKERD_DEFAULTS[name];
  return { value: d, source: 'default', where: `dockerd default${d !== undefined ? ` (${JSON.stringify(d)})` : ' (unset)'}` };
}

/**
 * Defaults of a rootless daemon (run by `uid` with home `home`): dockerd follows the XDG base
 * directories instead of /etc and /var (docker-bench looks in the root paths and finds nothing).
 */
export function rootlessDefaults(uid: number, home: string): Record<string, unknown> {
  return {
    ...DOCKERD_DEFAULTS,
    'config-file': `${home}/.config/docker/daemon.json`,
    'data-root': `${home}/.local/share/docker`,
    'exec-root': `/run/user/${uid}/docker`,
    host: [`unix:///run/user/${uid}/docker.sock`],
  };
}

/** A daemon setting from host evidence. */
export function daemonSetting(host: HostEvidence, name: string): DaemonSetting {
  return settingFrom(host.flags, host.daemonConfig.content, name, host.daemonConfig.path);
}

/** Why daemon settings cannot be judged from this host evidence, or null when they can. */
export function daemonSettingsGap(host: HostEvidence): string | null {
  if (!host.daemon) {
    return 'no dockerd process serving this engine was found under the host root, so its command line is unknown';
  }
  if (host.daemonConfig.file.error) return `${host.daemonConfig.path} could not be read (${host.daemonConfig.file.error})`;
  if (host.daemonConfig.error) return `${host.daemonConfig.path} is not valid JSON (${host.daemonConfig.error}); dockerd would refuse to start with it`;
  return null;
}

/** Booleans in daemon.json may be real booleans or strings. */
export function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return asBool(v);
  return !!v;
}

export function asList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (v === undefined || v === null || v === '') return [];
  return [String(v)];
}
