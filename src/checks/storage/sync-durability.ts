import { barrierOff } from '../../domain/write-barriers';
import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import { notMeasured } from './not-measured';
import { GDPR_32_1_B, ISO_A_8_14 } from './references';
import { storageTarget } from './target';
import { templates } from '../text';

const m = templates({
  noFigure: { en: '{target} has no write + fdatasync figure.', nb: '{target} har ikke noe tall for skriving + fdatasync.' },
  noBarriers: {
    en: '{target} is mounted with write barriers off ({options}): fdatasync does not make writes durable.',
    nb: '{target} er montert uten skrivebarrierer ({options}): fdatasync gjør ikke skrivingene varige.',
  },
  noFlushes: {
    en: '{target}: {device} has a write-back cache but received no flush requests during {ops} write + fdatasync operations: commits are acknowledged before they are durable.',
    nb: '{target}: {device} har en skrivebuffer (write-back), men mottok ingen forespørsler om tømming under {ops} operasjoner med skriving + fdatasync: commit bekreftes før dataene er varige.',
  },
  tooFast: {
    en: '{target}: write + fdatasync took {p50} µs at the median, faster than any device flushes a cache; confirm the storage has power-loss protection or honours flushes.',
    nb: '{target}: skriving + fdatasync tok {p50} µs i median, raskere enn noen enhet tømmer en skrivebuffer; bekreft at lagringen har beskyttelse mot strømbrudd eller respekterer tømming.',
  },
  writeThrough: {
    en: '{target}: the device reports a write-through cache (no flush needed); write + fdatasync took {p50} µs at the median, {p99} µs at p99.',
    nb: '{target}: enheten oppgir write-through-buffer (ingen tømming trengs); skriving + fdatasync tok {p50} µs i median, {p99} µs ved p99.',
  },
  flushed: {
    en: '{target}: {flushes} flush requests reached {device} during {ops} write + fdatasync operations; median {p50} µs, p99 {p99} µs.',
    nb: '{target}: {flushes} forespørsler om tømming nådde {device} under {ops} operasjoner med skriving + fdatasync; median {p50} µs, p99 {p99} µs.',
  },
  unconfirmed: {
    en: '{target}: whether flushes reach stable storage could not be confirmed (no device cache mode or flush counters); write + fdatasync took {p50} µs at the median.',
    nb: '{target}: om tømmingene når varig lagring, kunne ikke bekreftes (ingen buffermodus eller tømmetellere for enheten); skriving + fdatasync tok {p50} µs i median.',
  },
});

export default defineCheck<'storage'>({
  id: 'storage-sync-durability',
  title: { en: 'fdatasync reaches stable storage on the Docker data-root and volumes', nb: 'fdatasync når varig lagring på Docker-data-root og volumene' },
  section: 'storage',
  severity: 'medium',
  automated: true,
  requires: ['storage'],
  messages: m.templates,
  decidedBy: {
    en: 'The 4 KiB write + fdatasync workload: fail when the filesystem is mounted without write barriers or a write-back device received no flush requests; warn when write + fdatasync completed faster than 15 µs at the median; pass when flushes reached a write-back device (or the device cache is write-through) at a plausible latency; manual without device counters.',
    nb: 'Målingen med skriving av 4 KiB + fdatasync: avvik når filsystemet er montert uten skrivebarrierer eller en enhet med write-back-buffer ikke mottok noen forespørsler om tømming; advarsel når skriving + fdatasync ble fullført raskere enn 15 µs i median; godkjent når tømmingene nådde en enhet med write-back-buffer (eller bufferen er write-through) med en rimelig forsinkelse; manuell uten tellere for enheten.',
  },
  rationale: {
    en: 'Databases and queues in containers rely on fdatasync to make a commit durable. If flushes never reach the device, a power loss or host crash silently loses committed data, which is an availability and integrity failure for the personal data they hold.',
    nb: 'Databaser og køer i containere er avhengige av fdatasync for å gjøre en commit varig. Når tømmingene aldri når enheten, kan et strømbrudd eller krasj på verten i det stille føre til tap av bekreftede data, og det svekker tilgjengeligheten og integriteten til personopplysningene de inneholder.',
  },
  remediation: {
    en: 'Remove nobarrier/barrier=0 from the mount options; do not use volatile write caches (or unsafe hypervisor cache modes such as cache=unsafe) under the Docker data-root; ask the provider whether the virtual disk honours flushes.',
    nb: 'Fjern nobarrier/barrier=0 fra monteringsvalgene; bruk ikke flyktige skrivebuffere (eller usikre buffermoduser i hypervisoren, som cache=unsafe) under Docker-data-root; spør leverandøren om den virtuelle disken respekterer tømming.',
  },
  references: [GDPR_32_1_B, ISO_A_8_14],
  evaluate: ({ storage }): CheckResult[] =>
    storage.targets.map((t): CheckResult => {
      if (t.status !== 'measured') return notMeasured(t);
      const target = storageTarget(t);
      const r = t.results.randwrite4kSync;
      if (!r) return { outcome: 'error', target, message: m('noFigure', { target: target.name }) };
      const writeCache = t.device?.writeCache ?? null;
      const flushes = r.device?.flushRequests ?? null;
      const observed = { p50Us: r.p50Us, p99Us: r.p99Us, iops: r.iops, writeCache, flushRequests: flushes, operations: r.device?.benchmarkOps ?? r.ops, mountOptions: t.filesystem?.mountOptions ?? [] };
      const expected = { flushesReachDevice: true, p50Us: '>= 15', barriers: 'on' };
      if (t.filesystem && barrierOff(t.filesystem)) {
        return { outcome: 'fail', target, observed, expected, message: m('noBarriers', { target: target.name, options: t.filesystem.mountOptions.join(',') }) };
      }
      if (writeCache === 'write back' && flushes === 0) {
        return { outcome: 'fail', target, observed, expected, message: m('noFlushes', { target: target.name, device: t.device!.name, ops: String(r.ops) }) };
      }
      if (r.syncSuspected || r.p50Us < 15) {
        return { outcome: 'warn', target, observed, expected, message: m('tooFast', { target: target.name, p50: String(r.p50Us) }) };
      }
      if (writeCache === 'write through') {
        return { outcome: 'pass', target, observed, expected, message: m('writeThrough', { target: target.name, p50: String(r.p50Us), p99: String(r.p99Us) }) };
      }
      if (writeCache === 'write back' && flushes !== null && flushes > 0) {
        return { outcome: 'pass', target, observed, expected, message: m('flushed', { target: target.name, flushes: Math.round(flushes), device: t.device!.name, ops: Math.round(r.device!.benchmarkOps), p50: String(r.p50Us), p99: String(r.p99Us) }) };
      }
      return { outcome: 'manual', target, observed, expected, message: m('unconfirmed', { target: target.name, p50: String(r.p50Us) }) };
    }),
});
