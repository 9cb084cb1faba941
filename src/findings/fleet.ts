/**
 * The fleet contract: what a fleet folder holds besides one complete single-host pack per host.
 *
 * - `fleet.json` (FleetCollection) is written once, when the fleet is collected: how it was collected
 *   (Swarm job or inventory), the nodes as the manager listed them, the collection service's settings
 *   as the engine accepted them, and per host whether it was collected and, if not, why. It is also
 *   the marker that tells `report` and `verify` that DIR is a fleet folder (with DIR/hosts/).
 * - `fleet-summary.json` (FleetSummary) is written at every evaluation from the hosts' findings.json
 *   and evidence: the fleet pack renderer (src/render/fleet) reads only it and the hosts' findings.
 */
import type { Outcome, Section } from './types';
import type { JurisdictionKey } from './residency';

export const FLEET_FILE = 'fleet.json';
export const FLEET_SUMMARY_FILE = 'fleet-summary.json';
export const HOSTS_DIR = 'hosts';
export const FLEET_SCHEMA_VERSION = '1.0.0';

/** A Swarm node as `GET /nodes` describes it. */
export interface FleetNode {
  id: string;
  hostname: string;
  role: 'manager' | 'worker' | string;
  availability: 'active' | 'pause' | 'drain' | string;
  state: 'ready' | 'down' | 'unknown' | 'disconnected' | string;
  /** The node's status message (e.g. "heartbeat failure"), when it has one. */
  message: string | null;
  engineVersion: string | null;
  address: string | null;
  leader: boolean;
}

/** One setting of the collection service, as the engine stored it (read back after creation). */
export interface ServiceSetting {
  key: string;
  /** As the engine stored it, for the pack (e.g. `["ALL"]`, `536870912`). */
  value: unknown;
  /** Whether the engine kept what we asked for (an older engine ignores fields it does not know). */
  applied: boolean;
  note: string | null;
}

export interface CollectionService {
  name: string;
  id: string | null;
  image: string;
  /** `global-job` (Docker ≥ 24, API ≥ 1.43) or `global` with restart none (older engines: see serviceMode). */
  mode: 'global-job' | 'global';
  apiVersion: string | null;
  settings: ServiceSetting[];
  /** The command line each task ran. */
  args: string[];
  removed: boolean;
  /** Why the service could not be removed, if it could not (the next run sweeps it). */
  removeError: string | null;
}

export interface HostCollectionRecord {
  /** Folder under hosts/. */
  folder: string;
  /** Host name (Swarm node host name, or inventory name). */
  name: string;
  nodeId: string | null;
  status: 'collected' | 'not-collected';
  /** `full`: host, virt and docker evidence from inside the host; `engine-api-only`: inventory hosts reached over the Engine API. */
  scope: 'full' | 'engine-api-only';
  /** Engine address for inventory hosts (credentials removed). */
  endpoint: string | null;
  reason: string | null;
  taskId: string | null;
  taskState: string | null;
  startedAt: string;
  endedAt: string;
  /** Compressed stream size and its SHA-256 (Swarm) as received and verified. */
  stream: { bytes: number; sha256: string; files: number } | null;
}

export interface FleetCollection {
  kind: 'residency-audit-fleet';
  schemaVersion: string;
  toolVersion: string;
  mode: 'swarm' | 'inventory';
  startedAt: string;
  endedAt: string;
  /** The manager (Swarm) or inventory file the run started from. */
  origin: { engine: string | null; managerNodeId: string | null; clusterId: string | null; inventory: string | null };
  nodes: FleetNode[];
  service: CollectionService | null;
  nodeTimeoutSeconds: number;
  hosts: HostCollectionRecord[];
}

export interface HostSectionCell {
  counts: Record<Outcome, number>;
  score: number | null;
}

export interface FleetHostRow {
  folder: string;
  name: string;
  status: 'collected' | 'not-collected';
  scope: 'full' | 'engine-api-only';
  reason: string | null;
  node: Pick<FleetNode, 'id' | 'role' | 'availability' | 'state' | 'engineVersion' | 'address'> | null;
  counts: Record<Outcome, number> | null;
  /** Score per framework (residency, cis, network, platform), null when nothing was scored. */
  scores: Record<string, number | null>;
  sections: Partial<Record<Section, HostSectionCell>>;
  /** The virtualization verdict (e.g. "kvm VM, kernel dedicated"), or why there is none. */
  virt: { verdict: string | null; kernel: string | null; notAssessed: string | null };
  /** The measured storage class of the primary target, or why there is none. */
  storage: { class: string | null; label: string | null; notAssessed: string | null };
  /** Collectors that did not give full evidence, with their status and reason. */
  gaps: { collector: string; status: string; reason: string }[];
  /** The host's own pack, relative to the fleet folder. */
  pack: { findings: string; html: string | null; pdf: string | null } | null;
}

export interface FleetTransferRow {
  /** As a reader writes it: `https://203.0.113.9:443`. */
  destination: string;
  country: string | null;
  jurisdiction: JurisdictionKey;
  transferBasis: string | null;
  /** The worst outcome among the hosts that send there. */
  outcome: Outcome;
  hosts: { host: string; foundIn: string[]; outcome: Outcome }[];
}

/** The outcome of one of our container checks on the collection task's own container, per host. */
export interface CollectorCheckRow {
  check: string;
  control: string;
  title: string;
  outcomes: { host: string; outcome: Outcome }[];
}

export interface FleetSummary {
  kind: 'residency-audit-fleet-summary';
  schemaVersion: string;
  toolVersion: string;
  evaluatedAt: string;
  mode: 'swarm' | 'inventory';
  collectedAt: string;
  sections: Section[];
  hosts: FleetHostRow[];
  totals: { hosts: number; collected: number; notCollected: number; counts: Record<Outcome, number> };
  transfers: FleetTransferRow[];
  collector: { service: CollectionService | null; checks: CollectorCheckRow[] };
}

/** Why a fleet run never benchmarks storage (the storage evidence says so, and the pack shows it in its language). */
export const FLEET_STORAGE_SKIP =
  'not measured in a fleet run: the collection task mounts the host read-only, and a storage benchmark writes test files on the disk it measures (run "residency-audit bench-storage" or "run" on the host itself)';
