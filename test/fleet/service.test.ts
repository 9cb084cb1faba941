import { strict as assert } from 'node:assert';
import { hostFolder, LABEL, LABEL_EXPIRES, LABEL_OWNER, leftoverReason, newRunIdentity, SERVICE_PREFIX } from '../../src/fleet/names';
import { apiAtLeast, serviceMode, serviceSpec, settingsFromSpec, TASK_CAPABILITIES } from '../../src/fleet/service';

type Spec = {
  Mode: Record<string, unknown>;
  TaskTemplate: { ContainerSpec: Record<string, unknown> & { Mounts: { Type: string; Source?: string; Target: string; ReadOnly?: boolean }[] }; LogDriver: { Name: string }; RestartPolicy: { Condition: string }; Resources: { Limits: Record<string, number> } };
};

describe('fleet collection service', () => {
  const id = newRunIdentity(new Date('2030-01-01T00:00:00Z'), new Date('2026-12-01T10:00:00Z'), 'mgr/42');

  it('is a global job on API 1.43 (Docker 24) and a global service with restart none before, where removing a job left its containers', () => {
    assert.equal(serviceMode('1.43'), 'global-job');
    assert.equal(serviceMode('1.44'), 'global-job');
    assert.equal(serviceMode('1.42'), 'global');
    assert.equal(serviceMode('1.41'), 'global', 'Docker 20.10 has jobs, but leaves their tasks behind on removal');
    assert.equal(serviceMode('1.40'), 'global');
    assert.equal(serviceMode(null), 'global');
    assert.ok(apiAtLeast('2.0', '1.41'));
    const s = serviceSpec({ name: id.name, labels: id.labels, image: 'residency-audit:0.1.0', args: ['fleet', 'task'], apiVersion: '1.43' }) as Spec;
    assert.deepEqual(s.Mode, { GlobalJob: {} });
    const old = serviceSpec({ name: id.name, labels: id.labels, image: 'x', args: [], apiVersion: '1.41' }) as Spec;
    assert.deepEqual(old.Mode, { Global: {} });
    assert.equal(old.TaskTemplate.RestartPolicy.Condition, 'none');
  });

  it('mounts the host and the socket read-only, forces json-file, drops every capability but what reading needs, and limits resources', () => {
    const s = serviceSpec({ name: id.name, labels: id.labels, image: 'img', args: ['fleet', 'task'], apiVersion: '1.41', config: { id: 'cfg1', name: 'c' } }) as Spec;
    const cs = s.TaskTemplate.ContainerSpec;
    assert.equal(cs.ReadOnly, true);
    assert.deepEqual(cs.CapabilityDrop, ['ALL']);
    assert.deepEqual(cs.CapabilityAdd, [...TASK_CAPABILITIES]);
    assert.equal(cs.Hostname, '{{.Node.Hostname}}');
    assert.deepEqual(cs.Mounts.filter((m) => m.Type === 'bind').map((m) => [m.Source, m.Target, m.ReadOnly]), [['/', '/host', true], ['/var/run/docker.sock', '/var/run/docker.sock', true]]);
    assert.ok(cs.Mounts.some((m) => m.Type === 'tmpfs' && m.Target === '/tmp'));
    assert.equal(s.TaskTemplate.LogDriver.Name, 'json-file');
    assert.ok(s.TaskTemplate.Resources.Limits.MemoryBytes > 0 && s.TaskTemplate.Resources.Limits.Pids > 0 && s.TaskTemplate.Resources.Limits.NanoCPUs > 0);
    assert.deepEqual((cs.Configs as { ConfigID: string }[]).map((c) => c.ConfigID), ['cfg1']);
    assert.ok(id.name.startsWith(SERVICE_PREFIX));
  });

  it('reports what the engine kept, not what was asked: a dropped NoNewPrivileges is not in force', () => {
    const asked = serviceSpec({ name: id.name, labels: id.labels, image: 'img', args: [], apiVersion: '1.41' }) as Spec;
    const stored = JSON.parse(JSON.stringify(asked)) as Spec;
    delete stored.TaskTemplate.ContainerSpec.Privileges;
    const settings = new Map(settingsFromSpec(stored as never, '1.41').map((x) => [x.key, x]));
    assert.equal(settings.get('no-new-privileges')?.applied, false);
    assert.match(settings.get('no-new-privileges')?.note ?? '', /did not keep/);
    assert.equal(settings.get('read-only root filesystem')?.applied, true);
    const kept = new Map(settingsFromSpec(asked as never, '1.51').map((x) => [x.key, x]));
    assert.equal(kept.get('no-new-privileges')?.applied, true);
    stored.TaskTemplate.ContainerSpec.CapabilityAdd = ['SYS_ADMIN'];
    assert.equal(new Map(settingsFromSpec(stored as never, '1.41').map((x) => [x.key, x])).get('capabilities added')?.applied, false);
  });

  it('recognises a leftover service of a crashed run, and leaves a live run alone', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const labels = (owner: string, expires = '2026-12-01T11:00:00Z') => ({ [LABEL]: '1', [LABEL_OWNER]: owner, [LABEL_EXPIRES]: expires });
    assert.match(leftoverReason(labels('me/123'), now, 'me', () => false) ?? '', /pid 123 on me\) is gone/);
    assert.equal(leftoverReason(labels('me/123'), now, 'me', () => true), null);
    assert.equal(leftoverReason(labels('other/123'), now, 'me', () => false), null, 'another machine\'s run until it expires');
    assert.match(leftoverReason(labels('other/123', '2026-12-01T09:00:00Z'), now, 'me', () => true) ?? '', /expired/);
    assert.equal(leftoverReason({ foo: 'bar' }, now), null);
  });

  it('gives hosts unique, safe folder names', () => {
    const taken = new Set<string>();
    assert.equal(hostFolder('web-1', taken), 'web-1');
    assert.equal(hostFolder('web-1', taken), 'web-1-2');
    assert.equal(hostFolder('../evil/name', taken), '__evil_name');
    assert.equal(hostFolder('', taken), 'host');
  });
});
