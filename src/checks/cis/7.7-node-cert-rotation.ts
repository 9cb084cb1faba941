import { cis } from '../docker/cis';
import { swarmCheck } from '../docker/swarm-check';
import { templates } from '../text';

/** Swarm's default node certificate expiry: 90 days, in nanoseconds. */
const DEFAULT_EXPIRY_NS = 90 * 24 * 3600 * 1e9;

const m = templates({
  unknown: {
    en: 'Not evaluated: the node certificate expiry was not reported (a worker node, or an engine that hides it).',
    nb: 'Ikke vurdert: utløpstiden til nodesertifikatene ble ikke oppgitt (en worker-node, eller en motor som skjuler den).',
  },
  long: {
    en: 'Node certificates are valid for {hours} hours, longer than the 90-day default.',
    nb: 'Nodesertifikatene er gyldige i {hours} timer, lenger enn standarden på 90 dager.',
  },
  policy: {
    en: 'Node certificates are rotated every {hours} hours; confirm that matches policy.',
    nb: 'Nodesertifikatene har en gyldighetstid på {hours} timer; bekreft at det følger retningslinjene.',
  },
});

export default swarmCheck({
  id: 'cis.node-cert-rotation',
  title: { en: 'Swarm node certificates are rotated as appropriate', nb: 'Nodesertifikatene i swarm byttes i passende takt' },
  section: 'swarm',
  severity: 'low',
  ...cis('7.7'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'Info.Swarm.Cluster.Spec.CAConfig.NodeCertExpiry: longer than the 90-day default warns; otherwise a person confirms the period suits the organisation.',
    nb: 'Info.Swarm.Cluster.Spec.CAConfig.NodeCertExpiry: lengre enn standarden på 90 dager gir advarsel; ellers bekrefter en person at perioden passer virksomheten.',
  },
  rationale: {
    en: 'Short-lived node certificates limit how long a stolen certificate lets a node stay in the cluster.',
    nb: 'Kortlivede nodesertifikater begrenser hvor lenge et stjålet sertifikat lar en node bli værende i klyngen.',
  },
  remediation: {
    en: 'docker swarm update --cert-expiry 720h (or shorter, per policy).',
    nb: 'docker swarm update --cert-expiry 720h (eller kortere, etter retningslinjene).',
  },
  judge: (docker) => {
    const ns = docker.info.Swarm?.Cluster?.Spec?.CAConfig?.NodeCertExpiry;
    if (typeof ns !== 'number') return [{ outcome: 'error', message: m('unknown') }];
    const hours = Math.round(ns / 3.6e12);
    return [ns > DEFAULT_EXPIRY_NS
      ? { outcome: 'warn', observed: { NodeCertExpiryHours: hours }, expected: { NodeCertExpiryHours: '<= 2160' }, message: m('long', { hours }) }
      : { outcome: 'manual', observed: { NodeCertExpiryHours: hours }, expected: { NodeCertExpiryHours: 'per policy, <= 2160' }, message: m('policy', { hours }) }];
  },
});
