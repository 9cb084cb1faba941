import { cis } from '../docker/cis';
import { swarmCheck } from '../docker/swarm-check';

/** Swarm's default node certificate expiry: 90 days, in nanoseconds. */
const DEFAULT_EXPIRY_NS = 90 * 24 * 3600 * 1e9;

export default swarmCheck({
  id: 'cis.node-cert-rotation',
  title: 'Swarm node certificates are rotated as appropriate',
  section: 'swarm',
  severity: 'low',
  ...cis('7.7'),
  automated: true,
  decidedBy: 'Info.Swarm.Cluster.Spec.CAConfig.NodeCertExpiry: longer than the 90-day default warns; otherwise a person confirms the period suits the organisation.',
  rationale: 'Short-lived node certificates limit how long a stolen certificate lets a node stay in the cluster.',
  remediation: 'docker swarm update --cert-expiry 720h (or shorter, per policy).',
  judge: (docker) => {
    const ns = docker.info.Swarm?.Cluster?.Spec?.CAConfig?.NodeCertExpiry;
    if (typeof ns !== 'number') return [{ outcome: 'error', message: 'Not evaluated: the node certificate expiry was not reported (a worker node, or an engine that hides it).' }];
    const hours = Math.round(ns / 3.6e12);
    return [ns > DEFAULT_EXPIRY_NS
      ? { outcome: 'warn', observed: { NodeCertExpiryHours: hours }, expected: { NodeCertExpiryHours: '<= 2160' }, message: `Node certificates are valid for ${hours} hours, longer than the 90-day default.` }
      : { outcome: 'manual', observed: { NodeCertExpiryHours: hours }, expected: { NodeCertExpiryHours: 'per policy, <= 2160' }, message: `Node certificates are rotated every ${hours} hours; confirm that matches policy.` }];
  },
});
