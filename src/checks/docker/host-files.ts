import type { FileFact, HostEvidence } from '../../evidence/types/host';
import type { AuditSelection, FileSelection } from './host-check';

/** Which host files the section-1 and section-3 checks judge; always the daemon's real ones. */

function find(host: HostEvidence, p: string): FileFact | undefined {
  return host.configFiles.find((f) => f.path === p || f.namedAs === p);
}

/** A fixed configuration path for an audit rule (audited only when it exists). */
export function configFile(host: HostEvidence, p: string): AuditSelection {
  const f = find(host, p);
  if (!f) return { outcome: 'error', message: `Not evaluated: ${p} was not examined by the host collector.` };
  return { path: f.path, aliases: f.namedAs ? [f.namedAs] : [], origin: f.origin, exists: f.exists };
}

/** A binary by base name, as found on the host PATH. */
export function binary(host: HostEvidence, name: string): AuditSelection {
  const f = host.binaries.find((b) => (b.namedAs ?? b.path).endsWith(`/${name}`));
  if (!f) return { outcome: 'error', message: `Not evaluated: ${name} was not looked for by the host collector.` };
  return { path: f.path, aliases: f.namedAs ? [f.namedAs] : [], origin: f.origin, exists: f.exists };
}

export function configFiles(host: HostEvidence, p: string): FileSelection {
  const f = find(host, p);
  return f ? [f] : { outcome: 'error', message: `Not evaluated: ${p} was not examined by the host collector.` };
}

/** The service unit systemd runs dockerd in, with its drop-ins; n/a when systemd did not start the daemon. */
export function serviceUnit(host: HostEvidence): FileSelection {
  if (!host.daemon) return { outcome: 'error', message: 'Not evaluated: the dockerd process was not found, so whether systemd runs it is unknown.' };
  if (!host.systemd.startedBySystemd) {
    return { outcome: 'not-applicable', message: `dockerd (pid ${host.daemon.pid}) was not started by systemd (parent: ${host.daemon.parentCommand ?? 'unknown'}); unit files on disk are not in effect.` };
  }
  const unit = host.daemon.systemdUnit!;
  const files = host.systemd.units.filter((u) => u.name === unit || u.name.startsWith(`${unit}.d/`)).map((u) => u.file);
  return files.length ? files : { outcome: 'error', message: `Not evaluated: no unit file for ${unit} in the systemd search path.` };
}

export function socketUnit(host: HostEvidence): FileSelection {
  const files = host.systemd.units.filter((u) => u.name === 'docker.socket' || u.name.startsWith('docker.socket.d/')).map((u) => u.file);
  if (files.length) return files;
  return { outcome: 'not-applicable', message: host.systemd.startedBySystemd ? 'The daemon runs under systemd without a docker.socket unit.' : 'The daemon was not started by systemd, so no docker.socket unit is in effect.' };
}

export function registryCerts(host: HostEvidence): FileSelection {
  if (host.registryCerts.length) return host.registryCerts;
  return { outcome: 'not-applicable', message: `No registry certificates under ${host.configDir.path}/certs.d.` };
}

export function tlsFile(host: HostEvidence, which: 'ca' | 'cert' | 'key'): FileSelection {
  const f = host.tls[which];
  if (f) return [f];
  return { outcome: 'not-applicable', message: `The daemon has no TLS ${which === 'ca' ? 'CA certificate' : which === 'cert' ? 'server certificate' : 'key'} configured (no --tls/--tlsverify and no tls${which === 'ca' ? 'cacert' : which} setting).` };
}

export function apiSockets(host: HostEvidence): FileSelection {
  if (host.sockets.length) return host.sockets;
  if (!host.daemon) return { outcome: 'error', message: 'Not evaluated: the dockerd process was not found, so the socket it listens on is unknown.' };
  return { outcome: 'not-applicable', message: `The daemon serves no unix socket (hosts: ${host.tcpHosts.join(', ') || 'none'}).` };
}

export function containerdSocket(host: HostEvidence): FileSelection {
  return host.containerdSocket ? [host.containerdSocket] : { outcome: 'error', message: 'Not evaluated: the containerd socket of this daemon is unknown.' };
}
