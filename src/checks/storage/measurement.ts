import { COMPARABLE_MIN_FILE_SIZE } from '../../domain/storage-classification';
import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import { notMeasured } from './not-measured';
import { ISO_A_8_6 } from './references';
import { engineText, storageTarget, untrustworthyText } from './target';
import { joinTexts, templates } from '../text';
import type { LocalText } from '../../findings/types';

const m = templates({
  notDisk: { en: 'The figures for {target} are not all disk figures: {why}.', nb: 'Tallene for {target} er ikke alle disktall: {why}.' },
  smallFile: {
    en: '{target} was measured on a {size} MiB test file, below the 256 MiB floor: device and host caches flatter such figures (use the quick or full profile).',
    nb: '{target} ble målt på en testfil på {size} MiB, under minstegrensen på 256 MiB: hurtigbuffere i enheten og verten gir for gode tall (bruk profilen quick eller full).',
  },
  busy: {
    en: 'the machine was busy (load average {load} on {cpus} CPUs), so figures may be low',
    nb: 'maskinen var travel (lastsnitt {load} på {cpus} CPU-er), så tallene kan være lave',
  },
  otherIo: { en: 'other I/O ran on the device during some workloads', nb: 'annen I/O kjørte på enheten under noen av målingene' },
  noisy: { en: 'IOPS varied by more than 30 % during some workloads', nb: 'IOPS varierte med mer enn 30 % under noen av målingene' },
  noCounters: { en: 'no device counters could be read, so the cross-check was not possible', nb: 'ingen tellere for enheten kunne leses, så krysskontrollen var ikke mulig' },
  unconfirmed: {
    en: '{target} was measured with {engine} on a {size} MiB written test file with direct I/O, but {notes}: confirm the figures are not cache figures.',
    nb: '{target} ble målt med {engine} på en skrevet testfil på {size} MiB med direkte I/O, men {notes}: bekreft at tallene ikke kommer fra en hurtigbuffer.',
  },
  confirmed: {
    en: '{target} was measured with {engine} on a {size} MiB written test file with direct I/O; the device confirmed the operations{notes}.',
    nb: '{target} ble målt med {engine} på en skrevet testfil på {size} MiB med direkte I/O; enheten bekreftet operasjonene{notes}.',
  },
  note: { en: ' (note: {notes})', nb: ' (merk: {notes})' },
  unknownEngine: { en: 'an unknown engine', nb: 'et ukjent verktøy' },
});

export default defineCheck<'storage'>({
  id: 'storage-measurement',
  title: { en: 'Storage figures are disk measurements: direct I/O on written data, confirmed by the device', nb: 'Lagringstallene er diskmålinger: direkte I/O på skrevne data, bekreftet av enheten' },
  section: 'storage',
  severity: 'low',
  automated: true,
  requires: ['storage'],
  messages: m.templates,
  decidedBy: {
    en: 'Per measured filesystem: O_DIRECT accepted, a test file of at least 256 MiB, no read faster than 15 µs at the median, and the device completed at least 0.9 requests per benchmark operation (its /sys/block stat counters); a refused target (tmpfs, no space) is manual, a failed or interrupted one is an error.',
    nb: 'For hvert målte filsystem: O_DIRECT godtatt, en testfil på minst 256 MiB, ingen lesing raskere enn 15 µs i median, og enheten fullførte minst 0,9 forespørsler per måleoperasjon (tellerne i /sys/block/…/stat); et avvist mål (tmpfs, ikke plass) er manuelt, et som feilet eller ble avbrutt, er en feil.',
  },
  rationale: {
    en: 'A storage figure is only evidence if it measured the disk: page-cache hits, sparse files and small cached files give numbers ten to a hundred times too good. The pack states what the disks deliver, so each figure must be shown to have reached the device.',
    nb: 'Et lagringstall er bare bevis hvis det målte disken: treff i sidebufferen, glisne filer og små filer i hurtigbuffer gir tall som er ti til hundre ganger for gode. Pakken oppgir hva diskene leverer, så det må vises at hvert tall har nådd enheten.',
  },
  remediation: {
    en: 'Re-run on the Docker host as root (residency-audit bench-storage, or run with --bench quick); pick a --dir on the disk itself, not tmpfs; on a filesystem that refuses O_DIRECT, measure the block device\'s filesystem instead.',
    nb: 'Kjør på nytt på Docker-verten som root (residency-audit bench-storage, eller kjør med --bench quick); velg en --dir på selve disken, ikke tmpfs; på et filsystem som avviser O_DIRECT, mål heller filsystemet på blokkenheten.',
  },
  references: [ISO_A_8_6],
  evaluate: ({ storage }): CheckResult[] =>
    storage.targets.map((t) => {
      if (t.status !== 'measured') return notMeasured(t);
      const target = storageTarget(t);
      const why = untrustworthyText(t);
      const results = Object.values(t.results).filter((r) => !!r);
      const observed = {
        engine: engineText(t),
        fileSizeBytes: t.testFile?.sizeBytes ?? null,
        directIo: t.testFile?.directIo ?? null,
        deviceRequestsPerOp: Object.fromEntries(results.map((r) => [r.id, r.device ? r.device.ratio : null])),
        readP50Us: Object.fromEntries(results.filter((r) => r.rw === 'randread' || r.rw === 'read').map((r) => [r.id, r.p50Us])),
        loadavgBefore: t.loadavgBefore,
      };
      const expected = { directIo: true, readP50Us: '>= 15', deviceRequestsPerOp: '>= 0.9' };
      if (why.length) return { outcome: 'warn', target, observed, expected, message: m('notDisk', { target: target.name, why: joinTexts(why, '; ') }) };
      const notes: LocalText[] = [];
      const size = t.testFile?.sizeBytes ?? 0;
      if (size < COMPARABLE_MIN_FILE_SIZE) {
        // Not wrong, but flattered by device and host caches: say so rather than pass it.
        return { outcome: 'warn', target, observed, expected: { ...expected, fileSizeBytes: `>= ${COMPARABLE_MIN_FILE_SIZE}` }, message: m('smallFile', { target: target.name, size: String(Math.round(size / 1048576)) }) };
      }
      const busy = Math.max(t.loadavgBefore?.[0] ?? 0, ...results.map((r) => r.loadavg1Before ?? 0));
      if (busy > storage.machine.cpus) notes.push(m('busy', { load: String(busy), cpus: storage.machine.cpus }));
      if (results.some((r) => r.device?.verdict === 'above')) notes.push(m('otherIo'));
      if (results.some((r) => r.noisy)) notes.push(m('noisy'));
      if (!results.some((r) => r.device)) notes.push(m('noCounters'));
      const base = { target: target.name, engine: observed.engine ?? m('unknownEngine'), size: String(Math.round(size / 1048576)) };
      if (!results.some((r) => r.device)) return { outcome: 'manual', target, observed, expected, message: m('unconfirmed', { ...base, notes: joinTexts(notes, '; ') }) };
      return { outcome: 'pass', target, observed, expected, message: m('confirmed', { ...base, notes: notes.length ? m('note', { notes: joinTexts(notes, '; ') }) : joinTexts([]) }) };
    }),
});
