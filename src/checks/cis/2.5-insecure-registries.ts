import { cis } from '../docker/cis';
import { engineTarget } from '../docker/engine';
import { defineCheck } from '../define';
import { templates } from '../text';

/** Loopback is insecure by default in every engine and reachable only from the host itself. */
const DEFAULT_INSECURE = new Set(['127.0.0.0/8', '::1/128']);

const m = templates({
  unknown: {
    en: 'Not evaluated: the engine did not report its registry configuration.',
    nb: 'Ikke vurdert: motoren oppga ikke registerkonfigurasjonen sin.',
  },
  insecure: { en: 'The daemon pulls from insecure registries: {registries}.', nb: 'Daemonen henter fra usikre registre: {registries}.' },
  secure: { en: 'The daemon uses no insecure registries (loopback only).', nb: 'Daemonen bruker ingen usikre registre (bare loopback).' },
});

export default defineCheck<'docker'>({
  id: 'cis.insecure-registries',
  title: { en: 'The daemon uses no insecure registries', nb: 'Daemonen bruker ingen usikre registre' },
  section: 'daemon',
  severity: 'high',
  ...cis('2.5'),
  automated: true,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en: 'Info.RegistryConfig from the Engine API: InsecureRegistryCIDRs other than loopback, and registries in IndexConfigs marked Secure: false. This is what --insecure-registry / "insecure-registries" produced, wherever it was set.',
    nb: 'Info.RegistryConfig fra Engine API: InsecureRegistryCIDRs utenom loopback, og registre i IndexConfigs merket Secure: false. Dette er resultatet av --insecure-registry / "insecure-registries", uansett hvor det ble satt.',
  },
  rationale: {
    en: 'An insecure registry is reached over plain HTTP or unverified TLS: anyone on the path can serve a different image, which then runs with whatever privileges the container has.',
    nb: 'Et usikkert register nås over ren HTTP eller TLS uten verifisering: hvem som helst underveis kan levere et annet image, som da kjører med de privilegiene containeren har.',
  },
  remediation: {
    en: 'Remove the entries from "insecure-registries" in daemon.json (and --insecure-registry flags); give the registry a certificate from a trusted CA or install its CA under /etc/docker/certs.d/<registry>/ca.crt.',
    nb: 'Fjern oppføringene fra "insecure-registries" i daemon.json (og --insecure-registry-flaggene); gi registeret et sertifikat fra en klarert CA, eller installer CA-en til registeret under /etc/docker/certs.d/<registry>/ca.crt.',
  },
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const rc = docker.info.RegistryConfig;
    if (!rc) return [{ outcome: 'error', target, message: m('unknown') }];
    const cidrs = (rc.InsecureRegistryCIDRs ?? []).filter((c) => !DEFAULT_INSECURE.has(c));
    const names = Object.values(rc.IndexConfigs ?? {}).filter((i) => i.Secure === false).map((i) => i.Name);
    const bad = [...cidrs, ...names];
    const observed = { InsecureRegistryCIDRs: rc.InsecureRegistryCIDRs ?? [], insecureIndexes: names };
    return [bad.length
      ? { outcome: 'fail', target, observed, expected: { insecure: 'none besides 127.0.0.0/8' }, message: m('insecure', { registries: bad }) }
      : { outcome: 'pass', target, observed, expected: { insecure: 'none besides 127.0.0.0/8' }, message: m('secure') }];
  },
});
