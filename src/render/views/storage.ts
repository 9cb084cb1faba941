/**
 * The storage part's own view: the measured figures per file system and a log-scale chart of
 * 4 KiB QD1 random-read IOPS against the typical published figures of storage classes.
 */
import { formatDecimal, formatInt, type Lang, type MessageKey, type Translate } from '../../i18n';
import type { LogRangeChart } from '../charts/spec';
import { visible } from '../format';
import { REFERENCE_CLASSES } from '../../evidence/storage-classes';
import type { StorageClassId } from '../../evidence/types/storage';
import type { RenderInput } from '../types';

type BandId = 'hdd' | 'networkBlock' | 'sataSsd' | 'nvme';

/** Chart colour per band, and which reference class (src/evidence/storage-classes.ts) gives its typical QD1 IOPS range. */
const BANDS: readonly { id: BandId; classId: StorageClassId; colour: string }[] = [
  { id: 'hdd', classId: 'spinning-disk', colour: '#d7ccc8' },
  { id: 'networkBlock', classId: 'network-block', colour: '#b3e5fc' },
  { id: 'sataSsd', classId: 'local-sata-ssd', colour: '#c5e1a5' },
  { id: 'nvme', classId: 'local-nvme', colour: '#a5d6a7' },
];

/** Bands for 4 KiB random read at queue depth 1 (IOPS): the reference classes' ranges, not measurements of this host. */
export const STORAGE_REFERENCE_CLASSES: readonly { id: BandId; from: number; to: number; colour: string }[] = BANDS.map((b) => {
  const range = REFERENCE_CLASSES.find((c) => c.id === b.classId)?.qd1Iops;
  if (!range || range.max === null) throw new Error(`storage chart band ${b.id} has no closed QD1 IOPS range`);
  return { id: b.id, from: range.min, to: range.max, colour: b.colour };
});

const WORKLOADS = ['randread4kQd1', 'randread4kQd32', 'randwrite4kSync', 'seqread1m', 'seqwrite1m'] as const;

export interface StorageRow {
  target: string;
  workload: string;
  iops: string;
  mibps: string;
  p50: string;
  p99: string;
  warnings: string[];
}

export interface StorageView {
  notAssessed: string | null;
  engine: string | null;
  rows: StorageRow[];
  /** Per measured target: "path: consistent with ..." and why a target was not measured. */
  statements: string[];
  boot: string | null;
  chart: LogRangeChart | null;
  /** Where the chart's typical figures come from (they are not measurements of this host). */
  sources: string;
}

function rec(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}
function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Microseconds as µs below 1 ms, else ms. */
function latency(lang: Lang, us: number | null): string {
  if (us === null) return '—';
  return us < 1000 ? `${formatInt(lang, us)} µs` : `${formatDecimal(lang, us / 1000, 2)} ms`;
}

export function storageView(t: Translate, lang: Lang, input: RenderInput): StorageView {
  const file = input.evidence.storage;
  const data = file && file.status !== 'failed' && file.status !== 'skipped' ? rec(file.data) : null;
  if (!data) {
    const reason = file ? visible(file.error ?? t(`status.${file.status}` as MessageKey)) : t('scope.collectorMissing', { collector: t('collector.storage.name'), what: t('collector.storage.subject') });
    return { notAssessed: reason, engine: null, rows: [], statements: [], boot: null, chart: null, sources: t('storage.sources') };
  }
  const eng = rec(data.engine);
  const engine = eng ? t('storage.engine', { engine: visible(`${str(eng.name) ?? '?'} ${str(eng.version) ?? ''}`.trim()) }) : null;
  const rows: StorageRow[] = [];
  const statements: string[] = [];
  const markers: LogRangeChart['markers'] = [];
  for (const tg of Array.isArray(data.targets) ? data.targets : []) {
    const target = rec(tg);
    if (!target) continue;
    const path = visible(str(target.path) ?? '?');
    if (target.status !== 'measured') {
      statements.push(`${path}: ${visible(str(target.status) ?? '?')}${str(target.reason) ? ` (${visible(str(target.reason)!)})` : ''}`);
      continue;
    }
    const cls = rec(target.classification);
    if (cls && str(cls.statement)) statements.push(`${path}: ${visible(str(cls.statement)!)}`);
    const results = rec(target.results) ?? {};
    for (const w of WORKLOADS) {
      const r = rec(results[w]);
      if (!r) continue;
      const iops = num(r.iops);
      rows.push({
        target: path,
        workload: t(`storage.workload.${w}` as MessageKey),
        iops: iops === null ? '—' : formatInt(lang, iops),
        mibps: num(r.mibps) === null ? '—' : formatDecimal(lang, num(r.mibps)!, 1),
        p50: latency(lang, num(r.p50Us)),
        p99: latency(lang, num(r.p99Us)),
        warnings: (Array.isArray(r.warnings) ? r.warnings : []).filter((x): x is string => typeof x === 'string').map(visible),
      });
      if (w === 'randread4kQd1' && iops !== null && iops > 0) markers.push({ label: `${path}: ${formatInt(lang, iops)} IOPS`, value: iops, colour: '#0d47a1' });
    }
    for (const warning of Array.isArray(target.warnings) ? target.warnings : []) if (typeof warning === 'string') statements.push(`${path}: ${visible(warning)}`);
  }
  const bp = rec(data.bootProbe);
  let boot: string | null = null;
  if (bp && bp.status === 'ok') {
    const u = rec(bp.untilExited) ?? rec(bp.untilRunning);
    const med = u ? num(u.medianMs) : null;
    const p90 = u ? num(u.p90Ms) : null;
    if (med !== null && p90 !== null) boot = t('storage.boot', { median: formatDecimal(lang, med / 1000, 2), p90: formatDecimal(lang, p90 / 1000, 2), n: formatInt(lang, num(bp.runs) ?? 0) });
  } else if (bp && str(bp.error)) {
    boot = visible(str(bp.error)!);
  }
  const chart: LogRangeChart | null = markers.length
    ? {
        kind: 'log-range',
        title: t('storage.chart'),
        axisLabel: t('storage.chartAxis'),
        min: 10,
        max: 1_000_000,
        bands: STORAGE_REFERENCE_CLASSES.map((c) => ({ label: t(`storage.class.${c.id}` as MessageKey), from: c.from, to: c.to, colour: c.colour })),
        markers,
      }
    : null;
  return { notAssessed: null, engine, rows, statements, boot, chart, sources: t('storage.sources') };
}
