import type { FileFact, HostEvidence } from '../../evidence/types/host';
import type { LocalText } from '../../findings/types';
import type { AuditPath, AuditSelection, FileSelection } from './host-check';
import { SELECTION_MESSAGES as m, WORDS } from './host-texts';

/** Which host files the section-1 and section-3 checks judge; always the daemon's real ones. */

function find(host: HostEvidence, p: string): FileFact | undefined {
  return host.configFiles.find((f) => f.path === p || f.namedAs === p);
}

/** A file as a path to audit, also under the name it was given (before symlinks were resolved). */
export function auditPath(f: FileFact, origin = f.origin): AuditPath {
  return { path: f.path, aliases: f.namedAs ? [f.namedAs] : [], origin, exists: f.exists };
}

/** A fixed configuration path for an audit rule (audited only when it exists). */
export function configFile(host: HostEvidence, p: string): AuditSelection {
  const f = find(host, p);
  if (!f) return { outcome: 'error', message: m('notExamined', { path: p }) };
  return auditPath(f);
}

/** A binary by base name, as found on the host PATH. */
export function binary(host: HostEvidence, name: string): AuditSelection {
  const f = host.binaries.find((b) => (b.namedAs ?? b.path).endsWith(`/${name}`));
  if (!f) return { outcome: 'error', message: m('notLookedFor', { name }) };
  return auditPath(f);
}

export function configFiles(host: HostEvidence, p: string): FileSelection {
  const f = find(host, p);
  return f ? [f] : { outcome: 'error', message: m('notExamined', { path: p }) };
}

/** The service unit systemd runs dockerd in, with its drop-ins; n/a when systemd did not start the daemon. */
export function serviceUnit(host: HostEvidence): FileSelection {
  if (!host.daemon) return { outcome: 'error', message: m('noDaemonSystemd') };
  if (!host.systemd.startedBySystemd) {
    return { outcome: 'not-applicable', message: m('notStartedBySystemd', { pid: String(host.daemon.pid), parent: host.daemon.parentCommand ?? WORDS.unknown }) };
  }
  const unit = host.daemon.systemdUnit!;
  const files = host.systemd.units.filter((u) => u.name === unit || u.name.startsWith(`${unit}.d/`)).map((u) => u.file);
  return files.length ? files : { outcome: 'error', message: m('noUnitFile', { unit }) };
}

/** Why no docker.socket unit is in effect. */
export function noSocketUnit(host: HostEvidence): { outcome: 'not-applicable'; message: LocalText } {
  return { outcome: 'not-applicable', message: m(host.systemd.startedBySystemd ? 'noSocketUnit' : 'noSocketUnitWithoutSystemd') };
}

export function socketUnit(host: HostEvidence): FileSelection {
  const files = host.systemd.units.filter((u) => u.name === 'docker.socket' || u.name.startsWith('docker.socket.d/')).map((u) => u.file);
  return files.length ? files : noSocketUnit(host);
}

export function registryCerts(host: HostEvidence): FileSelection {
  if (host.registryCerts.length) return host.registryCerts;
  return { outcome: 'not-applicable', message: m('noRegistryCerts', { dir: host.configDir.path }) };
}

const TLS_FILE = { ca: m('tlsCa'), cert: m('tlsCert'), key: m('tlsKey') } as const;

export function tlsFile(host: HostEvidence, which: 'ca' | 'cert' | 'key'): FileSelection {
  const f = host.tls[which];
  if (f) return [f];
  return { outcome: 'not-applicable', message: m('noTls', { what: TLS_FILE[which], setting: `tls${which === 'ca' ? 'cacert' : which}` }) };
}

export function apiSockets(host: HostEvidence): FileSelection {
  if (host.sockets.length) return host.sockets;
  if (!host.daemon) return { outcome: 'error', message: m('noDaemonSocket') };
  return { outcome: 'not-applicable', message: m('noUnixSocket', { hosts: host.tcpHosts.length ? host.tcpHosts : WORDS.none }) };
}

export function containerdSocket(host: HostEvidence): FileSelection {
  return host.containerdSocket ? [host.containerdSocket] : { outcome: 'error', message: m('containerdUnknown') };
}
