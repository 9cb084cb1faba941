import type { EvidenceFile } from './envelope';
import type { DockerEvidence } from './docker';
import type { HostEvidence } from './host';
import type { NetworkEvidence } from './network';
import type { ResidencyEvidence } from './residency';
import type { StorageEvidence } from './storage';
import type { VirtEvidence } from './virt';

export * from './envelope';
export type { DockerEvidence, HostEvidence, NetworkEvidence, ResidencyEvidence, StorageEvidence, VirtEvidence };

/** The data of every collector, keyed by collector name (= evidence file base name). */
export interface EvidenceData {
  docker: DockerEvidence;
  host: HostEvidence;
  virt: VirtEvidence;
  storage: StorageEvidence;
  residency: ResidencyEvidence;
  network: NetworkEvidence;
}

export type CollectorName = keyof EvidenceData;

export const COLLECTOR_NAMES: readonly CollectorName[] = ['docker', 'host', 'virt', 'storage', 'residency', 'network'];

/** The evidence files of one run, keyed by collector; a collector that did not run is absent. */
export type LoadedEvidence = Partial<{ [K in CollectorName]: EvidenceFile<EvidenceData[K]> }>;
