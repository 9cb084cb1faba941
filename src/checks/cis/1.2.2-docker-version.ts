import { cis } from '../docker/cis';
import { defineCheck } from '../define';
import { daemonTarget } from '../targets';
import { templates } from '../text';

const m = templates({
  noVersion: { en: 'Not evaluated: the engine did not report its version.', nb: 'Ikke vurdert: motoren oppga ikke versjonen sin.' },
  oldDistroBuild: {
    en: 'Engine {version} belongs to the {series} series, first released {released} ({age} months before this audit); upstream no longer fixes it, so confirm the distribution package still gets security backports.',
    nb: 'Motoren {version} hører til serien {series}, som først kom ut {released} ({age} måneder før denne revisjonen); oppstrøms retter den ikke lenger, så bekreft at distribusjonspakken fortsatt får tilbakeporterte sikkerhetsrettelser.',
  },
  oldUpstream: {
    en: 'Engine {version} belongs to the {series} series, first released {released} ({age} months before this audit); it no longer receives upstream fixes.',
    nb: 'Motoren {version} hører til serien {series}, som først kom ut {released} ({age} måneder før denne revisjonen); den får ikke lenger rettelser fra oppstrøms.',
  },
  comparePatchLevel: {
    en: 'Engine {version}: compare with the current patch release of its series and record the result.',
    nb: 'Motoren {version}: sammenlign med den gjeldende rettingsutgaven i serien, og registrer resultatet.',
  },
});

/** First release month of each engine series, from the Moby/Docker release notes; newer series are treated as current. */
const SERIES_RELEASED: Record<string, string> = {
  '17.03': '2017-03', '17.06': '2017-06', '17.09': '2017-09', '17.12': '2017-12', '18.03': '2018-03', '18.06': '2018-07', '18.09': '2018-11',
  '19.03': '2019-07', '20.10': '2020-12', '23.0': '2023-02', '24.0': '2023-05', '25.0': '2024-01', '26.0': '2024-03', '26.1': '2024-04',
  '27.0': '2024-06', '27.1': '2024-07', '27.2': '2024-08', '27.3': '2024-09', '27.4': '2024-12', '27.5': '2025-01', '28.0': '2025-02',
};

/** Months from `yyyy-mm` to an ISO date. */
function monthsBetween(ym: string, iso: string): number {
  const [y, m] = ym.split('-').map(Number);
  const d = new Date(iso);
  return (d.getUTCFullYear() - y) * 12 + (d.getUTCMonth() + 1 - m);
}

export default defineCheck<'docker'>({
  id: 'cis.docker-version',
  title: { en: 'The Docker engine is a maintained, current release', nb: 'Docker-motoren er en vedlikeholdt og oppdatert utgave' },
  section: 'host',
  severity: 'medium',
  ...cis('1.2.2'),
  automated: true,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en: "Reads the engine version (GET /version) and the first release month of its series. A series first released more than 24 months before the evaluation date is flagged; otherwise a person compares the patch level with the vendor's current release.",
    nb: 'Leser versjonen til motoren (GET /version) og måneden serien først kom ut. En serie som først kom ut mer enn 24 måneder før vurderingsdatoen, blir flagget; ellers sammenligner en person rettingsnivået med leverandørens gjeldende utgave.',
  },
  rationale: {
    en: 'Engine and runc releases fix container escapes (e.g. CVE-2019-5736, CVE-2024-21626); an old series no longer receives those fixes.',
    nb: 'Nye utgaver av motoren og runc tetter hull som lar prosesser bryte ut av containeren (f.eks. CVE-2019-5736, CVE-2024-21626); en gammel serie får ikke lenger disse rettelsene.',
  },
  remediation: {
    en: "Upgrade to a maintained Docker Engine release from the distribution or Docker's repository and keep it patched (e.g. apt-get install --only-upgrade docker-ce containerd.io).",
    nb: 'Oppgrader til en vedlikeholdt utgave av Docker Engine fra distribusjonen eller fra pakkebrønnen til Docker, og hold den oppdatert (f.eks. apt-get install --only-upgrade docker-ce containerd.io).',
  },
  evaluate: ({ docker }, options) => {
    const target = daemonTarget(docker.info.ID ?? null, docker.info.Name ?? 'unknown-host');
    const version = docker.version.Version ?? docker.info.ServerVersion ?? null;
    if (!version) return [{ outcome: 'error', target, message: m('noVersion') }];
    const match = /^(\d+)\.(\d+)/.exec(version);
    const major = match ? Number(match[1]) : 0;
    const series = match ? (major >= 23 ? `${match[1]}.${match[2]}` : `${match[1]}.${match[2].padStart(2, '0')}`) : null;
    const released = series ? SERIES_RELEASED[series] ?? (major >= 23 ? SERIES_RELEASED[`${major}.0`] : undefined) : undefined;
    // Distribution builds (Debian +dfsg, Ubuntu, RHEL) may carry backported fixes the upstream series no longer gets.
    const distroBuild = /[+~]|ubuntu|\.el\d|fc\d/i.test(version);
    const observed = { Version: version, ApiVersion: docker.version.ApiVersion ?? null, seriesReleased: released ?? null };
    if (released) {
      const age = monthsBetween(released, options.now);
      if (age > 24) {
        const params = { version, series: series!, released, age };
        return [distroBuild
          ? { outcome: 'warn', target, observed, expected: { series: 'released within the last 24 months, or a distribution build with current security backports' }, message: m('oldDistroBuild', params) }
          : { outcome: 'fail', target, observed, expected: { series: 'released within the last 24 months and still patched' }, message: m('oldUpstream', params) }];
      }
    }
    return [{ outcome: 'manual', target, observed, expected: { Version: "the vendor's current patch release" }, message: m('comparePatchLevel', { version }) }];
  },
});
