import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FILE, SIGNATURE_FILE, type Manifest } from '../manifest';
import { toJson, writeFileAtomic } from '../store';
import { IN_TOTO_PAYLOAD_TYPE, signEnvelope, type DsseEnvelope } from './dsse';
import type { SigningKey } from './keys';
import { buildStatement, runFromFindings, type Statement } from './statement';

/** Where a pack's findings are read from for the predicate (src/pipeline/report.ts writes it). */
const FINDINGS_FILE = 'findings.json';

export interface SignOptions {
  toolVersion: string;
  now?: string;
}

async function readOptionalJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    return null; // no or unreadable findings.json: every run field is null
  }
}

/** The statement for DIR as it is on disk now: manifest.json's entries and its own digest. */
export async function packStatement(dir: string, opts: SignOptions): Promise<Statement> {
  const manifestBytes = await fs.readFile(path.join(dir, MANIFEST_FILE));
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
  const findings = await readOptionalJson(path.join(dir, FINDINGS_FILE));
  return buildStatement(manifest.files, MANIFEST_FILE, createHash('sha256').update(manifestBytes).digest('hex'), {
    tool: { name: 'residency-audit', version: opts.toolVersion },
    signedAt: opts.now ?? new Date().toISOString(),
    manifest: { createdAt: typeof manifest.createdAt === 'string' ? manifest.createdAt : null, files: manifest.files.length },
    run: runFromFindings(findings),
  });
}

/** Sign DIR/manifest.json (which must be complete) and its files into DIR/manifest.sig.json, atomically. */
export async function signPack(dir: string, key: SigningKey, opts: SignOptions): Promise<DsseEnvelope> {
  const statement = await packStatement(dir, opts);
  const envelope = signEnvelope(IN_TOTO_PAYLOAD_TYPE, Buffer.from(JSON.stringify(statement), 'utf8'), key.privateKey, key.keyId);
  await writeFileAtomic(path.join(dir, SIGNATURE_FILE), toJson(envelope));
  return envelope;
}

/**
 * The step after a new manifest.json: sign it when a key is given; otherwise remove a signature left from an
 * earlier manifest, which no longer vouches for this pack. Returns the file written (or nothing).
 */
export async function signAfterManifest(dir: string, key: SigningKey | undefined, opts: SignOptions): Promise<string[]> {
  if (!key) {
    await fs.rm(path.join(dir, SIGNATURE_FILE), { force: true });
    return [];
  }
  await signPack(dir, key, opts);
  return [SIGNATURE_FILE];
}
