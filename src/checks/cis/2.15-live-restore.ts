import { cis } from '../docker/cis';
import { engineTarget, swarmActive } from '../docker/engine';
import { defineCheck } from '../define';

export default defineCheck<'docker'>({
  id: 'cis.live-restore',
  title: 'Live restore keeps containers running while the daemon restarts',
  section: 'daemon',
  severity: 'low',
  ...cis('2.15'),
  automated: true,
  requires: ['docker'],
  decidedBy:
    'Info.LiveRestoreEnabled as the engine reports it. With swarm active the setting is still reported as it is (docker-bench passes it as "incompatible with swarm"), with the reason it may be acceptable.',
  rationale: 'Live restore lets the daemon be upgraded or restarted without stopping containers, so security patches to the engine do not have to wait for a maintenance window.',
  remediation: 'daemon.json: { "live-restore": true }, then `systemctl reload docker` (SIGHUP; no restart needed).',
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const on = docker.info.LiveRestoreEnabled;
    if (on === undefined) return [{ outcome: 'error', target, message: 'Not evaluated: the engine did not report LiveRestoreEnabled.' }];
    const swarm = swarmActive(docker);
    const observed = { LiveRestoreEnabled: on, swarm: docker.info.Swarm?.LocalNodeState ?? null };
    const expected = { LiveRestoreEnabled: true };
    if (on) return [{ outcome: 'pass', target, observed, expected, message: 'Live restore is enabled.' }];
    return [{
      outcome: 'fail',
      target,
      observed,
      expected,
      message: swarm
        ? 'Live restore is off. Swarm mode is active: live restore only keeps standalone containers running, swarm reschedules service tasks itself, so on a node that runs only swarm services this can be acceptable; record that as a waiver.'
        : 'Live restore is off: restarting or upgrading the daemon stops every container.',
    }];
  },
});
