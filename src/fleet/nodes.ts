/**
 * The Swarm as the manager sees it: is the engine a manager, and which nodes are there.
 */
import type Docker from 'dockerode';
import { InputError } from '../errors';
import type { FleetNode } from '../findings/fleet';

/** The engine is not a Swarm manager (or not in a Swarm at all): bad usage, exit 2. */
export class NotAManagerError extends InputError {}

export interface ManagerInfo {
  nodeId: string | null;
  clusterId: string | null;
  apiVersion: string | null;
  engineVersion: string | null;
}

/** Check that the engine is a Swarm manager; the message says what to do instead. */
export async function requireManager(docker: Docker, display: string): Promise<ManagerInfo> {
  const info = (await docker.info()) as { Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; NodeID?: string; Cluster?: { ID?: string } }; ServerVersion?: string };
  const swarm = info.Swarm ?? {};
  if (swarm.LocalNodeState !== 'active') {
    throw new NotAManagerError(`the engine at ${display} is not part of a Swarm (state ${swarm.LocalNodeState ?? 'unknown'}): run "fleet" on a Swarm manager, or list the engines in a file and use "fleet --inventory FILE"`);
  }
  if (!swarm.ControlAvailable) {
    throw new NotAManagerError(`the engine at ${display} is a Swarm worker, not a manager: run "fleet" against a manager (docker node ls shows them)`);
  }
  const version = (await docker.version()) as { ApiVersion?: string; Version?: string };
  return { nodeId: swarm.NodeID ?? null, clusterId: swarm.Cluster?.ID ?? null, apiVersion: version.ApiVersion ?? null, engineVersion: version.Version ?? info.ServerVersion ?? null };
}

interface NodeObject {
  ID?: string;
  Description?: { Hostname?: string; Engine?: { EngineVersion?: string } };
  Spec?: { Role?: string; Availability?: string };
  Status?: { State?: string; Message?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Addr?: string };
}

export function toFleetNode(n: NodeObject): FleetNode {
  return {
    id: n.ID ?? '',
    hostname: n.Description?.Hostname ?? n.ID ?? 'unknown',
    role: n.Spec?.Role ?? 'unknown',
    availability: n.Spec?.Availability ?? 'unknown',
    state: n.Status?.State ?? 'unknown',
    message: n.Status?.Message ? n.Status.Message : null,
    engineVersion: n.Description?.Engine?.EngineVersion ?? null,
    address: n.Status?.Addr ?? n.ManagerStatus?.Addr?.replace(/:\d+$/, '') ?? null,
    leader: !!n.ManagerStatus?.Leader,
  };
}

/** Every node of the Swarm, sorted by host name. */
export async function listNodes(docker: Docker): Promise<FleetNode[]> {
  const nodes = (await docker.listNodes()) as NodeObject[];
  return nodes.map(toFleetNode).sort((a, b) => a.hostname.localeCompare(b.hostname) || a.id.localeCompare(b.id));
}
