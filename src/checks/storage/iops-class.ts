import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import type { Target } from '../../findings/types';
import { STORAGE_CLASS_FIGURES } from './references';
import { classFigureText, IOPS_CLASSES, placeIops } from './typical-figures';
import { engineText, n0, primaryTarget, storageTarget, untrustworthyText } from './target';
import { joinTexts, templates } from '../text';

const m = templates({
  nothing: { en: 'Random-read IOPS could not be compared with typical figures: {why}.', nb: 'IOPS ved tilfeldig lesing kunne ikke sammenlignes med typiske tall: {why}.' },
  targetStatus: { en: '{path}: {status}{reason}', nb: '{path}: {status}{reason}' },
  noTarget: { en: 'no filesystem was measured', nb: 'ingen filsystemer ble målt' },
  notComparable: { en: 'Random-read IOPS could not be compared on {target}: {why}.', nb: 'IOPS ved tilfeldig lesing kunne ikke sammenlignes på {target}: {why}.' },
  noFigure: { en: 'no 4 KiB random-read figure', nb: 'ingen tall for tilfeldig lesing av 4 KiB' },
  deep: { en: ' ({iops} IOPS with {inFlight} in flight)', nb: ' ({iops} IOPS med {inFlight} samtidige)' },
  within: {
    en: '{target} measured {iops} random-read IOPS at QD1{deep}: within the typical published range for {classes}.',
    nb: '{target} målte {iops} IOPS ved tilfeldig lesing ved QD1{deep}: innenfor det typiske publiserte området for {classes}.',
  },
  withinJoin: { en: ' and for ', nb: ' og for ' },
  between: {
    en: '{target} measured {iops} random-read IOPS at QD1{deep}: between the typical published ranges for {below} and {above}.',
    nb: '{target} målte {iops} IOPS ved tilfeldig lesing ved QD1{deep}: mellom de typiske publiserte områdene for {below} og {above}.',
  },
  below: {
    en: '{target} measured {iops} random-read IOPS at QD1{deep}: below the typical published range of every class, the slowest being {slowest}; a provider IOPS cap is likely.',
    nb: '{target} målte {iops} IOPS ved tilfeldig lesing ved QD1{deep}: under det typiske publiserte området for alle klasser, der den tregeste er {slowest}; en IOPS-grense hos leverandøren er sannsynlig.',
  },
  above: {
    en: '{target} measured {iops} random-read IOPS at QD1{deep}: above the typical published range of every class, the fastest being {fastest}.',
    nb: '{target} målte {iops} IOPS ved tilfeldig lesing ved QD1{deep}: over det typiske publiserte området for alle klasser, der den raskeste er {fastest}.',
  },
});

export default defineCheck<'storage'>({
  id: 'storage-iops-class',
  title: { en: 'Measured random-read IOPS are compared with typical published figures for storage classes', nb: 'Målte IOPS ved tilfeldig lesing er sammenlignet med typiske publiserte tall for lagringsklasser' },
  section: 'storage',
  severity: 'info',
  automated: true,
  requires: ['storage'],
  messages: m.templates,
  decidedBy: {
    en: "The Docker data-root's (else the first measured directory's) 4 KiB random-read IOPS at queue depth 1, placed against the typical published QD1 range of each storage class (spinning disk, cloud network block SSD, local SATA/SAS SSD, local NVMe SSD). Informational when measured with direct I/O; manual otherwise. Never a pass: a class is a comparison, not a certification.",
    nb: 'IOPS ved tilfeldig lesing av 4 KiB med kødybde 1 på Docker-data-root (ellers den første målte mappen), plassert mot det typiske publiserte QD1-området for hver lagringsklasse (roterende disk, nettverksblokklagring (SSD) i sky, lokal SATA/SAS-SSD, lokal NVMe-SSD). Til informasjon når den er målt med direkte I/O; ellers manuell. Aldri godkjent: en klasse er en sammenligning, ikke en sertifisering.',
  },
  rationale: {
    en: 'Storage speed decides how fast databases and queues on the host answer, and how long a container takes to start. Figures quoted for a storage class are usually deep-queue peaks; what an application sees is closer to the queue-depth-1 figure measured here.',
    nb: 'Lagringshastigheten avgjør hvor raskt databaser og køer på verten svarer, og hvor lang tid en container bruker på å starte. Tall som oppgis for en lagringsklasse, er som regel toppverdier ved dyp kø; det en applikasjon opplever, ligger nærmere tallet ved kødybde 1 som måles her.',
  },
  remediation: {
    en: 'When the measured figure is below what the workload or the hosting contract needs, move the data-root or the volume to faster storage, or ask the provider about an IOPS cap.',
    nb: 'Når det målte tallet er lavere enn arbeidslasten eller driftsavtalen krever, flytt data-root eller volumet til raskere lagring, eller spør leverandøren om en IOPS-grense.',
  },
  references: [STORAGE_CLASS_FIGURES],
  evaluate: ({ storage }): CheckResult[] => {
    const t = primaryTarget(storage);
    const expected = { typicalQd1Iops: IOPS_CLASSES.map((c) => `${c.label}: ${n0(c.qd1Iops.min)}–${n0(c.qd1Iops.max)}`) };
    // A fixed target: the comparison is about the host, and the finding must match quarter over quarter.
    const target: Target = { kind: 'storage', id: 'figures:random-read-iops', name: 'Random-read IOPS against typical figures' };
    if (!t) {
      const why = storage.targets.length ? storage.targets.map((x) => `${x.path}: ${x.status}${x.reason ? ` (${x.reason})` : ''}`).join('; ') : m('noTarget');
      return [{ outcome: 'manual', target, expected, message: m('nothing', { why }) }];
    }
    const measured = storageTarget(t);
    const q1 = t.results.randread4kQd1;
    const deep = t.results.randread4kQd32;
    const why = untrustworthyText(t);
    if (!q1 || why.length) {
      return [{ outcome: 'manual', target, expected, message: m('notComparable', { target: measured.name, why: q1 ? joinTexts(why, '; ') : m('noFigure') }) }];
    }
    const observed = { path: t.path, randread4kQd1Iops: q1.iops, p50Us: q1.p50Us, deepIops: deep?.iops ?? null, deepInFlight: deep?.inFlight ?? null, engine: engineText(t), spread: q1.spread };
    const head = { target: measured.name, iops: Math.round(q1.iops), deep: deep ? m('deep', { iops: Math.round(deep.iops), inFlight: deep.inFlight }) : joinTexts([]) };
    const place = placeIops(q1.iops);
    const andFor = m('withinJoin');
    const message = place.within.length
      ? m('within', { ...head, classes: { en: place.within.map((c) => classFigureText(c).en).join(andFor.en), nb: place.within.map((c) => classFigureText(c).nb).join(andFor.nb) } })
      : place.above && place.below
        ? m('between', { ...head, below: classFigureText(place.below), above: classFigureText(place.above) })
        : place.above
          ? m('below', { ...head, slowest: classFigureText(place.above) })
          : m('above', { ...head, fastest: classFigureText(place.below!) });
    return [{ outcome: 'info', target, observed, expected, message }];
  },
});
