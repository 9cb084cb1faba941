/**
 * Docker evidence as the docker collector writes it (already redacted), for residency unit tests.
 * Addresses are documentation ranges or well-known public ones; names resolve only through the
 * static resolver below, never through DNS.
 */
import type { ResidencyCollectorOptions } from '../../../src/collectors/residency';
import type { CollectContext } from '../../../src/collectors/types';
import type { EvidenceFile } from '../../../src/evidence/types';
import type { ContainerInspect, DockerEvidence, VolumeInspect } from '../../../src/evidence/types/docker';
import { staticResolver } from '../../../src/residency/resolver';

export function container(name: string, over: Partial<ContainerInspect> & { Env?: string[]; Labels?: Record<string, string>; Cmd?: string[] } = {}): ContainerInspect {
  const { Env, Labels, Cmd, HostConfig, Config, ...rest } = over;
  return {
    Id: `${name.padEnd(12, '0')}${'a'.repeat(52)}`,
    Name: `/${name}`,
    State: { Status: 'created' },
    HostConfig: { LogConfig: { Type: 'json-file', Config: {} }, ...(HostConfig ?? {}) },
    Config: { Image: 'ra-test/busybox:latest', Env: Env ?? [], Labels: Labels ?? {}, Cmd: Cmd ?? ['sleep', '3600'], ...(Config ?? {}) },
    Mounts: [],
    NetworkSettings: { Networks: {} },
    ...rest,
  };
}

export function dockerEvidence(containers: ContainerInspect[], volumes: VolumeInspect[] = [], info: DockerEvidence['info'] = {}): DockerEvidence {
  return {
    endpoint: 'unix:///var/run/docker.sock',
    version: { Version: '20.10.24' },
    info: { ID: 'ENGINE-ID', Name: 'testhost', RegistryConfig: { IndexConfigs: { 'docker.io': { Name: 'docker.io', Mirrors: [], Secure: true, Official: true } }, Mirrors: [] }, ...info },
    containers,
    images: [],
    networks: [],
    volumes,
    swarm: null,
  };
}

/** The redacted form of a realistic host: an app with a US SaaS, an EEA database, an NFS and a CIFS volume, syslog to a third country. */
export function sampleDocker(): DockerEvidence {
  return dockerEvidence(
    [
      container('api', {
        Env: [
          'DATABASE_URL=postgres://db.eu.example:5432',
          'STRIPE_API=https://api.payments.example:443',
          'CACHE=cache:6379',
          'METRICS=198.51.100.20:9100',
          'API_TOKEN=[redacted]',
          'PATH=/usr/local/sbin:/usr/local/bin',
        ],
        Labels: { 'traefik.http.routers.api.rule': 'Host(`shop.example.no`)', 'org.opencontainers.image.source': 'https://github.com/example/app' },
        Cmd: ['app', '--upstream=https://search.example.in', 'config.yaml'],
        HostConfig: {
          PortBindings: { '8080/tcp': [{ HostIp: '', HostPort: '8080' }], '9090/tcp': [{ HostIp: '127.0.0.1', HostPort: '9090' }] },
          LogConfig: { Type: 'syslog', Config: { 'syslog-address': 'tcp://logs.example.cn:514' } },
          Dns: ['8.8.8.8'],
          ExtraHosts: ['legacy.example.internal-host.net:192.0.2.44'],
        },
        Mounts: [{ Type: 'volume', Name: 'nfsdata', Destination: '/data' }],
      }),
      container('cache', { Config: { Image: 'registry.example.de/cache:7' } }),
      container('shipper', { HostConfig: { LogConfig: { Type: 'awslogs', Config: { 'awslogs-region': 'eu-north-1', 'awslogs-group': 'app' } } } }),
    ],
    [
      { Name: 'nfsdata', Driver: 'local', Options: { type: 'nfs', o: 'addr=nfs.example.se,rw,nfsvers=4', device: ':/export/data' } },
      { Name: 'share', Driver: 'local', Options: { type: 'cifs', o: 'username=[redacted],password=[redacted],vers=3.0', device: '//files.example.us/share' } },
      { Name: 'plain', Driver: 'local', Options: null },
    ],
  );
}

/** Names in the sample → well-known public addresses of the right country in geoip-lite's 2023 data. */
export const SAMPLE_HOSTS: Record<string, string[]> = {
  'db.eu.example': ['51.120.0.1'], // NO
  'api.payments.example': ['8.8.8.8'], // US
  'shop.example.no': ['51.120.0.2'], // NO
  'search.example.in': ['14.139.0.1'], // IN
  'logs.example.cn': ['1.80.0.1'], // CN
  'nfs.example.se': ['13.48.0.1'], // SE
  'files.example.us': ['8.8.4.4'], // US
  'registry.example.de': ['2a01:4f8::1'], // DE
  'registry-1.docker.io': ['8.8.8.8'], // US (stand-in)
  'logs.eu-north-1.amazonaws.com': ['13.48.0.2'], // SE
};

export const sampleResolver = () => staticResolver(SAMPLE_HOSTS);

export function dockerFile(data: DockerEvidence | null, status: EvidenceFile['status'] = 'ok'): EvidenceFile<DockerEvidence> {
  return { schemaVersion: '1.0.0', collector: 'docker', collectorVersion: '1.0.0', startedAt: '', endedAt: '', host: { hostname: 'h', engineId: 'E' }, status, data };
}

export function residencyCtx(options: ResidencyCollectorOptions, docker: EvidenceFile<DockerEvidence> | undefined, hostRoot = '/nonexistent-root'): CollectContext {
  return { hostRoot, earlier: docker ? { docker } : {}, log: () => undefined, signal: new AbortController().signal, options: { residency: options } };
}

