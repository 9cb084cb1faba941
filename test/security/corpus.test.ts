/**
 * Every shape of the fixed corpus, planted in the field it names, through the redaction the collectors
 * run (the docker collector's redactDeep over Engine API objects; the host collector over a real host
 * tree on disk): no secret survives, and the host and port of URLs do.
 */
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { collectHost } from '../../src/collectors/host';
import { redactDeep } from '../../src/evidence/redact';
import { encodings } from './leak-scan';
import { SECRET_CORPUS, type PlantedSecret } from './secret-corpus';

/** The entry planted where the engine would report it, as the docker collector stores it. */
function storedByDockerCollector(e: PlantedSecret): unknown {
  const argv = Array.isArray(e.value) ? e.value : [];
  const str = typeof e.value === 'string' ? e.value : '';
  const container = (config: Record<string, unknown>, hostConfig: Record<string, unknown> = {}) => {
    const run = [...((config.Entrypoint as string[] | undefined) ?? []), ...((config.Cmd as string[] | undefined) ?? ['sleep', '3600'])];
    // The engine repeats the command line as Path + Args.
    return { containers: [{ Id: 'c1', Name: '/c1', Path: run[0], Args: run.slice(1), Config: { Image: 'ra-test/busybox:latest', ...config }, HostConfig: hostConfig }] };
  };
  switch (e.field) {
    case 'env':
      return container({ Env: [`${e.key}=${str}`] });
    case 'env-bare':
      return container({ Env: [str] });
    case 'label':
      return container({ Labels: { [e.key!]: str } });
    case 'cmd':
      return container({ Cmd: argv });
    case 'entrypoint':
      return container({ Entrypoint: argv, Cmd: [] });
    case 'healthcheck':
      return container({ Healthcheck: { Test: argv, Interval: 30e9 } });
    case 'log-opt':
      return container({}, { LogConfig: { Type: 'splunk', Config: { [e.key!]: str } } });
    case 'volume-opt':
      return { volumes: [{ Name: 'v1', Driver: 'local', Options: { type: 'cifs', [e.key!]: str }, Labels: null }] };
    case 'volume-label':
      return { volumes: [{ Name: 'v1', Driver: 'local', Options: {}, Labels: { [e.key!]: str } }] };
    case 'mount-opt':
      return container({}, { Mounts: [{ Type: 'volume', Source: 'm1', Target: '/m', VolumeOptions: { DriverConfig: { Name: 'local', Options: { type: 'cifs', [e.key!]: str } } } }] });
    case 'image-history':
      // A committed container's command, as `docker history` shows it.
      return { images: [{ Id: 'sha256:1', History: [{ CreatedBy: argv.join(' '), Comment: '' }], Config: { Cmd: argv } }] };
    case 'image-env':
      return { images: [{ Id: 'sha256:1', Config: { Env: [`${e.key}=${str}`] }, History: [{ CreatedBy: `ENV ${e.key}=${str}` }, { CreatedBy: `/bin/sh -c #(nop)  ENV ${e.key} ${str}` }] }] };
    case 'image-label':
      return { images: [{ Id: 'sha256:1', Config: { Labels: { [e.key!]: str } }, History: [{ CreatedBy: `LABEL ${e.key}="${str}"` }] }] };
    case 'network-opt':
      return { networks: [{ Name: 'n1', Options: { [e.key!]: str }, IPAM: { Options: { [e.key!]: str } } }] };
    case 'service-spec':
      return { swarm: { services: [{ Spec: { Labels: {}, TaskTemplate: { ContainerSpec: { Image: 'x', Args: argv } } } }] } };
    default:
      throw new Error(`${e.field} is not an engine field`);
  }
}

/** A host tree with one dockerd whose command line and daemon.json carry the entry. */
async function storedByHostCollector(e: PlantedSecret): Promise<unknown> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-sec-host-'));
  try {
    const w = async (p: string, text: string) => {
      await fs.mkdir(path.dirname(path.join(root, p)), { recursive: true });
      await fs.writeFile(path.join(root, p), text);
    };
    const argv = e.field === 'daemon-argv' ? (e.value as string[]) : ['/usr/bin/dockerd', '-H', 'unix:///run/docker.sock'];
    await w('/proc/4242/comm', 'dockerd\n');
    await w('/proc/4242/cmdline', [...argv, ''].join('\0'));
    await w('/proc/4242/status', 'Name:\tdockerd\nPPid:\t1\nUid:\t0\t0\t0\t0\n');
    await w('/proc/4242/cgroup', '0::/system.slice/docker.service\n');
    await w('/etc/docker/daemon.json', e.field === 'daemon-json' ? (e.value as string) : '{}');
    const out = await collectHost({ hostRoot: root, dockerHost: 'unix:///run/docker.sock', earlier: {}, log: () => undefined, signal: new AbortController().signal, options: {} });
    assert.ok(out.data, out.error);
    return out.data;
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

describe('security: every corpus shape is redacted in the field it is planted in', () => {
  it('covers every shape the attack used (at least 46 planted secrets)', () => {
    assert.ok(SECRET_CORPUS.length >= 46, `${SECRET_CORPUS.length} entries`);
    assert.equal(new Set(SECRET_CORPUS.map((e) => e.id)).size, SECRET_CORPUS.length, 'ids are unique');
  });

  for (const e of SECRET_CORPUS) {
    it(`${e.id}: ${e.shape} (${e.field})`, async () => {
      const planted = e.field === 'daemon-argv' || e.field === 'daemon-json' ? null : storedByDockerCollector(e);
      const stored = planted === null ? await storedByHostCollector(e) : redactDeep(planted);
      const rawText = JSON.stringify(planted ?? e.value);
      for (const s of e.secrets) assert.ok(planted === null || rawText.includes(JSON.stringify(s).slice(1, -1)), `the corpus entry really plants ${s}`);
      const text = JSON.stringify(stored);
      const leaked = e.secrets.filter((s) => encodings(s).some((f) => text.includes(f)));
      assert.deepEqual(leaked, [], `leaked into ${text}`);
      for (const k of e.keeps ?? []) assert.ok(text.includes(k), `${k} kept: ${text}`);
    });
  }
});
