import type { ContainerInspect, PortBinding } from '../../evidence/types/docker';
import { containerName } from '../../domain/container-names';
import { normalizeCap } from './capabilities';

/**
 * Rebuild the `docker run` command that would create a container like this one, from its
 * inspect, so a finding can show the corrected command for that very container.
 * Environment values and labels are left out on purpose: they may hold secrets and are not
 * what the hardening checks change.
 */

/** One option of the command line: `--flag` or `--flag value`. */
export interface RunOption {
  flag: string;
  value?: string;
}

export interface RunSpec {
  options: RunOption[];
  image: string;
  command: string[];
}

export interface ValueMap {
  flag: string;
  to: (value: string) => string | null;
}

/** A change to a container's command line that fixes a finding. */
export interface RunFix {
  /** Remove every option with one of these flags. */
  drop?: string[];
  /** Remove the options for which this returns true. */
  dropWhere?: (o: RunOption) => boolean;
  /** Options to add (after removals), unless the same flag and value are already there. */
  add?: RunOption[];
  /** Replace the values of options with this flag (null removes the option). */
  map?: ValueMap | ValueMap[];
  /** A command to run first, e.g. `docker network create app-net`. */
  before?: string;
}

/** Quote for a POSIX shell only when needed. */
export function shellQuote(s: string): string {
  if (s !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function bytes(n: number): string {
  const units: [number, string][] = [[1024 ** 3, 'g'], [1024 ** 2, 'm'], [1024, 'k']];
  for (const [size, unit] of units) if (n % size === 0) return `${n / size}${unit}`;
  return String(n);
}

/** `-p` values from port bindings: `127.0.0.1:8080:80/tcp` style; IPv6 hosts bracketed. */
function publishValues(bindings: Record<string, PortBinding[] | null> | null | undefined): string[] {
  const out: string[] = [];
  for (const [containerPort, list] of Object.entries(bindings ?? {})) {
    const cp = containerPort.endsWith('/tcp') ? containerPort.slice(0, -4) : containerPort;
    for (const b of list ?? []) {
      const ip = b.HostIp ? (b.HostIp.includes(':') ? `[${b.HostIp}]` : b.HostIp) : '';
      const hp = b.HostPort ?? '';
      out.push(ip ? `${ip}:${hp}:${cp}` : hp ? `${hp}:${cp}` : cp);
    }
  }
  return out;
}

/** HostConfig.Links entries are `/target:/this/alias`; the flag is `--link target:alias`. */
function linkValue(l: string): string {
  const [target, alias] = l.split(':');
  return `${target.replace(/^\//, '')}:${(alias ?? '').split('/').pop()}`;
}

/** Options as the user would have typed them, in a stable order. */
export function runSpecOf(c: ContainerInspect): RunSpec {
  const hc = c.HostConfig;
  const o: RunOption[] = [];
  const add = (flag: string, value?: string) => o.push(value === undefined ? { flag } : { flag, value });
  add('--name', containerName(c));
  if (c.Config.User) add('--user', c.Config.User);
  const rp = hc.RestartPolicy;
  if (rp?.Name && rp.Name !== 'no') add('--restart', rp.Name === 'on-failure' && rp.MaximumRetryCount ? `on-failure:${rp.MaximumRetryCount}` : rp.Name);
  if (hc.NetworkMode && !['default', 'bridge'].includes(hc.NetworkMode)) add('--network', hc.NetworkMode);
  for (const l of hc.Links ?? []) add('--link', linkValue(l));
  if (hc.PidMode) add('--pid', hc.PidMode);
  if (hc.IpcMode && (hc.IpcMode === 'host' || hc.IpcMode.startsWith('container:'))) add('--ipc', hc.IpcMode);
  if (hc.UTSMode) add('--uts', hc.UTSMode);
  if (hc.UsernsMode) add('--userns', hc.UsernsMode);
  if (hc.Privileged) add('--privileged');
  for (const cap of hc.CapDrop ?? []) add('--cap-drop', normalizeCap(cap));
  for (const cap of hc.CapAdd ?? []) add('--cap-add', normalizeCap(cap));
  // `label=disable` is added by the engine itself for privileged containers.
  for (const s of hc.SecurityOpt ?? []) if (!(hc.Privileged && s === 'label=disable')) add('--security-opt', s);
  if (hc.ReadonlyRootfs) add('--read-only');
  for (const [p, opts] of Object.entries(hc.Tmpfs ?? {})) add('--tmpfs', opts ? `${p}:${opts}` : p);
  for (const p of publishValues(hc.PortBindings)) add('-p', p);
  if (hc.PublishAllPorts) add('--publish-all');
  for (const b of hc.Binds ?? []) add('-v', b);
  for (const m of (hc.Mounts as { Type?: string; Source?: string; Target?: string; ReadOnly?: boolean; BindOptions?: { Propagation?: string } }[] | undefined) ?? []) {
    const parts = [`type=${m.Type ?? 'bind'}`];
    if (m.Source) parts.push(`source=${m.Source}`);
    parts.push(`target=${m.Target}`);
    if (m.ReadOnly) parts.push('readonly');
    if (m.BindOptions?.Propagation) parts.push(`bind-propagation=${m.BindOptions.Propagation}`);
    add('--mount', parts.join(','));
  }
  for (const d of hc.Devices ?? []) add('--device', `${d.PathOnHost}:${d.PathInContainer}${d.CgroupPermissions && d.CgroupPermissions !== 'rwm' ? `:${d.CgroupPermissions}` : ''}`);
  if (hc.Memory) add('--memory', bytes(hc.Memory));
  if (hc.MemorySwap && hc.MemorySwap !== 0 && !(hc.Memory && hc.MemorySwap === 2 * hc.Memory)) add('--memory-swap', hc.MemorySwap === -1 ? '-1' : bytes(hc.MemorySwap));
  if (hc.MemoryReservation) add('--memory-reservation', bytes(hc.MemoryReservation));
  if (hc.NanoCpus) add('--cpus', String(hc.NanoCpus / 1e9));
  if (hc.CpuShares) add('--cpu-shares', String(hc.CpuShares));
  if (hc.CpuQuota) add('--cpu-quota', String(hc.CpuQuota));
  if (hc.CpuPeriod) add('--cpu-period', String(hc.CpuPeriod));
  if (hc.CpusetCpus) add('--cpuset-cpus', hc.CpusetCpus);
  if (typeof hc.PidsLimit === 'number' && hc.PidsLimit > 0) add('--pids-limit', String(hc.PidsLimit));
  for (const u of hc.Ulimits ?? []) add('--ulimit', `${u.Name}=${u.Soft}:${u.Hard}`);
  if (hc.CgroupParent) add('--cgroup-parent', hc.CgroupParent);
  // The log destination is part of the container (a corrected command must not drop where its logs go).
  const log = hc.LogConfig as { Type?: string; Config?: Record<string, string> } | undefined;
  if (log?.Type && log.Type !== 'json-file') {
    add('--log-driver', log.Type);
    for (const [k, v] of Object.entries(log.Config ?? {})) add('--log-opt', `${k}=${v}`);
  }
  if (hc.Init) add('--init');
  if (hc.Runtime && hc.Runtime !== 'runc') add('--runtime', hc.Runtime);
  const hcTest = c.Config.Healthcheck?.Test ?? null;
  if (hcTest?.[0] === 'NONE') add('--no-healthcheck');
  else if (hcTest?.[0] === 'CMD-SHELL') add('--health-cmd', hcTest.slice(1).join(' '));
  else if (hcTest?.[0] === 'CMD') add('--health-cmd', hcTest.slice(1).map(shellQuote).join(' '));
  return { options: o, image: c.Config.Image ?? c.Image ?? '<image>', command: c.Config.Cmd ?? [] };
}

function sameOption(a: RunOption, b: RunOption): boolean {
  return a.flag === b.flag && a.value === b.value;
}

export function applyFix(spec: RunSpec, fix: RunFix): RunSpec {
  let options = spec.options.filter((o) => !(fix.drop ?? []).includes(o.flag) && !(fix.dropWhere?.(o) ?? false));
  for (const { flag, to } of fix.map ? (Array.isArray(fix.map) ? fix.map : [fix.map]) : []) {
    options = options.flatMap((o) => {
      if (o.flag !== flag || o.value === undefined) return [o];
      const v = to(o.value);
      return v === null ? [] : [{ flag, value: v }];
    });
  }
  for (const a of fix.add ?? []) if (!options.some((o) => sameOption(o, a))) options.push(a);
  return { ...spec, options };
}

export function formatRun(spec: RunSpec): string {
  const parts = ['docker run -d'];
  for (const o of spec.options) parts.push(o.value === undefined ? o.flag : `${o.flag} ${shellQuote(o.value)}`);
  parts.push(shellQuote(spec.image));
  for (const a of spec.command) parts.push(shellQuote(a));
  return parts.join(' ');
}

/** The `docker run` line for this container, with a fix applied when given. */
export function dockerRunLine(c: ContainerInspect, fix?: RunFix): string {
  const spec = fix ? applyFix(runSpecOf(c), fix) : runSpecOf(c);
  const line = formatRun(spec);
  return fix?.before ? `${fix.before} && ${line}` : line;
}
