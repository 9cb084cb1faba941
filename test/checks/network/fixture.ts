/**
 * Evidence built around the recorded / reconstructed packet-filter dumps in test/fixtures/network: a host with
 * a public eth0 (84.214.0.11), docker0 172.17.0.1/16, containers web (172.17.0.2, -p 8080:80) and admin
 * (172.17.0.3, -p 127.0.0.1:9090:90), and the docker-proxy listeners the userland proxy opens for them.
 */
import { readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import type { ContainerInspect, DockerEvidence } from '../../../src/evidence/types/docker';
import type { CommandRecord, NetworkEvidence } from '../../../src/evidence/types/network';
import { classifiedAddress } from '../../../src/collectors/network/interfaces';
import { PROJECT_ROOT } from '../../../src/version';

export const FIXTURES = path.join(PROJECT_ROOT, 'test/fixtures/network');
export const PUBLIC = '84.214.0.11';

function read(dir: string, file: string): string | null {
  const p = path.join(FIXTURES, dir, file);
  return existsSync(p) ? readFileSync(p, 'utf8') : null;
}

function rec(command: string, stdout: string | null): CommandRecord {
  return stdout === null ? { command, status: 'missing', exitCode: null, detail: 'not installed' } : { command, status: 'read', exitCode: 0, stdout };
}

function container(name: string, ip: string, port: string, hostIp: string, hostPort: string, running = true): ContainerInspect {
  const b = [{ HostIp: hostIp, HostPort: hostPort }];
  return {
    Id: `${name}`.padEnd(64, '0'),
    Name: `/${name}`,
    State: { Status: running ? 'running' : 'created', Running: running },
    HostConfig: { NetworkMode: 'default', PortBindings: { [port]: b } },
    Config: {},
    NetworkSettings: { Ports: running ? { [port]: hostIp === '' ? [{ HostIp: '0.0.0.0', HostPort: hostPort }, { HostIp: '::', HostPort: hostPort }] : b } : {}, Networks: { bridge: { IPAddress: running ? ip : '' } } },
  };
}

export function dockerEvidence(version: string, containers?: ContainerInspect[]): DockerEvidence {
  return {
    endpoint: 'unix:///var/run/docker.sock',
    version: { Version: version },
    info: { Name: 'fx-host', ID: 'fx-engine' },
    containers: containers ?? [container('web', '172.17.0.2', '80/tcp', '', '8080'), container('admin', '172.17.0.3', '90/tcp', '127.0.0.1', '9090')],
    images: [],
    networks: [{ Id: 'b'.repeat(64), Name: 'bridge', Driver: 'bridge', IPAM: { Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }] }, Options: { 'com.docker.network.bridge.name': 'docker0', 'com.docker.network.bridge.enable_icc': 'true' }, Containers: {} }],
    volumes: [],
    swarm: null,
  };
}

export { container };

/** Network evidence with the dumps of one fixture folder; `edit` changes the iptables-save text. */
export function networkEvidence(dir: string, opts: { edit?: (iptablesSave: string) => string; userlandProxy?: boolean } = {}): NetworkEvidence {
  let ipt = read(dir, 'iptables-save.txt');
  if (ipt !== null && opts.edit) ipt = opts.edit(ipt);
  const setting = (value: unknown) => ({ value, source: 'default', where: `default (${JSON.stringify(value)})` });
  const sysctl = (p: string, v: string) => ({ path: p, status: 'read' as const, value: v });
  return {
    hostRoot: '/',
    namespace: { self: 'net:[1]', hostInit: 'net:[1]', commandsDescribeHost: true },
    interfaces: [
      { name: 'lo', up: true, loopback: true, addresses: [classifiedAddress('127.0.0.1', 8, 4, 'host'), classifiedAddress('::1', 128, 6, 'host')] },
      { name: 'eth0', up: true, loopback: false, addresses: [classifiedAddress(PUBLIC, 24, 4, 'global'), classifiedAddress('fe80::1', 64, 6, 'link')] },
      { name: 'docker0', up: true, loopback: false, kind: 'bridge', addresses: [classifiedAddress('172.17.0.1', 16, 4, 'global')] },
    ],
    interfacesSource: { command: 'ip -j -d address show', status: 'read', exitCode: 0 },
    routes: [{ family: 4, destination: 'default', gateway: '84.214.0.1', interface: 'eth0' }],
    routesSource: [],
    listeners: [
      { address: '0.0.0.0', port: 8080, family: 4 },
      { address: '::', port: 8080, family: 6 },
      { address: '127.0.0.1', port: 9090, family: 4 },
    ],
    listenersSource: [],
    sysctl: {
      ipForward: sysctl('/proc/sys/net/ipv4/ip_forward', '1'),
      ipv6Forwarding: sysctl('/proc/sys/net/ipv6/conf/all/forwarding', '0'),
      ipv6Disabled: sysctl('/proc/sys/net/ipv6/conf/all/disable_ipv6', '0'),
      bridgeNfCallIptables: sysctl('/proc/sys/net/bridge/bridge-nf-call-iptables', '1'),
      bridgeNfCallIp6tables: sysctl('/proc/sys/net/bridge/bridge-nf-call-ip6tables', '1'),
    },
    filters: [
      rec('iptables-save', ipt),
      rec('iptables-legacy-save', null),
      rec('iptables-nft-save', null),
      rec('ip6tables-save', read(dir, 'ip6tables-save.txt')),
      rec('ip6tables-legacy-save', null),
      rec('ip6tables-nft-save', null),
      rec('nft -j list ruleset', read(dir, 'nft.json')),
      rec('ipset save', read(dir, 'ipset-save.txt')),
    ],
    ufw: { present: false, conf: { path: '/etc/ufw/ufw.conf', status: 'missing' }, status: null },
    firewalld: { present: false, state: null },
    daemon: {
      source: 'host evidence (dockerd command line and daemon.json)',
      version: null,
      settings: { iptables: setting(true), ip6tables: setting(false), 'userland-proxy': setting(opts.userlandProxy ?? true), icc: setting(true), ip: setting('0.0.0.0'), ipv6: setting(false), 'ip-forward': setting(true), 'firewall-backend': setting(dir.includes('29') ? 'nftables' : 'iptables') },
    },
  };
}
