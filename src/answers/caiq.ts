/**
 * The CSA CAIQ v4.0.x questions this tool's evidence speaks to, and the checks that decide each one.
 *
 * Question ids and CCM control names are CSA's (ids cited, each with the source it was confirmed
 * from: `source`); the question texts are our own paraphrases, in the i18n catalogs (`caiq.<id>.q`),
 * not CSA's wording. The ISO/IEC 27001:2022 Annex A mapping is ours, not CSA's.
 *
 * `scope` says how far the evidence answers the question:
 * - `decides`: the checks decide the technical measure the question asks about, on this Docker host:
 *   every deciding finding passes → Yes, any decided fail → No, all not applicable → NA.
 * - `supports`: the checks cover part of it: a decided fail → No (the measure is not in place), but
 *   passing checks alone → Needs review, with what a person must confirm.
 * - `procedural`: it asks about documents, procedures or contracts: always Needs review; the draft
 *   says what the evidence shows.
 */

export type SsrmOwner = 'csp' | 'csc' | 'shared';
export type Scope = 'decides' | 'supports' | 'procedural';
/**
 * How findings become an answer: `checks` from the deciding findings' outcomes; `location` (DSP-19.1)
 * from whether every location is established; `transfers` (DSP-10.1) like `checks`, with the draft
 * written from the residency record.
 */
export type Rule = 'checks' | 'location' | 'transfers' | 'data-flows' | 'sub-processing';

export interface Question {
  /** CAIQ question id, e.g. `DSP-19.1`. */
  id: string;
  /** CCM v4 control id and name (CSA's). */
  control: string;
  controlName: string;
  iso: readonly string[];
  /** Who answers it in the shared security responsibility model, for a company running its own Docker hosts. */
  owner: SsrmOwner;
  scope: Scope;
  rule: Rule;
  /** Stable check ids (or control ids) whose findings decide the answer, in the order the draft lists them. */
  checks: readonly string[];
  /** Where the question id was confirmed (a key of SOURCES). */
  source: SourceKey;
}

/** Where question ids were confirmed. */
export const SOURCES = {
  'caiq-4.0.2':
    'CAIQ v4.0.2 question table (questions.code): GitHub annyCS/caiqv4.0.2-api-v0, caiqv4.0.2-bbdd-migrations.zip → csa-caiqv4_0_2_INSERT_VALUES_all.sql',
  'caiq-lite-4':
    'CAIQ-Lite v4 question list: GitHub GlitchSecure/website, _pages/legal/security/caiq.md; control in CCM v4.0.12: GitHub azzedine062/azzedine062.github.io, data/ccm-base-controls.js',
  'ccm-4-tvm05':
    'CCM v4.0 control TVM-05 with its single CAIQ question: csf.tools/reference/cloud-controls-matrix/v4-0/tvm/tvm-05 and sammy.codific.com (CCM, External Library Vulnerabilities); CCM v4.0.12: GitHub azzedine062/azzedine062.github.io, data/ccm-base-controls.js',
} as const;
export type SourceKey = keyof typeof SOURCES;

/** auditd rules on the Docker files and binaries (CIS 1.1.3-1.1.18). */
const AUDIT_RULES = [
  'cis.audit-dockerd', 'cis.audit-containerd-state', 'cis.audit-data-root', 'cis.audit-etc-docker', 'cis.audit-docker-service',
  'cis.audit-containerd-sock', 'cis.audit-docker-socket-unit', 'cis.audit-etc-default-docker', 'cis.audit-daemon-json',
  'cis.audit-containerd-config', 'cis.audit-etc-sysconfig-docker', 'cis.audit-containerd-binary', 'cis.audit-containerd-shim',
  'cis.audit-containerd-shim-runc-v1', 'cis.audit-containerd-shim-runc-v2', 'cis.audit-runc',
] as const;

/** Ownership and permissions of the daemon's configuration, units and socket (CIS 3.x). */
const DAEMON_FILES = [
  'cis.docker-service-owner', 'cis.docker-service-mode', 'cis.docker-socket-unit-owner', 'cis.docker-socket-unit-mode',
  'cis.etc-docker-owner', 'cis.etc-docker-mode', 'cis.docker-socket-owner', 'cis.docker-socket-mode',
  'cis.daemon-json-owner', 'cis.daemon-json-mode', 'cis.etc-default-docker-owner', 'cis.etc-default-docker-mode',
  'cis.etc-sysconfig-docker-owner', 'cis.etc-sysconfig-docker-mode', 'cis.containerd-socket-owner', 'cis.containerd-socket-mode',
] as const;

/** The TLS material of the daemon API (CIS 3.9-3.14). */
const TLS_FILES = ['cis.tls-ca-owner', 'cis.tls-ca-mode', 'cis.tls-cert-owner', 'cis.tls-cert-mode', 'cis.tls-key-owner', 'cis.tls-key-mode'] as const;

const q = (id: string, controlName: string, scope: Scope, checks: readonly string[], iso: readonly string[], o: { owner?: SsrmOwner; rule?: Rule; source?: SourceKey } = {}): Question => ({
  id,
  control: id.slice(0, id.indexOf('.')),
  controlName,
  iso,
  owner: o.owner ?? 'csp',
  scope,
  rule: o.rule ?? 'checks',
  checks,
  source: o.source ?? 'caiq-4.0.2',
});

export const QUESTIONS: readonly Question[] = [
  // Data security and privacy: where data is and where it goes.
  q('DSP-19.1', 'Data Location', 'decides', ['residency-host-location', 'residency-endpoint-jurisdiction', 'residency-geolocation-freshness'], ['A.5.23', 'A.5.9', 'A.5.31'], { owner: 'shared', rule: 'location' }),
  q('DSP-10.1', 'Sensitive Data Transfer', 'decides', ['residency-endpoint-jurisdiction', 'residency-host-location'], ['A.5.14', 'A.5.31', 'A.5.34'], { owner: 'shared', rule: 'transfers' }),
  q('DSP-05.1', 'Data Flow Documentation', 'procedural', ['residency-endpoint-jurisdiction'], ['A.5.9', 'A.5.14'], { owner: 'shared', rule: 'data-flows' }),
  q('DSP-13.1', 'Personal Data Subprocessing', 'procedural', ['residency-foreign-control', 'residency-endpoint-jurisdiction'], ['A.5.19', 'A.5.20', 'A.5.34'], { rule: 'sub-processing' }),
  q('DSP-16.1', 'Data Retention and Deletion', 'procedural', ['cis.image-sprawl', 'cis.container-sprawl'], ['A.5.33', 'A.8.10']),
  q('DSP-17.1', 'Sensitive Data Protection', 'supports', ['cis.no-secrets-in-images', 'cis.sensitive-host-dirs', 'cis.swarm-secrets', 'cis.tls-auth'], ['A.5.34', 'A.8.12', 'A.8.24']),

  // Infrastructure and virtualization security.
  q('IVS-02.1', 'Capacity and Resource Planning', 'supports', ['cis.memory-limit', 'cis.cpu-limit', 'cis.pids-limit'], ['A.8.6']),
  q('IVS-03.2', 'Network Security', 'supports', ['cis.tls-auth', 'cis.overlay-encryption'], ['A.8.20', 'A.8.24'], { owner: 'shared' }),
  q('IVS-03.3', 'Network Security', 'supports', ['cis.tls-auth', 'cis.icc-default-bridge', 'cis.bind-interface', 'cis.swarm-interface'], ['A.8.20', 'A.8.21', 'A.8.5'], { owner: 'shared' }),
  q('IVS-03.5', 'Network Security', 'supports', ['cis.needed-ports', 'cis.privileged-ports', 'cis.bind-interface'], ['A.8.20', 'A.8.21'], { owner: 'shared' }),
  q('IVS-04.1', 'OS Hardening and Base Controls', 'decides', [
    'cis.host-hardened', 'cis.separate-partition', 'cis.insecure-registries', 'cis.iptables', 'cis.storage-driver',
    'cis.daemon-no-new-privileges', 'cis.userland-proxy', 'cis.seccomp-profile', 'cis.experimental',
    'cis.docker-service-owner', 'cis.docker-service-mode', 'cis.etc-docker-owner', 'cis.etc-docker-mode',
    'cis.docker-socket-owner', 'cis.docker-socket-mode', 'cis.daemon-json-owner', 'cis.daemon-json-mode',
  ], ['A.8.9', 'A.8.19'], { owner: 'shared' }),
  q('IVS-06.1', 'Segmentation and Segregation', 'decides', [
    'virt-shared-kernel', 'cis.privileged', 'cis.host-network', 'cis.host-pid', 'cis.host-ipc', 'cis.host-uts', 'cis.host-userns',
    'cis.docker-socket', 'cis.sensitive-host-dirs', 'cis.host-devices', 'cis.mount-propagation', 'cis.icc-default-bridge',
  ], ['A.8.22', 'A.8.2'], { owner: 'shared' }),
  q('IVS-07.1', 'Migration to Cloud Environments', 'supports', ['cis.insecure-registries', 'cis.content-trust'], ['A.8.24', 'A.5.14']),
  q('IVS-09.1', 'Network Defense', 'supports', ['cis.iptables', 'cis.icc-default-bridge', 'cis.userland-proxy', 'cis.bind-interface', 'cis.default-bridge'], ['A.8.20', 'A.8.16'], { owner: 'shared' }),

  // Threat and vulnerability management: the engine and the images.
  q('TVM-03.1', 'Vulnerability Remediation Schedule', 'supports', ['cis.docker-version', 'cis.current-image'], ['A.8.8'], { source: 'caiq-lite-4' }),
  q('TVM-05.1', 'External Library Vulnerabilities', 'supports', ['cis.images-rebuilt', 'cis.verified-packages', 'cis.minimal-packages'], ['A.8.8'], { source: 'ccm-4-tvm05' }),
  q('TVM-07.1', 'Vulnerability Identification', 'supports', ['cis.images-rebuilt', 'cis.docker-version'], ['A.8.8'], { source: 'caiq-lite-4' }),

  // Logging and monitoring.
  q('LOG-02.1', 'Audit Logs Protection', 'supports', ['cis.remote-logging'], ['A.8.15']),
  q('LOG-03.1', 'Security Monitoring and Alerting', 'supports', [...AUDIT_RULES, 'cis.remote-logging'], ['A.8.15', 'A.8.16']),
  q('LOG-07.1', 'Logging Scope', 'supports', ['cis.log-level', 'cis.remote-logging', ...AUDIT_RULES], ['A.8.15']),
  q('LOG-08.1', 'Log Records', 'decides', ['cis.log-level', ...AUDIT_RULES], ['A.8.15']),
  q('LOG-09.1', 'Log Protection', 'supports', ['cis.remote-logging'], ['A.8.15']),
  q('LOG-13.1', 'Failures and Anomalies Reporting', 'supports', ['cis.health-check', 'cis.image-healthcheck', 'cis.restart-policy'], ['A.8.16']),

  // Cryptography: the engine API's TLS, secrets in images.
  q('CEK-03.1', 'Data Encryption', 'supports', ['cis.tls-auth', 'cis.overlay-encryption', ...TLS_FILES], ['A.8.24']),
  q('CEK-11.1', 'Key Purpose', 'supports', ['cis.no-secrets-in-images', 'cis.swarm-secrets', 'cis.tls-key-owner', 'cis.tls-key-mode'], ['A.8.24', 'A.5.17']),

  // Identity and access: who can control the daemon, what containers may do.
  q('IAM-03.1', 'Identity Inventory', 'supports', ['cis.trusted-users'], ['A.5.16', 'A.5.18']),
  q('IAM-05.1', 'Least Privilege', 'decides', ['cis.trusted-users', 'cis.docker-socket-owner', 'cis.docker-socket-mode', 'cis.container-user', 'cis.capabilities', 'cis.container-no-new-privileges', 'cis.privileged'], ['A.8.2', 'A.5.15']),
  q('IAM-14.2', 'Strong Authentication', 'supports', ['cis.tls-auth'], ['A.8.5']),
  q('IAM-16.1', 'Authorization Mechanisms', 'supports', ['cis.trusted-users', 'cis.docker-socket-owner', 'cis.docker-socket-mode', 'cis.tls-auth'], ['A.5.15', 'A.8.3']),

  // Change control: who may change the engine's configuration, and whether changes are seen.
  q('CCC-04.1', 'Unauthorized Change Protection', 'supports', [...DAEMON_FILES], ['A.8.32', 'A.8.9']),
  q('CCC-07.1', 'Detection of Baseline Deviation', 'supports', [...AUDIT_RULES], ['A.8.9', 'A.8.16']),
];

export function findQuestion(id: string): Question | undefined {
  return QUESTIONS.find((x) => x.id === id);
}
