/**
 * Evidence read from the Docker host's own files and process table (collector `host`), under
 * `--host-root` (default `/`). It answers the CIS Docker Benchmark questions the Engine API cannot:
 * the daemon's command line and daemon.json, owners/modes of the files the daemon really uses,
 * systemd units (only when systemd started the daemon), audit rules and the socket group's members.
 *
 * Every path below is the path as the host sees it (without the host-root prefix).
 * Paths are found from the running daemon (its `-H`, `--data-root`, `--exec-root`, `--config-file`,
 * `--containerd` flags, daemon.json and the engine's `Info.DockerRootDir`), never assumed.
 */

/** What `lstat`/`stat` said about one host path. */
export interface FileFact {
  /** Path on the host, symlinks resolved inside the host root (e.g. `/var/run/docker.sock` → `/run/docker.sock`). */
  path: string;
  /** The path as it was named before symlinks were resolved, when different. */
  namedAs?: string;
  /** Where the path came from, e.g. `dockerd -H unix:///run/docker.sock`, `daemon.json "tlscacert"`, `default`. */
  origin: string;
  exists: boolean;
  kind?: 'file' | 'directory' | 'socket' | 'symlink' | 'other';
  /** Numeric owner and group. */
  uid?: number;
  gid?: number;
  /** Owner and group names from the host's /etc/passwd and /etc/group; null when the id has no entry there. */
  owner?: string | null;
  group?: string | null;
  /** Permission bits including setuid/setgid/sticky, as 4 octal digits, e.g. `0660`. */
  mode?: string;
  /** Why the path could not be examined, when that is not "does not exist" (e.g. `EACCES`). */
  error?: string;
}

/** The dockerd process this evidence is about. */
export interface DaemonProcess {
  pid: number;
  /** `/proc/<pid>/cmdline`, with credentials removed. */
  argv: string[];
  /** `/proc/<pid>/exe` target, or null when the link cannot be read. */
  exe: string | null;
  /** Effective uid of the daemon (`/proc/<pid>/status`); 0 means it runs as root. */
  uid: number | null;
  ppid: number | null;
  /** `comm` of the parent process (e.g. `systemd`, `bash`, `containerd`). */
  parentCommand: string | null;
  /** Systemd service from `/proc/<pid>/cgroup` (e.g. `docker.service`); null when not in a systemd service cgroup. */
  systemdUnit: string | null;
  /** How this process was matched to the engine that was audited (data-root or socket). */
  matchedBy: string;
}

/** A daemon setting as dockerd applies it: from the command line, daemon.json, or its built-in default. */
export interface DaemonFlags {
  /**
   * Command-line options, by long name without dashes (`-H` → `host`, `-l` → `log-level`).
   * Every occurrence is kept in order; a bare boolean flag is `"true"`.
   */
  [name: string]: string[];
}

export interface DaemonConfigFile {
  /** Effective path: `--config-file` or the default `/etc/docker/daemon.json`. */
  path: string;
  origin: '--config-file' | 'default';
  file: FileFact;
  /** Parsed JSON with secret values redacted; null when the file is absent, unreadable or invalid. */
  content: Record<string, unknown> | null;
  /** Parse or read error, e.g. `Unexpected token } in JSON at position 12`. */
  error?: string;
}

/** The filesystem that holds a path, from the host's `/proc/1/mountinfo`. */
export interface MountFact {
  /** Mount point containing the path (longest prefix). */
  mountPoint: string;
  fsType: string;
  /** Device as `major:minor`. */
  device: string;
  source: string;
  /** Device of the host's `/`, as `major:minor`. */
  rootDevice: string | null;
  /** True when the path's filesystem is a different device than `/` (a bind mount of the root disk is not). */
  separateFromRoot: boolean;
}

/** One listening TCP socket from the host's `/proc/net/tcp{,6}`. */
export interface TcpListener {
  /** Local address as text: `0.0.0.0`, `::`, `127.0.0.1`, ... */
  address: string;
  port: number;
  family: 4 | 6;
}

/** Audit rules, as configured on disk and, when `auditctl -l` could run, as loaded in the kernel. */
export interface AuditRules {
  /** Rules from `auditctl -l` (loaded), or from the rule files when auditctl is unavailable. */
  rules: string[];
  /** Where the rules came from: `auditctl -l`, `/etc/audit/audit.rules`, `/etc/audit/rules.d/*.rules`. */
  sources: string[];
  /** True when `rules` are the kernel's loaded rules rather than files on disk. */
  loaded: boolean;
  /** True when neither auditctl nor any audit rule file exists (auditd not installed). */
  auditdAbsent: boolean;
}

/** A systemd unit file that is in effect for the daemon. */
export interface SystemdUnit {
  name: string;
  file: FileFact;
  /** `ListenStream=` values (socket units only). */
  listenStream?: string[];
}

export interface GroupFact {
  name: string;
  gid: number;
  /** Users listed in `/etc/group`. */
  members: string[];
  /** Users whose primary group (in `/etc/passwd`) is this group. */
  primaryMembers: string[];
}

/** Processes of one container as the engine lists them (`GET /containers/{id}/top`), only with `--exec-checks`. */
export interface ContainerProcesses {
  id: string;
  name: string;
  /** Command names (`comm`), one per process. */
  commands: string[];
  error?: string;
}

export interface HostEvidence {
  /** The `--host-root` the files were read under. */
  hostRoot: string;
  /** Engine `Info.ID` of the audited engine (from the docker evidence), for target ids. */
  engineId: string | null;
  /** Host name the engine reports, or the local host name. */
  hostname: string;
  /** The dockerd process that serves the audited engine; null when none was found (remote engine, other PID namespace). */
  daemon: DaemonProcess | null;
  /** Every dockerd process seen, to show the choice when there are several. */
  daemonCandidates: { pid: number; argv: string[] }[];
  /** Options from the daemon's command line (empty when `daemon` is null). */
  flags: DaemonFlags;
  daemonConfig: DaemonConfigFile;
  /** Data root (Info.DockerRootDir, else --data-root/daemon.json, else default) and the filesystem under it. */
  dataRoot: { file: FileFact; mount: MountFact | null };
  /** Exec root (`--exec-root`, default `/var/run/docker`). */
  execRoot: FileFact;
  /** Unix sockets the daemon serves its API on (from `-H`/`hosts`, systemd's docker.socket for `fd://`, or the default). */
  sockets: FileFact[];
  /** TCP addresses from `-H`/`hosts` (no credentials), e.g. `tcp://0.0.0.0:2376`. */
  tcpHosts: string[];
  /** The containerd socket the daemon uses (`--containerd`, the system one, or the one it supervises under exec-root). */
  containerdSocket: FileFact | null;
  /** `/etc/docker`. */
  configDir: FileFact;
  /** Other configuration files CIS section 3 names: `/etc/default/docker`, `/etc/sysconfig/docker`, `/etc/containerd/config.toml`. */
  configFiles: FileFact[];
  /** Files under `<config dir>/certs.d` (registry certificates and keys). */
  registryCerts: FileFact[];
  /** TLS files from `--tlscacert/--tlscert/--tlskey` or daemon.json, when TLS is configured. */
  tls: { ca: FileFact | null; cert: FileFact | null; key: FileFact | null };
  /** Systemd units in effect; `startedBySystemd` false means unit files on disk are not what runs the daemon. */
  systemd: { startedBySystemd: boolean; units: SystemdUnit[] };
  /** Binaries CIS 1.1 wants audited, at the paths this host really uses (dockerd from /proc/<pid>/exe). */
  binaries: FileFact[];
  /** null when audit rules could not be read at all (see warnings). */
  audit: AuditRules | null;
  /** Group that owns the API socket (usually `docker`), whose members control the daemon. */
  socketGroup: GroupFact | null;
  /** Host TCP listeners (host network namespace), for swarm port 2377 and daemon TCP sockets. */
  tcpListeners: TcpListener[] | null;
  /** `docker-proxy` processes seen: evidence that the userland proxy is in use. */
  dockerProxyCount: number | null;
  /** Per-container process names, only when `--exec-checks` was given; null otherwise. */
  containerProcesses: ContainerProcesses[] | null;
}
