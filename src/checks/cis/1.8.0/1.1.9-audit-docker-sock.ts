import type { FileFact } from '../../../evidence/types/host';
import { cisSince180 } from '../../docker/cis';
import { auditRuleCheck, hostDaemonTarget, type HostMeta } from '../../docker/host-check';
import { apiSockets } from '../../docker/host-files';
import { defineCheck } from '../../define';
import type { AnyCheck } from '../../types';

/**
 * CIS 1.7.0 and later 1.1.9: an audit rule on the Docker API socket itself (docker.sock). 1.6.0's
 * 1.1.9 audited the docker.socket systemd unit instead; that is `cis.audit-docker-socket-unit`.
 */
const meta: HostMeta = {
  id: 'cis.audit-docker-sock',
  title: 'Changes to the Docker API socket (docker.sock) are recorded by auditd',
  section: 'host',
  severity: 'low',
  ...cisSince180('1.1.9'),
  automated: true,
  decidedBy:
    'Looks for an audit rule (-w path, or -F path=/dir=) covering each unix socket the daemon really listens on (-H / "hosts", the docker.socket unit for fd://), ' +
    'by its real path or the name it was given (/var/run/docker.sock). Loaded rules from auditctl -l when the tool runs on the host, else the rule files.',
  rationale: 'Whoever can use the API socket controls the daemon; an audit trail of changes to it (owner, mode, replacement) shows who widened that access, and when.',
  remediation: 'Add a watch to /etc/audit/rules.d/docker.rules, e.g. `-w /var/run/docker.sock -k docker` (the path the daemon listens on), then load it with `augenrules --load` (or restart auditd).',
};

/** The audit-rule decision for one socket (the shared section-1 logic). */
const forSocket = (f: FileFact) => auditRuleCheck({ ...meta, watch: () => ({ path: f.path, aliases: f.namedAs ? [f.namedAs] : [], origin: f.origin, exists: f.exists }) });

export default defineCheck<'host'>({
  ...meta,
  requires: ['host'],
  evaluate: ({ host }, options) => {
    const sockets = apiSockets(host);
    if (!Array.isArray(sockets)) return [{ outcome: sockets.outcome, target: hostDaemonTarget(host), message: sockets.message }];
    // The per-socket check requires only host evidence, which is all it is given.
    return sockets.flatMap((f) => forSocket(f).evaluate({ host } as Parameters<AnyCheck['evaluate']>[0], options));
  },
});
