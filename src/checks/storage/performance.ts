import { classify } from '../../domain/storage-classification';
import { REFERENCE_CLASSES } from '../../evidence/storage-classes';
import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import { notMeasured } from './not-measured';
import { ISO_A_8_6 } from './references';
import { classificationText, engineText, storageTarget, untrustworthyText } from './target';
import { joinTexts, templates } from '../text';
import type { LocalText } from '../../findings/types';

const m = templates({
  unclassified: { en: '{target} was not classified: {why}.', nb: '{target} ble ikke klassifisert: {why}.' },
  figures: { en: '{target}: {figures}; {statement}.', nb: '{target}: {figures}; {statement}.' },
  randRead: { en: '{iops} random-read IOPS at QD1 (p50 {p50} µs, p99 {p99} µs)', nb: '{iops} IOPS ved tilfeldig lesing ved QD1 (p50 {p50} µs, p99 {p99} µs)' },
  syncWrite: { en: '{iops} durable 4 KiB writes/s (p99 {p99} µs)', nb: '{iops} varige skrivinger av 4 KiB per sekund (p99 {p99} µs)' },
  seqRead: { en: '{mibps} MiB/s sequential read', nb: '{mibps} MiB/s sekvensiell lesing' },
});

export default defineCheck<'storage'>({
  id: 'storage-performance',
  title: { en: 'What the Docker data-root and volumes deliver is measured and stated', nb: 'Det Docker-data-root og volumene leverer, er målt og oppgitt' },
  section: 'storage',
  severity: 'info',
  automated: true,
  requires: ['storage'],
  messages: m.templates,
  decidedBy: {
    en: 'Per measured filesystem: 4 KiB random read at QD1 and with 32 in flight (or N threads), 4 KiB write + fdatasync, 1 MiB sequential read and write; the class the QD1 latency and deep-queue ceiling are consistent with (reference classes from spec sheets and cloud documentation). Informational; cache figures are not classified.',
    nb: 'For hvert målte filsystem: tilfeldig lesing av 4 KiB ved QD1 og med 32 samtidige (eller N tråder), skriving av 4 KiB + fdatasync, sekvensiell lesing og skriving av 1 MiB; klassen som forsinkelsen ved QD1 og taket ved dyp kø er forenlig med (referanseklasser fra datablader og skydokumentasjon). Til informasjon; tall fra hurtigbuffer klassifiseres ikke.',
  },
  rationale: {
    en: 'Customers ask what the disks under their containers deliver. The answer must be this host\'s measurement with its spread and context, stated as "consistent with" a class, because a virtual disk does not reveal the device behind it.',
    nb: 'Kunder spør hva diskene under containerne deres leverer. Svaret må være målingen på denne verten med spredning og sammenheng, oppgitt som «forenlig med» en klasse, fordi en virtuell disk ikke viser enheten bak seg.',
  },
  remediation: {
    en: 'None needed; if the class is below what the workload requires, move the Docker data-root or the busy volumes to faster storage or raise the provider\'s IOPS limit.',
    nb: 'Ingenting trengs; er klassen lavere enn arbeidslasten krever, flytt Docker-data-root eller de travle volumene til raskere lagring, eller få leverandøren til å heve IOPS-grensen.',
  },
  references: [ISO_A_8_6],
  evaluate: ({ storage }): CheckResult[] =>
    storage.targets.map((t): CheckResult => {
      if (t.status !== 'measured') return notMeasured(t);
      const target = storageTarget(t);
      const fig = (id: keyof typeof t.results) => {
        const r = t.results[id];
        return r ? { iops: r.iops, mibps: r.mibps, p50Us: r.p50Us, p99Us: r.p99Us, label: r.label, spread: r.spread } : null;
      };
      const observed = {
        engine: engineText(t),
        randread4kQd1: fig('randread4kQd1'),
        randread4kQd32: fig('randread4kQd32'),
        randwrite4kSync: fig('randwrite4kSync'),
        seqread1m: fig('seqread1m'),
        seqwrite1m: fig('seqwrite1m'),
      };
      const expected = { referenceClasses: REFERENCE_CLASSES.map((c) => ({ id: c.id, label: c.label, qd1P50Us: c.qd1P50Us, qd1Iops: c.qd1Iops, deepIops: c.deepIops })) };
      const why = untrustworthyText(t);
      if (why.length) return { outcome: 'manual', target, observed, expected, message: m('unclassified', { target: target.name, why: joinTexts(why, '; ') }) };
      // Re-classified from the figures, so evidence from an older collector gets today's thresholds.
      const cls = classify(t, { hypervisor: storage.machine.hypervisor, cpus: storage.machine.cpus });
      const q1 = t.results.randread4kQd1;
      const sw = t.results.randwrite4kSync;
      const sr = t.results.seqread1m;
      const parts = [
        q1 ? m('randRead', { iops: Math.round(q1.iops), p50: String(q1.p50Us), p99: String(q1.p99Us) }) : null,
        sw ? m('syncWrite', { iops: Math.round(sw.iops), p99: String(sw.p99Us) }) : null,
        sr ? m('seqRead', { mibps: String(sr.mibps) }) : null,
      ].filter((x): x is LocalText => !!x);
      return { outcome: 'info', target, observed: { ...observed, classification: cls }, expected, message: m('figures', { target: target.name, figures: joinTexts(parts), statement: classificationText(cls) }) };
    }),
});
