/**
 * Reading files of a pack folder as untrusted input: only regular files inside the folder, never
 * through a symlink, never a FIFO or device (which would block or read the host), never more than a
 * size cap. Errors name the file by its pack-relative path, never print its content.
 */
import { InputError } from '../errors';
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Largest evidence, findings or manifest file read (a 1,000-container docker.json is ~20 MB). */
export const MAX_PACK_FILE_BYTES = 512 * 1024 * 1024;
/** Largest config file read. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** A pack file that is not a readable regular file: bad input (exit 2). */
export class PackFileError extends InputError {}

function kindOf(st: import('node:fs').Stats): string {
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isDirectory()) return 'a folder';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Pack-relative path with forward slashes; refuses absolute paths and `..`. */
export function packRelative(rel: string): string {
  if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) throw new PackFileError(`${JSON.stringify(rel)} is outside the pack folder`);
  return rel.split(path.sep).join('/');
}

/** Lstat a pack file: its size when it is a regular file, null when absent; refuses anything else. */
export async function statPackFile(dir: string, rel: string): Promise<number | null> {
  const abs = path.join(dir, packRelative(rel));
  let st;
  try {
    st = await fs.lstat(abs);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new PackFileError(`cannot read ${rel} in ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (!st.isFile()) throw new PackFileError(`${rel} in ${dir} is ${kindOf(st)}, not a regular file: refused`);
  return st.size;
}

/** The bytes of a pack file, or null when it does not exist. */
export async function readPackFile(dir: string, rel: string, maxBytes = MAX_PACK_FILE_BYTES): Promise<Buffer | null> {
  const size = await statPackFile(dir, rel);
  if (size === null) return null;
  if (size > maxBytes) throw new PackFileError(`${rel} in ${dir} is ${size} bytes, over the limit of ${maxBytes}: refused`);
  // O_NOFOLLOW and O_NONBLOCK: a file swapped for a symlink or FIFO after the lstat still cannot be followed or block.
  let handle;
  try {
    handle = await fs.open(path.join(dir, rel), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    throw new PackFileError(`cannot read ${rel} in ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new PackFileError(`${rel} in ${dir} is ${kindOf(st)}, not a regular file: refused`);
    if (st.size > maxBytes) throw new PackFileError(`${rel} in ${dir} is ${st.size} bytes, over the limit of ${maxBytes}: refused`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
