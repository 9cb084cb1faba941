import { cis } from '../docker/cis';
import { engineTarget } from '../docker/engine';
import { defineCheck } from '../define';

/** Loopback is insecure by default in every engine and reachable only from the host itself. */
const DEFAULT_INSECURE = new Set(['127.0.0.0/8', '::1/128']);

export default defineCheck<'docker'>({
  id: 'cis.insecure-registries',
  title: 'The daemon uses no insecure registries',
  section: 'daemon',
  severity: 'high',
  ...cis('2.5'),
  automated: true,
  requires: ['docker'],
  decidedBy: 'Info.RegistryConfig from the Engine API: InsecureRegistryCIDRs other than loopback, and registries in IndexConfigs marked Secure: false. This is what --insecure-registry / "insecure-registries" produced, wherever it was set.',
  rationale: 'An insecure registry is reached over plain HTTP or unverified TLS: anyone on the path can serve a different image, which then runs with whatever privileges the container has.',
  remediation: 'Remove the entries from "insecure-registries" in daemon.json (and --insecure-registry flags); give the registry a certificate from a trusted CA or install its CA under /etc/docker/certs.d/<registry>/ca.crt.',
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const rc = docker.info.RegistryConfig;
    if (!rc) return [{ outcome: 'error', target, message: 'Not evaluated: the engine did not report its registry configuration.' }];
    const cidrs = (rc.InsecureRegistryCIDRs ?? []).filter((c) => !DEFAULT_INSECURE.has(c));
    const names = Object.values(rc.IndexConfigs ?? {}).filter((i) => i.Secure === false).map((i) => i.Name);
    const bad = [...cidrs, ...names];
    const observed = { InsecureRegistryCIDRs: rc.InsecureRegistryCIDRs ?? [], insecureIndexes: names };
    return [bad.length
      ? { outcome: 'fail', target, observed, expected: { insecure: 'none besides 127.0.0.0/8' }, message: `The daemon pulls from insecure registries: ${bad.join(', ')}.` }
      : { outcome: 'pass', target, observed, expected: { insecure: 'none besides 127.0.0.0/8' }, message: 'The daemon uses no insecure registries (loopback only).' }];
  },
});
