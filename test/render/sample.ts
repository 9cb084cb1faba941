/**
 * Render the fixture pack to look at it: `node dist/test/render/sample.js OUTDIR [en|nb]`.
 * Writes audit-pack.html, audit-pack.pdf, findings.sarif and findings.junit.xml into OUTDIR.
 */
import { renderPack } from '../../src/render';
import { renderInput } from './fixture';

async function main(): Promise<void> {
  const [out, lang = 'en'] = process.argv.slice(2);
  if (!out || (lang !== 'en' && lang !== 'nb')) {
    process.stderr.write('usage: node dist/test/render/sample.js OUTDIR [en|nb]\n');
    process.exitCode = 2;
    return;
  }
  const written = await renderPack(renderInput(lang), out, ['html', 'pdf', 'sarif', 'junit']);
  process.stdout.write(`${written.map((f) => `${out}/${f}`).join('\n')}\n`);
}

if (require.main === module) void main();
