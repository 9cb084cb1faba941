import { cis } from '../docker/cis';
import { engineTarget } from '../docker/engine';
import { defineCheck } from '../define';
import { templates } from '../text';

/** The benchmark's own example threshold for stopped containers. */
const MAX_STOPPED = 25;

const m = templates({
  count: { en: '{stopped} of {total} containers are not running.', nb: '{stopped} av {total} containere kjører ikke.' },
});

export default defineCheck<'docker'>({
  id: 'cis.container-sprawl',
  title: { en: 'Stopped containers do not pile up', nb: 'Stoppede containere hoper seg ikke opp' },
  section: 'operations',
  severity: 'low',
  ...cis('6.2'),
  automated: true,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en: `Counts containers that are not running; more than ${MAX_STOPPED} warns (the benchmark's example threshold).`,
    nb: `Teller containere som ikke kjører; flere enn ${MAX_STOPPED} gir advarsel (eksempelgrensen i benchmarken).`,
  },
  rationale: {
    en: 'Stopped containers keep their writable layers, logs and configuration (secrets in env included) and can be restarted with outdated settings.',
    nb: 'Stoppede containere beholder skrivbare lag, logger og konfigurasjon (også hemmeligheter i miljøvariabler) og kan startes igjen med utdaterte innstillinger.',
  },
  remediation: {
    en: 'Remove containers that are not needed: docker container prune --filter "until=168h"; run short-lived containers with --rm.',
    nb: 'Fjern containere som ikke trengs: docker container prune --filter "until=168h"; kjør kortlivede containere med --rm.',
  },
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const stopped = docker.containers.filter((c) => !c.State?.Running);
    const byState: Record<string, number> = {};
    for (const c of stopped) byState[c.State?.Status ?? 'unknown'] = (byState[c.State?.Status ?? 'unknown'] ?? 0) + 1;
    const observed = { total: docker.containers.length, notRunning: stopped.length, byState };
    const message = m('count', { stopped: stopped.length, total: docker.containers.length });
    return [stopped.length > MAX_STOPPED
      ? { outcome: 'warn', target, observed, expected: { notRunning: `<= ${MAX_STOPPED}` }, message }
      : { outcome: 'pass', target, observed, expected: { notRunning: `<= ${MAX_STOPPED}` }, message }];
  },
});
