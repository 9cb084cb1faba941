/**
 * Searching output files for planted secrets, in every encoding an output format may give them:
 * raw, JSON-escaped, HTML/XML-escaped, percent-encoded, and for PDFs the text pdftotext extracts with
 * all whitespace removed (pdfkit wraps long words across lines).
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The forms a secret can take inside an output file. */
export function encodings(secret: string): string[] {
  const html = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;').replace(/`/g, '&#x60;').replace(/=/g, '&#x3D;');
  const xml = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
  const json = JSON.stringify(secret).slice(1, -1);
  const jsonInJson = JSON.stringify(json).slice(1, -1);
  return [...new Set([secret, html, xml, json, jsonInJson, encodeURIComponent(secret), json.replace(/\//g, '\\/')])];
}

export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else out.push(p);
  }
  return out.sort();
}

/** The searchable text of one output file (PDFs through pdftotext). */
export async function fileText(file: string): Promise<{ text: string; squeezed: boolean }> {
  if (file.endsWith('.pdf')) {
    // Long tokens carry zero-width spaces in the PDF so they can wrap (src/render/pdf/writer.ts): a secret is found across them.
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 256 << 20 });
    return { text: stdout.replace(/[\s\u200b]+/g, ''), squeezed: true };
  }
  return { text: (await fs.readFile(file)).toString('utf8'), squeezed: false };
}

export interface Leak {
  file: string;
  id: string;
  secret: string;
}

/** Every (file, corpus entry) pair where some form of one of the entry's secrets occurs. */
export async function scanForLeaks(dir: string, secrets: readonly { id: string; secret: string }[]): Promise<{ files: string[]; leaks: Leak[] }> {
  const files = await listFiles(dir);
  const leaks: Leak[] = [];
  for (const file of files) {
    const { text, squeezed } = await fileText(file);
    for (const { id, secret } of secrets) {
      const forms = encodings(squeezed ? secret.replace(/\s+/g, '') : secret);
      if (forms.some((f) => text.includes(f))) leaks.push({ file: path.relative(dir, file), id, secret });
    }
  }
  return { files: files.map((f) => path.relative(dir, f)), leaks };
}

/** Planted entries found per file, as a printable table (files with none included). */
export function leakTable(files: readonly string[], leaks: readonly Leak[], planted: number): string {
  const rows = files.map((f) => {
    const ids = [...new Set(leaks.filter((l) => l.file === f).map((l) => l.id))];
    return `${String(ids.length).padStart(3)} / ${planted}  ${f}${ids.length ? `  (${ids.join(', ')})` : ''}`;
  });
  return rows.join('\n');
}
