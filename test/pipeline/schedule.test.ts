/**
 * How collectAll schedules collectors (src/collectors/schedule.ts): a collector listed in READS starts
 * after those it reads; one that reads evidence late (READS_LATE) starts at once, beside the engine
 * requests, and sees that evidence after `ctx.later`. Fake collectors record when things happen.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { READS, READS_LATE } from '../../src/collectors/schedule';
import type { AnyCollector, CollectContext } from '../../src/collectors/types';
import type { CollectorName } from '../../src/evidence/types';
import { collectAll } from '../../src/pipeline/collect';

function fake(name: CollectorName, events: string[], body: (ctx: CollectContext) => Promise<unknown>, engineId?: string): AnyCollector {
  return {
    name,
    version: '0.0.0',
    collect: async (ctx: CollectContext) => {
      events.push(`${name} start`);
      const data = await body(ctx);
      events.push(`${name} end`);
      return { status: 'ok', data, ...(engineId ? { engineId } : {}) };
    },
  } as unknown as AnyCollector;
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('collector scheduling', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
  });

  function dir(): string {
    const d = mkdtempSync(path.join(os.tmpdir(), 'ra-sched-'));
    dirs.push(d);
    return d;
  }

  it('reads late only what it could not read at its start, and the lists never overlap', () => {
    assert.deepEqual(READS_LATE.host, ['docker']);
    assert.deepEqual(READS_LATE.network, ['docker', 'host']);
    for (const [name, late] of Object.entries(READS_LATE)) for (const n of late ?? []) assert.ok(!READS[name as CollectorName].includes(n), `${name} reads ${n} both at start and late`);
  });

  it('starts host and network beside docker; each sees the evidence it reads late after ctx.later', async () => {
    const events: string[] = [];
    const seen: Record<string, unknown> = {};
    const docker = fake('docker', events, async () => {
      await tick(80);
      return { info: { DockerRootDir: '/var/lib/docker' } };
    }, 'ENGINE-1');
    const host = fake('host', events, async (ctx) => {
      events.push(`host sees docker before later: ${ctx.earlier.docker !== undefined}`);
      await ctx.later!('docker');
      seen.hostRoot = (ctx.earlier.docker?.data as { info: { DockerRootDir: string } }).info.DockerRootDir;
      return { fromHost: true };
    });
    const network = fake('network', events, async (ctx) => {
      await ctx.later!('host');
      await ctx.later!('docker');
      seen.network = [ctx.earlier.host?.data, ctx.earlier.docker?.status];
      return {};
    });
    const residency = fake('residency', events, async (ctx) => {
      seen.residency = ctx.earlier.docker?.status;
      return {};
    });
    const r = await collectAll({ outDir: dir(), hostRoot: '/', dockerHost: 'unix:///nowhere', collectors: [docker, host, residency, network] });
    assert.ok(events.indexOf('host start') < events.indexOf('docker end'), `host starts before docker ends: ${events.join(', ')}`);
    assert.ok(events.indexOf('network start') < events.indexOf('docker end'), `network starts before docker ends: ${events.join(', ')}`);
    assert.ok(events.includes('host sees docker before later: false'));
    assert.ok(events.indexOf('residency start') > events.indexOf('docker end'), 'residency reads docker from its start');
    assert.equal(seen.hostRoot, '/var/lib/docker');
    assert.deepEqual(seen.network, [{ fromHost: true }, 'ok']);
    assert.equal(seen.residency, 'ok');
    assert.equal(r.evidence.host?.host.engineId, 'ENGINE-1', "the host evidence names the engine, read late");
    assert.equal(r.evidence.network?.host.engineId, 'ENGINE-1');
  });

  it('names the engine in a late reader that returned before reading it, and waits for nothing outside the run', async () => {
    const events: string[] = [];
    const docker = fake('docker', events, async () => {
      await tick(50);
      return {};
    }, 'ENGINE-2');
    const host = fake('host', events, async () => ({ early: true }));
    const r = await collectAll({ outDir: dir(), hostRoot: '/', dockerHost: 'unix:///nowhere', collectors: [docker, host] });
    assert.equal(r.evidence.host?.host.engineId, 'ENGINE-2');
    // network alone: its late reads are not in the run, so it does not wait for them.
    const alone = await collectAll({ outDir: dir(), hostRoot: '/', dockerHost: 'unix:///nowhere', collectors: [fake('network', events, async (ctx) => (await ctx.later!('host'), { ok: 1 }))] });
    assert.deepEqual(alone.evidence.network?.data, { ok: 1 });
  });
});
