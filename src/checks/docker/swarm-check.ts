import type { DockerEvidence } from '../../evidence/types/docker';
import { defineCheck } from '../define';
import type { AnyCheck, CheckMeta, CheckOptions, CheckResult } from '../types';
import { engineTarget, swarmActive } from './engine';

/**
 * A section-7 check: not applicable when swarm mode is off (docker-bench passes them, scoring +1),
 * `error` when swarm is on but this node cannot read the cluster (a worker).
 */
export function swarmCheck(
  meta: Omit<CheckMeta<'docker'>, 'requires'> & { needsManager?: boolean; judge(docker: DockerEvidence, options: CheckOptions): Omit<CheckResult, 'target'>[] },
): AnyCheck {
  const { judge, needsManager, ...rest } = meta;
  return defineCheck<'docker'>({
    ...rest,
    requires: ['docker'],
    evaluate: ({ docker }, options) => {
      const target = engineTarget(docker);
      if (!swarmActive(docker)) return [{ outcome: 'not-applicable', target, observed: { LocalNodeState: docker.info.Swarm?.LocalNodeState || 'inactive' }, message: 'Swarm mode is off on this engine.' }];
      if (needsManager && !docker.info.Swarm?.ControlAvailable) return [{ outcome: 'error', target, message: 'Not evaluated: this node is a swarm worker; run the audit against a manager to read the cluster.' }];
      return judge(docker, options).map((r) => ({ ...r, target }));
    },
  });
}
