/**
 * The marker a fleet run leaves in a host's folder when it could not collect that host
 * (`hosts/<name>/not-collected.json`): the host is named in the pack with the reason, never silently missing.
 */

export const NOT_COLLECTED_FILE = 'not-collected.json';

export interface NotCollectedRecord {
  kind: 'residency-audit-not-collected';
  /** The host as the fleet knows it (Swarm node host name or inventory name). */
  host: string;
  /** Swarm node id, when the host is a Swarm node. */
  nodeId: string | null;
  /** Why: the task's error or state ("No such image: …", "node down: heartbeat failure", "timed out after 60 s in state assigned"). */
  reason: string;
  /** The collection task's last state, when there was a task. */
  taskState: string | null;
  /** When the fleet run gave up on the host (ISO). */
  at: string;
}
