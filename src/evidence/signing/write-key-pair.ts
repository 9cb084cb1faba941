import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../store';
import { KeyFileError, type GeneratedKeyPair } from './keys';

export interface WrittenKeyPair {
  privateFile: string;
  publicFile: string;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Write the private key to FILE (mode 0600 from its first byte: writeFileAtomic creates 0644) and the public
 * key to FILE.pub. Without force an existing file is never replaced: the key is linked into place, which
 * fails atomically when the name is taken, so a concurrent keygen cannot clobber it either.
 */
export async function writeKeyPair(file: string, pair: GeneratedKeyPair, force: boolean): Promise<WrittenKeyPair> {
  const privateFile = path.resolve(file);
  const publicFile = `${privateFile}.pub`;
  if (!force) {
    for (const f of [privateFile, publicFile]) {
      if (await exists(f)) throw new KeyFileError(`${f} already exists: not overwriting a key (pass --force to replace it)`);
    }
  }
  const dir = path.dirname(privateFile);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dir, `.${path.basename(privateFile)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(tmp, 'wx', 0o600);
    try {
      await handle.chmod(0o600); // whatever the umask
      await handle.writeFile(pair.privatePem);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (force) await fs.rename(tmp, privateFile);
    else {
      try {
        await fs.link(tmp, privateFile);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new KeyFileError(`${privateFile} already exists: not overwriting a key (pass --force to replace it)`);
        throw err;
      }
    }
  } finally {
    await fs.rm(tmp, { force: true });
  }
  await writeFileAtomic(publicFile, pair.publicPem);
  return { privateFile, publicFile };
}
