/**
 * A render input for tests and for looking at the pack by eye: recorded docker inspect JSON
 * (test/fixtures/docker) plus hostile names (HTML, bidi override, CJK, Norwegian letters), and
 * typed residency, virt and storage evidence. Findings come from the registered checks
 * (buildFindings); a section whose checks are not registered yet gets a few findings of the same
 * shape the real checks emit, so every part of the pack has something to render.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ContainerInspect, DockerEvidence } from '../../src/evidence/types/docker';
import type { EvidenceFile, HostEvidence, LoadedEvidence, ResidencyEvidence, StorageEvidence, VirtEvidence } from '../../src/evidence/types';
import { fingerprint } from '../../src/findings/fingerprint';
import { countOutcomes, summarizeScore } from '../../src/findings/score';
import type { Finding, FindingsDocument, Outcome, Section, Severity, Target } from '../../src/findings/types';
import type { Lang } from '../../src/i18n';
import type { AuditConfig } from '../../src/config/load';
import { buildFindings } from '../../src/pipeline/evaluate';
import { answerQuestions } from '../../src/answers/answer';
import type { RenderInput } from '../../src/render';
import { PROJECT_ROOT } from '../../src/version';

export const NOW = '2026-11-23T12:00:00.000Z';
export const HOSTILE_LABEL = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
export const NORWEGIAN_NAME = 'kundedatabase-æøå-ÆØÅ-blåbærsyltetøy';
export const CJK_NAME = 'db-数据库-east';
export const BIDI_NAME = 'invoice\u202Efdp.exe';

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/docker', name), 'utf8')) as T;
}

function envelope<T>(collector: string, data: T | null, status: EvidenceFile['status'] = 'ok', extra: Partial<EvidenceFile> = {}): EvidenceFile<T> {
  return {
    schemaVersion: '1.0.0',
    collector,
    collectorVersion: '1.0.0',
    startedAt: '2026-11-23T11:58:00.000Z',
    endedAt: '2026-11-23T11:58:04.000Z',
    host: { hostname: 'app-prod-01.example.no', engineId: 'ABCD:EFGH:IJKL' },
    status,
    ...extra,
    data,
  } as EvidenceFile<T>;
}

function renamed(c: ContainerInspect, name: string, id: string, labels: Record<string, string> = {}): ContainerInspect {
  return { ...c, Id: id.padEnd(64, '0'), Name: `/${name}`, Config: { ...c.Config, Labels: { ...(c.Config.Labels ?? {}), ...labels } } };
}

export function dockerEvidence(): DockerEvidence {
  const files = readdirSync(path.join(PROJECT_ROOT, 'test/fixtures/docker')).filter((f) => f.startsWith('container-'));
  const containers = files.map((f) => fixture<ContainerInspect>(f));
  const weak = containers.find((c) => c.Name.includes('weak')) ?? containers[0];
  const hardened = containers.find((c) => c.Name.includes('hardened')) ?? containers[0];
  containers.push(
    renamed(weak, 'web-1', 'aa11', { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': HOSTILE_LABEL }),
    renamed(hardened, NORWEGIAN_NAME, 'bb22', { 'com.docker.compose.project': 'kunde', 'com.docker.compose.service': 'database-ø' }),
    renamed(weak, CJK_NAME, 'cc33'),
    renamed(hardened, BIDI_NAME, 'dd44'),
  );
  return {
    endpoint: 'unix:///var/run/docker.sock',
    version: fixture('version.json'),
    info: { ...fixture<DockerEvidence['info']>('info.json'), Name: 'app-prod-01.example.no' },
    containers,
    images: [],
    networks: [fixture('network-bridge.json')],
    volumes: [],
    swarm: null,
  };
}

function endpoint(id: string, host: string, port: number | null, kinds: ResidencyEvidence['endpoints'][number]['kinds'], addresses: { ip: string; country: string | null; internal?: boolean }[], object: string) {
  return {
    id,
    host,
    port,
    scheme: port === 5432 ? 'postgres' : port === 443 ? 'https' : null,
    kinds,
    foundIn: [{ kind: kinds[0], object: { type: 'container' as const, id: 'aa11', name: object }, field: kinds[0] === 'label' ? `Labels ${HOSTILE_LABEL}` : 'Env DATABASE_URL', value: `${host}${port ? `:${port}` : ''}` }],
    resolution: { method: addresses.length ? ('dns' as const) : ('none' as const), addresses: addresses.map((a) => a.ip), ...(addresses.length ? {} : { error: 'NXDOMAIN' }) },
    addresses: addresses.map((a) => ({ ip: a.ip, family: 4 as const, range: a.internal ? ('private' as const) : ('public' as const), internal: !!a.internal, country: a.country, geoSource: a.internal ? null : ('geoip-lite' as const) })),
  };
}

export function residencyEvidence(): ResidencyEvidence {
  return {
    endpoints: [
      endpoint('db.oslo.example.no:5432', 'db.oslo.example.no', 5432, ['env'], [{ ip: '192.0.2.10', country: 'NO' }], 'web-1'),
      endpoint('api.tracker.example.com:443', 'api.tracker.example.com', 443, ['env', 'label'], [{ ip: '198.51.100.7', country: 'US' }], 'web-1'),
      endpoint('backup.example.jp:443', 'backup.example.jp', 443, ['volume'], [{ ip: '203.0.113.9', country: 'JP' }], NORWEGIAN_NAME),
      endpoint('10.0.0.5:514', '10.0.0.5', 514, ['logging'], [{ ip: '10.0.0.5', country: null, internal: true }], 'web-1'),
      endpoint('cdn.example.net:443', 'cdn.example.net', 443, ['env'], [], 'web-1'),
    ],
    hostAddressSource: 'fixture',
    geolocation: {
      kind: 'geoip-lite',
      description: 'geoip-lite 1.4.10 (GeoLite2-Country 2023-11-15)',
      files: ['/fixture/geoip-country.dat'],
      buildDate: '2023-11-15',
      buildDateSource: 'checksum-file',
      version: '1.4.10',
      licence: 'This product includes GeoLite2 data created by MaxMind, available from https://www.maxmind.com.',
      loadMs: 180,
    },
    resolver: { mode: 'injected', hostsFile: null, timeoutMs: 2000 },
    declared: null,
    jurisdictionTableReviewed: '2026-11-01',
  };
}

export function virtEvidence(): VirtEvidence {
  return {
    hostname: 'app-prod-01.example.no',
    facts: ['kvm'],
    virtWhat: { facts: ['kvm'], differences: [] },
    machine: 'vm',
    vm: 'kvm',
    vmFlavour: null,
    vmConfidence: 'high',
    containers: [],
    unconfirmed: [{ runtime: 'docker', evidence: ['dockerenv'], status: 'refuted', reason: '/.dockerenv exists but PID 1 is in the initial PID namespace: a leftover marker, not a container.' }],
    kernel: 'dedicated',
    kernelReason: 'A KVM guest with no container layer: the kernel is this VM’s own.',
    kernelRelease: '6.1.0-18-amd64',
    provider: null,
    nested: { observed: false, outer: null, canHostVms: false, evidence: [] },
    confidential: null,
    layers: [
      { layer: 'hardware', name: 'unknown (cloud host)', evidence: ['DMI sys_vendor = QEMU (/sys/class/dmi/id/sys_vendor)'] },
      { layer: 'hypervisor', name: 'kvm', evidence: ['CPUID leaf 0x40000000 = KVMKVMKVM (/proc/cpuinfo hypervisor flag)'] },
      { layer: 'kernel', name: 'Linux 6.1.0-18-amd64', evidence: ['/proc/sys/kernel/osrelease'], note: 'dedicated' },
      { layer: 'container-runtime', name: 'docker 20.10.24', evidence: ['Engine API /version'] },
    ],
    signals: [],
    missing: [],
    crossChecks: [],
    inputs: { hostRoot: '/', live: true, privileged: false, arch: { value: 'x86_64', source: 'uname' }, cpuid: { signature: null, source: 'none' }, dmi: { source: '/sys/class/dmi/id', present: true }, procSubject: 'self' },
    sources: [],
  };
}

function workload(id: 'randread4kQd1' | 'randread4kQd32' | 'randwrite4kSync' | 'seqread1m' | 'seqwrite1m', iops: number, p50: number, p99: number) {
  return {
    id,
    label: 'fio psync, QD1',
    rw: id.startsWith('randread') ? ('randread' as const) : id === 'randwrite4kSync' ? ('randwrite' as const) : id === 'seqread1m' ? ('read' as const) : ('write' as const),
    blockSizeBytes: id.startsWith('seq') ? 1048576 : 4096,
    queueDepth: id === 'randread4kQd32' ? 32 : 1,
    threads: 1,
    inFlight: id === 'randread4kQd32' ? 32 : 1,
    ioEngine: 'psync',
    sync: id === 'randwrite4kSync' ? ('fdatasync-each-write' as const) : ('none' as const),
    iops,
    mibps: id.startsWith('seq') ? iops : (iops * 4096) / 1048576,
    p50Us: p50,
    p99Us: p99,
    p999Us: null,
    meanUs: p50,
    maxUs: p99 * 2,
    latencySource: 'per-operation' as const,
    ops: iops * 4,
    measuredSeconds: 4,
    rampSeconds: 1,
    repeats: [],
    spread: null,
    cpuSeconds: null,
    loadavg1Before: 0.4,
    device: null,
    cacheSuspected: false,
    syncSuspected: false,
    noisy: false,
    warnings: [],
  };
}

export function storageEvidence(): StorageEvidence {
  return {
    engine: { name: 'fio', version: 'fio-3.33', implementation: '1', reason: 'auto: fio-3.33 found' },
    profile: { name: 'quick', fileSizeBytes: 268435456, rampSeconds: 1, randomRepeats: 3, randomSeconds: 2, sequentialRepeats: 2, sequentialSeconds: 2, nodeThreads: 4 },
    machine: { cpus: 2, memTotalBytes: 24e9, kernel: '6.1.0', hypervisor: true, nodeVersion: 'v20.20.2' },
    primary: 0,
    targets: [
      {
        path: '/var/lib/docker',
        testDir: '/var/lib/docker/tmp',
        roles: ['docker-data-root'],
        volumes: [],
        samePathsAs: [],
        status: 'measured',
        filesystem: null,
        device: null,
        testFile: null,
        engine: null,
        startedAt: NOW,
        durationSeconds: 18,
        loadavgBefore: [0.4, 0.3, 0.2],
        loadavgAfter: [0.9, 0.4, 0.2],
        results: {
          randread4kQd1: workload('randread4kQd1', 18200, 41, 95),
          randread4kQd32: workload('randread4kQd32', 81000, 380, 900),
          randwrite4kSync: workload('randwrite4kSync', 5100, 180, 1900),
          seqread1m: workload('seqread1m', 1450, 650, 1400),
          seqwrite1m: workload('seqwrite1m', 900, 1000, 2900),
        },
        classification: { consistentWith: 'local-nvme', statement: 'consistent with local NVMe-class flash (QD1 p50 41 µs, 18,200 IOPS)', basis: { qd1P50Us: 41, qd1Iops: 18200, deepIops: 81000, deepInFlight: 32 }, alsoPossible: [], caveats: [] },
        warnings: [],
      },
      { path: '/dev/shm', testDir: '/dev/shm', roles: ['dir'], volumes: [], samePathsAs: [], status: 'refused', reason: 'tmpfs is memory, not a disk', filesystem: null, device: null, testFile: null, engine: null, startedAt: null, durationSeconds: null, loadavgBefore: null, loadavgAfter: null, results: {}, classification: null, warnings: [] },
    ],
    bootProbe: null,
  };
}

export function evidence(): LoadedEvidence {
  return {
    docker: envelope('docker', dockerEvidence()),
    residency: envelope('residency', residencyEvidence()),
    virt: envelope('virt', virtEvidence()),
    storage: envelope('storage', storageEvidence()),
    host: envelope<HostEvidence>('host', null, 'failed', { error: 'permission denied reading /proc/1/cmdline (run as root or mount the host read-only)' }),
  };
}

function synthetic(control: string, title: string, section: Section, outcome: Outcome, severity: Severity, target: Target, observed: unknown, expected: unknown, message: string, references: Finding['references'] = []): Finding {
  const id = fingerprint(control, target);
  return {
    id, check: control, control, title, section, outcome, severity, target, observed, expected,
    message: { en: message, nb: message }, remediation: { en: 'See the check.', nb: 'Se kontrollen.' }, references,
    evidence: [{ file: `evidence/${section === 'virtualization' ? 'virt' : section}.json`, pointers: ['/data'] }], fingerprint: id,
  };
}

/** Findings of the same shape the residency/virt/storage checks emit, for sections no registered check covered. */
function fillIn(findings: Finding[]): Finding[] {
  const has = (s: Section) => findings.some((f) => f.section === s);
  const out = [...findings];
  if (!has('residency')) {
    const ep = (id: string, outcome: Outcome, jurisdiction: string, country: string | null, message: string) =>
      synthetic('residency-endpoint-jurisdiction', 'Every endpoint and volume backend is in the EEA or an adequate country', 'residency', outcome, 'high', { kind: 'endpoint', id, name: id }, { country, jurisdiction, basis: 'geolocation' }, { jurisdiction: ['eea', 'adequate'] }, message, [{ framework: 'CSA CAIQ v4', id: 'DSP-19' }, { framework: 'GDPR', id: 'Art. 44' }]);
    out.push(
      ep('db.oslo.example.no:5432', 'pass', 'eea', 'NO', 'db.oslo.example.no:5432 is in Norway (EEA).'),
      ep('api.tracker.example.com:443', 'fail', 'third-country', 'US', 'api.tracker.example.com:443 geolocates to the United States, a third country for this recipient.'),
      ep('backup.example.jp:443', 'pass', 'adequate', 'JP', 'backup.example.jp:443 is in Japan (adequacy decision 2019/419).'),
      ep('10.0.0.5:514', 'pass', 'internal', null, '10.0.0.5:514 is an internal address.'),
      ep('cdn.example.net:443', 'manual', 'unknown', null, 'cdn.example.net:443 could not be resolved; its location is unknown.'),
    );
  }
  if (!has('virtualization')) {
    out.push(synthetic('virt-shared-kernel', 'The containers do not share a kernel with other tenants', 'virtualization', 'pass', 'high', { kind: 'host', id: 'app-prod-01.example.no', name: 'app-prod-01.example.no' }, { kernel: 'dedicated', vm: 'kvm' }, { kernel: 'dedicated' }, 'A KVM guest: the kernel is dedicated to this host.', [{ framework: 'CSA CAIQ v4', id: 'IVS-06' }]));
  }
  if (!has('storage')) {
    out.push(synthetic('storage-iops-class', 'Measured random-read IOPS are compared with typical published figures', 'storage', 'info', 'info', { kind: 'storage', id: '/var/lib/docker', name: '/var/lib/docker' }, { randread4kQd1Iops: 18200 }, { typicalQd1Iops: ['Local NVMe SSD: 10,000–50,000'] }, 'Measured 18,200 IOPS at QD1: within the typical published range for local NVMe SSDs.'));
  }
  return out;
}

export const FIXTURE_CONFIG: AuditConfig = {
  organisation: 'Nordlys Nettbutikk AS (Tromsø)',
  period: '2026 Q4',
  preparedBy: 'Ola Nordmann, sikkerhetsleder',
  waivers: [{ control: 'cis-5.5', target: CJK_NAME, justification: 'Legacy agent needs device access until Q1 migration; tracked in CHG-1042 (æøå).', approvedBy: 'CISO Kari Nordmann', expires: '2027-03-31' }],
};

export function findingsDocument(ev: LoadedEvidence = evidence(), config: AuditConfig = FIXTURE_CONFIG): FindingsDocument {
  const doc = buildFindings(ev, { config, now: NOW });
  const findings = fillIn(doc.findings);
  return { ...doc, run: { ...doc.run, counts: countOutcomes(findings), score: summarizeScore(findings) }, findings };
}

export function renderInput(lang: Lang = 'en', ev: LoadedEvidence = evidence(), config: AuditConfig = FIXTURE_CONFIG): RenderInput {
  const findings = findingsDocument(ev, config);
  const answers = answerQuestions(findings, { lang, now: NOW }).map((a) => ({ id: a.id, control: a.control, controlName: a.controlName, question: a.question, answer: a.answer, answerLabel: a.answerLabel, basis: a.reason, findings: [...a.findings] }));
  return {
    findings,
    evidence: ev,
    manifest: [
      ...Object.keys(ev).sort().map((c, i) => ({ path: `evidence/${c}.json`, sha256: `${(i + 1).toString(16)}`.repeat(64).slice(0, 64), size: 1000 + i })),
      { path: 'findings.json', sha256: 'f'.repeat(64), size: 4242 },
    ],
    lang,
    answers,
  };
}
