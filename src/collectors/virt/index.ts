import type { VirtEvidence } from '../../evidence/types/virt';
import type { CollectContext, Collector } from '../types';
import { classify } from './classify';
import { observe, type ObserveOptions } from './observe';

export { classify } from './classify';
export { observe, type ObserveOptions } from './observe';
export { virtWhatFacts } from './virt-what';

/** Bumped when the evidence shape or a decision rule changes. */
export const VIRT_COLLECTOR_VERSION = '1.0.0';

/** Observe a host and decide its virtualization stack. Throws only for unreadable `--cpuid-file`/`--dmidecode-file`. */
export async function detectVirt(opts: ObserveOptions): Promise<VirtEvidence> {
  const { observations, sources } = await observe(opts);
  return classify(observations, sources);
}

/** Gaps worth a warning line in the envelope: denied or failed sources that feed a decision, and what is missing. */
export function virtWarnings(ev: VirtEvidence): string[] {
  // A denied source that did not matter (e.g. PID 1's environment when we are in the initial PID namespace) stays in
  // `sources` only; `missing` holds the gaps that touched a decision. Tool failures are always worth a line.
  const toolGaps = ev.sources
    .filter((s) => s.status === 'timeout' || (s.status === 'error' && !s.source.startsWith('/')))
    .map((s) => `${s.source}: ${s.status}${s.detail ? ` (${s.detail})` : ''}`);
  return [...new Set([...ev.missing.map((m) => `not available: ${m}`), ...toolGaps])];
}

/** Options the collector takes from `ctx.options.virt`. */
export interface VirtCollectorOptions {
  cpuidFile?: string;
  dmidecodeFile?: string;
  arch?: string;
  exec?: boolean;
}

function optionsOf(ctx: CollectContext): VirtCollectorOptions {
  const o = (ctx.options?.virt ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof o[k] === 'string' && o[k] ? (o[k] as string) : undefined);
  return { cpuidFile: str('cpuidFile'), dmidecodeFile: str('dmidecodeFile'), arch: str('arch'), ...(typeof o.exec === 'boolean' ? { exec: o.exec } : {}) };
}

/** The `virt` collector: which kernel the containers share, and what lies under it. */
export const virtCollector: Collector<'virt'> = {
  name: 'virt',
  version: VIRT_COLLECTOR_VERSION,
  async collect(ctx) {
    try {
      const o = optionsOf(ctx);
      const data = await detectVirt({ hostRoot: ctx.hostRoot || '/', ...o, signal: ctx.signal });
      const warnings = virtWarnings(data);
      ctx.log(`virt: kernel ${data.kernel}, vm ${data.vm ?? 'none'}, containers ${data.containers.map((c) => c.runtime).join(', ') || 'none'}`);
      return { status: warnings.length ? 'partial' : 'ok', data, ...(warnings.length ? { warnings } : {}) };
    } catch (err) {
      return { status: 'failed', data: null, error: err instanceof Error ? err.message : String(err) };
    }
  },
};
