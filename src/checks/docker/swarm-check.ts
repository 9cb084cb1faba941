import type { DockerEvidence } from '../../evidence/types/docker';
import { defineCheck } from '../define';
import { templates } from '../text';
import type { AnyCheck, CheckMeta, CheckOptions, CheckResult } from '../types';
import { engineTarget, swarmActive } from './engine';

/** The factory's own results, in every pack language (7.2 reuses `off`). */
export const SWARM_TEXTS = templates({
  off: { en: 'Swarm mode is off on this engine.', nb: 'Swarm-modus er slått av på denne motoren.' },
  worker: {
    en: 'Not evaluated: this node is a swarm worker; run the audit against a manager to read the cluster.',
    nb: 'Ikke vurdert: denne noden er en swarm-worker; kjør revisjonen mot en manager, så klyngen kan leses.',
  },
});

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
    // The check's own templates and the two this factory writes.
    messages: { ...rest.messages, 'swarm.off': SWARM_TEXTS.templates.off, 'swarm.worker': SWARM_TEXTS.templates.worker },
    requires: ['docker'],
    evaluate: ({ docker }, options) => {
      const target = engineTarget(docker);
      if (!swarmActive(docker)) return [{ outcome: 'not-applicable', target, observed: { LocalNodeState: docker.info.Swarm?.LocalNodeState || 'inactive' }, message: SWARM_TEXTS('off') }];
      if (needsManager && !docker.info.Swarm?.ControlAvailable) return [{ outcome: 'error', target, message: SWARM_TEXTS('worker') }];
      return judge(docker, options).map((r) => ({ ...r, target }));
    },
  });
}
