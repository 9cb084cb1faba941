/** Flags of `run` and `report` for quarter-over-quarter work: attestations, the previous pack, history packs, and the key they must be signed with. */
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { findAttestationsFile, loadAttestationsFile, type AttestationsFile } from '../../config/attestations';
import { loadVerifyingKey, type VerifyingKey } from '../../evidence/signing/keys';
import { readTrustedPack, type TrustedPack } from '../../quarterly/trusted-pack';
import { UsageError } from '../args';

export const QUARTERLY_FLAGS = {
  attestations: { type: 'string' },
  previous: { type: 'string' },
  history: { type: 'string', multiple: true },
  key: { type: 'string' },
} as const;

export const QUARTERLY_HELP = `      --attestations FILE people's answers to manual controls (default: attestations.yaml beside
                          --config; else, for report, the pack's own attestations.json); copied
                          into the pack as attestations.json
      --previous DIR      the last audit's pack: findings.json records what is new, fixed and
                          regressed since then (the pack is verified first; exit 2 if it fails)
      --history DIR…      earlier packs for the score trend (repeatable, or several folders after one
                          --history); verified like --previous
      --key KEYFILE.pub   --previous and --history packs must be signed with this key`;

/** `--history a b c` → `--history a --history b --history c`: the folders up to the next flag. */
export function expandHistory(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    out.push(argv[i]);
    if (argv[i] !== '--history') continue;
    if (i + 1 < argv.length) out.push(argv[++i]);
    while (i + 1 < argv.length && !argv[i + 1].startsWith('-')) out.push('--history', argv[++i]);
  }
  return out;
}

export interface QuarterlyInputs {
  attestations?: AttestationsFile;
  previous?: TrustedPack;
  history: TrustedPack[];
}

function sameFolder(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(a) === real(b);
}

/**
 * Load and verify everything the quarterly flags name, before any collection or write. `outDir` is the
 * folder this command writes: an earlier pack is read-only, so it may not be one of them.
 */
export async function loadQuarterlyFlags(v: { attestations?: string; previous?: string; history?: string[]; key?: string; config?: string }, outDir: string): Promise<QuarterlyInputs> {
  for (const [flag, dir] of [...(v.previous !== undefined ? [['--previous', v.previous]] : []), ...(v.history ?? []).map((d) => ['--history', d])]) {
    if (sameFolder(dir, outDir)) throw new UsageError(`${flag} ${dir} is the folder this command writes: earlier packs are read-only; write the new pack elsewhere (e.g. --out packs/2026-q4)`);
  }
  const file = findAttestationsFile(v.attestations, v.config);
  const attestations = file === undefined ? undefined : loadAttestationsFile(file);
  if (v.key !== undefined && v.previous === undefined && !v.history?.length) throw new UsageError('--key checks the signature of --previous and --history packs: give one of them (to check this pack, use "residency-audit verify DIR --key")');
  const key: VerifyingKey | undefined = v.key === undefined ? undefined : await loadVerifyingKey(v.key, '--key');
  const previous = v.previous === undefined ? undefined : await readTrustedPack(v.previous, 'previous pack', key);
  const history: TrustedPack[] = [];
  for (const dir of v.history ?? []) history.push(await readTrustedPack(dir, 'history pack', key));
  return { ...(attestations ? { attestations } : {}), ...(previous ? { previous } : {}), history };
}
