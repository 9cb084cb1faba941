/**
 * Section 5 (containers, and docker-legacy-links) in English and bokmål: every meta text is a LocalText,
 * every message comes from the check's templates with the same placeholders in both languages, and the
 * Norwegian findings on the fixtures and on the sample evidence contain no English sentence words.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { cisChecks } from '../../../src/checks/cis';
import { runCheck, type LoadedEvidence } from '../../../src/checks/evaluate';
import { placeholdersOf } from '../../../src/checks/text';
import type { AnyCheck } from '../../../src/checks/types';
import type { ContainerInspect, DockerEvidence, ImageInspect } from '../../../src/evidence/types/docker';
import type { HostEvidence } from '../../../src/evidence/types/host';
import { loadEvidence } from '../../../src/evidence/store';
import type { Finding, LocalText } from '../../../src/findings/types';
import { PROJECT_ROOT } from '../../../src/version';
import { container, dockerEvidence, fixture, hostEvidence, loaded, NOW, type FixtureContainer } from '../cis/fixtures';

const OWNED: AnyCheck[] = cisChecks.filter((c) => c.cis?.startsWith('5.') || c.id === 'docker-legacy-links');
const META = ['title', 'decidedBy', 'rationale', 'remediation'] as const;
const MANUAL_ONLY = new Set(['cis.exec-privileged', 'cis.exec-root']);

/** English function words that must not appear in a Norwegian sentence (outside quoted and evidence values). */
const ENGLISH = new Set(['the', 'is', 'are', 'and', 'of', 'with', 'which', 'must', 'not', 'has', 'have', 'this', 'that', 'from', 'for', 'to']);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every string in an observed value (names, paths, commands): evidence, not sentence. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (typeof v === 'number') return [String(v)];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

/** The English function words left in a Norwegian text once quotes, code and the given values are taken out. */
function englishWords(nb: string, values: readonly string[] = []): string[] {
  let s = nb.replace(/«[^»]*»/g, ' ').replace(/`[^`]*`/g, ' ').replace(/\{\w+\}/g, ' ');
  for (const v of [...values].filter((x) => x.trim()).sort((a, b) => b.length - a.length)) {
    s = s.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escape(v)}(?![\\p{L}\\p{N}])`, 'gu'), ' ');
  }
  return (s.match(/\p{L}+/gu) ?? []).filter((w) => ENGLISH.has(w.toLowerCase()));
}

/** A template as a pattern: its text literally, each placeholder any text. */
function pattern(template: string): RegExp {
  return new RegExp(`^${template.split(/\{\w+\}/).map(escape).join('[\\s\\S]*?')}$`);
}

/** The template a message was written from: of those that match, the one with the most literal text. */
function templateKeyOf(check: AnyCheck, message: LocalText): string | undefined {
  const literal = (t: string) => t.replace(/\{\w+\}/g, '').length;
  return Object.entries(check.messages ?? {})
    .filter(([, t]) => pattern(t.en).test(message.en) && pattern(t.nb).test(message.nb))
    .sort(([, a], [, b]) => literal(b.en) - literal(a.en))[0]?.[0];
}

// ---- Evidence: the recorded fixtures, plus variants that reach the other branches of each check.

const ALL: FixtureContainer[] = ['hardened', 'weak', 'default', 'linked', 'exited'];
const TAG = fixture<ImageInspect>('image-busybox').RepoTags![0];

function named(base: FixtureContainer, name: string, patch: (c: ContainerInspect) => void): ContainerInspect {
  return container(base, (c) => {
    c.Name = `/${name}`;
    c.Id = `${name.replace(/[^a-f0-9]/g, 'a')}${c.Id}`.slice(0, 64);
    patch(c);
  });
}

/** Containers with settings none of the recorded ones has: CPU controls, device rules, swap, swarm tasks, image ids. */
function variants(): ContainerInspect[] {
  return [
    named('hardened', 'tuned', (c) => {
      Object.assign(c.HostConfig, { NanoCpus: 1.5e9, CpuQuota: 50000, CpuShares: 512, CpusetCpus: '0-1', Memory: 2 * 1073741824, MemorySwap: 3 * 1073741824, PidsLimit: 4096, CgroupParent: '/batch' });
      Object.assign(c.HostConfig, { DeviceCgroupRules: ['c 188:* rwm'], DeviceRequests: [{ Driver: 'nvidia', Count: 2 }, { Driver: '' }] });
      c.HostConfig.RestartPolicy = { Name: 'on-failure', MaximumRetryCount: 9 };
      c.HostConfig.SecurityOpt = ['seccomp=/etc/docker/seccomp/web.json', 'label=level:s0:c100,c200', 'no-new-privileges=false'];
      c.Config.Image = 'registry.example.invalid/gone:1';
      c.AppArmorProfile = 'docker-default';
    }),
    named('default', 'plain', (c) => {
      c.HostConfig.RestartPolicy = { Name: 'on-failure', MaximumRetryCount: 0 };
      c.HostConfig.PublishAllPorts = true;
      c.HostConfig.SecurityOpt = ['seccomp=unconfined', 'label=disable'];
      c.Config.Image = `sha256:${'c'.repeat(64)}`;
    }),
    named('default', 'stale', (c) => {
      c.Config.Image = TAG;
      c.Image = `sha256:${'e'.repeat(64)}`;
      c.Config.Healthcheck = { Test: ['CMD', 'true'] };
      c.State = { ...c.State, Health: { Status: 'unhealthy' } } as ContainerInspect['State'];
      c.HostConfig.CapAdd = ['ALL'];
    }),
    named('default', 'shopweb', (c) => {
      c.Config.Labels = { 'com.docker.swarm.service.id': 'svc-web' };
      c.HostConfig.CapDrop = ['NET_RAW', 'MKNOD'];
    }),
    named('default', 'shopworker', (c) => {
      c.Config.Labels = { 'com.docker.swarm.service.id': 'svc-worker' };
      c.HostConfig.Privileged = true;
    }),
    named('default', 'shoporphan', (c) => {
      c.Config.Labels = { 'com.docker.swarm.service.id': 'svc-gone' };
      c.Config.Healthcheck = { Test: ['NONE'] };
    }),
    named('exited', 'bare', (c) => {
      c.HostConfig.ReadonlyRootfs = true;
      c.HostConfig.Tmpfs = {};
      c.HostConfig.CapDrop = ['ALL'];
      c.HostConfig.CapAdd = [];
      c.Mounts = [{ Type: 'bind', Source: '/etc', Destination: '/host/etc', RW: false }];
      c.Path = '/usr/sbin/sshd';
      c.Args = ['-D'];
      c.Config.Healthcheck = { Test: ['CMD', 'true'] };
    }),
  ];
}

function confinedDaemon(d: DockerEvidence): void {
  d.info.SecurityOptions = ['name=apparmor', 'name=seccomp,profile=default', 'name=selinux', 'name=userns'];
}

function manager(services: NonNullable<DockerEvidence['swarm']>['services']): (d: DockerEvidence) => void {
  return (d) => {
    d.info.Swarm = { LocalNodeState: 'active', ControlAvailable: true };
    d.swarm = { inspect: null, nodes: null, services, secretCount: 0, autoLockEnabled: false };
  };
}

const SERVICES = [
  { ID: 'svc-web', Spec: { Name: 'shop_web', TaskTemplate: { RestartPolicy: { Condition: 'on-failure', MaxAttempts: 3 } } } },
  { ID: 'svc-worker', Spec: { Name: 'shop_worker', TaskTemplate: { RestartPolicy: { Condition: 'any' } } } },
];

function withProcesses(h: HostEvidence): void {
  const id = (n: FixtureContainer) => container(n).Id;
  h.containerProcesses = [
    { id: id('hardened'), name: 'cis-fx-hardened', commands: ['nginx', 'nginx'] },
    { id: id('default'), name: 'cis-fx-default', commands: ['sh', 'sshd'] },
    { id: id('linked'), name: 'cis-fx-linked', commands: [], error: 'top: container is restarting' },
  ];
  h.flags = { ...h.flags, 'no-new-privileges': ['true'] };
}

function evidenceSets(): [string, LoadedEvidence][] {
  const containers = () => [...ALL.map((n) => container(n)), ...variants()];
  return [
    ['the recorded containers', loaded(dockerEvidence(ALL.map((n) => container(n))), hostEvidence())],
    ['variants on a confined swarm manager with --exec-checks', loaded(dockerEvidence(containers(), (d) => { confinedDaemon(d); manager(SERVICES)(d); }), hostEvidence(withProcesses))],
    ['a manager without services and without seccomp, no dockerd found', loaded(dockerEvidence(containers(), (d) => { manager([])(d); d.info.SecurityOptions = []; }), hostEvidence((h) => { h.daemon = null; }))],
    ['a swarm worker, daemon.json unreadable', loaded(dockerEvidence(containers(), (d) => { d.info.Swarm = { LocalNodeState: 'active' }; }), hostEvidence((h) => { h.daemonConfig.file.error = 'EACCES'; }))],
    ['a pending swarm, daemon.json invalid', loaded(dockerEvidence(containers(), (d) => { d.info.Swarm = { LocalNodeState: 'pending' }; }), hostEvidence((h) => { h.daemonConfig.error = 'Unexpected token } in JSON at position 12'; }))],
  ];
}

function findingsOf(ev: LoadedEvidence): [AnyCheck, Finding][] {
  return OWNED.flatMap((c) => runCheck(c, ev, { now: NOW }).map((f): [AnyCheck, Finding] => [c, f]));
}

describe('section 5 texts in English and bokmål', () => {
  it('owns the 32 section-5 checks and docker-legacy-links', () => {
    assert.equal(OWNED.length, 33);
  });

  for (const c of OWNED) {
    it(`${c.id}: title, decidedBy, rationale and remediation exist in both languages`, () => {
      for (const k of META) {
        const t = c[k];
        assert.equal(typeof t, 'object', `${c.id} ${k} is a LocalText, not a string`);
        const { en, nb } = t as LocalText;
        assert.ok(en.trim() && nb.trim(), `${c.id} ${k} has en and nb`);
        assert.notEqual(nb, en, `${c.id} ${k} is translated`);
      }
    });

    it(`${c.id}: message templates have the same placeholders in both languages and Norwegian words in nb`, () => {
      // A person decides these from the daemon's audit trail: their finding is the runner's, which quotes decidedBy.
      if (MANUAL_ONLY.has(c.id)) return assert.equal(c.messages, undefined);
      assert.ok(c.messages && Object.keys(c.messages).length, `${c.id} has messages`);
      for (const [key, t] of Object.entries(c.messages)) {
        assert.deepEqual(placeholdersOf(t.nb), placeholdersOf(t.en), `${c.id} ${key} placeholders`);
        assert.deepEqual(englishWords(t.nb), [], `${c.id} ${key}: ${t.nb}`);
      }
    });
  }

  const sets = evidenceSets();
  for (const [label, ev] of sets) {
    it(`findings on ${label}: every message is a template, the nb message is Norwegian`, () => {
      for (const [c, f] of findingsOf(ev)) {
        const where = `${c.id} on ${f.target.name}: ${f.message.nb}`;
        assert.notEqual(f.message.nb, f.message.en, where);
        if (c.messages) assert.ok(templateKeyOf(c, f.message), `${where} comes from a template of ${c.id}`);
        const values = [f.target.name, ...strings(f.observed)];
        assert.deepEqual(englishWords(f.message.nb, values), [], where);
        assert.notEqual(f.remediation.nb, f.remediation.en, `${c.id} on ${f.target.name}: remediation translated`);
      }
    });
  }

  it('the fixtures reach every message template but the list fragments and the unreachable no-host case', () => {
    const reached = new Set<string>();
    for (const [, ev] of sets) for (const [c, f] of findingsOf(ev)) reached.add(`${c.id}:${templateKeyOf(c, f.message)}`);
    const fragments = new Set([
      'cis.apparmor:noProfile', 'cis.cpu-limit:cpus', 'cis.cpu-limit:quota', 'cis.cpu-limit:shares', 'cis.cpu-limit:cpuset',
      'cis.host-devices:rule', 'cis.host-devices:request', 'cis.host-devices:allDevices', 'cis.restart-policy:unlimited', 'cis.restart-policy:taskFix',
      'cis.health-check:unknownStatus', 'docker-legacy-links:link',
      // The reasons inside {gap}; and no host evidence never reaches judge (the check requires host).
      'cis.container-no-new-privileges:noHostEvidence', 'cis.container-no-new-privileges:noDaemon',
      'cis.container-no-new-privileges:unreadable', 'cis.container-no-new-privileges:invalid',
    ]);
    const missing = OWNED.flatMap((c) => Object.keys(c.messages ?? {}).map((k) => `${c.id}:${k}`)).filter((k) => !reached.has(k) && !fragments.has(k));
    assert.deepEqual(missing, []);
  });

  it('fills the list fragments in each language: ports, devices, CPU controls, links, gap reasons', () => {
    const all = sets.flatMap(([, ev]) => findingsOf(ev)).map(([, f]) => f);
    const nb = all.map((f) => f.message.nb).join('\n');
    const en = all.map((f) => f.message.en).join('\n');
    assert.match(en, /rule c 188:\* rwm, nvidia x2, gpu xall/);
    assert.match(nb, /regel c 188:\* rwm, nvidia x2, gpu xalle/);
    assert.match(nb, /CPU-styring: --cpus 1\.5, CPU-kvote 50000, CPU-vekt 512, cpuset 0-1\./);
    assert.match(nb, /bruker foreldede lenker \([\w-]+ som [\w-]+\)/);
    assert.match(nb, /er begrenset til 2\u00a0048 MiB minne og 1\u00a0024 MiB swap\./);
    assert.match(en, /is limited to 2,048 MiB of memory and 1,024 MiB of swap\./);
    assert.match(nb, /innstillingen på daemonnivå er ukjent: ingen dockerd-prosess/);
    assert.match(nb, /\/etc\/docker\/daemon\.json kunne ikke leses \(EACCES\)/);
    assert.match(nb, /\/etc\/docker\/daemon\.json er ikke gyldig JSON/);
  });

  it('names a port the engine picks at start in each language', () => {
    const ev = loaded(dockerEvidence([container('default', (c) => {
      c.State = { ...c.State, Running: false, Status: 'created' } as ContainerInspect['State'];
      c.HostConfig.PortBindings = { '80/tcp': [{ HostIp: '', HostPort: '' }] };
    })]), hostEvidence());
    const [f] = runCheck(OWNED.find((c) => c.id === 'cis.bind-interface')!, ev, { now: NOW });
    assert.equal(f.message.en, 'cis-fx-default (created) listens on every interface: *:(random)->80/tcp.');
    assert.equal(f.message.nb, 'cis-fx-default (opprettet) lytter på alle grensesnitt: *:(tilfeldig)->80/tcp.');
    assert.deepEqual(f.observed, { published: ['*:(random)->80/tcp'] }, 'observed evidence stays as recorded');
  });

  it('the sample evidence gives Norwegian findings for every section-5 check', async () => {
    const ev = await loadEvidence(path.join(PROJECT_ROOT, 'evidence/sample'));
    const found = findingsOf(ev);
    assert.equal(new Set(found.map(([c]) => c.id)).size, OWNED.length);
    for (const [c, f] of found) {
      const where = `${c.id} on ${f.target.name}: ${f.message.nb}`;
      if (c.messages) assert.ok(templateKeyOf(c, f.message), `${where} comes from a template`);
      assert.deepEqual(englishWords(f.message.nb, [f.target.name, ...strings(f.observed)]), [], where);
    }
  });
});
