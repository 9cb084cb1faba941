import { cis } from '../docker/cis';
import { engineTarget } from '../docker/engine';
import { defineCheck } from '../define';

/** The benchmark's own example threshold for stopped containers. */
const MAX_STOPPED = 25;

export default defineCheck<'docker'>({
  id: 'cis.container-sprawl',
  title: 'Stopped containers do not pile up',
  section: 'operations',
  severity: 'low',
  ...cis('6.2'),
  automated: true,
  requires: ['docker'],
  decidedBy: `Counts containers that are not running; more than ${MAX_STOPPED} warns (the benchmark's example threshold).`,
  rationale: 'Stopped containers keep their writable layers, logs and configuration (secrets in env included) and can be restarted with outdated settings.',
  remediation: 'Remove containers that are not needed: docker container prune --filter "until=168h"; run short-lived containers with --rm.',
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const stopped = docker.containers.filter((c) => !c.State?.Running);
    const byState: Record<string, number> = {};
    for (const c of stopped) byState[c.State?.Status ?? 'unknown'] = (byState[c.State?.Status ?? 'unknown'] ?? 0) + 1;
    const observed = { total: docker.containers.length, notRunning: stopped.length, byState };
    return [stopped.length > MAX_STOPPED
      ? { outcome: 'warn', target, observed, expected: { notRunning: `<= ${MAX_STOPPED}` }, message: `${stopped.length} of ${docker.containers.length} containers are not running.` }
      : { outcome: 'pass', target, observed, expected: { notRunning: `<= ${MAX_STOPPED}` }, message: `${stopped.length} of ${docker.containers.length} containers are not running.` }];
  },
});
