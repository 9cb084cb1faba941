/**
 * Evidence from the Docker Engine API (collector `docker`).
 * Objects are the engine's own JSON (after redaction of secrets), typed only for the fields the
 * checks read; everything else is kept as the engine sent it so an auditor sees the raw facts.
 */

export interface EngineVersion {
  Version?: string;
  ApiVersion?: string;
  Os?: string;
  Arch?: string;
  KernelVersion?: string;
  [key: string]: unknown;
}

export interface EngineInfo {
  ID?: string;
  Name?: string;
  ServerVersion?: string;
  Driver?: string;
  DriverStatus?: [string, string][];
  LoggingDriver?: string;
  CgroupDriver?: string;
  CgroupVersion?: string;
  DockerRootDir?: string;
  SecurityOptions?: string[];
  LiveRestoreEnabled?: boolean;
  ExperimentalBuild?: boolean;
  Containers?: number;
  ContainersRunning?: number;
  Images?: number;
  OperatingSystem?: string;
  KernelVersion?: string;
  Architecture?: string;
  NCPU?: number;
  MemTotal?: number;
  Swarm?: {
    LocalNodeState?: string;
    ControlAvailable?: boolean;
    NodeID?: string;
    NodeAddr?: string;
    Managers?: number;
    Nodes?: number;
    RemoteManagers?: { NodeID: string; Addr: string }[] | null;
    Cluster?: { Spec?: { CAConfig?: { NodeCertExpiry?: number } }; [key: string]: unknown };
    [key: string]: unknown;
  };
  RegistryConfig?: {
    InsecureRegistryCIDRs?: string[];
    IndexConfigs?: Record<string, { Name: string; Mirrors?: string[]; Secure?: boolean; Official?: boolean }>;
    Mirrors?: string[];
    [key: string]: unknown;
  };
  HttpProxy?: string;
  HttpsProxy?: string;
  NoProxy?: string;
  Runtimes?: Record<string, unknown>;
  DefaultRuntime?: string;
  Isolation?: string;
  InitBinary?: string;
  [key: string]: unknown;
}

export interface PortBinding {
  HostIp?: string;
  HostPort?: string;
}

export interface MountPoint {
  Type?: string;
  Name?: string;
  Source?: string;
  Destination?: string;
  Driver?: string;
  Mode?: string;
  RW?: boolean;
  Propagation?: string;
}

export interface ContainerHostConfig {
  Privileged?: boolean;
  CapAdd?: string[] | null;
  CapDrop?: string[] | null;
  ReadonlyRootfs?: boolean;
  PidsLimit?: number | null;
  Memory?: number;
  MemorySwap?: number;
  MemoryReservation?: number;
  CpuShares?: number;
  NanoCpus?: number;
  CpuQuota?: number;
  CpuPeriod?: number;
  CpusetCpus?: string;
  NetworkMode?: string;
  PidMode?: string;
  IpcMode?: string;
  UTSMode?: string;
  UsernsMode?: string;
  CgroupnsMode?: string;
  CgroupParent?: string;
  SecurityOpt?: string[] | null;
  Devices?: { PathOnHost: string; PathInContainer: string; CgroupPermissions: string }[] | null;
  Ulimits?: { Name: string; Soft: number; Hard: number }[] | null;
  RestartPolicy?: { Name?: string; MaximumRetryCount?: number };
  PortBindings?: Record<string, PortBinding[] | null> | null;
  PublishAllPorts?: boolean;
  Binds?: string[] | null;
  Links?: string[] | null;
  Tmpfs?: Record<string, string> | null;
  LogConfig?: { Type?: string; Config?: Record<string, string> };
  Dns?: string[] | null;
  DnsOptions?: string[] | null;
  DnsSearch?: string[] | null;
  ExtraHosts?: string[] | null;
  Runtime?: string;
  Init?: boolean | null;
  [key: string]: unknown;
}

export interface ContainerInspect {
  Id: string;
  Name: string;
  Created?: string;
  Path?: string;
  Args?: string[];
  Image?: string;
  AppArmorProfile?: string;
  State?: {
    Status?: string;
    Running?: boolean;
    Health?: { Status?: string } | null;
    [key: string]: unknown;
  };
  HostConfig: ContainerHostConfig;
  Mounts?: MountPoint[];
  Config: {
    Hostname?: string;
    User?: string;
    Env?: string[] | null;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    Image?: string;
    Labels?: Record<string, string> | null;
    Healthcheck?: { Test?: string[] } | null;
    ExposedPorts?: Record<string, unknown> | null;
    [key: string]: unknown;
  };
  NetworkSettings?: {
    Ports?: Record<string, PortBinding[] | null> | null;
    Networks?: Record<string, { NetworkID?: string; IPAddress?: string; GlobalIPv6Address?: string; Aliases?: string[] | null; [key: string]: unknown }>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface ImageInspect {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created?: string;
  Size?: number;
  Config?: {
    User?: string;
    Env?: string[] | null;
    Healthcheck?: { Test?: string[] } | null;
    Labels?: Record<string, string> | null;
    [key: string]: unknown;
  } | null;
  /** `GET /images/{id}/history`, newest first; CreatedBy is scrubbed of secrets. */
  History?: { Id?: string; Created?: number; CreatedBy?: string; Size?: number }[];
  [key: string]: unknown;
}

export interface NetworkInspect {
  Id: string;
  Name: string;
  Driver?: string;
  Scope?: string;
  Internal?: boolean;
  EnableIPv6?: boolean;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] | null; [key: string]: unknown };
  Options?: Record<string, string> | null;
  Containers?: Record<string, { Name?: string; IPv4Address?: string; IPv6Address?: string }> | null;
  [key: string]: unknown;
}

export interface VolumeInspect {
  Name: string;
  Driver?: string;
  Mountpoint?: string;
  Scope?: string;
  /** Driver options; credentials (password=, username=) are redacted, addr=/device= kept. */
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
  [key: string]: unknown;
}

export interface SwarmEvidence {
  /** `GET /swarm` (managers only), without join tokens. */
  inspect: Record<string, unknown> | null;
  nodes: { ID: string; Spec?: { Role?: string; Availability?: string }; Status?: { Addr?: string; State?: string }; ManagerStatus?: { Leader?: boolean; Addr?: string; Reachability?: string } }[] | null;
  services: { ID: string; Spec?: { Name?: string; TaskTemplate?: { RestartPolicy?: { Condition?: string; MaxAttempts?: number } }; [key: string]: unknown } }[] | null;
  /** Count only; secret names and values are never read. */
  secretCount: number | null;
  /** Whether a manager auto-lock key is set (`GET /swarm/unlockkey` returned a key); the key itself is dropped. */
  autoLockEnabled: boolean | null;
}

/** The kinds of object the engine lists and the collector then inspects one by one. */
export type InspectedKind = 'container' | 'image' | 'network';

/**
 * An object the engine listed but whose inspection failed (other than with 404: an object removed
 * during the collection is only a warning). It is missing from `containers`, `images` (or, for a
 * network, has only its list entry in `networks`): every check that reads objects of its kind reports
 * it as an `error` finding, and the pack lists it as a gap.
 */
export interface UninspectedObject {
  kind: InspectedKind;
  /** Container, image or network id as listed. */
  id: string;
  /** Container name (no leading slash), image tag (else the short id), network name. */
  name: string;
  /** Why: `ECONNREFUSED`, `HTTP 500 …`, `no complete answer … within 30 s`, `collection deadline of 300 s passed`. */
  reason: string;
  /** Container state as listed (`running`, `created`, …). */
  state?: string;
}

/** The end of the warning for an object that was listed but gone when inspected (404): not a gap. */
export const REMOVED_DURING_COLLECTION = '(removed during collection)';

export interface DockerEvidence {
  /** Engine address with any credential removed, e.g. `unix:///var/run/docker.sock`. */
  endpoint: string;
  version: EngineVersion;
  info: EngineInfo;
  /** Every container, running or not, as `GET /containers/{id}/json` (redacted). */
  containers: ContainerInspect[];
  images: ImageInspect[];
  networks: NetworkInspect[];
  volumes: VolumeInspect[];
  swarm: SwarmEvidence | null;
  /** Listed but not inspected (collector 1.1.0 and later; `[]` when everything was). */
  uninspected?: UninspectedObject[];
}
