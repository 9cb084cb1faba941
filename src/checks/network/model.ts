import type { DockerEvidence } from '../../evidence/types/docker';
import type { NetworkEvidence } from '../../evidence/types/network';
import type { LocalText, Target } from '../../findings/types';
import { classifyAddress } from '../../residency/ip-address';
import type { CheckOptions, CheckResult } from '../types';
import { hostTarget } from '../targets';
import { exposureModel, type ExposureModel, type PortExposure, type Reach } from './exposure';
import { templates } from '../text';

const m = templates({ unavailable: { en: 'Not evaluated: {why}.', nb: 'Ikke evaluert: {why}.' } });
/** The templates of the shared results below, for the catalog tests. */
export const MODEL_TEXTS = m.templates;

/** Four checks read one model per evidence pair: evaluate it once. */
const cache = new WeakMap<NetworkEvidence, WeakMap<DockerEvidence, ExposureModel>>();

export function modelOf(docker: DockerEvidence, network: NetworkEvidence): ExposureModel {
  let inner = cache.get(network);
  if (!inner) cache.set(network, (inner = new WeakMap()));
  let m = inner.get(docker);
  if (!m) inner.set(docker, (m = exposureModel(docker, network)));
  return m;
}

/** One finding per published port: the container is the target, the port keeps fingerprints apart. */
export function portTarget(p: PortExposure): Target {
  return { kind: 'container', id: `${p.containerId}:${p.hostPort ?? 'random'}/${p.proto}`, name: p.container, state: p.state };
}

export function networkHostTarget(docker: DockerEvidence): Target {
  return hostTarget(docker.info.Name ?? 'unknown-host');
}

/** The model could not run: one `error` finding that says why (never a pass). */
export function unavailable(docker: DockerEvidence, why: string, whyText: LocalText = { en: why, nb: why }): CheckResult[] {
  return [{ outcome: 'error', target: networkHostTarget(docker), observed: { why }, message: m('unavailable', { why: whyText }) }];
}

export interface DeclaredPort {
  container: string;
  port: number;
  proto?: string;
}

/** `network.publicPorts` from the audit config (validated by config/load.ts). */
export function declaredPorts(options: CheckOptions): DeclaredPort[] {
  const n = options.network as { publicPorts?: DeclaredPort[] } | undefined;
  return n?.publicPorts ?? [];
}

export function isDeclared(p: PortExposure, declared: DeclaredPort[]): boolean {
  return declared.some((d) => (d.container === p.container || (d.container.length >= 12 && p.containerId.startsWith(d.container))) && d.port === p.hostPort && (!d.proto || d.proto === p.proto));
}

/** Remote sources include the public internet: every source, or a public range. */
export function fromPublicSources(r: Reach): boolean {
  if (r.sources === 'any') return true;
  return r.sources.some((s) => s === 'other addresses' || classifyAddress(s.split('/')[0])?.range === 'public');
}

export function where(r: { interface: string; address: string }): string {
  return `${r.address.includes(':') ? `[${r.address}]` : r.address} (${r.interface})`;
}

/** What a renderer needs for the table port → container → reachable from → why. */
export function observedPort(p: PortExposure, declared: boolean, model: Extract<ExposureModel, { available: true }>) {
  return {
    container: p.container,
    containerId: p.containerId,
    state: p.state,
    port: p.hostPort,
    proto: p.proto,
    containerPort: p.containerPort,
    bindings: p.bindings,
    basis: p.basis,
    declaredPublic: declared,
    reachableFrom: p.reachableFrom.map((r) => ({ interface: r.interface, address: r.address, family: r.family, range: r.range, public: r.public, sources: r.sources, via: r.via, why: r.why })),
    blockedFrom: p.blockedFrom.map((b) => ({ interface: b.interface, address: b.address, family: b.family, reason: b.reason, why: b.why })),
    unknownFrom: p.unknownFrom.map((u) => ({ interface: u.interface, address: u.address, family: u.family, rule: u.rule })),
    notes: p.notes,
    backend: model.backend,
    ruleSources: model.ruleSources,
  };
}
