/**
 * The docker collector: the engine's containers, images, networks, volumes, version, info and swarm,
 * read-only, through the request layer (request.ts) with deadlines and the run's abort signal.
 */
import type Docker from 'dockerode';
import { scrubString } from '../../evidence/redact';
import type { DockerEvidence } from '../../evidence/types/docker';
import type { Collector, CollectorOutcome } from '../types';
import { collectEngine, COLLECTION_TIMEOUT_MS, INSPECT_CONCURRENCY, reasonOf, type EngineCollectOptions } from './collect';
import { DEFAULT_DOCKER_HOST, parseEngineAddress } from './connection';
import { dockerodeEngineClient, engineClientFor } from './request';

export { collectEngine, reasonOf, type EngineCollectOptions };

/** 1.1.0: `uninspected` lists objects that could not be inspected; requests and the collection have deadlines. */
export const DOCKER_COLLECTOR_VERSION = '1.1.0';

/** `ctx.options.docker`: the collection deadline (`--engine-timeout`), in seconds. */
export interface DockerCollectorOptions {
  timeoutSeconds?: number;
}

/**
 * Collect from a dockerode client (the fleet inventory builds them for ssh:// and TLS engines): the
 * evidence, with every warning and every object that could not be inspected pushed to `warnings`.
 * Throws when the engine stopped answering before the lists were read.
 */
export async function collectDocker(docker: Docker, endpoint: string, warnings: string[], opts: EngineCollectOptions = {}): Promise<DockerEvidence> {
  const out = await collectEngine(dockerodeEngineClient(docker), endpoint, opts);
  warnings.push(...(out.warnings ?? []));
  if (!out.data) throw new Error(out.reason ?? out.error ?? 'no data');
  return out.data;
}

export const dockerCollector: Collector<'docker'> = {
  name: 'docker',
  version: DOCKER_COLLECTOR_VERSION,
  async collect(ctx): Promise<CollectorOutcome<DockerEvidence>> {
    const address = parseEngineAddress(ctx.dockerHost ?? DEFAULT_DOCKER_HOST);
    const endpoint = scrubString(address.display);
    const o = (ctx.options.docker ?? {}) as DockerCollectorOptions;
    const client = await engineClientFor(address.options, INSPECT_CONCURRENCY);
    try {
      const { reason: _reason, ...outcome } = await collectEngine(client, endpoint, { signal: ctx.signal, timeoutMs: o.timeoutSeconds ? o.timeoutSeconds * 1000 : COLLECTION_TIMEOUT_MS });
      return outcome;
    } finally {
      client.close();
    }
  },
};
