import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { templates } from '../text';

const m = templates({
  disabled: { en: '{target} has its health check disabled (--no-healthcheck).', nb: '{target} har helsesjekken slått av (--no-healthcheck).' },
  none: { en: '{target} has no health check.', nb: '{target} har ingen helsesjekk.' },
  unhealthy: { en: '{target} is unhealthy according to its own health check.', nb: '{target} er ikke frisk ifølge sin egen helsesjekk (unhealthy).' },
  status: { en: '{target} has a health check (status {status}).', nb: '{target} har en helsesjekk (status {status}).' },
  unknownStatus: { en: 'unknown', nb: 'ukjent' },
  configured: { en: '{target} has a health check configured.', nb: '{target} har en konfigurert helsesjekk.' },
});

export default containerCheck({
  id: 'cis.health-check',
  title: { en: 'Container health is checked at runtime', nb: 'Containerhelse kontrolleres under kjøring' },
  section: 'containers',
  severity: 'low',
  ...cis('5.27'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: "Config.Healthcheck (the image's HEALTHCHECK or --health-cmd): absent or NONE fails; for running containers State.Health.Status unhealthy fails, healthy or starting passes.",
    nb: 'Config.Healthcheck (HEALTHCHECK i imaget eller --health-cmd): mangler den eller er den NONE, består ikke kontrollen; for kjørende containere gir State.Health.Status unhealthy ikke bestått, mens healthy eller starting består.',
  },
  rationale: {
    en: 'A health check lets the engine and orchestrators see a hung or broken service and restart or replace it.',
    nb: 'En helsesjekk lar motoren og orkestratorer se at en tjeneste har hengt seg opp eller ikke virker, og starte den på nytt eller erstatte den.',
  },
  remediation: {
    en: "docker run --health-cmd 'wget -qO- http://127.0.0.1:8080/health || exit 1' --health-interval 30s ... (compose: healthcheck:), or a HEALTHCHECK in the image.",
    nb: "docker run --health-cmd 'wget -qO- http://127.0.0.1:8080/health || exit 1' --health-interval 30s ... (compose: healthcheck:), eller en HEALTHCHECK i imaget.",
  },
  judge: (c) => {
    const test = c.Config.Healthcheck?.Test ?? null;
    const configured = !!test && test.length > 0 && test[0] !== 'NONE';
    const status = c.State?.Health?.Status ?? null;
    const observed = { Healthcheck: c.Config.Healthcheck ?? null, HealthStatus: status };
    const expected = { Healthcheck: 'configured', HealthStatus: 'healthy' };
    if (!configured) {
      return { outcome: 'fail', observed, expected, message: test?.[0] === 'NONE' ? m('disabled') : m('none'), fix: { drop: ['--no-healthcheck'], add: [{ flag: '--health-cmd', value: '<health check command, exit 0 = healthy>' }] } };
    }
    if (c.State?.Running && status === 'unhealthy') return { outcome: 'fail', observed, expected, message: m('unhealthy') };
    return { outcome: 'pass', observed, expected, message: c.State?.Running ? m('status', { status: status ?? m('unknownStatus') }) : m('configured') };
  },
});
