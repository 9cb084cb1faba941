import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import type { Target } from '../../findings/types';
import { STORAGE_CLASS_FIGURES } from './references';
import { primaryTarget } from './target';

import { formatDecimal } from '../../i18n';
import { joinTexts, templates } from '../text';
import type { LocalText } from '../../findings/types';

/** Seconds with two decimals in each language's decimal sign. */
const s2 = (ms: number): LocalText => ({ en: (ms / 1000).toFixed(2), nb: formatDecimal('nb', Math.round(ms / 10) / 100, 2) });

const m = templates({
  notRun: {
    en: 'Container boot time was not measured: the probe is opt-in because it creates throwaway containers on the host (--boot-probe IMAGE).',
    nb: 'Oppstartstiden for containere ble ikke målt: målingen må slås på fordi den oppretter midlertidige containere på verten (--boot-probe IMAGE).',
  },
  failed: { en: 'The boot probe failed: {error}.', nb: 'Oppstartsmålingen feilet: {error}.' },
  noReason: { en: 'no reason recorded', nb: 'ingen årsak registrert' },
  noSamples: { en: 'The boot probe {what}; boot time is not measured.', nb: 'Oppstartsmålingen {what}; oppstartstiden er ikke målt.' },
  interrupted: { en: 'was interrupted', nb: 'ble avbrutt' },
  empty: { en: 'produced no samples', nb: 'ga ingen målinger' },
  measured: {
    en: '{runs} containers of {image} took {median} s median (p90 {p90} s) from create to exit, {running} s until running, on {driver}.{fsync}',
    nb: '{runs} containere av {image} brukte {median} s i median (p90 {p90} s) fra opprettelse til avslutning, {running} s til de kjørte, på {driver}.{fsync}',
  },
  unknownDriver: { en: 'an unknown storage driver', nb: 'en ukjent lagringsdriver' },
  fsync: {
    en: " The data-root's write + fdatasync p99 is {p99} µs; boot time follows it, since each container start issues about ten flushes.",
    nb: ' Skriving + fdatasync på data-root har p99 på {p99} µs; oppstartstiden følger den, siden hver containerstart sender rundt ti tømminger av skrivebufferen.',
  },
});

export default defineCheck<'storage'>({
  id: 'storage-boot-time',
  title: { en: 'Container boot time on this host is measured', nb: 'Oppstartstiden for containere på denne verten er målt' },
  section: 'storage',
  severity: 'info',
  automated: true,
  requires: ['storage'],
  messages: m.templates,
  decidedBy: {
    en: 'The opt-in boot probe (--boot-probe IMAGE): median and p90 of create → start → exit of a throwaway container through the Engine API, with the data-root’s write + fdatasync latency beside it. Informational when measured; manual when the probe was not run; error when it failed.',
    nb: 'Oppstartsmålingen som må slås på (--boot-probe IMAGE): median og p90 for opprett → start → avslutt av en midlertidig container gjennom Engine API, med forsinkelsen for skriving + fdatasync på data-root ved siden av. Til informasjon når den er målt; manuell når målingen ikke ble kjørt; feil når den feilet.',
  },
  rationale: {
    en: "Container boot time on a Docker host is dominated by the daemon's start path, which issues about ten cache flushes and hundreds of small writes per container, so it follows the fsync latency of the disk under the data-root. Only a measurement on the host itself shows it.",
    nb: 'Oppstartstiden for containere på en Docker-vert styres av daemonens oppstartsløp, som sender rundt ti tømminger av skrivebufferen og hundrevis av små skrivinger per container, så den følger fsync-forsinkelsen til disken under data-root. Bare en måling på selve verten viser den.',
  },
  remediation: {
    en: 'Run with --boot-probe IMAGE (an image already on the host, e.g. busybox) to measure boot time; quote the measured median and p90.',
    nb: 'Kjør med --boot-probe IMAGE (et image som allerede finnes på verten, f.eks. busybox) for å måle oppstartstiden; oppgi målt median og p90.',
  },
  references: [STORAGE_CLASS_FIGURES],
  evaluate: ({ storage }): CheckResult[] => {
    const b = storage.bootProbe;
    const target: Target = { kind: 'storage', id: 'measurement:container-boot', name: 'Container boot time' };
    const expected = { measured: 'median and p90 of create → start → exit' };
    if (!b) {
      return [{ outcome: 'manual', target, expected, message: m('notRun') }];
    }
    const observed = { status: b.status, runs: b.samples.length, untilRunning: b.untilRunning, untilExited: b.untilExited, engine: b.engine, networkMode: b.networkMode, cmd: b.cmd };
    if (b.status === 'failed') return [{ outcome: 'error', target, observed, expected, message: m('failed', { error: b.error ?? m('noReason') }) }];
    if (!b.untilExited || !b.untilRunning || b.samples.length === 0) {
      return [{ outcome: 'manual', target, observed, expected, message: m('noSamples', { what: m(b.status === 'aborted' ? 'interrupted' : 'empty') }) }];
    }
    const dr = primaryTarget(storage)?.results.randwrite4kSync;
    const fsync = dr ? m('fsync', { p99: String(dr.p99Us) }) : joinTexts([]);
    const message = m('measured', {
      runs: b.samples.length,
      image: b.image,
      median: s2(b.untilExited.medianMs),
      p90: s2(b.untilExited.p90Ms),
      running: s2(b.untilRunning.medianMs),
      driver: b.engine.storageDriver ?? m('unknownDriver'),
      fsync,
    });
    return [{ outcome: 'info', target, observed, expected, message }];
  },
});
