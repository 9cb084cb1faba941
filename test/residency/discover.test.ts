import { strict as assert } from 'node:assert';
import { discoverEndpoints } from '../../src/residency/discover';
import { container, dockerEvidence } from './support/fixtures';

const ids = (d: ReturnType<typeof discoverEndpoints>) => d.map((e) => e.id);

describe('residency/discover', () => {
  it('reads every logging driver’s destination', () => {
    const log = (Type: string, Config: Record<string, string>) => container(`log-${Type}`, { HostConfig: { LogConfig: { Type, Config } } });
    const d = discoverEndpoints({
      docker: dockerEvidence([
        log('gelf', { 'gelf-address': 'udp://graylog.example.net:12201' }),
        log('fluentd', { 'fluentd-address': 'fluentd.example.net:24224' }),
        log('fluentd', { 'fluentd-address': 'unix:///var/run/fluent.sock' }),
        log('splunk', { 'splunk-url': 'https://splunk.example.net:8088', 'splunk-token': '[redacted]' }),
        log('awslogs', { 'awslogs-region': 'us-east-1' }),
        log('gcplogs', { 'gcp-project': 'p' }),
        log('loki', { 'loki-url': 'https://logs-prod-eu-west-0.grafana.example/loki/api/v1/push' }),
        log('json-file', { 'max-size': '10m' }),
      ]),
    });
    const logging = d.filter((e) => e.kinds.includes('logging'));
    assert.deepEqual(ids(logging).sort(), [
      'fluentd.example.net:24224',
      'graylog.example.net:12201',
      'logging.googleapis.com:443',
      'logs-prod-eu-west-0.grafana.example',
      'logs.us-east-1.amazonaws.com:443',
      'splunk.example.net:8088',
    ]);
    assert.deepEqual(d.find((e) => e.id === 'logs.us-east-1.amazonaws.com:443')!.providerRegion, { provider: 'Amazon Web Services', region: 'us-east-1', country: 'US' });
  });

  it('reads registries, mirrors, proxies, swarm nodes and container DNS servers', () => {
    const docker = dockerEvidence([container('a', { HostConfig: { Dns: ['9.9.9.9', '2620:fe::fe'] } })], [], {
      RegistryConfig: {
        Mirrors: ['https://mirror.example.eu/'],
        IndexConfigs: { 'docker.io': { Name: 'docker.io', Mirrors: ['https://mirror.example.eu/'] }, 'registry.local:5000': { Name: 'registry.local:5000', Secure: false } },
      },
      HttpsProxy: 'http://proxy.example.net:3128',
      Swarm: { LocalNodeState: 'active', NodeID: 'n1', NodeAddr: '10.0.0.5', RemoteManagers: [{ NodeID: 'm1', Addr: '203.0.113.10:2377' }] },
    });
    docker.images = [{ Id: 'sha256:1', RepoTags: ['ghcr.io/acme/app:1', 'nginx:latest', '<none>:<none>'], RepoDigests: ['quay.io/org/x@sha256:abc'] }];
    docker.swarm = { inspect: null, nodes: [{ ID: 'n2', Status: { Addr: '198.51.100.12' } }], services: null, secretCount: null, autoLockEnabled: null };
    const d = discoverEndpoints({ docker });
    const kind = (k: string) => d.filter((e) => e.kinds.includes(k as never)).map((e) => e.id).sort();
    assert.deepEqual(kind('registry'), ['ghcr.io:443', 'mirror.example.eu:443', 'quay.io:443', 'registry-1.docker.io:443', 'registry.local:5000']);
    assert.deepEqual(kind('proxy'), ['proxy.example.net:3128']);
    assert.deepEqual(kind('swarm-node'), ['10.0.0.5', '198.51.100.12', '203.0.113.10:2377']);
    assert.deepEqual(kind('dns-server'), ['9.9.9.9:53', '[2620:fe::fe]:53']);
  });

  it('reads volume backends of the local driver and of other drivers', () => {
    const d = discoverEndpoints({
      docker: dockerEvidence([], [
        { Name: 'n1', Driver: 'local', Options: { type: 'nfs4', o: 'addr=2001:db8::20,rw', device: ':/x' } },
        { Name: 'n2', Driver: 'local', Options: { type: 'nfs', o: 'rw', device: 'filer.example.net:/vol/x' } },
        { Name: 'c1', Driver: 'local', Options: { type: 'cifs', o: 'addr=192.0.2.30,vers=3.0', device: '//192.0.2.30/share' } },
        { Name: 's1', Driver: 'vieux/sshfs', Options: { sshcmd: 'backup@storage.example.org:/srv/backup' } },
        { Name: 'b1', Driver: 'local', Options: { type: 'none', o: 'bind', device: '/srv/data' } },
      ]),
    });
    assert.deepEqual(ids(d).sort(), ['192.0.2.30', '2001:db8::20'.replace(/^/, '[').concat(']'), 'filer.example.net', 'storage.example.org'].sort());
    assert.equal(d.find((e) => e.id === '192.0.2.30')!.foundIn.length, 1, 'addr= and device naming the same server count once per volume');
  });
});
