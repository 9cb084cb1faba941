/** Two findings documents in, the whole comparison out (findings, residency, platform, scores). */
import type { FindingsDocument } from '../findings/types';
import { diffFindings } from './diff';
import { diffEndpoints } from './endpoints';
import { diffPlatform } from './platform';
import { diffScores, trend, trendPoint } from './scores';
import type { TrustedPack } from './trusted-pack';
import type { PackDiff, PackRef, QuarterlyRecord } from './types';

export function packRef(doc: FindingsDocument, dir: string | null, manifestSha256: string | null, signedBy: string | null): PackRef {
  return {
    dir,
    evaluatedAt: doc.run.evaluatedAt,
    collectedAt: doc.run.collectedAt ?? null,
    host: { hostname: doc.run.host?.hostname ?? 'unknown-host', engineId: doc.run.host?.engineId ?? null },
    toolVersion: doc.run.toolVersion,
    schemaVersion: doc.run.schemaVersion,
    benchmark: doc.run.catalog?.benchmark ?? 'unknown',
    manifestSha256,
    signedBy,
  };
}

export function comparePacks(oldDoc: FindingsDocument, newDoc: FindingsDocument, oldRef: PackRef, newRef: PackRef): PackDiff {
  const { counts, changes } = diffFindings(oldDoc, newDoc);
  const { endpoints, hostLocation } = diffEndpoints(oldDoc.residency, newDoc.residency);
  const sameHost = oldRef.host.hostname === newRef.host.hostname && oldRef.host.engineId === newRef.host.engineId;
  return { old: oldRef, new: newRef, sameHost, counts, findings: changes, endpoints, hostLocation, platform: diffPlatform(oldDoc, newDoc), scores: diffScores(oldDoc, newDoc) };
}

/** Two verified packs. */
export function diffPacks(old: TrustedPack, now: TrustedPack): PackDiff {
  return comparePacks(old.findings, now.findings, packRef(old.findings, old.dir, old.manifestSha256, old.signedBy), packRef(now.findings, now.dir, now.manifestSha256, now.signedBy));
}

/**
 * What the pack being written records (findings.json `quarterly`): the diff against the previous
 * pack, and the trend over the history packs, the previous one and this run. Null without either.
 */
export function quarterlyRecord(current: FindingsDocument, previous: TrustedPack | undefined, history: readonly TrustedPack[]): QuarterlyRecord | null {
  if (!previous && history.length === 0) return null;
  const diff = previous ? comparePacks(previous.findings, current, packRef(previous.findings, previous.dir, previous.manifestSha256, previous.signedBy), packRef(current, null, null, null)) : null;
  const earlier = [...history, ...(previous ? [previous] : [])].map((p) => trendPoint(p.findings, p.dir, p.manifestSha256));
  return { previous: diff, history: trend([...earlier, trendPoint(current, null, null)]) };
}
