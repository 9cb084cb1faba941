import type { FilesystemFacts } from '../evidence/types/storage';

/** Mount options that turn off write barriers: fdatasync then proves nothing about durability. Read by the storage collector (a warning) and the sync-durability check. */
export function barrierOff(fs: FilesystemFacts): boolean {
  return [...fs.mountOptions, ...fs.superOptions].some((o) => o === 'nobarrier' || o === 'barrier=0');
}
