/**
 * The docker collector: the engine's containers, images, networks, volumes, version, info and swarm,
 * read-only, through the request layer (request.ts) with deadlines and the run's abort signal.
 */
import { scrubString } from '../../evidence/redact';
import type { DockerEvidence } from '../../evidence/types/docker';
import type { Collector, CollectorOutcome } from '../types';
import { collectEngine, COLLECTION_TIMEOUT_MS, INSPECT_CONCURRENCY } from './collect';
import { DEFAULT_DOCKER_HOST, parseEngineAddress } from './connection';
import { engineClientFor } from './request';

/** The fleet collects each node's engine with the same function (src/fleet/collect-inventory.ts). */
export { collectEngine };

/** 1.1.0: `uninspected` lists objects that could not be inspected; requests and the collection have deadlines. */
export const DOCKER_COLLECTOR_VERSION = '1.1.0';

/** `ctx.options.docker`: the collection deadline (`--engine-timeout`), in seconds. */
export interface DockerCollectorOptions {
  timeoutSeconds?: number;
}

/** Recorded so that a reader of the evidence knows the address was given with credentials, not which. */
export const CREDENTIALS_DROPPED = 'the engine address held a user name or password: the engine API takes none, so they were not sent and not recorded';

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
      if (address.credentialsDropped) outcome.warnings = [CREDENTIALS_DROPPED, ...(outcome.warnings ?? [])];
      return outcome;
    } finally {
      client.close();
    }
  },
};
