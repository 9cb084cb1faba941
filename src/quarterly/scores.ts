/** Scores per framework (findings.run.score.byFramework) between two packs and over many. */
import type { FindingsDocument } from '../findings/types';
import type { ScoreChange, TrendPoint } from './types';

function byFramework(doc: FindingsDocument): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [fw, s] of Object.entries(doc.run.score?.byFramework ?? {})) out[fw] = typeof s?.value === 'number' ? s.value : null;
  return out;
}

export function diffScores(oldDoc: FindingsDocument, newDoc: FindingsDocument): ScoreChange[] {
  const a = byFramework(oldDoc);
  const b = byFramework(newDoc);
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].map((framework) => {
    const o = a[framework] ?? null;
    const n = b[framework] ?? null;
    return { framework, old: o, new: n, delta: o === null || n === null ? null : Math.round((n - o) * 10) / 10 };
  });
}

export function trendPoint(doc: FindingsDocument, dir: string | null, manifestSha256: string | null): TrendPoint {
  return {
    dir, current: dir === null, evaluatedAt: doc.run.evaluatedAt, collectedAt: doc.run.collectedAt ?? null,
    host: { hostname: doc.run.host?.hostname ?? 'unknown-host', engineId: doc.run.host?.engineId ?? null },
    scores: byFramework(doc), counts: doc.run.counts, manifestSha256,
  };
}

/** Earlier packs and this run, oldest first by collection time (evaluation time when not recorded); a folder given twice counts once. */
export function trend(points: TrendPoint[]): TrendPoint[] {
  const seen = new Set<string>();
  const unique = points.filter((p) => (p.dir === null ? true : !seen.has(p.dir) && (seen.add(p.dir), true)));
  const when = (p: TrendPoint) => p.collectedAt ?? p.evaluatedAt;
  return unique.sort((a, b) => (when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : Number(a.current) - Number(b.current)));
}
