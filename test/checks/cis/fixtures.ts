import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LoadedEvidence } from '../../../src/checks/evaluate';
import { runCheck } from '../../../src/checks/evaluate';
import { findCheck } from '../../../src/checks/registry';
import { cisChecks } from '../../../src/checks/cis';
import type { AnyCheck } from '../../../src/checks/types';
import { EVIDENCE_SCHEMA_VERSION, type EvidenceFile } from '../../../src/evidence/types';
import type { ContainerInspect, DockerEvidence, ImageInspect, NetworkInspect } from '../../../src/evidence/types/docker';
import type { FileFact, HostEvidence } from '../../../src/evidence/types/host';
import { parseDockerdArgs } from '../../../src/domain/daemon-settings';
import type { Finding } from '../../../src/findings/types';

/** Recorded Engine API answers (engine 20.10.24, overlay2, no AppArmor/SELinux) in test/fixtures/docker. */
const FIXTURES = [path.resolve(__dirname, '..', '..', '..', '..'), process.cwd()]
  .map((root) => path.join(root, 'test', 'fixtures', 'docker'))
  .find((p) => existsSync(p)) ?? 'test/fixtures/docker';

export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as T;
}

export type FixtureContainer = 'hardened' | 'weak' | 'default' | 'linked' | 'exited';

export function container(name: FixtureContainer, patch?: (c: ContainerInspect) => void): ContainerInspect {
  const c = fixture<ContainerInspect>(`container-${name}`);
  patch?.(c);
  return c;
}

export function dockerEvidence(containers: ContainerInspect[], patch?: (d: DockerEvidence) => void): DockerEvidence {
  const d: DockerEvidence = {
    endpoint: 'unix:///tmp/ra-engine/docker.sock',
    version: fixture('version'),
    info: fixture('info'),
    containers,
    images: [fixture<ImageInspect>('image-busybox')],
    networks: [fixture<NetworkInspect>('network-bridge')],
    volumes: [],
    swarm: null,
  };
  patch?.(d);
  return d;
}

export function file(p: string, over: Partial<FileFact> = {}): FileFact {
  return { path: p, origin: 'test', exists: true, kind: 'file', uid: 0, gid: 0, owner: 'root', group: 'root', mode: '0644', ...over };
}

/** Host evidence of a plain, systemd-less daemon with default settings; tests change what they need. */
export function hostEvidence(patch?: (h: HostEvidence) => void): HostEvidence {
  const h: HostEvidence = {
    hostRoot: '/',
    engineId: 'TV2Y:P7DB:J67B:7SGM:72LU:KZZR:5YQZ:YGBS:PCCG:4ZSO:5WQF:HITK',
    hostname: 'vm',
    daemon: { pid: 4242, argv: ['dockerd', '-H', 'unix:///run/docker.sock'], exe: '/usr/sbin/dockerd', uid: 0, ppid: 1, parentCommand: 'init', systemdUnit: null, matchedBy: 'test' },
    daemonCandidates: [],
    flags: { host: ['unix:///run/docker.sock'] },
    daemonConfig: { path: '/etc/docker/daemon.json', origin: 'default', file: file('/etc/docker/daemon.json', { exists: false, kind: undefined }), content: null },
    dataRoot: { file: file('/var/lib/docker', { kind: 'directory', mode: '0710' }), mount: { mountPoint: '/var/lib/docker', fsType: 'xfs', device: '253:1', source: '/dev/mapper/vg-docker', rootDevice: '253:0', separateFromRoot: true } },
    execRoot: file('/var/run/docker', { kind: 'directory', mode: '0700' }),
    sockets: [file('/run/docker.sock', { kind: 'socket', gid: 998, group: 'docker', mode: '0660' })],
    tcpHosts: [],
    containerdSocket: file('/run/containerd/containerd.sock', { kind: 'socket', mode: '0660' }),
    configDir: file('/etc/docker', { kind: 'directory', mode: '0755' }),
    configFiles: [file('/etc/default/docker'), file('/etc/sysconfig/docker', { exists: false }), file('/etc/containerd/config.toml')],
    registryCerts: [],
    tls: { ca: null, cert: null, key: null },
    systemd: { startedBySystemd: false, units: [] },
    binaries: ['/usr/sbin/dockerd', '/usr/bin/containerd', '/usr/bin/containerd-shim', '/usr/bin/containerd-shim-runc-v1', '/usr/bin/containerd-shim-runc-v2', '/usr/sbin/runc'].map((p) => file(p, { mode: '0755' })),
    audit: { rules: [], sources: ['/etc/audit/audit.rules'], loaded: false, auditdAbsent: false },
    socketGroup: { name: 'docker', gid: 998, members: [], primaryMembers: [] },
    tcpListeners: [],
    dockerProxyCount: 0,
    containerProcesses: null,
  };
  patch?.(h);
  return h;
}

function envelope<T>(collector: string, data: T | null, status: EvidenceFile['status'] = 'ok'): EvidenceFile<T> {
  return {
    schemaVersion: EVIDENCE_SCHEMA_VERSION,
    collector,
    collectorVersion: 'test',
    startedAt: '2026-11-23T15:00:00.000Z',
    endedAt: '2026-11-23T15:00:01.000Z',
    host: { hostname: 'vm', engineId: null },
    status,
    data,
  };
}

export function loaded(docker: DockerEvidence | null, host?: HostEvidence | null): LoadedEvidence {
  const ev: LoadedEvidence = {};
  if (docker) ev.docker = envelope('docker', docker);
  if (host !== undefined) ev.host = envelope('host', host);
  return ev;
}

export const NOW = '2026-11-23T16:00:00.000Z';

export function check(id: string): AnyCheck {
  const c = findCheck(id) ?? cisChecks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
}

/** Run one check over evidence and return its findings. */
export function run(id: string, ev: LoadedEvidence, options: Record<string, unknown> = {}): Finding[] {
  return runCheck(check(id), ev, { now: NOW, ...options });
}

/** The finding for one container, by name. */
export function forContainer(findings: Finding[], name: string): Finding {
  const f = findings.find((x) => x.target.name === name);
  if (!f) throw new Error(`no finding for ${name} among ${findings.map((x) => x.target.name).join(', ')}`);
  return f;
}

/** Host evidence of a daemon started with these flags. */
export const withFlags = (...argv: string[]): HostEvidence =>
  hostEvidence((h) => {
    h.daemon!.argv = ['dockerd', ...argv];
    h.flags = parseDockerdArgs(['dockerd', ...argv]);
  });

/** Host evidence of a daemon whose /etc/docker/daemon.json holds this content. */
export const withJson = (content: Record<string, unknown>): HostEvidence =>
  hostEvidence((h) => {
    h.daemonConfig = { path: '/etc/docker/daemon.json', origin: 'default', file: file('/etc/docker/daemon.json'), content };
  });
