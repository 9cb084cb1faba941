import { promises as fs } from 'node:fs';
import type { DockerEvidence } from '../../evidence/types/docker';
import type { HostEvidence } from '../../evidence/types/host';
import type { CommandRecord, FileRecord, NetInterface, NetListener, NetworkEvidence, RouteFact } from '../../evidence/types/network';
import { HostFs } from '../host/host-fs';
import { parseProcNetTcp } from '../host/proc';
import type { CollectContext, Collector, CollectorOutcome } from '../types';
import { notRun, runCommand, type CommandRunner } from './commands';
import { daemonNetSettings } from './daemon';
import { interfacesFromNode, parseIpAddressJson, parseIpRouteJson, parseProcNetRoute } from './interfaces';

export const NETWORK_COLLECTOR_VERSION = '1.0.0';

/** Options of the network collector (`ctx.options.network`); tests inject a command runner. */
export interface NetworkCollectorOptions {
  run?: CommandRunner;
  timeoutMs?: number;
}

/** Every packet-filter dump, in the order the model reads them. A variant that is not installed is recorded as missing. */
export const FILTER_COMMANDS: readonly [string, string[]][] = [
  ['iptables-save', []],
  ['iptables-legacy-save', []],
  ['iptables-nft-save', []],
  ['ip6tables-save', []],
  ['ip6tables-legacy-save', []],
  ['ip6tables-nft-save', []],
  ['nft', ['-j', 'list', 'ruleset']],
  ['ipset', ['save']],
];

async function readRecord(hfs: HostFs, hostPath: string): Promise<FileRecord> {
  try {
    return { path: hostPath, status: 'read', value: (await fs.readFile(hfs.local(hostPath), 'utf8')).trim() };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { path: hostPath, status: 'missing' };
    if (code === 'EACCES' || code === 'EPERM') return { path: hostPath, status: 'denied', detail: code };
    return { path: hostPath, status: 'error', detail: code ?? String(err) };
  }
}

async function netnsOf(p: string): Promise<string | null> {
  return fs.readlink(p).catch(() => null);
}

const SYSCTLS = {
  ipForward: '/proc/sys/net/ipv4/ip_forward',
  ipv6Forwarding: '/proc/sys/net/ipv6/conf/all/forwarding',
  ipv6Disabled: '/proc/sys/net/ipv6/conf/all/disable_ipv6',
  bridgeNfCallIptables: '/proc/sys/net/bridge/bridge-nf-call-iptables',
  bridgeNfCallIp6tables: '/proc/sys/net/bridge/bridge-nf-call-ip6tables',
} as const;

/** Collect network evidence; never throws. */
export async function collectNetwork(ctx: CollectContext): Promise<CollectorOutcome<NetworkEvidence>> {
  const opts = (ctx.options.network ?? {}) as NetworkCollectorOptions;
  const run = opts.run ?? runCommand;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const warnings: string[] = [];
  const hfs = new HostFs(ctx.hostRoot);
  const atRoot = hfs.root === '/';

  // Commands and per-namespace files (/proc/sys/net, /proc/self/net) describe the namespace this process is in.
  // Under a host mount that is the host's only when we share PID 1's network namespace (--network host).
  const self = await netnsOf('/proc/self/ns/net');
  const hostInit = atRoot ? self : await netnsOf(hfs.local('/proc/1/ns/net'));
  const describesHost = atRoot || (self !== null && self === hostInit);
  const why = `this process runs in network namespace ${self ?? 'unknown'}, the host's PID 1 in ${hostInit ?? 'an unreadable one'}: its commands would show another namespace's rules (run the audit container with --network host)`;
  if (!describesHost) warnings.push(`packet filter, interfaces and sysctls not read: ${why}`);
  const namespace: NetworkEvidence['namespace'] = {
    self,
    hostInit,
    commandsDescribeHost: describesHost,
    ...(atRoot ? { note: 'host root is /: the namespace this process runs in is the one audited' } : describesHost ? {} : { note: why }),
  };

  // The packet filter dumps are started first and all at once (each is a process that mostly waits on the
  // kernel): one after the other they were the collector's longest part. Their order in the evidence stays.
  const filtersRead: Promise<CommandRecord[]> = Promise.all(
    FILTER_COMMANDS.map(([file, args]) => (describesHost ? run(file, args, timeoutMs) : Promise.resolve(notRun([file, ...args].join(' '), why)))),
  );

  // 1. Interfaces and default routes.
  let interfaces: NetInterface[] | null = null;
  let interfacesSource: CommandRecord;
  let routes: RouteFact[] | null = null;
  const routesSource: CommandRecord[] = [];
  if (!describesHost) {
    interfacesSource = notRun('ip -j -d address show', why);
  } else {
    const routeArgs = [[4, ['-j', 'route', 'show', 'default']], [6, ['-j', '-6', 'route', 'show', 'default']]] as const;
    const routesRead = Promise.all(routeArgs.map(([, args]) => run('ip', args, timeoutMs)));
    interfacesSource = await run('ip', ['-j', '-d', 'address', 'show'], timeoutMs);
    if (interfacesSource.status === 'read') {
      try {
        interfaces = parseIpAddressJson(interfacesSource.stdout ?? '');
      } catch (err) {
        interfacesSource = { ...interfacesSource, status: 'error', detail: (err as Error).message };
      }
    }
    if (!interfaces && interfacesSource.status === 'missing') {
      interfaces = interfacesFromNode();
      interfacesSource = { ...interfacesSource, detail: 'ip not installed; interfaces with addresses taken from the process\'s own view (os.networkInterfaces), link kinds unknown' };
    } else if (!interfaces) warnings.push(`interfaces unknown: ${interfacesSource.command}: ${interfacesSource.detail ?? interfacesSource.status}`);
    routes = [];
    const routeRecords = await routesRead;
    for (const [i, [fam]] of routeArgs.entries()) {
      const r = routeRecords[i];
      routesSource.push(r);
      if (r.status === 'read') {
        try {
          routes.push(...parseIpRouteJson(r.stdout ?? '', fam));
        } catch (err) {
          r.status = 'error';
          r.detail = (err as Error).message;
        }
      }
    }
    if (routesSource.every((r) => r.status === 'missing')) {
      const text = await fs.readFile('/proc/self/net/route', 'utf8').catch(() => null);
      routes = text === null ? null : parseProcNetRoute(text);
    }
  }

  // 2. Listening TCP sockets: docker-proxy and anything else a connection to a local address reaches.
  const listenersSource: FileRecord[] = [];
  let listeners: NetListener[] | null = [];
  const procNet = atRoot ? '/proc/self/net' : '/proc/1/net';
  for (const [file, fam] of [[`${procNet}/tcp`, 4], [`${procNet}/tcp6`, 6]] as const) {
    const rec = await readRecord(hfs, file);
    listenersSource.push({ path: rec.path, status: rec.status, ...(rec.detail ? { detail: rec.detail } : {}) });
    if (rec.status === 'read') listeners.push(...parseProcNetTcp(rec.value ?? '', fam));
  }
  if (listenersSource.every((r) => r.status !== 'read')) {
    listeners = null;
    warnings.push(`listening sockets unknown: ${listenersSource.map((r) => `${r.path} ${r.status}`).join(', ')}`);
  }

  // 3. Forwarding sysctls (per network namespace).
  const sysctl = {} as NetworkEvidence['sysctl'];
  for (const [key, p] of Object.entries(SYSCTLS) as [keyof typeof SYSCTLS, string][]) {
    sysctl[key] = describesHost ? await readRecord(hfs, p) : { path: p, status: 'not-run', detail: why };
  }

  // 4. The packet filter as it is.
  const filters = await filtersRead;
  const v4 = filters.filter((f) => /^iptables/.test(f.command));
  const nft = filters.find((f) => f.command.startsWith('nft '))!;
  if (describesHost && !v4.some((f) => f.status === 'read') && nft.status !== 'read') {
    warnings.push(`the packet filter could not be read: ${[...v4, nft].map((f) => `${f.command}: ${f.detail ?? f.status}`).join('; ')}`);
  }
  for (const f of filters) if (f.status === 'denied' || f.status === 'timeout') warnings.push(`${f.command}: ${f.detail ?? f.status}`);

  // 5. Host firewalls that write their own rules (their rules are in the dumps above; this is their state).
  const ufwBin = (await hfs.fact('/usr/sbin/ufw', 'ufw')).exists || (await hfs.fact('/sbin/ufw', 'ufw')).exists;
  const ufwConf = await readRecord(hfs, '/etc/ufw/ufw.conf');
  const ufw = {
    present: ufwBin || ufwConf.status === 'read',
    conf: ufwConf,
    status: ufwBin ? (describesHost ? await run('ufw', ['status', 'verbose'], timeoutMs) : notRun('ufw status verbose', why)) : null,
  };
  const firewalldBin = (await hfs.fact('/usr/bin/firewall-cmd', 'firewalld')).exists || (await hfs.fact('/usr/sbin/firewalld', 'firewalld')).exists;
  const firewalld = {
    present: firewalldBin,
    state: firewalldBin ? (describesHost ? await run('firewall-cmd', ['--state'], timeoutMs) : notRun('firewall-cmd --state', why)) : null,
  };

  // 6. Daemon settings from this run's host evidence (read last: everything above runs beside the engine requests).
  await ctx.later?.('host');
  await ctx.later?.('docker');
  const hostEv = (ctx.earlier.host?.data as HostEvidence | null | undefined) ?? null;
  const dockerEv = (ctx.earlier.docker?.data as DockerEvidence | null | undefined) ?? null;
  const daemon = daemonNetSettings(hostEv, dockerEv);
  if (daemon.source === 'unknown') warnings.push(`dockerd settings unknown (${daemon.settings.iptables.where}); the model uses the rules it sees and the version defaults`);

  const data: NetworkEvidence = { hostRoot: ctx.hostRoot, namespace, interfaces, interfacesSource, routes, routesSource, listeners, listenersSource, sysctl, filters, ufw, firewalld, daemon };
  ctx.log(`network: ${interfaces?.length ?? 0} interfaces, ${filters.filter((f) => f.status === 'read').length}/${filters.length} filter dumps read`);
  return { status: warnings.length ? 'partial' : 'ok', data, ...(warnings.length ? { warnings } : {}) };
}

export const networkCollector: Collector<'network'> = {
  name: 'network',
  version: NETWORK_COLLECTOR_VERSION,
  collect: collectNetwork,
};
