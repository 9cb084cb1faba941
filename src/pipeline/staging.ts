/**
 * A new pack is built in a staging folder and swapped in only when complete, so the earlier pack in the
 * output folder survives a failed, interrupted or refused rerun, and a folder never holds a mix of two.
 *
 * - The staging folder is a sibling of DIR (`.DIR.ra-staging-<pid>-<host>-<rand>`): when done, DIR is
 *   renamed aside (`.DIR.ra-old-…`), the staging folder renamed to DIR, the old one removed. The two
 *   renames are synchronous, so no signal handler or timer runs between them.
 * - Where DIR cannot be renamed (a mount point, a parent folder that is not writable) the staging folder
 *   is inside DIR (`DIR/.ra-staging-…`) and its files are moved in one by one, the earlier manifest
 *   removed first and the new one moved in last (also synchronously).
 * - Files in DIR that are not the tool's (a user's notes.txt) are carried into the new pack as hard
 *   links (a copy where links fail), again just before the swap, so files added during the run are kept.
 * - Staging and old folders left by a process that no longer runs are removed (or, when DIR itself is
 *   missing, the old one is put back) at the next start.
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants, promises as fs, accessSync, copyFileSync, linkSync, lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputError, InterruptedError } from '../errors';
import { LOCK_FILE, MANIFEST_FILE, SIGNATURE_FILE, TEMP_ENTRY, walkPack } from '../evidence/manifest';
import { COLLECTOR_NAMES } from '../evidence/types';
import { PACK_ATTESTATIONS_FILE } from '../config/attestations';
import { acquireLock, holderAlive, type Lock } from './lock';
import { OUTPUT_FILE } from './outputs';

/** What a collection writes and a report reads (with the attestations a report was given): a new collection replaces it. */
const EVIDENCE_FILE = new RegExp(`^(config\\.json|${PACK_ATTESTATIONS_FILE.replace('.', '\\.')}|evidence/(${COLLECTOR_NAMES.join('|')})\\.json)$`);

/**
 * Which files of the earlier pack go into the new one: `new-evidence` (run, collect) carries only files
 * that are not the tool's; `same-evidence` (report) also the evidence, config, manifest and signature
 * it re-evaluates (outputs are rewritten).
 */
export type CarryRule = 'new-evidence' | 'same-evidence';

/** Not part of any pack: the lock, the tool's temp files and render folders, staging folders. */
function transient(rel: string): boolean {
  return rel === LOCK_FILE || rel.startsWith(`${LOCK_FILE}.`) || TEMP_ENTRY.test(rel) || TEMP_ENTRY.test(`${rel}/`) || INSIDE_NAME.test(rel.split('/')[0]);
}

export function carried(rel: string, rule: CarryRule): boolean {
  if (transient(rel) || OUTPUT_FILE.test(rel)) return false;
  if (rule === 'same-evidence') return true;
  return rel !== MANIFEST_FILE && rel !== SIGNATURE_FILE && !EVIDENCE_FILE.test(rel);
}

// --- names of staging folders --------------------------------------------------------------------------

const HOST = createHash('sha256').update(os.hostname()).digest('hex').slice(0, 6);
/** `.<base>.ra-staging-<pid>-<host>-<rand>` and `.<base>.ra-old-…` beside DIR. */
const SIBLING_NAME = /^\.(.+)\.ra-(staging|old)-(\d+)-([0-9a-f]{6})-([0-9a-f]{8})$/;
/** `.ra-staging-<pid>-<host>-<rand>` inside DIR. */
const INSIDE_NAME = /^\.ra-staging-(\d+)-([0-9a-f]{6})-([0-9a-f]{8})$/;

function tag(): string {
  return `${process.pid}-${HOST}-${randomBytes(4).toString('hex')}`;
}

interface Leftover {
  path: string;
  kind: 'staging' | 'old';
  pid: number;
  /** The process runs on this machine; false when it is gone or on another machine (unknown: never touched). */
  live: boolean;
  ours: boolean;
  sameHost: boolean;
}

function siblingsOf(outDir: string): Leftover[] {
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const out: Leftover[] = [];
  for (const name of names) {
    const m = SIBLING_NAME.exec(name);
    if (!m || m[1] !== base) continue;
    const pid = Number(m[3]);
    const sameHost = m[4] === HOST;
    out.push({ path: path.join(parent, name), kind: m[2] as 'staging' | 'old', pid, sameHost, ours: sameHost && pid === process.pid, live: sameHost && holderAlive(pid) });
  }
  return out;
}

function insideOf(outDir: string): Leftover[] {
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch {
    return [];
  }
  const out: Leftover[] = [];
  for (const name of names) {
    const m = INSIDE_NAME.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    const sameHost = m[2] === HOST;
    out.push({ path: path.join(outDir, name), kind: 'staging', pid, sameHost, ours: sameHost && pid === process.pid, live: sameHost && holderAlive(pid) });
  }
  return out;
}

/** DIR is missing but a run that died while swapping left it renamed aside: put it back. */
function restoreInterruptedSwap(outDir: string, log: (line: string) => void): void {
  const olds = siblingsOf(outDir).filter((l) => l.kind === 'old' && l.sameHost && !l.live);
  olds.sort((a, b) => statSync(b.path).mtimeMs - statSync(a.path).mtimeMs);
  for (const old of olds) {
    try {
      renameSync(old.path, outDir);
      log(`restored ${outDir} from ${path.basename(old.path)}: process ${old.pid} stopped while swapping in its new pack`);
      return;
    } catch {
      // Another start restored it first, or the name is taken: nothing to restore.
    }
  }
}

/** Remove staging and old folders whose process no longer runs (only after taking the lock). */
function sweepLeftovers(outDir: string, log: (line: string) => void): void {
  for (const l of [...siblingsOf(outDir), ...insideOf(outDir)]) {
    if (l.ours || l.live || !l.sameHost) continue;
    rmSync(l.path, { recursive: true, force: true });
    log(`removed ${l.path}: left by process ${l.pid}, which no longer runs`);
  }
}

// --- carrying files over --------------------------------------------------------------------------------

function errCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException).code;
}

/** Hard link `from` to `to` (replacing `to`), or copy where links are not possible. */
function linkOrCopy(from: string, to: string): void {
  try {
    const a = statSync(from);
    const b = lstatSync(to, { throwIfNoEntry: false });
    if (b && a.ino === b.ino && a.dev === b.dev) return;
    if (b) unlinkSync(to);
    linkSync(from, to);
  } catch (err) {
    if (!['EPERM', 'EXDEV', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'EACCES'].includes(errCode(err) ?? '')) throw err;
    copyFileSync(from, to);
  }
}

/** Carry the files of `from` that `rule` keeps into `to` (recursively), skipping `skip` at the top. */
function carrySync(from: string, to: string, rule: CarryRule, skip: ReadonlySet<string>, rel = ''): number {
  let n = 0;
  for (const e of readdirSync(path.join(from, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if ((!rel && skip.has(e.name)) || transient(r)) continue;
    if (e.isDirectory()) {
      mkdirSync(path.join(to, r), { recursive: true });
      n += carrySync(from, to, rule, skip, r);
    } else if (e.isFile() && carried(r, rule)) {
      try {
        linkOrCopy(path.join(from, r), path.join(to, r));
      } catch (err) {
        throw new Error(`cannot carry ${r} over into the new pack: ${errCode(err) === 'EACCES' ? 'permission denied' : errCode(err) === 'ENOSPC' ? 'the disk is full' : errCode(err) ?? (err as Error).message}; ${from} is unchanged`, { cause: err });
      }
      n++;
    }
    // Anything else was refused up front; one created since is not carried.
  }
  return n;
}

/** Entries of DIR that are no regular file or folder (a pack holds only those): refused before any work. */
async function refuseSpecialEntries(outDir: string): Promise<void> {
  const special = (await walkPack(outDir)).special.filter((e) => !transient(e.path));
  if (!special.length) return;
  const list = special.slice(0, 10).map((e) => `${e.path} (${e.kind})`).join(', ');
  throw new InputError(`${outDir} holds ${special.length === 1 ? 'an entry that is' : `${special.length} entries that are`} not a regular file or folder: ${list}${special.length > 10 ? ', …' : ''}; a pack folder holds regular files only (symbolic links are not followed): remove ${special.length === 1 ? 'it' : 'them'} and run again`);
}

// --- swapping in --------------------------------------------------------------------------------------

/** Staging folders this process has open, removed synchronously by a hard exit (src/cli/commands/interrupt.ts). */
const active = new Set<string>();

export function removeStagingSync(): void {
  for (const dir of active) {
    rmSync(dir, { recursive: true, force: true });
    active.delete(dir);
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** DIR renamed aside, the staging folder renamed to DIR, the old one removed: all synchronous. */
function swapSiblingSync(stage: string, outDir: string): void {
  const old = path.join(path.dirname(outDir), `.${path.basename(outDir)}.ra-old-${tag()}`);
  renameSync(outDir, old);
  active.add(old);
  for (let waited = 0; ; waited += 20) {
    try {
      renameSync(stage, outDir);
      break;
    } catch (err) {
      // A start in this instant found DIR missing and created it: it sees our old folder and backs off.
      if ((errCode(err) === 'ENOTEMPTY' || errCode(err) === 'EEXIST') && waited < 2000) {
        sleepSync(20);
        continue;
      }
      try {
        renameSync(old, outDir);
      } catch {
        throw new Error(`cannot swap the new pack into ${outDir}: ${errCode(err) ?? (err as Error).message}; the earlier pack is in ${old}, the new one in ${stage}`, { cause: err });
      }
      active.delete(old);
      throw new Error(`cannot swap the new pack into ${outDir}: ${errCode(err) ?? (err as Error).message}; the earlier pack is unchanged`, { cause: err });
    }
  }
  active.delete(stage);
  rmSync(old, { recursive: true, force: true });
  active.delete(old);
}

/** Every regular file under `dir` (relative), folders followed, nothing else. */
function filesUnder(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...filesUnder(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

/**
 * Move the tool's files of the staging folder inside DIR into DIR: the earlier signature and manifest go
 * first (so neither vouches for a mix), then the earlier tool files the new pack drops, then the new
 * files, the new manifest and signature last. Files not the tool's stay where they are.
 */
function swapInsideSync(stage: string, outDir: string): void {
  const stageRel = path.basename(stage);
  const isTools = (r: string) => !transient(r) && !carried(r, 'new-evidence');
  const fresh = filesUnder(stage).filter(isTools);
  const freshSet = new Set(fresh);
  rmSync(path.join(outDir, SIGNATURE_FILE), { force: true });
  rmSync(path.join(outDir, MANIFEST_FILE), { force: true });
  for (const r of filesUnder(outDir)) {
    if (!r.startsWith(`${stageRel}/`) && isTools(r) && !freshSet.has(r)) rmSync(path.join(outDir, r), { force: true });
  }
  const last = [MANIFEST_FILE, SIGNATURE_FILE].filter((x) => freshSet.has(x));
  for (const r of [...fresh.filter((x) => !last.includes(x)), ...last]) {
    mkdirSync(path.dirname(path.join(outDir, r)), { recursive: true });
    renameSync(path.join(stage, r), path.join(outDir, r));
  }
  rmSync(stage, { recursive: true, force: true });
  active.delete(stage);
}

// --- the whole thing --------------------------------------------------------------------------------------

export interface StagedFolder {
  /** Where this run writes: the new pack, complete, is swapped in from here. */
  dir: string;
  /** The output folder (absolute, symbolic links resolved). */
  outDir: string;
  /** Whether the output folder held any of the tool's files before this run. */
  hadPack: boolean;
}

export interface StageOutcome<T> {
  /** Swap the staging folder in. */
  swap: boolean;
  value?: T;
  /** Thrown after the swap (or instead of it): a collection that got nothing still shows why. */
  error?: Error;
}

export interface StageOptions {
  outDir: string;
  /** Recorded in the lock (`run`, `collect`, `report`). */
  command: string;
  rule: CarryRule;
  /** Create the output folder when missing (run, collect); report needs an existing one. */
  create: boolean;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

/**
 * The output folder as a real path, and the folders this run created for it (DIR first, then the
 * parents it made), removed again when nothing is swapped in: an interrupted or failed first run leaves
 * no empty folder behind.
 */
async function resolveOutDir(outDir: string, create: boolean, log: (line: string) => void): Promise<{ real: string; created: string[] }> {
  const abs = path.resolve(outDir);
  if (lstatSync(abs, { throwIfNoEntry: false }) === undefined) restoreInterruptedSwap(abs, log);
  const created: string[] = [];
  if (create) {
    try {
      const first = await fs.mkdir(abs, { recursive: true });
      if (first !== undefined) for (let d = abs; ; d = path.dirname(d)) {
        created.push(d);
        if (d === first || path.dirname(d) === d) break;
      }
    } catch (err) {
      const code = errCode(err);
      throw new InputError(`${abs}: ${code === 'EEXIST' || code === 'ENOTDIR' ? 'exists and is not a folder' : code === 'EACCES' ? 'permission denied' : code ?? (err as Error).message}`);
    }
  }
  let real: string;
  try {
    real = await fs.realpath(abs);
  } catch (err) {
    throw new InputError(errCode(err) === 'ENOENT' ? `no such folder: ${abs}` : `${abs}: ${errCode(err) ?? (err as Error).message}`);
  }
  if (!(await fs.stat(real)).isDirectory()) throw new InputError(`${abs} is not a folder`);
  return { real, created };
}

/** Folders made for runs still going, removed by a hard exit after the locks are released (src/cli/commands/interrupt.ts). */
const madeForRun = new Set<string[]>();

/** Remove the folders a run made, innermost first, each only while it is empty (a file in it keeps it and its parents). */
function removeMadeSync(created: string[]): void {
  for (const d of created) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
  }
}

export function removeMadeFoldersSync(): void {
  for (const created of madeForRun) removeMadeSync(created);
  madeForRun.clear();
}

/** Can DIR be renamed as a whole within its parent folder? Not a mount point, not the root, parent writable. */
function canRenameWhole(outDir: string): boolean {
  const parent = path.dirname(outDir);
  if (parent === outDir) return false;
  try {
    if (statSync(parent).dev !== statSync(outDir).dev) return false;
    accessSync(parent, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function hasToolFiles(outDir: string): boolean {
  try {
    return filesUnder(outDir).some((r) => !transient(r) && !carried(r, 'new-evidence'));
  } catch {
    return false;
  }
}

/** Rewrite a staging path in a message to the output folder the user named. */
function inOutDir(err: unknown, stage: string, outDir: string): unknown {
  if (err instanceof Error && err.message.includes(stage)) err.message = err.message.split(stage).join(outDir);
  return err;
}

/**
 * Run `work` on a staging folder for `outDir` under the folder's lock, and swap the result in when it
 * asks to and the signal has not aborted. The staging folder is always removed, the lock released.
 */
export async function withStagedPack<T>(o: StageOptions, work: (stage: StagedFolder) => Promise<StageOutcome<T>>): Promise<T> {
  const log = o.log ?? (() => undefined);
  const { real: outDir, created } = await resolveOutDir(o.outDir, o.create, log);
  madeForRun.add(created);
  let lock: Lock;
  try {
    lock = await acquireLock(outDir, o.command, log);
  } catch (err) {
    madeForRun.delete(created);
    removeMadeSync(created);
    throw err;
  }
  let stage: string | undefined;
  let swapped = false;
  try {
    // A start in the instant another run had DIR renamed aside found it missing and created it: back off.
    const swapping = siblingsOf(outDir).find((l) => l.kind === 'old' && l.live && !l.ours);
    if (swapping) {
      await lock.release();
      await fs.rmdir(outDir).catch(() => undefined);
      throw new InputError(`${outDir} is in use by another run: process ${swapping.pid} is swapping in its new pack; try again`);
    }
    sweepLeftovers(outDir, log);
    await refuseSpecialEntries(outDir);
    const whole = canRenameWhole(outDir);
    let made: string | undefined;
    if (whole) {
      made = path.join(path.dirname(outDir), `.${path.basename(outDir)}.ra-staging-${tag()}`);
      try {
        await fs.mkdir(made);
      } catch {
        made = undefined;
      }
    }
    const sibling = made !== undefined;
    if (!made) {
      made = path.join(outDir, `.ra-staging-${tag()}`);
      await fs.mkdir(made);
    }
    stage = made;
    active.add(stage);
    const hadPack = hasToolFiles(outDir);
    const skip = new Set([path.basename(stage)]);
    carrySync(outDir, stage, o.rule, skip);

    let outcome: StageOutcome<T>;
    try {
      outcome = await work({ dir: stage, outDir, hadPack });
    } catch (err) {
      throw inOutDir(err, stage, outDir);
    }
    if (outcome.swap) {
      // From here to the end of the swap nothing awaits: a signal is handled before or after, never between.
      if (o.signal?.aborted) throw new InterruptedError(`interrupted: ${outDir} is left as it was`);
      if (sibling) {
        carrySync(outDir, stage, 'new-evidence', skip); // files the user added or replaced during the run
        swapSiblingSync(stage, outDir);
      } else {
        swapInsideSync(stage, outDir);
      }
      swapped = true;
    }
    if (outcome.error) throw inOutDir(outcome.error, stage, outDir);
    return outcome.value as T;
  } finally {
    if (stage !== undefined && active.has(stage)) {
      await fs.rm(stage, { recursive: true, force: true }).catch(() => undefined);
      active.delete(stage);
    }
    await lock.release();
    madeForRun.delete(created);
    if (!swapped) removeMadeSync(created);
  }
}
