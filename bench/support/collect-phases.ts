/**
 * Preloaded (`node -r`) into a `residency-audit collect` process by bench/collect-vs-engine.ts to split
 * its time by phase; writes the figures as JSON to the file named by RA_BENCH_PHASES when the process exits.
 * Only profiled runs carry it (the hooks cost a little); the timed runs are the bare command.
 *
 * - node start: Node's own bootstrap, before any of our code (performance.nodeTiming);
 * - module loading: time inside the outermost require()/import() of our files and of node_modules;
 * - engine requests: time with at least one request to the engine in flight (diagnostics_channel: node:http's
 *   for ssh engines, residency-audit.engine.request for unix and tcp ones),
 *   and how many requests there were;
 * - evidence writing and hashing: time inside writeEvidence (serialise, write, fsync, rename) and
 *   writeManifest (hash every file, write the manifest).
 * Phases may overlap (a module can load while requests are in flight), so they need not add up.
 */
import * as diagnostics from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface PhaseFigures {
  /** ms from the process's time origin to the end of Node's bootstrap. */
  nodeStart: number;
  moduleLoading: number;
  engineRequests: number;
  requests: number;
  evidenceWriting: number;
  /** ms from the time origin to the exit event. */
  exitAt: number;
}

/** Time in which at least one of possibly overlapping activities runs. */
class Busy {
  total = 0;
  private active = 0;
  private since = 0;

  enter(): void {
    if (this.active++ === 0) this.since = performance.now();
  }

  leave(): void {
    if (--this.active === 0) this.total += performance.now() - this.since;
  }
}

function install(file: string): void {
  const figures: PhaseFigures = { nodeStart: performance.nodeTiming.bootstrapComplete, moduleLoading: 0, engineRequests: 0, requests: 0, evidenceWriting: 0, exitAt: 0 };

  // Module loading: only the outermost load counts, so nested requires are not counted twice.
  const mod = Module as unknown as { _load: (...a: unknown[]) => unknown };
  const load = mod._load;
  let depth = 0;
  mod._load = function patchedLoad(this: unknown, ...args: unknown[]): unknown {
    const t = depth === 0 ? performance.now() : 0;
    depth++;
    try {
      return load.apply(this, args);
    } finally {
      depth--;
      if (depth === 0) {
        figures.moduleLoading += performance.now() - t;
        patchWriters();
      }
    }
  };

  // Engine requests: the union of the intervals in which a request is in flight.
  const engine = new Busy();
  const writing = new Busy();
  const started = new WeakSet<object>();
  diagnostics.subscribe('http.client.request.start', (msg) => {
    const req = (msg as { request: object }).request;
    started.add(req);
    figures.requests++;
    engine.enter();
  });
  const finished = (req: object): void => {
    if (!started.delete(req)) return;
    engine.leave();
  };
  diagnostics.subscribe('http.client.response.finish', (msg) => finished((msg as { request: object }).request));
  diagnostics.subscribe('http.client.request.error', (msg) => finished((msg as { request: object }).request));
  // unix:// and tcp:// engines are spoken to without node:http (src/collectors/docker/http1.ts REQUEST_CHANNEL).
  diagnostics.subscribe('residency-audit.engine.request', (msg) => {
    const { phase, job } = msg as { phase: 'start' | 'end'; job: object };
    if (phase === 'end') return finished(job);
    started.add(job);
    figures.requests++;
    engine.enter();
  });

  // Evidence writing and hashing: wrap the two writers once their modules are loaded.
  const dist = path.resolve(__dirname, '../../src/evidence');
  const targets: [string, string][] = [[path.join(dist, 'store.js'), 'writeEvidence'], [path.join(dist, 'manifest.js'), 'writeManifest']];
  const cache = (Module as unknown as { _cache: Record<string, { exports: Record<string, unknown> } | undefined> })._cache;
  function patchWriters(): void {
    for (let i = targets.length - 1; i >= 0; i--) {
      const [file, name] = targets[i];
      const exports = cache[file]?.exports;
      const fn = exports?.[name];
      if (typeof fn !== 'function') continue;
      exports![name] = async (...args: unknown[]): Promise<unknown> => {
        writing.enter();
        try {
          return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
        } finally {
          writing.leave();
        }
      };
      targets.splice(i, 1);
    }
  }

  process.on('exit', () => {
    figures.exitAt = performance.now();
    figures.engineRequests = engine.total;
    figures.evidenceWriting = writing.total;
    writeFileSync(file, JSON.stringify(figures));
  });
}

const out = process.env.RA_BENCH_PHASES;
if (out) install(out);
