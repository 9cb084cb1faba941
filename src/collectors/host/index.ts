import { promises as fs } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import * as path from 'node:path';
import { asList, DOCKERD_DEFAULTS, parseDockerdArgs, rootlessDefaults, settingFrom, truthy } from '../../domain/daemon-settings';
import { redactArgs, redactTree, scrubString } from '../../evidence/redact';
import type { DockerEvidence } from '../../evidence/types/docker';
import type { DaemonConfigFile, DaemonFlags, DaemonProcess, FileFact, HostEvidence, SystemdUnit, TcpListener } from '../../evidence/types/host';
import type { Collector, CollectContext, CollectorOutcome } from '../types';
import { readAuditRules } from './audit-rules';
import { collectContainerProcesses } from './container-processes';
import { groupFact } from './groups';
import { HostFs } from './host-fs';
import { mountOf, parseMountinfo } from './mountinfo';
import { findProcesses, parseProcNetTcp, procComm, procExe, procStatus, systemdUnitFromCgroup, type ProcInfo } from './proc';
import { unitFiles } from './systemd';

export const HOST_COLLECTOR_VERSION = '1.0.0';

/** Options of the host collector (`ctx.options.host`). */
export interface HostCollectorOptions {
  /** List each running container's processes through the engine (`--exec-checks`); off by default because it touches running workloads. */
  execChecks?: boolean;
}

/** Where the binaries CIS 1.1 wants audited may live; the first existing one is the one in use. */
const BIN_DIRS = ['/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin', '/bin', '/sbin'];
const AUDITED_BINARIES = ['containerd', 'containerd-shim', 'containerd-shim-runc-v1', 'containerd-shim-runc-v2', 'runc'];
const OTHER_CONFIG_FILES = ['/etc/default/docker', '/etc/sysconfig/docker', '/etc/containerd/config.toml'];

function isLoopbackHost(dockerHost: string): boolean {
  const m = /^[a-z]+:\/\/\[?([^\]/]+?)\]?(:\d+)?(\/|$)/i.exec(dockerHost);
  return !!m && /^(localhost|127\.\d+\.\d+\.\d+|::1)$/i.test(m[1]);
}

interface DaemonConfigRead {
  config: DaemonConfigFile;
}

async function readDaemonConfig(hfs: HostFs, flags: DaemonFlags, defaults: Record<string, unknown> = DOCKERD_DEFAULTS): Promise<DaemonConfigRead> {
  const fromFlag = flags['config-file']?.at(-1);
  const p = fromFlag || String(defaults['config-file']);
  const origin = fromFlag ? '--config-file' : 'default';
  const file = await hfs.fact(p, fromFlag ? `dockerd --config-file ${p}` : `dockerd default config file${p === DOCKERD_DEFAULTS['config-file'] ? '' : ' (rootless)'}`);
  const config: DaemonConfigFile = { path: p, origin, file, content: null };
  if (!file.exists || file.error) return { config };
  try {
    const parsed = JSON.parse(await hfs.readText(p)) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      config.error = 'the top level is not a JSON object';
    } else {
      // daemon.json is not an Engine API object: secret-named keys are dropped at any depth (log-opts tokens, proxies).
      config.content = redactTree(parsed) as Record<string, unknown>;
    }
  } catch (err) {
    config.error = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  }
  return { config };
}

/** Effective data root of a dockerd, before userns-remap adds its `<uid>.<gid>` sub-directory. */
function dataRootOf(flags: DaemonFlags, json: Record<string, unknown> | null, defaults: Record<string, unknown> = DOCKERD_DEFAULTS): string {
  return String(settingFrom(flags, json, 'data-root', 'daemon.json', defaults).value);
}

function unixPath(host: string): string | null {
  const m = /^unix:\/\/(\/.*)$/.exec(host);
  return m ? m[1] : null;
}

interface Candidate {
  proc: ProcInfo;
  flags: DaemonFlags;
  config: DaemonConfigFile;
  /** dockerd's built-in defaults for this process: the root ones, or the XDG ones of a rootless daemon. */
  defaults: Record<string, unknown>;
}

/**
 * Pick the dockerd that serves the audited engine: the one whose data root is the engine's
 * `DockerRootDir` (or its parent under userns-remap), else the one listening on the socket we used.
 * Several private daemons can run on one host (CI, rootless, tests), so "the first dockerd" is not good enough.
 */
function chooseDaemon(cands: Candidate[], rootDir: string | undefined, dockerHost: string | undefined): { cand: Candidate; why: string } | null {
  if (rootDir) {
    for (const c of cands) {
      const dr = dataRootOf(c.flags, c.config.content, c.defaults).replace(/\/+$/, '');
      if (rootDir === dr || path.posix.dirname(rootDir) === dr) return { cand: c, why: `its data root ${dr} is the engine's DockerRootDir (${rootDir})` };
    }
  }
  const sock = dockerHost ? unixPath(dockerHost) ?? (dockerHost.startsWith('/') ? dockerHost : null) : null;
  if (sock) {
    for (const c of cands) {
      const hosts = asList(settingFrom(c.flags, c.config.content, 'host', 'daemon.json', c.defaults).value);
      if (hosts.some((h) => unixPath(h) === sock)) return { cand: c, why: `it listens on ${sock}, the socket this audit used` };
    }
  }
  if (cands.length === 1 && !rootDir) return { cand: cands[0], why: 'it is the only dockerd process on the host' };
  return null;
}

async function daemonProcess(hfs: HostFs, proc: ProcInfo, why: string, warnings: string[]): Promise<DaemonProcess> {
  let uid: number | null = null;
  let ppid: number | null = null;
  try {
    ({ uid, ppid } = await procStatus(hfs, proc.pid));
  } catch (err) {
    warnings.push(`/proc/${proc.pid}/status could not be read: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
  let systemdUnit: string | null = null;
  try {
    systemdUnit = systemdUnitFromCgroup(await fs.readFile(hfs.local(`/proc/${proc.pid}/cgroup`), 'utf8'));
  } catch (err) {
    warnings.push(`/proc/${proc.pid}/cgroup could not be read: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
  const exe = await procExe(hfs, proc.pid);
  if (exe === null) warnings.push(`/proc/${proc.pid}/exe could not be read (needs the same privileges as the daemon); the dockerd binary path is taken from its command line`);
  return {
    pid: proc.pid,
    argv: redactArgs(proc.argv) ?? [],
    exe,
    uid,
    ppid,
    parentCommand: ppid !== null ? await procComm(hfs, ppid) : null,
    systemdUnit,
    matchedBy: why,
  };
}

async function findBinary(hfs: HostFs, name: string): Promise<FileFact> {
  for (const dir of BIN_DIRS) {
    const f = await hfs.fact(`${dir}/${name}`, `found on the host's PATH (${dir})`);
    if (f.exists) return f;
  }
  return { path: `/usr/bin/${name}`, origin: `not found in ${BIN_DIRS.join(', ')}`, exists: false };
}

async function walkFiles(hfs: HostFs, dir: string, depth: number): Promise<string[]> {
  let entries: string[];
  try {
    entries = await hfs.list(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries.sort()) {
    const p = `${dir}/${e}`;
    const f = await hfs.fact(p, 'walk');
    if (f.kind === 'directory' && depth > 0) out.push(...(await walkFiles(hfs, p, depth - 1)));
    else if (f.exists) out.push(p);
  }
  return out;
}

async function tcpListeners(hfs: HostFs, warnings: string[]): Promise<TcpListener[] | null> {
  // PID 1's view is the host network namespace, even when we run inside a container with the host's /proc mounted.
  const out: TcpListener[] = [];
  let read = 0;
  for (const [file, fam] of [['/proc/1/net/tcp', 4], ['/proc/1/net/tcp6', 6]] as const) {
    try {
      out.push(...parseProcNetTcp(await fs.readFile(hfs.local(file), 'utf8'), fam));
      read++;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') warnings.push(`${file} could not be read: ${(err as NodeJS.ErrnoException).code ?? err}`);
    }
  }
  return read ? out : null;
}

/** `p`, still rejecting where it is awaited, but no unhandled rejection when the collector ends before awaiting it. */
function settled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/** Collect host evidence; never throws (failures become warnings or status `failed`). */
export async function collectHost(ctx: CollectContext): Promise<CollectorOutcome<HostEvidence>> {
  const warnings: string[] = [];
  const hfs = new HostFs(ctx.hostRoot);
  const rootFact = await hfs.fact('/', '--host-root');
  if (!rootFact.exists) return { status: 'failed', data: null, error: `host root ${ctx.hostRoot} does not exist or cannot be read${rootFact.error ? ` (${rootFact.error})` : ''}` };

  const dockerHost = ctx.dockerHost;
  if (dockerHost && !/^unix:\/\//.test(dockerHost) && !dockerHost.startsWith('/') && !isLoopbackHost(dockerHost) && ctx.hostRoot === '/') {
    return {
      status: 'skipped',
      data: null,
      error: `the engine ${scrubString(dockerHost)} is on another machine: this machine's files say nothing about it. Run the audit on that host, or give --host-root with that host's filesystem`,
    };
  }
  // 1. The daemon process and its configuration.
  // One pass over /proc for the daemons and the userland proxies (hundreds of processes on a busy host),
  // while the docker collector still talks to the engine: its data root is needed only to choose the daemon.
  let procs: ProcInfo[] = [];
  let dockerProxyCount: number | null = null;
  try {
    const found = await findProcesses(hfs, (comm) => comm === 'dockerd' || comm === 'docker-proxy');
    procs = found.filter((p) => p.comm === 'dockerd');
    dockerProxyCount = found.length - procs.length;
  } catch (err) {
    warnings.push(`${hfs.local('/proc')} could not be listed (${(err as NodeJS.ErrnoException).code ?? err}): the daemon's command line is unknown`);
  }
  const passwdText = await hfs.readTextIfExists('/etc/passwd').catch(() => null);
  const configCache = new Map<string, DaemonConfigFile>();
  const cands: Candidate[] = [];
  for (const proc of procs) {
    const flags = parseDockerdArgs(proc.argv);
    const uid = await procStatus(hfs, proc.pid).then((st) => st.uid, () => null);
    const home = uid ? (passwdText ?? '').split('\n').map((l) => l.split(':')).find((f) => f.length >= 6 && f[2] === String(uid))?.[5] : undefined;
    const defaults = uid && home ? rootlessDefaults(uid, home) : DOCKERD_DEFAULTS;
    const config = (await readDaemonConfig(hfs, flags, defaults)).config;
    const key = config.path;
    if (!configCache.has(key)) configCache.set(key, config);
    cands.push({ proc, flags, config: configCache.get(key)!, defaults });
  }
  // Reads that need nothing from the engine start now, while the docker collector still talks to it,
  // instead of one after another once it is done. Their warnings are kept apart and added where they
  // always were, so the order of the warnings does not depend on timing.
  const auditWarnings: string[] = [];
  const listenerWarnings: string[] = [];
  const early = {
    mountinfo: settled(fs.readFile(hfs.local('/proc/1/mountinfo'), 'utf8')),
    configDir: settled(hfs.fact('/etc/docker', 'Docker configuration directory')),
    configFiles: settled(Promise.all(OTHER_CONFIG_FILES.map((p) => hfs.fact(p, 'CIS Docker Benchmark section 3')))),
    registryCerts: settled(walkFiles(hfs, '/etc/docker/certs.d', 2).then((files) => Promise.all(files.map((p) => hfs.fact(p, 'registry certificate under /etc/docker/certs.d'))))),
    binaries: settled(Promise.all(AUDITED_BINARIES.map((b) => findBinary(hfs, b)))),
    audit: settled(readAuditRules(hfs, auditWarnings)),
    groupText: settled(hfs.readTextIfExists('/etc/group')),
    listeners: settled(tcpListeners(hfs, listenerWarnings)),
  };
  await ctx.later?.('docker');
  const dockerEv: DockerEvidence | null = (ctx.earlier.docker?.data as DockerEvidence | null | undefined) ?? null;
  const rootDir = dockerEv?.info.DockerRootDir;
  const chosen = chooseDaemon(cands, rootDir, dockerHost);
  if (!chosen) {
    warnings.push(
      procs.length === 0
        ? `no dockerd process under ${hfs.local('/proc')}: the engine runs elsewhere or in another PID namespace (run with --pid=host and the host's /proc mounted)`
        : `${procs.length} dockerd process(es) found, none serving this engine (DockerRootDir ${rootDir ?? 'unknown'})`,
    );
  }
  const daemon = chosen ? await daemonProcess(hfs, chosen.cand.proc, chosen.why, warnings) : null;
  const flags: DaemonFlags = chosen ? (redactTree(chosen.cand.flags) as DaemonFlags) : {};
  const daemonConfig = chosen ? chosen.cand.config : (await readDaemonConfig(hfs, {})).config;
  if (daemonConfig.file.error) warnings.push(`${daemonConfig.path} could not be read: ${daemonConfig.file.error}`);
  if (daemonConfig.error) warnings.push(`${daemonConfig.path} is not valid JSON: ${daemonConfig.error}`);
  const json = daemonConfig.content;
  const defaults = chosen?.cand.defaults ?? DOCKERD_DEFAULTS;
  const setting = (name: string) => settingFrom(flags, json, name, daemonConfig.path, defaults);

  // 2. Paths the daemon really uses.
  const dataRootPath = rootDir ?? dataRootOf(flags, json, defaults);
  const dataRootFact = await hfs.fact(dataRootPath, rootDir ? 'engine Info.DockerRootDir' : setting('data-root').where);
  let mount = null;
  try {
    mount = mountOf(parseMountinfo(await early.mountinfo), dataRootFact.path);
  } catch (err) {
    warnings.push(`/proc/1/mountinfo could not be read (${(err as NodeJS.ErrnoException).code ?? err}): whether the data root is a separate partition is unknown`);
  }
  const execRoot = await hfs.fact(String(setting('exec-root').value), setting('exec-root').where);

  const hosts = asList(setting('host').value);
  const hostSource = setting('host').where;
  const sockets: FileFact[] = [];
  const tcpHosts: string[] = [];
  const units: SystemdUnit[] = [];
  const startedBySystemd = !!daemon?.systemdUnit;
  if (daemon?.systemdUnit) units.push(...(await unitFiles(hfs, daemon.systemdUnit)));
  const usesSocketActivation = hosts.some((h) => h.startsWith('fd://'));
  if (startedBySystemd || usesSocketActivation) units.push(...(await unitFiles(hfs, 'docker.socket')));
  for (const h of hosts) {
    const p = unixPath(h);
    if (p) sockets.push(await hfs.fact(p, hostSource));
    else if (/^(tcp|http|https):\/\//.test(h)) tcpHosts.push(scrubString(h));
    else if (h.startsWith('fd://')) {
      const listen = units.find((u) => u.name === 'docker.socket')?.listenStream ?? [];
      if (listen.length === 0) warnings.push('dockerd uses systemd socket activation (fd://) but docker.socket has no readable ListenStream; the socket path is unknown');
      for (const l of listen) if (l.startsWith('/')) sockets.push(await hfs.fact(l, `docker.socket ListenStream (dockerd ${h})`));
    }
  }

  // containerd: --containerd, else the system socket when it exists (dockerd uses it), else the one dockerd supervises under exec-root.
  let containerdSocket: FileFact | null = null;
  const cdFlag = setting('containerd');
  if (cdFlag.source !== 'default' && cdFlag.value) {
    containerdSocket = await hfs.fact(String(cdFlag.value).replace(/^unix:\/\//, ''), cdFlag.where);
  } else {
    const sys = await hfs.fact('/run/containerd/containerd.sock', 'system containerd (dockerd uses it when present)');
    containerdSocket = sys.exists ? sys : await hfs.fact(`${execRoot.path}/containerd/containerd.sock`, 'containerd supervised by dockerd under its exec root');
  }

  const configDir = await early.configDir;
  const configFiles = await early.configFiles;
  const registryCerts = await early.registryCerts;

  // TLS files only matter when TLS is on; dockerd's defaults are the daemon user's ~/.docker/*.pem.
  const tlsOn = truthy(setting('tls').value) || truthy(setting('tlsverify').value);
  const tlsFile = async (name: string, def: string): Promise<FileFact | null> => {
    const s = setting(name);
    if (s.source !== 'default' && s.value) return hfs.fact(String(s.value), s.where);
    return tlsOn ? hfs.fact(`/root/.docker/${def}`, `dockerd default for --${name}`) : null;
  };
  const tls = { ca: await tlsFile('tlscacert', 'ca.pem'), cert: await tlsFile('tlscert', 'cert.pem'), key: await tlsFile('tlskey', 'key.pem') };

  // 3. Binaries, audit rules, socket group, listeners.
  const dockerdPath = daemon?.exe ?? (daemon?.argv[0]?.startsWith('/') ? daemon.argv[0] : null);
  const binaries = [
    dockerdPath ? await hfs.fact(dockerdPath, daemon?.exe ? `/proc/${daemon.pid}/exe` : 'dockerd command line') : await findBinary(hfs, 'dockerd'),
    ...(await early.binaries),
  ];
  const audit = await early.audit;
  warnings.push(...auditWarnings);

  let socketGroup = null;
  const groupText = await early.groupText.catch(() => null);
  if (groupText === null) warnings.push('/etc/group could not be read: who controls the daemon is unknown');
  else {
    const sockGid = sockets.find((s) => s.exists && s.gid !== undefined)?.gid;
    socketGroup = groupFact(groupText, passwdText ?? '', sockGid !== undefined ? { gid: sockGid } : { name: String(setting('group').value) });
  }

  const listeners = await early.listeners;
  warnings.push(...listenerWarnings);

  // 4. Opt-in: processes inside running containers (5.7), through the engine's top endpoint.
  const opts = (ctx.options.host ?? {}) as HostCollectorOptions;
  const containerProcesses = opts.execChecks && dockerEv ? await collectContainerProcesses(hfs, dockerHost, dockerEv, warnings) : null;

  let hostname = dockerEv?.info.Name ?? null;
  if (!hostname) hostname = ((await hfs.readTextIfExists('/etc/hostname').catch(() => null)) ?? '').trim() || osHostname();

  const data: HostEvidence = {
    hostRoot: ctx.hostRoot,
    engineId: dockerEv?.info.ID ?? null,
    hostname,
    daemon,
    daemonCandidates: cands.map((c) => ({ pid: c.proc.pid, argv: redactArgs(c.proc.argv) ?? [] })),
    flags,
    daemonConfig,
    dataRoot: { file: dataRootFact, mount },
    execRoot,
    sockets,
    tcpHosts,
    containerdSocket,
    configDir,
    configFiles,
    registryCerts,
    tls,
    systemd: { startedBySystemd, units },
    binaries,
    audit,
    socketGroup,
    tcpListeners: listeners,
    dockerProxyCount,
    containerProcesses,
  };
  return { status: warnings.length ? 'partial' : 'ok', data, warnings, engineId: data.engineId };
}

export const hostCollector: Collector<'host'> = {
  name: 'host',
  version: HOST_COLLECTOR_VERSION,
  async collect(ctx) {
    try {
      return await collectHost(ctx);
    } catch (err) {
      return { status: 'failed', data: null, error: `host files could not be read under ${ctx.hostRoot}: ${(err as Error).message}` };
    }
  },
};
