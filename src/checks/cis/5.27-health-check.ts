import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';

export default containerCheck({
  id: 'cis.health-check',
  title: 'Container health is checked at runtime',
  section: 'containers',
  severity: 'low',
  ...cis('5.27'),
  automated: true,
  decidedBy: "Config.Healthcheck (the image's HEALTHCHECK or --health-cmd): absent or NONE fails; for running containers State.Health.Status unhealthy fails, healthy or starting passes.",
  rationale: 'A health check lets the engine and orchestrators see a hung or broken service and restart or replace it.',
  remediation: "docker run --health-cmd 'wget -qO- http://127.0.0.1:8080/health || exit 1' --health-interval 30s ... (compose: healthcheck:), or a HEALTHCHECK in the image.",
  judge: (c) => {
    const test = c.Config.Healthcheck?.Test ?? null;
    const configured = !!test && test.length > 0 && test[0] !== 'NONE';
    const status = c.State?.Health?.Status ?? null;
    const observed = { Healthcheck: c.Config.Healthcheck ?? null, HealthStatus: status };
    const expected = { Healthcheck: 'configured', HealthStatus: 'healthy' };
    if (!configured) {
      return { outcome: 'fail', observed, expected, message: test?.[0] === 'NONE' ? 'has its health check disabled (--no-healthcheck).' : 'has no health check.', fix: { drop: ['--no-healthcheck'], add: [{ flag: '--health-cmd', value: '<command that exits 0 when healthy>' }] } };
    }
    if (c.State?.Running && status === 'unhealthy') return { outcome: 'fail', observed, expected, message: 'is unhealthy according to its own health check.' };
    return { outcome: 'pass', observed, expected, message: c.State?.Running ? `has a health check (status ${status ?? 'unknown'}).` : 'has a health check configured.' };
  },
});
