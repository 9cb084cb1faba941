import { cis } from '../docker/cis';
import { defineCheck } from '../define';
import { daemonTarget } from '../targets';

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
  title: 'The Docker engine is a maintained, current release',
  section: 'host',
  severity: 'medium',
  ...cis('1.2.2'),
  automated: true,
  requires: ['docker'],
  decidedBy:
    "Reads the engine version (GET /version) and the first release month of its series. A series first released more than 24 months before the evaluation date is flagged; otherwise a person compares the patch level with the vendor's current release.",
  rationale: 'Engine and runc releases fix container escapes (e.g. CVE-2019-5736, CVE-2024-21626); an old series no longer receives those fixes.',
  remediation: "Upgrade to a maintained Docker Engine release from the distribution or Docker's repository and keep it patched (e.g. apt-get install --only-upgrade docker-ce containerd.io).",
  evaluate: ({ docker }, options) => {
    const target = daemonTarget(docker.info.ID ?? null, docker.info.Name ?? 'unknown-host');
    const version = docker.version.Version ?? docker.info.ServerVersion ?? null;
    if (!version) return [{ outcome: 'error', target, message: 'Not evaluated: the engine did not report its version.' }];
    const m = /^(\d+)\.(\d+)/.exec(version);
    const major = m ? Number(m[1]) : 0;
    const series = m ? (major >= 23 ? `${m[1]}.${m[2]}` : `${m[1]}.${m[2].padStart(2, '0')}`) : null;
    const released = series ? SERIES_RELEASED[series] ?? (major >= 23 ? SERIES_RELEASED[`${major}.0`] : undefined) : undefined;
    // Distribution builds (Debian +dfsg, Ubuntu, RHEL) may carry backported fixes the upstream series no longer gets.
    const distroBuild = /[+~]|ubuntu|\.el\d|fc\d/i.test(version);
    const observed = { Version: version, ApiVersion: docker.version.ApiVersion ?? null, seriesReleased: released ?? null };
    if (released) {
      const age = monthsBetween(released, options.now);
      if (age > 24) {
        const why = `Engine ${version} belongs to the ${series} series, first released ${released} (${age} months before this audit)`;
        return [distroBuild
          ? { outcome: 'warn', target, observed, expected: { series: 'released within the last 24 months, or a distribution build with current security backports' }, message: `${why}; upstream no longer fixes it, so confirm the distribution package still gets security backports.` }
          : { outcome: 'fail', target, observed, expected: { series: 'released within the last 24 months and still patched' }, message: `${why}; it no longer receives upstream fixes.` }];
      }
    }
    return [{ outcome: 'manual', target, observed, expected: { Version: "the vendor's current patch release" }, message: `Engine ${version}: compare with the current patch release of its series and record the result.` }];
  },
});
