/**
 * Reading a rendered PDF's text as a reader's copy-and-paste would (poppler's pdftotext), for tests
 * that look at what the pack says.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Skip the calling test when pdftotext is not installed; fail it under CI=true. */
export async function requirePdftotext(ctx: Mocha.Context): Promise<void> {
  try {
    await run('pdftotext', ['-v']);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      if (process.env.CI === 'true') throw new Error('poppler-utils (pdftotext) is not installed');
      ctx.skip();
    }
  }
}

/** The text of a PDF, UTF-8. */
export async function pdfText(file: string): Promise<string> {
  return (await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 << 20 })).stdout;
}
